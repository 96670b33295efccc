//! The room view: what a meeting projects while young people answer, and once the summary is
//! published. Public, as the summary is; the counts are rounded so it can refresh safely.

use crate::domain::language::Language;
use crate::domain::lifecycle::Phase;
use crate::domain::live::RoomCounts;
use crate::domain::translation;
use crate::error::AppError;
use crate::services::{live, summary};
use crate::state::AppState;
use crate::storage::{consultations, partners, translations};
use crate::views::summary::{LiveRoom, RoomView};

pub async fn view(state: &AppState, slug: &str, reader: Language) -> Result<RoomView, AppError> {
    let db = &state.db;
    let mut c = consultations::by_slug(db, slug).await?.ok_or(AppError::NotFound)?;
    let open = match c.schedule.phase(state.clock.now()) {
        Phase::Draft => return Err(AppError::NotFound),
        Phase::Published | Phase::Purged => {
            return Ok(RoomView::Published(Box::new(summary::published(state, slug).await?)));
        }
        Phase::Scheduled | Phase::Closed => false,
        Phase::Open => true,
    };
    let partners = partners::all(db, c.id).await?;
    let counts = live::counts(state, c.id, &partners).await?;
    let translated = translations::all(db, c.id).await?.remove(&reader).unwrap_or_default();
    let fallback = translation::localize(&mut c, &mut [], &translated, reader);
    Ok(RoomView::Live(LiveRoom {
        slug: c.slug,
        title: c.title,
        title_lang: fallback.filter(|f| f.title).map(|f| f.language),
        open,
        k: c.min_cell_size as u64,
        counts: RoomCounts::of(&counts, c.min_cell_size as u64),
    }))
}
