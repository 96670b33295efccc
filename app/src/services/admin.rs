use tower_sessions::Session;

use crate::api::admin::AdminListed;
use crate::domain::authoring::{ConsultationForm, FieldMessages};
use crate::domain::staff::Role;
use crate::error::AppError;
use crate::services::auth::require;
use crate::state::AppState;
use crate::storage::{audit, consultations};

pub async fn consultations(
    state: &AppState,
    session: &Session,
) -> Result<Vec<AdminListed>, AppError> {
    require(state, session, Role::Admin).await?;
    let now = state.clock.now();
    let all = consultations::all(&state.db).await?;
    Ok(all
        .into_iter()
        .map(|c| AdminListed {
            id: c.id,
            phase: c.schedule.phase(now),
            opens_at: c.schedule.window.map(|w| w.opens_at),
            closes_at: c.schedule.window.map(|w| w.closes_at),
            slug: c.slug,
            title: c.title,
        })
        .collect())
}

pub async fn check_admin(state: &AppState, session: &Session) -> Result<(), AppError> {
    require(state, session, Role::Admin).await.map(drop)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved(i64),
    Invalid(FieldMessages),
}

const SLUG_TAKEN: &str = "Another consultation already uses this address.";

pub async fn create(
    state: &AppState,
    session: &Session,
    form: &ConsultationForm,
) -> Result<SaveOutcome, AppError> {
    let member = require(state, session, Role::Admin).await?;
    let settings = match form.parse() {
        Ok(s) => s,
        Err(errors) => return Ok(SaveOutcome::Invalid(errors)),
    };
    let now = state.clock.now();
    let Some(id) = consultations::insert_settings(&state.db, &settings, now).await? else {
        return Ok(SaveOutcome::Invalid(FieldMessages::from([("slug".into(), SLUG_TAKEN.into())])));
    };
    audit::append(&state.db, now, Some(member.id), "created consultation", &settings.slug, "")
        .await?;
    Ok(SaveOutcome::Saved(id))
}

pub async fn update(
    state: &AppState,
    session: &Session,
    id: i64,
    form: &ConsultationForm,
) -> Result<SaveOutcome, AppError> {
    let member = require(state, session, Role::Admin).await?;
    let before = consultations::settings(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let settings = match form.parse() {
        Ok(s) => s,
        Err(errors) => return Ok(SaveOutcome::Invalid(errors)),
    };
    if !consultations::update_settings(&state.db, id, &settings).await? {
        return Ok(SaveOutcome::Invalid(FieldMessages::from([("slug".into(), SLUG_TAKEN.into())])));
    }
    let detail = if before.window == settings.window { "" } else { "window changed" };
    audit::append(
        &state.db,
        state.clock.now(),
        Some(member.id),
        "edited consultation",
        &settings.slug,
        detail,
    )
    .await?;
    Ok(SaveOutcome::Saved(id))
}

pub async fn form_for(
    state: &AppState,
    session: &Session,
    id: i64,
) -> Result<ConsultationForm, AppError> {
    require(state, session, Role::Admin).await?;
    let settings = consultations::settings(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(ConsultationForm::from_settings(&settings))
}
