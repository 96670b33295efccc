//! Staff sign-in: a password (argon2id off the async runtime, a few at once, the same answer and
//! similar timing for an unknown account and a wrong password), then a second factor; throttled
//! per account, address and known browser; sessions with an idle and an absolute lifetime.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash as Phc, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
use std::time::Duration;
use tower_sessions::Session;

use crate::domain::audit::{AuditAction, Subject};
use crate::domain::device::DeviceCookie;
use crate::domain::ids::StaffId;
use crate::domain::lifecycle::UnixTime;
use crate::domain::problem::Problem;
use crate::domain::second_factor::{
    CodeInput, RECOVERY_CODES, RecoveryCode, SecondFactor, TotpSecret,
};
use crate::domain::staff::{Email, NewPassword, Role, StaffMember};
use crate::domain::throttle::{Attempt, Bucket};
use crate::error::AppError;
use crate::services::Refused;
use crate::state::AppState;
use crate::storage::sessions::{PENDING, SIGNED_IN_AT, STAFF_ID};
use crate::storage::staff::{self, Account, PasswordHash};
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

/// Password checks run at once: each takes 19 MiB and a core for a moment.
pub const PASSWORD_CHECKS_AT_ONCE: usize = 2;
/// How long a sign-in waits for its turn to check a password before it is told to try again.
const PASSWORD_CHECK_WAIT: Duration = Duration::from_secs(10);
/// How long the password holds while the second factor is asked for.
const PENDING_SECS: i64 = 5 * 60;

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

async fn verify(
    state: &AppState,
    password: String,
    hash: Option<String>,
) -> Result<bool, AppError> {
    let permit = tokio::time::timeout(PASSWORD_CHECK_WAIT, state.password_checks.acquire()).await;
    let Ok(Ok(_permit)) = permit else {
        tracing::warn!("password checks busy");
        return Err(AppError::Unreachable);
    };
    let verified = tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| DUMMY_HASH.clone());
        Phc::new(&hash).is_ok_and(|phc| argon2().verify_password(password.as_bytes(), &phc).is_ok())
    })
    .await;
    Ok(verified.unwrap_or(false))
}

/// Where a sign-in comes from: a keyed hash of the client's address (never the address) and
/// the device cookie its browser sent, if any.
pub struct Origin<'a> {
    pub client: String,
    pub device: Option<&'a str>,
}

#[derive(Debug)]
pub enum LoginOutcome {
    SignedIn(SignedIn),
    /// The password was right; the account's app code comes next.
    NeedsCode,
    /// The password was right; the account must set up an app first.
    NeedsSetup,
    /// Unknown account, wrong password or deactivated account: one answer for all three.
    Refused,
    Throttled {
        minutes: i64,
    },
}

/// A completed sign-in: who, and the device cookie that lets this browser keep its own
/// allowance next time.
#[derive(Debug)]
pub struct SignedIn {
    pub member: StaffMember,
    pub device_cookie: String,
}

/// A password checked, waiting for the second factor; kept in the session.
#[derive(Serialize, Deserialize)]
struct Pending {
    staff_id: StaffId,
    since: UnixTime,
    /// The new app secret being set up (base32), when the account has none yet.
    setup: Option<String>,
}

pub async fn login(
    state: &AppState,
    session: &Session,
    email: &str,
    password: String,
    origin: &Origin<'_>,
) -> Result<LoginOutcome, AppError> {
    let now = state.clock.now();
    let email = Email::parse(email);
    let attempt = match admit(state, email.as_ref(), origin, now)? {
        Ok(attempt) => attempt,
        Err(minutes) => return Ok(LoginOutcome::Throttled { minutes }),
    };
    let account = match &email {
        Some(email) => staff::by_email(&state.db, email).await?,
        None => None,
    };
    let verified =
        verify(state, password, account.as_ref().map(|a| a.password_hash.0.clone())).await?;
    let Some(account) = account.filter(|a| verified && a.active) else {
        tracing::warn!("sign-in refused");
        return Ok(LoginOutcome::Refused);
    };
    match (&account.totp_secret, account.second_factor) {
        (None, SecondFactor::Optional) => complete(state, session, account.member, &attempt, now)
            .await
            .map(LoginOutcome::SignedIn),
        (Some(_), _) => {
            forgive(state, &attempt)?;
            start_pending(
                session,
                Pending { staff_id: account.member.id, since: now, setup: None },
            )
            .await?;
            Ok(LoginOutcome::NeedsCode)
        }
        (None, SecondFactor::Required) => {
            forgive(state, &attempt)?;
            let secret = TotpSecret::from_bytes(rand::random());
            let pending = Pending {
                staff_id: account.member.id,
                since: now,
                setup: Some(secret.to_base32()),
            };
            start_pending(session, pending).await?;
            Ok(LoginOutcome::NeedsSetup)
        }
    }
}

