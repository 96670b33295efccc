//! The summary as delegates read it once published, and as staff read the draft before.

use serde::{Deserialize, Serialize};

use crate::domain::brief::BriefForm;
use crate::domain::follow_up::InAllLanguages;
use crate::domain::ids::AnswerId;
use crate::domain::language::Language;
use crate::domain::lifecycle::{UnixTime, Unpublishable};
use crate::domain::live::RoomCounts;
use crate::domain::summary::Summary;

/// A published version of the summary, as anyone may read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedView {
    pub slug: String,
    /// Where anyone reads it on the web (a printed brief points there for the detail).
    pub address: String,
    pub version: i64,
    pub published_at: UnixTime,
    pub summary: Summary,
    /// What the meeting did with it, once organizers have written that.
    pub follow_up: Option<InAllLanguages>,
}

/// The summary as the data stands now, for staff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: i64,
    pub slug: String,
    pub publishable: Result<(), Unpublishable>,
    /// Organizers publish; moderators only read.
    pub organizer: bool,
    pub published_version: Option<i64>,
    /// Held responses no moderator has decided on: publishing warns while there are any.
    pub held_undecided: u64,
    /// The brief as last written, for the organizers' form.
    pub brief: BriefForm,
    /// The quotes moderators chose, which a key message may cite.
    pub quotes: Vec<(AnswerId, String)>,
    pub summary: Summary,
}

/// The answers so far, before the summary is published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LiveRoom {
    pub slug: String,
    pub title: String,
    /// The title's language when it is shown as written, untranslated.
    pub title_lang: Option<Language>,
    /// Young people may still answer.
    pub open: bool,
    pub k: u64,
    pub counts: RoomCounts,
}

/// What the room view projects during the meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RoomView {
    /// Not published yet: the answers so far, rounded.
    Live(LiveRoom),
    /// The published brief and its headline numbers.
    Published(Box<PublishedView>),
}
