//! The published summary's exports, and publishing it.

use app::domain::lifecycle::Unpublishable;
use app::domain::summary::csv::to_csv;
use app::services::summary::{self, PublishOutcome};
use app::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

pub async fn json(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match summary::published(&state, &slug).await {
        Ok(view) => Json(view).into_response(),
        Err(error) => error.into_response(),
    }
}

pub async fn csv(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match summary::published(&state, &slug).await {
        Ok(view) => {
            let name =
                format!("attachment; filename=\"{}-summary-v{}.csv\"", view.slug, view.version);
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, name),
                ],
                to_csv(&view.summary),
            )
                .into_response()
        }
        Err(error) => error.into_response(),
    }
}

/// Kept out of the main stylesheet, which every young person downloads.
pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../../style/summary.css"),
    )
}

/// Publish, then show the published version (post/redirect/get).
pub async fn publish(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Response {
    match summary::publish(&state, &session, id).await {
        Ok(PublishOutcome::Published { slug, .. }) => {
            Redirect::to(&format!("/c/{slug}/summary")).into_response()
        }
        Ok(PublishOutcome::Refused(Unpublishable::AnswersMayArrive)) => {
            Redirect::to(&format!("/admin/consultations/{id}/summary?not_closed")).into_response()
        }
        // The draft page says why.
        Ok(PublishOutcome::Refused(Unpublishable::Purged)) => {
            Redirect::to(&format!("/admin/consultations/{id}/summary")).into_response()
        }
        Err(error) => error.into_response(),
    }
}
