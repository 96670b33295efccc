//! What the summary counts (only counts and chosen quotes leave the database), and the published
//! snapshots.

use std::collections::BTreeMap;

use super::responses::{Cell, Chosen, cells};
use super::{Db, audit, begin_write};
use crate::domain::audit::{AuditAction, Subject};
use crate::domain::demographics::Choice;
use crate::domain::ids::{AnswerId, QuestionId, StaffId};
use crate::domain::integrity::HoldReasons;
use crate::domain::language::Language;
use crate::domain::lifecycle::UnixTime;
use crate::domain::moderation::{RejectReason, Status};
use crate::domain::summary::{
    ChoiceKey, ChoiceTally, HeldTally, ParticipantTally, Profile, QuoteTally, ReviewTally, Tallies,
    ThemeTally,
};
use crate::domain::themes::words::guess_language;

/// Responses of consultation `$1` rejected as spam: a handful, so `NOT IN` is cheap.
const SPAM: &str = "(SELECT id FROM responses WHERE consultation_id = $1 AND spam = 1)";

/// A response the door held counts only once a moderator released its group.
pub(super) const COUNTED: &str = "(hold IS NULL OR hold = 'released')";

/// Answers of responses rejected as spam or held count nowhere; free text counts once approved.
/// (A held response has no choices in `choice_counts` until it is released, and review rows only
/// for its flagged text, marked `held`.)
#[tracing::instrument(skip_all)]
pub async fn tallies(db: &Db, consultation_id: i64) -> Result<Tallies, sqlx::Error> {
    let participants: Vec<ParticipantRow> = sqlx::query_as(&format!(
        "SELECT age_band, region, gender, language, submitted_hour, COUNT(*) AS n FROM responses \
         WHERE consultation_id = $1 AND spam = 0 AND {COUNTED} \
         GROUP BY age_band, region, gender, language, submitted_hour"
    ))
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    let choices = choices(db, consultation_id).await?;
    let approved: Vec<(QuestionId, i64)> = sqlx::query_as(&format!(
        "SELECT question_id, COUNT(*) FROM reviews WHERE consultation_id = $1 \
         AND status = 'approved' AND held = 0 AND response_id NOT IN {SPAM} GROUP BY question_id"
    ))
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    let themes: Vec<(QuestionId, String, i64)> = sqlx::query_as(&format!(
        "SELECT t.question_id, t.name, COUNT(*) FROM reviews v \
         JOIN answer_themes tg ON tg.answer_id = v.answer_id JOIN themes t ON t.id = tg.theme_id \
         WHERE v.consultation_id = $1 AND v.status = 'approved' AND v.held = 0 \
         AND v.response_id NOT IN {SPAM} GROUP BY t.question_id, t.name"
    ))
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    Ok(Tallies {
        participants: participants
            .into_iter()
            .map(|p| ParticipantTally {
                profile: Profile {
                    age_band: parse(p.age_band),
                    region: parse(p.region),
                    gender: parse(p.gender),
                    language: Language::parse(&p.language).unwrap_or_default(),
                    hour: p.submitted_hour,
                },
                count: p.n as u64,
            })
            .collect(),
        choices,
        approved: approved.into_iter().map(|(q, n)| (q, n as u64)).collect(),
        themes: themes
            .into_iter()
            .map(|(question_id, name, n)| ThemeTally { question_id, name, count: n as u64 })
            .collect(),
        quotes: quotes(db, consultation_id).await?,
        reviews: reviews(db, consultation_id).await?,
    })
}

#[derive(sqlx::FromRow)]
struct ParticipantRow {
    age_band: Option<String>,
    region: Option<String>,
    gender: Option<String>,
    language: String,
    submitted_hour: i64,
    n: i64,
}

#[derive(sqlx::FromRow)]
struct CountRow {
    question_id: QuestionId,
    option_id: Option<i64>,
    scale_value: Option<i64>,
    age_band: Option<String>,
    region: Option<String>,
    n: i64,
}

#[derive(sqlx::FromRow)]
struct QuoteRow {
    answer_id: AnswerId,
    question_id: QuestionId,
    text: String,
    age_band: Option<String>,
    region: Option<String>,
}

pub(super) fn parse<C: Choice>(key: Option<String>) -> Option<C> {
    key.as_deref().and_then(C::parse)
}

