//! Claiming answers: the next one under a filter, one by id, and the one decided before.

use super::Conditions;
use super::review::Item;
use crate::domain::ids::{AnswerId, QuestionId, StaffId};
use crate::domain::lifecycle::UnixTime;
use crate::domain::moderation::{CLAIM_SECONDS, FlagFilter, QueueFilter, Status};
use crate::storage::Db;
use crate::storage::begin_write;

/// Where a queue position is: flagged answers first (each source's first flag before anyone's
/// second: `rank`), then by hour and id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub flagged: bool,
    /// Its rank among its source's flags (`reviews.flag_rank`); 1 when not flagged.
    pub rank: i64,
    pub hour: UnixTime,
    pub answer_id: AnswerId,
}

/// Claims the next pending answer under the filter for `staff_id`, after `after` if given (the
/// answer skipped), else the one this moderator already holds, else the first. Returns its id.
#[tracing::instrument(skip_all)]
pub async fn claim_next(
    db: &Db,
    staff_id: StaffId,
    filter: &QueueFilter,
    after: Option<Position>,
    now: UnixTime,
) -> Result<Option<AnswerId>, sqlx::Error> {
    if after.is_none()
        && let Some(held) = held_by(db, staff_id, filter, now).await?
        && claim(db, held, staff_id, now, Claimable::Pending).await?
    {
        return Ok(Some(held));
    }
    // A few candidates in queue order; another moderator may take one between our read and
    // our update, and then we try the next.
    for _ in 0..3 {
        let candidates = next_candidates(db, staff_id, filter, after, now).await?;
        if candidates.is_empty() && after.is_some() {
            // Nothing after the skipped answer: start from the top again.
            return Box::pin(claim_next(db, staff_id, filter, None, now)).await;
        }
        if candidates.is_empty() {
            return Ok(None);
        }
        for id in candidates {
            if claim(db, id, staff_id, now, Claimable::Pending).await? {
                return Ok(Some(id));
            }
        }
    }
    Ok(None)
}

async fn held_by(
    db: &Db,
    staff_id: StaffId,
    filter: &QueueFilter,
    now: UnixTime,
) -> Result<Option<AnswerId>, sqlx::Error> {
    // Only by claimer (a moderator holds at most one answer): any other condition could lead the
    // planner to walk the whole pending queue instead.
    let held: Vec<(AnswerId, i64, QuestionId, Option<String>, String, i64)> = sqlx::query_as(
        "SELECT answer_id, consultation_id, question_id, concern, status, claim_expires_at \
         FROM reviews WHERE claimed_by = $1",
    )
    .bind(staff_id)
    .fetch_all(db)
    .await?;
    Ok(held
        .into_iter()
        .find(|(_, consultation, question, concern, status, until)| {
            status == Status::Pending.key()
                && *until > now
                && filter.admits(*consultation, *question, concern.is_some())
        })
        .map(|(id, ..)| id))
}

