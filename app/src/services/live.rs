//! The organizers' live view of a consultation's answers.

use tower_sessions::Session;

use crate::api::admin::LiveView;
use crate::domain::live::LiveCounts;
use crate::domain::staff::Role;
use crate::error::AppError;
use crate::services::auth::require;
use crate::state::AppState;
use crate::storage::{consultations, live, partners};

/// Admins only: moderators read answers one at a time, never who is taking part.
pub async fn view(
    state: &AppState,
    session: &Session,
    consultation_id: i64,
) -> Result<LiveView, AppError> {
    require(state, session, Role::Admin).await?;
    let c = consultations::by_id(&state.db, consultation_id).await?.ok_or(AppError::NotFound)?;
    let partners = partners::all(&state.db, c.id).await?;
    let ids: Vec<i64> = partners.iter().map(|p| p.id).collect();
    let counts = LiveCounts::from_groups(&live::groups(&state.db, c.id).await?, &ids);
    let now = state.clock.now();
    Ok(LiveView { id: c.id, title: c.title, phase: c.schedule.phase(now), now, counts, partners })
}
