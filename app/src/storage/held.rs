//! Responses the door held back (`domain::integrity`), as moderators see them: in groups (one
//! address's burst, one copied content), each released into the counts or confirmed as not
//! genuine with one decision.

use sqlx::{Any, Transaction};
use std::collections::BTreeMap;

use super::responses::{self, ReviewRow, cells, count_in, json_rows};
use super::{Db, audit};
use crate::domain::audit::Subject;
use crate::domain::ids::{AnswerId, QuestionId, StaffId};
use crate::domain::integrity::{GroupDecision, HoldReasons};
use crate::domain::language::Language;
use crate::domain::lifecycle::UnixTime;
use crate::domain::safeguarding::Flag;

/// One group of held responses waiting for a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldGroup {
    pub consultation_id: i64,
    pub consultation_title: String,
    pub group: i64,
    pub responses: u64,
    /// Every reason any of them was held for.
    pub reasons: HoldReasons,
    pub first_hour: UnixTime,
    pub last_hour: UnixTime,
    /// A few of their free-text answers, different from each other.
    pub samples: Vec<String>,
    /// Its answers the safeguarding detector flagged, over the whole group, and of them those no
    /// moderator has decided yet (they are in the flagged lane meanwhile).
    pub flagged: u64,
    pub flagged_unread: u64,
}

/// One page of the held lane.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeldPage {
    pub groups: Vec<HeldGroup>,
    /// Groups waiting in all, on every page.
    pub total_groups: u64,
}

#[derive(sqlx::FromRow)]
struct GroupRow {
    consultation_id: i64,
    title: String,
    hold_group: i64,
    hold_reasons: i64,
    n: i64,
    first_hour: i64,
    last_hour: i64,
}

/// Samples shown per group: enough to tell a copied text from a class's own words.
const SAMPLES: usize = 3;

/// Groups waiting for a decision (in one consultation, or in all): those with unread flagged
/// answers first, then the largest; `per_page` of them from page `page` (from 0).
#[tracing::instrument(skip_all)]
pub async fn groups(
    db: &Db,
    consultation: Option<i64>,
    page: usize,
    per_page: usize,
) -> Result<HeldPage, sqlx::Error> {
    let rows: Vec<GroupRow> = sqlx::query_as(
        "SELECT r.consultation_id, c.title, r.hold_group, r.hold_reasons, COUNT(*) AS n, \
         MIN(r.submitted_hour) AS first_hour, MAX(r.submitted_hour) AS last_hour \
         FROM responses r JOIN consultations c ON c.id = r.consultation_id \
         WHERE r.hold = 'held' AND ($1 IS NULL OR r.consultation_id = $1) \
         GROUP BY r.consultation_id, c.title, r.hold_group, r.hold_reasons",
    )
    .bind(consultation)
    .fetch_all(db)
    .await?;
    let mut merged: BTreeMap<(i64, i64), HeldGroup> = BTreeMap::new();
    for row in rows {
        let group = merged.entry((row.consultation_id, row.hold_group)).or_insert(HeldGroup {
            consultation_id: row.consultation_id,
            consultation_title: row.title,
            group: row.hold_group,
            responses: 0,
            reasons: HoldReasons::default(),
            first_hour: row.first_hour,
            last_hour: row.last_hour,
            samples: Vec::new(),
            flagged: 0,
            flagged_unread: 0,
        });
        group.responses += row.n as u64;
        group.reasons = group.reasons.union(HoldReasons::from_bits(row.hold_reasons));
        group.first_hour = group.first_hour.min(row.first_hour);
        group.last_hour = group.last_hour.max(row.last_hour);
    }
    for (consultation_id, group, pending, n) in flags(db, consultation).await? {
        if let Some(g) = merged.get_mut(&(consultation_id, group)) {
            g.flagged += n as u64;
            g.flagged_unread += if pending == 1 { n as u64 } else { 0 };
        }
    }
    let mut groups: Vec<HeldGroup> = merged.into_values().collect();
    let total_groups = groups.len() as u64;
    groups.sort_by(|a, b| {
        (b.flagged_unread > 0, b.responses, a.group).cmp(&(
            a.flagged_unread > 0,
            a.responses,
            b.group,
        ))
    });
    let mut groups: Vec<HeldGroup> =
        groups.into_iter().skip(page.saturating_mul(per_page)).take(per_page).collect();
    for group in &mut groups {
        group.samples = samples(db, group.consultation_id, group.group).await?;
    }
    Ok(HeldPage { groups, total_groups })
}

