//! What the home page lists.

use serde::{Deserialize, Serialize};

use crate::domain::lifecycle::{Phase, UnixTime};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed {
    pub slug: String,
    pub title: String,
    pub phase: Phase,
    pub opens_at: UnixTime,
    pub closes_at: UnixTime,
}
