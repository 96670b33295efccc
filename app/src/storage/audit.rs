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

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Entry {
    pub at: UnixTime,
    /// `None` for the command line.
    pub email: Option<String>,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// The newest entries first.
#[tracing::instrument(skip_all)]
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<Entry>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.at, s.email, a.action, a.subject, a.detail FROM audit_log a \
         LEFT JOIN staff s ON s.id = a.staff_id ORDER BY a.at DESC, a.id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await
}
