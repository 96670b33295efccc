//! Counts for the organizers' live view, grouped in the database.

use super::Db;
use super::summary::{COUNTED, parse};
use crate::domain::ids::PartnerId;
use crate::domain::language::Language;
use crate::domain::live::Group;

#[derive(sqlx::FromRow)]
struct GroupRow {
    submitted_hour: i64,
    age_band: Option<String>,
    region: Option<String>,
    language: String,
    partner_id: Option<PartnerId>,
    n: i64,
}

#[tracing::instrument(skip_all)]
pub async fn groups(db: &Db, consultation_id: i64) -> Result<Vec<Group>, sqlx::Error> {
    let rows: Vec<GroupRow> = sqlx::query_as(&format!(
        "SELECT submitted_hour, age_band, region, language, partner_id, COUNT(*) AS n \
         FROM responses WHERE consultation_id = $1 AND {COUNTED} \
         GROUP BY submitted_hour, age_band, region, language, partner_id"
    ))
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Group {
            hour: r.submitted_hour,
            age_band: parse(r.age_band),
            region: parse(r.region),
            language: Language::parse(&r.language).unwrap_or_default(),
            partner_id: r.partner_id,
            count: r.n as u64,
        })
        .collect())
}

/// Responses the door held back and no moderator released: an attack shows here as it happens.
#[tracing::instrument(skip_all)]
pub async fn held(db: &Db, consultation_id: i64) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM responses WHERE consultation_id = $1 AND hold IS NOT NULL \
         AND NOT {COUNTED}"
    ))
    .bind(consultation_id)
    .fetch_one(db)
    .await?;
    Ok(n as u64)
}
