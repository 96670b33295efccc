//! Deleting the raw answers of published consultations once their retention days are over. The
//! published summaries stay: they hold only what delegates read.

use super::{Db, audit, begin_write, forget_overwritten};
use crate::domain::audit::{AuditAction, Subject};
use crate::domain::lifecycle::UnixTime;

const DAY: i64 = 24 * 3600;

/// Published, not yet purged, and published more than its retention days ago: (id, slug).
#[tracing::instrument(skip_all)]
pub async fn due(db: &Db, now: UnixTime) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, slug FROM consultations WHERE published_at IS NOT NULL AND purged_at IS NULL \
         AND published_at + retention_days * $1 <= $2 ORDER BY published_at",
    )
    .bind(DAY)
    .bind(now)
    .fetch_all(db)
    .await
}

/// Deletes every response, answer, review, theme and choice count of a consultation in one
/// transaction, and marks it purged; returns how many responses were deleted.
#[tracing::instrument(skip_all)]
pub async fn purge(db: &Db, id: i64, slug: &str, now: UnixTime) -> Result<u64, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    for sql in [
        "DELETE FROM answer_themes WHERE answer_id IN \
         (SELECT answer_id FROM reviews WHERE consultation_id = $1)",
        "DELETE FROM reviews WHERE consultation_id = $1",
        "DELETE FROM answers WHERE response_id IN (SELECT id FROM responses WHERE consultation_id = $1)",
        "DELETE FROM text_bands WHERE consultation_id = $1",
        "DELETE FROM text_signatures WHERE response_id IN \
         (SELECT id FROM responses WHERE consultation_id = $1)",
        "DELETE FROM themes WHERE question_id IN (SELECT id FROM questions WHERE consultation_id = $1)",
        "DELETE FROM choice_counts WHERE question_id IN \
         (SELECT id FROM questions WHERE consultation_id = $1)",
    ] {
        sqlx::query(sql).bind(id).execute(&mut *tx).await?;
    }
    let responses = sqlx::query("DELETE FROM responses WHERE consultation_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query("UPDATE consultations SET purged_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let detail = format!("{responses} responses deleted");
    audit::append(
        &mut *tx,
        now,
        None,
        AuditAction::PurgedAnswers,
        Subject::Consultation(slug),
        &detail,
    )
    .await?;
    tx.commit().await?;
    forget_overwritten(db).await;
    Ok(responses)
}
