//! Every [`Problem`] a form can report, said in the page's language: the one place that does.

use crate::domain::brief::MAX_QUOTES;
use crate::domain::helplines::{MAX_HELPLINES, NAME_MAX_CHARS};
use crate::domain::moderation::{TEXT_MAX_CHARS, THEME_MAX_CHARS};
use crate::domain::problem::Problem;
use crate::domain::staff::NewPassword;
use crate::i18n::{Locale, td_string};

pub fn say(problem: Problem, l: Locale) -> String {
    match problem {
        Problem::Required => td_string!(l, form.required).into(),
        Problem::NotAnOption => td_string!(l, form.not_an_option).into(),
        Problem::OnlyOne => td_string!(l, form.only_one).into(),
        Problem::TooLong { chars, max } => td_string!(l, form.too_long, chars, max).to_string(),
        Problem::NothingAnswered => td_string!(l, form.nothing_answered).into(),
        Problem::OutOfDate => td_string!(l, form.out_of_date).into(),
        Problem::NotStored => td_string!(l, form.not_stored).into(),
        Problem::TooMany { retry_after_secs } => {
            td_string!(l, form.too_many, seconds = retry_after_secs).to_string()
        }

        Problem::Title => td_string!(l, problem.title).into(),
        Problem::Slug => td_string!(l, problem.slug).into(),
        Problem::SlugTaken => td_string!(l, problem.slug_taken).into(),
        Problem::Description => td_string!(l, problem.description).into(),
        Problem::MeetingName => td_string!(l, problem.meeting_name).into(),
        Problem::MeetingDate => td_string!(l, problem.meeting_date).into(),
        Problem::Language => td_string!(l, problem.language).into(),
        Problem::GraceMinutes => td_string!(l, problem.grace_minutes).into(),
        Problem::MinCellSize => td_string!(l, problem.min_cell_size).into(),
        Problem::RetentionDays => td_string!(l, problem.retention_days).into(),
        Problem::LengthHours => td_string!(l, problem.length_hours).into(),
        Problem::Window => td_string!(l, problem.window).into(),
        Problem::Start => td_string!(l, problem.start).into(),
        Problem::Day => td_string!(l, problem.day).into(),
        Problem::TimeZone => td_string!(l, problem.time_zone).into(),
        Problem::NoSuchTime => td_string!(l, problem.no_such_time).into(),
        Problem::Kind => td_string!(l, problem.kind).into(),
        Problem::Prompt => td_string!(l, problem.prompt).into(),
        Problem::Options => td_string!(l, problem.options).into(),
        Problem::ScaleLabels => td_string!(l, problem.scale_labels).into(),
        Problem::MaxChars => td_string!(l, problem.max_chars).into(),
        Problem::PartnerName => td_string!(l, problem.partner_name).into(),
        Problem::PartnerCode => td_string!(l, problem.partner_code).into(),
        Problem::CodeTaken => td_string!(l, problem.code_taken).into(),
        Problem::TranslationTooLong => td_string!(l, problem.translation_too_long).into(),
        Problem::ConfirmClose => td_string!(l, problem.confirm_close).into(),
        Problem::ExtendMinutes => td_string!(l, problem.extend_minutes).into(),
        Problem::FollowUpTooLong => td_string!(l, problem.follow_up_too_long).into(),
        Problem::KeyMessages => td_string!(l, problem.key_messages).into(),
        Problem::NoEvidence => td_string!(l, problem.no_evidence).into(),
        Problem::TooManyQuotes => {
            td_string!(l, problem.too_many_quotes, max = MAX_QUOTES).to_string()
        }
        Problem::HelplineFormat { line } => {
            td_string!(l, problem.helpline_format, line).to_string()
        }
        Problem::HelplineName { line } => {
            td_string!(l, problem.helpline_name, line, max = NAME_MAX_CHARS).to_string()
        }
        Problem::HelplineContact { line } => {
            td_string!(l, problem.helpline_contact, line).to_string()
        }
        Problem::TooManyHelplines => {
            td_string!(l, problem.too_many_helplines, max = MAX_HELPLINES).to_string()
        }

        Problem::NoDecision => td_string!(l, moderate.no_decision).into(),
        Problem::EmptyText => td_string!(l, moderate.empty_text).into(),
        Problem::AnswerTooLong => {
            td_string!(l, moderate.text_too_long, max = TEXT_MAX_CHARS).to_string()
        }
        Problem::ThemeTooLong => {
            td_string!(l, moderate.theme_too_long, max = THEME_MAX_CHARS).to_string()
        }
        Problem::UnknownConcern => td_string!(l, moderate.unknown_concern).into(),
        Problem::QuoteNotApproved => td_string!(l, moderate.quote_not_approved).into(),
        Problem::QuoteFlagged => td_string!(l, moderate.quote_flagged).into(),

        Problem::NotAnEmail => td_string!(l, admin.not_an_email).into(),
        Problem::AccountExists => td_string!(l, admin.exists).into(),
        Problem::NoRole => td_string!(l, admin.no_role).into(),
        Problem::PasswordTooShort => {
            td_string!(l, admin.password_short, min = NewPassword::MIN_CHARS).to_string()
        }
        Problem::PasswordTooLong => {
            td_string!(l, admin.password_long, max = NewPassword::MAX_CHARS).to_string()
        }
        Problem::PasswordGuessable => td_string!(l, admin.password_guessable).into(),
        Problem::Yourself => td_string!(l, admin.yourself).into(),
        Problem::UnknownAction => td_string!(l, admin.unknown_action).into(),
        Problem::SignInRefused => td_string!(l, staff.refused).into(),
        Problem::CodeWrong => td_string!(l, staff.code_wrong).into(),
        Problem::CodeReused => td_string!(l, staff.code_reused).into(),
        Problem::Throttled { minutes } => td_string!(l, staff.throttled, minutes).to_string(),
        Problem::Unavailable => td_string!(l, staff.unavailable).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_problem_is_said_in_the_page_language_with_its_numbers() {
        assert_eq!(
            say(Problem::TooLong { chars: 1200, max: 1000 }, Locale::en),
            "Your answer has 1200 characters; the limit is 1000. Please shorten it — your text is \
             still here."
        );
        assert!(say(Problem::TooMany { retry_after_secs: 42 }, Locale::fr).contains("42"));
        assert_eq!(
            say(Problem::HelplineFormat { line: 2 }, Locale::en),
            "Line 2: write the name, a vertical bar |, then the address or number."
        );
        assert!(say(Problem::HelplineContact { line: 3 }, Locale::ar).starts_with("السطر 3:"));
        assert!(say(Problem::PasswordTooShort, Locale::es).contains("12"));
        assert!(say(Problem::Throttled { minutes: 15 }, Locale::zh).contains("15"));
        assert_ne!(
            say(Problem::AnswerTooLong, Locale::ru),
            say(Problem::AnswerTooLong, Locale::en)
        );
    }
}
