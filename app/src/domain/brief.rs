//! The brief delegates read first: a one-paragraph summary, the action requested of the meeting,
//! and three to five key messages, each tied to the themes that are its evidence (how many young
//! people's answers carry each, suppressed like every count) and to one or two quotes moderators
//! chose, verbatim. Organizers write it; the summary opens with it; publishing refuses a key
//! message whose theme is too small to show or whose quote is no longer a published quote.

use serde::{Deserialize, Serialize};

use super::ids::AnswerId;
use super::problem::{FieldProblems, Problem};
use super::summary::Quote;
use super::suppression::Shown;

pub const MAX_SUMMARY_CHARS: usize = 1500;
pub const MAX_ACTION_CHARS: usize = 250;
pub const MAX_MESSAGE_CHARS: usize = 400;
/// Fewer is not a brief; more is not read.
pub const MESSAGES: std::ops::RangeInclusive<usize> = 3..=5;
/// Quotes a key message may cite.
pub const MAX_QUOTES: usize = 2;

/// A theme of one question's answers: `question` counts from 1, as the summary numbers them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ThemeRef {
    pub question: usize,
    pub name: String,
}

impl ThemeRef {
    /// As a form's checkbox sends it: `2:Privacy`.
    pub fn key(&self) -> String {
        format!("{}:{}", self.question, self.name)
    }

    pub fn parse(key: &str) -> Option<Self> {
        let (question, name) = key.split_once(':')?;
        let question = question.parse().ok().filter(|&q| q > 0)?;
        Some(Self { question, name: name.to_owned() }).filter(|t| !t.name.is_empty())
    }
}

/// The brief as organizers wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brief {
    pub summary: String,
    pub action: String,
    pub messages: Vec<KeyMessage<ThemeRef, AnswerId>>,
}

/// A key message and its evidence: a theme `E` as written ([`ThemeRef`]) or with its count
/// ([`Evidence`]) in the summary, and a quote `Q` as its answer or as the summary shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyMessage<E, Q> {
    pub text: String,
    pub themes: Vec<E>,
    #[serde(default = "Vec::new")]
    pub quotes: Vec<Q>,
}

/// A theme as the summary shows it: the question's count of answers carrying it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub theme: ThemeRef,
    /// `None`: no such theme among the question's approved answers (renamed or undone since).
    pub count: Option<Shown>,
}

impl Evidence {
    /// Shown in numbers: a key message rests on it.
    pub fn stands(&self) -> bool {
        self.count.is_some_and(|c| c.count().is_some())
    }
}

/// The brief in the summary, its themes counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefSummary {
    pub summary: String,
    pub action: String,
    /// `None`: a quote that is no longer one (rejected, unmarked or taken out since).
    pub messages: Vec<KeyMessage<Evidence, Option<Quote>>>,
}

impl Brief {
    /// Each theme with the count `count_of` gives it and each quote as `quote_of` finds it (the
    /// summary's, already suppressed).
    pub fn counted(
        self,
        count_of: impl Fn(&ThemeRef) -> Option<Shown>,
        quote_of: impl Fn(AnswerId) -> Option<Quote>,
    ) -> BriefSummary {
        let messages = self
            .messages
            .into_iter()
            .map(|m| KeyMessage {
                text: m.text,
                themes: m
                    .themes
                    .into_iter()
                    .map(|theme| Evidence { count: count_of(&theme), theme })
                    .collect(),
                quotes: m.quotes.into_iter().map(&quote_of).collect(),
            })
            .collect();
        BriefSummary { summary: self.summary, action: self.action, messages }
    }
}

impl BriefSummary {
    /// Themes that cannot be shown in numbers: publishing waits until none is left.
    pub fn weak_evidence(&self) -> Vec<&ThemeRef> {
        let themes = self.messages.iter().flat_map(|m| &m.themes);
        themes.filter(|e| !e.stands()).map(|e| &e.theme).collect()
    }

    /// Every theme shown in numbers and every quote still one: it may be published.
    pub fn stands(&self) -> bool {
        let mut quotes = self.messages.iter().flat_map(|m| &m.quotes);
        self.weak_evidence().is_empty() && quotes.all(Option::is_some)
    }
}

