//! Decided answers under a filter, and the questions moderators filter by.

use sqlx::FromRow;

use super::{Conditions, parsed};
use crate::domain::ids::{AnswerId, QuestionId};
use crate::domain::moderation::{QueueFilter, RejectReason};
use crate::storage::Db;
use crate::views::moderate::{FilterQuestion, ListedAnswer};

#[derive(FromRow)]
struct ListedRow {
    answer_id: AnswerId,
    prompt: String,
    text: String,
    reason: Option<String>,
    concern: Option<String>,
}

/// Answers with a status under the filter, the most recently decided first.
#[tracing::instrument(skip_all)]
pub async fn list(
    db: &Db,
    filter: &QueueFilter,
    limit: i64,
) -> Result<Vec<ListedAnswer>, sqlx::Error> {
    let conditions = Conditions::scope(filter, "r.", filter.flag);
    let n = conditions.next();
    let scoped = &conditions.sql;
    let sql = format!(
        "SELECT r.answer_id, q.prompt, a.text, r.reason, r.concern FROM reviews r \
         JOIN answers a ON a.id = r.answer_id JOIN questions q ON q.id = r.question_id \
         WHERE {scoped} AND r.status = ${n} \
         ORDER BY r.decided_at DESC, r.submitted_hour, r.answer_id LIMIT ${}",
        n + 1
    );
    let mut query = sqlx::query_as::<_, ListedRow>(&sql);
    for value in &conditions.binds {
        query = query.bind(*value);
    }
    let rows = query.bind(filter.status.key()).bind(limit).fetch_all(db).await?;
    rows.into_iter()
        .map(|row| {
            Ok(ListedAnswer {
                reason: parsed("reason", row.reason.as_deref(), RejectReason::parse)?,
                answer_id: row.answer_id,
                prompt: row.prompt,
                text: row.text,
                flagged: row.concern.is_some(),
            })
        })
        .collect()
}

#[tracing::instrument(skip_all)]
pub async fn filter_questions(db: &Db) -> Result<Vec<FilterQuestion>, sqlx::Error> {
    let rows: Vec<(i64, String, QuestionId, String)> = sqlx::query_as(
        "SELECT c.id, c.title, q.id, q.prompt FROM questions q \
         JOIN consultations c ON c.id = q.consultation_id \
         WHERE q.kind = 'free_text' ORDER BY c.created_at DESC, c.id, q.position",
    )
    .fetch_all(db)
    .await?;
    let question = |(consultation_id, consultation_title, question_id, prompt)| FilterQuestion {
        consultation_id,
        consultation_title,
        question_id,
        prompt,
    };
    Ok(rows.into_iter().map(question).collect())
}
