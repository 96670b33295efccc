//! Consultation content in several languages: organizers translate it text by text, young people
//! read their language, or the original with a note and its language marked where a translation
//! is missing.

use app::domain::staff::Role;
use app::domain::translation::{field, key};
use app::storage::consultations;
use reqwest::StatusCode;

use crate::helpers::{TestApp, spawn_app, visible};

const PROMPT: &str = "On a normal school day, how long are you online outside school?";
const OPTIONS: [&str; 5] =
    ["Less than 1 hour", "1 to 3 hours", "3 to 5 hours", "More than 5 hours", "I am not sure"];

async fn open_demo(app: &TestApp) -> i64 {
    app.seed("demo", -60, 24 * 60).await;
    consultations::by_slug(&app.db, "demo").await.unwrap().unwrap().id
}

async fn admin(app: &TestApp) -> String {
    app.staff("admin@example.org", Role::Admin).await;
    app.session_of("admin@example.org").await
}

/// The form body for translations of these (source, translation) pairs.
fn body(pairs: &[(&str, &str)]) -> String {
    let fields = pairs.iter().map(|(source, text)| (field(&key(source)), *text));
    form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish()
}

async fn count_rows(app: &TestApp, language: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM translations WHERE language = $1")
        .bind(language)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_fully_translated_consultation_reads_wholly_in_arabic() {
    let app = spawn_app().await;
    open_demo(&app).await;

    let html = visible(&app.get("/c/demo?step=answer&lang=ar").await.text().await.unwrap());

    assert!(html.contains("النشأة على الإنترنت: ما الذي يحميك؟"), "the title");
    assert!(html.contains("في يوم دراسي عادي، كم من الوقت تقضي على الإنترنت خارج المدرسة؟"));
    assert!(html.contains("أقل من ساعة"), "the options");
    assert!(!html.contains(PROMPT), "no question left in English");
    assert!(!html.contains(r#"role="note""#), "nothing to note");
    assert!(!html.contains(r#"<span lang="en">"#), "nothing marked as English");
}

#[tokio::test]
async fn what_is_not_translated_is_shown_as_written_marked_and_noted() {
    let app = spawn_app().await;
    open_demo(&app).await;

    // The demo's French has its title and description, not yet its questions.
    let html = visible(&app.get("/c/demo?step=answer&lang=fr").await.text().await.unwrap());

    assert!(html.contains("Grandir en ligne : qu’est-ce qui te protège ?"));
    assert!(html.contains(r#"role="note""#) && html.contains("langue d’origine"), "the note");
    assert!(
        html.contains(&format!(r#"<span lang="en">{PROMPT}</span>"#)),
        "the English question is marked English for screen readers"
    );
    assert!(html.contains(r#"lang="en">Less than 1 hour</label>"#), "and its options");
}

#[tokio::test]
async fn an_organizer_translates_a_question_and_young_people_read_it() {
    let app = spawn_app().await;
    let id = open_demo(&app).await;
    let session = admin(&app).await;
    let path = format!("/admin/consultations/{id}/translations/fr");

    let form = app.get_as(&path, &session).await;
    assert_eq!(form.status(), StatusCode::OK);
    let form = form.text().await.unwrap();
    assert!(form.contains(&format!(r#"name="{}""#, field(&key(PROMPT)))), "a field per text");
    assert!(form.contains("Grandir en ligne"), "starts from the stored translation");
    let page = app.get_as(&format!("/admin/consultations/{id}"), &session).await;
    assert!(page.text().await.unwrap().contains("2 of "), "progress on the consultation's page");

    let mut pairs = vec![
        (
            "Growing up online: what keeps you safe?",
            "Grandir en ligne : qu’est-ce qui te protège ?",
        ),
        (PROMPT, "Un jour d’école normal, combien de temps es-tu en ligne en dehors de l’école ?"),
    ];
    let french =
        ["Moins d’une heure", "1 à 3 heures", "3 à 5 heures", "Plus de 5 heures", "Je ne sais pas"];
    pairs.extend(OPTIONS.into_iter().zip(french));
    let saved = app.post_as(&path, &session, &body(&pairs)).await;

    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert_eq!(saved.headers()["location"], format!("{path}?saved"));
    assert_eq!(
        count_rows(&app, "fr").await,
        7,
        "the description, left empty, is no longer translated"
    );
    let audit: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'translated consultation'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audit, 3, "the demo's two languages and this save");

    let html = visible(&app.get("/c/demo?step=answer&lang=fr").await.text().await.unwrap());
    assert!(html.contains("Un jour d’école normal"), "the translated question");
    assert!(html.contains(">Moins d’une heure</label>"), "with its options, unmarked");
    assert!(!html.contains(PROMPT));
    assert!(html.contains(r#"lang="en">How safe do you feel online?"#), "the others as written");
}

#[tokio::test]
async fn an_overlong_translation_is_refused_with_everything_typed_kept() {
    let app = spawn_app().await;
    let id = open_demo(&app).await;
    let session = admin(&app).await;
    let path = format!("/admin/consultations/{id}/translations/fr");
    let long = "م".repeat(4001);

    let refused = app
        .post_as(&path, &session, &body(&[(PROMPT, "Un jour d’école normal…"), ("Nobody", &long)]))
        .await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Nothing was saved yet") && html.contains("Use up to 4,000 characters."));
    assert!(html.contains("Un jour d’école normal…"), "the valid text is kept as typed");
    assert_eq!(count_rows(&app, "fr").await, 2, "the stored translations are untouched");
}

#[tokio::test]
async fn only_organizers_translate_and_never_into_the_original_language() {
    let app = spawn_app().await;
    let id = open_demo(&app).await;
    app.staff("mod@example.org", Role::Moderator).await;
    let moderator = app.session_of("mod@example.org").await;
    let path = format!("/admin/consultations/{id}/translations/fr");

    let as_moderator = app.post_as(&path, &moderator, &body(&[(PROMPT, "x")])).await;
    assert_eq!(as_moderator.status(), StatusCode::FORBIDDEN);
    let anonymous = app.post_raw(&path, body(&[(PROMPT, "x")])).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert_eq!(anonymous.headers()["location"], "/login");
    let session = admin(&app).await;
    let own = format!("/admin/consultations/{id}/translations/en");
    assert_eq!(app.get_as(&own, &session).await.status(), StatusCode::NOT_FOUND);
    let unknown = format!("/admin/consultations/{id}/translations/de");
    assert_eq!(app.post_as(&unknown, &session, "").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(count_rows(&app, "fr").await, 2);
}
