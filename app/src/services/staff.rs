//! Admins manage staff accounts: add, deactivate, reset a password, whether a moderator needs a
//! second factor. All of it audited.

use tower_sessions::Session;

use crate::domain::audit::{AuditAction, Subject};
use crate::domain::ids::StaffId;
use crate::domain::problem::Problem;
use crate::domain::second_factor::SecondFactor;
use crate::domain::staff::{NewPassword, Role};
use crate::error::AppError;
use crate::services::Refused;
use crate::services::auth::{create_user, hash_password, require};
use crate::state::AppState;
use crate::storage::{audit, staff};
use crate::views::staff::{AuditEntry, StaffRow};

pub async fn list(state: &AppState, session: &Session) -> Result<Vec<StaffRow>, AppError> {
    require(state, session, Role::Admin).await?;
    Ok(staff::all(&state.db)
        .await?
        .into_iter()
        .map(|a| StaffRow {
            id: a.member.id,
            email: a.member.email.to_string(),
            role: a.member.role,
            active: a.active,
            second_factor: a.second_factor,
        })
        .collect())
}

pub async fn add(
    state: &AppState,
    session: &Session,
    email: &str,
    role: Role,
    password: &str,
) -> Result<(), Refused> {
    let admin = require(state, session, Role::Admin).await?;
    create_user(&state.db, email, role, password, state.clock.now(), Some(admin.id)).await.map(drop)
}

/// Deactivating ends the account's sessions at once.
pub async fn deactivate(state: &AppState, session: &Session, id: StaffId) -> Result<(), Refused> {
    let admin = require(state, session, Role::Admin).await?;
    if admin.id == id {
        return Err(Refused::Invalid(Problem::Yourself));
    }
    let target = staff::by_id(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    if staff::deactivate(&state.db, id, now).await? {
        audit::append(
            &state.db,
            now,
            Some(admin.id),
            AuditAction::DeactivatedAccount,
            Subject::Account(target.member.email.as_str()),
            "",
        )
        .await?;
    }
    Ok(())
}

pub async fn reset_password(
    state: &AppState,
    session: &Session,
    id: StaffId,
    password: &str,
) -> Result<(), Refused> {
    let admin = require(state, session, Role::Admin).await?;
    let target = staff::by_id(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let password =
        NewPassword::parse(password, &[target.member.email.as_str()]).map_err(Refused::Invalid)?;
    staff::set_password(&state.db, id, &hash_password(password).await?).await?;
    let now = state.clock.now();
    audit::append(
        &state.db,
        now,
        Some(admin.id),
        AuditAction::ResetPassword,
        Subject::Account(target.member.email.as_str()),
        "",
    )
    .await?;
    Ok(())
}

/// Whether a moderator must give a second factor at sign-in (admins always must).
pub async fn set_second_factor(
    state: &AppState,
    session: &Session,
    id: StaffId,
    second_factor: SecondFactor,
) -> Result<(), AppError> {
    let admin = require(state, session, Role::Admin).await?;
    let target = staff::by_id(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if staff::set_second_factor(&state.db, id, second_factor).await? {
        let action = match second_factor {
            SecondFactor::Required => AuditAction::RequiredSecondFactor,
            SecondFactor::Optional => AuditAction::WaivedSecondFactor,
        };
        let now = state.clock.now();
        audit::append(
            &state.db,
            now,
            Some(admin.id),
            action,
            Subject::Account(target.member.email.as_str()),
            "",
        )
        .await?;
    }
    Ok(())
}

pub async fn audit_log(state: &AppState, session: &Session) -> Result<Vec<AuditEntry>, AppError> {
    require(state, session, Role::Admin).await?;
    Ok(audit::recent(&state.db, 500).await?.into_iter().map(Into::into).collect())
}

impl From<audit::Entry> for AuditEntry {
    fn from(e: audit::Entry) -> Self {
        let (at, who, action, subject) = (e.at, e.email, e.action, e.subject);
        Self { at, who, action, subject, answer_id: e.answer_id, detail: e.detail }
    }
}
