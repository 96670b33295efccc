//! The second factor at sign-in: set up from a QR code or its key as text, asked for every time,
//! each code good once, ten recovery codes good once each, a lost phone reset from the command
//! line, and moderators an admin lets sign in without one.

use crate::helpers::{PASSWORD, TestApp, cookie, location, run_server, scan_svg, spawn_app};
use app::domain::second_factor::TotpSecret;
use app::domain::staff::Role;
use regex::Regex;
use reqwest::StatusCode;

const ANA: &str = "ana@example.org";

/// The password step, returning the half-signed-in session cookie and where it leads.
async fn password(app: &TestApp, email: &str) -> (String, String) {
    let response = app.sign_in(email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    (cookie(&response).unwrap(), location(&response))
}

fn setup_key(page: &str) -> TotpSecret {
    let key =
        Regex::new(r#"class="setup-key"[^>]*>([A-Z2-7 ]+)<"#).unwrap().captures(page).unwrap()[1]
            .replace(' ', "");
    TotpSecret::parse(&key).unwrap()
}

fn recovery_codes(page: &str) -> Vec<String> {
    Regex::new(r"<li><code>([a-z2-7]{4}(?:-[a-z2-7]{4}){3})</code></li>")
        .unwrap()
        .captures_iter(page)
        .map(|c| c[1].to_owned())
        .collect()
}

async fn audited(app: &TestApp, action: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = $1 ORDER BY id")
        .bind(action)
        .fetch_all(&app.db)
        .await
        .unwrap()
}

/// Sets up an app for `email` by hand and returns its secret and recovery codes.
async fn set_up(app: &TestApp, email: &str) -> (TotpSecret, Vec<String>, String) {
    let (pending, next) = password(app, email).await;
    assert_eq!(next, "/login/setup");
    let secret = setup_key(&app.get_as("/login/setup", &pending).await.text().await.unwrap());
    let done =
        app.post_as("/login/setup", &pending, &format!("code={}", secret.code_at(app.now()))).await;
    assert_eq!(done.status(), StatusCode::OK);
    let session = cookie(&done).unwrap();
    (secret, recovery_codes(&done.text().await.unwrap()), session)
}

#[tokio::test]
async fn an_admin_sets_up_an_app_from_the_qr_code_or_its_key_and_gets_ten_recovery_codes() {
    let app = spawn_app().await;
    app.staff(ANA, Role::Admin).await;
    let (pending, next) = password(&app, ANA).await;
    assert_eq!(next, "/login/setup");
    assert_eq!(app.get_as("/admin", &pending).await.status(), StatusCode::FOUND, "not yet in");

    let page = app.get_as("/login/setup", &pending).await;
    assert_eq!(page.headers()["cache-control"], "no-store");
    let secret = setup_key(&page.text().await.unwrap());
    let qr = app.get_as("/login/setup/qr.svg", &pending).await;
    assert_eq!(qr.headers()["cache-control"], "no-store");
    let scanned = scan_svg(&qr.text().await.unwrap());
    assert!(scanned.starts_with("otpauth://totp/Youth%20Consult:ana%40example.org?"), "{scanned}");
    assert!(
        scanned.contains(&format!("secret={}", secret.to_base32())),
        "the same key as the text"
    );
    assert_eq!(app.get("/login/setup/qr.svg").await.status(), StatusCode::NOT_FOUND);

    let wrong = app.post_as("/login/setup", &pending, "code=123456").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let wrong = wrong.text().await.unwrap();
    assert!(wrong.contains("That code is not right"));
    assert_eq!(setup_key(&wrong), secret, "the same key, to try again");

    let done =
        app.post_as("/login/setup", &pending, &format!("code={}", secret.code_at(app.now()))).await;
    assert_eq!(done.status(), StatusCode::OK);
    assert_eq!(done.headers()["cache-control"], "no-store");
    let session = cookie(&done).unwrap();
    let codes = recovery_codes(&done.text().await.unwrap());
    assert_eq!(codes.len(), 10);
    assert_eq!(app.get_as("/admin", &session).await.status(), StatusCode::OK);
    assert_eq!(app.get_as("/admin", &pending).await.status(), StatusCode::FOUND, "a new id");

    let stored: Vec<String> = sqlx::query_scalar("SELECT code_hash FROM recovery_codes")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 10);
    for code in &codes {
        let bare = code.replace('-', "");
        assert!(stored.iter().all(|h| !h.contains(&bare) && h.len() == 64), "only hashes kept");
    }
    assert_eq!(audited(&app, "set up second factor").await.len(), 1);
    assert_eq!(app.get_as("/login/setup/qr.svg", &session).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_sign_in_asks_for_the_code_and_a_wrong_or_reused_one_is_refused() {
    let app = spawn_app().await;
    app.staff(ANA, Role::Admin).await;
    let (secret, _, _) = set_up(&app, ANA).await;

    let (pending, next) = password(&app, ANA).await;
    assert_eq!(next, "/login/code");
    let page = app.get_as("/login/code", &pending).await.text().await.unwrap();
    assert!(page.contains("Enter the code from your app"));
    assert!(!page.contains("setup-key"), "the key is never shown again");

    let now = secret.code_at(app.now());
    let wrong = if now == "111111" { "222222" } else { "111111" };
    let refused = app.post_as("/login/code", &pending, &format!("code={wrong}")).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(refused.text().await.unwrap().contains("That code is not right"));

    let reused = app.post_as("/login/code", &pending, &format!("code={now}")).await;
    assert_eq!(reused.status(), StatusCode::UNAUTHORIZED, "its step confirmed the setup");
    assert!(reused.text().await.unwrap().contains("That code was used already"));

    app.clock_forward_secs(30);
    let next_code = secret.code_at(app.now());
    let spaced = format!("code={}+{}", &next_code[..3], &next_code[3..]);
    let signed_in = app.post_as("/login/code", &pending, &spaced).await;
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&signed_in), "/admin");
    assert_eq!(app.get_as("/admin", &cookie(&signed_in).unwrap()).await.status(), StatusCode::OK);

    let (again, _) = password(&app, ANA).await;
    let replayed = app.post_as("/login/code", &again, &format!("code={next_code}")).await;
    assert_eq!(replayed.status(), StatusCode::UNAUTHORIZED, "a code signs in once");
}

#[tokio::test]
async fn each_recovery_code_signs_in_once() {
    let app = spawn_app().await;
    app.staff(ANA, Role::Admin).await;
    let (_, codes, _) = set_up(&app, ANA).await;

    let (pending, _) = password(&app, ANA).await;
    let typed = codes[4].to_uppercase().replace('-', " ");
    let used = app.post_as("/login/code", &pending, &format!("code={typed}")).await;
    assert_eq!(used.status(), StatusCode::SEE_OTHER);
    assert_eq!(audited(&app, "used a recovery code").await, ["9 left"]);

    let (pending, _) = password(&app, ANA).await;
    let again = app.post_as("/login/code", &pending, &format!("code={}", codes[4])).await;
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
    let other = app.post_as("/login/code", &pending, &format!("code={}", codes[5])).await;
    assert_eq!(other.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn wrong_codes_are_throttled_like_wrong_passwords() {
    let app = spawn_app().await;
    app.staff(ANA, Role::Admin).await;
    let (secret, _, _) = set_up(&app, ANA).await;
    let (pending, _) = password(&app, ANA).await;
    app.clock_forward_secs(30);
    let right = secret.code_at(app.now());
    let wrong = if right == "000000" { "999999" } else { "000000" };

    for _ in 0..5 {
        let refused = app.post_as("/login/code", &pending, &format!("code={wrong}")).await;
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    }
    let throttled = app.post_as("/login/code", &pending, &format!("code={right}")).await;
    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS, "even the right code waits");
}

#[tokio::test]
async fn a_checked_password_waits_five_minutes_for_its_code() {
    let app = spawn_app().await;
    app.staff(ANA, Role::Admin).await;
    let (secret, _, _) = set_up(&app, ANA).await;
    let (pending, _) = password(&app, ANA).await;

    app.advance_minutes(6);
    let late =
        app.post_as("/login/code", &pending, &format!("code={}", secret.code_at(app.now()))).await;

    assert_eq!(late.status(), StatusCode::UNAUTHORIZED);
    assert!(late.text().await.unwrap().contains("This sign-in has expired"));
    let page = app.get_as("/login/code", &pending).await.text().await.unwrap();
    assert!(page.contains("Start again"));
}

#[tokio::test]
async fn a_lost_phone_is_reset_from_the_command_line_and_its_sessions_end() {
    let app = spawn_app().await;
    app.staff(ANA, Role::Admin).await;
    let (old_secret, _, session) = set_up(&app, ANA).await;

    let reset = run_server(&app.database_url, &["reset-second-factor", "--email", ANA], "");
    assert!(reset.status.success(), "{}", String::from_utf8_lossy(&reset.stderr));
    let unknown = run_server(&app.database_url, &["reset-second-factor", "--email", "x@y.org"], "");
    assert!(!unknown.status.success());

    assert_eq!(app.get_as("/admin", &session).await.status(), StatusCode::FOUND);
    assert_eq!(app.count("recovery_codes").await, 0);
    let (pending, next) = password(&app, ANA).await;
    assert_eq!(next, "/login/setup", "the next sign-in sets up a new app");
    let new_secret = setup_key(&app.get_as("/login/setup", &pending).await.text().await.unwrap());
    assert_ne!(new_secret, old_secret);
    assert_eq!(audited(&app, "reset second factor").await.len(), 1);
}

#[tokio::test]
async fn an_admin_may_let_a_moderator_sign_in_without_a_second_factor_but_never_an_admin() {
    let app = spawn_app().await;
    let admin_id = app.staff("admin@example.org", Role::Admin).await;
    let moderator = app.staff("mo@example.org", Role::Moderator).await;
    let admin = app.session_of("admin@example.org").await;

    let waived = app
        .post_as(&format!("/admin/staff/{moderator}"), &admin, "action=waive-second-factor")
        .await;
    assert_eq!(waived.status(), StatusCode::OK);
    assert!(waived.text().await.unwrap().contains("signs in without a second factor"));
    let (_, next) = password(&app, "mo@example.org").await;
    assert_eq!(next, "/moderate");

    let admin_too = app
        .post_as(&format!("/admin/staff/{admin_id}"), &admin, "action=waive-second-factor")
        .await;
    assert_eq!(admin_too.status(), StatusCode::OK);
    let (_, next) = password(&app, "admin@example.org").await;
    assert_eq!(next, "/login/code", "admins always give one");

    let required = app
        .post_as(&format!("/admin/staff/{moderator}"), &admin, "action=require-second-factor")
        .await;
    assert_eq!(required.status(), StatusCode::OK);
    let (_, next) = password(&app, "mo@example.org").await;
    assert_eq!(next, "/login/setup");
    assert_eq!(audited(&app, "waived second factor").await.len(), 1);
    assert_eq!(audited(&app, "required second factor").await.len(), 1);
}
