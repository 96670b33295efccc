//! tower-sessions records in our own database through the portable `Any` pool, so SQLite and
//! PostgreSQL share one store and every app instance sees every session.

use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

use super::Db;

/// The session key holding the signed-in staff member's id; copied into its own column.
pub const STAFF_ID: &str = "staff_id";
/// When the staff member signed in: the session ends a fixed time after, however busy.
pub const SIGNED_IN_AT: &str = "signed_in_at";
/// A password checked, waiting for the second factor (`services::auth`).
pub const PENDING: &str = "pending_sign_in";

#[derive(Clone, Debug)]
pub struct Store {
    db: Db,
}

impl Store {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

fn backend(e: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

impl Store {
    /// Writes a record; `on_conflict` says what an existing row with its id gets. Returns
    /// whether a row was written.
    async fn write(&self, record: &Record, on_conflict: &str) -> session_store::Result<bool> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let staff_id = record.data.get(STAFF_ID).and_then(serde_json::Value::as_i64);
        let sql = format!(
            "INSERT INTO sessions (id, staff_id, data, expires_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) {on_conflict}"
        );
        let written = sqlx::query(&sql)
            .bind(record.id.to_string())
            .bind(staff_id)
            .bind(data)
            .bind(record.expiry_date.unix_timestamp())
            .execute(&self.db)
            .await
            .map_err(backend)?
            .rows_affected();
        Ok(written == 1)
    }
}

#[async_trait]
impl SessionStore for Store {
    /// Retries with a fresh id on the (astronomically rare) collision.
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        while !self.write(record, "DO NOTHING").await? {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let update = "DO UPDATE SET staff_id = excluded.staff_id, data = excluded.data, \
                      expires_at = excluded.expires_at";
        self.write(record, update).await.map(drop)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2",
        )
        .bind(id.to_string())
        .bind(now)
        .fetch_optional(&self.db)
        .await
        .map_err(backend)?;
        let Some((data, expires_at)) = row else { return Ok(None) };
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&data)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?,
            expiry_date: time::OffsetDateTime::from_unix_timestamp(expires_at)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id.to_string())
            .execute(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for Store {
    async fn delete_expired(&self) -> session_store::Result<()> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
