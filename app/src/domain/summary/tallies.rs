//! What storage counts for a summary, already grouped: the input of `aggregate`.

use crate::domain::demographics::{AgeBand, Gender, Region};
use crate::domain::ids::{AnswerId, QuestionId};
use crate::domain::integrity::{HoldReason, HoldReasons};
use crate::domain::language::Language;
use crate::domain::lifecycle::UnixTime;
use crate::domain::moderation::RejectReason;

/// What storage counts, already grouped: nothing here is about one young person, except the
/// quotes moderators chose to publish.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tallies {
    /// Responses not rejected as spam, by their groups and hour.
    pub participants: Vec<ParticipantTally>,
    /// Choices and scale points of those responses.
    pub choices: Vec<ChoiceTally>,
    /// Approved answers per free-text question id.
    pub approved: Vec<(QuestionId, u64)>,
    pub themes: Vec<ThemeTally>,
    pub quotes: Vec<QuoteTally>,
    pub reviews: ReviewTally,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Profile {
    pub age_band: Option<AgeBand>,
    pub region: Option<Region>,
    pub gender: Option<Gender>,
    pub language: Language,
    /// Start of the hour the response arrived in.
    pub hour: UnixTime,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParticipantTally {
    pub profile: Profile,
    pub count: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChoiceKey {
    Option(i64),
    Scale(u8),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceTally {
    pub question_id: QuestionId,
    pub choice: ChoiceKey,
    pub age_band: Option<AgeBand>,
    pub region: Option<Region>,
    pub count: u64,
}

/// Approved answers tagged with a theme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeTally {
    pub question_id: QuestionId,
    pub name: String,
    pub count: u64,
}

/// An approved answer a moderator marked as a quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteTally {
    /// Which answer: a key message may cite it (`brief`); never in the summary itself.
    pub answer_id: AnswerId,
    pub question_id: QuestionId,
    pub text: String,
    /// The language it is written in (whatever the page was read in).
    pub language: Language,
    pub themes: Vec<String>,
    pub age_band: Option<AgeBand>,
    pub region: Option<Region>,
}

/// Reviews of every free-text answer, spam responses included.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewTally {
    pub pending: u64,
    pub rejected: Vec<(RejectReason, u64)>,
    pub spam_responses: u64,
    pub held: HeldTally,
}

/// Responses the door held and no moderator released (waiting, or confirmed as not genuine).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeldTally {
    pub total: u64,
    /// For each reason, how many held responses have it (one may have several).
    pub by_reason: Vec<(HoldReason, u64)>,
    /// Of `total`, those no moderator has decided on yet.
    pub undecided: u64,
}

impl HeldTally {
    /// From counts of responses per set of reasons.
    pub fn from_rows(rows: impl IntoIterator<Item = (HoldReasons, u64)>) -> Self {
        let rows: Vec<_> = rows.into_iter().collect();
        Self {
            total: rows.iter().map(|(_, n)| n).sum(),
            by_reason: HoldReason::ALL
                .into_iter()
                .map(|r| (r, rows.iter().filter(|(set, _)| set.contains(r)).map(|(_, n)| n).sum()))
                .collect(),
            undecided: 0,
        }
    }
}
