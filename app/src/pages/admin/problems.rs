//! What is wrong with a field, in the page's language.

use crate::domain::problem::Problem;
use crate::i18n::{Locale, td_string};

pub fn text(p: Problem, l: Locale) -> &'static str {
    match p {
        Problem::Title => td_string!(l, problem.title),
        Problem::Slug => td_string!(l, problem.slug),
        Problem::SlugTaken => td_string!(l, problem.slug_taken),
        Problem::Description => td_string!(l, problem.description),
        Problem::MeetingName => td_string!(l, problem.meeting_name),
        Problem::MeetingDate => td_string!(l, problem.meeting_date),
        Problem::Language => td_string!(l, problem.language),
        Problem::GraceMinutes => td_string!(l, problem.grace_minutes),
        Problem::MinCellSize => td_string!(l, problem.min_cell_size),
        Problem::RetentionDays => td_string!(l, problem.retention_days),
        Problem::LengthHours => td_string!(l, problem.length_hours),
        Problem::Window => td_string!(l, problem.window),
        Problem::Start => td_string!(l, problem.start),
        Problem::Day => td_string!(l, problem.day),
        Problem::TimeZone => td_string!(l, problem.time_zone),
        Problem::NoSuchTime => td_string!(l, problem.no_such_time),
        Problem::Kind => td_string!(l, problem.kind),
        Problem::Prompt => td_string!(l, problem.prompt),
        Problem::Options => td_string!(l, problem.options),
        Problem::ScaleLabels => td_string!(l, problem.scale_labels),
        Problem::MaxChars => td_string!(l, problem.max_chars),
        Problem::PartnerName => td_string!(l, problem.partner_name),
        Problem::PartnerCode => td_string!(l, problem.partner_code),
        Problem::CodeTaken => td_string!(l, problem.code_taken),
        Problem::TranslationTooLong => td_string!(l, problem.translation_too_long),
        Problem::ConfirmClose => td_string!(l, problem.confirm_close),
        Problem::ExtendMinutes => td_string!(l, problem.extend_minutes),
        Problem::FollowUpTooLong => td_string!(l, problem.follow_up_too_long),
    }
}
