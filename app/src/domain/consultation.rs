use serde::{Deserialize, Serialize};

use super::lifecycle::Schedule;
use super::question::Question;

/// What a young person and a delegate see of a consultation, with the times its phase comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consultation {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub meeting: Meeting,
    pub schedule: Schedule,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub name: String,
    /// `YYYY-MM-DD`
    pub date: String,
}

/// A consultation as an organizer sets it up; the questions keep their order.
#[derive(Clone, Debug)]
pub struct NewConsultation {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub meeting: Meeting,
    pub schedule: Schedule,
    pub questions: Vec<Question>,
}
