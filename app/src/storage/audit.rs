//! The append-only record of what staff did: there is no function here to change or delete it.

use sqlx::{Any, Executor};

use super::{Db, new_id};
use crate::domain::audit::{AuditAction, Subject};
use crate::domain::ids::{AnswerId, StaffId};
use crate::domain::lifecycle::UnixTime;

#[tracing::instrument(skip_all)]
pub async fn append<'e>(
    db: impl Executor<'e, Database = Any>,
    at: UnixTime,
    staff_id: Option<StaffId>,
    action: AuditAction,
    subject: Subject<'_>,
    detail: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, staff_id, action, subject, answer_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(at)
    .bind(staff_id)
    .bind(action.key())
    .bind(subject.text())
    .bind(subject.answer_id())
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
    /// The answer a moderation entry touched.
    pub answer_id: Option<AnswerId>,
    pub detail: String,
}

/// What a moderator did to answers, responses and held groups ([`AuditAction::MODERATION`]),
/// newest first.
#[tracing::instrument(skip_all)]
pub async fn moderation_by(
    db: &Db,
    staff_id: StaffId,
    limit: i64,
) -> Result<Vec<Entry>, sqlx::Error> {
    let actions = &AuditAction::MODERATION;
    let sql = format!(
        "SELECT a.at, s.email, a.action, a.subject, a.answer_id, a.detail FROM audit_log a \
         LEFT JOIN staff s ON s.id = a.staff_id WHERE a.staff_id = $1 AND a.action IN ({}) \
         ORDER BY a.at DESC, a.id LIMIT ${}",
        placeholders(2, actions.len()),
        actions.len() + 2
    );
    let mut query = sqlx::query_as(&sql).bind(staff_id);
    for action in actions {
        query = query.bind(action.key());
    }
    query.bind(limit).fetch_all(db).await
}

/// How many entries with one of `actions` each staff member has, most first.
#[tracing::instrument(skip_all)]
pub async fn count_per_staff(
    db: &Db,
    actions: &[AuditAction],
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT s.email, COUNT(*) FROM audit_log a JOIN staff s ON s.id = a.staff_id \
         WHERE a.action IN ({}) GROUP BY s.email ORDER BY COUNT(*) DESC, s.email",
        placeholders(1, actions.len())
    );
    let mut query = sqlx::query_as(&sql);
    for action in actions {
        query = query.bind(action.key());
    }
    query.fetch_all(db).await
}

/// `$first, …` for `n` parameters.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// The newest entries first.
#[tracing::instrument(skip_all)]
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<Entry>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.at, s.email, a.action, a.subject, a.answer_id, a.detail FROM audit_log a \
         LEFT JOIN staff s ON s.id = a.staff_id ORDER BY a.at DESC, a.id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await
}
