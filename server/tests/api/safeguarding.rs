//! Answers that may disclose harm are flagged at ingest and the young person sees urgent help first.

use app::state::Clock;
use reqwest::StatusCode;
use server::startup::Application;

use crate::helpers::{TestApp, spawn_app, spawn_app_with, test_config, visible};

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
    std::fs::write(lists.path().join("local.txt"), "[grooming]\nmeet me alone\n").unwrap();
    let dir = lists.path().to_path_buf();
    let app = spawn_app_with(move |c| c.safeguarding_dir = Some(dir)).await;
    app.seed("demo", -60, 24 * 60).await;

    answer(&app, "A gamer said meet me alone at the park").await;

    assert_eq!(stored_concern(&app).await.as_deref(), Some("grooming"));
}

#[tokio::test]
async fn a_malformed_list_stops_the_start_naming_file_and_line() {
    let lists = tempfile::tempdir().unwrap();
    std::fs::write(lists.path().join("broken.txt"), "[grooming]\nok\n[sadness]\n").unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut config = test_config(format!("sqlite://{}/x.db", data.path().display()), data.path());
    config.safeguarding_dir = Some(lists.path().to_path_buf());

    let error = Application::build(&config, Clock::System)
        .await
        .err()
        .expect("refuses to start")
        .to_string();

    assert!(error.contains("broken.txt, line 3: unknown category"), "{error}");
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
