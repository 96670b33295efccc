//! Staff accounts and sessions through HTTP: sign-in, cookies, fixation, logout, idle timeout,
//! throttling, who may open what, cross-origin refusal and the `create-user` command.

use crate::helpers::{PASSWORD, cookie, run_server, spawn_app, spawn_app_with};
use app::domain::staff::Role;
use reqwest::StatusCode;

#[tokio::test]
async fn signing_in_starts_a_session_with_safe_cookie_flags() {
    let app = spawn_app().await;
    app.staff("ana@example.org", Role::Admin).await;

    let response = app.sign_in("Ana@Example.org ", PASSWORD).await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login/setup", "an admin needs a second factor");
    let set_cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(set_cookie.starts_with("yc_staff="), "{set_cookie}");
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"),
        "{set_cookie}"
    );
    assert!(!set_cookie.contains("Secure"), "plain HTTP unless configured: {set_cookie}");
    let half_signed_in = cookie(&response).unwrap();
    assert_eq!(app.get_as("/admin", &half_signed_in).await.status(), StatusCode::FOUND);
    let session = app.second_factor("ana@example.org", response).await;
    let page = app.get_as("/admin", &session).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("<h1>Consultations</h1>"));
}

#[tokio::test]
async fn the_cookie_is_secure_when_configured_for_https() {
    let app = spawn_app_with(|c| c.secure_cookies = true).await;
    app.staff("ana@example.org", Role::Admin).await;
    let response = app.sign_in("ana@example.org", PASSWORD).await;
    let set_cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    // `__Host-`: browsers keep it only if Secure, for the whole site, set by no other host.
    assert!(set_cookie.starts_with("__Host-yc_staff="), "{set_cookie}");
    assert!(set_cookie.contains("Secure") && set_cookie.contains("Path=/"), "{set_cookie}");
    assert!(!set_cookie.contains("Domain"), "{set_cookie}");
    let session = app.second_factor("ana@example.org", response).await;
    let page = app.get_as("/admin", &session).await;
    assert_eq!(page.status(), StatusCode::OK, "the prefixed cookie signs in");
}

