//! Theme suggestions as anyone can check them on their own answers: `server themes`.

use app::domain::integrity::{HoldReason, HoldReasons};
use app::domain::language::Language;
use app::domain::question::QuestionKind;
use app::domain::scrub::scrub;
use app::domain::staff::Role;
use app::domain::submission::{Answer, Submission};
use app::storage::consultations;
use app::storage::group_commit::ResponseWriter;
use app::storage::responses::{Held, NewResponse};

use crate::helpers::{TestApp, location, run_server, spawn_app};

/// Answers to one question in the six languages, on three ideas, and two that fit none.
const ANSWERS: [(&str, &str); 20] = [
    ("privacy-en-1", "Apps should not share our photos and personal data without asking us"),
    (
        "privacy-fr",
        "Les applications ne devraient pas partager nos photos et nos données sans nous demander",
    ),
    (
        "privacy-es",
        "Las aplicaciones no deberían compartir nuestras fotos y datos personales sin preguntarnos",
    ),
    ("privacy-ar", "يجب ألا تشارك التطبيقات صورنا وبياناتنا الشخصية دون أن تسألنا"),
    ("privacy-ru", "Приложения не должны делиться нашими фото и личными данными, не спросив нас"),
    ("privacy-zh", "应用程序不应该在不问我们的情况下分享我们的照片和个人数据"),
    (
        "privacy-en-2",
        "companies sell our personal data and photos without asking, that should stop",
    ),
    ("bullying-en", "Schools must act faster when someone is bullied in group chats"),
    (
        "bullying-fr",
        "Les écoles doivent agir plus vite quand quelqu'un est harcelé dans les groupes de discussion",
    ),
    (
        "bullying-es",
        "Las escuelas deben actuar más rápido cuando alguien sufre acoso en los chats de grupo",
    ),
    ("bullying-ar", "يجب على المدارس أن تتحرك بسرعة أكبر عندما يتعرض أحد للتنمر في المجموعات"),
    ("bullying-ru", "Школы должны быстрее реагировать, когда кого-то травят в групповых чатах"),
    ("bullying-zh", "当有人在群聊中被欺负时，学校必须更快采取行动"),
    ("lessons-en", "We need lessons about online safety every year at school"),
    ("lessons-fr", "Nous avons besoin de cours sur la sécurité en ligne chaque année à l'école"),
    ("lessons-es", "Necesitamos clases sobre seguridad en internet cada año en la escuela"),
    ("lessons-ru", "Нам нужны уроки по безопасности в интернете каждый год в школе"),
    ("alone-1", "My favourite food is pizza with lots of cheese"),
    ("short", "ok"),
    ("empty", ""),
];

#[test]
fn the_command_line_groups_answers_across_languages_with_their_key_words() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("answers.jsonl");
    let lines: Vec<String> = ANSWERS
        .iter()
        .map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string())
        .collect();
    std::fs::write(&input, lines.join("\n")).unwrap();

    let out = run_server("sqlite::memory:", &["themes", "--input", input.to_str().unwrap()], "");

    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let results: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), ANSWERS.len(), "one line for each, in order");
    let group = |prefix: &str| -> Vec<&serde_json::Value> {
        results
            .iter()
            .filter(|r| r["id"].as_str().unwrap().starts_with(prefix))
            .map(|r| &r["group"])
            .collect()
    };
    for idea in ["privacy", "bullying", "lessons"] {
        let groups = group(idea);
        assert!(groups[0].is_u64(), "{idea} is a theme: {results:?}");
        assert!(groups.iter().all(|g| *g == groups[0]), "{idea}: all languages in one: {groups:?}");
    }
    assert_ne!(group("privacy")[0], group("bullying")[0]);
    assert_eq!(group("privacy")[0], 0, "the largest first");
    for alone in ["alone", "short", "empty"] {
        assert!(group(alone)[0].is_null(), "{alone}: no theme");
    }
    let words = |id: &str| results.iter().find(|r| r["id"] == id).unwrap()["words"].clone();
    assert!(
        words("privacy-en-1").as_array().unwrap().iter().any(|w| w == "photos"),
        "{}",
        words("privacy-en-1")
    );
    assert_eq!(words("alone-1"), serde_json::json!([]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("20 texts: embedded in"), "says what it did: {stderr}");
    assert!(stderr.contains("decisions one by one"), "and what deciding together saves: {stderr}");
}

