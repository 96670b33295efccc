//! Retention: raw answers go once a published consultation's retention days are over.

use crate::domain::lifecycle::UnixTime;
use crate::storage::{Db, retention};

/// Purges every consultation that is due; returns their slugs with the responses deleted.
pub async fn purge_due(db: &Db, now: UnixTime) -> Result<Vec<(String, u64)>, sqlx::Error> {
    let mut purged = vec![];
    for (id, slug) in retention::due(db, now).await? {
        let responses = retention::purge(db, id, &slug, now).await?;
        tracing::info!(slug, responses, "purged the raw answers of a published consultation");
        purged.push((slug, responses));
    }
    Ok(purged)
}
