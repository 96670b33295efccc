//! Counts for the organizers' live view, grouped in the database.

use super::Db;
use super::summary::parse;
use crate::domain::language::Language;
use crate::domain::live::Group;

#[derive(sqlx::FromRow)]
struct GroupRow {
    submitted_hour: i64,
    age_band: Option<String>,
    region: Option<String>,
    language: String,
    partner_id: Option<i64>,
    n: i64,
}

#[tracing::instrument(skip_all)]
pub async fn groups(db: &Db, consultation_id: i64) -> Result<Vec<Group>, sqlx::Error> {
    let rows: Vec<GroupRow> = sqlx::query_as(
        "SELECT submitted_hour, age_band, region, language, partner_id, COUNT(*) AS n \
         FROM responses WHERE consultation_id = $1 \
         GROUP BY submitted_hour, age_band, region, language, partner_id",
    )
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
