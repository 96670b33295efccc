use leptos::prelude::*;

use crate::domain::language::Language;
use crate::error::AppError;
use crate::views::respond::ConsultationView;

#[server(endpoint = "respond/consultation")]
pub async fn load_consultation(
    slug: String,
    via: Option<String>,
    reader: Language,
) -> Result<ConsultationView, AppError> {
    use crate::http::TokenMark;
    use crate::services::respond::page;
    let state = expect_context::<crate::state::AppState>();
    page(&state, &slug, via.as_deref(), reader, use_context::<TokenMark>()).await
}
