//! Themes as moderators decide them: a question's counted answers with their stored embeddings,
//! a suggestion accepted (every answer in it tagged in one decision), and a theme renamed, merged,
//! split or dropped (its answers moved in one decision). Every decision is audited and undoable.

use sqlx::{Any, Transaction};

use super::responses::{json, json_rows};
use super::{Db, audit, begin_write, new_id, new_ids};
use crate::domain::audit::{AuditAction, Subject};
use crate::domain::ids::{AnswerId, QuestionId, StaffId};
use crate::domain::lifecycle::UnixTime;
use crate::domain::theme::{ChangeKind, ThemeName};
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

/// The question's theme with this name (ignoring case), made if new. A theme no answer carries
/// any more (renamed, merged or dropped) takes the spelling typed.
pub(super) async fn theme_id(
    tx: &mut Transaction<'_, Any>,
    question_id: QuestionId,
    name: &str,
) -> Result<i64, sqlx::Error> {
    let existing: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT t.id, t.name, (SELECT COUNT(*) FROM answer_themes x WHERE x.theme_id = t.id) \
         FROM themes t WHERE t.question_id = $1",
    )
    .bind(question_id)
    .fetch_all(&mut **tx)
    .await?;
    let lower = name.to_lowercase();
    if let Some((id, spelt, carried)) = existing.iter().find(|(_, n, _)| n.to_lowercase() == lower)
    {
        if *carried == 0 && spelt != name {
            sqlx::query("UPDATE themes SET name = $1 WHERE id = $2")
                .bind(name)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        return Ok(*id);
    }
    let id = new_id();
    sqlx::query("INSERT INTO themes (id, question_id, name) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(question_id)
        .bind(name)
        .execute(&mut **tx)
        .await?;
    Ok(id)
}

/// Tags `answers` of `question_id` with the theme `name` (made if the question has none of that
/// name) in one audited decision. Only the question's counted answers are tagged, whatever ids
/// were sent.
pub async fn accept(
    db: &Db,
    question_id: QuestionId,
    name: &ThemeName,
    answers: &[AnswerId],
    staff_id: StaffId,
    now: UnixTime,
) -> Result<Accepted, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let theme_id = theme_id(&mut tx, question_id, name.as_str()).await?;
    let rows_of = json_rows(tx.backend_name());
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
    .bind(rows(answers)?)
    .bind(theme_id)
    .bind(question_id)
    .fetch_all(&mut *tx)
    .await?;
    let decision = new_ids(1)[0];
    sqlx::query(
        "INSERT INTO theme_decisions (id, theme_id, staff_id, at, answers, kind) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(decision)
    .bind(theme_id)
    .bind(staff_id)
    .bind(now)
    .bind(json(&tagged)?)
    .bind(ChangeKind::Accepted.key())
    .execute(&mut *tx)
    .await?;
    let detail = format!("{}: {} answers", name.as_str(), tagged.len());
    let subject = Subject::ThemeDecision(decision);
    audit::append(&mut *tx, now, Some(staff_id), AuditAction::AcceptedTheme, subject, &detail)
        .await?;
    tx.commit().await?;
    Ok(Accepted { decision, tagged: tagged.len() as u64 })
}

/// A question's themes with how many of its counted answers (not held, not rejected) carry each,
/// the most carried first. A theme no answer carries is not listed.
pub async fn carried(db: &Db, question_id: QuestionId) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.name, COUNT(w.answer_id) FROM themes t \
         JOIN answer_themes x ON x.theme_id = t.id \
         LEFT JOIN reviews w ON w.answer_id = x.answer_id AND w.held = 0 AND w.status <> 'rejected' \
         WHERE t.question_id = $1 GROUP BY t.id, t.name ORDER BY COUNT(w.answer_id) DESC, t.name",
    )
    .bind(question_id)
    .fetch_all(db)
    .await
}

/// The question's counted answers that carry the theme `name`, oldest first.
pub async fn carrying(
    db: &Db,
    question_id: QuestionId,
    name: &str,
) -> Result<Vec<ThemeText>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id AS answer_id, a.text, r.language, v.vector FROM themes t \
         JOIN answer_themes x ON x.theme_id = t.id JOIN answers a ON a.id = x.answer_id \
         JOIN responses r ON r.id = a.response_id \
         JOIN reviews w ON w.answer_id = a.id AND w.held = 0 AND w.status <> 'rejected' \
         LEFT JOIN answer_vectors v ON v.answer_id = a.id \
         WHERE t.question_id = $1 AND t.name = $2 AND a.text IS NOT NULL ORDER BY a.id",
    )
    .bind(question_id)
    .bind(name)
    .fetch_all(db)
    .await
}

