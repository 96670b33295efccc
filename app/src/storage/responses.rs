use serde::{Deserialize, Serialize};
use sqlx::{Any, AnyConnection, Row, Transaction};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use super::near_copies::{self, Bands};
use super::{Db, begin_write, new_ids};
use crate::domain::demographics::Choice;
use crate::domain::ids::{AnswerId, PartnerId, QuestionId};
use crate::domain::integrity::near_copy::Signature;
use crate::domain::integrity::{Hold, HoldReason, HoldReasons};
use crate::domain::language::Language;
use crate::domain::lifecycle::UnixTime;
use crate::domain::safeguarding::Flag;
use crate::domain::submission::{Answer, Submission};
use crate::domain::themes::vector;

/// Owned, so it can wait in the group-commit queue (`storage::group_commit`).
#[derive(Clone, Debug)]
pub struct NewResponse {
    pub consultation_id: i64,
    /// Derived from the form's nonce: a resent form has the same one.
    pub receipt_hash: String,
    pub submitted_hour: UnixTime,
    /// When it arrived: only for telling a campaign of copies from people (never stored).
    pub arrived_at: UnixTime,
    pub language: Language,
    /// The partner whose link the young person followed, if it carried a code in use.
    pub partner_id: Option<PartnerId>,
    pub submission: Submission,
    /// Set when the door doubted it: stored, but counted nowhere until a moderator decides.
    pub held: Option<Held>,
    /// Its rank among its source's flagged responses (`services::integrity::Judged`).
    pub flag_rank: u32,
    /// Its free text that no rule flagged is still to be read for meaning (the reader was busy,
    /// `services::reading`); a flag found then takes `flag_rank`.
    pub awaiting_meaning: bool,
    /// Its free-text answers' sentence embeddings, in order, when read before it was stored.
    pub vectors: Vec<Vec<f32>>,
    /// The MinHash signature of its free text: a near-copy of a stored text is held too.
    pub text: Option<Signature>,
}

/// Why a response is held, and the group a moderator decides on with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Held {
    pub reasons: HoldReasons,
    pub group: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// Stored and counted.
    Counted,
    /// Stored and held for moderators (the door's signals, or a near copy of others).
    Held,
    /// The same form was sent before (or withdrawn): nothing more is stored.
    Duplicate,
}

/// One option or scale value a response chose, as `responses.choices` keeps it:
/// `[question_id, option_id, scale_value]`, one of the last two null.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(super) struct Chosen(pub QuestionId, pub Option<i64>, pub Option<i64>);

/// A cell of `choice_counts`: a choice, with the age band and region of whoever made it.
pub(super) type Cell = (Chosen, Option<String>, Option<String>);

/// The cells a response's choices count in.
pub(super) fn cells(
    age_band: Option<String>,
    region: Option<String>,
    choices: &str,
) -> Result<Vec<Cell>, sqlx::Error> {
    let choices: Vec<Chosen> =
        serde_json::from_str(choices).map_err(|e| sqlx::Error::Decode(e.into()))?;
    Ok(choices.into_iter().map(|c| (c, age_band.clone(), region.clone())).collect())
}

/// A response and all its answers, in one transaction: all of it is stored or none.
pub async fn insert(db: &Db, bands: &Bands, new: &NewResponse) -> Result<Stored, sqlx::Error> {
    let stored = insert_batch(&mut *db.acquire().await?, bands, &[new]).await?;
    Ok(stored[0])
}

