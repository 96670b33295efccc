use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::follow_up::InAllLanguages;
use crate::domain::lifecycle::{UnixTime, Unpublishable};
use crate::domain::summary::Summary;
use crate::error::AppError;

/// A published version of the summary, as anyone may read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedView {
    pub slug: String,
    pub version: i64,
    pub published_at: UnixTime,
    pub summary: Summary,
    /// What the meeting did with it, once organizers have written that.
    pub follow_up: Option<InAllLanguages>,
}

/// The summary as the data stands now, for staff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: i64,
    pub slug: String,
    pub publishable: Result<(), Unpublishable>,
    /// Organizers publish; moderators only read.
    pub organizer: bool,
    pub published_version: Option<i64>,
    pub summary: Summary,
}

#[server(endpoint = "summary")]
pub async fn load_summary(slug: String) -> Result<PublishedView, AppError> {
    let state = expect_context::<crate::state::AppState>();
    crate::services::summary::published(&state, &slug).await
}

#[server(endpoint = "admin/summary")]
pub async fn load_draft(id: i64) -> Result<DraftView, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::summary::draft(&state, &session, id).await
}
