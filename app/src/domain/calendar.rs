//! An iCalendar (RFC 5545) file so a young person can put the opening in their calendar, or a
//! reminder to come back and read what the meeting did with their views.

use jiff::civil::Date;

use super::lifecycle::{UnixTime, Window};
use super::time_fmt::ics_utc;

pub struct Event<'a> {
    pub uid: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    pub when: When,
    pub stamp: UnixTime,
}

pub enum When {
    /// The consultation's window, to the second.
    Window(Window),
    /// A whole day, wherever the reader is.
    Day(Date),
}

/// The day to come back after a meeting held on `meeting`: the next one, when what happened can
/// be written. `None` for a date that does not read (stored before dates were checked).
pub fn come_back(meeting: &str) -> Option<Date> {
    meeting.trim().parse::<Date>().ok()?.tomorrow().ok()
}

pub fn ics(event: &Event<'_>) -> String {
    let (start, end) = match &event.when {
        When::Window(w) => {
            (format!(":{}", ics_utc(w.opens_at)), format!(":{}", ics_utc(w.closes_at)))
        }
        When::Day(day) => {
            let date = |d: Date| format!(";VALUE=DATE:{}", d.strftime("%Y%m%d"));
            (date(*day), date(day.tomorrow().unwrap_or(*day)))
        }
    };
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Youth Consult//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", escape(event.uid)),
        format!("DTSTAMP:{}", ics_utc(event.stamp)),
        format!("DTSTART{start}"),
        format!("DTEND{end}"),
        format!("SUMMARY:{}", escape(event.title)),
        format!("DESCRIPTION:{}", escape(&format!("{}\n\n{}", event.description, event.url))),
        format!("URL:{}", event.url),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines.iter().map(|l| fold(l)).collect()
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Lines longer than 75 octets continue on the next line after a space, never inside a
/// multi-byte character (Arabic and Chinese titles are common).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event<'a>(title: &'a str) -> Event<'a> {
        Event {
            uid: "demo@youth-consult",
            title,
            description: "Tell us, please; it matters",
            url: "http://127.0.0.1:3000/c/demo",
            when: When::Window(Window { opens_at: 1_795_507_200, closes_at: 1_795_593_600 }),
            stamp: 1_795_000_000,
        }
    }

    #[test]
    fn the_event_has_the_window_in_utc_and_escaped_text() {
        let ics = ics(&event("Screen time"));
        assert!(ics.contains("DTSTART:20261124T080000Z\r\n"));
        assert!(ics.contains("DTEND:20261125T080000Z\r\n"));
        assert!(ics.contains("DESCRIPTION:Tell us\\, please\\; it matters\\n\\nhttp://"));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn the_reminder_to_come_back_is_the_whole_day_after_the_meeting() {
        let day = come_back("2027-01-31").unwrap();
        let ics = ics(&Event { when: When::Day(day), ..event("Screen time") });
        assert!(ics.contains("\r\nDTSTART;VALUE=DATE:20270201\r\nDTEND;VALUE=DATE:20270202\r\n"));
        assert!(!ics.contains("DTSTART:"));
        assert_eq!(come_back("soon"), None);
    }

    #[test]
    fn long_lines_fold_without_splitting_characters() {
        let title = "استشارة الشباب بشأن حماية الأطفال على الإنترنت قبل اجتماع فريق العمل";
        let ics = ics(&event(title));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{title}")));
    }
}
