//! Server functions. Each is thin: take the state from context, call one service, return its
//! answer (the types they carry are in `views`).

pub mod admin;
pub mod home;
pub mod moderate;
pub mod respond;
pub mod staff;
pub mod summary;

/// The state and the staff session a server function needs to check who is asking.
#[cfg(feature = "ssr")]
async fn staff_context()
-> Result<(crate::state::AppState, tower_sessions::Session), crate::error::AppError> {
    let state = leptos::prelude::expect_context::<crate::state::AppState>();
    let session = leptos_axum::extract::<tower_sessions::Session>().await.map_err(|error| {
        tracing::error!(%error, "no session layer");
        crate::error::AppError::Internal
    })?;
    Ok((state, session))
}