/// The organizer's form as posted, kept as typed: up to five messages, each with the themes
/// ticked for it (`message_1`, `theme_1`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefForm {
    pub summary: String,
    pub action: String,
    pub messages: [String; 5],
    pub themes: [Vec<String>; 5],
    pub quotes: [Vec<String>; 5],
}

impl BriefForm {
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut form = Self::default();
        let slot = |name: &str, prefix: &str| {
            let n: usize = name.strip_prefix(prefix)?.parse().ok()?;
            (1..=5).contains(&n).then(|| n - 1)
        };
        for (name, value) in pairs {
            match name.as_str() {
                "summary" => form.summary = value.clone(),
                "action" => form.action = value.clone(),
                name => {
                    if let Some(i) = slot(name, "message_") {
                        form.messages[i] = value.clone();
                    } else if let Some(i) = slot(name, "theme_") {
                        form.themes[i].push(value.clone());
                    } else if let Some(i) = slot(name, "quote_") {
                        form.quotes[i].push(value.clone());
                    }
                }
            }
        }
        form
    }

    pub fn of(brief: &Brief) -> Self {
        let mut form = Self {
            summary: brief.summary.clone(),
            action: brief.action.clone(),
            ..Self::default()
        };
        for (i, m) in brief.messages.iter().take(5).enumerate() {
            form.messages[i] = m.text.clone();
            form.themes[i] = m.themes.iter().map(ThemeRef::key).collect();
            form.quotes[i] = m.quotes.iter().map(ToString::to_string).collect();
        }
        form
    }

    /// The brief, or what to mend, by field (`message_2`, `theme_2`).
    pub fn parse(&self) -> Result<Brief, FieldProblems> {
        let mut problems = FieldProblems::new();
        let summary = text(&self.summary, MAX_SUMMARY_CHARS, false);
        let action = text(&self.action, MAX_ACTION_CHARS, true);
        let mut messages = Vec::new();
        let mut note = |name: String, result: Result<String, Problem>| {
            result.unwrap_or_else(|problem| {
                problems.insert(name, problem);
                String::new()
            })
        };
        let summary = note("summary".into(), summary);
        let action = note("action".into(), action);
        let mut bare = Vec::new();
        let mut crowded = Vec::new();
        for (i, message) in self.messages.iter().enumerate() {
            let (themes, quotes) = (&self.themes[i], &self.quotes[i]);
            if message.trim().is_empty() && themes.is_empty() && quotes.is_empty() {
                continue;
            }
            let message =
                note(format!("message_{}", i + 1), text(message, MAX_MESSAGE_CHARS, false));
            let themes: Vec<ThemeRef> = themes.iter().filter_map(|t| ThemeRef::parse(t)).collect();
            let quotes: Vec<AnswerId> = quotes.iter().filter_map(|q| q.parse().ok()).collect();
            if themes.is_empty() {
                bare.push(i + 1);
            }
            if quotes.len() > MAX_QUOTES {
                crowded.push(i + 1);
            }
            messages.push(KeyMessage { text: message, themes, quotes });
        }
        for i in bare {
            problems.insert(format!("theme_{i}"), Problem::NoEvidence);
        }
        for i in crowded {
            problems.insert(format!("quote_{i}"), Problem::TooManyQuotes);
        }
        if !MESSAGES.contains(&messages.len()) {
            problems.insert("messages".into(), Problem::KeyMessages);
        }
        if problems.is_empty() { Ok(Brief { summary, action, messages }) } else { Err(problems) }
    }
}

