//! The moderation queue: claims, reviews, themes. A claim is a row update that only succeeds when
//! the answer is free (or its claim expired), so two moderators never hold the same answer, on
//! SQLite (one writer) and on PostgreSQL (the update re-checks the row it waited for) alike.

use sqlx::{Any, AnyConnection, FromRow, Transaction};

use super::{Db, audit, new_id};
use crate::domain::lifecycle::UnixTime;
use crate::domain::moderation::{
    CLAIM_SECONDS, Change, Decision, FlagFilter, QueueFilter, RejectReason, ReviewState, Status,
    answer_subject, changes, response_subject,
};
use crate::domain::safeguarding::Concern;
use crate::views::moderate::{FilterQuestion, ListedAnswer};

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
        for (column, value) in
            [("consultation_id", filter.consultation), ("question_id", filter.question)]
        {
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

/// Where a queue position is: flagged answers first, then by hour and id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub flagged: bool,
    pub hour: UnixTime,
    pub answer_id: i64,
}

/// Claims the next pending answer under the filter for `staff_id`, after `after` if given (the
/// answer skipped), else the one this moderator already holds, else the first. Returns its id.
#[tracing::instrument(skip_all)]
pub async fn claim_next(
    db: &Db,
    staff_id: i64,
    filter: &QueueFilter,
    after: Option<Position>,
    now: UnixTime,
) -> Result<Option<i64>, sqlx::Error> {
    if after.is_none()
        && let Some(held) = held_by(db, staff_id, filter, now).await?
        && claim(db, held, staff_id, now, Claimable::Pending).await?
    {
        return Ok(Some(held));
    }
    // A few candidates in queue order; another moderator may take one between our read and
    // our update, and then we try the next.
    for _ in 0..3 {
        let candidates = next_candidates(db, staff_id, filter, after, now).await?;
        if candidates.is_empty() && after.is_some() {
            // Nothing after the skipped answer: start from the top again.
            return Box::pin(claim_next(db, staff_id, filter, None, now)).await;
        }
        if candidates.is_empty() {
            return Ok(None);
        }
        for id in candidates {
            if claim(db, id, staff_id, now, Claimable::Pending).await? {
                return Ok(Some(id));
            }
        }
    }
    Ok(None)
}

async fn held_by(
    db: &Db,
    staff_id: i64,
    filter: &QueueFilter,
    now: UnixTime,
) -> Result<Option<i64>, sqlx::Error> {
    // Only by claimer (a moderator holds at most one answer): any other condition could lead the
    // planner to walk the whole pending queue instead.
    let held: Vec<(i64, i64, i64, Option<String>, String, i64)> = sqlx::query_as(
        "SELECT answer_id, consultation_id, question_id, concern, status, claim_expires_at \
         FROM reviews WHERE claimed_by = $1",
    )
    .bind(staff_id)
    .fetch_all(db)
    .await?;
    Ok(held
        .into_iter()
        .find(|(_, consultation, question, concern, status, until)| {
            status == Status::Pending.key()
                && *until > now
                && filter.admits(*consultation, *question, concern.is_some())
        })
        .map(|(id, ..)| id))
}

async fn next_candidates(
    db: &Db,
    staff_id: i64,
    filter: &QueueFilter,
    after: Option<Position>,
    now: UnixTime,
) -> Result<Vec<i64>, sqlx::Error> {
    let groups = match filter.flag {
        FlagFilter::Any => vec![FlagFilter::Flagged, FlagFilter::Unflagged],
        one => vec![one],
    };
    for group in groups {
        let flagged = group == FlagFilter::Flagged;
        let after = match after {
            // A flagged answer was skipped: the unflagged group starts from its beginning.
            Some(p) if p.flagged != flagged => {
                if !p.flagged && flagged {
                    continue;
                }
                None
            }
            other => other,
        };
        let conditions = Conditions::scope(filter, "", group);
        let n = conditions.next();
        let mut sql = format!(
            "SELECT answer_id FROM reviews WHERE {} AND status = 'pending' \
             AND (claimed_by IS NULL OR claimed_by = ${n} OR claim_expires_at <= ${})",
            conditions.sql,
            n + 1
        );
        if after.is_some() {
            sql.push_str(&format!(
                " AND (submitted_hour > ${a} OR (submitted_hour = ${a} AND answer_id > ${b}))",
                a = n + 2,
                b = n + 3
            ));
        }
        sql.push_str(" ORDER BY submitted_hour, answer_id LIMIT 4");
        let mut query = sqlx::query_scalar(&sql);
        for value in &conditions.binds {
            query = query.bind(*value);
        }
        query = query.bind(staff_id).bind(now);
        if let Some(p) = after {
            query = query.bind(p.hour).bind(p.answer_id);
        }
        let ids: Vec<i64> = query.fetch_all(db).await?;
        if !ids.is_empty() {
            return Ok(ids);
        }
    }
    Ok(Vec::new())
}

