//! What the organizers' pages show: consultations, questions, partners, the window, what
//! happened next, live counts and translations.

use serde::{Deserialize, Serialize};

use crate::domain::follow_up::FollowUpForm;
use crate::domain::language::Language;
use crate::domain::lifecycle::{Phase, UnixTime};
use crate::domain::live::LiveCounts;
use crate::domain::partner::Partner;
use crate::domain::question::Question;
use crate::domain::translation::{Source, Translations};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminListed {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub phase: Phase,
    pub opens_at: Option<UnixTime>,
    pub closes_at: Option<UnixTime>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionsView {
    /// True once the window has opened.
    pub locked: bool,
    pub questions: Vec<Question>,
}

/// A partner as the consultation's page lists it for organizers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerListed {
    pub partner: Partner,
    /// Absolute, as it goes on posters.
    pub link: String,
    pub answers: u64,
}

/// Where an opened consultation's window stands, for closing it early or extending it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowView {
    pub phase: Phase,
    pub closes_at: Option<UnixTime>,
    pub grace_minutes: i64,
}

/// What happened next, as organizers write it once the summary is published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpView {
    /// Only once the summary is published.
    pub may_write: bool,
    /// As written, in the consultation's own language; empty until then.
    pub form: FollowUpForm,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveView {
    pub id: i64,
    pub title: String,
    pub phase: Phase,
    pub now: UnixTime,
    pub counts: LiveCounts,
    /// To name the partners in the counts.
    pub partners: Vec<Partner>,
}

/// A consultation's texts beside their translations into one language, for the translation form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationView {
    pub id: i64,
    pub title: String,
    /// The language it is written in.
    pub from: Language,
    pub to: Language,
    pub sources: Vec<Source>,
    pub stored: Translations,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationProgress {
    pub language: Language,
    /// Texts translated, of `total`.
    pub done: usize,
    pub total: usize,
}