#[derive(Debug)]
pub enum CodeOutcome {
    SignedIn(SignedIn),
    /// Not the app's code now, nor an unused recovery code.
    Wrong,
    /// The app's code, but its step was used already (RFC 6238 §5.2).
    Reused,
    /// No password checked in the last few minutes: start again.
    Expired,
    Throttled {
        minutes: i64,
    },
}

/// The second factor of an account that has an app.
pub async fn enter_code(
    state: &AppState,
    session: &Session,
    typed: &str,
    origin: &Origin<'_>,
) -> Result<CodeOutcome, AppError> {
    let now = state.clock.now();
    let Some((_, account)) = pending(state, session, now).await? else {
        return Ok(CodeOutcome::Expired);
    };
    let Some(secret) = account.totp_secret.clone() else { return Ok(CodeOutcome::Expired) };
    let attempt = match admit(state, Some(&account.member.email), origin, now)? {
        Ok(attempt) => attempt,
        Err(minutes) => return Ok(CodeOutcome::Throttled { minutes }),
    };
    let id = account.member.id;
    let accepted = match CodeInput::parse(typed) {
        None => false,
        Some(CodeInput::App(code)) => match secret.step_of(&code, now) {
            None => false,
            Some(step) if staff::use_totp_step(&state.db, id, step).await? => true,
            Some(_) => return Ok(CodeOutcome::Reused),
        },
        Some(CodeInput::Recovery(code)) => {
            let used = staff::use_recovery_code(&state.db, id, &code, now).await?;
            if used {
                let left = staff::recovery_codes_left(&state.db, id).await?;
                let email = account.member.email.as_str();
                let detail = format!("{left} left");
                audit::append(
                    &state.db,
                    now,
                    Some(id),
                    AuditAction::UsedRecoveryCode,
                    Subject::Account(email),
                    &detail,
                )
                .await?;
            }
            used
        }
    };
    if !accepted {
        tracing::warn!("second factor refused");
        return Ok(CodeOutcome::Wrong);
    }
    complete(state, session, account.member, &attempt, now).await.map(CodeOutcome::SignedIn)
}

/// Whether the session has a checked password waiting for the app's code.
pub async fn pending_code(state: &AppState, session: &Session) -> Result<bool, AppError> {
    let pending = pending(state, session, state.clock.now()).await?;
    Ok(pending.is_some_and(|(_, account)| account.totp_secret.is_some()))
}

/// What the setup page shows: the new secret, for the QR code and as text, and the account.
pub async fn setup_sheet(
    state: &AppState,
    session: &Session,
) -> Result<Option<(TotpSecret, Email)>, AppError> {
    let sheet = setting_up(state, session, state.clock.now()).await?;
    Ok(sheet.map(|(secret, account)| (secret, account.member.email)))
}

/// The secret being set up and its account, while the sign-in is pending and has none yet.
async fn setting_up(
    state: &AppState,
    session: &Session,
    now: UnixTime,
) -> Result<Option<(TotpSecret, Account)>, AppError> {
    let Some((pending, account)) = pending(state, session, now).await? else { return Ok(None) };
    let secret = pending.setup.as_deref().and_then(TotpSecret::parse);
    Ok(secret.filter(|_| account.totp_secret.is_none()).map(|s| (s, account)))
}

#[derive(Debug)]
pub enum SetupOutcome {
    /// Set up and signed in; the recovery codes are shown this once.
    Done(SignedIn, Vec<RecoveryCode>),
    Wrong,
    Expired,
    Throttled {
        minutes: i64,
    },
}

/// Confirms the new app with its first code, then signs in.
pub async fn set_up(
    state: &AppState,
    session: &Session,
    typed: &str,
    origin: &Origin<'_>,
) -> Result<SetupOutcome, AppError> {
    let now = state.clock.now();
    let Some((secret, account)) = setting_up(state, session, now).await? else {
        return Ok(SetupOutcome::Expired);
    };
    let attempt = match admit(state, Some(&account.member.email), origin, now)? {
        Ok(attempt) => attempt,
        Err(minutes) => return Ok(SetupOutcome::Throttled { minutes }),
    };
    let step = match CodeInput::parse(typed) {
        Some(CodeInput::App(code)) => secret.step_of(&code, now),
        _ => None,
    };
    let Some(step) = step else { return Ok(SetupOutcome::Wrong) };
    let codes: Vec<RecoveryCode> =
        (0..RECOVERY_CODES).map(|_| RecoveryCode::from_bytes(rand::random())).collect();
    let id = account.member.id;
    if !staff::set_up_second_factor(&state.db, id, &secret, step, &codes).await? {
        return Ok(SetupOutcome::Expired);
    }
    let email = account.member.email.as_str();
    audit::append(
        &state.db,
        now,
        Some(id),
        AuditAction::SetUpSecondFactor,
        Subject::Account(email),
        "",
    )
    .await?;
    let signed_in = complete(state, session, account.member, &attempt, now).await?;
    Ok(SetupOutcome::Done(signed_in, codes))
}

