//! Staff sign-in as plain forms: the password (`/login`), then the code from an authenticator
//! app (`/login/code`) or, the first time, setting one up (`/login/setup`); and signing out.

use app::domain::audit::{AuditAction, Subject};
use app::domain::problem::Problem;
use app::domain::staff::Role;
use app::error::AppError;
use app::pages::staff::login::PostedLogin;
use app::pages::staff::second_factor::{CodeView, SetupView};
use app::services::auth::{self, CodeOutcome, LoginOutcome, Origin, SetupOutcome, SignedIn};
use app::state::AppState;
use axum::Form;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;
use tower_sessions::cookie::{Cookie, SameSite, time};

use crate::client::ClientAddress;
use crate::images::qr::Qr;

use super::render::{in_asked_language, page_with};

/// Missing fields read as empty: the page answers with its usual message.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    password: String,
}

/// The password. Success renews the session id (no fixation) and goes on to the second factor
/// (or, for a moderator an admin let go without one, to the staff home); failure shows the page
/// again with the e-mail address kept, never the password.
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    session: Session,
    parts: Parts,
    Form(form): Form<LoginForm>,
) -> Response {
    let origin = origin(&state, client, &parts.headers);
    let outcome = auth::login(&state, &session, &form.email, form.password, &origin).await;
    let (problem, status) = match outcome {
        Ok(LoginOutcome::SignedIn(signed_in)) => {
            return signed_in_at_home(&state, &parts, signed_in);
        }
        Ok(LoginOutcome::NeedsCode) => {
            return Redirect::to(&in_asked_language(&parts, "/login/code")).into_response();
        }
        Ok(LoginOutcome::NeedsSetup) => {
            return Redirect::to(&in_asked_language(&parts, "/login/setup")).into_response();
        }
        Ok(LoginOutcome::Refused) => (Problem::SignInRefused, StatusCode::UNAUTHORIZED),
        Ok(LoginOutcome::Throttled { minutes }) => {
            (Problem::Throttled { minutes }, StatusCode::TOO_MANY_REQUESTS)
        }
        Err(_) => (Problem::Unavailable, StatusCode::SERVICE_UNAVAILABLE),
    };
    page_with(state, parts, PostedLogin { email: form.email, problem }, status).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CodeForm {
    code: String,
}

/// The code page, while a checked password waits for it.
pub async fn code_page(State(state): State<AppState>, session: Session, parts: Parts) -> Response {
    let view = match auth::pending_code(&state, &session).await {
        Ok(true) => CodeView::Form(None),
        Ok(false) => CodeView::Expired,
        Err(_) => CodeView::Form(Some(Problem::Unavailable)),
    };
    page_with(state, parts, view, StatusCode::OK).await
}

pub async fn enter_code(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    session: Session,
    parts: Parts,
    Form(form): Form<CodeForm>,
) -> Response {
    let origin = origin(&state, client, &parts.headers);
    let (view, status) = match auth::enter_code(&state, &session, &form.code, &origin).await {
        Ok(CodeOutcome::SignedIn(signed_in)) => {
            return signed_in_at_home(&state, &parts, signed_in);
        }
        Ok(CodeOutcome::Expired) => (CodeView::Expired, StatusCode::UNAUTHORIZED),
        Ok(other) => {
            let (problem, status) = code_problem(other);
            (CodeView::Form(Some(problem)), status)
        }
        Err(_) => (CodeView::Form(Some(Problem::Unavailable)), StatusCode::SERVICE_UNAVAILABLE),
    };
    page_with(state, parts, view, status).await
}

/// The setup page: the new app's key as a QR code and as text.
pub async fn setup_page(State(state): State<AppState>, session: Session, parts: Parts) -> Response {
    let view = match auth::setup_sheet(&state, &session).await {
        Ok(Some((secret, _))) => SetupView::Form { key: secret.grouped(), problem: None },
        Ok(None) => SetupView::Expired,
        Err(error) => return error.into_response(),
    };
    no_store(page_with(state, parts, view, StatusCode::OK).await)
}

/// The setup key as a QR code, for the setup page only.
pub async fn setup_qr(State(state): State<AppState>, session: Session) -> Response {
    let Ok(Some((secret, email))) = auth::setup_sheet(&state, &session).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match Qr::new(&secret.otpauth_url(&email)) {
        Ok(code) => {
            no_store(([(header::CONTENT_TYPE, "image/svg+xml")], code.svg()).into_response())
        }
        Err(error) => {
            tracing::error!(%error, "setup QR code");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The first code from the new app turns it on; the recovery codes are shown this once.
pub async fn set_up(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    session: Session,
    parts: Parts,
    Form(form): Form<CodeForm>,
) -> Response {
    let origin = origin(&state, client, &parts.headers);
    let outcome = auth::set_up(&state, &session, &form.code, &origin).await;
    let (view, status, cookie) = match outcome {
        Ok(SetupOutcome::Done(signed_in, codes)) => {
            let next = home(signed_in.member.role).to_owned();
            let codes = codes.iter().map(|c| c.shown()).collect();
            (SetupView::Done { codes, next }, StatusCode::OK, Some(signed_in.device_cookie))
        }
        Ok(SetupOutcome::Expired) => (SetupView::Expired, StatusCode::UNAUTHORIZED, None),
        Ok(SetupOutcome::Wrong) => {
            (retry(&state, &session, Problem::CodeWrong).await, StatusCode::UNAUTHORIZED, None)
        }
        Ok(SetupOutcome::Throttled { minutes }) => {
            let problem = Problem::Throttled { minutes };
            (retry(&state, &session, problem).await, StatusCode::TOO_MANY_REQUESTS, None)
        }
        Err(_) => (SetupView::Expired, StatusCode::SERVICE_UNAVAILABLE, None),
    };
    let mut response = no_store(page_with(state.clone(), parts, view, status).await);
    if let Some(cookie) = cookie {
        set_device_cookie(&state, &mut response, cookie);
    }
    response
}

/// The setup form again, with the same key, and what went wrong.
async fn retry(state: &AppState, session: &Session, problem: Problem) -> SetupView {
    match auth::setup_sheet(state, session).await {
        Ok(Some((secret, _))) => SetupView::Form { key: secret.grouped(), problem: Some(problem) },
        _ => SetupView::Expired,
    }
}

fn code_problem(outcome: CodeOutcome) -> (Problem, StatusCode) {
    match outcome {
        CodeOutcome::Reused => (Problem::CodeReused, StatusCode::UNAUTHORIZED),
        CodeOutcome::Throttled { minutes } => {
            (Problem::Throttled { minutes }, StatusCode::TOO_MANY_REQUESTS)
        }
        _ => (Problem::CodeWrong, StatusCode::UNAUTHORIZED),
    }
}

/// Where each role works.
fn home(role: Role) -> &'static str {
    match role {
        Role::Admin => "/admin",
        Role::Moderator => "/moderate",
    }
}

fn signed_in_at_home(state: &AppState, parts: &Parts, signed_in: SignedIn) -> Response {
    let mut response =
        Redirect::to(&in_asked_language(parts, home(signed_in.member.role))).into_response();
    set_device_cookie(state, &mut response, signed_in.device_cookie);
    response
}

/// Pages that show a secret (the setup key, recovery codes) stay out of every cache.
fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Over HTTPS the `__Host-` prefix binds it to this site alone, as for the session cookie.
fn device_cookie_name(state: &AppState) -> &'static str {
    if state.secure_cookies { "__Host-yc_device" } else { "yc_device" }
}

fn set_device_cookie(state: &AppState, response: &mut Response, value: String) {
    let cookie = Cookie::build((device_cookie_name(state), value))
        .path("/")
        .http_only(true)
        .secure(state.secure_cookies)
        .same_site(SameSite::Strict)
        .max_age(time::Duration::seconds(app::domain::device::DeviceCookie::MAX_AGE_SECS))
        .build();
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// The address as a keyed hash (never the address) and the browser's device cookie, if any.
fn origin<'a>(state: &AppState, client: std::net::IpAddr, headers: &'a HeaderMap) -> Origin<'a> {
    let name = device_cookie_name(state);
    let device = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(key, value)| (key == name).then_some(value));
    Origin { client: state.key.mac_hex("client", client.to_string().as_bytes()), device }
}

/// Ends the session on the server, not only in the browser.
pub async fn logout(State(state): State<AppState>, session: Session) -> Response {
    if let Ok(Some(member)) = auth::current(&state, &session).await {
        let now = state.clock.now();
        let _ = app::storage::audit::append(
            &state.db,
            now,
            Some(member.id),
            AuditAction::SignedOut,
            Subject::Account(member.email.as_str()),
            "",
        )
        .await;
    }
    match session.flush().await {
        Ok(()) => Redirect::to("/login").into_response(),
        Err(error) => {
            tracing::error!(%error, "session store");
            AppError::Internal.into_response()
        }
    }
}
