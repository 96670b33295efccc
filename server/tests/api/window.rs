//! Organizers close an open consultation early or extend it (reopening one that has closed,
//! before publication): young people's pages, the home page and the calendar file follow at once,
//! forms loaded before a close keep their grace period, publication waits for the new close, and
//! every change is audited. Only admins may do it.

use app::domain::staff::Role;
use app::domain::time_fmt::iso_utc;
use app::storage::summary;
use reqwest::StatusCode;

use crate::helpers::{TestApp, spawn_app};

/// The closed page's heading.
const CLOSED_PAGE: &str = r#"<h2 id="closed-title">This consultation has closed"#;
const TAKE_PART: &str = "/c/demo?step=answer";

async fn demo(app: &TestApp) -> (i64, i64) {
    sqlx::query_as("SELECT id, closes_at FROM consultations WHERE slug = 'demo'")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn change(app: &TestApp, admin: &str, body: &str) -> reqwest::Response {
    let (id, _) = demo(app).await;
    app.post_as(&format!("/admin/consultations/{id}/window"), admin, body).await
}

async fn admin(app: &TestApp) -> String {
    app.staff("admin@example.org", Role::Admin).await;
    app.session_of("admin@example.org").await
}

async fn audited(app: &TestApp) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT action, subject, detail FROM audit_log \
         WHERE action IN ('closed consultation early', 'extended consultation') ORDER BY at, id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// `DTEND` as the calendar file writes it.
fn ics_end(t: i64) -> String {
    format!("DTEND:{}", iso_utc(t).replace(['-', ':'], ""))
}

#[tokio::test]
async fn closing_early_turns_new_visitors_away_and_keeps_the_grace_for_forms_loaded_before() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let admin = admin(&app).await;
    let loaded_before = app.load_form("demo").await;
    let loaded_too = app.load_form("demo").await;
    app.take_time_to_answer();
    let (_, closes_at) = demo(&app).await;

    let response =
        change(&app, &admin, &format!("action=close&seen_close={closes_at}&confirm=yes")).await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(response.headers()["location"].to_str().unwrap().ends_with("?window_changed#window"));
    let now = app.now();
    assert_eq!(demo(&app).await.1, now);
    let page = app.get("/c/demo").await.text().await.unwrap();
    assert!(page.contains(CLOSED_PAGE), "new visitors get the closed page at once");
    assert!(!page.contains(TAKE_PART));
    assert!(!app.get("/").await.text().await.unwrap().contains("/c/demo"), "home page");
    let ics = app.get("/c/demo/calendar.ics").await.text().await.unwrap();
    assert!(ics.contains(&ics_end(now)), "{ics}");
    let admin_page =
        app.get_as(&format!("/admin/consultations/{}", demo(&app).await.0), &admin).await;
    assert!(admin_page.text().await.unwrap().contains("Closed at"));

    let thanked = app.post_form("/c/demo", &loaded_before.complete_answer("sent just after")).await;
    assert_eq!(thanked.status(), StatusCode::OK);
    assert!(thanked.text().await.unwrap().contains("Your answers were sent"));
    app.advance_minutes(15);
    let late = app.post_form("/c/demo", &loaded_too.complete_answer("too late now")).await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert!(late.text().await.unwrap().contains("too late now"), "the text is given back");
    assert_eq!(app.count("responses").await, 1);

    assert_eq!(
        audited(&app).await,
        [("closed consultation early".into(), "demo".into(), format!("closes {}", iso_utc(now)))]
    );
}

