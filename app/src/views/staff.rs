//! What the staff and audit pages show.

use serde::{Deserialize, Serialize};

use crate::domain::lifecycle::UnixTime;
use crate::domain::second_factor::SecondFactor;
use crate::domain::staff::Role;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRow {
    pub id: i64,
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
    pub detail: String,
}
