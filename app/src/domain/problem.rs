//! What is wrong with what a person sent, one field or the form as a whole: one vocabulary for
//! every form. The rules name the problem; `pages/problems.rs` says it in the reader's language.

use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    // A young person's answers (`submission`).
    Required,
    NotAnOption,
    OnlyOne,
    TooLong {
        chars: usize,
        max: usize,
    },
    NothingAnswered,
    /// The form names a question this consultation does not have, or its token is not ours.
    OutOfDate,
    /// Our fault: the database could not take the answers.
    NotStored,
    /// Far more answers came from this address in the last minute than people send: nothing was
    /// stored, and it can be sent again after `retry_after_secs` (`integrity::bursts`).
    TooMany {
        retry_after_secs: i64,
    },

    // An organizer's consultation, questions, partners, translations, window and follow-up.
    Title,
    Slug,
    SlugTaken,
    Description,
    MeetingName,
    MeetingDate,
    Language,
    GraceMinutes,
    MinCellSize,
    RetentionDays,
    LengthHours,
    Window,
    Start,
    Day,
    TimeZone,
    NoSuchTime,
    Kind,
    Prompt,
    Options,
    ScaleLabels,
    MaxChars,
    PartnerName,
    PartnerCode,
    CodeTaken,
    TranslationTooLong,
    ConfirmClose,
    ExtendMinutes,
    FollowUpTooLong,
    /// A brief has three to five key messages (`brief`).
    KeyMessages,
    /// A key message tied to no theme.
    NoEvidence,
    /// More quotes than a key message may cite (`brief::MAX_QUOTES`).
    TooManyQuotes,
    /// `line` (from 1) is not "name | address or number".
    HelplineFormat {
        line: usize,
    },
    HelplineName {
        line: usize,
    },
    HelplineContact {
        line: usize,
    },
    TooManyHelplines,

    // A moderator's review (`moderation::review`).
    NoDecision,
    EmptyText,
    AnswerTooLong,
    ThemeTooLong,
    UnknownConcern,
    QuoteNotApproved,
    QuoteFlagged,

    // Staff accounts and signing in.
    NotAnEmail,
    AccountExists,
    NoRole,
    PasswordTooShort,
    PasswordTooLong,
    /// A common password or one that follows a pattern.
    PasswordGuessable,
    /// Deactivating one's own account.
    Yourself,
    UnknownAction,
    /// One problem for an unknown account, a wrong password and a deactivated account.
    SignInRefused,
    /// The authenticator app's code is wrong, or was used already.
    CodeWrong,
    CodeReused,
    /// Too many attempts at a password or code.
    Throttled {
        minutes: i64,
    },
    /// Our fault: the sign-in could not be checked.
    Unavailable,
}

/// Field name → its problem, for errors shown next to their field.
pub type FieldProblems = BTreeMap<String, Problem>;

/// Every problem with a posted form: the form's own, and each field's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    pub form: Option<Problem>,
    /// Keyed by form field name.
    pub fields: FieldProblems,
}

impl Problems {
    pub fn of_form(problem: Problem) -> Self {
        Self { form: Some(problem), fields: FieldProblems::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.form.is_none() && self.fields.is_empty()
    }

    pub fn field(&self, name: &str) -> Option<Problem> {
        self.fields.get(name).copied()
    }

    /// Refused at the door ([`Problem::TooMany`]): the seconds until it may be sent again.
    pub fn retry_after_secs(&self) -> Option<i64> {
        match self.form {
            Some(Problem::TooMany { retry_after_secs }) => Some(retry_after_secs),
            _ => None,
        }
    }
}

/// `validator`'s findings as one problem per field, each field having one rule: `of` names it.
pub fn found(
    result: Result<(), validator::ValidationErrors>,
    of: impl Fn(&str) -> Problem,
) -> FieldProblems {
    let Err(found) = result else { return FieldProblems::new() };
    found.field_errors().into_keys().map(|field| (field.to_string(), of(&field))).collect()
}
