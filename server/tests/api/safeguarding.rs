//! Answers that may disclose harm are flagged at ingest and the young person sees urgent help first.

use app::state::Clock;
use reqwest::StatusCode;
use server::startup::Application;

use app::domain::staff::Role;

use app::domain::integrity::{HoldReason, HoldReasons};
use app::domain::language::Language;
use app::domain::question::QuestionKind;
use app::domain::scrub::scrub;
use app::domain::submission::{Answer, Submission};
use app::storage::consultations;
use app::storage::group_commit::ResponseWriter;
use app::storage::responses::{Held, NewResponse};

use crate::helpers::{TestApp, run_server, spawn_app, spawn_app_with, test_config, visible};
use crate::moderate::next_item;

/// The thank-you page as it shows.
async fn answer(app: &TestApp, text: &str) -> String {
    let form = app.load_form("demo").await;
    app.take_time_to_answer();
    let response = app.post_form("/c/demo", &form.complete_answer(text)).await;
    assert_eq!(response.status(), StatusCode::OK);
    visible(&response.text().await.unwrap())
}

async fn stored_concern(app: &TestApp) -> Option<String> {
    sqlx::query_scalar("SELECT concern FROM reviews").fetch_one(&app.db).await.unwrap()
}

#[tokio::test]
async fn a_worrying_answer_is_flagged_and_urgent_help_comes_before_the_receipt() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;

    let html = answer(&app, "Honestly some days I want to die because of the comments").await;

    let urgent = html.find("You deserve to be safe").expect("urgent help shown");
    let receipt = html.find("Your receipt code").expect("receipt shown");
    assert!(urgent < receipt, "help comes first");
    assert_eq!(stored_concern(&app).await.as_deref(), Some("self_harm"));
}

/// Both thank-yous are rendered once for many (`routes::stamped`): one kept for a worrying answer
/// must never be shown after an ordinary one, nor the other way round.
#[tokio::test]
async fn urgent_help_follows_each_answer_of_its_own() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;

    let worrying = "Honestly some days I want to die because of the comments";
    for (text, urgent) in [(worrying, true), ("Teach privacy", false), (worrying, true)] {
        let html = answer(&app, text).await;
        assert_eq!(html.contains("You deserve to be safe"), urgent, "after {text:?}");
    }
}

#[tokio::test]
async fn an_ordinary_answer_is_not_flagged_and_helplines_still_follow() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;

    let html = answer(&app, "Schools should teach about bullying and privacy").await;

    assert!(!html.contains("You deserve to be safe"));
    let receipt = html.find("Your receipt code").unwrap();
    let helplines = html.find("Need to talk to someone?").expect("helplines always shown");
    assert!(receipt < helplines);
    assert_eq!(stored_concern(&app).await, None);
}

#[tokio::test]
async fn lists_added_by_staff_extend_the_detector() {
    let lists = tempfile::tempdir().unwrap();
    std::fs::write(lists.path().join("en-local.txt"), "[grooming]\nmeet me alone\n").unwrap();
    let dir = lists.path().to_path_buf();
    let app = spawn_app_with(move |c| c.detector.safeguarding_dir = Some(dir)).await;
    app.seed("demo", -60, 24 * 60).await;

    answer(&app, "A gamer said meet me alone at the park").await;

    assert_eq!(stored_concern(&app).await.as_deref(), Some("grooming"));
}

#[tokio::test]
async fn a_malformed_list_stops_the_start_naming_file_and_line() {
    let lists = tempfile::tempdir().unwrap();
    std::fs::write(lists.path().join("en-broken.txt"), "[grooming]\nok\n[sadness]\n").unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut config = test_config(format!("sqlite://{}/x.db", data.path().display()), data.path());
    config.detector.safeguarding_dir = Some(lists.path().to_path_buf());

    let error = Application::build(&config, Clock::System)
        .await
        .err()
        .expect("refuses to start")
        .to_string();

    assert!(error.contains("en-broken.txt, line 3: unknown category"), "{error}");
}

