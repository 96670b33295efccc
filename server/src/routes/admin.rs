use app::domain::authoring::ConsultationForm;
use app::error::AppError;
use app::pages::admin::editor::PostedConsultation;
use app::services::admin::{self, SaveOutcome};
use app::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::render::page_with;

/// New consultation settings posted as a plain form.
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    parts: Parts,
    Form(form): Form<ConsultationForm>,
) -> Response {
    let outcome = admin::create(&state, &session, &form).await;
    let mut parts = parts;
    parts.uri = Uri::from_static("/admin/consultations/new");
    answer(state, parts, form, outcome).await
}

pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    parts: Parts,
    Form(form): Form<ConsultationForm>,
) -> Response {
    let outcome = admin::update(&state, &session, id, &form).await;
    answer(state, parts, form, outcome).await
}

/// Saved: back to the edit page (post/redirect/get). Invalid: the form again, as typed, with
/// errors next to the fields.
async fn answer(
    state: AppState,
    parts: Parts,
    form: ConsultationForm,
    outcome: Result<SaveOutcome, AppError>,
) -> Response {
    match outcome {
        Ok(SaveOutcome::Saved(id)) => {
            Redirect::to(&format!("/admin/consultations/{id}?saved")).into_response()
        }
        Ok(SaveOutcome::Invalid(errors)) => {
            page_with(
                state,
                parts,
                PostedConsultation { form, errors },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Unauthorized) => Redirect::to("/login").into_response(),
        Err(AppError::Forbidden) => {
            (StatusCode::FORBIDDEN, AppError::Forbidden.to_string()).into_response()
        }
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}
