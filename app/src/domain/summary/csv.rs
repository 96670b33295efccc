//! The summary as CSV: one row per count, as the page shows it, for spreadsheets.

use super::{Breakdown, Part, QuestionResult, Summary, Table, share};
use crate::domain::suppression::Shown;

const HEADER: [&str; 7] =
    ["question", "answer", "dimension", "group", "count", "share_percent", "suppressed"];

pub fn to_csv(summary: &Summary) -> String {
    let mut out = Rows { k: summary.k, lines: vec![HEADER.map(String::from).to_vec()] };
    let n = summary.participants.count().unwrap_or(0);
    if let Some(brief) = &summary.brief {
        out.text(["Brief", "Summary", "", "", &brief.summary]);
        out.text(["Brief", "Action requested", "", "", &brief.action]);
        for (i, m) in brief.messages.iter().enumerate() {
            let message = format!("Key message {}: {}", i + 1, m.text);
            for e in &m.themes {
                let theme = format!("question {}: {}", e.theme.question, e.theme.name);
                out.count([&message, "Theme", &theme, ""], e.count.unwrap_or(Shown::Hidden), 0);
            }
            for q in m.quotes.iter().flatten() {
                out.text([&message, "Quote", "", "", &q.text]);
            }
        }
    }
    out.count(["Participants", "", "All", ""], summary.participants, n);
    for breakdown in &summary.participation {
        let dimension = breakdown.dimension.label();
        match &breakdown.part {
            Part::Shown(groups) => {
                for g in groups {
                    out.count(["Participants", "", dimension, &g.group.label()], g.count, n);
                }
            }
            Part::LeftOut => out.left_out(["Participants", "", dimension]),
        }
    }
    for question in &summary.questions {
        let prompt = question.prompt.as_str();
        match &question.result {
            QuestionResult::Choice(choice) => {
                let rows = match &choice.rows {
                    Part::Shown(rows) => rows,
                    Part::LeftOut => {
                        out.left_out([prompt, "", "All"]);
                        continue;
                    }
                };
                for row in rows {
                    out.count([prompt, &row.answer.label(), "All", ""], row.count, choice.base);
                }
                for Breakdown { dimension, part } in &choice.breakdowns {
                    match part {
                        Part::Shown(Table { groups, sizes, cells }) => {
                            for (row, cells) in rows.iter().zip(cells) {
                                for ((group, &size), &cell) in groups.iter().zip(sizes).zip(cells) {
                                    let place = [
                                        prompt,
                                        &row.answer.label(),
                                        dimension.label(),
                                        &group.label(),
                                    ];
                                    out.count(place, cell, size);
                                }
                            }
                        }
                        Part::LeftOut => out.left_out([prompt, "", dimension.label()]),
                    }
                }
            }
            QuestionResult::Text(text) => {
                out.count([prompt, "Approved answers", "All", ""], text.approved, n);
                let approved = text.approved.count().unwrap_or(0);
                for theme in &text.themes {
                    out.count([prompt, &theme.name, "All", ""], theme.count, approved);
                }
            }
        }
    }
    let method = &summary.method;
    out.count(["Moderation", "Approved answers", "All", ""], method.approved, 0);
    out.count(["Moderation", "Rejected answers", "All", ""], method.rejected, 0);
    if let Part::Shown(reasons) = &method.reasons {
        for (reason, count) in reasons {
            out.count(["Moderation", "Rejected answers", "Reason", reason.label()], *count, 0);
        }
    }
    out.count(["Moderation", "Answers not yet reviewed", "All", ""], method.pending, 0);
    out.count(["Moderation", "Responses rejected as spam", "All", ""], method.spam_responses, 0);
    out.count(["Integrity", "Responses held back", "All", ""], method.held, 0);
    for (reason, count) in &method.held_reasons {
        out.count(["Integrity", "Responses held back", "Reason", reason.label()], *count, 0);
    }
    out.count(
        ["Integrity", "Responses held back", "Not yet decided", ""],
        method.held_undecided,
        0,
    );
    let mut text = String::new();
    for line in out.lines {
        let cells: Vec<String> = line.iter().map(|c| cell(c)).collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    text
}

struct Rows {
    k: u64,
    lines: Vec<Vec<String>>,
}

impl Rows {
    /// A count with its share of `base` (no share for a base of 0).
    fn count(&mut self, place: [&str; 4], count: Shown, base: u64) {
        let value = count.count().map(|n| n.to_string()).unwrap_or_default();
        let share = share(count, base).map(|s| format!("{s:.1}")).unwrap_or_default();
        let suppressed = count.withheld_text(self.k).unwrap_or_default();
        let mut line: Vec<String> = place.map(String::from).to_vec();
        line.extend([value, share, suppressed]);
        self.lines.push(line);
    }

    /// Words, not a count: the brief's texts, in the `suppressed` column's place.
    fn text(&mut self, cells: [&str; 5]) {
        let mut line: Vec<String> = cells[..4].iter().map(|c| c.to_string()).collect();
        line.extend(["".into(), "".into(), cells[4].into()]);
        self.lines.push(line);
    }

    fn left_out(&mut self, place: [&str; 3]) {
        let mut line: Vec<String> = place.map(String::from).to_vec();
        line.extend(["".into(), "".into(), "".into(), "left out: too many small groups".into()]);
        self.lines.push(line);
    }
}

/// One CSV field. Text a spreadsheet would run as a formula gets a leading apostrophe; fields
/// with separators, quotes or line breaks are quoted.
pub fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for text in ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx"] {
            assert!(cell(text).trim_start_matches('"').starts_with('\''), "{text:?}");
        }
    }

    #[test]
    fn separators_and_quotes_are_quoted() {
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=1,2"), "\"'=1,2\"");
        assert_eq!(cell("plain"), "plain");
    }
}
