//! One answer under review, its themes, and a review applied with its audit entries.

use sqlx::{Any, AnyConnection, FromRow, Transaction};

use super::queue::Position;
use super::{invalid, parsed};
use crate::domain::audit::{AuditAction, Subject};
use crate::domain::ids::{AnswerId, QuestionId, StaffId};
use crate::domain::lifecycle::UnixTime;
use crate::domain::moderation::{Change, Decision, RejectReason, ReviewState, Status, changes};
use crate::domain::safeguarding::{Concern, Why};
use crate::storage::begin_write;
use crate::storage::themes::theme_id;
use crate::storage::{Db, audit, forget_overwritten};

/// One answer as a moderator sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub answer_id: AnswerId,
    pub response_id: i64,
    pub consultation_id: i64,
    pub consultation_title: String,
    pub question_id: QuestionId,
    pub prompt: String,
    pub position: Position,
    pub state: ReviewState,
    /// Who holds it and until when, if the claim has not expired.
    pub claim: Option<(StaffId, UnixTime)>,
    pub decided_by: Option<StaffId>,
    pub decided_at: Option<UnixTime>,
    /// The whole response was rejected as spam.
    pub spam: bool,
    /// Its response is held by the integrity checks: read, but counted nowhere until released.
    pub held: bool,
    /// Why the detector flagged it (none when a moderator did, or before it said why).
    pub why: Option<Why>,
}

#[derive(FromRow)]
struct ItemRow {
    answer_id: AnswerId,
    response_id: i64,
    consultation_id: i64,
    consultation_title: String,
    question_id: QuestionId,
    prompt: String,
    submitted_hour: i64,
    claimed_by: Option<StaffId>,
    claim_expires_at: Option<i64>,
    decided_by: Option<StaffId>,
    decided_at: Option<i64>,
    spam: i64,
    held: i64,
    flag_rank: i64,
    flag_why: Option<String>,
}

#[tracing::instrument(skip_all)]
pub async fn item(
    db: &Db,
    answer_id: AnswerId,
    now: UnixTime,
) -> Result<Option<Item>, sqlx::Error> {
    let mut conn = db.acquire().await?;
    let row: Option<ItemRow> = sqlx::query_as(
        "SELECT r.answer_id, r.response_id, r.consultation_id, c.title AS consultation_title, \
         r.question_id, q.prompt, r.submitted_hour, r.claimed_by, r.claim_expires_at, \
         r.decided_by, r.decided_at, p.spam, r.held, r.flag_rank, r.flag_why FROM reviews r \
         JOIN questions q ON q.id = r.question_id \
         JOIN consultations c ON c.id = r.consultation_id \
         JOIN responses p ON p.id = r.response_id WHERE r.answer_id = $1",
    )
    .bind(answer_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let state = state_of(&mut conn, answer_id).await?;
    Ok(Some(Item {
        answer_id: row.answer_id,
        response_id: row.response_id,
        consultation_id: row.consultation_id,
        consultation_title: row.consultation_title,
        question_id: row.question_id,
        prompt: row.prompt,
        position: Position {
            flagged: state.concern.is_some(),
            rank: if state.concern.is_some() { row.flag_rank } else { 1 },
            hour: row.submitted_hour,
            answer_id: row.answer_id,
        },
        state,
        claim: row.claimed_by.zip(row.claim_expires_at).filter(|(_, until)| *until > now),
        decided_by: row.decided_by,
        decided_at: row.decided_at,
        spam: row.spam == 1,
        held: row.held == 1,
        // Written by us: one that no longer reads (an older format) is simply not shown.
        why: row.flag_why.and_then(|w| serde_json::from_str(&w).ok()),
    }))
}

/// A question's themes with how many approved answers carry each, most used first; a theme no
/// answer carries any more (renamed, merged, dropped) is left out.
#[tracing::instrument(skip_all)]
pub async fn question_themes(
    db: &Db,
    question_id: QuestionId,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.name, COUNT(r.answer_id) FROM themes t \
         JOIN answer_themes x ON x.theme_id = t.id \
         LEFT JOIN reviews r ON r.answer_id = x.answer_id AND r.status = 'approved' AND r.held = 0 \
         WHERE t.question_id = $1 GROUP BY t.id, t.name ORDER BY COUNT(r.answer_id) DESC, t.name",
    )
    .bind(question_id)
    .fetch_all(db)
    .await
}

/// Every theme of a consultation's questions that an answer carries, as (question id, name), by
/// name.
#[tracing::instrument(skip_all)]
pub async fn consultation_themes(
    db: &Db,
    consultation_id: i64,
) -> Result<Vec<(QuestionId, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.question_id, t.name FROM themes t JOIN questions q ON q.id = t.question_id \
         WHERE q.consultation_id = $1 \
         AND EXISTS (SELECT 1 FROM answer_themes x WHERE x.theme_id = t.id) ORDER BY t.name",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await
}

#[derive(Debug, PartialEq, Eq)]
pub enum Applied {
    Done(Vec<Change>),
    /// Another moderator holds the answer.
    Taken,
    NotFound,
}

