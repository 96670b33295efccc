//! What the moderators' pages show: the queue, the answer under review, their history and the
//! held lane.

use serde::{Deserialize, Serialize};

use crate::domain::ids::{AnswerId, QuestionId};
use crate::domain::integrity::HoldReason;
use crate::domain::language::Language;
use crate::domain::lifecycle::UnixTime;
use crate::domain::moderation::{QueueFilter, RejectReason, ReviewState};
use crate::domain::safeguarding::Why;
use crate::domain::theme::ChangeKind;
use crate::views::staff::AuditEntry;

/// The moderation page: counts, filters, and the answer being reviewed or a list of decided ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    pub filter: QueueFilter,
    pub pending: i64,
    pub approved: i64,
    pub rejected: i64,
    pub questions: Vec<FilterQuestion>,
    /// How many theme suggestions each question has, where they were made (for a question a
    /// moderator opened them for, kept current as answers arrive).
    pub suggested: Vec<(QuestionId, u64)>,
    /// The answer claimed for this moderator (or opened by them).
    pub item: Option<ItemView>,
    /// Decided answers, when the filter asks for approved or rejected ones.
    pub listed: Vec<ListedAnswer>,
    /// The answer this moderator decided before the one shown (their latest if none is).
    pub previous: Option<AnswerId>,
    pub admin: bool,
    /// Responses the integrity checks held back, waiting in their own lane (`/moderate/held`).
    pub held: u64,
    /// Answers stored while the reader was busy and not yet read for meaning: any of them may
    /// still join the flagged lane.
    pub awaiting_meaning: u64,
}

/// A free-text question moderators can filter by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterQuestion {
    pub consultation_id: i64,
    pub consultation_title: String,
    pub question_id: QuestionId,
    pub prompt: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemView {
    pub answer_id: AnswerId,
    pub consultation_title: String,
    pub prompt: String,
    pub state: ReviewState,
    /// The question's themes and how many approved answers carry each, most used first.
    pub question_themes: Vec<(String, i64)>,
    /// The theme it is nearest to in meaning, offered with one key (Y).
    pub nearest_theme: Option<String>,
    /// Someone else is reviewing it: their e-mail address and until when.
    pub held_by: Option<(String, UnixTime)>,
    /// Its whole response was rejected as spam.
    pub spam: bool,
    /// Its response is held by the integrity checks: counted nowhere until released.
    pub held_back: bool,
    /// Why the detector flagged it.
    pub why: Option<Why>,
    /// A flag from a source that sent at least this many flagged answers today (shown from
    /// [`BUSY_SOURCE_FLAGS`]): it may be scripted, and is read all the same.
    pub busy_source: Option<i64>,
}

/// From this many flagged answers from one source in a day, moderators are told.
pub const BUSY_SOURCE_FLAGS: i64 = 3;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedAnswer {
    pub answer_id: AnswerId,
    pub prompt: String,
    pub text: String,
    pub reason: Option<RejectReason>,
    pub flagged: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryView {
    /// This moderator's own moderation actions, newest first.
    pub entries: Vec<AuditEntry>,
    /// For admins: decisions per moderator.
    pub per_moderator: Option<Vec<(String, i64)>>,
}

/// One page of the held lane: groups of responses the integrity checks held back, those with
/// unread flagged answers first, then the largest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldView {
    pub groups: Vec<HeldGroupView>,
    /// This page, from 0, and how many there are.
    pub page: usize,
    pub pages: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldGroupView {
    pub consultation_id: i64,
    pub consultation_title: String,
    pub group: i64,
    pub responses: u64,
    pub reasons: Vec<HoldReason>,
    pub first_hour: UnixTime,
    pub last_hour: UnixTime,
    pub samples: Vec<String>,
    /// Its answers the safeguarding detector flagged (over the whole group), and of them those
    /// no moderator has read yet: they wait in the flagged lane.
    pub flagged: u64,
    pub flagged_unread: u64,
}

/// `/moderate/themes`: a question's answers grouped into suggested themes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionsView {
    pub question_id: QuestionId,
    pub prompt: String,
    pub consultation_title: String,
    /// False when the sentence encoder is not installed: no suggestions.
    pub on: bool,
    /// The question's themes so far, with how many counted answers carry each.
    pub carried: Vec<(String, u64)>,
    pub themes: Vec<SuggestionView>,
    /// Answers that fit no suggestion ("can't tell").
    pub ungrouped: u64,
    /// Answers too short to count towards a theme.
    pub too_short: u64,
    /// The decision just taken, to show with its undo button.
    pub decided: Option<DecidedTheme>,
}

/// One suggested theme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionView {
    /// Its answers, the nearest to its centre first.
    pub answers: Vec<AnswerId>,
    pub languages: Vec<Language>,
    /// Key words per language.
    pub words: Vec<(Language, Vec<String>)>,
    /// The answers nearest its centre, verbatim, with their language.
    pub nearest: Vec<(Language, String)>,
}

/// A decision on a theme taken (or undone) a moment ago.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecidedTheme {
    pub decision: i64,
    pub kind: ChangeKind,
    /// The theme it tagged (accepted) or took answers off (moved, dropped).
    pub name: String,
    /// Where a move put them.
    pub into: Option<String>,
    /// How many answers it tagged or moved.
    pub answers: u64,
    pub undone: bool,
}

/// `/moderate/themes/split`: a theme's answers, to tick those that belong to another theme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitView {
    pub question_id: QuestionId,
    pub prompt: String,
    pub theme: String,
    /// Each in full, oldest first.
    pub answers: Vec<(AnswerId, Language, String)>,
}

/// `/moderate/similar/{id}`: the pending answers most alike one, to decide together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarView {
    pub answer_id: AnswerId,
    pub prompt: String,
    pub text: String,
    /// The answer is flagged for safeguarding: it is never decided in a batch.
    pub flagged: bool,
    /// The others, the most alike first, each in full.
    pub similar: Vec<(AnswerId, Language, String)>,
}
