use sqlx::{Any, AnyConnection, Connection, Row, Transaction};
use std::collections::HashSet;

use super::{Db, new_ids};
use crate::domain::demographics::Choice;
use crate::domain::language::Language;
use crate::domain::lifecycle::UnixTime;
use crate::domain::safeguarding::Concern;
use crate::domain::submission::{Answer, Submission};

/// Owned, so it can wait in the group-commit queue (`storage::group_commit`).
#[derive(Clone, Debug)]
pub struct NewResponse {
    pub consultation_id: i64,
    pub submission_key: String,
    pub receipt_hash: String,
    pub submitted_hour: UnixTime,
    pub language: Language,
    /// The partner whose link the young person followed, if it carried a code in use.
    pub partner_id: Option<i64>,
    pub submission: Submission,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    New,
    /// The same form was sent before: nothing more is stored.
    Duplicate,
}

/// A response and all its answers, in one transaction: all of it is stored or none.
pub async fn insert(db: &Db, new: &NewResponse) -> Result<Stored, sqlx::Error> {
    let stored = insert_batch(&mut *db.acquire().await?, &[new]).await?;
    Ok(stored[0])
}

/// Responses in one transaction, so one synced commit covers them all, and one statement a table
/// whatever their number: every one of them is stored or none is. The outcome of each, in order;
/// a form sent twice (even twice in one batch) is stored once.
#[tracing::instrument(skip_all, fields(responses = batch.len()))]
pub async fn insert_batch(
    conn: &mut AnyConnection,
    batch: &[&NewResponse],
) -> Result<Vec<Stored>, sqlx::Error> {
    let rows_of = json_rows(conn.backend_name());
    let mut tx = conn.begin().await?;
    let claimed = claim_keys(&mut tx, rows_of, batch).await?;
    let mut seen = HashSet::new();
    let stored: Vec<Stored> = batch
        .iter()
        .map(|new| {
            let key = new.submission_key.as_str();
            if claimed.contains(key) && seen.insert(key) { Stored::New } else { Stored::Duplicate }
        })
        .collect();
    let fresh: Vec<&NewResponse> =
        batch.iter().zip(&stored).filter(|(_, s)| **s == Stored::New).map(|(n, _)| *n).collect();

    let mut responses = Vec::with_capacity(fresh.len());
    let mut answers = Vec::new();
    for (response_id, new) in new_ids(fresh.len()).into_iter().zip(fresh) {
        let d = new.submission.demographics;
        let (age_band, region) = (d.age_band.map(Choice::key), d.region.map(Choice::key));
        responses.push((
            response_id,
            new.consultation_id,
            &new.receipt_hash,
            new.submitted_hour,
            new.language.code(),
            age_band,
            region,
            d.gender.map(Choice::key),
            new.partner_id,
        ));
        let rows = new.submission.answers.iter().flat_map(rows);
        answers.extend(rows.map(|row| (response_id, new, row)));
    }
    let mut reviews = Vec::new();
    let answers: Vec<_> = new_ids(answers.len())
        .into_iter()
        .zip(answers)
        .map(|(id, (response_id, new, row))| {
            let d = new.submission.demographics;
            if row.text.is_some() {
                let (consultation, question, hour) =
                    (new.consultation_id, row.question_id, new.submitted_hour);
                reviews.push((id, response_id, consultation, question, hour, row.concern));
            }
            (
                id,
                response_id,
                row.question_id,
                row.option_id,
                row.scale_value,
                row.text,
                new.consultation_id,
                d.age_band.map(Choice::key),
                d.region.map(Choice::key),
            )
        })
        .collect();

    let insert = |into: &str, columns: &str| {
        format!("INSERT INTO {into} SELECT {columns} FROM {rows_of} WHERE true")
    };
    let sql = insert(
        "responses (id, consultation_id, receipt_hash, submitted_hour, language, age_band, \
         region, gender, partner_id)",
        "CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT), value ->> 2, \
         CAST(value ->> 3 AS BIGINT), value ->> 4, value ->> 5, value ->> 6, value ->> 7, \
         CAST(value ->> 8 AS BIGINT)",
    );
    execute_rows(&mut tx, &sql, &responses).await?;
    let sql = insert(
        "answers (id, response_id, question_id, option_id, scale_value, text, consultation_id, \
         age_band, region)",
        "CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT), CAST(value ->> 2 AS BIGINT), \
         CAST(value ->> 3 AS BIGINT), CAST(value ->> 4 AS BIGINT), value ->> 5, \
         CAST(value ->> 6 AS BIGINT), value ->> 7, value ->> 8",
    );
    execute_rows(&mut tx, &sql, &answers).await?;
    // Free text also gets its review, pending, so it enters the moderation queue with the answer.
    let sql = insert(
        "reviews (answer_id, response_id, consultation_id, question_id, submitted_hour, concern)",
        "CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT), CAST(value ->> 2 AS BIGINT), \
         CAST(value ->> 3 AS BIGINT), CAST(value ->> 4 AS BIGINT), value ->> 5",
    );
    execute_rows(&mut tx, &sql, &reviews).await?;
    tx.commit().await?;
    Ok(stored)
}

