use app::domain::moderation::{QueueFilter, ReviewForm};
use app::pages::moderate::PostedReview;
use app::services::moderate::{self, ReviewOutcome};
use app::state::AppState;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::admin::refused;
use super::render::{in_asked_language, page_with};

/// A review posted as a plain form (fields repeat, so pairs). Saved: on to the next answer under
/// the same filter. Not saved: the same page again with what was typed and why.
pub async fn review(
    State(state): State<AppState>,
    session: Session,
    Path(answer_id): Path<i64>,
    Query(query): Query<Vec<(String, String)>>,
    parts: Parts,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let form = ReviewForm::from_pairs(&pairs);
    let filter = QueueFilter::from_query(|name| {
        query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    });
    let (error, status) = match moderate::decide(&state, &session, answer_id, &form).await {
        Ok(ReviewOutcome::Saved(_)) => {
            let next = in_asked_language(&parts, &format!("/moderate?{}", filter.query()));
            return Redirect::to(&next).into_response();
        }
        Ok(ReviewOutcome::Invalid(error)) => (Some(error), StatusCode::UNPROCESSABLE_ENTITY),
        Ok(ReviewOutcome::Taken) => (None, StatusCode::CONFLICT),
        Err(error) => return refused(error),
    };
    page_with(state, parts, PostedReview { answer_id, form, error }, status).await
}