/// What taking answers off a theme came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moved {
    /// The decision, to undo it by.
    Decided(i64),
    /// Only the name's case changed ("privacy" to "Privacy"): the theme is spelt anew, every
    /// answer keeps it.
    Respelled,
    /// No such theme, or none of the answers sent carries it.
    Nothing,
}

/// Takes the answers carrying the theme `from` (all of them, or those of `only`) off it and, with
/// `into`, tags them with that theme (made if new): a rename, a merge into a theme of that name,
/// or a split; without, the theme is dropped from them. One audited decision, undoable.
pub async fn move_answers(
    db: &Db,
    question_id: QuestionId,
    from: &str,
    into: Option<&ThemeName>,
    only: Option<&[AnswerId]>,
    staff_id: StaffId,
    now: UnixTime,
) -> Result<Moved, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let from_id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM themes WHERE question_id = $1 AND name = $2")
            .bind(question_id)
            .bind(from)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(from_id) = from_id else { return Ok(Moved::Nothing) };
    let carriers: Vec<AnswerId> = sqlx::query_scalar(
        "SELECT answer_id FROM answer_themes WHERE theme_id = $1 ORDER BY answer_id",
    )
    .bind(from_id)
    .fetch_all(&mut *tx)
    .await?;
    let moved: Vec<AnswerId> = match only {
        Some(only) => carriers.into_iter().filter(|a| only.contains(a)).collect(),
        None => carriers,
    };
    if moved.is_empty() {
        return Ok(Moved::Nothing);
    }
    let into_id = match into {
        Some(name) => Some(theme_id(&mut tx, question_id, name.as_str()).await?),
        None => None,
    };
    let kind = if into_id.is_some() { ChangeKind::Moved } else { ChangeKind::Dropped };
    if into_id == Some(from_id) {
        let Some(name) = into.filter(|n| n.as_str() != from && only.is_none()) else {
            return Ok(Moved::Nothing);
        };
        sqlx::query("UPDATE themes SET name = $1 WHERE id = $2")
            .bind(name.as_str())
            .bind(from_id)
            .execute(&mut *tx)
            .await?;
        let detail = format!("{from} → {}: spelling", name.as_str());
        let subject = Subject::Theme(from_id);
        audit::append(&mut *tx, now, Some(staff_id), AuditAction::MovedTheme, subject, &detail)
            .await?;
        tx.commit().await?;
        return Ok(Moved::Respelled);
    }
    untag(&mut tx, from_id, &moved).await?;
    let added = match into_id {
        Some(into_id) => Some(tag(&mut tx, into_id, &moved).await?),
        None => None,
    };
    let decision = new_ids(1)[0];
    sqlx::query(
        "INSERT INTO theme_decisions (id, theme_id, staff_id, at, answers, kind, into_theme_id, added) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(decision)
    .bind(from_id)
    .bind(staff_id)
    .bind(now)
    .bind(json(&moved)?)
    .bind(kind.key())
    .bind(into_id)
    .bind(added.as_deref().map(json).transpose()?)
    .execute(&mut *tx)
    .await?;
    let (action, detail) = match into {
        Some(into) => (
            AuditAction::MovedTheme,
            format!("{from} → {}: {} answers", into.as_str(), moved.len()),
        ),
        None => (AuditAction::DroppedTheme, format!("{from}: {} answers", moved.len())),
    };
    let subject = Subject::ThemeDecision(decision);
    audit::append(&mut *tx, now, Some(staff_id), action, subject, &detail).await?;
    tx.commit().await?;
    Ok(Moved::Decided(decision))
}

/// `answers` as the JSON rows [`json_rows`] reads.
fn rows(answers: &[AnswerId]) -> Result<String, sqlx::Error> {
    let rows: Vec<[AnswerId; 1]> = answers.iter().map(|&a| [a]).collect();
    json(&rows)
}