/// Responses in one transaction, so one synced commit covers them all, and one statement a table
/// whatever their number: every one of them is stored or none is. The outcome of each, in order;
/// a form sent twice (even twice in one batch) is stored once.
#[tracing::instrument(skip_all, fields(responses = batch.len()))]
pub async fn insert_batch(
    conn: &mut AnyConnection,
    bands: &Bands,
    batch: &[&NewResponse],
) -> Result<Vec<Stored>, sqlx::Error> {
    let rows_of = json_rows(conn.backend_name());
    // A form sent twice in one batch is offered to the database once.
    let mut seen = HashSet::new();
    let offered: Vec<&NewResponse> =
        batch.iter().copied().filter(|n| seen.insert(n.receipt_hash.as_str())).collect();
    let offered: Vec<(i64, &NewResponse)> =
        new_ids(offered.len()).into_iter().zip(offered).collect();

    let mut tx = super::begin_write_on(conn).await?;
    let copies = near_copies::copy_groups(&mut tx, rows_of, bands, &offered).await?;
    let offered: Vec<(i64, Cow<NewResponse>)> = offered
        .into_iter()
        .zip(copies)
        .map(|((id, new), copy)| {
            let campaign = copy.is_some_and(|group| bands.campaign(id, group, new.arrived_at));
            (id, held_if_copy(new, copy, campaign))
        })
        .collect();
    let offered: Vec<(i64, &NewResponse)> =
        offered.iter().map(|(id, n)| (*id, n.as_ref())).collect();
    let held: HashSet<&str> = offered
        .iter()
        .filter(|(_, n)| n.held.is_some())
        .map(|(_, n)| n.receipt_hash.as_str())
        .collect();
    let stored = insert_responses(&mut tx, rows_of, &offered).await?;
    let fresh: Vec<(i64, &NewResponse)> =
        offered.into_iter().filter(|(_, n)| stored.contains(&n.receipt_hash)).collect();
    insert_texts(&mut tx, rows_of, &fresh).await?;
    near_copies::insert(&mut tx, rows_of, &fresh).await?;
    // A held response counts nowhere until its group is released.
    let cells = fresh.iter().filter(|(_, n)| n.held.is_none()).flat_map(|(_, new)| {
        let d = new.submission.demographics;
        let (age_band, region) = (d.age_band.map(Choice::key), d.region.map(Choice::key));
        chosen(&new.submission)
            .map(move |c| (c, age_band.map(str::to_owned), region.map(str::to_owned)))
    });
    count_in(&mut tx, rows_of, cells).await?;
    tx.commit().await?;

    let mut first = HashSet::new();
    Ok(batch
        .iter()
        .map(|new| {
            let hash = new.receipt_hash.as_str();
            if !(stored.contains(hash) && first.insert(hash)) {
                Stored::Duplicate
            } else if held.contains(hash) {
                Stored::Held
            } else {
                Stored::Counted
            }
        })
        .collect())
}

/// A near-copy held already (a burst, too fast) has that reason too and stays in its address's
/// group. Otherwise it is held only in a `campaign` (its copy group growing faster than people
/// write), in the copy group, so a campaign from many addresses is one decision; a copy alone
/// counts, as two young people may write the same sentence.
fn held_if_copy(
    new: &NewResponse,
    copy_group: Option<i64>,
    campaign: bool,
) -> Cow<'_, NewResponse> {
    let held = match (copy_group, new.held) {
        (Some(_), Some(Held { reasons, group })) => {
            Held { reasons: reasons.with(HoldReason::Duplicate), group }
        }
        (Some(copy_group), None) if campaign => {
            Held { reasons: HoldReasons::default().with(HoldReason::Duplicate), group: copy_group }
        }
        _ => return Cow::Borrowed(new),
    };
    Cow::Owned(NewResponse { held: Some(held), ..new.clone() })
}

