use serde::{Deserialize, Serialize};

use super::follow_up::FollowUp;
use super::language::Language;
use super::lifecycle::Schedule;

/// What a young person and a delegate see of a consultation, with the times its phase comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consultation {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub meeting: Meeting,
    /// The language organizers wrote it in; other languages read translations where there are some.
    pub language: Language,
    pub schedule: Schedule,
    /// The smallest group a published number may describe.
    pub min_cell_size: i64,
    /// Days raw answers are kept after publication.
    pub retention_days: i64,
    /// What the meeting did with the answers, once organizers have written it.
    pub follow_up: Option<FollowUp>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub name: String,
    /// `YYYY-MM-DD`
    pub date: String,
}
