use sqlx::{Any, Transaction};

use super::{Db, new_id};
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
    pub submission: Submission,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Stored {
    New,
    /// The same form was sent before: nothing more is stored.
    Duplicate,
}

/// A response and all its answers, in one transaction: all of it is stored or none.
#[tracing::instrument(skip_all)]
pub async fn insert(db: &Db, new: &NewResponse) -> Result<Stored, sqlx::Error> {
    let mut tx = db.begin().await?;
    let stored = insert_in(&mut tx, new).await?;
    tx.commit().await?;
    Ok(stored)
}

/// Several responses in one transaction, so one synced commit covers them all: every one is
/// stored or none is.
#[tracing::instrument(skip_all, fields(responses = batch.len()))]
pub async fn insert_batch(
    db: &Db,
    batch: impl ExactSizeIterator<Item = &NewResponse>,
) -> Result<Vec<Stored>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let mut stored = Vec::with_capacity(batch.len());
    for new in batch {
        stored.push(insert_in(&mut tx, new).await?);
    }
    tx.commit().await?;
    Ok(stored)
}

/// The form's key first: a form sent twice (even twice in one batch) is stored once.
async fn insert_in(
    tx: &mut Transaction<'_, Any>,
    new: &NewResponse,
) -> Result<Stored, sqlx::Error> {
    let claimed = sqlx::query(
        "INSERT INTO form_submissions (submission_key) VALUES ($1) \
         ON CONFLICT (submission_key) DO NOTHING",
    )
    .bind(&new.submission_key)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Ok(Stored::Duplicate);
    }

    let response_id = new_id();
    let d = new.submission.demographics;
    sqlx::query(
        "INSERT INTO responses (id, consultation_id, receipt_hash, submitted_hour, language, \
         age_band, region, gender) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(response_id)
    .bind(new.consultation_id)
    .bind(&new.receipt_hash)
    .bind(new.submitted_hour)
    .bind(new.language.code())
    .bind(d.age_band.map(Choice::key))
    .bind(d.region.map(Choice::key))
    .bind(d.gender.map(Choice::key))
    .execute(&mut **tx)
    .await?;

    for answer in &new.submission.answers {
        insert_answer(tx, new, response_id, answer).await?;
    }
    Ok(Stored::New)
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

/// Free text also gets its review, pending, so it enters the moderation queue with the answer.
async fn insert_answer(
    tx: &mut Transaction<'_, Any>,
    new: &NewResponse,
    response_id: i64,
    answer: &Answer,
) -> Result<(), sqlx::Error> {
    for row in rows(answer) {
        let answer_id = new_id();
        sqlx::query(
            "INSERT INTO answers (id, response_id, question_id, option_id, scale_value, text, \
             consultation_id, age_band, region) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(answer_id)
        .bind(response_id)
        .bind(row.question_id)
        .bind(row.option_id)
        .bind(row.scale_value)
        .bind(row.text)
        .bind(new.consultation_id)
        .bind(new.submission.demographics.age_band.map(Choice::key))
        .bind(new.submission.demographics.region.map(Choice::key))
        .execute(&mut **tx)
        .await?;
        if row.text.is_some() {
            sqlx::query(
                "INSERT INTO reviews (answer_id, response_id, consultation_id, question_id, \
                 submitted_hour, concern) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(answer_id)
            .bind(response_id)
            .bind(new.consultation_id)
            .bind(row.question_id)
            .bind(new.submitted_hour)
            .bind(row.concern)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
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
