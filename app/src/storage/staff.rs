use sqlx::{Any, FromRow, Transaction};

use super::{Db, begin_write, new_id};
use crate::domain::ids::StaffId;
use crate::domain::lifecycle::UnixTime;
use crate::domain::second_factor::{RecoveryCode, SecondFactor, TotpSecret};
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
    id: StaffId,
    email: String,
    role: String,
    password_hash: String,
    deactivated_at: Option<i64>,
    totp_secret: Option<String>,
    second_factor: String,
}

/// An account as sign-in needs it.
#[derive(Debug)]
pub struct Account {
    pub member: StaffMember,
    pub password_hash: PasswordHash,
    pub active: bool,
    /// `None` until the account has set up an authenticator app.
    pub totp_secret: Option<TotpSecret>,
    /// What applies to this account (admins: always required).
    pub second_factor: SecondFactor,
}

impl TryFrom<StaffRow> for Account {
    type Error = sqlx::Error;

    fn try_from(row: StaffRow) -> Result<Self, sqlx::Error> {
        let bad =
            |what: &str| sqlx::Error::Decode(format!("stored staff {what} is invalid").into());
        let role = Role::parse(&row.role).ok_or_else(|| bad("role"))?;
        let totp_secret = match row.totp_secret {
            Some(secret) => Some(TotpSecret::parse(&secret).ok_or_else(|| bad("totp secret"))?),
            None => None,
        };
        let second_factor =
            SecondFactor::parse(&row.second_factor).ok_or_else(|| bad("second factor"))?;
        Ok(Self {
            member: StaffMember {
                id: row.id,
                email: Email::parse(&row.email).ok_or_else(|| bad("email"))?,
                role,
            },
            password_hash: PasswordHash(row.password_hash),
            active: row.deactivated_at.is_none(),
            totp_secret,
            second_factor: second_factor.for_role(role),
        })
    }
}

const COLUMNS: &str = "id, email, role, password_hash, deactivated_at, totp_secret, second_factor";

#[tracing::instrument(skip_all)]
pub async fn by_email(db: &Db, email: &Email) -> Result<Option<Account>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM staff WHERE email = $1");
    let row: Option<StaffRow> =
        sqlx::query_as(&sql).bind(email.as_str()).fetch_optional(db).await?;
    row.map(Account::try_from).transpose()
}

#[tracing::instrument(skip_all)]
pub async fn by_id(db: &Db, id: StaffId) -> Result<Option<Account>, sqlx::Error> {
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
) -> Result<Option<StaffId>, sqlx::Error> {
    let id = StaffId(new_id());
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
pub async fn deactivate(db: &Db, id: StaffId, now: UnixTime) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
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
pub async fn set_password(db: &Db, id: StaffId, hash: &PasswordHash) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
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

/// Keeps the authenticator app's secret and replaces the recovery codes, unless the account set
/// one up meanwhile (then `false`). `step` is the step of the code that confirmed it: used.
#[tracing::instrument(skip_all)]
pub async fn set_up_second_factor(
    db: &Db,
    id: StaffId,
    secret: &TotpSecret,
    step: i64,
    codes: &[RecoveryCode],
) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let set = sqlx::query(
        "UPDATE staff SET totp_secret = $1, totp_last_step = $2 WHERE id = $3 AND totp_secret IS NULL",
    )
    .bind(secret.to_base32())
    .bind(step)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if set != 1 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM recovery_codes WHERE staff_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for code in codes {
        sqlx::query("INSERT INTO recovery_codes (staff_id, code_hash) VALUES ($1, $2)")
            .bind(id)
            .bind(code.hash())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Marks a TOTP step used; `false` when it (or a later one) was used already, on any instance.
#[tracing::instrument(skip_all)]
pub async fn use_totp_step(db: &Db, id: StaffId, step: i64) -> Result<bool, sqlx::Error> {
    let used =
        sqlx::query("UPDATE staff SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1")
            .bind(step)
            .bind(id)
            .execute(db)
            .await?
            .rows_affected();
    Ok(used == 1)
}

/// Spends a recovery code; `false` when the account has no such code left.
#[tracing::instrument(skip_all)]
pub async fn use_recovery_code(
    db: &Db,
    id: StaffId,
    code: &RecoveryCode,
    now: UnixTime,
) -> Result<bool, sqlx::Error> {
    let used = sqlx::query(
        "UPDATE recovery_codes SET used_at = $1 \
         WHERE staff_id = $2 AND code_hash = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .bind(code.hash())
    .execute(db)
    .await?
    .rows_affected();
    Ok(used == 1)
}

#[tracing::instrument(skip_all)]
pub async fn recovery_codes_left(db: &Db, id: StaffId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM recovery_codes WHERE staff_id = $1 AND used_at IS NULL",
    )
    .bind(id)
    .fetch_one(db)
    .await
}

/// Forgets the app and the recovery codes (a lost phone) and ends the account's sessions: the
/// next sign-in sets a new one up.
#[tracing::instrument(skip_all)]
pub async fn reset_second_factor(db: &Db, id: StaffId) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    sqlx::query("UPDATE staff SET totp_secret = NULL, totp_last_step = 0 WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM recovery_codes WHERE staff_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    end_sessions(&mut tx, id).await?;
    tx.commit().await
}

/// Whether a moderator must give a second factor (admins always must).
#[tracing::instrument(skip_all)]
pub async fn set_second_factor(
    db: &Db,
    id: StaffId,
    second_factor: SecondFactor,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE staff SET second_factor = $1 WHERE id = $2 AND role = 'moderator' \
         AND second_factor <> $1",
    )
    .bind(second_factor.key())
    .bind(id)
    .execute(db)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

async fn end_sessions(tx: &mut Transaction<'_, Any>, staff_id: StaffId) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE staff_id = $1")
        .bind(staff_id)
        .execute(&mut **tx)
        .await
        .map(drop)
}
