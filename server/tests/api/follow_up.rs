//! "What happened next": after publication, organizers tell young people what the meeting did
//! with their views, in four parts each optional (who received them, what was decided and why,
//! what was not taken up and why, when the next update comes); it stands at the top of the
//! consultation's page and of the summary, and in its JSON, each part translated like every other
//! text. Until then, the thank-you and closed pages say when and where to come back. Only admins
//! write it, and only once the summary is published.

use app::domain::translation::{field, key};
use reqwest::StatusCode;

use crate::helpers::{TestApp, spawn_app, visible};
use crate::summary::{Closed, closed_and_moderated, json, publish};

const TOLD: &str = "The meeting agreed to ask apps for safer settings by default.\r\n\r\n\
                    Delegates quoted your words in their report.";
const TOLD_FR: &str = "La réunion a demandé aux applications des réglages plus sûrs par défaut.";
const RECEIVED: &str = "The working group's 25th meeting, and its report to the Council.";
const NEXT: &str = "In June, when the Council has read the report.";
const COME_BACK: &str = "come back to this page to read what they did with it";

/// Writes what was decided (`text`) and nothing else.
async fn write(c: &Closed, cookie: &str, text: &str) -> reqwest::Response {
    write_parts(c, cookie, &[("decided", text)]).await
}

async fn write_parts(c: &Closed, cookie: &str, parts: &[(&str, &str)]) -> reqwest::Response {
    let mut body = form_urlencoded::Serializer::new(String::new());
    for (part, text) in parts {
        body.append_pair(part, text);
    }
    let path = format!("/admin/consultations/{}/follow-up", c.id);
    c.app.post_as(&path, cookie, &body.finish()).await
}

