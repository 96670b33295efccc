use leptos::prelude::*;

use crate::domain::language::Language;
use crate::error::AppError;
use crate::views::summary::{DraftView, PublishedView, RoomView};

#[server(endpoint = "summary")]
pub async fn load_summary(slug: String) -> Result<PublishedView, AppError> {
    let state = expect_context::<crate::state::AppState>();
    crate::services::summary::published(&state, &slug).await
}

#[server(endpoint = "room")]
pub async fn load_room(slug: String, reader: Language) -> Result<RoomView, AppError> {
    let state = expect_context::<crate::state::AppState>();
    crate::services::room::view(&state, &slug, reader).await
}

#[server(endpoint = "admin/summary")]
pub async fn load_draft(id: i64) -> Result<DraftView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::summary::draft(&state, &session, id).await
}
