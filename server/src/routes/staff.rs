use app::domain::staff::Role;
use app::pages::staff::login::{LoginProblem, PostedLogin};
use app::services::auth::{self, LoginOutcome};
use app::state::AppState;
use app::storage::sessions::STAFF_ID;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use crate::client::ClientAddress;

use super::render::{in_asked_language, page_with};

/// Missing fields read as empty: the page answers with its usual message.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    password: String,
}

/// Sign-in posted as a plain form. Success renews the session id (no fixation) and goes to the
/// staff home; failure shows the page again with the e-mail address kept, never the password.
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    session: Session,
    parts: Parts,
    Form(form): Form<LoginForm>,
) -> Response {
    let client = client_key(&state, client);
    let (problem, status) = match auth::login(&state, &form.email, form.password, &client).await {
        Ok(LoginOutcome::SignedIn(member)) => {
            let started = async {
                session.cycle_id().await?;
                session.insert(STAFF_ID, member.id).await
            };
            if let Err(error) = started.await {
                tracing::error!(%error, "session store");
                (LoginProblem::Unavailable, StatusCode::SERVICE_UNAVAILABLE)
            } else {
                return Redirect::to(&in_asked_language(&parts, home(member.role))).into_response();
            }
        }
        Ok(LoginOutcome::Refused) => (LoginProblem::Refused, StatusCode::UNAUTHORIZED),
        Ok(LoginOutcome::Throttled { minutes }) => {
            (LoginProblem::Throttled { minutes }, StatusCode::TOO_MANY_REQUESTS)
        }
        Err(_) => (LoginProblem::Unavailable, StatusCode::SERVICE_UNAVAILABLE),
    };
    page_with(state, parts, PostedLogin { email: form.email, problem }, status).await
}

/// Where each role works.
fn home(role: Role) -> &'static str {
    match role {
        Role::Admin => "/admin",
        Role::Moderator => "/moderate",
    }
}

/// Ends the session on the server, not only in the browser.
pub async fn logout(State(state): State<AppState>, session: Session) -> Response {
    if let Ok(Some(member)) = auth::current(&state, &session).await {
        let now = state.clock.now();
        let _ = app::storage::audit::append(
            &state.db,
            now,
            Some(member.id),
            "signed out",
            member.email.as_str(),
            "",
        )
        .await;
    }
    match session.flush().await {
        Ok(()) => Redirect::to("/login").into_response(),
        Err(error) => {
            tracing::error!(%error, "session store");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// Throttling keys on a keyed hash of the address, held in memory only: never the address.
fn client_key(state: &AppState, client: std::net::IpAddr) -> String {
    state.key.mac_hex("client", client.to_string().as_bytes())
}