/// A text as kept: line breaks as `\n` (or spaces, for one line), trimmed, required, at most
/// `max` characters.
fn text(value: &str, max: usize, one_line: bool) -> Result<String, Problem> {
    let value = value.replace("\r\n", "\n");
    let value = if one_line { value.replace('\n', " ") } else { value };
    let value = value.trim().to_owned();
    let chars = value.chars().count();
    if value.is_empty() {
        Err(Problem::Required)
    } else if chars > max {
        Err(Problem::TooLong { chars, max })
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::language::Language;

    fn pairs(extra: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut all = vec![
            ("summary", "Young people ask for safety by design.\r\n\r\nThey want to be heard."),
            ("action", "Adopt the\nrecommendations"),
            ("message_1", "Privacy first"),
            ("theme_1", "1:Privacy"),
            ("theme_1", "2:Data"),
            ("message_2", "Report buttons that work"),
            ("theme_2", "1:Reporting"),
            ("message_3", "Teach us, do not ban us"),
            ("theme_3", "3:Education"),
            ("quote_3", "17"),
        ];
        all.extend_from_slice(extra);
        all.into_iter().map(|(a, b)| (a.to_owned(), b.to_owned())).collect()
    }

    #[test]
    fn a_brief_is_read_from_the_form_with_its_themes() {
        let brief = BriefForm::from_pairs(&pairs(&[])).parse().unwrap();
        assert_eq!(
            brief.summary,
            "Young people ask for safety by design.\n\nThey want to be heard."
        );
        assert_eq!(brief.action, "Adopt the recommendations");
        assert_eq!(brief.messages.len(), 3);
        assert_eq!(brief.messages[2].quotes, [AnswerId(17)]);
        assert_eq!(
            brief.messages[0].themes,
            [
                ThemeRef { question: 1, name: "Privacy".into() },
                ThemeRef { question: 2, name: "Data".into() }
            ]
        );
        assert_eq!(BriefForm::of(&brief).parse(), Ok(brief));
    }

    #[test]
    fn three_to_five_messages_each_with_a_theme() {
        let two: Vec<_> = pairs(&[]).into_iter().filter(|(n, _)| !n.ends_with('3')).collect();
        let problems = BriefForm::from_pairs(&two).parse().unwrap_err();
        assert_eq!(problems.get("messages"), Some(&Problem::KeyMessages));
        let bare = BriefForm::from_pairs(&pairs(&[("message_4", "No evidence")])).parse();
        assert_eq!(bare.unwrap_err().get("theme_4"), Some(&Problem::NoEvidence));
        let long = "x".repeat(MAX_MESSAGE_CHARS + 1);
        let problems = BriefForm::from_pairs(&pairs(&[("message_5", &long), ("theme_5", "1:A")]));
        let problems = problems.parse().unwrap_err();
        assert_eq!(
            problems.get("message_5"),
            Some(&Problem::TooLong { chars: MAX_MESSAGE_CHARS + 1, max: MAX_MESSAGE_CHARS })
        );
        let empty = BriefForm::from_pairs(&pairs(&[("summary", " ")])).parse().unwrap_err();
        assert_eq!(empty.get("summary"), Some(&Problem::Required));
        let quotes = pairs(&[("quote_3", "18"), ("quote_3", "19")]);
        let crowded = BriefForm::from_pairs(&quotes).parse().unwrap_err();
        assert_eq!(crowded.get("quote_3"), Some(&Problem::TooManyQuotes));
    }

    #[test]
    fn a_theme_too_small_to_count_or_gone_is_weak_evidence() {
        let brief = BriefForm::from_pairs(&pairs(&[])).parse().unwrap();
        let counted = brief.counted(
            |t| match t.name.as_str() {
                "Privacy" => Some(Shown::Count(40)),
                "Data" => Some(Shown::FewerThanK),
                "Reporting" => Some(Shown::Count(12)),
                _ => None,
            },
            |_| Some(Quote::new("Teach us".into(), vec![], Language::En)),
        );
        let weak: Vec<String> = counted.weak_evidence().into_iter().map(ThemeRef::key).collect();
        assert_eq!(weak, ["2:Data", "3:Education"]);
        assert!(!counted.stands());
    }

    #[test]
    fn a_quote_no_longer_published_is_weak_evidence() {
        let brief = BriefForm::from_pairs(&pairs(&[])).parse().unwrap();
        let quote = |id: AnswerId| {
            (id == AnswerId(17)).then(|| Quote::new("Teach us".into(), vec![], Language::En))
        };
        assert!(brief.clone().counted(|_| Some(Shown::Count(20)), quote).stands());
        assert!(!brief.counted(|_| Some(Shown::Count(20)), |_| None).stands());
    }

    #[test]
    fn theme_keys_name_a_question_and_a_theme() {
        assert_eq!(
            ThemeRef::parse("2:Vie privée: données"),
            Some(ThemeRef { question: 2, name: "Vie privée: données".into() })
        );
        assert_eq!(ThemeRef::parse("0:X"), None);
        assert_eq!(ThemeRef::parse("2:"), None);
        assert_eq!(ThemeRef::parse("Privacy"), None);
    }
}