/// The receipts of the responses stored: not one sent before, nor one withdrawn.
async fn insert_responses(
    tx: &mut Transaction<'_, Any>,
    rows_of: &str,
    offered: &[(i64, &NewResponse)],
) -> Result<HashSet<String>, sqlx::Error> {
    let mut rows = Vec::with_capacity(offered.len());
    for (id, new) in offered {
        let d = new.submission.demographics;
        let choices: Vec<Chosen> = chosen(&new.submission).collect();
        rows.push((
            id,
            new.consultation_id,
            &new.receipt_hash,
            new.submitted_hour,
            new.language.code(),
            d.age_band.map(Choice::key),
            d.region.map(Choice::key),
            d.gender.map(Choice::key),
            new.partner_id,
            json(&choices)?,
            new.held.map(|_| Hold::Held.key()),
            new.held.map_or(0, |h| h.reasons.bits()),
            new.held.map(|h| h.group),
        ));
    }
    let sql = format!(
        "INSERT INTO responses (id, consultation_id, receipt_hash, submitted_hour, language, \
         age_band, region, gender, partner_id, choices, hold, hold_reasons, hold_group) \
         SELECT CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT), value ->> 2, \
         CAST(value ->> 3 AS BIGINT), value ->> 4, value ->> 5, value ->> 6, value ->> 7, \
         CAST(value ->> 8 AS BIGINT), value ->> 9, value ->> 10, CAST(value ->> 11 AS BIGINT), \
         CAST(value ->> 12 AS BIGINT) FROM {rows_of} \
         WHERE NOT EXISTS (SELECT 1 FROM withdrawn_receipts w WHERE w.receipt_hash = value ->> 2) \
         ON CONFLICT (receipt_hash) DO NOTHING RETURNING receipt_hash"
    );
    let rows = sqlx::query(&sql).bind(json(&rows)?).fetch_all(&mut **tx).await?;
    rows.iter().map(|row| row.try_get(0)).collect()
}

/// Free text goes to `answers`, each with its review, pending, so it enters the moderation queue
/// with the answer. A held response's text waits for its group's release instead, but for flagged
/// text: a disclosure is read whatever happens to the response (its review is marked held).
async fn insert_texts(
    tx: &mut Transaction<'_, Any>,
    rows_of: &str,
    fresh: &[(i64, &NewResponse)],
) -> Result<(), sqlx::Error> {
    let texts: Vec<TextRow> = fresh
        .iter()
        .flat_map(|(response_id, new)| {
            let vectors = new.vectors.iter().map(|v| Some(v.as_slice()));
            let texts = new.submission.answers.iter().filter_map(|answer| match answer {
                Answer::Text { question_id, text, flag } => Some((*question_id, text, flag)),
                _ => None,
            });
            texts.zip(vectors.chain(std::iter::repeat(None))).map(
                move |((question_id, text, flag), vector)| TextRow {
                    response_id: *response_id,
                    new,
                    question_id,
                    text: text.as_str(),
                    flag: flag.as_ref(),
                    vector,
                },
            )
        })
        .collect();
    let mut answers = Vec::with_capacity(texts.len());
    let mut reviews = Vec::with_capacity(texts.len());
    let mut vectors = Vec::new();
    for (id, t) in new_ids(texts.len()).into_iter().zip(texts) {
        let TextRow { response_id, new, question_id, text, flag, vector } = t;
        if let Some(vector) = vector {
            vectors.push((AnswerId(id), vector));
        }
        let consultation_id = new.consultation_id;
        let awaiting = (new.awaiting_meaning && flag.is_none()).then_some(new.flag_rank);
        answers.push((id, response_id, question_id, text, consultation_id, awaiting));
        if new.held.is_none() || flag.is_some() {
            reviews.push(ReviewRow {
                answer_id: AnswerId(id),
                response_id,
                consultation_id,
                question_id,
                submitted_hour: new.submitted_hour,
                flag,
                held: new.held.is_some(),
                flag_rank: new.flag_rank,
            });
        }
    }
    let sql = format!(
        "INSERT INTO answers (id, response_id, question_id, text, consultation_id, \
         awaiting_meaning) \
         SELECT CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT), \
         CAST(value ->> 2 AS BIGINT), value ->> 3, CAST(value ->> 4 AS BIGINT), \
         CAST(value ->> 5 AS BIGINT) FROM {rows_of} WHERE true"
    );
    execute_rows(tx, &sql, &answers).await?;
    insert_vectors(tx, &vectors).await?;
    insert_reviews(tx, rows_of, &reviews).await
}