/// The counts kept as choices arrived, less the choices of responses rejected as spam.
async fn choices(db: &Db, consultation_id: i64) -> Result<Vec<ChoiceTally>, sqlx::Error> {
    let counted: Vec<CountRow> = sqlx::query_as(
        "SELECT question_id, option_id, scale_value, age_band, region, n FROM choice_counts \
         WHERE question_id IN (SELECT id FROM questions WHERE consultation_id = $1)",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    let mut counts: BTreeMap<Cell, i64> = counted
        .into_iter()
        .map(|c| ((Chosen(c.question_id, c.option_id, c.scale_value), c.age_band, c.region), c.n))
        .collect();
    let spam: Vec<(Option<String>, Option<String>, String)> = sqlx::query_as(
        "SELECT age_band, region, choices FROM responses WHERE consultation_id = $1 AND spam = 1",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    for (age_band, region, chosen) in spam {
        for cell in cells(age_band, region, &chosen)? {
            *counts.entry(cell).or_default() -= 1;
        }
    }
    Ok(counts
        .into_iter()
        .filter_map(|((Chosen(question_id, option, scale), age_band, region), n)| {
            let choice = match (option, scale) {
                (Some(option), _) => ChoiceKey::Option(option),
                (None, Some(value)) => ChoiceKey::Scale(u8::try_from(value).ok()?),
                (None, None) => return None,
            };
            Some(ChoiceTally {
                question_id,
                choice,
                age_band: parse(age_band),
                region: parse(region),
                count: u64::try_from(n).ok().filter(|&n| n > 0)?,
            })
        })
        .collect())
}

/// Quotes in the order moderators chose them, with their themes.
pub async fn quotes(db: &Db, consultation_id: i64) -> Result<Vec<QuoteTally>, sqlx::Error> {
    let rows: Vec<QuoteRow> = sqlx::query_as(
        "SELECT v.answer_id, v.question_id, a.text, r.age_band, r.region FROM reviews v \
         JOIN answers a ON a.id = v.answer_id JOIN responses r ON r.id = v.response_id \
         WHERE v.consultation_id = $1 AND v.quote = 1 AND v.held = 0 AND r.spam = 0 \
         ORDER BY v.decided_at, v.answer_id",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    let themes: Vec<(AnswerId, String)> = sqlx::query_as(
        "SELECT tg.answer_id, t.name FROM reviews v JOIN answer_themes tg ON tg.answer_id = v.answer_id \
         JOIN themes t ON t.id = tg.theme_id WHERE v.consultation_id = $1 AND v.quote = 1",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|q| QuoteTally {
            answer_id: q.answer_id,
            question_id: q.question_id,
            themes: themes
                .iter()
                .filter(|(a, _)| *a == q.answer_id)
                .map(|(_, t)| t.clone())
                .collect(),
            language: guess_language(&q.text),
            text: q.text,
            age_band: parse(q.age_band),
            region: parse(q.region),
        })
        .collect())
}

async fn reviews(db: &Db, consultation_id: i64) -> Result<ReviewTally, sqlx::Error> {
    let rows: Vec<(String, Option<String>, i64)> = sqlx::query_as(
        "SELECT status, reason, COUNT(*) FROM reviews WHERE consultation_id = $1 AND held = 0 \
         GROUP BY status, reason",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    let (spam_responses,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM responses WHERE consultation_id = $1 AND spam = 1")
            .bind(consultation_id)
            .fetch_one(db)
            .await?;
    let held: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT hold_reasons, COUNT(*) FROM responses WHERE consultation_id = $1 \
         AND hold IS NOT NULL AND NOT {COUNTED} GROUP BY hold_reasons"
    ))
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    let unread: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM responses WHERE consultation_id = $1 AND hold = 'held'",
    )
    .bind(consultation_id)
    .fetch_one(db)
    .await?;
    let mut tally = ReviewTally {
        spam_responses: spam_responses as u64,
        held: HeldTally {
            undecided: unread as u64,
            ..HeldTally::from_rows(
                held.into_iter().map(|(bits, n)| (HoldReasons::from_bits(bits), n as u64)),
            )
        },
        ..ReviewTally::default()
    };
    for (status, reason, n) in rows {
        let n = n as u64;
        match (Status::parse(&status), reason.as_deref().and_then(RejectReason::parse)) {
            (Some(Status::Pending), _) => tally.pending += n,
            (Some(Status::Rejected), Some(reason)) => tally.rejected.push((reason, n)),
            _ => {}
        }
    }
    Ok(tally)
}

/// A published snapshot.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Published {
    pub version: i64,
    pub published_at: UnixTime,
    /// JSON of `domain::summary::Summary`.
    pub body: String,
}

/// Stores `body` as the next version and marks the consultation published, in one transaction;
/// `None` (nothing stored) if its window no longer closes at `closes_at`, the close the summary
/// was computed after: an organizer extended it meanwhile, so answers may still arrive.
#[tracing::instrument(skip_all)]
pub async fn publish(
    db: &Db,
    consultation_id: i64,
    closes_at: UnixTime,
    slug: &str,
    body: &str,
    staff_id: StaffId,
    now: UnixTime,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    // Taking the consultation row first makes two publications at once queue up (PostgreSQL);
    // SQLite has one writer anyway.
    let marked = sqlx::query(
        "UPDATE consultations SET published_at = COALESCE(published_at, $1) \
         WHERE id = $2 AND closes_at = $3",
    )
    .bind(now)
    .bind(consultation_id)
    .bind(closes_at)
    .execute(&mut *tx)
    .await?;
    if marked.rows_affected() == 0 {
        return Ok(None);
    }
    let (version,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM summaries WHERE consultation_id = $1",
    )
    .bind(consultation_id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO summaries (consultation_id, version, published_at, published_by, body) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(consultation_id)
    .bind(version)
    .bind(now)
    .bind(staff_id)
    .bind(body)
    .execute(&mut *tx)
    .await?;
    let detail = format!("version {version}");
    audit::append(
        &mut *tx,
        now,
        Some(staff_id),
        AuditAction::PublishedSummary,
        Subject::Consultation(slug),
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(version))
}

#[tracing::instrument(skip_all)]
pub async fn latest(db: &Db, consultation_id: i64) -> Result<Option<Published>, sqlx::Error> {
    sqlx::query_as(
        "SELECT version, published_at, body FROM summaries WHERE consultation_id = $1 \
         ORDER BY version DESC LIMIT 1",
    )
    .bind(consultation_id)
    .fetch_optional(db)
    .await
}
