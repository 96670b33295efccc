//! Theme suggestions as moderators decide them: a question's counted answers with their stored
//! embeddings, and accepting a suggestion (every answer in it tagged in one decision, audited,
//! undoable).

use super::responses::{json, json_rows};
use super::{Db, audit, begin_write, new_ids};
use crate::domain::audit::{AuditAction, Subject};
use crate::domain::ids::{AnswerId, QuestionId, StaffId};
use crate::domain::lifecycle::UnixTime;
use crate::domain::themes::vector;

/// A free-text answer as suggestions read it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ThemeText {
    pub answer_id: AnswerId,
    pub text: String,
    /// The language the response was written in (its code).
    pub language: String,
    /// Its packed embedding, if the reading thread kept one.
    pub vector: Option<Vec<u8>>,
}

/// A question's answers that count (not held, not rejected), oldest first.
pub async fn texts(db: &Db, question_id: QuestionId) -> Result<Vec<ThemeText>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id AS answer_id, a.text, r.language, v.vector FROM answers a \
         JOIN responses r ON r.id = a.response_id \
         JOIN reviews w ON w.answer_id = a.id AND w.held = 0 AND w.status <> 'rejected' \
         LEFT JOIN answer_vectors v ON v.answer_id = a.id \
         WHERE a.question_id = $1 AND a.text IS NOT NULL ORDER BY a.id",
    )
    .bind(question_id)
    .fetch_all(db)
    .await
}

/// Keeps embeddings made when suggestions were asked for (answers read before they were kept).
pub async fn keep_vectors(db: &Db, vectors: &[(AnswerId, Vec<f32>)]) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    for (answer_id, v) in vectors {
        sqlx::query(
            "INSERT INTO answer_vectors (answer_id, vector) VALUES ($1, $2) \
             ON CONFLICT (answer_id) DO NOTHING",
        )
        .bind(answer_id)
        .bind(vector::pack(v))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// What accepting a suggestion did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// The decision, to undo it by.
    pub decision: i64,
    /// Answers newly tagged (those already tagged with the theme are not counted again).
    pub tagged: u64,
}

/// Tags `answers` of `question_id` with the theme `name` (made if the question has none of that
/// name) in one audited decision. Only the question's counted answers are tagged, whatever ids
/// were sent.
pub async fn accept(
    db: &Db,
    question_id: QuestionId,
    name: &str,
    answers: &[AnswerId],
    staff_id: StaffId,
    now: UnixTime,
) -> Result<Accepted, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    sqlx::query(
        "INSERT INTO themes (id, question_id, name) VALUES ($1, $2, $3) \
         ON CONFLICT (question_id, name) DO NOTHING",
    )
    .bind(new_ids(1)[0])
    .bind(question_id)
    .bind(name)
    .execute(&mut *tx)
    .await?;
    let theme_id: i64 =
        sqlx::query_scalar("SELECT id FROM themes WHERE question_id = $1 AND name = $2")
            .bind(question_id)
            .bind(name)
            .fetch_one(&mut *tx)
            .await?;
    let rows_of = json_rows(tx.backend_name());
    let ids: Vec<[AnswerId; 1]> = answers.iter().map(|&a| [a]).collect();
    // $1 is the answers (json_rows); the theme and the question follow.
    let tagged: Vec<AnswerId> = sqlx::query_scalar(&format!(
        "INSERT INTO answer_themes (answer_id, theme_id) \
         SELECT w.answer_id, $2 FROM reviews w JOIN answers a ON a.id = w.answer_id \
         WHERE w.answer_id IN (SELECT CAST(value ->> 0 AS BIGINT) FROM {rows_of}) \
         AND a.question_id = $3 AND w.held = 0 AND w.status <> 'rejected' \
         AND NOT EXISTS (SELECT 1 FROM answer_themes x \
         WHERE x.answer_id = w.answer_id AND x.theme_id = $2) \
         RETURNING answer_id"
    ))
    .bind(json(&ids)?)
    .bind(theme_id)
    .bind(question_id)
    .fetch_all(&mut *tx)
    .await?;
    let decision = new_ids(1)[0];
    sqlx::query(
        "INSERT INTO theme_decisions (id, theme_id, staff_id, at, answers) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(decision)
    .bind(theme_id)
    .bind(staff_id)
    .bind(now)
    .bind(json(&tagged)?)
    .execute(&mut *tx)
    .await?;
    let detail = format!("{name}: {} answers", tagged.len());
    let subject = Subject::ThemeDecision(decision);
    audit::append(&mut *tx, now, Some(staff_id), AuditAction::AcceptedTheme, subject, &detail)
        .await?;
    tx.commit().await?;
    Ok(Accepted { decision, tagged: tagged.len() as u64 })
}

