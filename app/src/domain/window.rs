//! Turning what an organizer chooses into the window's two instants.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use serde::{Deserialize, Serialize};

use super::lifecycle::{UnixTime, Window, WindowChange};
use super::problem::{FieldProblems, Problem};

pub const DEFAULT_HOURS: i64 = 24;
pub const MAX_HOURS: i64 = 72;
/// At most a day more at a time: a longer change is a new window, set in the settings.
pub const MAX_EXTENSION_MINUTES: i64 = 24 * 60;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowAction {
    #[default]
    Close,
    Extend,
}

/// An organizer's form to close an open window early or extend it, kept as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WindowChangeForm {
    pub action: WindowAction,
    /// The close the organizer saw. The change applies only to that window, so the same form
    /// sent twice, or after another organizer's change, changes nothing.
    pub seen_close: UnixTime,
    /// The box that confirms closing early.
    pub confirm: Option<String>,
    pub minutes: String,
}

impl WindowChangeForm {
    pub fn parse(&self) -> Result<WindowChange, FieldProblems> {
        match self.action {
            WindowAction::Close if self.confirm.is_some() => Ok(WindowChange::CloseNow),
            WindowAction::Close => {
                Err(FieldProblems::from([("confirm".into(), Problem::ConfirmClose)]))
            }
            WindowAction::Extend => match self.minutes.trim().parse() {
                Ok(minutes) if (1..=MAX_EXTENSION_MINUTES).contains(&minutes) => {
                    Ok(WindowChange::Extend { minutes })
                }
                _ => Err(FieldProblems::from([("minutes".into(), Problem::ExtendMinutes)])),
            },
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WindowChoice {
    /// No window yet: the consultation stays a draft.
    NotYet,
    /// Opens at a local time in a named time zone, for a number of hours.
    Starting { start: DateTime, time_zone: String, hours: i64 },
    /// The whole calendar day everywhere on Earth: from 00:00 in UTC+14 to 24:00 in UTC−12.
    WholeDayEverywhere { date: Date },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WindowError {
    UnknownTimeZone,
    Length,
    OutOfRange,
}

pub fn resolve(choice: &WindowChoice) -> Result<Option<Window>, WindowError> {
    match choice {
        WindowChoice::NotYet => Ok(None),
        WindowChoice::Starting { start, time_zone, hours } => {
            if !(1..=MAX_HOURS).contains(hours) {
                return Err(WindowError::Length);
            }
            let tz = TimeZone::get(time_zone).map_err(|_| WindowError::UnknownTimeZone)?;
            let opens_at =
                start.to_zoned(tz).map_err(|_| WindowError::OutOfRange)?.timestamp().as_second();
            Ok(Some(Window { opens_at, closes_at: opens_at + hours * 3600 }))
        }
        WindowChoice::WholeDayEverywhere { date } => {
            let midnight_utc = date
                .to_zoned(TimeZone::UTC)
                .map_err(|_| WindowError::OutOfRange)?
                .timestamp()
                .as_second();
            Ok(Some(Window {
                opens_at: midnight_utc - 14 * 3600,
                closes_at: midnight_utc + (24 + 12) * 3600,
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time_fmt::iso_utc;
    use jiff::civil::date;

    #[test]
    fn closing_early_needs_the_box_ticked() {
        let close = WindowChangeForm { action: WindowAction::Close, ..Default::default() };
        assert_eq!(close.parse().unwrap_err()["confirm"], Problem::ConfirmClose);
        let confirmed = WindowChangeForm { confirm: Some("yes".into()), ..close };
        assert_eq!(confirmed.parse(), Ok(WindowChange::CloseNow));
    }

    #[test]
    fn an_extension_is_a_whole_number_of_minutes_up_to_a_day() {
        let extend = |minutes: &str| {
            WindowChangeForm {
                action: WindowAction::Extend,
                minutes: minutes.into(),
                ..Default::default()
            }
            .parse()
        };
        assert_eq!(extend(" 90 "), Ok(WindowChange::Extend { minutes: 90 }));
        assert_eq!(extend("1440"), Ok(WindowChange::Extend { minutes: 1440 }));
        for wrong in ["", "0", "-5", "1441", "1.5", "an hour"] {
            assert_eq!(extend(wrong).unwrap_err()["minutes"], Problem::ExtendMinutes, "{wrong}");
        }
    }

    fn iso(w: Window) -> (String, String) {
        (iso_utc(w.opens_at), iso_utc(w.closes_at))
    }

    #[test]
    fn a_local_start_in_a_named_zone_becomes_utc() {
        let choice = WindowChoice::Starting {
            start: date(2026, 12, 1).at(9, 0, 0, 0),
            time_zone: "Europe/Zurich".into(),
            hours: 24,
        };
        let w = resolve(&choice).unwrap().unwrap();
        assert_eq!(iso(w), ("2026-12-01T08:00:00Z".into(), "2026-12-02T08:00:00Z".into()));
    }

    #[test]
    fn summer_time_is_taken_into_account() {
        let choice = WindowChoice::Starting {
            start: date(2026, 7, 1).at(9, 0, 0, 0),
            time_zone: "Europe/Zurich".into(),
            hours: 6,
        };
        let w = resolve(&choice).unwrap().unwrap();
        assert_eq!(iso(w), ("2026-07-01T07:00:00Z".into(), "2026-07-01T13:00:00Z".into()));
    }

    #[test]
    fn the_whole_day_everywhere_lasts_fifty_hours() {
        let w = resolve(&WindowChoice::WholeDayEverywhere { date: date(2026, 12, 1) })
            .unwrap()
            .unwrap();
        assert_eq!(iso(w), ("2026-11-30T10:00:00Z".into(), "2026-12-02T12:00:00Z".into()));
        assert_eq!(w.closes_at - w.opens_at, 50 * 3600);
    }

    #[test]
    fn unknown_zones_and_odd_lengths_are_refused() {
        let start = date(2026, 12, 1).at(9, 0, 0, 0);
        let zone = |time_zone: &str, hours| WindowChoice::Starting {
            start,
            time_zone: time_zone.into(),
            hours,
        };
        assert_eq!(resolve(&zone("Mars/Olympus", 24)), Err(WindowError::UnknownTimeZone));
        assert_eq!(resolve(&zone("UTC", 0)), Err(WindowError::Length));
        assert_eq!(resolve(&zone("UTC", MAX_HOURS + 1)), Err(WindowError::Length));
        assert_eq!(resolve(&WindowChoice::NotYet), Ok(None));
    }
}
