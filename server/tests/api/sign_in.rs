//! The sign-in throttle and session lifetime against what attackers do: many guesses from
//! elsewhere (the real person's browser still gets in), guesses sent all at once (each counted
//! before any is checked), a session kept busy (it still ends), a guessable password, and a
//! forged client address (believed only from a configured proxy).

use crate::helpers::{PASSWORD, TestApp, run_server, spawn_app, spawn_app_with};
use app::domain::staff::Role;
use reqwest::StatusCode;
use server::client::TrustedProxies;

const ANA: &str = "ana@example.org";

#[tokio::test]
async fn guesses_from_elsewhere_never_lock_the_real_person_out_of_their_own_browser() {
    let app = spawn_app().await;
    app.staff(ANA, Role::Admin).await;
    app.session_of(ANA).await;
    let known_browser = app.device_of(ANA);

    let attacker = TestApp::client_from("127.0.0.2");
    let mut refused = 0;
    for _ in 0..25 {
        let guess = app.sign_in_with(&attacker, ANA, "a wrong guess of a password", "").await;
        refused += (guess.status() == StatusCode::UNAUTHORIZED) as usize;
    }
    assert_eq!(refused, 5, "then the attacker is slowed down");

    let unknown_browser = TestApp::client_from("127.0.0.3");
    let elsewhere = app.sign_in_with(&unknown_browser, ANA, PASSWORD, "").await;
    assert_eq!(elsewhere.status(), StatusCode::TOO_MANY_REQUESTS, "new browsers wait too");

    let own = app.sign_in_with(&app.client, ANA, PASSWORD, &known_browser).await;
    assert_eq!(own.status(), StatusCode::SEE_OTHER, "the known browser keeps its allowance");
    let session = app.second_factor(ANA, own).await;
    assert_eq!(app.get_as("/admin", &session).await.status(), StatusCode::OK);

    let forged = format!("{}x", app.device_of(ANA));
    let with_forged = app.sign_in_with(&unknown_browser, ANA, PASSWORD, &forged).await;
    assert_eq!(with_forged.status(), StatusCode::TOO_MANY_REQUESTS, "a forged cookie is none");
}

#[tokio::test]
async fn guesses_sent_all_at_once_are_each_counted_before_any_is_checked() {
    let app = spawn_app().await;
    app.staff(ANA, Role::Admin).await;

    let guesses = (0..20).map(|i| app.sign_in(ANA, if i == 19 { PASSWORD } else { "wrong guess" }));
    let statuses: Vec<StatusCode> =
        futures::future::join_all(guesses).await.iter().map(|r| r.status()).collect();

    let checked = statuses.iter().filter(|s| **s != StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!(checked, 5, "{statuses:?}");
    assert!(statuses.iter().all(|s| matches!(s.as_u16(), 401 | 429 | 303)), "{statuses:?}");
}

#[tokio::test]
async fn a_session_ends_at_its_absolute_lifetime_however_busy() {
    let app = spawn_app_with(|c| c.session_max_secs = 60 * 60).await;
    app.staff(ANA, Role::Admin).await;
    let session = app.session_of(ANA).await;

    for _ in 0..5 {
        app.advance_minutes(11);
        assert_eq!(app.get_as("/admin", &session).await.status(), StatusCode::OK);
    }
    app.advance_minutes(5);
    assert_eq!(app.get_as("/admin", &session).await.status(), StatusCode::FOUND, "an hour is up");
}

#[tokio::test]
async fn a_guessable_password_is_refused_with_the_reason() {
    let app = spawn_app().await;
    app.staff(ANA, Role::Admin).await;
    let admin = app.session_of(ANA).await;

    let added = app
        .post_as(
            "/admin/staff",
            &admin,
            "email=mo%40example.org&role=moderator&password=password12345",
        )
        .await;
    assert_eq!(added.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(added.text().await.unwrap().contains("too easy to guess"));

    let made = run_server(
        &app.database_url,
        &["create-user", "--email", "b@example.org", "--role", "admin"],
        "qwertyuiop123\n",
    );
    assert!(!made.status.success());
    assert!(String::from_utf8_lossy(&made.stderr).contains("too easy to guess"));
    assert_eq!(app.count("staff").await, 1);
}

/// Six wrong sign-ins from one computer, each claiming another address in `X-Forwarded-For`;
/// the status of the sixth.
async fn sixth_forwarded_guess(app: &TestApp) -> StatusCode {
    let mut last = StatusCode::OK;
    for i in 0..6 {
        last = app
            .client
            .post(format!("{}/login", app.address))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", &app.address)
            .header("X-Forwarded-For", format!("198.51.100.{i}"))
            // Another account each time: only the address's own bucket can fill.
            .body(format!("email=n{i}%40example.org&password=wrong+guess"))
            .send()
            .await
            .unwrap()
            .status();
    }
    last
}

#[tokio::test]
async fn a_forwarded_address_is_believed_only_from_a_configured_proxy() {
    let direct = spawn_app().await;
    assert_eq!(sixth_forwarded_guess(&direct).await, StatusCode::TOO_MANY_REQUESTS);

    let behind_proxy = spawn_app_with(|c| {
        c.trusted_proxies = TrustedProxies::parse("127.0.0.1").unwrap();
    })
    .await;
    assert_eq!(sixth_forwarded_guess(&behind_proxy).await, StatusCode::UNAUTHORIZED);
}
