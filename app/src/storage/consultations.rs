use std::collections::BTreeMap;

use sqlx::{Any, FromRow, Transaction};

use super::{Db, begin_write, new_id};
use crate::domain::authoring::ConsultationSettings;
use crate::domain::consultation::{Consultation, Meeting};
use crate::domain::follow_up::{FollowUp, Told};
use crate::domain::ids::{ConsultationId, QuestionId};
use crate::domain::language::Language;
use crate::domain::lifecycle::{Schedule, UnixTime, Window};
use crate::domain::question::{AnswerOption, Question, QuestionKind};

const COLUMNS: &str = "id, slug, title, description, meeting_name, meeting_date, language, \
                       opens_at, closes_at, grace_minutes, min_cell_size, retention_days, \
                       published_at, purged_at, follow_up_received, follow_up_decided, \
                       follow_up_not_taken, follow_up_next, follow_up_at";

#[derive(FromRow)]
struct ConsultationRow {
    id: i64,
    slug: String,
    title: String,
    description: String,
    meeting_name: String,
    meeting_date: String,
    language: String,
    opens_at: Option<i64>,
    closes_at: Option<i64>,
    grace_minutes: i64,
    min_cell_size: i64,
    retention_days: i64,
    published_at: Option<i64>,
    purged_at: Option<i64>,
    follow_up_received: Option<String>,
    follow_up_decided: Option<String>,
    follow_up_not_taken: Option<String>,
    follow_up_next: Option<String>,
    follow_up_at: Option<i64>,
}

impl From<ConsultationRow> for Consultation {
    fn from(r: ConsultationRow) -> Self {
        let parts = [
            (Told::Received, r.follow_up_received),
            (Told::Decided, r.follow_up_decided),
            (Told::NotTaken, r.follow_up_not_taken),
            (Told::Next, r.follow_up_next),
        ];
        let parts = parts.into_iter().filter_map(|(told, text)| Some((told, text?))).collect();
        let window =
            r.opens_at.zip(r.closes_at).map(|(opens_at, closes_at)| Window { opens_at, closes_at });
        Self {
            id: r.id,
            slug: r.slug,
            title: r.title,
            description: r.description,
            meeting: Meeting { name: r.meeting_name, date: r.meeting_date },
            // A CHECK constraint keeps other values out.
            language: Language::parse(&r.language).unwrap_or_default(),
            schedule: Schedule {
                window,
                grace_secs: r.grace_minutes * 60,
                published_at: r.published_at,
                purged_at: r.purged_at,
            },
            min_cell_size: r.min_cell_size,
            retention_days: r.retention_days,
            follow_up: r.follow_up_at.map(|written_at| FollowUp { parts, written_at }),
        }
    }
}

#[tracing::instrument(skip_all)]
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Consultation>, sqlx::Error> {
    // An address no consultation can have is not looked up (PostgreSQL refuses a NUL in text).
    if !crate::domain::authoring::is_slug(slug) {
        return Ok(None);
    }
    let sql = format!("SELECT {COLUMNS} FROM consultations WHERE slug = $1");
    let row: Option<ConsultationRow> = sqlx::query_as(&sql).bind(slug).fetch_optional(db).await?;
    Ok(row.map(Into::into))
}

#[tracing::instrument(skip_all)]
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Consultation>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM consultations WHERE id = $1");
    let row: Option<ConsultationRow> = sqlx::query_as(&sql).bind(id).fetch_optional(db).await?;
    Ok(row.map(Into::into))
}

/// Open and upcoming consultations, soonest closing first.
#[tracing::instrument(skip_all)]
pub async fn open_or_upcoming(db: &Db, now: UnixTime) -> Result<Vec<Consultation>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM consultations \
         WHERE closes_at > $1 AND published_at IS NULL AND purged_at IS NULL \
         ORDER BY opens_at, closes_at"
    );
    let rows: Vec<ConsultationRow> = sqlx::query_as(&sql).bind(now).fetch_all(db).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// All consultations, newest window first (drafts last).