async fn next_candidates(
    db: &Db,
    staff_id: StaffId,
    filter: &QueueFilter,
    after: Option<Position>,
    now: UnixTime,
) -> Result<Vec<AnswerId>, sqlx::Error> {
    let groups = match filter.flag {
        FlagFilter::Any => vec![FlagFilter::Flagged, FlagFilter::Unflagged],
        one => vec![one],
    };
    for group in groups {
        let flagged = group == FlagFilter::Flagged;
        let after = match after {
            // A flagged answer was skipped: the unflagged group starts from its beginning.
            Some(p) if p.flagged != flagged => {
                if !p.flagged && flagged {
                    continue;
                }
                None
            }
            other => other,
        };
        let conditions = Conditions::scope(filter, "", group);
        let n = conditions.next();
        let mut sql = format!(
            "SELECT answer_id FROM reviews WHERE {} AND status = 'pending' \
             AND (claimed_by IS NULL OR claimed_by = ${n} OR claim_expires_at <= ${})",
            conditions.sql,
            n + 1
        );
        // Unflagged answers all rank 1: ordering them by rank would only cost the index.
        let rank = if flagged { "flag_rank" } else { "1" };
        if after.is_some() {
            sql.push_str(&format!(
                " AND ({rank} > ${r} OR ({rank} = ${r} AND (submitted_hour > ${a} \
                 OR (submitted_hour = ${a} AND answer_id > ${b}))))",
                r = n + 2,
                a = n + 3,
                b = n + 4
            ));
        }
        let order = if flagged { "flag_rank, " } else { "" };
        sql.push_str(&format!(" ORDER BY {order}submitted_hour, answer_id LIMIT 4"));
        let mut query = sqlx::query_scalar(&sql);
        for value in &conditions.binds {
            query = query.bind(*value);
        }
        query = query.bind(staff_id).bind(now);
        if let Some(p) = after {
            query = query.bind(p.rank).bind(p.hour).bind(p.answer_id);
        }
        let ids: Vec<AnswerId> = query.fetch_all(db).await?;
        if !ids.is_empty() {
            return Ok(ids);
        }
    }
    Ok(Vec::new())
}

/// Which answers a claim may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claimable {
    /// From the queue: only while still pending (another moderator may have just decided it).
    Pending,
    /// Opened on purpose, to look again or change a decision.
    Any,
}

/// Claims one answer for a few minutes if it is free, expired or already this moderator's, and
/// lets go of any other answer they held. `false` when someone else holds it, it was decided
/// meanwhile (`Claimable::Pending`), or it is gone.
#[tracing::instrument(skip_all)]
pub async fn claim(
    db: &Db,
    answer_id: AnswerId,
    staff_id: StaffId,
    now: UnixTime,
    claimable: Claimable,
) -> Result<bool, sqlx::Error> {
    let status = match claimable {
        Claimable::Pending => " AND status = 'pending'",
        Claimable::Any => "",
    };
    let sql = format!(
        "UPDATE reviews SET claimed_by = $1, claim_expires_at = $2 WHERE answer_id = $3 \
         AND (claimed_by IS NULL OR claimed_by = $1 OR claim_expires_at <= $4){status}"
    );
    // One transaction, so one commit (one sync to disk) for both updates.
    let mut tx = begin_write(db).await?;
    let claimed = sqlx::query(&sql)
        .bind(staff_id)
        .bind(now + CLAIM_SECONDS)
        .bind(answer_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 1;
    if claimed {
        sqlx::query(
            "UPDATE reviews SET claimed_by = NULL, claim_expires_at = NULL \
             WHERE claimed_by = $1 AND answer_id <> $2",
        )
        .bind(staff_id)
        .bind(answer_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(claimed)
}

/// The answer this moderator decided before `current` (their latest when `current` is not one
/// of theirs), for "previous".
#[tracing::instrument(skip_all)]
pub async fn previous(
    db: &Db,
    staff_id: StaffId,
    current: Option<&Item>,
) -> Result<Option<AnswerId>, sqlx::Error> {
    match current.and_then(|c| {
        c.decided_at.filter(|_| c.decided_by == Some(staff_id)).map(|at| (at, c.answer_id))
    }) {
        Some((at, id)) => {
            sqlx::query_scalar(
                "SELECT answer_id FROM reviews WHERE decided_by = $1 \
                 AND (decided_at < $2 OR (decided_at = $2 AND answer_id < $3)) \
                 ORDER BY decided_at DESC, answer_id DESC LIMIT 1",
            )
            .bind(staff_id)
            .bind(at)
            .bind(id)
            .fetch_optional(db)
            .await
        }
        None => {
            sqlx::query_scalar(
                "SELECT answer_id FROM reviews WHERE decided_by = $1 \
                 ORDER BY decided_at DESC, answer_id DESC LIMIT 1",
            )
            .bind(staff_id)
            .fetch_optional(db)
            .await
        }
    }
}
