use sqlx::Row;

use super::Db;
use crate::domain::token::SigningKey;

const SIGNING_KEY: &str = "signing_key";
const HELPLINES: &str = "helplines";

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

/// The helplines organizers listed, as they typed them (checked when saved); empty if none.
#[tracing::instrument(skip_all)]
pub async fn helplines(db: &Db) -> Result<String, sqlx::Error> {
    let text: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE name = $1")
        .bind(HELPLINES)
        .fetch_optional(db)
        .await?;
    Ok(text.unwrap_or_default())
}

#[tracing::instrument(skip_all)]
pub async fn set_helplines(db: &Db, text: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO settings (name, value) VALUES ($1, $2) \
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )
    .bind(HELPLINES)
    .bind(text)
    .execute(db)
    .await
    .map(drop)
}
