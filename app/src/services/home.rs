use crate::error::AppError;
use crate::state::AppState;
use crate::storage::consultations;
use crate::views::home::Listed;

pub async fn listed(state: &AppState) -> Result<Vec<Listed>, AppError> {
    let now = state.clock.now();
    let listed = consultations::open_or_upcoming(&state.db, now)
        .await?
        .into_iter()
        .filter_map(|c| {
            let window = c.schedule.window?;
            Some(Listed {
                phase: c.schedule.phase(now),
                slug: c.slug,
                title: c.title,
                opens_at: window.opens_at,
                closes_at: window.closes_at,
            })
        })
        .collect();
    Ok(listed)
}
