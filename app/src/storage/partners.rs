//! Partner codes of a consultation, and the code each response arrived with.

use sqlx::FromRow;

use super::{Db, new_id};
use crate::domain::ids::{ConsultationId, PartnerId};
use crate::domain::lifecycle::UnixTime;
use crate::domain::partner::{NewPartner, Partner, PartnerCode};

#[derive(FromRow)]
struct PartnerRow {
    id: PartnerId,
    code: String,
    name: String,
    retired_at: Option<i64>,
}

/// Oldest first, retired ones too (their answers still count).
#[tracing::instrument(skip_all)]
pub async fn all(db: &Db, consultation_id: i64) -> Result<Vec<Partner>, sqlx::Error> {
    let rows: Vec<PartnerRow> = sqlx::query_as(
        "SELECT id, code, name, retired_at FROM partner_codes WHERE consultation_id = $1 \
         ORDER BY created_at, code",
    )
    .bind(consultation_id)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            let code = PartnerCode::parse(&r.code)
                .ok_or_else(|| sqlx::Error::Decode(format!("bad partner code {}", r.id).into()))?;
            Ok(Partner { id: r.id, code, name: r.name, retired: r.retired_at.is_some() })
        })
        .collect()
}

/// The new partner's id, or `None` when the consultation already has this code.
#[tracing::instrument(skip_all)]
pub async fn add(
    db: &Db,
    consultation_id: i64,
    partner: &NewPartner,
    now: UnixTime,
) -> Result<Option<PartnerId>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO partner_codes (id, consultation_id, code, name, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (consultation_id, code) DO NOTHING RETURNING id",
    )
    .bind(new_id())
    .bind(consultation_id)
    .bind(partner.code.as_str())
    .bind(&partner.name)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// `false` when the consultation has no such partner, or it was retired already.
#[tracing::instrument(skip_all)]
pub async fn retire(
    db: &Db,
    consultation_id: ConsultationId,
    id: PartnerId,
    now: UnixTime,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE partner_codes SET retired_at = $1 \
         WHERE id = $2 AND consultation_id = $3 AND retired_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .bind(consultation_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}
