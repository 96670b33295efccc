//! What is wrong with a field an organizer filled in. The rules name the problem; pages say it in
//! the reader's language (`pages/admin/problems.rs`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
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
}

/// Field name → its problem, for errors shown next to their field.
pub type FieldProblems = BTreeMap<String, Problem>;

/// `validator`'s findings as one problem per field, each field having one rule: `of` names it.
pub fn found(
    result: Result<(), validator::ValidationErrors>,
    of: impl Fn(&str) -> Problem,
) -> FieldProblems {
    let Err(found) = result else { return FieldProblems::new() };
    found.field_errors().into_keys().map(|field| (field.to_string(), of(&field))).collect()
}