#[tokio::test]
async fn organizers_list_helplines_that_every_thank_you_page_shows() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    app.staff("admin@example.org", app::domain::staff::Role::Admin).await;
    let admin = app.session_of("admin@example.org").await;

    // A bad line saves nothing, names the line and keeps what was typed.
    let typed = "Childline | 0800 1111\nAsk Us Anything";
    let body =
        form_urlencoded::Serializer::new(String::new()).append_pair("helplines", typed).finish();
    let response = app.post_as("/admin/helplines", &admin, &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Line 2: write the name"));
    assert!(html.contains("Ask Us Anything"));
    // Said in the organizer's language, like every other problem with a form.
    let response = app.post_as("/admin/helplines?lang=fr", &admin, &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("Ligne 2 : écrivez le nom"));
    assert!(!answer(&app, "Schools should teach privacy").await.contains("Childline"));

    let typed = "Childline | 0800 1111\nKids Help Phone | https://kidshelpphone.ca/";
    let body =
        form_urlencoded::Serializer::new(String::new()).append_pair("helplines", typed).finish();
    assert_eq!(app.post_as("/admin/helplines", &admin, &body).await.status(), StatusCode::OK);

    let html = answer(&app, "Schools should teach privacy").await;
    assert!(html.contains(r#"href="tel:08001111""#), "a phone number is a tel: link");
    assert!(html.contains(r#"href="https://kidshelpphone.ca/""#));
    assert!(html.contains("childhelplineinternational.org"), "the directory stays");
    let html = answer(&app, "Honestly some days I want to die because of the comments").await;
    let urgent = html.find("You deserve to be safe").unwrap();
    let listed = html.find(r#"href="tel:08001111""#).unwrap();
    assert!(
        urgent < listed && listed < html.find("Your receipt code").unwrap(),
        "within urgent help"
    );

    // Moderators cannot change the list.
    app.staff("mod@example.org", app::domain::staff::Role::Moderator).await;
    let moderator = app.session_of("mod@example.org").await;
    assert_eq!(
        app.post_as("/admin/helplines", &moderator, &body).await.status(),
        StatusCode::FORBIDDEN
    );
}

/// Disclosures as children wrote them, each in its language: missed by the phrase lists of
/// before, each a different concern.
const OWN_WORDS: [(&str, &str, &str); 8] = [
    (
        "en",
        "self_harm",
        "the girls in my class made a group to laugh at me and I don't want to live anymore",
    ),
    (
        "en",
        "sextortion",
        "a guy online says he will send my photos to my whole school unless I pay him",
    ),
    (
        "en",
        "grooming",
        "someone I met in a game keeps asking me for pictures and says I must not tell my mum",
    ),
    ("es", "self_harm", "a veces me corto los brazos para no sentir nada"),
    ("fr", "self_harm", "je me fais du mal le soir parce que je n'en peux plus"),
    ("ar", "grooming", "واحد تعرفت عليه في لعبة بيطلب صوري وبيقولي ما تقولي لأهلك"),
    ("ru", "grooming", "взрослый парень из игры просит мои фото и говорит никому не рассказывать"),
    ("zh", "self_harm", "我真的不想活了 每天都很累"),
];

/// Each gets the flagged thank-you (urgent help first), in the child's language, and is read
/// before an ordinary answer sent earlier; the moderator is told why it was flagged.
#[tokio::test]
async fn disclosures_in_children_s_own_words_are_flagged_in_six_languages() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    answer(&app, "We need more lessons about privacy and passwords at school").await;

    for (lang, _, text) in OWN_WORDS {
        // The reading thread is free (a busy one stores the answer to read it a moment later:
        // `answers_stored_unread_are_read_later…` below), as on a quiet server.
        app.until_read_for_meaning().await;
        let form = app.load_form("demo").await;
        app.take_time_to_answer();
        let mut fields = form.complete_answer(text);
        fields.retain(|(name, _)| name != "lang");
        fields.push(("lang".to_owned(), lang.to_owned()));
        let response = app.post_form("/c/demo", &fields).await;
        assert_eq!(response.status(), StatusCode::OK);
        let html = response.text().await.unwrap();
        assert!(html.contains("class=\"helplines urgent\""), "urgent help for {text}: {html}");
        assert!(html.contains(&format!("lang=\"{lang}\"")), "in the child's language");
    }

    let flagged: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT a.text, v.concern FROM reviews v JOIN answers a ON a.id = v.answer_id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    for (_, concern, text) in OWN_WORDS {
        let stored = flagged.iter().find(|(t, _)| t == text).and_then(|(_, c)| c.as_deref());
        assert_eq!(stored, Some(concern), "{text}");
    }
    app.staff("moderator@example.org", Role::Moderator).await;
    let session = app.session_of("moderator@example.org").await;
    let first = next_item(&app, &session).await.expect("an answer to read");
    let item = app.get_as(&format!("/moderate/items/{first}"), &session).await.text().await;
    let item = item.unwrap();
    assert!(item.contains("class=\"flag\""), "a disclosure first, not the earlier opinion");
    assert!(item.contains("id=\"flag-why\""), "saying why: {item}");
    assert!(item.contains("Why it is flagged:"), "{item}");
}

/// An organizer tries the detector on their own examples before a consultation.
#[tokio::test]
async fn the_command_line_says_what_each_line_may_disclose_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("answers.jsonl");
    let mut lines: Vec<String> = OWN_WORDS
        .iter()
        .enumerate()
        .map(|(i, (lang, _, text))| {
            serde_json::json!({"id": i, "text": text, "language": lang}).to_string()
        })
        .collect();
    lines.push(
        r#"{"id": "x", "text": "Schools should teach about bullying", "language": "en"}"#.into(),
    );
    std::fs::write(&input, lines.join("\n")).unwrap();

    let out =
        run_server("sqlite::memory:", &["safeguarding", "--input", input.to_str().unwrap()], "");

    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let results: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), OWN_WORDS.len() + 1);
    for (i, (_, concern, _)) in OWN_WORDS.iter().enumerate() {
        assert_eq!(results[i]["id"], i, "in order, with its id");
        assert_eq!(results[i]["concern"], *concern, "{}", results[i]);
        let why = &results[i]["why"];
        assert!(why.get("rule").is_some() || why.get("example").is_some(), "{why}");
    }
    let last = &results[OWN_WORDS.len()];
    assert_eq!(
        (last["id"].as_str(), &last["concern"], &last["why"]),
        (Some("x"), &serde_json::Value::Null, &serde_json::Value::Null)
    );
}

/// Read for meaning only: no rule matches it (asserted below), its meaning is a disclosure.
const MEANING_ONLY: &str = "I feel like everything would be better without me here";

/// A response stored while the reader was busy: its free text is `MEANING_ONLY`, unread.
async fn stored_unread(app: &TestApp, key: &str, held: Option<Held>) {
    let demo = consultations::by_slug(&app.db, "demo").await.unwrap().unwrap();
    let questions = consultations::questions(&app.db, demo.id).await.unwrap();
    let free_text = questions.iter().find(|q| matches!(q.kind, QuestionKind::FreeText { .. }));
    let answer =
        Answer::Text { question_id: free_text.unwrap().id, text: scrub(MEANING_ONLY), flag: None };
    let response = NewResponse {
        consultation_id: demo.id,
        receipt_hash: key.to_owned(),
        submitted_hour: app.now(),
        arrived_at: app.now(),
        language: Language::En,
        partner_id: None,
        submission: Submission { demographics: Default::default(), answers: vec![answer] },
        held,
        flag_rank: 2,
        awaiting_meaning: true,
        vectors: Vec::new(),
        text: None,
    };
    ResponseWriter::start(app.db.clone()).store(response).await.unwrap();
}

/// Answers stored unread while the reader was busy (here: before a restart) are read as soon as
/// it is free and flagged as at ingest, a held one included; meanwhile moderators are told, and
/// a held group with unread text cannot be discarded.
#[tokio::test]
async fn answers_stored_unread_are_read_later_and_flagged_as_at_ingest() {
    let detector = server::safeguarding::detector(&Default::default()).unwrap();
    assert!(detector.meaning().is_some(), "the encoder is installed (scripts/setup.sh)");
    assert_eq!(detector.flag_by_rules(MEANING_ONLY, Some(Language::En)), None, "no rule");
    assert!(detector.flag_by_meaning(MEANING_ONLY).is_some(), "but its meaning");

    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    stored_unread(&app, "counted", None).await;
    let reasons = HoldReasons::default().with(HoldReason::Burst);
    stored_unread(&app, "held", Some(Held { reasons, group: 7 })).await;
    // The running server was not told of them (they bypassed its answer form): they wait.
    assert_eq!(app.awaiting_meaning().await, 2);
    app.staff("moderator@example.org", Role::Moderator).await;
    let session = app.session_of("moderator@example.org").await;
    let queue = app.get_as("/moderate", &session).await.text().await.unwrap();
    assert!(queue.contains("Answers still being read for safeguarding: 2."), "{queue}");
    let lane = app.get_as("/moderate/held", &session).await.text().await.unwrap();
    let action = regex::Regex::new(r#"action="(/moderate/held/\d+/-?\d+)[?"]"#).unwrap();
    let group = action.captures(&lane).expect("held in the lane")[1].to_owned();
    let refused = app.post_as(&group, &session, "decision=confirm").await;
    assert!(refused.headers()["location"].to_str().unwrap().contains("unread="));

    // A restart finds them and reads them.
    let restarted = app.another_instance().await;
    restarted.until_read_for_meaning().await;
    let flags: Vec<(Option<String>, i64, i64)> =
        sqlx::query_as("SELECT concern, held, flag_rank FROM reviews ORDER BY held")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(flags.len(), 2, "the held answer's review is made for its flag: {flags:?}");
    assert!(flags.iter().all(|(concern, _, rank)| concern.is_some() && *rank == 2), "{flags:?}");
    assert_eq!(flags.iter().map(|f| f.1).collect::<Vec<_>>(), [0, 1], "one held");
    let queue = app.get_as("/moderate", &session).await.text().await.unwrap();
    assert!(!queue.contains("still being read for safeguarding"), "{queue}");
    let first = next_item(&app, &session).await.expect("an answer to read");
    let item = app.get_as(&format!("/moderate/items/{first}"), &session).await.text().await;
    assert!(item.unwrap().contains("id=\"flag-why\""), "flagged, saying why");
}