#[tokio::test]
async fn an_unknown_account_and_a_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    app.staff("ana@example.org", Role::Admin).await;

    let unknown = app.sign_in("nobody@example.org", PASSWORD).await;
    let wrong = app.sign_in("ana@example.org", "not the password at all").await;

    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(
        unknown.headers().get("set-cookie").is_none()
            && wrong.headers().get("set-cookie").is_none()
    );
    let message = "That e-mail address and password do not match an active account.";
    let (unknown, wrong) = (unknown.text().await.unwrap(), wrong.text().await.unwrap());
    assert!(unknown.contains(message) && wrong.contains(message));
    assert!(wrong.contains(r#"value="ana@example.org""#), "the address is kept");
    assert!(!wrong.contains("not the password at all"), "the password never comes back");
}

#[tokio::test]
async fn a_session_id_from_before_sign_in_is_not_valid_after_it() {
    let app = spawn_app().await;
    app.staff("ana@example.org", Role::Admin).await;
    let before = app.session_of("ana@example.org").await;

    let again = app
        .client
        .post(format!("{}/login", app.address))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", &before)
        .body(format!("email=ana%40example.org&password={}", PASSWORD.replace(' ', "+")))
        .send()
        .await
        .unwrap();

    assert_ne!(cookie(&again).expect("a new session id"), before);
    let after = app.second_factor("ana@example.org", again).await;
    assert_ne!(after, before);
    assert_eq!(app.get_as("/admin", &before).await.status(), StatusCode::FOUND);
    assert_eq!(app.get_as("/admin", &after).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    app.staff("ana@example.org", Role::Admin).await;
    let session = app.session_of("ana@example.org").await;

    let response = app.post_as("/logout", &session, "").await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login");
    let replayed = app.get_as("/admin", &session).await;
    assert_eq!(replayed.status(), StatusCode::FOUND);
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn an_idle_session_ends() {
    // Long enough for the two steps of a sign-in (the pending session is idle between them).
    let app = spawn_app_with(|c| c.session_idle_secs = 3).await;
    app.staff("ana@example.org", Role::Admin).await;
    let session = app.session_of("ana@example.org").await;

    tokio::time::sleep(std::time::Duration::from_millis(4100)).await;

    assert_eq!(app.get_as("/admin", &session).await.status(), StatusCode::FOUND);
}

#[tokio::test]
async fn repeated_failures_throttle_sign_in_until_the_window_passes() {
    let app = spawn_app().await;
    app.staff("ana@example.org", Role::Admin).await;
    for _ in 0..5 {
        assert_eq!(
            app.sign_in("ana@example.org", "wrong wrong wrong").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }

    let throttled = app.sign_in("ana@example.org", PASSWORD).await;
    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(throttled.text().await.unwrap().contains("Please try again in 15 min."));

    app.advance_minutes(15);
    let allowed_again = app.sign_in("ana@example.org", PASSWORD).await;
    assert_eq!(allowed_again.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_deactivated_account_loses_its_session_at_once_and_cannot_sign_in() {
    let app = spawn_app().await;
    let id = app.staff("ana@example.org", Role::Admin).await;
    let session = app.session_of("ana@example.org").await;

    assert!(app::storage::staff::deactivate(&app.db, id, app.now()).await.unwrap());

    assert_eq!(app.get_as("/admin", &session).await.status(), StatusCode::FOUND);
    assert_eq!(app.sign_in("ana@example.org", PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
}

/// Every staff route and server function × {no session, moderator, admin, deactivated}.
#[tokio::test]
async fn access_matrix() {
    let app = spawn_app().await;
    app.staff("admin@example.org", Role::Admin).await;
    app.staff("mod@example.org", Role::Moderator).await;
    let gone = app.staff("gone@example.org", Role::Admin).await;
    app.seed("demo", 60, 24 * 60).await;
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM consultations").fetch_one(&app.db).await.unwrap();
    let question: i64 =
        sqlx::query_scalar("SELECT id FROM questions LIMIT 1").fetch_one(&app.db).await.unwrap();
    let sessions = [
        ("no session", String::new()),
        ("moderator", app.session_of("mod@example.org").await),
        ("admin", app.session_of("admin@example.org").await),
        ("deactivated", app.session_of("gone@example.org").await),
    ];
    app::storage::staff::deactivate(&app.db, gone, app.now()).await.unwrap();

    let pages = [
        "/admin".to_owned(),
        "/admin/consultations/new".to_owned(),
        format!("/admin/consultations/{id}"),
        format!("/admin/consultations/{id}/preview"),
        "/admin/staff".to_owned(),
        "/admin/audit".to_owned(),
    ];
    let functions = [
        ("/api/admin/consultations", String::new()),
        ("/api/admin/gate", String::new()),
        ("/api/admin/consultation-form", format!("id={id}")),
        ("/api/admin/questions", format!("id={id}")),
        ("/api/admin/preview", format!("id={id}&reader=Ar")),
        ("/api/admin/translation", format!("id={id}&to=Fr")),
        ("/api/admin/translation-progress", format!("id={id}")),
        ("/api/admin/staff", String::new()),
        ("/api/admin/audit", String::new()),
    ];
    // Bodies an admin gets a 422 for: access is granted, nothing changes.
    let posts = [
        ("/admin/consultations".to_owned(), "title=x"),
        (format!("/admin/consultations/{id}"), "title=x"),
        (format!("/admin/consultations/{id}/questions"), "kind=scale&prompt="),
        (
            format!("/admin/consultations/{id}/questions/{question}"),
            "action=save&kind=scale&prompt=",
        ),
        ("/admin/staff".to_owned(), "email=new%40example.org&role=moderator&password=short"),
        (format!("/admin/staff/{gone}"), "action=reset&password=short"),
    ];

    for (who, session) in &sessions {
        for page in &pages {
            let response = app.get_as(page, session).await;
            let expected = match *who {
                "admin" => StatusCode::OK,
                "moderator" => StatusCode::FORBIDDEN,
                _ => StatusCode::FOUND,
            };
            assert_eq!(response.status(), expected, "GET {page} as {who}");
            if expected == StatusCode::FOUND {
                assert_eq!(response.headers()["location"], "/login", "GET {page} as {who}");
            }
        }
        for (function, body) in &functions {
            let response = app.post_as(function, session, body).await;
            let (status, text) = (response.status(), response.text().await.unwrap());
            match *who {
                "admin" => assert_eq!(status, StatusCode::OK, "{function} as {who}: {text}"),
                "moderator" => assert!(
                    !status.is_success() && text.contains("Forbidden"),
                    "{function} as {who}: {text}"
                ),
                _ => assert!(
                    !status.is_success() && text.contains("Unauthorized"),
                    "{function} as {who}: {text}"
                ),
            }
        }
        for (path, body) in &posts {
            let response = app.post_as(path, session, body).await;
            let expected = match *who {
                "admin" => StatusCode::UNPROCESSABLE_ENTITY,
                "moderator" => StatusCode::FORBIDDEN,
                _ => StatusCode::SEE_OTHER,
            };
            assert_eq!(response.status(), expected, "POST {path} as {who}");
        }
    }
    assert_eq!(app.count("consultations").await, 1, "nothing was created");
    assert_eq!(app.count("staff").await, 3, "nobody was added");
}

#[tokio::test]
async fn an_admin_adds_a_moderator_resets_a_password_and_deactivates_an_account() {
    let app = spawn_app().await;
    app.staff("admin@example.org", Role::Admin).await;
    let admin = app.session_of("admin@example.org").await;

    let added = app
        .post_as(
            "/admin/staff",
            &admin,
            "email=Mo%40Example.org&role=moderator&password=moderator+passphrase",
        )
        .await;
    assert_eq!(added.status(), StatusCode::OK);
    assert!(added.text().await.unwrap().contains("mo@example.org"));
    let duplicate = app
        .post_as(
            "/admin/staff",
            &admin,
            "email=mo%40example.org&role=admin&password=another+passphrase",
        )
        .await;
    assert_eq!(duplicate.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(duplicate.text().await.unwrap().contains("already exists"));

    let moderator = app.sign_in("mo@example.org", "moderator passphrase").await;
    let moderator = app.second_factor("mo@example.org", moderator).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE email = 'mo@example.org'")
        .fetch_one(&app.db)
        .await
        .unwrap();

    let reset = app
        .post_as(
            &format!("/admin/staff/{id}"),
            &admin,
            "action=reset&password=a+brand+new+passphrase",
        )
        .await;
    assert_eq!(reset.status(), StatusCode::OK);
    assert_eq!(
        app.get_as("/admin", &moderator).await.status(),
        StatusCode::FOUND,
        "old session ended"
    );
    assert_eq!(
        app.sign_in("mo@example.org", "moderator passphrase").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let again = app.sign_in("mo@example.org", "a brand new passphrase").await;
    let again = app.second_factor("mo@example.org", again).await;

    let deactivated = app.post_as(&format!("/admin/staff/{id}"), &admin, "action=deactivate").await;
    assert_eq!(deactivated.status(), StatusCode::OK);
    assert_eq!(
        app.get_as("/admin", &again).await.status(),
        StatusCode::FOUND,
        "sessions end at once"
    );

    let admin_id: i64 =
        sqlx::query_scalar("SELECT id FROM staff WHERE email = 'admin@example.org'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let yourself =
        app.post_as(&format!("/admin/staff/{admin_id}"), &admin, "action=deactivate").await;
    assert_eq!(yourself.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(yourself.text().await.unwrap().contains("cannot deactivate your own account"));

    let audit = app.get_as("/admin/audit", &admin).await.text().await.unwrap();
    for entry in [
        "created account: mo@example.org",
        "reset password: mo@example.org",
        "deactivated account: mo@example.org",
        "signed in: admin@example.org",
    ] {
        assert!(audit.contains(entry), "audit shows {entry}");
    }
}

#[tokio::test]
async fn state_changing_requests_from_another_site_are_refused() {
    let app = spawn_app().await;
    app.staff("ana@example.org", Role::Admin).await;
    app.seed("demo", -60, 24 * 60).await;
    let form = app.load_form("demo").await;
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form.complete_answer("from elsewhere"))
        .finish();

    for (header, value) in [("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site")] {
        for (path, body) in [
            ("/login", format!("email=ana%40example.org&password={PASSWORD}")),
            ("/c/demo", body.clone()),
        ] {
            let response = app
                .client
                .post(format!("{}{path}", app.address))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(header, value)
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path} with {header}: {value}");
        }
    }
    assert_eq!(app.count("responses").await, 0);
    assert_eq!(app.count("sessions").await, 0);
}

fn create_user(database_url: &str, args: &[&str], stdin: &str) -> std::process::Output {
    run_server(database_url, &[&["create-user"], args].concat(), stdin)
}

#[tokio::test]
async fn create_user_reads_the_password_from_standard_input() {
    let app = spawn_app().await;

    let made = create_user(
        &app.database_url,
        &["--email", "first@example.org", "--role", "admin"],
        &format!("{PASSWORD}\n"),
    );
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    assert_eq!(app.sign_in("first@example.org", PASSWORD).await.status(), StatusCode::SEE_OTHER);

    let short = create_user(
        &app.database_url,
        &["--email", "b@example.org", "--role", "moderator"],
        "short\n",
    );
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 12 characters"));

    let as_argument = create_user(
        &app.database_url,
        &["--email", "c@example.org", "--role", "admin", "--password", PASSWORD],
        "",
    );
    assert!(!as_argument.status.success(), "no password argument exists");

    let audit: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'created account'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(audit, 1);
}

#[tokio::test]
async fn incomplete_or_tampered_staff_forms_get_a_clear_message() {
    let app = spawn_app().await;
    app.staff("admin@example.org", Role::Admin).await;
    let admin = app.session_of("admin@example.org").await;

    let cases = [
        ("/login", "", "do not match an active account"),
        (
            "/admin/staff",
            "email=kept%40example.org&role=owner&password=long+enough+passphrase",
            "Choose a role",
        ),
        ("/admin/staff", "", "Choose a role"),
        ("/admin/staff", "role=moderator", "not an e-mail address"),
        ("/admin/staff/1", "action=promote", "Choose deactivate or reset password"),
    ];
    for (path, body, message) in cases {
        let response = app.post_as(path, &admin, body).await;
        let status = response.status();
        let html = response.text().await.unwrap();
        assert!(
            status.is_client_error() && html.contains(message),
            "{path} {body}: {status} {html}"
        );
    }
    let kept =
        app.post_as("/admin/staff", &admin, "email=kept%40example.org&role=owner&password=x").await;
    assert!(
        kept.text().await.unwrap().contains(r#"value="kept@example.org""#),
        "the address is kept"
    );
    assert_eq!(app.count("staff").await, 1);
}
