use leptos::prelude::*;

use crate::domain::authoring::ConsultationForm;
use crate::domain::language::Language;
use crate::error::AppError;
use crate::views::admin::{
    AdminListed, FollowUpView, LiveView, PartnerListed, QuestionsView, TranslationProgress,
    TranslationView, WindowView,
};
use crate::views::respond::ConsultationView;

/// Every consultation with its derived state. Admins only.
#[server(endpoint = "admin/consultations")]
pub async fn admin_consultations() -> Result<Vec<AdminListed>, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::admin::consultations(&state, &session).await
}

/// Whether the person asking may open admin pages.
#[server(endpoint = "admin/gate")]
pub async fn admin_gate() -> Result<(), AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::admin::check_admin(&state, &session).await
}

/// A consultation's settings as the edit form shows them.
#[server(endpoint = "admin/consultation-form")]
pub async fn load_consultation_form(id: i64) -> Result<ConsultationForm, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::admin::form_for(&state, &session, id).await
}

#[server(endpoint = "admin/questions")]
pub async fn load_questions(id: i64) -> Result<QuestionsView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::admin::questions_for(&state, &session, id).await
}

#[server(endpoint = "admin/preview")]
pub async fn load_preview(id: i64, reader: Language) -> Result<ConsultationView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::admin::preview(&state, &session, id, reader).await
}

#[server(endpoint = "admin/helplines")]
pub async fn load_helplines() -> Result<String, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::admin::helplines_text(&state, &session).await
}

#[server(endpoint = "admin/partners")]
pub async fn load_partners(id: i64) -> Result<Vec<PartnerListed>, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::partners::listed(&state, &session, crate::domain::ids::ConsultationId(id))
        .await
}

#[server(endpoint = "admin/window")]
pub async fn load_window(id: i64) -> Result<WindowView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::admin::window(&state, &session, id).await
}

#[server(endpoint = "admin/follow-up")]
pub async fn load_follow_up(id: i64) -> Result<FollowUpView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::admin::follow_up(&state, &session, id).await
}

#[server(endpoint = "admin/live")]
pub async fn load_live(id: i64) -> Result<LiveView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::live::view(&state, &session, id).await
}

#[server(endpoint = "admin/translation")]
pub async fn load_translation(id: i64, to: Language) -> Result<TranslationView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::translations::view(&state, &session, id, to).await
}

#[server(endpoint = "admin/translation-progress")]
pub async fn load_translation_progress(id: i64) -> Result<Vec<TranslationProgress>, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::translations::progress(&state, &session, id).await
}