/// Rows bound as one parameter, a JSON array of arrays, read back with `value ->> n`: a batch is
/// one statement per table, prepared once, and SQLite need not look up thousands of `$n`
/// parameters by name. The one phrase the two databases spell differently.
fn json_rows(backend: &str) -> &'static str {
    if backend == "PostgreSQL" {
        "jsonb_array_elements(CAST($1 AS jsonb))"
    } else {
        "json_each($1)"
    }
}

async fn execute_rows(
    tx: &mut Transaction<'_, Any>,
    sql: &str,
    rows: &[impl serde::Serialize],
) -> Result<(), sqlx::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    sqlx::query(sql).bind(json(rows)?).execute(&mut **tx).await.map(drop)
}

fn json(rows: &[impl serde::Serialize]) -> Result<String, sqlx::Error> {
    serde_json::to_string(rows).map_err(|e| sqlx::Error::Encode(e.into()))
}

/// The keys of the batch that no earlier form used.
async fn claim_keys(
    tx: &mut Transaction<'_, Any>,
    rows_of: &str,
    batch: &[&NewResponse],
) -> Result<HashSet<String>, sqlx::Error> {
    let keys: HashSet<&str> = batch.iter().map(|n| n.submission_key.as_str()).collect();
    let keys: Vec<[&str; 1]> = keys.into_iter().map(|k| [k]).collect();
    let sql = format!(
        "INSERT INTO form_submissions (submission_key) SELECT value ->> 0 FROM {rows_of} \
         WHERE true ON CONFLICT (submission_key) DO NOTHING RETURNING submission_key"
    );
    let rows = sqlx::query(&sql).bind(json(&keys)?).fetch_all(&mut **tx).await?;
    rows.iter().map(|row| row.try_get(0)).collect()
}

/// One row of `answers`: exactly one of option, scale value and text is set.
struct AnswerRow<'a> {
    question_id: i64,
    option_id: Option<i64>,
    scale_value: Option<i64>,
    text: Option<&'a str>,
    concern: Option<&'static str>,
}

fn rows(answer: &Answer) -> Vec<AnswerRow<'_>> {
    let row = |question_id| AnswerRow {
        question_id,
        option_id: None,
        scale_value: None,
        text: None,
        concern: None,
    };
    match answer {
        Answer::Options { question_id, option_ids } => option_ids
            .iter()
            .map(|&o| AnswerRow { option_id: Some(o), ..row(*question_id) })
            .collect(),
        Answer::Scale { question_id, value } => {
            vec![AnswerRow { scale_value: Some(i64::from(*value)), ..row(*question_id) }]
        }
        Answer::Text { question_id, text, concern } => {
            vec![AnswerRow {
                text: Some(text.as_str()),
                concern: concern.map(Concern::key),
                ..row(*question_id)
            }]
        }
    }
}

/// Deletes a response and its answers; `false` when no response has this receipt.
#[tracing::instrument(skip_all)]
pub async fn delete_by_receipt(
    db: &Db,
    consultation_id: i64,
    receipt_hash: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "DELETE FROM answers WHERE response_id IN \
         (SELECT id FROM responses WHERE consultation_id = $1 AND receipt_hash = $2)",
    )
    .bind(consultation_id)
    .bind(receipt_hash)
    .execute(&mut *tx)
    .await?;
    let deleted =
        sqlx::query("DELETE FROM responses WHERE consultation_id = $1 AND receipt_hash = $2")
            .bind(consultation_id)
            .bind(receipt_hash)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    tx.commit().await?;
    Ok(deleted > 0)
}
