//! What the application does, one function per use case, over storage and the domain rules.
//! Server functions and plain HTTP handlers both call these.

pub mod admin;
pub mod auth;
pub mod home;
pub mod integrity;
pub mod live;
pub mod metrics;
pub mod moderate;
pub mod partners;
pub mod public_cache;
pub mod reading;
pub mod respond;
pub mod retention;
pub mod room;
pub mod staff;
pub mod summary;
pub mod themes;
pub mod translations;

/// What a form sent to a use case came to when nothing failed on our side: saved, or what to
/// change (`P`: a problem per field, or one for the whole form), with nothing saved. Use cases
/// with more outcomes than these two name their own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved<P = crate::domain::problem::FieldProblems> {
    Done,
    Invalid(P),
}

/// Why a use case that returns something did not do it: what was sent cannot be taken (nothing
/// was done; the problem says what to change), or a failure on our side.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("refused: {0:?}")]
    Invalid(crate::domain::problem::Problem),
    #[error(transparent)]
    App(#[from] crate::error::AppError),
}

impl From<sqlx::Error> for Refused {
    fn from(error: sqlx::Error) -> Self {
        Self::App(error.into())
    }
}
