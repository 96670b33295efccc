//! The moderation queue: claims, reviews, themes. A claim is a row update that only succeeds when
//! the answer is free (or its claim expired), so two moderators never hold the same answer, on
//! SQLite (one writer) and on PostgreSQL (the update re-checks the row it waited for) alike.

mod lists;
mod queue;
mod review;

use super::Db;
use crate::domain::moderation::{FlagFilter, QueueFilter, Status};

pub use lists::{filter_questions, list};
pub use queue::{Claimable, Position, claim, claim_next, previous};
pub use review::{Applied, Item, apply, consultation_themes, item, question_themes};

/// Pending, approved and rejected answers under a filter (its status aside).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub pending: i64,
    pub approved: i64,
    pub rejected: i64,
}

/// `WHERE` conditions on `reviews` for a filter's consultation, question and flag, with their
/// `$n` values.
struct Conditions {
    sql: String,
    binds: Vec<i64>,
}

impl Conditions {
    /// `table` is how the query names `reviews` (`r.`), or empty.
    fn scope(filter: &QueueFilter, table: &str, flag: FlagFilter) -> Self {
        let mut conditions = Self { sql: String::from("1 = 1"), binds: Vec::new() };
        for (column, value) in [
            ("consultation_id", filter.consultation),
            ("question_id", filter.question.map(|q| q.0)),
        ] {
            if let Some(value) = value {
                conditions.binds.push(value);
                conditions
                    .sql
                    .push_str(&format!(" AND {table}{column} = ${}", conditions.binds.len()));
            }
        }
        match flag {
            FlagFilter::Any => {}
            FlagFilter::Flagged => {
                conditions.sql.push_str(&format!(" AND {table}concern IS NOT NULL"))
            }
            FlagFilter::Unflagged => {
                conditions.sql.push_str(&format!(" AND {table}concern IS NULL"))
            }
        }
        conditions
    }

    /// The next `$n`.
    fn next(&self) -> usize {
        self.binds.len() + 1
    }
}

#[tracing::instrument(skip_all)]
pub async fn counts(db: &Db, filter: &QueueFilter) -> Result<Counts, sqlx::Error> {
    let conditions = Conditions::scope(filter, "", filter.flag);
    let sql =
        format!("SELECT status, COUNT(*) FROM reviews WHERE {} GROUP BY status", conditions.sql);
    let mut query = sqlx::query_as::<_, (String, i64)>(&sql);
    for value in &conditions.binds {
        query = query.bind(*value);
    }
    let mut counts = Counts::default();
    for (status, n) in query.fetch_all(db).await? {
        match Status::parse(&status) {
            Some(Status::Pending) => counts.pending = n,
            Some(Status::Approved) => counts.approved = n,
            Some(Status::Rejected) => counts.rejected = n,
            None => {}
        }
    }
    Ok(counts)
}

fn invalid(what: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("stored review {what} is invalid").into())
}

/// A nullable enum column: `None` stays `None`, an unknown key is an error.
fn parsed<T>(
    what: &str,
    key: Option<&str>,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, sqlx::Error> {
    key.map(|k| parse(k).ok_or_else(|| invalid(what))).transpose()
}
