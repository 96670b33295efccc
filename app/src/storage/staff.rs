use sqlx::{Any, FromRow, Transaction};

use super::{Db, new_id};
use crate::domain::lifecycle::UnixTime;
use crate::domain::staff::{Email, Role, StaffMember};

/// A stored password hash. Deliberately not `Serialize` and with a redacting `Debug`.
pub struct PasswordHash(pub String);

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash([redacted])")
    }
}

#[derive(FromRow)]
struct StaffRow {
    id: i64,
    email: String,
    role: String,
    password_hash: String,
    deactivated_at: Option<i64>,
}

/// An account as sign-in needs it.
#[derive(Debug)]
pub struct Account {
    pub member: StaffMember,
    pub password_hash: PasswordHash,
    pub active: bool,
}

impl TryFrom<StaffRow> for Account {
    type Error = sqlx::Error;

    fn try_from(row: StaffRow) -> Result<Self, sqlx::Error> {
        let bad =
            |what: &str| sqlx::Error::Decode(format!("stored staff {what} is invalid").into());
        Ok(Self {
            member: StaffMember {
                id: row.id,
                email: Email::parse(&row.email).ok_or_else(|| bad("email"))?,
                role: Role::parse(&row.role).ok_or_else(|| bad("role"))?,
            },
            password_hash: PasswordHash(row.password_hash),
            active: row.deactivated_at.is_none(),
        })
    }
}

const COLUMNS: &str = "id, email, role, password_hash, deactivated_at";

#[tracing::instrument(skip_all)]
pub async fn by_email(db: &Db, email: &Email) -> Result<Option<Account>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM staff WHERE email = $1");
    let row: Option<StaffRow> =
        sqlx::query_as(&sql).bind(email.as_str()).fetch_optional(db).await?;
    row.map(Account::try_from).transpose()
}

#[tracing::instrument(skip_all)]
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Account>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM staff WHERE id = $1");
    let row: Option<StaffRow> = sqlx::query_as(&sql).bind(id).fetch_optional(db).await?;
    row.map(Account::try_from).transpose()
}

/// `Ok(None)` when the e-mail address already has an account.
#[tracing::instrument(skip_all)]
pub async fn insert(
    db: &Db,
    email: &Email,
    role: Role,
    hash: &PasswordHash,
    now: UnixTime,
) -> Result<Option<i64>, sqlx::Error> {
    let id = new_id();
    let inserted = sqlx::query(
        "INSERT INTO staff (id, email, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (email) DO NOTHING",
    )
    .bind(id)
    .bind(email.as_str())
    .bind(role.key())
    .bind(&hash.0)
    .bind(now)
    .execute(db)
    .await?
    .rows_affected();
    Ok((inserted == 1).then_some(id))
}

/// Deactivates an account and ends its sessions at once.
#[tracing::instrument(skip_all)]
pub async fn deactivate(db: &Db, id: i64, now: UnixTime) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let changed = sqlx::query(
        "UPDATE staff SET deactivated_at = $1 WHERE id = $2 AND deactivated_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    end_sessions(&mut tx, id).await?;
    tx.commit().await?;
    Ok(changed == 1)
}

/// Every account, active first, for the staff page.
#[tracing::instrument(skip_all)]
pub async fn all(db: &Db) -> Result<Vec<Account>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM staff ORDER BY deactivated_at IS NOT NULL, email");
    let rows: Vec<StaffRow> = sqlx::query_as(&sql).fetch_all(db).await?;
    rows.into_iter().map(Account::try_from).collect()
}

/// Sets a new password and ends the account's sessions (whoever had the old one is out).
#[tracing::instrument(skip_all)]
pub async fn set_password(db: &Db, id: i64, hash: &PasswordHash) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let changed = sqlx::query("UPDATE staff SET password_hash = $1 WHERE id = $2")
        .bind(&hash.0)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    end_sessions(&mut tx, id).await?;
    tx.commit().await?;
    Ok(changed == 1)
}

async fn end_sessions(tx: &mut Transaction<'_, Any>, staff_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE staff_id = $1")
        .bind(staff_id)
        .execute(&mut **tx)
        .await
        .map(drop)
}
