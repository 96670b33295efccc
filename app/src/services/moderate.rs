//! Moderators work the queue: claim the next answer, decide, move on. Admins may moderate too.

use tower_sessions::Session;

use crate::domain::audit::AuditAction;
use crate::domain::ids::AnswerId;
use crate::domain::integrity::GroupDecision;
use crate::domain::moderation::{Change, QueueFilter, ReviewForm, Status, review};
use crate::domain::problem::Problem;
use crate::domain::staff::{Role, StaffMember};
use crate::error::AppError;
use crate::state::AppState;
use crate::storage::held::{self, GroupOutcome};
use crate::storage::moderation::{self, Applied, Claimable};
use crate::storage::{audit, reading, staff};
use crate::views::moderate::{
    BUSY_SOURCE_FLAGS, HeldGroupView, HeldView, HistoryView, ItemView, QueueView,
};

/// The queue page: the answer this moderator holds or the next one they can claim; for approved
/// or rejected answers, a list instead.
pub async fn queue(
    state: &AppState,
    session: &Session,
    filter: QueueFilter,
    after: Option<AnswerId>,
) -> Result<QueueView, AppError> {
    let me = require_moderator(state, session).await?;
    let now = state.clock.now();
    let claimed = if filter.status == Status::Pending {
        let after = match after {
            Some(id) => moderation::item(&state.db, id, now).await?.map(|item| item.position),
            None => None,
        };
        moderation::claim_next(&state.db, me.id, &filter, after, now).await?
    } else {
        None
    };
    view(state, &me, filter, claimed).await
}

/// One answer, opened from a list or by "previous": claimed when no one else holds it.
pub async fn open(
    state: &AppState,
    session: &Session,
    filter: QueueFilter,
    answer_id: AnswerId,
) -> Result<QueueView, AppError> {
    let me = require_moderator(state, session).await?;
    moderation::claim(&state.db, answer_id, me.id, state.clock.now(), Claimable::Any).await?;
    let view = view(state, &me, filter, Some(answer_id)).await?;
    if view.item.is_none() {
        return Err(AppError::NotFound);
    }
    Ok(view)
}

async fn require_moderator(state: &AppState, session: &Session) -> Result<StaffMember, AppError> {
    crate::services::auth::require(state, session, Role::Moderator).await
}

async fn view(
    state: &AppState,
    me: &StaffMember,
    filter: QueueFilter,
    answer_id: Option<AnswerId>,
) -> Result<QueueView, AppError> {
    let db = &state.db;
    let now = state.clock.now();
    let counts = moderation::counts(db, &filter).await?;
    let item = match answer_id {
        Some(id) => moderation::item(db, id, now).await?,
        None => None,
    };
    let previous = moderation::previous(db, me.id, item.as_ref()).await?;
    let item = match item {
        Some(item) => {
            let held_by = match item.claim {
                Some((who, until)) if who != me.id => {
                    let email = staff::by_id(db, who).await?.map(|a| a.member.email.to_string());
                    Some((email.unwrap_or_default(), until))
                }
                _ => None,
            };
            let flagged = item.state.concern.is_some();
            let nearest_theme = crate::services::themes::nearest_theme(
                state,
                item.answer_id,
                item.question_id,
                &item.state.themes,
            )
            .await?;
            Some(ItemView {
                answer_id: item.answer_id,
                question_themes: moderation::question_themes(db, item.question_id).await?,
                nearest_theme,
                consultation_title: item.consultation_title,
                prompt: item.prompt,
                state: item.state,
                held_by,
                spam: item.spam,
                held_back: item.held,
                why: item.why.filter(|_| flagged),
                busy_source: Some(item.position.rank).filter(|&r| r >= BUSY_SOURCE_FLAGS),
            })
        }
        None => None,
    };
    let listed = if filter.status == Status::Pending {
        Vec::new()
    } else {
        moderation::list(db, &filter, 100).await?
    };
    Ok(QueueView {
        filter,
        pending: counts.pending,
        approved: counts.approved,
        rejected: counts.rejected,
        questions: moderation::filter_questions(db).await?,
        suggested: state.suggested.counts().into_iter().map(|(q, n)| (q, n as u64)).collect(),
        item,
        listed,
        previous,
        admin: me.role == Role::Admin,
        held: held::count(db, filter.consultation).await?,
        awaiting_meaning: reading::count(db, filter.consultation).await?,
    })
}

#[derive(Debug, PartialEq, Eq)]
pub enum ReviewOutcome {
    Saved(Vec<Change>),
    Invalid(Problem),
    /// Another moderator holds the answer; nothing was saved.
    Taken,
}

pub async fn decide(
    state: &AppState,
    session: &Session,
    answer_id: AnswerId,
    form: &ReviewForm,
) -> Result<ReviewOutcome, AppError> {
    let me = require_moderator(state, session).await?;
    let now = state.clock.now();
    let item = moderation::item(&state.db, answer_id, now).await?.ok_or(AppError::NotFound)?;
    let (decision, after) = match review(&item.state, form) {
        Ok(reviewed) => reviewed,
        Err(error) => return Ok(ReviewOutcome::Invalid(error)),
    };
    match moderation::apply(&state.db, answer_id, me.id, decision, &after, now).await? {
        Applied::Done(changes) => Ok(ReviewOutcome::Saved(changes)),
        Applied::Taken => Ok(ReviewOutcome::Taken),
        Applied::NotFound => Err(AppError::NotFound),
    }
}

pub async fn history(state: &AppState, session: &Session) -> Result<HistoryView, AppError> {
    let me = require_moderator(state, session).await?;
    let entries = audit::moderation_by(&state.db, me.id, 500).await?;
    let per_moderator = if me.role == Role::Admin {
        Some(audit::count_per_staff(&state.db, &AuditAction::DECISIONS).await?)
    } else {
        None
    };
    Ok(HistoryView { entries: entries.into_iter().map(Into::into).collect(), per_moderator })
}

/// Groups shown on one page of the held lane.
const HELD_GROUPS: usize = 50;

pub async fn held(state: &AppState, session: &Session, page: usize) -> Result<HeldView, AppError> {
    require_moderator(state, session).await?;
    let held = held::groups(&state.db, None, page, HELD_GROUPS).await?;
    Ok(HeldView {
        page,
        pages: (held.total_groups as usize).div_ceil(HELD_GROUPS),
        groups: held
            .groups
            .into_iter()
            .map(|g| HeldGroupView {
                consultation_id: g.consultation_id,
                consultation_title: g.consultation_title,
                group: g.group,
                responses: g.responses,
                reasons: g.reasons.iter().collect(),
                first_hour: g.first_hour,
                last_hour: g.last_hour,
                samples: g.samples,
                flagged: g.flagged,
                flagged_unread: g.flagged_unread,
            })
            .collect(),
    })
}

/// Releases or confirms a whole held group (`storage::held::decide`).
pub async fn decide_group(
    state: &AppState,
    session: &Session,
    consultation_id: i64,
    group: i64,
    decision: GroupDecision,
) -> Result<GroupOutcome, AppError> {
    let me = require_moderator(state, session).await?;
    let now = state.clock.now();
    let detector = &state.detector;
    let flag = |text: &str, language| detector.flag(text, language);
    Ok(held::decide(&state.db, consultation_id, group, decision, flag, me.id, now).await?)
}