/// A decision as the page after it shows it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Decision {
    pub question_id: QuestionId,
    pub name: String,
    /// The answers it tagged, as JSON.
    answers: String,
    pub undone_at: Option<UnixTime>,
}

impl Decision {
    pub fn tagged(&self) -> u64 {
        serde_json::from_str::<Vec<i64>>(&self.answers).map_or(0, |a| a.len() as u64)
    }
}

pub async fn decision(db: &Db, id: i64) -> Result<Option<Decision>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.question_id, t.name, d.answers, d.undone_at FROM theme_decisions d \
         JOIN themes t ON t.id = d.theme_id WHERE d.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Takes back exactly the tags a decision made, once, audited; how many (none if it was undone
/// already or does not exist).
pub async fn undo(db: &Db, id: i64, staff_id: StaffId, now: UnixTime) -> Result<u64, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let taken: Option<(i64, String)> = sqlx::query_as(
        "UPDATE theme_decisions SET undone_at = $1 WHERE id = $2 AND undone_at IS NULL \
         RETURNING theme_id, answers",
    )
    .bind(now)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((theme_id, answers)) = taken else { return Ok(0) };
    let ids: Vec<i64> =
        serde_json::from_str(&answers).map_err(|e| sqlx::Error::Decode(e.into()))?;
    let rows: Vec<[i64; 1]> = ids.iter().map(|&a| [a]).collect();
    sqlx::query(&format!(
        "DELETE FROM answer_themes WHERE theme_id = $2 AND answer_id IN \
         (SELECT CAST(value ->> 0 AS BIGINT) FROM {})",
        json_rows(tx.backend_name())
    ))
    .bind(json(&rows)?)
    .bind(theme_id)
    .execute(&mut *tx)
    .await?;
    let detail = format!("{} answers", ids.len());
    let subject = Subject::ThemeDecision(id);
    audit::append(&mut *tx, now, Some(staff_id), AuditAction::UndidTheme, subject, &detail).await?;
    tx.commit().await?;
    Ok(ids.len() as u64)
}

/// An answer's packed embedding, if kept.
pub async fn vector_of(db: &Db, answer_id: AnswerId) -> Result<Option<Vec<u8>>, sqlx::Error> {
    sqlx::query_scalar("SELECT vector FROM answer_vectors WHERE answer_id = $1")
        .bind(answer_id)
        .fetch_optional(db)
        .await
}

/// Each answer of the question tagged with one of its themes, as (theme, packed embedding).
pub async fn tagged_vectors(
    db: &Db,
    question_id: QuestionId,
) -> Result<Vec<(String, Vec<u8>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.name, v.vector FROM themes t JOIN answer_themes x ON x.theme_id = t.id \
         JOIN answer_vectors v ON v.answer_id = x.answer_id WHERE t.question_id = $1",
    )
    .bind(question_id)
    .fetch_all(db)
    .await
}

/// The question's other pending answers a moderator may decide together with one: not held, not
/// flagged nor still to be read for meaning (a disclosure is never decided in a batch), not held
/// by another moderator, with their kept embeddings.
pub async fn pending_alike(
    db: &Db,
    question_id: QuestionId,
    besides: AnswerId,
    staff_id: StaffId,
    now: UnixTime,
) -> Result<Vec<ThemeText>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id AS answer_id, a.text, r.language, v.vector FROM reviews w \
         JOIN answers a ON a.id = w.answer_id JOIN responses r ON r.id = a.response_id \
         JOIN answer_vectors v ON v.answer_id = a.id \
         WHERE a.question_id = $1 AND a.id <> $2 AND w.status = 'pending' AND w.held = 0 \
         AND w.concern IS NULL AND a.awaiting_meaning IS NULL \
         AND (w.claimed_by IS NULL OR w.claimed_by = $3 OR w.claim_expires_at <= $4)",
    )
    .bind(question_id)
    .bind(besides)
    .bind(staff_id)
    .bind(now)
    .fetch_all(db)
    .await
}