/// What was decided, what comes next and when it was written, as stored.
async fn stored(app: &TestApp) -> (Option<String>, Option<String>, Option<i64>) {
    sqlx::query_as(
        "SELECT follow_up_decided, follow_up_next, follow_up_at FROM consultations \
         WHERE slug = 'demo'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn audited(app: &TestApp) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT action, subject, detail FROM audit_log \
         WHERE action LIKE '%what happened next' ORDER BY at, id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

async fn page(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.text().await.unwrap()
}

/// Where `needle` first stands in `html`, which must contain it.
fn at(html: &str, needle: &str) -> usize {
    html.find(needle).unwrap_or_else(|| panic!("{needle} is not on the page"))
}

#[tokio::test]
async fn organizers_tell_what_happened_next_on_the_page_the_summary_and_the_json() {
    let c = closed_and_moderated().await;
    assert_eq!(publish(&c, &c.admin).await.status(), StatusCode::SEE_OTHER);
    let edit = c.app.get_as(&format!("/admin/consultations/{}", c.id), &c.admin).await;
    assert!(edit.text().await.unwrap().contains(r#"<h2 id="follow-up">What happened next"#));

    let written =
        write_parts(&c, &c.admin, &[("received", RECEIVED), ("decided", TOLD), ("next", NEXT)])
            .await;

    assert_eq!(written.status(), StatusCode::SEE_OTHER);
    let location = written.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, format!("/admin/consultations/{}?follow_up_saved#follow-up", c.id));
    let now = c.app.now();
    let text = TOLD.replace("\r\n", "\n");
    assert_eq!(stored(&c.app).await, (Some(text.clone()), Some(NEXT.into()), Some(now)));
    let edit = c.app.get_as(&format!("/admin/consultations/{}", c.id), &c.admin).await;
    let edit = edit.text().await.unwrap();
    assert!(edit.contains(r#"name="next" rows="4""#), "a field per part");
    assert!(edit.contains(NEXT), "written, it reads back in its field");

    let public = page(&c.app, "/c/demo").await;
    let first = "The meeting agreed to ask apps for safer settings by default.";
    assert!(public.contains(&format!(r#"<p dir="auto">{first}</p>"#)), "a paragraph each");
    assert!(public.contains(r#"<p dir="auto">Delegates quoted your words in their report.</p>"#));
    assert!(at(&public, "What happened next") < at(&public, "closed-title"), "at the top");
    let (who, what, when) = (
        at(&public, "<h3 id=\"follow-up-received\">Who received your views</h3>"),
        at(&public, "<h3 id=\"follow-up-decided\">What was decided, and why</h3>"),
        at(&public, "<h3 id=\"follow-up-next\">When the next update comes</h3>"),
    );
    assert!(who < at(&public, RECEIVED) && at(&public, RECEIVED) < what, "each part under its own");
    assert!(what < when && when < at(&public, NEXT), "in the order feedback is given");
    assert!(!public.contains("What was not taken up"), "a part not written is not shown");
    assert!(!public.contains(COME_BACK), "nothing left to come back for");

    let summary = page(&c.app, "/c/demo/summary").await;
    assert!(at(&summary, first) < at(&summary, r#"id="who""#), "at the top of the summary");
    assert!(summary.contains(NEXT));
    let data = json(&c.app).await;
    assert_eq!(data["follow_up"]["parts"]["decided"]["text"], text.as_str());
    assert_eq!(data["follow_up"]["parts"]["next"]["text"], NEXT);
    assert_eq!(data["follow_up"]["parts"]["received"]["text"], RECEIVED);
    assert!(data["follow_up"]["parts"]["not_taken"].is_null());
    assert_eq!(data["follow_up"]["language"], "En");
    assert_eq!(data["follow_up"]["written_at"], now);
    let characters = |t: &str| t.chars().count();
    let detail = format!(
        "received ({} characters), decided ({} characters), next ({} characters)",
        characters(RECEIVED),
        characters(&text),
        characters(NEXT)
    );
    assert_eq!(audited(&c.app).await, [("wrote what happened next".into(), "demo".into(), detail)]);

    // Emptied, it is taken down: the closed page says when to come back again.
    c.app.advance_minutes(1);
    assert_eq!(write(&c, &c.admin, " ").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(stored(&c.app).await, (None, None, None));
    let public = page(&c.app, "/c/demo").await;
    assert!(!public.contains(first) && public.contains(COME_BACK));
    assert!(json(&c.app).await["follow_up"].is_null());
    assert_eq!(audited(&c.app).await[1].0, "took down what happened next");
}

#[tokio::test]
async fn what_happened_next_reads_in_french_once_translated_and_is_marked_until_then() {
    let c = closed_and_moderated().await;
    publish(&c, &c.admin).await;
    write(&c, &c.admin, TOLD).await;
    let first = "The meeting agreed to ask apps for safer settings by default.";

    let untranslated = page(&c.app, "/c/demo?lang=fr").await;
    assert!(untranslated.contains(&format!(r#"<p dir="auto" lang="en">{first}</p>"#)));
    assert!(untranslated.contains("Et ensuite ?"), "its heading in French");
    assert!(visible(&untranslated).contains("langue d’origine"), "the untranslated note");

    let path = format!("/admin/consultations/{}/translations/fr", c.id);
    let form = c.app.get_as(&path, &c.admin).await.text().await.unwrap();
    let told = TOLD.replace("\r\n", "\n");
    let name = field(&key(&told));
    assert!(form.contains(&format!(r#"name="{name}""#)), "a field on the translation page");
    let body = form_urlencoded::Serializer::new(String::new()).append_pair(&name, TOLD_FR).finish();
    assert_eq!(c.app.post_as(&path, &c.admin, &body).await.status(), StatusCode::SEE_OTHER);

    let french = page(&c.app, "/c/demo?lang=fr").await;
    assert!(french.contains(&format!(r#"<p dir="auto">{TOLD_FR}</p>"#)), "unmarked");
    assert!(!french.contains(first));
    let summary = page(&c.app, "/c/demo/summary?lang=fr").await;
    assert!(summary.contains(TOLD_FR) && !summary.contains(first));
    assert_eq!(json(&c.app).await["follow_up"]["parts"]["decided"]["translations"]["Fr"], TOLD_FR);
    assert!(page(&c.app, "/c/demo?lang=es").await.contains(&format!(r#"lang="en">{first}"#)));
}

#[tokio::test]
async fn before_publication_or_too_long_nothing_is_written_and_the_text_is_kept() {
    let c = closed_and_moderated().await;
    let edit = c.app.get_as(&format!("/admin/consultations/{}", c.id), &c.admin).await;
    assert!(!edit.text().await.unwrap().contains(r#"id="follow-up""#), "not before publication");

    let early = write(&c, &c.admin, "Written too early").await;
    assert_eq!(early.status(), StatusCode::CONFLICT);
    let html = early.text().await.unwrap();
    assert!(html.contains("publish the summary first") && html.contains("Written too early"));

    publish(&c, &c.admin).await;
    let long = "Long. ".repeat(350);
    let refused = write_parts(&c, &c.admin, &[("decided", TOLD), ("next", &long)]).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("Use up to 2,000 characters in each part.") && html.contains(long.trim())
    );
    assert!(
        html.contains(r#"id="follow-up-next" name="next" rows="4" dir="auto" aria-invalid="true""#),
        "{html}"
    );
    assert!(html.contains("Delegates quoted your words"), "every part kept as typed");

    assert_eq!(stored(&c.app).await, (None, None, None));
    assert!(audited(&c.app).await.is_empty());
}

#[tokio::test]
async fn only_admins_write_what_happened_next() {
    let c = closed_and_moderated().await;
    publish(&c, &c.admin).await;

    assert_eq!(write(&c, &c.moderator, TOLD).await.status(), StatusCode::FORBIDDEN);
    let anonymous = write(&c, "", TOLD).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert_eq!(anonymous.headers()["location"], "/login");
    assert_eq!(stored(&c.app).await, (None, None, None));
}

#[tokio::test]
async fn the_thank_you_and_closed_pages_say_when_and_where_to_come_back() {
    let app = spawn_app().await;
    app.seed("demo", -60, 120).await;
    let form = app.load_form("demo").await;
    app.take_time_to_answer();

    let thanks = app.post_form("/c/demo", &form.complete_answer("my own words")).await;
    let thanks = visible(&thanks.text().await.unwrap());
    assert!(thanks.contains("Delegates meet on \u{2068}2026-12-08\u{2069}"), "{thanks}");
    assert!(thanks.contains(COME_BACK));
    assert!(thanks.contains(">https://consult.example/c/demo</a>"), "the address to come back to");
    assert!(thanks.contains(r#"href="/c/demo/come-back.ics?lang=en""#));

    let reminder = app.get("/c/demo/come-back.ics?lang=ar").await;
    assert_eq!(reminder.status(), StatusCode::OK);
    assert_eq!(reminder.headers()["content-type"], "text/calendar; charset=utf-8");
    let ics = reminder.text().await.unwrap().replace("\r\n ", "");
    assert!(ics.contains("DTSTART;VALUE=DATE:20261209\r\n"), "the day after the meeting: {ics}");
    assert!(ics.contains("SUMMARY:النشأة على الإنترنت"), "in the language asked: {ics}");
    assert!(ics.contains("URL:https://consult.example/c/demo?lang=ar\r\n"));
    assert_eq!(app.get("/c/nowhere/come-back.ics").await.status(), StatusCode::NOT_FOUND);

    app.advance_minutes(90);
    let closed = page(&app, "/c/demo?lang=fr").await;
    assert!(closed.contains("Les délégués se réunissent le"), "on the closed page, in French");
    assert!(closed.contains(r#"href="/c/demo/come-back.ics?lang=fr""#));
}
