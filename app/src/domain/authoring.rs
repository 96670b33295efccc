//! The consultation settings form: what an organizer typed, kept as typed so a form shown again
//! loses nothing, and parsed into settings that cannot be invalid.

use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

use super::consultation::{Consultation, Meeting};
use super::language::Language;
use super::lifecycle::Window;
use super::problem::{self, FieldProblems, Problem};
use super::window::{self, WindowChoice, WindowError};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ConsultationForm {
    #[validate(length(min = 3, max = 200))]
    pub title: String,
    #[validate(custom(function = "slug_rule"))]
    pub slug: String,
    #[validate(length(min = 1, max = 4000))]
    pub description: String,
    #[validate(length(min = 1, max = 200))]
    pub meeting_name: String,
    pub meeting_date: String,
    /// The code of the language it is written in.
    pub language: String,
    /// `draft`, `starting` or `whole_day`
    pub window: String,
    /// `YYYY-MM-DDTHH:MM`, as `<input type="datetime-local">` sends it.
    pub start: String,
    pub time_zone: String,
    pub length_hours: String,
    /// `YYYY-MM-DD`, for the whole day everywhere.
    pub day: String,
    pub grace_minutes: String,
    pub min_cell_size: String,
    pub retention_days: String,
}

/// Settings that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsultationSettings {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub meeting: Meeting,
    pub language: Language,
    pub window: Option<Window>,
    pub grace_minutes: i64,
    pub min_cell_size: i64,
    pub retention_days: i64,
}

pub const MIN_CELL_FLOOR: i64 = 5;

/// The settings of a stored consultation, as its edit form starts from them.
impl From<&Consultation> for ConsultationSettings {
    fn from(c: &Consultation) -> Self {
        Self {
            slug: c.slug.clone(),
            title: c.title.clone(),
            description: c.description.clone(),
            meeting: c.meeting.clone(),
            language: c.language,
            window: c.schedule.window,
            grace_minutes: c.schedule.grace_secs / 60,
            min_cell_size: c.min_cell_size,
            retention_days: c.retention_days,
        }
    }
}

