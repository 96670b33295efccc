use leptos::prelude::*;

use crate::error::AppError;
use crate::views::home::Listed;

#[server(endpoint = "consultations")]
pub async fn listed_consultations() -> Result<Vec<Listed>, AppError> {
    let state = expect_context::<crate::state::AppState>();
    crate::services::home::listed(&state).await
}