/// Flagged answers of held responses per group: (consultation, group, still pending, how many).
async fn flags(
    db: &Db,
    consultation: Option<i64>,
) -> Result<Vec<(i64, i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.consultation_id, r.hold_group, \
         CASE WHEN v.status = 'pending' THEN 1 ELSE 0 END AS pending, COUNT(*) \
         FROM reviews v JOIN responses r ON r.id = v.response_id \
         WHERE v.held = 1 AND v.concern IS NOT NULL AND r.hold = 'held' \
         AND ($1 IS NULL OR r.consultation_id = $1) \
         GROUP BY r.consultation_id, r.hold_group, CASE WHEN v.status = 'pending' THEN 1 ELSE 0 END",
    )
    .bind(consultation)
    .fetch_all(db)
    .await
}

/// Responses waiting in the held lane (in one consultation, or in all).
#[tracing::instrument(skip_all)]
pub async fn count(db: &Db, consultation: Option<i64>) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM responses WHERE hold = 'held' \
         AND ($1 IS NULL OR consultation_id = $1)",
    )
    .bind(consultation)
    .fetch_one(db)
    .await?;
    Ok(n as u64)
}

async fn samples(db: &Db, consultation_id: i64, group: i64) -> Result<Vec<String>, sqlx::Error> {
    let texts: Vec<String> = sqlx::query_scalar(
        "SELECT a.text FROM answers a JOIN responses r ON r.id = a.response_id \
         WHERE r.consultation_id = $1 AND r.hold_group = $2 AND r.hold = 'held' \
         ORDER BY a.id LIMIT 50",
    )
    .bind(consultation_id)
    .bind(group)
    .fetch_all(db)
    .await?;
    let mut distinct: Vec<String> = Vec::new();
    for text in texts {
        if distinct.len() < SAMPLES && !distinct.contains(&text) {
            distinct.push(text);
        }
    }
    Ok(distinct)
}

#[derive(sqlx::FromRow)]
struct Decided {
    id: i64,
    age_band: Option<String>,
    region: Option<String>,
    choices: String,
    submitted_hour: i64,
}

#[derive(sqlx::FromRow)]
struct HeldText {
    id: AnswerId,
    response_id: i64,
    question_id: QuestionId,
    text: String,
    language: String,
}

/// What deciding a held group did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupOutcome {
    /// This many responses decided (none when another moderator decided the group first).
    Decided(u64),
    /// Not confirmed: this many of its answers are flagged and unread, or not yet read for
    /// meaning (`services::reading`), and a disclosure is never discarded unread.
    UnreadFlags(u64),
}

