//! Organizers' translations of a consultation's texts, kept by the digest of the text they
//! translate (see `domain::translation`).

use std::collections::HashMap;

use super::{Db, audit, begin_write};
use crate::domain::audit::{AuditAction, Subject};
use crate::domain::ids::StaffId;
use crate::domain::language::Language;
use crate::domain::lifecycle::UnixTime;
use crate::domain::translation::Translations;

/// Every language's translations of the consultation.
#[tracing::instrument(skip_all)]
pub async fn all(
    db: &Db,
    consultation_id: i64,
) -> Result<HashMap<Language, Translations>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT language, source_key, text FROM translations WHERE consultation_id = $1",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    let mut by_language: HashMap<Language, Vec<(String, String)>> = HashMap::new();
    for (language, key, text) in rows {
        // A CHECK constraint keeps other values out.
        if let Some(language) = Language::parse(&language) {
            by_language.entry(language).or_default().push((key, text));
        }
    }
    Ok(by_language.into_iter().map(|(l, texts)| (l, Translations::new(texts))).collect())
}

/// Who replaced which language's translations of which consultation, for the audit log.
pub struct Change<'a> {
    pub consultation_id: i64,
    pub slug: &'a str,
    pub language: Language,
    /// `None` for the command line.
    pub by: Option<StaffId>,
    pub at: UnixTime,
}

/// Replaces one language's translations and records who did it, all or nothing.
#[tracing::instrument(skip_all)]
pub async fn replace(
    db: &Db,
    change: Change<'_>,
    translations: &Translations,
) -> Result<(), sqlx::Error> {
    let language = change.language.code();
    let mut tx = begin_write(db).await?;
    sqlx::query("DELETE FROM translations WHERE consultation_id = $1 AND language = $2")
        .bind(change.consultation_id)
        .bind(language)
        .execute(&mut *tx)
        .await?;
    for (key, text) in translations.iter() {
        sqlx::query(
            "INSERT INTO translations (consultation_id, language, source_key, text) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(change.consultation_id)
        .bind(language)
        .bind(key)
        .bind(text)
        .execute(&mut *tx)
        .await?;
    }
    let detail = format!("{language}: {} texts", translations.iter().count());
    audit::append(
        &mut *tx,
        change.at,
        change.by,
        AuditAction::Translated,
        Subject::Consultation(change.slug),
        &detail,
    )
    .await?;
    tx.commit().await
}
