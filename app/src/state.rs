use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use crate::domain::lifecycle::UnixTime;
use crate::domain::safeguarding::Detector;
use crate::domain::throttle::Throttle;
use crate::domain::token::SigningKey;
use crate::services::integrity::Door;
use crate::services::metrics::Metrics;
use crate::services::public_cache::PublicCache;
use crate::services::reading::Reader;
use crate::services::themes::Suggested;
use crate::storage::Db;
use crate::storage::group_commit::ResponseWriter;

/// What every request handler and server function can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    /// Young people's responses, stored in group commits.
    pub responses: ResponseWriter,
    /// Consultations as young people's pages show them, for a moment.
    pub public: Arc<PublicCache>,
    pub key: SigningKey,
    pub clock: Clock,
    pub leptos: LeptosOptions,
    /// Where young people reach this site, for links in calendar files.
    pub public_url: String,
    /// Failed sign-ins, in memory only.
    pub throttle: Arc<Mutex<Throttle>>,
    /// Turns to check a password (`services::auth::PASSWORD_CHECKS_AT_ONCE`).
    pub password_checks: Arc<tokio::sync::Semaphore>,
    /// A staff session ends this long after sign-in, however busy.
    pub session_max_secs: i64,
    /// Cookies marked `Secure` and named `__Host-…` (the site is behind HTTPS).
    pub secure_cookies: bool,
    /// Flags free text that may disclose harm.
    pub detector: Arc<Detector>,
    /// Reads free text for meaning off the requests' threads; none without the encoder.
    pub reader: Option<Reader>,
    /// Theme suggestions as last made, per question moderators are looking at.
    pub suggested: Arc<Suggested>,
    /// Reads every response's signals before it is stored: accept, hold or refuse.
    pub door: Arc<Door>,
    /// What `/metrics` shows operators.
    pub metrics: Arc<Metrics>,
    /// Where pages find the built stylesheet and script.
    pub assets: crate::app::Assets,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

/// The system clock, or one that tests move by hand.
#[derive(Clone, Debug, Default)]
pub enum Clock {
    #[default]
    System,
    Manual(Arc<AtomicI64>),
}

impl Clock {
    pub fn now(&self) -> UnixTime {
        match self {
            Self::System => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64),
            Self::Manual(t) => t.load(Ordering::SeqCst),
        }
    }
}
