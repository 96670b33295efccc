//! The published summary's exports, and publishing it.

use app::domain::brief::BriefForm;
use app::domain::lifecycle::Unpublishable;
use app::domain::summary::csv::to_csv;
use app::pages::admin::summary::PostedBrief;
use app::services::summary::{self, BriefOutcome, PublishOutcome};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use tower_sessions::Session;

use super::render::{in_asked_language, page_with};

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
        Ok(PublishOutcome::WeakEvidence) => {
            Redirect::to(&format!("/admin/consultations/{id}/summary?weak_evidence#brief"))
                .into_response()
        }
        // The draft page says why.
        Ok(PublishOutcome::Refused(Unpublishable::Purged)) => {
            Redirect::to(&format!("/admin/consultations/{id}/summary")).into_response()
        }
        Err(error) => error.into_response(),
    }
}

/// The brief, from the draft page's plain form: saved, back to the draft that opens with it;
/// not, the page again with the text as typed and what to mend.
pub async fn write_brief(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    mut parts: Parts,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let form = BriefForm::from_pairs(&pairs);
    let page = format!("/admin/consultations/{id}/summary");
    match summary::write_brief(&state, &session, id, &form).await {
        Ok(BriefOutcome::Written) => {
            Redirect::to(&in_asked_language(&parts, &format!("{page}?brief_saved#brief")))
                .into_response()
        }
        Ok(BriefOutcome::Invalid(errors)) => {
            parts.uri = in_asked_language(&parts, &page).parse().unwrap_or(parts.uri);
            let posted = PostedBrief { form, errors };
            page_with(state, parts, posted, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(error) => error.into_response(),
    }
}