/// Counts the attempt in its buckets before anything is checked: a browser that signed in to
/// this account before has its own; anything else counts for the account and the address.
fn admit(
    state: &AppState,
    email: Option<&Email>,
    origin: &Origin<'_>,
    now: UnixTime,
) -> Result<Result<Attempt, i64>, AppError> {
    let known = email.zip(origin.device).and_then(|(email, cookie)| {
        DeviceCookie::verify(cookie, &state.key, email).map(|d| d.bucket())
    });
    let buckets = match known {
        Some(device) => vec![device],
        None => {
            let account = email.map_or_else(String::new, |e| e.as_str().to_owned());
            vec![Bucket::Account(account), Bucket::Client(origin.client.clone())]
        }
    };
    let mut throttle = state.throttle.lock().map_err(|_| AppError::Internal)?;
    Ok(throttle.admit(buckets, now))
}

fn forgive(state: &AppState, attempt: &Attempt) -> Result<(), AppError> {
    state.throttle.lock().map_err(|_| AppError::Internal)?.forgive(attempt);
    Ok(())
}

async fn start_pending(session: &Session, pending: Pending) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    session.insert(PENDING, pending).await.map_err(session_error)
}

/// The pending sign-in and its account, while it is fresh and the account active.
async fn pending(
    state: &AppState,
    session: &Session,
    now: UnixTime,
) -> Result<Option<(Pending, Account)>, AppError> {
    let pending: Option<Pending> = session.get(PENDING).await.map_err(session_error)?;
    let Some(pending) = pending.filter(|p| now - p.since < PENDING_SECS) else { return Ok(None) };
    let account = staff::by_id(&state.db, pending.staff_id).await?.filter(|a| a.active);
    Ok(account.map(|account| (pending, account)))
}

/// Signed in: a new session id (no fixation), the throttle forgets this account's failures,
/// audited; the browser gets a device cookie for next time.
async fn complete(
    state: &AppState,
    session: &Session,
    member: StaffMember,
    attempt: &Attempt,
    now: UnixTime,
) -> Result<SignedIn, AppError> {
    state.throttle.lock().map_err(|_| AppError::Internal)?.signed_in(attempt);
    session.cycle_id().await.map_err(session_error)?;
    session.remove_value(PENDING).await.map_err(session_error)?;
    session.insert(STAFF_ID, member.id).await.map_err(session_error)?;
    session.insert(SIGNED_IN_AT, now).await.map_err(session_error)?;
    audit::append(
        &state.db,
        now,
        Some(member.id),
        AuditAction::SignedIn,
        Subject::Account(member.email.as_str()),
        "",
    )
    .await?;
    let device_cookie = DeviceCookie::new(rand::random()).sign(&state.key, &member.email);
    Ok(SignedIn { member, device_cookie })
}

fn session_error(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store");
    AppError::Internal
}

/// The signed-in staff member, if the session has one whose account is still active and which
/// began less than the absolute lifetime ago, however busy it has been since.
pub async fn current(state: &AppState, session: &Session) -> Result<Option<StaffMember>, AppError> {
    let id: Option<StaffId> = session.get(STAFF_ID).await.map_err(session_error)?;
    let Some(id) = id else { return Ok(None) };
    let since: Option<UnixTime> = session.get(SIGNED_IN_AT).await.map_err(session_error)?;
    if since.is_none_or(|since| state.clock.now() - since >= state.session_max_secs) {
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    }
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

/// `by` is the admin who made the account; `None` from the command line.
pub async fn create_user(
    db: &Db,
    email: &str,
    role: Role,
    password: &str,
    now: i64,
    by: Option<StaffId>,
) -> Result<StaffMember, Refused> {
    let email = Email::parse(email).ok_or(Refused::Invalid(Problem::NotAnEmail))?;
    let password = NewPassword::parse(password, &[email.as_str()]).map_err(Refused::Invalid)?;
    let hash = hash_password(password).await?;
    let id = staff::insert(db, &email, role, &hash, now)
        .await?
        .ok_or(Refused::Invalid(Problem::AccountExists))?;
    audit::append(
        db,
        now,
        by,
        AuditAction::CreatedAccount,
        Subject::Account(email.as_str()),
        role.key(),
    )
    .await?;
    Ok(StaffMember { id, email, role })
}

/// A lost phone, from the command line: the account's app and recovery codes are forgotten and
/// its sessions end; its next sign-in sets up a new app. `false` when there is no such account.
pub async fn reset_second_factor(db: &Db, email: &Email, now: i64) -> Result<bool, sqlx::Error> {
    let Some(account) = staff::by_email(db, email).await? else { return Ok(false) };
    staff::reset_second_factor(db, account.member.id).await?;
    audit::append(
        db,
        now,
        None,
        AuditAction::ResetSecondFactor,
        Subject::Account(email.as_str()),
        "",
    )
    .await?;
    Ok(true)
}
