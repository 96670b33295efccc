use leptos::prelude::*;

use crate::domain::ids::{AnswerId, QuestionId};
use crate::domain::moderation::QueueFilter;
use crate::error::AppError;
use crate::views::moderate::{
    HeldView, HistoryView, QueueView, SimilarView, SplitView, SuggestionsView,
};

/// Claims the next pending answer under the filter (after `after`, when skipping).
#[server(endpoint = "moderate/queue")]
pub async fn load_queue(
    filter: QueueFilter,
    after: Option<AnswerId>,
) -> Result<QueueView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::moderate::queue(&state, &session, filter, after).await
}

/// Opens (and claims, when free) one answer.
#[server(endpoint = "moderate/item")]
pub async fn load_item(filter: QueueFilter, answer_id: AnswerId) -> Result<QueueView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::moderate::open(&state, &session, filter, answer_id).await
}

#[server(endpoint = "moderate/history")]
pub async fn load_history() -> Result<HistoryView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::moderate::history(&state, &session).await
}

#[server(endpoint = "moderate/held")]
pub async fn load_held(page: usize) -> Result<HeldView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::moderate::held(&state, &session, page).await
}

/// A free-text question's answers grouped into suggested themes; `decided`: a decision just
/// taken, shown with its undo.
#[server(endpoint = "moderate/themes")]
pub async fn load_suggestions(
    question: QuestionId,
    decided: Option<i64>,
) -> Result<SuggestionsView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::themes::suggestions(&state, &session, question, decided).await
}

/// A theme's answers, to split some off into another theme.
#[server(endpoint = "moderate/themes/split")]
pub async fn load_split(question: QuestionId, theme: String) -> Result<SplitView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::themes::split(&state, &session, question, &theme).await
}

/// The pending answers most alike one, to decide together with it.
#[server(endpoint = "moderate/similar")]
pub async fn load_similar(answer_id: AnswerId) -> Result<SimilarView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::themes::similar(&state, &session, answer_id).await
}
