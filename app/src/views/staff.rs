//! What the staff and audit pages show.

use serde::{Deserialize, Serialize};

use crate::domain::ids::{AnswerId, StaffId};
use crate::domain::lifecycle::UnixTime;
use crate::domain::second_factor::SecondFactor;
use crate::domain::staff::Role;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRow {
    pub id: StaffId,
    pub email: String,
    pub role: Role,
    pub active: bool,
    pub second_factor: SecondFactor,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: UnixTime,
    /// `None` when done on the command line.
    pub who: Option<String>,
    pub action: String,
    pub subject: String,
    /// The answer a moderation entry touched, to link to.
    pub answer_id: Option<AnswerId>,
    pub detail: String,
}