/// Tags `answers` with the theme; those it tagged (not those carrying it already).
async fn tag(
    tx: &mut Transaction<'_, Any>,
    theme_id: i64,
    answers: &[AnswerId],
) -> Result<Vec<AnswerId>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "INSERT INTO answer_themes (answer_id, theme_id) \
         SELECT a.id, $2 FROM answers a \
         WHERE a.id IN (SELECT CAST(value ->> 0 AS BIGINT) FROM {}) \
         AND NOT EXISTS (SELECT 1 FROM answer_themes x WHERE x.answer_id = a.id AND x.theme_id = $2) \
         RETURNING answer_id",
        json_rows(tx.backend_name())
    ))
    .bind(rows(answers)?)
    .bind(theme_id)
    .fetch_all(&mut **tx)
    .await
}

async fn untag(
    tx: &mut Transaction<'_, Any>,
    theme_id: i64,
    answers: &[AnswerId],
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "DELETE FROM answer_themes WHERE theme_id = $2 AND answer_id IN \
         (SELECT CAST(value ->> 0 AS BIGINT) FROM {})",
        json_rows(tx.backend_name())
    ))
    .bind(rows(answers)?)
    .bind(theme_id)
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// A decision as the page after it shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub question_id: QuestionId,
    pub kind: ChangeKind,
    /// The theme it tagged (accepted) or took answers off (moved, dropped).
    pub name: String,
    /// The theme a move put them on.
    pub into: Option<String>,
    /// How many answers it tagged or moved.
    pub answers: u64,
    pub undone_at: Option<UnixTime>,
}

#[derive(sqlx::FromRow)]
struct DecisionRow {
    question_id: QuestionId,
    kind: String,
    name: String,
    into_name: Option<String>,
    answers: String,
    undone_at: Option<UnixTime>,
}

pub async fn decision(db: &Db, id: i64) -> Result<Option<Decision>, sqlx::Error> {
    let row: Option<DecisionRow> = sqlx::query_as(
        "SELECT t.question_id, d.kind, t.name, i.name AS into_name, d.answers, d.undone_at \
         FROM theme_decisions d JOIN themes t ON t.id = d.theme_id \
         LEFT JOIN themes i ON i.id = d.into_theme_id WHERE d.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Decision {
        question_id: row.question_id,
        kind: ChangeKind::parse(&row.kind).ok_or_else(|| unknown_kind(&row.kind))?,
        name: row.name,
        into: row.into_name,
        answers: ids(&row.answers)?.len() as u64,
        undone_at: row.undone_at,
    }))
}

fn unknown_kind(kind: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("stored theme decision kind {kind:?} is unknown").into())
}

fn ids(answers: &str) -> Result<Vec<AnswerId>, sqlx::Error> {
    serde_json::from_str(answers).map_err(|e| sqlx::Error::Decode(e.into()))
}

/// A decision as undoing it reads it (see `migrations/0020_theme_changes.sql`).
#[derive(sqlx::FromRow)]
struct Taken {
    theme_id: i64,
    kind: String,
    answers: String,
    into_theme_id: Option<i64>,
    added: Option<String>,
}

/// Takes back exactly what a decision did to its answers, once, audited; how many answers (none
/// if it was undone already or does not exist).
pub async fn undo(db: &Db, id: i64, staff_id: StaffId, now: UnixTime) -> Result<u64, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let taken: Option<Taken> = sqlx::query_as(
        "UPDATE theme_decisions SET undone_at = $1 WHERE id = $2 AND undone_at IS NULL \
         RETURNING theme_id, kind, answers, into_theme_id, added",
    )
    .bind(now)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(taken) = taken else { return Ok(0) };
    let answers = ids(&taken.answers)?;
    let action = match ChangeKind::parse(&taken.kind) {
        Some(ChangeKind::Accepted) => {
            untag(&mut tx, taken.theme_id, &answers).await?;
            AuditAction::UndidTheme
        }
        Some(ChangeKind::Moved | ChangeKind::Dropped) => {
            tag(&mut tx, taken.theme_id, &answers).await?;
            if let (Some(into_id), Some(added)) = (taken.into_theme_id, taken.added) {
                untag(&mut tx, into_id, &ids(&added)?).await?;
            }
            AuditAction::UndidThemeChange
        }
        None => return Err(unknown_kind(&taken.kind)),
    };
    let detail = format!("{} answers", answers.len());
    let subject = Subject::ThemeDecision(id);
    audit::append(&mut *tx, now, Some(staff_id), action, subject, &detail).await?;
    tx.commit().await?;
    Ok(answers.len() as u64)
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
