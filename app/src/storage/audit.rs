//! The append-only record of what staff did: there is no function here to change or delete it.

use super::{Db, new_id};
use crate::domain::lifecycle::UnixTime;

#[tracing::instrument(skip_all)]
pub async fn append(
    db: &Db,
    at: UnixTime,
    staff_id: Option<i64>,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, staff_id, action, subject, detail) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(new_id())
    .bind(at)
    .bind(staff_id)
    .bind(action)
    .bind(subject)
    .bind(detail)
    .execute(db)
    .await
    .map(|_| ())
}
