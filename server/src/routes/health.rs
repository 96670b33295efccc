use std::sync::Arc;

use app::domain::token::same;
use app::state::AppState;
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

use crate::client::ClientAddress;

/// Liveness and database reachability, for load balancers and the run script.
pub async fn check(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match app::storage::ping(&state.db).await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

/// What `/metrics` asks of anyone not on this machine (`YC_METRICS_TOKEN`); none: nobody else.
#[derive(Clone, Debug, Default)]
pub struct MetricsToken(pub Option<Arc<str>>);

/// For Prometheus: open to this machine; from anywhere else, a request through a trusted proxy
/// included (it is judged by the address the proxy forwarded), only with `Authorization: Bearer`
/// and the token, else a 404 as if nothing were here.
pub async fn metrics(
    State(state): State<AppState>,
    Extension(token): Extension<MetricsToken>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let shown = |token: &str| bearer.is_some_and(|b| same(b.as_bytes(), token.as_bytes()));
    if !client.is_loopback() && !token.0.as_deref().is_some_and(shown) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match state.metrics.render(&state.db).await {
        Ok(text) => ([(header::CONTENT_TYPE, CONTENT_TYPE)], text).into_response(),
        Err(error) => {
            tracing::error!(%error, "metrics: database unreachable");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
