//! The summary against the real server: nothing public before publication, a frozen snapshot
//! after it, exports that say what the page says, formula-proof CSV, who may publish.

use app::domain::staff::Role;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{TestApp, own_words, spawn_app};
use crate::moderate::{decide, next_item, press};

pub const ANSWERS: usize = 12;
const THEME: &str = "=HYPERLINK(\"http://example.com\")";

pub struct Closed {
    pub app: TestApp,
    pub id: i64,
    pub admin: String,
    pub moderator: String,
}

/// The demo with 12 responses, every written answer approved with a theme (one that a
/// spreadsheet would run) and the first as a quote; then the window and its grace period end.
pub async fn closed_and_moderated() -> Closed {
    let app = spawn_app().await;
    app.seed("demo", -60, 120).await;
    for i in 0..ANSWERS {
        let form = app.load_form("demo").await;
        app.take_time_to_answer();
        let answer =
            form.complete_answer(&format!("{}: apps should ask before sharing", own_words(i)));
        assert_eq!(app.post_form("/c/demo", &answer).await.status(), StatusCode::OK);
    }
    app.staff("moderator@example.org", Role::Moderator).await;
    let moderator = app.session_of("moderator@example.org").await;
    let mut first = true;
    while let Some(item) = next_item(&app, &moderator).await {
        let mut body = press(&app, item, "approve").await;
        body.push_str(&format!("&theme={}", urlencode(THEME)));
        if std::mem::take(&mut first) {
            body.push_str("&quote=on");
        }
        assert_eq!(decide(&app, &moderator, item, &body).await.status(), StatusCode::SEE_OTHER);
    }
    app.advance_minutes(60 + 16);
    app.staff("admin@example.org", Role::Admin).await;
    let admin = app.session_of("admin@example.org").await;
    let id = sqlx::query_scalar("SELECT id FROM consultations WHERE slug = 'demo'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    Closed { app, id, admin, moderator }
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

pub async fn publish(c: &Closed, cookie: &str) -> reqwest::Response {
    c.app.post_as(&format!("/admin/consultations/{}/publish", c.id), cookie, "").await
}

pub async fn json(app: &TestApp) -> Value {
    let response = app.get("/c/demo/summary.json").await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// The approved count of the first free-text question, as JSON says it.
fn approved(summary: &Value) -> Value {
    let questions = summary["summary"]["questions"].as_array().unwrap();
    let text =
        questions.iter().find_map(|q| q["result"].get("Text")).expect("a free-text question");
    text["approved"].clone()
}

#[tokio::test]
async fn nothing_is_public_before_publication() {
    let c = closed_and_moderated().await;
    for path in ["/c/demo/summary", "/c/demo/summary.json", "/c/demo/summary.csv"] {
        assert_eq!(c.app.get(path).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // Staff can read the draft meanwhile, marked as one.
    let draft = c.app.get_as(&format!("/admin/consultations/{}/summary", c.id), &c.moderator).await;
    assert_eq!(draft.status(), StatusCode::OK);
    let html = draft.text().await.unwrap();
    assert!(html.contains("Draft, not published."));
    assert!(html.contains(&format!("{ANSWERS} young people took part.")));
}

#[tokio::test]
async fn publishing_waits_until_late_answers_can_no_longer_arrive() {
    let app = spawn_app().await;
    app.seed("demo", -60, 60).await;
    app.staff("admin@example.org", Role::Admin).await;
    let admin = app.session_of("admin@example.org").await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM consultations WHERE slug = 'demo'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    // Closed a minute ago, but forms loaded in time may still be sent for 15 minutes.
    app.advance_minutes(1);
    let response = app.post_as(&format!("/admin/consultations/{id}/publish"), &admin, "").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.ends_with("/summary?not_closed"), "{location}");
    assert_eq!(app.count("summaries").await, 0);
    let page = app.get_as(&location, &admin).await.text().await.unwrap();
    assert!(page.contains("can be published once the consultation has closed"));
}

#[tokio::test]
async fn a_published_summary_stays_as_it_was_until_published_again() {
    let c = closed_and_moderated().await;
    let response = publish(&c, &c.admin).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/c/demo/summary");
    let first = json(&c.app).await;
    assert_eq!(first["version"], 1);
    assert_eq!(first["summary"]["participants"]["Count"], ANSWERS as u64);
    assert_eq!(approved(&first)["Count"], ANSWERS as u64);

    // Moderation goes on: one answer rejected, one whole response taken out as spam.
    let ids: Vec<i64> = sqlx::query_scalar("SELECT answer_id FROM reviews ORDER BY answer_id")
        .fetch_all(&c.app.db)
        .await
        .unwrap();
    let body = press(&c.app, ids[0], "reject:off_topic").await;
    let url = format!("/moderate/items/{}", ids[0]);
    assert_eq!(c.app.post_as(&url, &c.moderator, &body).await.status(), StatusCode::SEE_OTHER);
    let body = press(&c.app, ids[1], "spam_response").await;
    let url = format!("/moderate/items/{}", ids[1]);
    assert_eq!(c.app.post_as(&url, &c.moderator, &body).await.status(), StatusCode::SEE_OTHER);

    assert_eq!(json(&c.app).await, first, "what delegates read has not moved");
    let page = c.app.get("/c/demo/summary").await.text().await.unwrap();
    assert!(page.contains(&format!("{ANSWERS} young people took part.")));
    assert!(page.contains("Version 1, published"));

    assert_eq!(publish(&c, &c.admin).await.status(), StatusCode::SEE_OTHER);
    let second = json(&c.app).await;
    assert_eq!(second["version"], 2);
    assert_eq!(second["summary"]["participants"]["Count"], (ANSWERS - 1) as u64);
    assert_eq!(approved(&second)["Count"], (ANSWERS - 2) as u64);
    let page = c.app.get("/c/demo/summary").await.text().await.unwrap();
    assert!(page.contains("Version 2, published"));
    assert_eq!(c.app.count("summaries").await, 2, "version 1 is kept");
}

/// A small reader for the CSV we write: quoted fields, doubled quotes, CRLF lines.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let (mut row, mut field, mut quoted) = (vec![], String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

#[tokio::test]
async fn the_exports_say_what_the_page_says() {
    let c = closed_and_moderated().await;
    assert_eq!(publish(&c, &c.admin).await.status(), StatusCode::SEE_OTHER);
    let page = c.app.get("/c/demo/summary").await.text().await.unwrap();
    let summary = json(&c.app).await;
    let response = c.app.get("/c/demo/summary.csv").await;
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = read_csv(&response.text().await.unwrap());
    assert_eq!(
        csv[0],
        ["question", "answer", "dimension", "group", "count", "share_percent", "suppressed"]
    );

    let questions = summary["summary"]["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 6);
    for q in questions {
        let prompt = q["prompt"].as_str().unwrap();
        assert!(page.contains(&escape_html(prompt)), "the page has {prompt}");
        assert!(csv.iter().any(|row| row[0] == prompt), "the CSV has {prompt}");
        let Some(rows) = q["result"]["Choice"]["rows"]["Shown"].as_array() else { continue };
        for row in rows {
            let Some(count) = row["count"]["Count"].as_u64() else { continue };
            let in_csv =
                csv.iter().any(|r| r[0] == prompt && r[2] == "All" && r[4] == count.to_string());
            assert!(in_csv, "{prompt}: {count} in the CSV");
            // Everyone is 13–15 and from the Arab States: each breakdown repeats the count.
            let label = row["answer"]["Option"].as_str().map(str::to_owned);
            for (dimension, group) in [("Age band", "13–15"), ("Region", "Arab States")] {
                let cell = csv.iter().find(|r| {
                    r[0] == prompt
                        && r[2] == dimension
                        && r[3] == group
                        && label.as_ref().is_none_or(|l| &r[1] == l)
                        && r[4] == count.to_string()
                });
                assert!(cell.is_some(), "{prompt}: {count} for {group}");
            }
        }
    }
    let participants = csv.iter().find(|r| r[0] == "Participants" && r[2] == "All").unwrap();
    assert_eq!(participants[4], ANSWERS.to_string());
    assert!(page.contains(&format!("{ANSWERS} young people took part.")));

    // The theme a moderator typed is data, not a formula, in the CSV.
    let theme = csv.iter().find(|r| r[1].contains("HYPERLINK")).expect("the theme's row");
    assert_eq!(theme[1], format!("'{THEME}"));
    assert_eq!(theme[4], ANSWERS.to_string());
    // The quote and its theme are on the page.
    assert!(page.contains("apps should ask before sharing</blockquote>"), "the quote is shown");
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[tokio::test]
async fn only_organizers_publish_and_only_staff_read_the_draft() {
    let c = closed_and_moderated().await;
    let draft = format!("/admin/consultations/{}/summary", c.id);
    let anonymous = c.app.get(&draft).await;
    assert!(anonymous.status().is_redirection(), "{}", anonymous.status());
    assert_eq!(publish(&c, &c.moderator).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(publish(&c, "id=forged").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(c.app.count("summaries").await, 0);
    let moderator_view = c.app.get_as(&draft, &c.moderator).await.text().await.unwrap();
    assert!(!moderator_view.contains("/publish"), "no publish button for moderators");
}

#[tokio::test]
async fn delegates_read_the_summary_in_their_language_as_translated_when_published() {
    let c = closed_and_moderated().await;
    assert_eq!(publish(&c, &c.admin).await.status(), StatusCode::SEE_OTHER);
    // Translated after publication: the published summary keeps the Arabic it was frozen with.
    let title = app::domain::translation::field(&app::domain::translation::key(
        "Growing up online: what keeps you safe?",
    ));
    let path = format!("/admin/consultations/{}/translations/ar", c.id);
    let retitled =
        c.app.post_as(&path, &c.admin, &format!("{title}=%D8%AC%D8%AF%D9%8A%D8%AF")).await;
    assert_eq!(retitled.status(), StatusCode::SEE_OTHER);

    let arabic = c.app.get("/c/demo/summary?lang=ar").await.text().await.unwrap();

    assert!(arabic.contains(r#"dir="rtl""#));
    assert!(arabic.contains("النشأة على الإنترنت: ما الذي يحميك؟"), "the frozen Arabic title");
    // The page's own words, in the form Arabic gives a count of 11 to 99.
    assert!(arabic.contains(&format!("شارك {ANSWERS} شابًا.")), "the page's own words");
    assert!(arabic.contains("في يوم دراسي عادي، كم من الوقت تقضي على الإنترنت خارج المدرسة؟"));
    assert!(arabic.contains("من ساعة إلى 3 ساعات"), "answer options as translated");
    let chart = arabic.find("<svg").map(|i| &arabic[i..i + 200]).unwrap_or_default();
    assert!(chart.contains(r#"direction="rtl""#), "{chart}");
    assert!(
        arabic.contains(&format!(r#"lang="en">{THEME}</th>"#)),
        "a theme nobody translated is shown as written, marked English"
    );
    assert!(arabic.contains("apps should ask before sharing</blockquote>"), "quotes as written");
    assert!(arabic.contains(r#"role="note""#), "the note says some is in English");

    let french = c.app.get("/c/demo/summary?lang=fr").await.text().await.unwrap();
    assert!(french.contains(&format!("{ANSWERS} jeunes ont participé.")));
    assert!(french.contains("Grandir en ligne : qu’est-ce qui te protège ?"));
    assert!(french.contains(r#"<span dir="auto" lang="en">How safe do you feel online?</span>"#));
    assert!(french.contains("Comment cette synthèse a été faite"));
}
