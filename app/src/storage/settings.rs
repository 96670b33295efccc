use sqlx::Row;

use super::Db;
use crate::domain::token::SigningKey;

const SIGNING_KEY: &str = "signing_key";

/// The key is made once and kept in the database, so it survives restarts and every app instance
/// on a shared database signs alike.
#[tracing::instrument(skip_all)]
pub async fn signing_key(db: &Db) -> Result<SigningKey, sqlx::Error> {
    let fresh: [u8; 32] = rand::random();
    sqlx::query("INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
        .bind(SIGNING_KEY)
        .bind(data_encoding::HEXLOWER.encode(&fresh))
        .execute(db)
        .await?;
    let hex: String = sqlx::query("SELECT value FROM settings WHERE name = $1")
        .bind(SIGNING_KEY)
        .fetch_one(db)
        .await?
        .try_get("value")?;
    let bytes = data_encoding::HEXLOWER
        .decode(hex.as_bytes())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| sqlx::Error::Protocol("stored signing key is malformed".into()))?;
    Ok(SigningKey::from_bytes(bytes))
}