/// Answers' sentence embeddings, packed (`domain::themes::vector`); empty ones are skipped.
pub(super) async fn insert_vectors(
    tx: &mut Transaction<'_, Any>,
    vectors: &[(AnswerId, &[f32])],
) -> Result<(), sqlx::Error> {
    for (answer_id, vector) in vectors.iter().filter(|(_, v)| !v.is_empty()) {
        sqlx::query("INSERT INTO answer_vectors (answer_id, vector) VALUES ($1, $2)")
            .bind(answer_id)
            .bind(vector::pack(vector))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A free-text answer of a response being stored.
struct TextRow<'a> {
    response_id: i64,
    new: &'a NewResponse,
    question_id: QuestionId,
    text: &'a str,
    flag: Option<&'a Flag>,
    /// Its sentence embedding, if it was read before being stored.
    vector: Option<&'a [f32]>,
}

/// A free-text answer's review, pending: the answer enters the moderation queue.
#[derive(Clone, Copy, Debug)]
pub(super) struct ReviewRow<'a> {
    pub answer_id: AnswerId,
    pub response_id: i64,
    pub consultation_id: i64,
    pub question_id: QuestionId,
    pub submitted_hour: UnixTime,
    /// What the safeguarding detector found in it.
    pub flag: Option<&'a Flag>,
    /// Its response is held: read, but counted nowhere until released.
    pub held: bool,
    pub flag_rank: u32,
}

pub(super) async fn insert_reviews(
    tx: &mut Transaction<'_, Any>,
    rows_of: &str,
    reviews: &[ReviewRow<'_>],
) -> Result<(), sqlx::Error> {
    let mut rows = Vec::with_capacity(reviews.len());
    for r in reviews {
        let why = r.flag.map(|f| serde_json::to_string(&f.why)).transpose();
        rows.push((
            r.answer_id,
            r.response_id,
            r.consultation_id,
            r.question_id,
            r.submitted_hour,
            r.flag.map(|f| f.concern.key()),
            i64::from(r.held),
            r.flag_rank,
            why.map_err(|e| sqlx::Error::Encode(e.into()))?,
        ));
    }
    let sql = format!(
        "INSERT INTO reviews (answer_id, response_id, consultation_id, question_id, \
         submitted_hour, concern, held, flag_rank, flag_why) \
         SELECT CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT), \
         CAST(value ->> 2 AS BIGINT), CAST(value ->> 3 AS BIGINT), CAST(value ->> 4 AS BIGINT), \
         value ->> 5, CAST(value ->> 6 AS BIGINT), CAST(value ->> 7 AS BIGINT), value ->> 8 \
         FROM {rows_of} WHERE true"
    );
    execute_rows(tx, &sql, &rows).await
}

/// Adds each cell once per time it appears. The cells go in one order, so two writers (several
/// instances on PostgreSQL) take their row locks in that order and never wait on each other in a
/// circle.
pub(super) async fn count_in(
    tx: &mut Transaction<'_, Any>,
    rows_of: &str,
    cells: impl Iterator<Item = Cell>,
) -> Result<(), sqlx::Error> {
    let rows: Vec<_> = tally(cells)
        .into_iter()
        .map(|((Chosen(question, option, scale), age_band, region), n)| {
            (question, option, scale, age_band, region, n)
        })
        .collect();
    let sql = format!(
        "INSERT INTO choice_counts (question_id, option_id, scale_value, age_band, region, n) \
         SELECT CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT), \
         CAST(value ->> 2 AS BIGINT), value ->> 3, value ->> 4, CAST(value ->> 5 AS BIGINT) \
         FROM {rows_of} WHERE true \
         ON CONFLICT (question_id, COALESCE(option_id, 0), COALESCE(scale_value, 0), \
         COALESCE(age_band, ''), COALESCE(region, '')) \
         DO UPDATE SET n = choice_counts.n + excluded.n"
    );
    execute_rows(tx, &sql, &rows).await
}

/// Takes a withdrawn response's cells back out, one by one in the same order as [`count_in`]
/// (a count cannot go below zero, so an insert, even one that would update, is refused).
async fn count_out(
    tx: &mut Transaction<'_, Any>,
    cells: impl Iterator<Item = Cell>,
) -> Result<(), sqlx::Error> {
    for ((Chosen(question, option, scale), age_band, region), n) in tally(cells) {
        sqlx::query(
            "UPDATE choice_counts SET n = n - $1 WHERE question_id = $2 \
             AND COALESCE(option_id, 0) = COALESCE($3, 0) \
             AND COALESCE(scale_value, 0) = COALESCE($4, 0) \
             AND COALESCE(age_band, '') = COALESCE($5, '') AND COALESCE(region, '') = COALESCE($6, '')",
        )
        .bind(n)
        .bind(question)
        .bind(option)
        .bind(scale)
        .bind(age_band)
        .bind(region)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// How many times each cell appears, in order.
fn tally(cells: impl Iterator<Item = Cell>) -> BTreeMap<Cell, i64> {
    let mut counts = BTreeMap::new();
    for cell in cells {
        *counts.entry(cell).or_default() += 1;
    }
    counts
}

/// The options and scale values of a submission.
pub(super) fn chosen(submission: &Submission) -> impl Iterator<Item = Chosen> + '_ {
    submission.answers.iter().flat_map(|answer| match answer {
        Answer::Options { question_id, option_ids } => {
            option_ids.iter().map(|&o| Chosen(*question_id, Some(o), None)).collect()
        }
        Answer::Scale { question_id, value } => {
            vec![Chosen(*question_id, None, Some(i64::from(*value)))]
        }
        Answer::Text { .. } => Vec::new(),
    })
}

/// Rows bound as one parameter, a JSON array of arrays, read back with `value ->> n`: a batch is
/// one statement per table, prepared once, and SQLite need not look up thousands of `$n`
/// parameters by name. The one phrase the two databases spell differently.
pub(super) fn json_rows(backend: &str) -> &'static str {
    if backend == "PostgreSQL" {
        "jsonb_array_elements(CAST($1 AS jsonb))"
    } else {
        "json_each($1)"
    }
}

pub(super) async fn execute_rows(
    tx: &mut Transaction<'_, Any>,
    sql: &str,
    rows: &[impl Serialize],
) -> Result<(), sqlx::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    sqlx::query(sql).bind(json(rows)?).execute(&mut **tx).await.map(drop)
}

