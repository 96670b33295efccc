//! The summary: computed live for staff (a draft), frozen when an organizer publishes it, and
//! read by anyone from the frozen snapshot once published.

use tower_sessions::Session;

use crate::domain::audit::{AuditAction, Subject};
use crate::domain::brief::BriefForm;
use crate::domain::consultation::Consultation;
use crate::domain::follow_up::InAllLanguages;
use crate::domain::ids::StaffId;
use crate::domain::lifecycle::{UnixTime, Unpublishable};
use crate::domain::problem::FieldProblems;
use crate::domain::staff::Role;
use crate::domain::summary::{About, Summary, aggregate};
use crate::error::AppError;
use crate::services::auth::require;
use crate::state::AppState;
use crate::storage::{Db, audit, briefs, consultations, held, summary, translations};
use crate::views::summary::{DraftView, PublishedView};

/// The summary as the data stands now.
pub async fn compute(db: &Db, c: &Consultation) -> Result<Summary, AppError> {
    let questions = consultations::questions(db, c.id).await?;
    let tallies = summary::tallies(db, c.id).await?;
    let about = About {
        title: c.title.clone(),
        meeting: c.meeting.clone(),
        language: c.language,
        opens_at: c.schedule.window.map(|w| w.opens_at),
        closes_at: c.schedule.window.map(|w| w.closes_at),
    };
    let summary = aggregate(about, c.min_cell_size as u64, &questions, &tallies);
    let brief = briefs::get(db, c.id).await?.map(|b| {
        let quote_of = |answer| {
            let tally = tallies.quotes.iter().find(|q| q.answer_id == answer)?;
            summary.quote(&tally.text)
        };
        b.counted(|theme| summary.theme_count(theme), quote_of)
    });
    let translations = translations::all(db, c.id).await?.into_iter().collect();
    Ok(Summary { brief, translations, ..summary })
}

async fn consultation(state: &AppState, id: i64) -> Result<Consultation, AppError> {
    consultations::by_id(&state.db, id).await?.ok_or(AppError::NotFound)
}

/// Any staff member may read the draft; only organizers publish.
pub async fn draft(state: &AppState, session: &Session, id: i64) -> Result<DraftView, AppError> {
    let member = require(state, session, Role::Moderator).await?;
    let c = consultation(state, id).await?;
    let latest = summary::latest(&state.db, id).await?;
    Ok(DraftView {
        id,
        slug: c.slug.clone(),
        publishable: c.schedule.publishable(state.clock.now()),
        organizer: member.role == Role::Admin,
        published_version: latest.map(|p| p.version),
        held_undecided: held::count(&state.db, Some(id)).await?,
        brief: briefs::get(&state.db, id).await?.as_ref().map(BriefForm::of).unwrap_or_default(),
        quotes: summary::quotes(&state.db, id)
            .await?
            .into_iter()
            .map(|q| (q.answer_id, q.text))
            .collect(),
        summary: compute(&state.db, &c).await?,
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BriefOutcome {
    Written,
    Invalid(FieldProblems),
}

/// Organizers write the brief, at any time: the draft shows it at once, the next publication
/// freezes it. Audited.
pub async fn write_brief(
    state: &AppState,
    session: &Session,
    id: i64,
    form: &BriefForm,
) -> Result<BriefOutcome, AppError> {
    let member = require(state, session, Role::Admin).await?;
    let brief = match form.parse() {
        Ok(brief) => brief,
        Err(errors) => return Ok(BriefOutcome::Invalid(errors)),
    };
    let c = consultation(state, id).await?;
    let now = state.clock.now();
    briefs::save(&state.db, id, &brief, member.id, now).await?;
    let detail = format!("{} key messages", brief.messages.len());
    audit::append(
        &state.db,
        now,
        Some(member.id),
        AuditAction::WroteBrief,
        Subject::Consultation(&c.slug),
        &detail,
    )
    .await?;
    Ok(BriefOutcome::Written)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublishOutcome {
    Published {
        slug: String,
        version: i64,
    },
    Refused(Unpublishable),
    /// A key message rests on a theme too small to show (or gone): the brief must change first.
    WeakEvidence,
}

pub async fn publish(
    state: &AppState,
    session: &Session,
    id: i64,
) -> Result<PublishOutcome, AppError> {
    let member = require(state, session, Role::Admin).await?;
    let c = consultation(state, id).await?;
    let outcome = publish_as(&state.db, member.id, &c, state.clock.now()).await?;
    if matches!(outcome, PublishOutcome::Published { .. }) {
        state.public.clear();
    }
    Ok(outcome)
}

/// Freezes the summary of `c` as it stands as its next version, published by `staff_id` (an
/// organizer, or the demo's), once no answer may still arrive and the brief stands.
pub async fn publish_as(
    db: &Db,
    staff_id: StaffId,
    c: &Consultation,
    now: UnixTime,
) -> Result<PublishOutcome, AppError> {
    let closes_at = match (c.schedule.publishable(now), c.schedule.window) {
        (Ok(()), Some(window)) => window.closes_at,
        (Err(why), _) => return Ok(PublishOutcome::Refused(why)),
        // Publishable means closed, so there is a window.
        (Ok(()), None) => return Ok(PublishOutcome::Refused(Unpublishable::AnswersMayArrive)),
    };
    let summary = compute(db, c).await?;
    if summary.brief.as_ref().is_some_and(|b| !b.stands()) {
        return Ok(PublishOutcome::WeakEvidence);
    }
    let body = serde_json::to_string(&summary).map_err(|error| {
        tracing::error!(%error, "could not encode a summary");
        AppError::Internal
    })?;
    let published = summary::publish(db, c.id, closes_at, &c.slug, &body, staff_id, now);
    let Some(version) = published.await? else {
        // Extended meanwhile (`services::admin::change_window`).
        return Ok(PublishOutcome::Refused(Unpublishable::AnswersMayArrive));
    };
    Ok(PublishOutcome::Published { slug: c.slug.clone(), version })
}

/// The latest published snapshot; not found before the first publication.
pub async fn published(state: &AppState, slug: &str) -> Result<PublishedView, AppError> {
    let c = consultations::by_slug(&state.db, slug).await?.ok_or(AppError::NotFound)?;
    let snapshot = summary::latest(&state.db, c.id).await?.ok_or(AppError::NotFound)?;
    let summary = serde_json::from_str(&snapshot.body).map_err(|error| {
        tracing::error!(%error, "a stored summary does not read back");
        AppError::Internal
    })?;
    let follow_up = match c.follow_up {
        Some(told) => {
            let translations = translations::all(&state.db, c.id).await?;
            Some(InAllLanguages::new(told, c.language, &translations))
        }
        None => None,
    };
    Ok(PublishedView {
        address: format!("{}/c/{}/summary", state.public_url.trim_end_matches('/'), c.slug),
        slug: c.slug,
        version: snapshot.version,
        published_at: snapshot.published_at,
        summary,
        follow_up,
    })
}
