use leptos::prelude::*;

use crate::error::AppError;
use crate::views::staff::{AuditEntry, StaffRow};

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
