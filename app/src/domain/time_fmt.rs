//! Times as people and calendars read them. Times are shown in UTC on the server; the browser
//! rewrites them in the reader's own time zone.

use time::{OffsetDateTime, format_description::FormatItem, macros::format_description};

use super::cldr;
use super::language::Language;
use super::lifecycle::UnixTime;

const HOUR: &[FormatItem<'_>] =
    format_description!("[day padding:none] [month repr:short] [hour]:[minute]");
const NUMERIC_HOUR: &[FormatItem<'_>] = format_description!("[year]-[month]-[day] [hour]:[minute]");
const ICS: &[FormatItem<'_>] = format_description!("[year][month][day]T[hour][minute][second]Z");
const ISO: &[FormatItem<'_>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");

fn format(t: UnixTime, description: &[FormatItem<'_>]) -> String {
    OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|dt| dt.format(description).ok())
        .unwrap_or_default()
}

/// A time in UTC in the words of `language`, as its readers write dates (ICU's full date,
/// `cldr::full_date`): "Tuesday, 24 November 2026, 08:00 UTC", "mardi 24 novembre 2026, 08:00 UTC",
/// "2026年11月24日星期二 08:00 UTC", "الثلاثاء، 24 نوفمبر 2026، 08:00 UTC".
pub fn words_utc(t: UnixTime, language: Language) -> String {
    let Ok(at) = OffsetDateTime::from_unix_timestamp(t) else { return String::new() };
    let date = cldr::full_date(at.year(), u8::from(at.month()), at.day(), language);
    // How each language joins a date and a time in running text.
    let comma = match language {
        Language::Zh => " ",
        Language::Ar => "، ",
        Language::En | Language::Fr | Language::Es | Language::Ru => ", ",
    };
    format!("{date}{comma}{:02}:{:02} UTC", at.hour(), at.minute())
}

/// "24 Nov 08:00", for the hours of a window.
pub fn hour_utc(t: UnixTime) -> String {
    format(t, HOUR)
}

/// "2026-11-24 08:00": an hour of a window in every language but English.
pub fn numeric_hour_utc(t: UnixTime) -> String {
    format(t, NUMERIC_HOUR)
}

/// "20261124T080000Z", as iCalendar wants it.
pub fn ics_utc(t: UnixTime) -> String {
    format(t, ICS)
}

/// "2026-11-24T08:00:00Z", for `<time datetime>`.
pub fn iso_utc(t: UnixTime) -> String {
    format(t, ISO)
}

/// "2 days 3 hours", "5 hours 12 minutes", "12 minutes", "less than a minute".
pub fn duration(secs: i64) -> String {
    let (days, hours, minutes) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60);
    let unit = |n: i64, one: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {one}s"),
    };
    match (days, hours, minutes) {
        (0, 0, 0) => "less than a minute".into(),
        (0, 0, m) => unit(m, "minute"),
        (0, h, m) => format!("{} {}", unit(h, "hour"), unit(m, "minute")),
        (d, h, _) => format!("{} {}", unit(d, "day"), unit(h, "hour")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: UnixTime = 1_795_507_200; // 2026-11-24 08:00:00 UTC

    #[test]
    fn formats_for_people_calendars_and_html() {
        assert_eq!(words_utc(T, Language::En), "Tuesday, 24 November 2026, 08:00 UTC");
        assert_eq!(ics_utc(T), "20261124T080000Z");
        assert_eq!(iso_utc(T), "2026-11-24T08:00:00Z");
    }

    #[test]
    fn dates_read_as_each_language_writes_them() {
        assert_eq!(words_utc(T, Language::Fr), "mardi 24 novembre 2026, 08:00 UTC");
        assert_eq!(words_utc(T, Language::Es), "martes, 24 de noviembre de 2026, 08:00 UTC");
        assert_eq!(words_utc(T, Language::Ru), "вторник, 24 ноября 2026\u{202F}г., 08:00 UTC");
        assert_eq!(words_utc(T, Language::Zh), "2026年11月24日星期二 08:00 UTC");
        assert_eq!(words_utc(T, Language::Ar), "الثلاثاء، 24 نوفمبر 2026، 08:00 UTC");
        assert_eq!(words_utc(T + 86_400 * 5, Language::En), "Sunday, 29 November 2026, 08:00 UTC");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(30), "less than a minute");
        assert_eq!(duration(60), "1 minute");
        assert_eq!(duration(3600 + 120), "1 hour 2 minutes");
        assert_eq!(duration(2 * 86_400 + 3 * 3600 + 59), "2 days 3 hours");
    }
}