/// The reading thread keeps each answer's sentence embedding as it reads it, so suggestions need
/// not read every answer again.
#[tokio::test]
async fn an_answer_read_for_meaning_keeps_its_embedding() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let form = app.load_form("demo").await;
    app.take_time_to_answer();
    let sent =
        app.post_form("/c/demo", &form.complete_answer("Teach online safety every year")).await;
    assert_eq!(sent.status(), reqwest::StatusCode::OK);

    let stored: Vec<Vec<u8>> =
        sqlx::query_scalar("SELECT vector FROM answer_vectors").fetch_all(&app.db).await.unwrap();
    assert_eq!(stored.len(), 1, "the one free-text answer");
    let vector = app::domain::themes::vector::unpack(&stored[0]).expect("a vector");
    assert_eq!(vector.len(), 512);
}

async fn answer(app: &TestApp, text: &str) {
    let form = app.load_form("demo").await;
    app.take_time_to_answer();
    let sent = app.post_form("/c/demo", &form.complete_answer(text)).await;
    assert_eq!(sent.status(), reqwest::StatusCode::OK);
}

async fn number(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

/// The answer holding `text`.
async fn id_of(app: &TestApp, text: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM answers WHERE text = $1")
        .bind(text)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// The demo's free-text question, as its answers hold it.
async fn free_text_question(app: &TestApp) -> i64 {
    number(app, "SELECT question_id FROM answers WHERE text IS NOT NULL LIMIT 1").await
}

/// How many audit entries record `action`.
async fn audited(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// A moderator reads a suggestion spanning the six languages, names it, and tags all its answers
/// in one audited decision; a held answer on the same idea is never in it; the decision undoes.
#[tokio::test]
async fn a_suggestion_accepted_tags_its_answers_in_one_decision_that_can_be_undone() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let privacy: Vec<&str> =
        ANSWERS.iter().filter(|(id, _)| id.starts_with("privacy")).map(|(_, t)| *t).collect();
    for text in &privacy {
        answer(&app, text).await;
    }
    answer(&app, "We need lessons about online safety every year at school").await;
    let held = "Apps must never share our photos or personal data without asking us first";
    let demo = consultations::by_slug(&app.db, "demo").await.unwrap().unwrap();
    let questions = consultations::questions(&app.db, demo.id).await.unwrap();
    let question = questions.iter().find(|q| matches!(q.kind, QuestionKind::FreeText { .. }));
    let question = question.unwrap().id;
    let text = Answer::Text { question_id: question, text: scrub(held), flag: None };
    let reasons = HoldReasons::default().with(HoldReason::Burst);
    ResponseWriter::start(app.db.clone())
        .store(NewResponse {
            consultation_id: demo.id,
            receipt_hash: "held".into(),
            submitted_hour: app.now(),
            arrived_at: app.now(),
            language: Language::En,
            partner_id: None,
            submission: Submission { demographics: Default::default(), answers: vec![text] },
            held: Some(Held { reasons, group: 3 }),
            flag_rank: 1,
            awaiting_meaning: false,
            vectors: Vec::new(),
            text: None,
        })
        .await
        .unwrap();
    app.staff("moderator@example.org", Role::Moderator).await;
    let session = app.session_of("moderator@example.org").await;

    let queue = app.get_as("/moderate", &session).await.text().await.unwrap();
    let link = format!("/moderate/themes?question={question}");
    assert!(queue.contains(&link), "the queue links each question's suggestions");
    let page = app.get_as(&link, &session).await.text().await.unwrap();
    let n = privacy.len();
    assert!(page.contains(&format!("Suggestion 1: answers {n}, in ")), "{page}");
    for language in ["العربية", "中文", "English", "Français", "Русский", "Español"]
    {
        assert!(page.contains(language), "spans {language}");
    }
    assert!(!page.contains(held), "a held answer is never grouped with counted ones");
    let ids = regex::Regex::new(r#"name="answers" value="([0-9,]+)""#).unwrap();
    let ids = ids.captures(&page).expect("the suggestion's form")[1].to_owned();
    assert_eq!(ids.split(',').count(), n);

    let refused = app
        .post_as(
            &format!("/moderate/themes/{question}"),
            &session,
            &format!("name=+&answers={ids}"),
        )
        .await;
    assert!(location(&refused).contains("bad_name=1"));
    assert_eq!(number(&app, "SELECT COUNT(*) FROM answer_themes").await, 0, "nothing tagged");

    let accepted = app
        .post_as(
            &format!("/moderate/themes/{question}"),
            &session,
            &format!("name=Privacy&answers={ids}"),
        )
        .await;
    let back = location(&accepted);
    assert!(back.contains("decided="), "{back}");
    assert_eq!(number(&app, "SELECT COUNT(*) FROM answer_themes").await, n as i64, "one decision");
    let audit: Vec<(String, String)> =
        sqlx::query_as("SELECT action, detail FROM audit_log ORDER BY at, id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert!(
        audit.contains(&("accepted theme suggestion".into(), format!("Privacy: {n} answers"))),
        "{audit:?}"
    );
    let page = app.get_as(&back, &session).await.text().await.unwrap();
    assert!(page.contains(&format!("Tagged with “Privacy”: {n} answers.")), "{page}");
    let item = app.get_as("/moderate", &session).await.text().await.unwrap();
    assert!(item.contains("Privacy"), "the theme is the question's, offered on each answer");

    // A new answer on the idea is offered the theme, one key away.
    let later = "Please stop apps from sharing our photos and our data without asking us";
    answer(&app, later).await;
    let later = id_of(&app, later).await;
    let item =
        app.get_as(&format!("/moderate/items/{later}"), &session).await.text().await.unwrap();
    assert!(item.contains("Nearest in meaning: “Privacy”."), "{item}");
    assert!(item.contains(r#"value="Privacy" data-key="y" accesskey="y""#), "{item}");

    let undo = regex::Regex::new(r#"action="(/moderate/themes/undo/-?\d+)"#).unwrap();
    let undo = undo.captures(&page).expect("an undo button")[1].to_owned();
    let undone = app.post_as(&undo, &session, "").await;
    assert_eq!(number(&app, "SELECT COUNT(*) FROM answer_themes").await, 0, "undone exactly");
    let page = app.get_as(&location(&undone), &session).await.text().await.unwrap();
    assert!(page.contains("no longer carry “Privacy”"), "{page}");
    let undid =
        number(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'undid theme suggestion'");
    assert_eq!(undid.await, 1);
    assert_eq!(
        app.post_as(&undo, &session, "").await.status(),
        reqwest::StatusCode::SEE_OTHER,
        "twice: nothing more"
    );
    assert_eq!(
        number(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'undid theme suggestion'")
            .await,
        1
    );
    let item =
        app.get_as(&format!("/moderate/items/{later}"), &session).await.text().await.unwrap();
    assert!(!item.contains("nearest-theme"), "no answer carries it now");
}

/// A moderator opens the answers most alike the one in front of them, in any language, and
/// approves them together, tagged; a disclosure is never among them, even if its id is sent.
#[tokio::test]
async fn alike_answers_are_approved_together_but_never_a_flagged_one() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let privacy: Vec<&str> =
        ANSWERS.iter().filter(|(id, _)| id.starts_with("privacy")).map(|(_, t)| *t).collect();
    for text in &privacy {
        answer(&app, text).await;
    }
    let disclosure = "a guy online has my private photos and says he will share them unless I pay";
    answer(&app, disclosure).await;
    let (first, flagged) = (id_of(&app, privacy[0]).await, id_of(&app, disclosure).await);
    app.staff("moderator@example.org", Role::Moderator).await;
    let session = app.session_of("moderator@example.org").await;

    let item =
        app.get_as(&format!("/moderate/items/{first}"), &session).await.text().await.unwrap();
    assert!(item.contains(&format!("href=\"/moderate/similar/{first}")), "linked from the answer");
    let page =
        app.get_as(&format!("/moderate/similar/{first}"), &session).await.text().await.unwrap();
    for text in &privacy[1..] {
        assert!(page.contains(&text.replace('\'', "&#x27;")), "{text}, in full: {page}");
    }
    assert!(!page.contains(disclosure), "a disclosure is never offered");
    let alone = app.get_as(&format!("/moderate/similar/{flagged}"), &session).await.text().await;
    assert!(alone.unwrap().contains("id=\"never-batched\""));

    let ids = regex::Regex::new(r#"name="answer" value="(-?\d+)""#).unwrap();
    let mut body: Vec<String> =
        ids.captures_iter(&page).map(|c| format!("answer={}", &c[1])).collect();
    assert_eq!(body.len(), privacy.len(), "the one in front and the others, ticked");
    body.push(format!("answer={flagged}"));
    body.push("theme=Privacy".into());
    let sent = app.post_as(&format!("/moderate/similar/{first}"), &session, &body.join("&")).await;
    assert_eq!(sent.status(), reqwest::StatusCode::SEE_OTHER);

    let approved = number(&app, "SELECT COUNT(*) FROM reviews WHERE status = 'approved'").await;
    assert_eq!(approved, privacy.len() as i64);
    let pending: String = sqlx::query_scalar("SELECT status FROM reviews WHERE answer_id = $1")
        .bind(flagged)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(pending, "pending", "the disclosure waits for its own decision");
    assert_eq!(number(&app, "SELECT COUNT(*) FROM answer_themes").await, privacy.len() as i64);
    let audited = number(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'approved answer'");
    assert_eq!(audited.await, privacy.len() as i64, "each its own decision");
}

/// How many answers carry the question's theme spelt `name`.
async fn carrying(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM answer_themes x JOIN themes t ON t.id = x.theme_id WHERE t.name = $1",
    )
    .bind(name)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// A moderator renames a theme, merges another into it, splits some answers off, drops a theme
/// and respells one: each change moves exactly the answers it names in one audited decision,
/// and undoing it puts them back; themes no answer carries are offered nowhere.
#[tokio::test]
async fn themes_are_renamed_merged_split_and_dropped_each_undoably() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let texts: Vec<(&str, &str)> = ANSWERS
        .iter()
        .filter(|(id, _)| id.starts_with("privacy") || id.starts_with("lessons"))
        .copied()
        .collect();
    for (_, text) in &texts {
        answer(&app, text).await;
    }
    let mut ids = std::collections::BTreeMap::new();
    for (key, text) in &texts {
        ids.insert(*key, id_of(&app, text).await);
    }
    let of = |prefix: &str| -> Vec<String> {
        ids.iter().filter(|(k, _)| k.starts_with(prefix)).map(|(_, id)| id.to_string()).collect()
    };
    let (privacy, lessons) = (of("privacy"), of("lessons"));
    let question = free_text_question(&app).await;
    app.staff("moderator@example.org", Role::Moderator).await;
    let session = app.session_of("moderator@example.org").await;
    let post = |path: String, body: String| {
        let (app, session) = (&app, &session);
        async move { location(&app.post_as(&path, session, &body).await) }
    };
    let page = |at: String| {
        let (app, session) = (&app, &session);
        // Without Leptos' markers between text parts.
        async move { app.get_as(&at, session).await.text().await.unwrap().replace("<!>", "") }
    };
    let change = |what: &str| format!("/moderate/themes/{question}/{what}");
    for (name, answers) in [("Privacy", &privacy), ("Lessons", &lessons)] {
        let body = format!("name={name}&answers={}", answers.join(","));
        assert!(post(format!("/moderate/themes/{question}"), body).await.contains("decided="));
    }
    let (p, l) = (privacy.len() as i64, lessons.len() as i64);
    let listed = page(format!("/moderate/themes?question={question}")).await;
    assert!(listed.contains("This question's themes"), "{listed}");
    assert!(listed.contains(&format!("<strong dir=\"auto\">Privacy</strong> · {p} answers")));

    // Renamed, then undone exactly.
    let renamed = post(change("rename"), "from=Privacy&name=Data".into()).await;
    assert_eq!((carrying(&app, "Privacy").await, carrying(&app, "Data").await), (0, p));
    let shown = page(renamed).await;
    assert!(
        shown.contains(&format!("Moved to “Data”: {p} answers that carried “Privacy”.")),
        "{shown}"
    );
    assert!(!shown.contains("<strong dir=\"auto\">Privacy</strong>"), "an empty theme is gone");
    let undo_of = |html: &str| {
        let undo = regex::Regex::new(r#"action="(/moderate/themes/undo/-?\d+)"#).unwrap();
        undo.captures(html).expect("an undo button")[1].to_owned()
    };
    let undone = page(post(undo_of(&shown), String::new()).await).await;
    assert!(undone.contains(&format!("Undone: the answers ({p}) carry “Privacy” again.")));
    assert_eq!((carrying(&app, "Privacy").await, carrying(&app, "Data").await), (p, 0));

    // Merged into an existing theme, whatever the case typed; the emptied one is offered nowhere.
    post(change("rename"), "from=Lessons&name=privacy".into()).await;
    assert_eq!((carrying(&app, "Privacy").await, carrying(&app, "Lessons").await), (p + l, 0));
    let item = page(format!("/moderate/items/{}", lessons[0])).await;
    assert!(item.contains(r#"name="theme" value="Privacy""#), "{item}");
    assert!(!item.contains(r#"value="Lessons""#), "a theme no answer carries is not offered");

    // Split: the ticked answers to a theme of their own (the emptied one, spelt anew).
    let split = page(format!("/moderate/themes/split?question={question}&from=Privacy")).await;
    let boxes = regex::Regex::new(r#"name="answer" value="(-?\d+)""#).unwrap();
    assert_eq!(boxes.captures_iter(&split).count() as i64, p + l, "every answer, in full");
    let nothing = post(change("split"), "from=Privacy&name=Schools".into()).await;
    assert!(nothing.contains("/moderate/themes/split?") && nothing.contains("none=1"), "{nothing}");
    assert!(nothing.contains("name=Schools"), "what was typed comes back: {nothing}");
    assert!(page(nothing).await.contains("value=\"Schools\""));
    let ticked: Vec<String> = lessons.iter().map(|id| format!("answer={id}")).collect();
    let body = format!("from=Privacy&name=lessons&{}", ticked.join("&"));
    let moved = page(post(change("split"), body).await).await;
    assert!(moved.contains(&format!("Moved to “lessons”: {l} answers")), "{moved}");
    assert_eq!((carrying(&app, "Privacy").await, carrying(&app, "lessons").await), (p, l));

    // Dropped, then undone.
    let dropped = page(post(change("drop"), "from=lessons".into()).await).await;
    assert!(dropped.contains(&format!("Dropped “lessons” from {l} answers.")), "{dropped}");
    assert_eq!(carrying(&app, "lessons").await, 0);
    post(undo_of(&dropped), String::new()).await;
    assert_eq!(carrying(&app, "lessons").await, l);

    // Respelled: the same theme, every answer keeps it; no name, or a theme gone: nothing moves.
    let respelled = post(change("rename"), "from=Privacy&name=PRIVACY".into()).await;
    assert!(respelled.contains("respelled=1"), "{respelled}");
    assert_eq!(carrying(&app, "PRIVACY").await, p);
    assert!(post(change("rename"), "from=PRIVACY&name=+".into()).await.contains("bad_name=1"));
    assert!(post(change("drop"), "from=Gone".into()).await.contains("unchanged=1"));
    assert_eq!(carrying(&app, "PRIVACY").await, p);
    assert_eq!(app.post_as(&change("recolour"), &session, "from=PRIVACY").await.status(), 404);

    let moved = audited(&app, "moved answers to another theme").await;
    assert_eq!(moved, 4, "rename, merge, split, respell");
    assert_eq!(audited(&app, "dropped theme").await, 1);
    assert_eq!(audited(&app, "undid theme change").await, 2);
}

/// Suggestions a moderator opened are made again in the background as answers arrive, so the
/// queue says how many there are and the page shows the new ones without grouping on demand.
#[tokio::test]
async fn suggestions_follow_the_answers_as_they_arrive() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let idea = |prefix: &'static str| {
        ANSWERS.iter().filter(move |(id, _)| id.starts_with(prefix)).map(|(_, t)| *t)
    };
    for text in idea("privacy").chain(idea("bullying")) {
        answer(&app, text).await;
    }
    let question = free_text_question(&app).await;
    app.staff("moderator@example.org", Role::Moderator).await;
    let session = app.session_of("moderator@example.org").await;
    let queue = || async { app.get_as("/moderate", &session).await.text().await.unwrap() };
    assert!(!queue().await.contains(" suggestions)"), "none made before anyone looks");

    let page = app.get_as(&format!("/moderate/themes?question={question}"), &session).await;
    assert!(page.text().await.unwrap().contains("Suggestions: 2."));
    assert!(queue().await.contains("(2 suggestions)"));

    for text in idea("lessons") {
        answer(&app, text).await;
    }
    let mut waited = 0;
    while !queue().await.contains("(3 suggestions)") {
        waited += 1;
        assert!(waited < 120, "the new idea is suggested within a minute");
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    let page = app.get_as(&format!("/moderate/themes?question={question}"), &session).await;
    assert!(page.text().await.unwrap().contains("Suggestions: 3."));
}