#[tracing::instrument(skip_all)]
pub async fn all(db: &Db) -> Result<Vec<Consultation>, sqlx::Error> {
    let sql =
        format!("SELECT {COLUMNS} FROM consultations ORDER BY opens_at DESC, created_at DESC");
    let rows: Vec<ConsultationRow> = sqlx::query_as(&sql).fetch_all(db).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

#[derive(FromRow)]
struct QuestionRow {
    id: QuestionId,
    kind: String,
    prompt: String,
    required: i64,
    max_chars: Option<i64>,
    low_label: Option<String>,
    high_label: Option<String>,
}

#[derive(FromRow)]
struct OptionRow {
    id: i64,
    question_id: QuestionId,
    label: String,
}

#[tracing::instrument(skip_all)]
pub async fn questions(db: &Db, consultation_id: i64) -> Result<Vec<Question>, sqlx::Error> {
    let rows: Vec<QuestionRow> = sqlx::query_as(
        "SELECT id, kind, prompt, required, max_chars, low_label, high_label \
         FROM questions WHERE consultation_id = $1 ORDER BY position",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    let options: Vec<OptionRow> = sqlx::query_as(
        "SELECT o.id, o.question_id, o.label FROM question_options o \
         JOIN questions q ON q.id = o.question_id \
         WHERE q.consultation_id = $1 ORDER BY o.question_id, o.position",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await?;

    rows.into_iter()
        .map(|row| {
            let options_of = || {
                options
                    .iter()
                    .filter(|o| o.question_id == row.id)
                    .map(|o| AnswerOption { id: o.id, label: o.label.clone() })
                    .collect()
            };
            let kind = match row.kind.as_str() {
                "single_choice" => QuestionKind::SingleChoice { options: options_of() },
                "multiple_choice" => QuestionKind::MultipleChoice { options: options_of() },
                "scale" => QuestionKind::Scale {
                    low_label: row.low_label.unwrap_or_default(),
                    high_label: row.high_label.unwrap_or_default(),
                },
                "free_text" => QuestionKind::FreeText {
                    max_chars: row.max_chars.unwrap_or(1000).try_into().unwrap_or(1000),
                },
                other => {
                    return Err(sqlx::Error::Decode(
                        format!("unknown question kind {other}").into(),
                    ));
                }
            };
            Ok(Question { id: row.id, prompt: row.prompt, required: row.required != 0, kind })
        })
        .collect()
}

/// Adds a question after the last one.
#[tracing::instrument(skip_all)]
pub async fn add_question(
    db: &Db,
    consultation_id: ConsultationId,
    question: &Question,
) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let last: Option<i64> =
        sqlx::query_scalar("SELECT MAX(position) FROM questions WHERE consultation_id = $1")
            .bind(consultation_id)
            .fetch_one(&mut *tx)
            .await?;
    insert_question(&mut tx, consultation_id, last.map_or(0, |p| p + 1), question).await?;
    tx.commit().await
}

/// Replaces a question's text, kind and options, keeping its place. `false` if it is not there.
#[tracing::instrument(skip_all)]
pub async fn replace_question(
    db: &Db,
    consultation_id: ConsultationId,
    question_id: QuestionId,
    question: &Question,
) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let position = position_of(&mut tx, consultation_id, question_id).await?;
    let Some(position) = position else { return Ok(false) };
    delete_question(&mut tx, question_id).await?;
    insert_question(&mut tx, consultation_id, position, question).await?;
    tx.commit().await?;
    Ok(true)
}

#[tracing::instrument(skip_all)]
pub async fn remove_question(
    db: &Db,
    consultation_id: ConsultationId,
    question_id: QuestionId,
) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    if position_of(&mut tx, consultation_id, question_id).await?.is_none() {
        return Ok(false);
    }
    delete_question(&mut tx, question_id).await?;
    tx.commit().await?;
    Ok(true)
}