pub(super) fn json(rows: &[impl Serialize]) -> Result<String, sqlx::Error> {
    serde_json::to_string(rows).map_err(|e| sqlx::Error::Encode(e.into()))
}

#[derive(sqlx::FromRow)]
struct Withdrawn {
    age_band: Option<String>,
    region: Option<String>,
    choices: String,
    hold: Option<String>,
}

/// Deletes a response and its answers, takes its choices out of the counts and remembers the
/// receipt, so the same form sent again is not stored again; `false` when no response has it.
#[tracing::instrument(skip_all)]
pub async fn delete_by_receipt(
    db: &Db,
    consultation_id: i64,
    receipt_hash: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    // One statement, so of two withdrawals at once only one finds the response to take back.
    let deleted: Option<Withdrawn> = sqlx::query_as(
        "DELETE FROM responses WHERE consultation_id = $1 AND receipt_hash = $2 \
         RETURNING age_band, region, choices, hold",
    )
    .bind(consultation_id)
    .bind(receipt_hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(w) = deleted else {
        return Ok(false);
    };
    // A held response's choices were never counted (until its group was released).
    if matches!(w.hold.as_deref().and_then(Hold::parse), None | Some(Hold::Released)) {
        count_out(&mut tx, cells(w.age_band, w.region, &w.choices)?.into_iter()).await?;
    }
    sqlx::query("INSERT INTO withdrawn_receipts (receipt_hash) VALUES ($1)")
        .bind(receipt_hash)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}
