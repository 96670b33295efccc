//! Free text stored before it was read for meaning (`services::reading`): found oldest first,
//! and once read, its flag recorded as if it had been found at ingest.

use super::Db;
use super::responses::{self, execute_rows, json_rows};
use crate::domain::ids::AnswerId;
use crate::domain::safeguarding::Reading;

/// A free-text answer still to be read for meaning.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Awaiting {
    pub id: AnswerId,
    pub text: String,
    /// The rank its flag takes in the flagged lane (`reviews.flag_rank`).
    #[sqlx(rename = "awaiting_meaning")]
    pub rank: i64,
}

/// Up to `limit` answers waiting, oldest first.
pub async fn awaiting(db: &Db, limit: u32) -> Result<Vec<Awaiting>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, text, awaiting_meaning FROM answers WHERE awaiting_meaning IS NOT NULL \
         ORDER BY id LIMIT $1",
    )
    .bind(i64::from(limit))
    .fetch_all(db)
    .await
}

/// Records that these answers were read, with what was found in each and its embedding, in one
/// transaction. A
/// flagged answer's review takes the flag (a moderator who decided it meanwhile keeps their
/// decision); a held response's answer has no review yet and gets one, marked held, as at ingest:
/// a disclosure is read whatever happens to its response. Answers withdrawn meanwhile are gone
/// and need nothing.
pub async fn record(db: &Db, read: &[(Awaiting, Reading)]) -> Result<(), sqlx::Error> {
    let mut tx = super::begin_write(db).await?;
    let vectors: Vec<(AnswerId, &[f32])> =
        read.iter().map(|(a, r)| (a.id, r.vector.as_slice())).collect();
    responses::insert_vectors(&mut tx, &vectors).await?;
    for (answer, Reading { flag, .. }) in read {
        let Some(flag) = flag else { continue };
        let why = serde_json::to_string(&flag.why).map_err(|e| sqlx::Error::Encode(e.into()))?;
        sqlx::query(
            "UPDATE reviews SET concern = $1, flag_why = $2, flag_rank = $3 \
             WHERE answer_id = $4 AND concern IS NULL",
        )
        .bind(flag.concern.key())
        .bind(&why)
        .bind(answer.rank)
        .bind(answer.id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO reviews (answer_id, response_id, consultation_id, question_id, \
             submitted_hour, concern, held, flag_rank, flag_why) \
             SELECT a.id, a.response_id, a.consultation_id, a.question_id, r.submitted_hour, \
             $1, 1, $2, $3 FROM answers a JOIN responses r ON r.id = a.response_id \
             WHERE a.id = $4 AND NOT EXISTS (SELECT 1 FROM reviews v WHERE v.answer_id = a.id)",
        )
        .bind(flag.concern.key())
        .bind(answer.rank)
        .bind(&why)
        .bind(answer.id)
        .execute(&mut *tx)
        .await?;
    }
    let ids: Vec<[AnswerId; 1]> = read.iter().map(|(a, _)| [a.id]).collect();
    let sql = format!(
        "UPDATE answers SET awaiting_meaning = NULL WHERE id IN \
         (SELECT CAST(value ->> 0 AS BIGINT) FROM {})",
        json_rows(tx.backend_name())
    );
    execute_rows(&mut tx, &sql, &ids).await?;
    tx.commit().await
}

/// How many answers are still to be read for meaning (in one consultation, or in all).
pub async fn count(db: &Db, consultation: Option<i64>) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM answers WHERE awaiting_meaning IS NOT NULL \
         AND ($1 IS NULL OR consultation_id = $1)",
    )
    .bind(consultation)
    .fetch_one(db)
    .await?;
    Ok(n as u64)
}

/// Whether an answer is still to be read for meaning.
pub async fn is_awaiting(db: &Db, answer_id: AnswerId) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM answers WHERE id = $1 AND awaiting_meaning IS NOT NULL",
    )
    .bind(answer_id)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}
