use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::lifecycle::{Phase, UnixTime};
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminListed {
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