/// Applies a review in one transaction: the answer, its themes, its response when it is spam,
/// and one audit entry per change. The moderator must hold the claim (or it must be free), and
/// it is released. A redaction overwrites the text: no copy of the original is kept.
#[tracing::instrument(skip_all)]
pub async fn apply(
    db: &Db,
    answer_id: AnswerId,
    staff_id: StaffId,
    decision: Decision,
    after: &ReviewState,
    now: UnixTime,
) -> Result<Applied, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    // Writing first takes SQLite's write lock at once (and PostgreSQL's row lock).
    let held = sqlx::query(
        "UPDATE reviews SET claimed_by = NULL, claim_expires_at = NULL WHERE answer_id = $1 \
         AND (claimed_by IS NULL OR claimed_by = $2 OR claim_expires_at <= $3)",
    )
    .bind(answer_id)
    .bind(staff_id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !held {
        tx.rollback().await?;
        let exists = item(db, answer_id, now).await?.is_some();
        return Ok(if exists { Applied::Taken } else { Applied::NotFound });
    }
    let before = state_of(&mut tx, answer_id).await?;
    let (response_id, question_id): (i64, QuestionId) =
        sqlx::query_as("SELECT response_id, question_id FROM reviews WHERE answer_id = $1")
            .bind(answer_id)
            .fetch_one(&mut *tx)
            .await?;
    let changes = changes(&before, decision, after);

    if before.text != after.text {
        sqlx::query("UPDATE answers SET text = $1 WHERE id = $2")
            .bind(&after.text)
            .bind(answer_id)
            .execute(&mut *tx)
            .await?;
    }
    let decided = decision != Decision::Save;
    sqlx::query(
        "UPDATE reviews SET status = $1, reason = $2, concern = $3, quote = $4, \
         decided_by = CASE WHEN $5 = 1 THEN $6 ELSE decided_by END, \
         decided_at = CASE WHEN $5 = 1 THEN $7 ELSE decided_at END WHERE answer_id = $8",
    )
    .bind(after.status.key())
    .bind(after.reason.map(RejectReason::key))
    .bind(after.concern.map(Concern::key))
    .bind(i64::from(after.quote))
    .bind(i64::from(decided))
    .bind(staff_id)
    .bind(now)
    .bind(answer_id)
    .execute(&mut *tx)
    .await?;
    for change in &changes {
        match change {
            Change::Tagged(name) => set_tag(&mut tx, answer_id, question_id, name, true).await?,
            Change::Untagged(name) => set_tag(&mut tx, answer_id, question_id, name, false).await?,
            _ => {}
        }
    }
    let mut subject = Subject::Answer(answer_id);
    match decision {
        Decision::SpamResponse => {
            reject_response(&mut tx, response_id, staff_id, now).await?;
            subject = Subject::Response { response_id, answer_id };
        }
        // Approving an answer of a response rejected as spam takes the response back.
        Decision::Approve => {
            let restored = sqlx::query("UPDATE responses SET spam = 0 WHERE id = $1 AND spam = 1")
                .bind(response_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if restored == 1 {
                let subject = Subject::Response { response_id, answer_id };
                let action = AuditAction::TookBackFromSpam;
                audit::append(&mut *tx, now, Some(staff_id), action, subject, "").await?;
            }
        }
        _ => {}
    }
    for change in &changes {
        let (action, detail) = change.audit();
        audit::append(&mut *tx, now, Some(staff_id), action, subject, &detail).await?;
    }
    tx.commit().await?;
    if changes.contains(&Change::Redacted) {
        forget_overwritten(db).await;
    }
    Ok(Applied::Done(changes))
}

/// The answer's text and review with its themes (sorted, as the domain compares them).
async fn state_of(
    conn: &mut AnyConnection,
    answer_id: AnswerId,
) -> Result<ReviewState, sqlx::Error> {
    let (text, status, reason, concern, quote): (
        String,
        String,
        Option<String>,
        Option<String>,
        i64,
    ) = sqlx::query_as(
        "SELECT a.text, r.status, r.reason, r.concern, r.quote FROM reviews r \
             JOIN answers a ON a.id = r.answer_id WHERE r.answer_id = $1",
    )
    .bind(answer_id)
    .fetch_one(&mut *conn)
    .await?;
    let mut themes: Vec<String> = sqlx::query_scalar(
        "SELECT t.name FROM answer_themes x JOIN themes t ON t.id = x.theme_id \
         WHERE x.answer_id = $1",
    )
    .bind(answer_id)
    .fetch_all(&mut *conn)
    .await?;
    themes.sort_by_key(|n| n.to_lowercase());
    Ok(ReviewState {
        text,
        status: Status::parse(&status).ok_or_else(|| invalid("status"))?,
        reason: parsed("reason", reason.as_deref(), RejectReason::parse)?,
        concern: parsed("concern", concern.as_deref(), Concern::parse)?,
        quote: quote == 1,
        themes,
    })
}

/// Tags the answer with the named theme (made if new), or takes the tag off.
async fn set_tag(
    tx: &mut Transaction<'_, Any>,
    answer_id: AnswerId,
    question_id: QuestionId,
    name: &str,
    tagged: bool,
) -> Result<(), sqlx::Error> {
    let theme = theme_id(tx, question_id, name).await?;
    let sql = if tagged {
        "INSERT INTO answer_themes (answer_id, theme_id) VALUES ($1, $2) \
         ON CONFLICT (answer_id, theme_id) DO NOTHING"
    } else {
        "DELETE FROM answer_themes WHERE answer_id = $1 AND theme_id = $2"
    };
    sqlx::query(sql).bind(answer_id).bind(theme).execute(&mut **tx).await.map(drop)
}

/// The response stops counting; all its free-text answers are rejected as spam and let go.
async fn reject_response(
    tx: &mut Transaction<'_, Any>,
    response_id: i64,
    staff_id: StaffId,
    now: UnixTime,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE responses SET spam = 1 WHERE id = $1")
        .bind(response_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "UPDATE reviews SET status = 'rejected', reason = 'spam', quote = 0, claimed_by = NULL, \
         claim_expires_at = NULL, decided_by = $1, decided_at = $2 WHERE response_id = $3",
    )
    .bind(staff_id)
    .bind(now)
    .bind(response_id)
    .execute(&mut **tx)
    .await
    .map(drop)
}