#[tokio::test]
async fn closing_needs_the_box_ticked_and_the_same_form_sent_twice_changes_nothing_more() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let admin = admin(&app).await;
    let (id, closes_at) = demo(&app).await;

    let unticked = change(&app, &admin, &format!("action=close&seen_close={closes_at}")).await;
    assert_eq!(unticked.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unticked.text().await.unwrap().contains("Tick the box to confirm closing now."));
    assert_eq!(demo(&app).await.1, closes_at, "still open");

    let extend = format!("action=extend&seen_close={closes_at}&minutes=90");
    assert_eq!(change(&app, &admin, &extend).await.status(), StatusCode::SEE_OTHER);
    let again = change(&app, &admin, &extend).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert!(again.text().await.unwrap().contains("Nothing was changed"));
    assert_eq!(demo(&app).await.1, closes_at + 90 * 60, "extended once");

    for minutes in ["0", "1441", "soon"] {
        let wrong = format!("action=extend&seen_close={}&minutes={minutes}", closes_at + 90 * 60);
        let response = change(&app, &admin, &wrong).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{minutes}");
        let html = response.text().await.unwrap();
        assert!(html.contains("from 1 to 1,440"), "{minutes}");
        assert!(html.contains(&format!(r#"value="{minutes}""#)), "kept as typed: {minutes}");
    }
    assert_eq!(demo(&app).await.1, closes_at + 90 * 60);
    assert_eq!(audited(&app).await.len(), 1);
    let page = app.get_as(&format!("/admin/consultations/{id}"), &admin).await;
    assert!(page.text().await.unwrap().contains("Open until"));
}

#[tokio::test]
async fn extending_a_closed_consultation_reopens_it_and_publication_waits_for_the_new_close() {
    let app = spawn_app().await;
    // Closed an hour ago, nothing published.
    app.seed("demo", -120, 60).await;
    let admin = admin(&app).await;
    let (id, closes_at) = demo(&app).await;
    assert!(app.get("/c/demo").await.text().await.unwrap().contains(CLOSED_PAGE));

    let response =
        change(&app, &admin, &format!("action=extend&seen_close={closes_at}&minutes=30")).await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let new_close = app.now() + 30 * 60;
    assert_eq!(demo(&app).await.1, new_close, "counted from now");
    let page = app.get("/c/demo").await.text().await.unwrap();
    assert!(!page.contains(CLOSED_PAGE) && page.contains(TAKE_PART), "open again: {page}");
    assert!(app.get("/").await.text().await.unwrap().contains("/c/demo"));
    let form = app.load_form("demo").await;
    app.take_time_to_answer();
    let sent = app.post_form("/c/demo", &form.complete_answer("after the outage")).await;
    assert_eq!(sent.status(), StatusCode::OK);

    let publish = format!("/admin/consultations/{id}/publish");
    app.advance_minutes(28 + 14);
    let refused = app.post_as(&publish, &admin, "").await;
    assert!(refused.headers()["location"].to_str().unwrap().ends_with("?not_closed"));
    app.advance_minutes(1);
    let published = app.post_as(&publish, &admin, "").await;
    assert!(published.headers()["location"].to_str().unwrap().ends_with("/c/demo/summary"));

    // Published: final.
    let after = format!("action=extend&seen_close={new_close}&minutes=30");
    assert_eq!(change(&app, &admin, &after).await.status(), StatusCode::CONFLICT);
    assert_eq!(demo(&app).await.1, new_close);
    assert_eq!(
        audited(&app).await,
        [("extended consultation".into(), "demo".into(), format!("closes {}", iso_utc(new_close)))]
    );
}

#[tokio::test]
async fn only_admins_change_the_window() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    app.staff("moderator@example.org", Role::Moderator).await;
    let moderator = app.session_of("moderator@example.org").await;
    let (id, closes_at) = demo(&app).await;
    let close = format!("action=close&seen_close={closes_at}&confirm=yes");

    let as_moderator = change(&app, &moderator, &close).await;
    assert_eq!(as_moderator.status(), StatusCode::FORBIDDEN);
    let anonymous = app.post_as(&format!("/admin/consultations/{id}/window"), "", &close).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert_eq!(anonymous.headers()["location"], "/login");

    assert_eq!(demo(&app).await.1, closes_at);
    assert!(audited(&app).await.is_empty());
}

/// Publishing stores the summary only if the window still closes where it did when the summary was
/// computed: an extension landing in between (two organizers in the same second) wins.
#[tokio::test]
async fn a_summary_computed_before_an_extension_is_not_published() {
    let app = spawn_app().await;
    app.seed("demo", -120, 60).await;
    let staff_id = app.staff("admin@example.org", Role::Admin).await;
    let (id, closes_at) = demo(&app).await;
    let extended = closes_at + 3 * 3600;
    sqlx::query("UPDATE consultations SET closes_at = $1 WHERE id = $2")
        .bind(extended)
        .bind(id)
        .execute(&app.db)
        .await
        .unwrap();

    let stale = summary::publish(&app.db, id, closes_at, "demo", "{}", staff_id, app.now()).await;

    assert_eq!(stale.unwrap(), None);
    assert_eq!(app.count("summaries").await, 0);
    let published: Option<i64> = sqlx::query_scalar("SELECT published_at FROM consultations")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(published, None);
    let current = summary::publish(&app.db, id, extended, "demo", "{}", staff_id, app.now()).await;
    assert_eq!(current.unwrap(), Some(1));
}

/// Closing early works at any moment of an open window, even the second it opened.
#[tokio::test]
async fn closing_early_the_second_a_window_opens_closes_it() {
    let app = spawn_app().await;
    app.seed("demo", 0, 24 * 60).await;
    let admin = admin(&app).await;
    let (_, closes_at) = demo(&app).await;

    let response =
        change(&app, &admin, &format!("action=close&seen_close={closes_at}&confirm=yes")).await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER, "no 500");
    let (opens_at, closes_at): (i64, i64) =
        sqlx::query_as("SELECT opens_at, closes_at FROM consultations WHERE slug = 'demo'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(closes_at, opens_at + 1);
    app.clock_forward_secs(1);
    let page = app.get(TAKE_PART).await.text().await.unwrap();
    assert!(page.contains(CLOSED_PAGE), "closed: {page}");
}
