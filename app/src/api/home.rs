use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::lifecycle::{Phase, UnixTime};
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed {
    pub slug: String,
    pub title: String,
    pub phase: Phase,
    pub opens_at: UnixTime,
    pub closes_at: UnixTime,
}

#[server(endpoint = "consultations")]
pub async fn listed_consultations() -> Result<Vec<Listed>, AppError> {
    let state = expect_context::<crate::state::AppState>();
    crate::services::home::listed(&state).await
}