/// Which answers a claim may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claimable {
    /// From the queue: only while still pending (another moderator may have just decided it).
    Pending,
    /// Opened on purpose, to look again or change a decision.
    Any,
}

/// Claims one answer for a few minutes if it is free, expired or already this moderator's, and
/// lets go of any other answer they held. `false` when someone else holds it, it was decided
/// meanwhile (`Claimable::Pending`), or it is gone.
#[tracing::instrument(skip_all)]
pub async fn claim(
    db: &Db,
    answer_id: i64,
    staff_id: i64,
    now: UnixTime,
    claimable: Claimable,
) -> Result<bool, sqlx::Error> {
    let status = match claimable {
        Claimable::Pending => " AND status = 'pending'",
        Claimable::Any => "",
    };
    let sql = format!(
        "UPDATE reviews SET claimed_by = $1, claim_expires_at = $2 WHERE answer_id = $3 \
         AND (claimed_by IS NULL OR claimed_by = $1 OR claim_expires_at <= $4){status}"
    );
    // One transaction, so one commit (one sync to disk) for both updates.
    let mut tx = db.begin().await?;
    let claimed = sqlx::query(&sql)
        .bind(staff_id)
        .bind(now + CLAIM_SECONDS)
        .bind(answer_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 1;
    if claimed {
        sqlx::query(
            "UPDATE reviews SET claimed_by = NULL, claim_expires_at = NULL \
             WHERE claimed_by = $1 AND answer_id <> $2",
        )
        .bind(staff_id)
        .bind(answer_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(claimed)
}

/// One answer as a moderator sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub answer_id: i64,
    pub response_id: i64,
    pub consultation_id: i64,
    pub consultation_title: String,
    pub question_id: i64,
    pub prompt: String,
    pub position: Position,
    pub state: ReviewState,
    /// Who holds it and until when, if the claim has not expired.
    pub claim: Option<(i64, UnixTime)>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<UnixTime>,
    /// The whole response was rejected as spam.
    pub spam: bool,
}

#[derive(FromRow)]
struct ItemRow {
    answer_id: i64,
    response_id: i64,
    consultation_id: i64,
    consultation_title: String,
    question_id: i64,
    prompt: String,
    submitted_hour: i64,
    claimed_by: Option<i64>,
    claim_expires_at: Option<i64>,
    decided_by: Option<i64>,
    decided_at: Option<i64>,
    spam: i64,
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

#[tracing::instrument(skip_all)]
pub async fn item(db: &Db, answer_id: i64, now: UnixTime) -> Result<Option<Item>, sqlx::Error> {
    let mut conn = db.acquire().await?;
    let row: Option<ItemRow> = sqlx::query_as(
        "SELECT r.answer_id, r.response_id, r.consultation_id, c.title AS consultation_title, \
         r.question_id, q.prompt, r.submitted_hour, r.claimed_by, r.claim_expires_at, \
         r.decided_by, r.decided_at, p.spam FROM reviews r \
         JOIN questions q ON q.id = r.question_id \
         JOIN consultations c ON c.id = r.consultation_id \
         JOIN responses p ON p.id = r.response_id WHERE r.answer_id = $1",
    )
    .bind(answer_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let state = state_of(&mut conn, answer_id).await?;
    Ok(Some(Item {
        answer_id: row.answer_id,
        response_id: row.response_id,
        consultation_id: row.consultation_id,
        consultation_title: row.consultation_title,
        question_id: row.question_id,
        prompt: row.prompt,
        position: Position {
            flagged: state.concern.is_some(),
            hour: row.submitted_hour,
            answer_id: row.answer_id,
        },
        state,
        claim: row.claimed_by.zip(row.claim_expires_at).filter(|(_, until)| *until > now),
        decided_by: row.decided_by,
        decided_at: row.decided_at,
        spam: row.spam == 1,
    }))
}

/// A question's themes with how many approved answers carry each, most used first.
#[tracing::instrument(skip_all)]
pub async fn question_themes(db: &Db, question_id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.name, COUNT(r.answer_id) FROM themes t \
         LEFT JOIN answer_themes x ON x.theme_id = t.id \
         LEFT JOIN reviews r ON r.answer_id = x.answer_id AND r.status = 'approved' \
         WHERE t.question_id = $1 GROUP BY t.id, t.name ORDER BY COUNT(r.answer_id) DESC, t.name",
    )
    .bind(question_id)
    .fetch_all(db)
    .await
}

/// Every theme of a consultation's questions as (question id, name), by name.
#[tracing::instrument(skip_all)]
pub async fn consultation_themes(
    db: &Db,
    consultation_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.question_id, t.name FROM themes t JOIN questions q ON q.id = t.question_id \
         WHERE q.consultation_id = $1 ORDER BY t.name",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await
}

#[derive(Debug, PartialEq, Eq)]
pub enum Applied {
    Done(Vec<Change>),
    /// Another moderator holds the answer.
    Taken,
    NotFound,
}

/// Applies a review in one transaction: the answer, its themes, its response when it is spam,
/// and one audit entry per change. The moderator must hold the claim (or it must be free), and
/// it is released. A redaction overwrites the text: no copy of the original is kept.
#[tracing::instrument(skip_all)]
pub async fn apply(
    db: &Db,
    answer_id: i64,
    staff_id: i64,
    decision: Decision,
    after: &ReviewState,
    now: UnixTime,
) -> Result<Applied, sqlx::Error> {
    let mut tx = db.begin().await?;
    // Writing first takes SQLite's write lock at once (and PostgreSQL's row lock).
    let held = sqlx::query(
        "UPDATE reviews SET claimed_by = NULL, claim_expires_at = NULL WHERE answer_id = $1 \
         AND (claimed_by IS NULL OR claimed_by = $2 OR claim_expires_at <= $3)",
    )
    .bind(answer_id)
    .bind(staff_id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !held {
        tx.rollback().await?;
        let exists = item(db, answer_id, now).await?.is_some();
        return Ok(if exists { Applied::Taken } else { Applied::NotFound });
    }
    let before = state_of(&mut tx, answer_id).await?;
    let (response_id, question_id): (i64, i64) =
        sqlx::query_as("SELECT response_id, question_id FROM reviews WHERE answer_id = $1")
            .bind(answer_id)
            .fetch_one(&mut *tx)
            .await?;
    let changes = changes(&before, decision, after);

    if before.text != after.text {
        sqlx::query("UPDATE answers SET text = $1 WHERE id = $2")
            .bind(&after.text)
            .bind(answer_id)
            .execute(&mut *tx)
            .await?;
    }
    let decided = decision != Decision::Save;
    sqlx::query(
        "UPDATE reviews SET status = $1, reason = $2, concern = $3, quote = $4, \
         decided_by = CASE WHEN $5 = 1 THEN $6 ELSE decided_by END, \
         decided_at = CASE WHEN $5 = 1 THEN $7 ELSE decided_at END WHERE answer_id = $8",
    )
    .bind(after.status.key())
    .bind(after.reason.map(RejectReason::key))
    .bind(after.concern.map(Concern::key))
    .bind(i64::from(after.quote))
    .bind(i64::from(decided))
    .bind(staff_id)
    .bind(now)
    .bind(answer_id)
    .execute(&mut *tx)
    .await?;
    for change in &changes {
        match change {
            Change::Tagged(name) => set_tag(&mut tx, answer_id, question_id, name, true).await?,
            Change::Untagged(name) => set_tag(&mut tx, answer_id, question_id, name, false).await?,
            _ => {}
        }
    }
    let mut subject = answer_subject(answer_id);
    match decision {
        Decision::SpamResponse => {
            reject_response(&mut tx, response_id, staff_id, now).await?;
            subject = response_subject(response_id, answer_id);
        }
        // Approving an answer of a response rejected as spam takes the response back.
        Decision::Approve => {
            let restored = sqlx::query("UPDATE responses SET spam = 0 WHERE id = $1 AND spam = 1")
                .bind(response_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if restored == 1 {
                let subject = response_subject(response_id, answer_id);
                let action = "took response back from spam";
                audit::append(&mut *tx, now, Some(staff_id), action, &subject, "").await?;
            }
        }
        _ => {}
    }
    for change in &changes {
        let (action, detail) = change.audit();
        audit::append(&mut *tx, now, Some(staff_id), action, &subject, &detail).await?;
    }
    tx.commit().await?;
    if changes.contains(&Change::Redacted) {
        super::forget_overwritten(db).await;
    }
    Ok(Applied::Done(changes))
}

/// The answer's text and review with its themes (sorted, as the domain compares them).
async fn state_of(conn: &mut AnyConnection, answer_id: i64) -> Result<ReviewState, sqlx::Error> {
    let (text, status, reason, concern, quote): (
        String,
        String,
        Option<String>,
        Option<String>,
        i64,
    ) = sqlx::query_as(
        "SELECT a.text, r.status, r.reason, r.concern, r.quote FROM reviews r \
             JOIN answers a ON a.id = r.answer_id WHERE r.answer_id = $1",
    )
    .bind(answer_id)
    .fetch_one(&mut *conn)
    .await?;
    let mut themes: Vec<String> = sqlx::query_scalar(
        "SELECT t.name FROM answer_themes x JOIN themes t ON t.id = x.theme_id \
         WHERE x.answer_id = $1",
    )
    .bind(answer_id)
    .fetch_all(&mut *conn)
    .await?;
    themes.sort_by_key(|n| n.to_lowercase());
    Ok(ReviewState {
        text,
        status: Status::parse(&status).ok_or_else(|| invalid("status"))?,
        reason: parsed("reason", reason.as_deref(), RejectReason::parse)?,
        concern: parsed("concern", concern.as_deref(), Concern::parse)?,
        quote: quote == 1,
        themes,
    })
}

/// The question's theme with this name (ignoring case), made if new.
async fn theme_id(
    tx: &mut Transaction<'_, Any>,
    question_id: i64,
    name: &str,
) -> Result<i64, sqlx::Error> {
    let existing: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM themes WHERE question_id = $1")
            .bind(question_id)
            .fetch_all(&mut **tx)
            .await?;
    if let Some((id, _)) = existing.iter().find(|(_, n)| n.to_lowercase() == name.to_lowercase()) {
        return Ok(*id);
    }
    let id = new_id();
    sqlx::query("INSERT INTO themes (id, question_id, name) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(question_id)
        .bind(name)
        .execute(&mut **tx)
        .await?;
    Ok(id)
}

/// Tags the answer with the named theme (made if new), or takes the tag off.
async fn set_tag(
    tx: &mut Transaction<'_, Any>,
    answer_id: i64,
    question_id: i64,
    name: &str,
    tagged: bool,
) -> Result<(), sqlx::Error> {
    let theme = theme_id(tx, question_id, name).await?;
    let sql = if tagged {
        "INSERT INTO answer_themes (answer_id, theme_id) VALUES ($1, $2) \
         ON CONFLICT (answer_id, theme_id) DO NOTHING"
    } else {
        "DELETE FROM answer_themes WHERE answer_id = $1 AND theme_id = $2"
    };
    sqlx::query(sql).bind(answer_id).bind(theme).execute(&mut **tx).await.map(drop)
}

/// The response stops counting; all its free-text answers are rejected as spam and let go.
async fn reject_response(
    tx: &mut Transaction<'_, Any>,
    response_id: i64,
    staff_id: i64,
    now: UnixTime,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE responses SET spam = 1 WHERE id = $1")
        .bind(response_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "UPDATE reviews SET status = 'rejected', reason = 'spam', quote = 0, claimed_by = NULL, \
         claim_expires_at = NULL, decided_by = $1, decided_at = $2 WHERE response_id = $3",
    )
    .bind(staff_id)
    .bind(now)
    .bind(response_id)
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// The answer this moderator decided before `current` (their latest when `current` is not one
/// of theirs), for "previous".
#[tracing::instrument(skip_all)]
pub async fn previous(
    db: &Db,
    staff_id: i64,
    current: Option<&Item>,
) -> Result<Option<i64>, sqlx::Error> {
    match current.and_then(|c| {
        c.decided_at.filter(|_| c.decided_by == Some(staff_id)).map(|at| (at, c.answer_id))
    }) {
        Some((at, id)) => {
            sqlx::query_scalar(
                "SELECT answer_id FROM reviews WHERE decided_by = $1 \
                 AND (decided_at < $2 OR (decided_at = $2 AND answer_id < $3)) \
                 ORDER BY decided_at DESC, answer_id DESC LIMIT 1",
            )
            .bind(staff_id)
            .bind(at)
            .bind(id)
            .fetch_optional(db)
            .await
        }
        None => {
            sqlx::query_scalar(
                "SELECT answer_id FROM reviews WHERE decided_by = $1 \
                 ORDER BY decided_at DESC, answer_id DESC LIMIT 1",
            )
            .bind(staff_id)
            .fetch_optional(db)
            .await
        }
    }
}

#[derive(FromRow)]
struct ListedRow {
    answer_id: i64,
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
    let rows: Vec<(i64, String, i64, String)> = sqlx::query_as(
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
