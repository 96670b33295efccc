use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::authoring::ConsultationForm;
use crate::domain::language::Language;
use crate::domain::lifecycle::{Phase, UnixTime};
use crate::domain::live::LiveCounts;
use crate::domain::partner::Partner;
use crate::domain::question::Question;
use crate::domain::translation::{Source, Translations};
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminListed {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub phase: Phase,
    pub opens_at: Option<UnixTime>,
    pub closes_at: Option<UnixTime>,
}

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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionsView {
    /// True once the window has opened.
    pub locked: bool,
    pub questions: Vec<Question>,
}

#[server(endpoint = "admin/questions")]
pub async fn load_questions(id: i64) -> Result<QuestionsView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::admin::questions_for(&state, &session, id).await
}

#[server(endpoint = "admin/preview")]
pub async fn load_preview(
    id: i64,
    reader: Language,
) -> Result<crate::views::respond::ConsultationView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::admin::preview(&state, &session, id, reader).await
}

#[server(endpoint = "admin/helplines")]
pub async fn load_helplines() -> Result<String, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::admin::helplines_text(&state, &session).await
}

/// A partner as the consultation's page lists it for organizers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerListed {
    pub partner: Partner,
    /// Absolute, as it goes on posters.
    pub link: String,
    pub answers: u64,
}

#[server(endpoint = "admin/partners")]
pub async fn load_partners(id: i64) -> Result<Vec<PartnerListed>, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::partners::listed(&state, &session, id).await
}

/// Where an opened consultation's window stands, for closing it early or extending it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowView {
    pub phase: Phase,
    pub closes_at: Option<UnixTime>,
    pub grace_minutes: i64,
}

#[server(endpoint = "admin/window")]
pub async fn load_window(id: i64) -> Result<WindowView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::admin::window(&state, &session, id).await
}

/// What happened next, as organizers write it once the summary is published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpView {
    /// Only once the summary is published.
    pub may_write: bool,
    /// As written, in the consultation's own language; empty until then.
    pub text: String,
}

#[server(endpoint = "admin/follow-up")]
pub async fn load_follow_up(id: i64) -> Result<FollowUpView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::admin::follow_up(&state, &session, id).await
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveView {
    pub id: i64,
    pub title: String,
    pub phase: Phase,
    pub now: UnixTime,
    pub counts: LiveCounts,
    /// To name the partners in the counts.
    pub partners: Vec<Partner>,
}

#[server(endpoint = "admin/live")]
pub async fn load_live(id: i64) -> Result<LiveView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::live::view(&state, &session, id).await
}

/// A consultation's texts beside their translations into one language, for the translation form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationView {
    pub id: i64,
    pub title: String,
    /// The language it is written in.
    pub from: Language,
    pub to: Language,
    pub sources: Vec<Source>,
    pub stored: Translations,
}

#[server(endpoint = "admin/translation")]
pub async fn load_translation(id: i64, to: Language) -> Result<TranslationView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::translations::view(&state, &session, id, to).await
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationProgress {
    pub language: Language,
    /// Texts translated, of `total`.
    pub done: usize,
    pub total: usize,
}

#[server(endpoint = "admin/translation-progress")]
pub async fn load_translation_progress(id: i64) -> Result<Vec<TranslationProgress>, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::translations::progress(&state, &session, id).await
}
