use app::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;

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
