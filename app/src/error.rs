use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::{Bytes, Encodes};
use serde::{Deserialize, Serialize};

/// What a client may learn about a failure: never internals. Causes are logged once, on the
/// server, where they are turned into this.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("This page does not exist.")]
    NotFound,
    #[error("Please sign in.")]
    Unauthorized,
    #[error("Your account cannot open this page.")]
    Forbidden,
    /// A server function was sent arguments it cannot read: a page from an older version of the
    /// site, or no page at all.
    #[error("This page is out of date. Reload it and try again.")]
    BadRequest,
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    #[error("We could not reach the server. Check your connection and try again.")]
    Unreachable,
}

impl AppError {
    /// The HTTP status a response carrying this failure has.
    pub fn status(&self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::Unauthorized => 401,
            Self::Forbidden => 403,
            Self::BadRequest => 400,
            Self::Internal => 500,
            Self::Unreachable => 503,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// On the server these are a request that could not be read, or our own failure to answer;
    /// in the browser, a request that did not get through or an answer that could not be read.
    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        return match error {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Request(_) => Self::BadRequest,
            other => {
                tracing::error!(error = %other, "server function");
                Self::Internal
            }
        };
        #[cfg(not(feature = "ssr"))]
        {
            let _ = error;
            Self::Unreachable
        }
    }

    /// Server functions send every failure as a 500 unless told otherwise: this is where each
    /// failure is sent with its own status, as it is encoded for the response.
    fn ser(&self) -> Bytes {
        crate::http::set_status(self.status());
        Self::Encoder::encode(self).unwrap_or_default()
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        Self::Internal
    }
}
