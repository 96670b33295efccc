//! The organizers' live view of a consultation's answers.

use tower_sessions::Session;

use crate::domain::ids::PartnerId;
use crate::domain::live::LiveCounts;
use crate::domain::partner::Partner;
use crate::error::AppError;
use crate::services::partners::admin_of;
use crate::state::AppState;
use crate::storage::{live, partners};
use crate::views::admin::LiveView;

/// Admins only: moderators read answers one at a time, never who is taking part.
pub async fn view(
    state: &AppState,
    session: &Session,
    consultation_id: i64,
) -> Result<LiveView, AppError> {
    let (_, c) = admin_of(state, session, consultation_id).await?;
    let partners = partners::all(&state.db, c.id).await?;
    let counts = counts(state, c.id, &partners).await?;
    let now = state.clock.now();
    Ok(LiveView { id: c.id, title: c.title, phase: c.schedule.phase(now), now, counts, partners })
}

/// The consultation's answers so far, every partner listed even before its first answer.
pub async fn counts(
    state: &AppState,
    consultation_id: i64,
    partners: &[Partner],
) -> Result<LiveCounts, AppError> {
    let ids: Vec<PartnerId> = partners.iter().map(|p| p.id).collect();
    let counts = LiveCounts::from_groups(&live::groups(&state.db, consultation_id).await?, &ids);
    Ok(LiveCounts { held: live::held(&state.db, consultation_id).await?, ..counts })
}