/// Where a question stands, if it belongs to this consultation.
async fn position_of(
    tx: &mut Transaction<'_, Any>,
    consultation_id: ConsultationId,
    question_id: QuestionId,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT position FROM questions WHERE id = $1 AND consultation_id = $2")
        .bind(question_id)
        .bind(consultation_id)
        .fetch_optional(&mut **tx)
        .await
}

async fn delete_question(
    tx: &mut Transaction<'_, Any>,
    question_id: QuestionId,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM question_options WHERE question_id = $1")
        .bind(question_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM questions WHERE id = $1").bind(question_id).execute(&mut **tx).await?;
    Ok(())
}

/// Swaps a question with its neighbour above (`up`) or below. `false` when there is none.
#[tracing::instrument(skip_all)]
pub async fn move_question(
    db: &Db,
    consultation_id: ConsultationId,
    question_id: QuestionId,
    up: bool,
) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let position = position_of(&mut tx, consultation_id, question_id).await?;
    let Some(position) = position else { return Ok(false) };
    let neighbour_sql = if up {
        "SELECT id, position FROM questions WHERE consultation_id = $1 AND position < $2 ORDER BY position DESC LIMIT 1"
    } else {
        "SELECT id, position FROM questions WHERE consultation_id = $1 AND position > $2 ORDER BY position LIMIT 1"
    };
    let neighbour: Option<(QuestionId, i64)> = sqlx::query_as(neighbour_sql)
        .bind(consultation_id)
        .bind(position)
        .fetch_optional(&mut *tx)
        .await?;
    let Some((other_id, other_position)) = neighbour else { return Ok(false) };
    // Through -1: positions are UNIQUE within a consultation at every step.
    for (id, to) in [(question_id, -1), (other_id, position), (question_id, other_position)] {
        sqlx::query("UPDATE questions SET position = $1 WHERE id = $2")
            .bind(to)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

async fn insert_question(
    tx: &mut Transaction<'_, Any>,
    consultation_id: ConsultationId,
    position: i64,
    question: &Question,
) -> Result<(), sqlx::Error> {
    let id = new_id();
    let (max_chars, low, high) = match &question.kind {
        QuestionKind::FreeText { max_chars } => (Some(*max_chars as i64), None, None),
        QuestionKind::Scale { low_label, high_label } => (None, Some(low_label), Some(high_label)),
        QuestionKind::SingleChoice { .. } | QuestionKind::MultipleChoice { .. } => {
            (None, None, None)
        }
    };
    sqlx::query(
        "INSERT INTO questions (id, consultation_id, position, kind, prompt, required, max_chars, \
         low_label, high_label) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(consultation_id)
    .bind(position)
    .bind(question.kind.key())
    .bind(&question.prompt)
    .bind(i64::from(question.required))
    .bind(max_chars)
    .bind(low)
    .bind(high)
    .execute(&mut **tx)
    .await?;

    for (position, option) in (0_i64..).zip(question.kind.options()) {
        sqlx::query(
            "INSERT INTO question_options (id, question_id, position, label) VALUES ($1, $2, $3, $4)",
        )
        .bind(new_id())
        .bind(id)
        .bind(position)
        .bind(&option.label)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

const SETTINGS: &str = "slug, title, description, meeting_name, meeting_date, language, opens_at, \
                        closes_at, grace_minutes, min_cell_size, retention_days";

/// Stores new settings with their questions, all or nothing; the ids in `questions` are
/// ignored. `Ok(None)` when another consultation already has the slug.
#[tracing::instrument(skip_all)]
pub async fn insert(
    db: &Db,
    s: &ConsultationSettings,
    questions: &[Question],
    now: UnixTime,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let id = new_id();
    let sql = format!(
        "INSERT INTO consultations (id, created_at, {SETTINGS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    );
    let inserted = bind_settings(sqlx::query(&sql).bind(id).bind(now), s).execute(&mut *tx).await;
    if slug_clash(inserted)?.is_none() {
        return Ok(None);
    }
    for (position, question) in (0_i64..).zip(questions) {
        insert_question(&mut tx, ConsultationId(id), position, question).await?;
    }
    tx.commit().await?;
    Ok(Some(id))
}

/// `Ok(false)` when another consultation already has the slug.
#[tracing::instrument(skip_all)]
pub async fn update_settings(
    db: &Db,
    id: i64,
    s: &ConsultationSettings,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE consultations SET slug = $1, title = $2, description = $3, meeting_name = $4, \
               meeting_date = $5, language = $6, opens_at = $7, closes_at = $8, \
               grace_minutes = $9, min_cell_size = $10, retention_days = $11 WHERE id = $12";
    let updated = bind_settings(sqlx::query(sql), s).bind(id).execute(db).await;
    slug_clash(updated).map(|u| u.is_some())
}

type Query<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

fn bind_settings<'q>(query: Query<'q>, s: &'q ConsultationSettings) -> Query<'q> {
    query
        .bind(&s.slug)
        .bind(&s.title)
        .bind(&s.description)
        .bind(&s.meeting.name)
        .bind(&s.meeting.date)
        .bind(s.language.code())
        .bind(s.window.map(|w| w.opens_at))
        .bind(s.window.map(|w| w.closes_at))
        .bind(s.grace_minutes)
        .bind(s.min_cell_size)
        .bind(s.retention_days)
}

/// The slug's UNIQUE constraint becomes `None`, for a field error; other errors stay errors.
fn slug_clash<T>(result: Result<T, sqlx::Error>) -> Result<Option<T>, sqlx::Error> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Moves an opened window's close, only if it still closes at `seen` and nothing was published or
/// purged meanwhile: of two organizers' changes at once, or one form sent twice, one applies.
#[tracing::instrument(skip_all)]
pub async fn move_close(
    db: &Db,
    id: i64,
    seen: UnixTime,
    closes_at: UnixTime,
) -> Result<bool, sqlx::Error> {
    let moved = sqlx::query(
        "UPDATE consultations SET closes_at = $1 WHERE id = $2 AND closes_at = $3 \
         AND published_at IS NULL AND purged_at IS NULL",
    )
    .bind(closes_at)
    .bind(id)
    .bind(seen)
    .execute(db)
    .await?;
    Ok(moved.rows_affected() == 1)
}

/// Moves a consultation's window, e.g. to re-open the demo on a later day.
#[tracing::instrument(skip_all)]
pub async fn set_window(db: &Db, id: i64, window: Window) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE consultations SET opens_at = $1, closes_at = $2 WHERE id = $3")
        .bind(window.opens_at)
        .bind(window.closes_at)
        .bind(id)
        .execute(db)
        .await
        .map(|_| ())
}

/// Writes (or, with `None`, takes down) what happened next, each part written or not; only once
/// the summary is published. `false` when it is not.
#[tracing::instrument(skip_all)]
pub async fn set_follow_up(
    db: &Db,
    id: i64,
    parts: Option<&BTreeMap<Told, String>>,
    now: UnixTime,
) -> Result<bool, sqlx::Error> {
    let part = |told| parts.and_then(|p| p.get(&told)).map(String::as_str);
    let written = sqlx::query(
        "UPDATE consultations SET follow_up_received = $1, follow_up_decided = $2, \
         follow_up_not_taken = $3, follow_up_next = $4, follow_up_at = $5 \
         WHERE id = $6 AND published_at IS NOT NULL",
    )
    .bind(part(Told::Received))
    .bind(part(Told::Decided))
    .bind(part(Told::NotTaken))
    .bind(part(Told::Next))
    .bind(parts.map(|_| now))
    .bind(id)
    .execute(db)
    .await?;
    Ok(written.rows_affected() == 1)
}