/// Decides a whole group at once, in one transaction, audited: released, its responses count as
/// if never held (their choices in the counts, their free text in the moderation queue, flagged
/// by `flag` as at ingest; a flagged answer already read keeps its review); confirmed, they
/// never count, and it is refused while any of their flagged answers is unread.
#[tracing::instrument(skip_all)]
pub async fn decide(
    db: &Db,
    consultation_id: i64,
    group: i64,
    decision: GroupDecision,
    flag: impl Fn(&str, Option<Language>) -> Option<Flag>,
    staff_id: StaffId,
    now: UnixTime,
) -> Result<GroupOutcome, sqlx::Error> {
    let mut tx = super::begin_write(db).await?;
    if decision == GroupDecision::Confirm {
        // Inside the transaction: on PostgreSQL a flag read meanwhile is seen by the update below
        // (and on SQLite nothing writes between them).
        let unread: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM reviews v JOIN responses r ON r.id = v.response_id \
             WHERE r.consultation_id = $1 AND r.hold_group = $2 AND r.hold = 'held' \
             AND v.concern IS NOT NULL AND v.status = 'pending') + \
             (SELECT COUNT(*) FROM answers a JOIN responses r ON r.id = a.response_id \
             WHERE r.consultation_id = $1 AND r.hold_group = $2 AND r.hold = 'held' \
             AND a.awaiting_meaning IS NOT NULL)",
        )
        .bind(consultation_id)
        .bind(group)
        .fetch_one(&mut *tx)
        .await?;
        if unread > 0 {
            return Ok(GroupOutcome::UnreadFlags(unread as u64));
        }
    }
    // One statement takes the group, so of two moderators deciding at once only one does.
    let decided: Vec<Decided> = sqlx::query_as(
        "UPDATE responses SET hold = $1 WHERE consultation_id = $2 AND hold_group = $3 \
         AND hold = 'held' RETURNING id, age_band, region, choices, submitted_hour",
    )
    .bind(decision.outcome().key())
    .bind(consultation_id)
    .bind(group)
    .fetch_all(&mut *tx)
    .await?;
    if decided.is_empty() {
        return Ok(GroupOutcome::Decided(0));
    }
    if decision == GroupDecision::Release {
        release(&mut tx, consultation_id, &decided, flag).await?;
    }
    let subject = Subject::HeldGroup { consultation_id, group };
    let detail = format!("{} responses", decided.len());
    audit::append(&mut *tx, now, Some(staff_id), decision.audit_action(), subject, &detail).await?;
    tx.commit().await?;
    Ok(GroupOutcome::Decided(decided.len() as u64))
}

async fn release(
    tx: &mut Transaction<'_, Any>,
    consultation_id: i64,
    decided: &[Decided],
    flag: impl Fn(&str, Option<Language>) -> Option<Flag>,
) -> Result<(), sqlx::Error> {
    let rows_of = json_rows(tx.backend_name());
    let mut counted = Vec::new();
    for d in decided {
        counted.extend(cells(d.age_band.clone(), d.region.clone(), &d.choices)?);
    }
    count_in(tx, rows_of, counted.into_iter()).await?;
    let ids = responses::json(&decided.iter().map(|d| [d.id]).collect::<Vec<_>>())?;
    let released = format!("(SELECT CAST(value ->> 0 AS BIGINT) FROM {rows_of})");
    // Flagged answers were reviewed from the start: they now count like the rest.
    sqlx::query(&format!("UPDATE reviews SET held = 0 WHERE response_id IN {released}"))
        .bind(&ids)
        .execute(&mut **tx)
        .await?;
    let texts: Vec<HeldText> = sqlx::query_as(&format!(
        "SELECT a.id, a.response_id, a.question_id, a.text, r.language FROM answers a \
         JOIN responses r ON r.id = a.response_id WHERE a.response_id IN {released} \
         AND NOT EXISTS (SELECT 1 FROM reviews v WHERE v.answer_id = a.id)"
    ))
    .bind(&ids)
    .fetch_all(&mut **tx)
    .await?;
    let hour = |response_id: i64| {
        decided.iter().find(|d| d.id == response_id).map_or(0, |d| d.submitted_hour)
    };
    // Read here in full (rules and meaning), so none is left waiting for the reader.
    let flags: Vec<Option<Flag>> =
        texts.iter().map(|t| flag(&t.text, Language::parse(&t.language))).collect();
    sqlx::query(&format!(
        "UPDATE answers SET awaiting_meaning = NULL WHERE response_id IN {released} \
         AND awaiting_meaning IS NOT NULL"
    ))
    .bind(&ids)
    .execute(&mut **tx)
    .await?;
    let reviews: Vec<ReviewRow> = texts
        .iter()
        .zip(&flags)
        .map(|(t, c)| ReviewRow {
            answer_id: t.id,
            response_id: t.response_id,
            consultation_id,
            question_id: t.question_id,
            submitted_hour: hour(t.response_id),
            flag: c.as_ref(),
            held: false,
            flag_rank: 1,
        })
        .collect();
    responses::insert_reviews(tx, rows_of, &reviews).await
}
