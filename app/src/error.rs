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

/// The one way a server route answers a failure that has no page of its own: a visitor who must
/// sign in goes to the sign-in page; anyone else gets the status and a sentence they can act on.
/// Causes were logged where they were turned into this.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        use axum::http::StatusCode;
        if self == Self::Unauthorized {
            return axum::response::Redirect::to("/login").into_response();
        }
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, self.to_string()).into_response()
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        Self::Internal
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;

    async fn answer(error: AppError) -> (StatusCode, Option<String>, String) {
        let response = error.into_response();
        let location = response.headers().get(header::LOCATION).map(|v| v.to_str().unwrap().into());
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), 1024).await.unwrap();
        (status, location, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_route_sends_the_visitor_to_sign_in_or_says_what_happened_and_nothing_more() {
        let (status, location, _) = answer(AppError::Unauthorized).await;
        assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
        let (status, _, body) = answer(AppError::Forbidden).await;
        assert_eq!(
            (status, body.as_str()),
            (StatusCode::FORBIDDEN, "Your account cannot open this page.")
        );
        assert_eq!(answer(AppError::NotFound).await.0, StatusCode::NOT_FOUND);
        let (status, _, body) = answer(AppError::Internal).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body, "Something went wrong on our side. Please try again in a moment.");
        assert_eq!(answer(AppError::Unreachable).await.0, StatusCode::SERVICE_UNAVAILABLE);
    }
}
