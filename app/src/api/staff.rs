use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::lifecycle::UnixTime;
use crate::domain::second_factor::SecondFactor;
use crate::domain::staff::Role;
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRow {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub active: bool,
    pub second_factor: SecondFactor,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: UnixTime,
    /// `None` when done on the command line.
    pub who: Option<String>,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

#[server(endpoint = "admin/staff")]
pub async fn list_staff() -> Result<Vec<StaffRow>, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::staff::list(&state, &session).await
}

#[server(endpoint = "admin/audit")]
pub async fn audit_log() -> Result<Vec<AuditEntry>, AppError> {
    let (state, session) = super::staff_context().await?;
    crate::services::staff::audit_log(&state, &session).await
}
