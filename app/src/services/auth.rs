//! Staff sign-in: argon2id off the async runtime, the same answer and similar timing for an
//! unknown account and a wrong password, throttling after repeated failures, role checks.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash as Phc, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::LazyLock;
use tower_sessions::Session;

use crate::domain::staff::{Email, NewPassword, PasswordProblem, Role, StaffMember};
use crate::error::AppError;
use crate::state::AppState;
use crate::storage::sessions::STAFF_ID;
use crate::storage::staff::{self, PasswordHash};
use crate::storage::{Db, audit};

/// OWASP's argon2id parameters: 19 MiB, 2 passes, 1 lane.
fn argon2() -> Argon2<'static> {
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(19_456, 2, 1, None).expect("valid parameters"),
    )
}

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// Verified when the account is unknown, so that case takes as long as a wrong password.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_now("not a real password, only for timing").expect("hashing works"));

pub async fn hash_password(password: NewPassword) -> Result<PasswordHash, AppError> {
    let hashed = tokio::task::spawn_blocking(move || hash_now(password.expose())).await;
    match hashed {
        Ok(Ok(hash)) => Ok(PasswordHash(hash)),
        _ => {
            tracing::error!("password hashing failed");
            Err(AppError::Internal)
        }
    }
}

async fn verify(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| DUMMY_HASH.clone());
        Phc::new(&hash).is_ok_and(|phc| argon2().verify_password(password.as_bytes(), &phc).is_ok())
    })
    .await
    .unwrap_or(false)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoginOutcome {
    SignedIn(StaffMember),
    /// Unknown account, wrong password or deactivated account: one answer for all three.
    Refused,
    Throttled {
        minutes: i64,
    },
}

/// `client` is a keyed hash of the client's address (never the address itself).
pub async fn login(
    state: &AppState,
    email: &str,
    password: String,
    client: &str,
) -> Result<LoginOutcome, AppError> {
    let now = state.clock.now();
    let account_key = format!("account:{}", email.trim().to_lowercase());
    let client_key = format!("client:{client}");
    if let Some(minutes) = wait_minutes(state, &[&account_key, &client_key], now)? {
        return Ok(LoginOutcome::Throttled { minutes });
    }

    let account = match Email::parse(email) {
        Some(email) => staff::by_email(&state.db, &email).await?,
        None => None,
    };
    let verified = verify(password, account.as_ref().map(|a| a.password_hash.0.clone())).await;
    let member = account.filter(|a| verified && a.active).map(|a| a.member);
    record_attempt(state, member.is_some(), &account_key, &client_key, now)?;
    let Some(member) = member else {
        tracing::warn!("sign-in refused");
        return Ok(LoginOutcome::Refused);
    };
    audit::append(&state.db, now, Some(member.id), "signed in", member.email.as_str(), "").await?;
    Ok(LoginOutcome::SignedIn(member))
}

// Plain functions, so the lock is never held across an `.await`.
fn wait_minutes(state: &AppState, keys: &[&str], now: i64) -> Result<Option<i64>, AppError> {
    let throttle = state.throttle.lock().map_err(|_| AppError::Internal)?;
    Ok(keys.iter().filter_map(|key| throttle.check(key, now).err()).max())
}

fn record_attempt(
    state: &AppState,
    ok: bool,
    account: &str,
    client: &str,
    now: i64,
) -> Result<(), AppError> {
    let mut throttle = state.throttle.lock().map_err(|_| AppError::Internal)?;
    if ok {
        throttle.clear(account);
    } else {
        throttle.fail(account, now);
        throttle.fail(client, now);
    }
    Ok(())
}

/// The signed-in staff member, if the session has one whose account is still active.
pub async fn current(state: &AppState, session: &Session) -> Result<Option<StaffMember>, AppError> {
    let id: Option<i64> = session.get(STAFF_ID).await.map_err(|error| {
        tracing::error!(%error, "session store");
        AppError::Internal
    })?;
    let Some(id) = id else { return Ok(None) };
    let account = staff::by_id(&state.db, id).await?;
    Ok(account.filter(|a| a.active).map(|a| a.member))
}

/// Every staff page and server function starts here: the check is always on the server.
pub async fn require(
    state: &AppState,
    session: &Session,
    needed: Role,
) -> Result<StaffMember, AppError> {
    match current(state, session).await? {
        None => Err(AppError::Unauthorized),
        Some(member) if member.role.allows(needed) => Ok(member),
        Some(_) => Err(AppError::Forbidden),
    }
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum CreateUserError {
    #[error("That is not an e-mail address.")]
    InvalidEmail,
    #[error(transparent)]
    WeakPassword(#[from] PasswordProblem),
    #[error("An account with that e-mail address already exists.")]
    Exists,
    #[error("Choose a role: admin or moderator.")]
    Role,
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<sqlx::Error> for CreateUserError {
    fn from(error: sqlx::Error) -> Self {
        Self::App(error.into())
    }
}

/// `by` is the admin who made the account; `None` from the command line.
pub async fn create_user(
    db: &Db,
    email: &str,
    role: Role,
    password: &str,
    now: i64,
    by: Option<i64>,
) -> Result<StaffMember, CreateUserError> {
    let email = Email::parse(email).ok_or(CreateUserError::InvalidEmail)?;
    let password = NewPassword::parse(password).map_err(CreateUserError::WeakPassword)?;
    let hash = hash_password(password).await?;
    let id = staff::insert(db, &email, role, &hash, now).await?.ok_or(CreateUserError::Exists)?;
    audit::append(db, now, by, "created account", email.as_str(), role.key()).await?;
    Ok(StaffMember { id, email, role })
}
