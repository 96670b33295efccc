//! The brief organizers write for delegates, one per consultation.

use sqlx::Row;

use super::{Db, begin_write};
use crate::domain::brief::Brief;
use crate::domain::ids::StaffId;
use crate::domain::lifecycle::UnixTime;

/// The brief as last written; `None` before it is. A body that no longer reads is logged and
/// treated as unwritten, so the summary still shows.
#[tracing::instrument(skip_all)]
pub async fn get(db: &Db, consultation_id: i64) -> Result<Option<Brief>, sqlx::Error> {
    let row = sqlx::query("SELECT body FROM briefs WHERE consultation_id = $1")
        .bind(consultation_id)
        .fetch_optional(db)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let body: String = row.try_get("body")?;
    match serde_json::from_str(&body) {
        Ok(brief) => Ok(Some(brief)),
        Err(error) => {
            tracing::error!(%error, consultation_id, "a stored brief does not read back");
            Ok(None)
        }
    }
}

/// Writes the brief, replacing the one before.
#[tracing::instrument(skip_all)]
pub async fn save(
    db: &Db,
    consultation_id: i64,
    brief: &Brief,
    staff_id: StaffId,
    now: UnixTime,
) -> Result<(), sqlx::Error> {
    let body = serde_json::to_string(brief).expect("a brief is plain data");
    let mut tx = begin_write(db).await?;
    sqlx::query("DELETE FROM briefs WHERE consultation_id = $1")
        .bind(consultation_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO briefs (consultation_id, body, written_at, staff_id) VALUES ($1, $2, $3, $4)",
    )
    .bind(consultation_id)
    .bind(body)
    .bind(now)
    .bind(staff_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}
