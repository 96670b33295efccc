//! What the consultation's page shows and what an answer or a withdrawal came to: the types its
//! server function returns, its pages show and its services fill in.

use serde::{Deserialize, Serialize};

use crate::domain::consultation::Meeting;
use crate::domain::follow_up::{FollowUp, Told};
use crate::domain::language::Language;
use crate::domain::lifecycle::{Phase, UnixTime};
use crate::domain::problem::Problems;
use crate::domain::question::Question;
use crate::domain::translation::Fallback;

/// Everything the consultation page shows, in whichever phase it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationView {
    pub slug: String,
    /// The page's own address, absolute: for sharing and link previews.
    pub link: String,
    pub title: String,
    pub description: String,
    pub meeting: Meeting,
    pub phase: Phase,
    pub opens_at: UnixTime,
    pub closes_at: UnixTime,
    pub now: UnixTime,
    /// Only while open.
    pub form: Option<FormSpec>,
    /// Listed on the thank-you page, after the directory of child helplines.
    pub helplines: Vec<HelplineLink>,
    /// The texts shown as written, for want of a translation into the page's language.
    pub fallback: Option<Fallback>,
    /// What the meeting did with the answers, once organizers have written it.
    pub follow_up: Option<FollowUp>,
}

impl ConsultationView {
    /// `lang` for the title: set only when it is shown as written, in another language.
    pub fn title_lang(&self) -> Option<&'static str> {
        self.fallback.as_ref().and_then(Fallback::title_lang)
    }

    pub fn description_lang(&self) -> Option<&'static str> {
        self.fallback.as_ref().and_then(Fallback::description_lang)
    }

    pub fn follow_up_lang(&self, told: Told) -> Option<&'static str> {
        self.fallback.as_ref().and_then(|f| f.follow_up_lang(told))
    }

    /// The consultation's own language, when some of the page is shown in it.
    pub fn original(&self) -> Option<Language> {
        self.fallback.as_ref().map(|f| f.language)
    }
}

/// A helpline as the thank-you page links it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelplineLink {
    pub name: String,
    /// `https://…` or `tel:…`.
    pub href: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSpec {
    /// Signed: which consultation and when this form was loaded.
    pub token: String,
    pub questions: Vec<Question>,
    /// The partner code in use that the page's link carried, sent back with the answers.
    pub via: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubmitOutcome {
    /// `flagged`: an answer may disclose harm, so the thank-you puts urgent help first.
    Accepted {
        receipt: String,
        flagged: bool,
    },
    Invalid(Problems),
    /// Sent after the window and its grace period: nothing was stored. The free text is given
    /// back so the person can keep it.
    Closed {
        texts: Vec<String>,
    },
    /// Not sent from our form (no token, or one we did not sign for this consultation): only a
    /// script sends that, so it is answered before any page is made.
    Unsigned,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WithdrawOutcome {
    Withdrawn,
    Malformed,
    UnknownReceipt,
    Closed,
}
