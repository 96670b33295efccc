use tower_sessions::Session;

use crate::api::admin::AdminListed;
use crate::domain::staff::Role;
use crate::error::AppError;
use crate::services::auth::require;
use crate::state::AppState;
use crate::storage::consultations;

pub async fn consultations(
    state: &AppState,
    session: &Session,
) -> Result<Vec<AdminListed>, AppError> {
    require(state, session, Role::Admin).await?;
    let now = state.clock.now();
    let all = consultations::all(&state.db).await?;
    Ok(all
        .into_iter()
        .map(|c| AdminListed {
            phase: c.schedule.phase(now),
            opens_at: c.schedule.window.map(|w| w.opens_at),
            closes_at: c.schedule.window.map(|w| w.closes_at),
            slug: c.slug,
            title: c.title,
        })
        .collect())
}
