//! Organizers' partner codes: each partner organisation gets its own link and QR code, and sees
//! how many answers came through it.

use tower_sessions::Session;

use crate::domain::audit::{AuditAction, Subject};
use crate::domain::consultation::Consultation;
use crate::domain::ids::{ConsultationId, PartnerId};
use crate::domain::partner::{self, PartnerForm};
use crate::domain::problem::{FieldProblems, Problem};
use crate::domain::staff::{Role, StaffMember};
use crate::error::AppError;
use crate::services::Saved;
use crate::services::auth::require;
use crate::state::AppState;
use crate::storage::{audit, consultations, partners};
use crate::views::admin::PartnerListed;

/// An admin, and the consultation they are working on.
pub(super) async fn admin_of(
    state: &AppState,
    session: &Session,
    consultation_id: i64,
) -> Result<(StaffMember, Consultation), AppError> {
    let member = require(state, session, Role::Admin).await?;
    let c = consultations::by_id(&state.db, consultation_id).await?.ok_or(AppError::NotFound)?;
    Ok((member, c))
}

/// Every partner, retired ones too, with its link and the answers it brought so far.
pub async fn listed(
    state: &AppState,
    session: &Session,
    consultation_id: ConsultationId,
) -> Result<Vec<PartnerListed>, AppError> {
    let (_, c) = admin_of(state, session, consultation_id.0).await?;
    let all = partners::all(&state.db, c.id).await?;
    let counts = super::live::counts(state, c.id, &all).await?;
    Ok(all
        .into_iter()
        .map(|p| PartnerListed {
            link: partner::link(&state.public_url, &c.slug, Some(&p.code)),
            answers: counts.of_partner(p.id),
            partner: p,
        })
        .collect())
}

/// Adds the partner when the form passes; else its problems, and nothing is saved.
pub async fn add(
    state: &AppState,
    session: &Session,
    consultation_id: ConsultationId,
    form: &PartnerForm,
) -> Result<Saved, AppError> {
    let (member, c) = admin_of(state, session, consultation_id.0).await?;
    let new = match form.parse() {
        Ok(new) => new,
        Err(errors) => return Ok(Saved::Invalid(errors)),
    };
    let now = state.clock.now();
    if partners::add(&state.db, c.id, &new, now).await?.is_none() {
        let taken = FieldProblems::from([("partner_code".into(), Problem::CodeTaken)]);
        return Ok(Saved::Invalid(taken));
    }
    state.public.clear();
    audit::append(
        &state.db,
        now,
        Some(member.id),
        AuditAction::AddedPartnerCode,
        Subject::Consultation(&c.slug),
        new.code.as_str(),
    )
    .await?;
    Ok(Saved::Done)
}

/// New answers through its link record no code from now on; those it brought stay counted.
pub async fn retire(
    state: &AppState,
    session: &Session,
    consultation_id: ConsultationId,
    partner_id: PartnerId,
) -> Result<(), AppError> {
    let (member, c) = admin_of(state, session, consultation_id.0).await?;
    let now = state.clock.now();
    if !partners::retire(&state.db, consultation_id, partner_id, now).await? {
        return Err(AppError::NotFound);
    }
    state.public.clear();
    let detail = partner_id.to_string();
    audit::append(
        &state.db,
        now,
        Some(member.id),
        AuditAction::RetiredPartnerCode,
        Subject::Consultation(&c.slug),
        &detail,
    )
    .await?;
    Ok(())
}

/// A partner's link, for its QR code; a draft's too, so posters can be printed in advance.
pub async fn link(
    state: &AppState,
    session: &Session,
    consultation_id: ConsultationId,
    partner_id: PartnerId,
) -> Result<String, AppError> {
    let (_, c) = admin_of(state, session, consultation_id.0).await?;
    let all = partners::all(&state.db, c.id).await?;
    let p = all.into_iter().find(|p| p.id == partner_id).ok_or(AppError::NotFound)?;
    Ok(partner::link(&state.public_url, &c.slug, Some(&p.code)))
}
