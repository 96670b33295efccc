//! Organizers create and edit consultations with plain form posts.

use app::domain::staff::Role;
use reqwest::StatusCode;

use crate::helpers::{TestApp, spawn_app};

fn settings(slug: &str) -> Vec<(&'static str, String)> {
    vec![
        ("title", "Screens and sleep".into()),
        ("slug", slug.into()),
        ("description", "Tell us how screens & sleep go together.".into()),
        ("meeting_name", "CWG-COP 26".into()),
        ("meeting_date", "2027-01-20".into()),
        ("language", "en".into()),
        ("window", "starting".into()),
        ("start", "2026-11-24T07:00".into()), // an hour before the tests' "now"
        ("time_zone", "UTC".into()),
        ("length_hours", "24".into()),
        ("day", String::new()),
        ("grace_minutes", "15".into()),
        ("min_cell_size", "10".into()),
        ("retention_days", "30".into()),
    ]
}

fn body(fields: &[(&str, String)]) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish()
}

async fn admin(app: &TestApp) -> String {
    app.staff("admin@example.org", Role::Admin).await;
    app.session_of("admin@example.org").await
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_admin_creates_a_consultation_that_young_people_can_open() {
    let app = spawn_app().await;
    let session = admin(&app).await;

    let created =
        app.post_as("/admin/consultations", &session, &body(&settings("screens-2026"))).await;

    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/admin/consultations/") && location.ends_with("?saved"),
        "{location}"
    );
    let edit = app.get_as(&location, &session).await.text().await.unwrap();
    assert!(edit.contains("Saved.") && edit.contains(r#"value="screens-2026""#));
    assert!(edit.contains("Tell us how screens &amp; sleep go together.</textarea>"));
    let public = app.get("/c/screens-2026").await;
    assert_eq!(public.status(), StatusCode::OK);
    assert!(public.text().await.unwrap().contains("I want to take part"));
    assert!(
        app.get_as("/admin", &session).await.text().await.unwrap().contains("Screens and sleep")
    );
    assert_eq!(audit_count(&app, "created consultation").await, 1);
}

#[tokio::test]
async fn invalid_settings_are_refused_next_to_their_fields_and_kept_as_typed() {
    let app = spawn_app().await;
    let session = admin(&app).await;
    let mut fields = settings("Bad Slug");
    fields[0].1 = "A title kept <as typed>".into();
    fields.retain(|(k, _)| *k != "min_cell_size");
    fields.push(("min_cell_size", "3".into()));

    let response = app.post_as("/admin/consultations", &session, &body(&fields)).await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Use 3 to 60 lower-case letters"));
    assert!(html.contains("at least 5"));
    assert!(html.contains(r#"value="A title kept &lt;as typed&gt;""#));
    assert_eq!(app.count("consultations").await, 0);
}

#[tokio::test]
async fn a_slug_already_in_use_is_a_field_error() {
    let app = spawn_app().await;
    let session = admin(&app).await;
    app.seed("demo", -60, 24 * 60).await;

    let response = app.post_as("/admin/consultations", &session, &body(&settings("demo"))).await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response.text().await.unwrap().contains("Another consultation already uses this address.")
    );
    assert_eq!(app.count("consultations").await, 1);
}

#[tokio::test]
async fn the_whole_day_everywhere_is_stored_as_fifty_hours_and_edits_are_audited() {
    let app = spawn_app().await;
    let session = admin(&app).await;
    let created = app.post_as("/admin/consultations", &session, &body(&settings("day-2026"))).await;
    let page =
        created.headers()["location"].to_str().unwrap().trim_end_matches("?saved").to_owned();
    let mut fields = settings("day-2026");
    for (key, value) in &mut fields {
        match *key {
            "window" => *value = "whole_day".into(),
            "day" => *value = "2026-12-01".into(),
            _ => {}
        }
    }

    let edited = app.post_as(&page, &session, &body(&fields)).await;

    assert_eq!(edited.status(), StatusCode::SEE_OTHER);
    let (opens, closes): (i64, i64) =
        sqlx::query_as("SELECT opens_at, closes_at FROM consultations WHERE slug = 'day-2026'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(opens, 1_796_083_200 - 14 * 3600); // 2026-12-01 00:00 UTC+14
    assert_eq!(closes - opens, 50 * 3600);
    let detail: String =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'edited consultation'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(detail, "window changed");
}

#[tokio::test]
async fn only_admins_may_author() {
    let app = spawn_app().await;
    app.staff("mod@example.org", Role::Moderator).await;
    let moderator = app.session_of("mod@example.org").await;

    let as_moderator =
        app.post_as("/admin/consultations", &moderator, &body(&settings("x-2026"))).await;
    assert_eq!(as_moderator.status(), StatusCode::FORBIDDEN);
    let anonymous = app.post_as("/admin/consultations", "", &body(&settings("x-2026"))).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert_eq!(anonymous.headers()["location"], "/login");
    assert_eq!(app.count("consultations").await, 0);

    assert_eq!(
        app.get_as("/admin/consultations/new", &moderator).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get_as("/admin/consultations/new", "").await.status(), StatusCode::FOUND);
    let function = app.post_as("/api/admin/consultation-form", &moderator, "id=1").await;
    assert!(
        !function.status().is_success() && function.text().await.unwrap().contains("Forbidden")
    );
}

/// Creates a consultation opening tomorrow (so questions can change) and returns its edit page.
async fn scheduled(app: &TestApp, session: &str, start: &str) -> String {
    let mut fields = settings("later-2026");
    fields.iter_mut().filter(|(k, _)| *k == "start").for_each(|(_, v)| *v = start.into());
    let created = app.post_as("/admin/consultations", session, &body(&fields)).await;
    created.headers()["location"].to_str().unwrap().trim_end_matches("?saved").to_owned()
}

fn question(kind: &str, prompt: &str, extra: &[(&'static str, &str)]) -> String {
    let mut fields = vec![("kind", kind.to_owned()), ("prompt", prompt.to_owned())];
    fields.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
    body(&fields)
}

async fn prompts(app: &TestApp, page: &str) -> Vec<(String, String)> {
    let id: i64 = page.rsplit('/').next().unwrap().parse().unwrap();
    app::storage::consultations::questions(&app.db, id)
        .await
        .unwrap()
        .into_iter()
        .map(|q| (q.prompt, q.kind.key().to_owned()))
        .collect()
}

#[tokio::test]
async fn questions_of_every_kind_are_added_reordered_edited_and_removed() {
    let app = spawn_app().await;
    let session = admin(&app).await;
    let page = scheduled(&app, &session, "2026-11-25T09:00").await;
    let add = format!("{page}/questions");
    for q in [
        question("single_choice", "One?", &[("options", "Yes\nNo"), ("required", "on")]),
        question("multiple_choice", "Many?", &[("options", "A\nB\nC")]),
        question("scale", "How much?", &[("low_label", "little"), ("high_label", "lots")]),
        question("free_text", "Why?", &[("max_chars", "500")]),
    ] {
        assert_eq!(app.post_as(&add, &session, &q).await.status(), StatusCode::SEE_OTHER);
    }
    let kinds: Vec<String> = prompts(&app, &page).await.into_iter().map(|(_, k)| k).collect();
    assert_eq!(kinds, ["single_choice", "multiple_choice", "scale", "free_text"]);

    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM questions ORDER BY position")
        .fetch_all(&app.db)
        .await
        .unwrap();
    app.post_as(&format!("{add}/{}", ids[3]), &session, "action=up").await;
    app.post_as(
        &format!("{add}/{}", ids[0]),
        &session,
        &question("single_choice", "One, edited?", &[("options", "Yes\nNo\nMaybe")]),
    )
    .await;
    app.post_as(&format!("{add}/{}", ids[1]), &session, "action=remove").await;

    let now: Vec<String> = prompts(&app, &page).await.into_iter().map(|(p, _)| p).collect();
    assert_eq!(now, ["One, edited?", "Why?", "How much?"]);
    assert_eq!(
        app.count("question_options").await,
        3,
        "the removed question's options went with it"
    );
    assert_eq!(audit_count(&app, "added question").await, 4);
}

#[tokio::test]
async fn an_incomplete_question_is_refused_next_to_its_field_and_kept() {
    let app = spawn_app().await;
    let session = admin(&app).await;
    let page = scheduled(&app, &session, "2026-11-25T09:00").await;

    let response = app
        .post_as(
            &format!("{page}/questions"),
            &session,
            &question("multiple_choice", "Only one option?", &[("options", "Lonely")]),
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Give 2 to 20 options"));
    assert!(html.contains(r#"value="Only one option?""#) && html.contains(">Lonely</textarea>"));
    assert_eq!(app.count("questions").await, 0);
}

#[tokio::test]
async fn questions_are_locked_once_the_window_opens() {
    let app = spawn_app().await;
    let session = admin(&app).await;
    let page = scheduled(&app, &session, "2026-11-24T07:00").await; // opened an hour ago

    let response = app
        .post_as(
            &format!("{page}/questions"),
            &session,
            &question("free_text", "Late?", &[("max_chars", "100")]),
        )
        .await;

    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(response.text().await.unwrap().contains("can no longer change"));
    assert_eq!(app.count("questions").await, 0);
    assert!(
        app.get_as(&page, &session).await.text().await.unwrap().contains("can no longer change")
    );
}

#[tokio::test]
async fn the_preview_shows_the_young_persons_view_without_sending() {
    let app = spawn_app().await;
    let session = admin(&app).await;
    let page = scheduled(&app, &session, "2026-11-25T09:00").await;
    app.post_as(
        &format!("{page}/questions"),
        &session,
        &question("scale", "How safe?", &[("low_label", "not"), ("high_label", "very")]),
    )
    .await;

    let preview = app.get_as(&format!("{page}/preview"), &session).await;

    assert_eq!(preview.status(), StatusCode::OK);
    let html = preview.text().await.unwrap();
    assert!(
        html.contains("I want to take part") && html.contains("Preview of what young people see")
    );
    app.staff("mod@example.org", Role::Moderator).await;
    let moderator = app.session_of("mod@example.org").await;
    assert_eq!(
        app.get_as(&format!("{page}/preview"), &moderator).await.status(),
        StatusCode::FORBIDDEN
    );
}