/// What a consultation's address may be: 3 to 60 of `a-z`, `0-9` and inner `-`.
pub fn is_slug(slug: &str) -> bool {
    (3..=60).contains(&slug.len())
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

fn slug_rule(slug: &str) -> Result<(), ValidationError> {
    if is_slug(slug) { Ok(()) } else { Err(ValidationError::new("slug")) }
}

impl ConsultationForm {
    /// The form for a new consultation: defaults an organizer would pick.
    pub fn new_defaults() -> Self {
        Self {
            language: Language::default().code().into(),
            window: "starting".into(),
            time_zone: "UTC".into(),
            length_hours: window::DEFAULT_HOURS.to_string(),
            grace_minutes: "15".into(),
            min_cell_size: "10".into(),
            retention_days: "30".into(),
            ..Self::default()
        }
    }

    /// The form for stored settings. Only the window's instants are stored, so it is shown as a
    /// start in UTC and a length.
    pub fn from_settings(s: &ConsultationSettings) -> Self {
        let (window, start, length_hours) = match s.window {
            None => ("draft", String::new(), window::DEFAULT_HOURS),
            Some(w) => {
                let start = jiff::Timestamp::from_second(w.opens_at)
                    .map(|t| {
                        t.to_zoned(jiff::tz::TimeZone::UTC).strftime("%Y-%m-%dT%H:%M").to_string()
                    })
                    .unwrap_or_default();
                ("starting", start, (w.closes_at - w.opens_at) / 3600)
            }
        };
        Self {
            title: s.title.clone(),
            slug: s.slug.clone(),
            description: s.description.clone(),
            meeting_name: s.meeting.name.clone(),
            meeting_date: s.meeting.date.clone(),
            language: s.language.code().into(),
            window: window.into(),
            start,
            time_zone: "UTC".into(),
            length_hours: length_hours.to_string(),
            day: String::new(),
            grace_minutes: s.grace_minutes.to_string(),
            min_cell_size: s.min_cell_size.to_string(),
            retention_days: s.retention_days.to_string(),
        }
    }

    pub fn parse(&self) -> Result<ConsultationSettings, FieldProblems> {
        let mut errors = problem::found(self.validate(), |field| match field {
            "title" => Problem::Title,
            "slug" => Problem::Slug,
            "description" => Problem::Description,
            _ => Problem::MeetingName,
        });
        let mut number =
            |field: &str, value: &str, range: std::ops::RangeInclusive<i64>, problem: Problem| {
                let parsed = value.trim().parse().ok().filter(|n| range.contains(n));
                if parsed.is_none() {
                    errors.insert(field.to_owned(), problem);
                }
                parsed.unwrap_or_default()
            };
        let grace_minutes =
            number("grace_minutes", &self.grace_minutes, 0..=120, Problem::GraceMinutes);
        let min_cell_size = number(
            "min_cell_size",
            &self.min_cell_size,
            MIN_CELL_FLOOR..=1000,
            Problem::MinCellSize,
        );
        let retention_days =
            number("retention_days", &self.retention_days, 0..=3650, Problem::RetentionDays);
        let hours =
            number("length_hours", &self.length_hours, 1..=window::MAX_HOURS, Problem::LengthHours);

        let language = Language::parse(&self.language).unwrap_or_else(|| {
            errors.insert("language".into(), Problem::Language);
            Language::default()
        });
        if self.meeting_date.trim().parse::<jiff::civil::Date>().is_err() {
            errors.insert("meeting_date".into(), Problem::MeetingDate);
        }
        let choice = match self.window.as_str() {
            "draft" => Some(WindowChoice::NotYet),
            "starting" => match self.start.trim().parse() {
                Ok(start) => Some(WindowChoice::Starting {
                    start,
                    time_zone: self.time_zone.trim().to_owned(),
                    hours,
                }),
                Err(_) => {
                    errors.insert("start".into(), Problem::Start);
                    None
                }
            },
            "whole_day" => match self.day.trim().parse() {
                Ok(date) => Some(WindowChoice::WholeDayEverywhere { date }),
                Err(_) => {
                    errors.insert("day".into(), Problem::Day);
                    None
                }
            },
            _ => {
                errors.insert("window".into(), Problem::Window);
                None
            }
        };
        let window = match choice.as_ref().map(window::resolve) {
            Some(Ok(window)) => window,
            Some(Err(WindowError::UnknownTimeZone)) => {
                errors.insert("time_zone".into(), Problem::TimeZone);
                None
            }
            Some(Err(WindowError::Length)) => None, // reported with length_hours
            Some(Err(WindowError::OutOfRange)) | None => {
                errors.entry("start".into()).or_insert(Problem::NoSuchTime);
                None
            }
        };

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ConsultationSettings {
            slug: self.slug.clone(),
            title: self.title.trim().to_owned(),
            description: self.description.trim().to_owned(),
            meeting: Meeting {
                name: self.meeting_name.trim().to_owned(),
                date: self.meeting_date.trim().to_owned(),
            },
            language,
            window,
            grace_minutes,
            min_cell_size,
            retention_days,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ConsultationForm {
        ConsultationForm {
            title: "Screens and sleep".into(),
            slug: "screens-2026".into(),
            description: "Tell us about screens.".into(),
            meeting_name: "CWG-COP 26".into(),
            meeting_date: "2027-01-20".into(),
            start: "2027-01-10T09:00".into(),
            time_zone: "Asia/Riyadh".into(),
            ..ConsultationForm::new_defaults()
        }
    }

    #[test]
    fn a_complete_form_parses_into_settings() {
        let settings = valid().parse().unwrap();
        assert_eq!(settings.slug, "screens-2026");
        let w = settings.window.unwrap();
        assert_eq!(crate::domain::time_fmt::iso_utc(w.opens_at), "2027-01-10T06:00:00Z");
        assert_eq!(w.closes_at - w.opens_at, 24 * 3600);
        assert_eq!(
            (settings.grace_minutes, settings.min_cell_size, settings.retention_days),
            (15, 10, 30)
        );
    }

    #[test]
    fn stored_settings_come_back_as_the_same_settings() {
        let settings = valid().parse().unwrap();
        assert_eq!(ConsultationForm::from_settings(&settings).parse().unwrap(), settings);
    }

    #[test]
    fn a_draft_has_no_window() {
        let form = ConsultationForm { window: "draft".into(), start: String::new(), ..valid() };
        assert_eq!(form.parse().unwrap().window, None);
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let form = ConsultationForm {
            title: "x".into(),
            slug: "Not A Slug".into(),
            min_cell_size: "4".into(),
            time_zone: "Nowhere/Special".into(),
            meeting_date: "soon".into(),
            language: "de".into(),
            ..valid()
        };
        let errors = form.parse().unwrap_err();
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            ["language", "meeting_date", "min_cell_size", "slug", "time_zone", "title"]
        );
        assert_eq!(errors["min_cell_size"], Problem::MinCellSize);
        assert_eq!(errors["slug"], Problem::Slug);
    }

    #[test]
    fn slugs_are_lower_case_words_with_dashes() {
        for good in ["abc", "cop-youth-2026"] {
            assert!(slug_rule(good).is_ok(), "{good}");
        }
        for bad in ["ab", "-abc", "abc-", "ABC", "a b c", "اختبار", &"a".repeat(61)] {
            assert!(slug_rule(bad).is_err(), "{bad}");
        }
    }
}
