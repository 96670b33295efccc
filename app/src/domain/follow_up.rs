//! "What happened next": once the summary is published and the meeting has used it, organizers
//! tell young people what it did with their views, in the four parts that guidance on children's
//! participation asks of feedback ([`Told`]), each optional. It stands at the top of the
//! consultation's page and of the summary. It is about the meeting, never about anyone who
//! answered.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::keyed::keyed;
use super::language::Language;
use super::lifecycle::{Schedule, UnixTime};
use super::problem::{FieldProblems, Problem};
use super::translation::Translations;

/// A part: a few paragraphs at most.
pub const MAX_CHARS: usize = 2000;

keyed! {
    /// What feedback to young people on their views tells them: who received them, what was
    /// decided and why, what was not taken up and why, and when the next update comes.
    #[derive(
        Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
    )]
    #[serde(rename_all = "snake_case")]
    pub enum Told {
        Received => "received",
        Decided => "decided",
        NotTaken => "not_taken",
        Next => "next",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// The parts written, at least one, in the order of [`Told::ALL`].
    pub parts: BTreeMap<Told, String>,
    /// When organizers last wrote it.
    pub written_at: UnixTime,
}

/// A part's paragraphs (as written or translated), as separated by blank lines.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

/// One part of what happened next with its translations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslatedPart {
    pub text: String,
    pub translations: BTreeMap<Language, String>,
}

/// What happened next with its translations, as the published summary's page and JSON carry it
/// (written after publication, so never part of the frozen snapshot).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InAllLanguages {
    pub parts: BTreeMap<Told, TranslatedPart>,
    /// The language it was written in: the consultation's own.
    pub language: Language,
    pub written_at: UnixTime,
}

impl InAllLanguages {
    pub fn new(
        told: FollowUp,
        language: Language,
        translations: &HashMap<Language, Translations>,
    ) -> Self {
        let parts = told
            .parts
            .into_iter()
            .map(|(part, text)| {
                let translations = translations
                    .iter()
                    .filter(|&(&l, _)| l != language)
                    .filter_map(|(&l, t)| Some((l, t.of(&text)?.to_owned())))
                    .collect();
                (part, TranslatedPart { text, translations })
            })
            .collect();
        Self { parts, language, written_at: told.written_at }
    }

    /// Each part in `reader`'s language where translated; else as written, with its language
    /// (for `lang`).
    pub fn read_in(&self, reader: Language) -> Vec<(Told, &str, Option<Language>)> {
        self.parts
            .iter()
            .map(|(&told, p)| match p.translations.get(&reader) {
                Some(translated) => (told, translated.as_str(), None),
                None if reader == self.language => (told, p.text.as_str(), None),
                None => (told, p.text.as_str(), Some(self.language)),
            })
            .collect()
    }
}

/// What happened next is told only once there is a published summary it follows from.
pub fn may_write(schedule: &Schedule) -> bool {
    schedule.published_at.is_some()
}

/// The organizer's form, kept as typed: one field per part.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUpForm {
    pub received: String,
    pub decided: String,
    pub not_taken: String,
    pub next: String,
}

impl FollowUpForm {
    pub fn field(&self, told: Told) -> &str {
        match told {
            Told::Received => &self.received,
            Told::Decided => &self.decided,
            Told::NotTaken => &self.not_taken,
            Told::Next => &self.next,
        }
    }

    /// The parts to show, line breaks as `\n`, empty ones left out; `None` (an empty form)
    /// takes it down. Each problem is keyed by its part's key.
    pub fn parse(&self) -> Result<Option<BTreeMap<Told, String>>, FieldProblems> {
        let mut parts = BTreeMap::new();
        let mut problems = FieldProblems::new();
        for told in Told::ALL {
            let text = self.field(told).replace("\r\n", "\n");
            let text = text.trim();
            if text.chars().count() > MAX_CHARS {
                problems.insert(told.key().into(), Problem::FollowUpTooLong);
            } else if !text.is_empty() {
                parts.insert(told, text.to_owned());
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok((!parts.is_empty()).then_some(parts))
    }
}

impl From<&FollowUp> for FollowUpForm {
    fn from(told: &FollowUp) -> Self {
        let part = |t: Told| told.parts.get(&t).cloned().unwrap_or_default();
        Self {
            received: part(Told::Received),
            decided: part(Told::Decided),
            not_taken: part(Told::NotTaken),
            next: part(Told::Next),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::Window;

    fn decided(text: &str) -> FollowUpForm {
        FollowUpForm { decided: text.into(), ..FollowUpForm::default() }
    }

    #[test]
    fn each_part_is_trimmed_with_plain_line_breaks_and_an_empty_form_takes_it_down() {
        let form = FollowUpForm {
            received: " The 25th meeting. ".into(),
            decided: "  We met.\r\n\r\nWe agreed.  ".into(),
            ..FollowUpForm::default()
        };
        let parts = form.parse().unwrap().unwrap();
        assert_eq!(
            parts.into_iter().collect::<Vec<_>>(),
            [
                (Told::Received, "The 25th meeting.".into()),
                (Told::Decided, "We met.\n\nWe agreed.".into())
            ],
            "in the order young people read them, empty parts left out"
        );
        assert_eq!(decided(" \r\n ").parse(), Ok(None));
    }

    #[test]
    fn a_few_paragraphs_fit_in_a_part_and_more_is_refused_by_part() {
        let arabic = "ناقش الاجتماع آراءكم. ".repeat(90);
        assert!(arabic.trim().chars().count() <= MAX_CHARS);
        assert!(decided(&arabic).parse().is_ok(), "counted in characters, not bytes");
        let long = FollowUpForm { next: "a".repeat(MAX_CHARS + 1), ..decided("We met.") };
        let problems = long.parse().unwrap_err();
        assert_eq!(problems["next"], Problem::FollowUpTooLong);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn the_form_reads_back_what_was_written() {
        let parts =
            BTreeMap::from([(Told::NotTaken, "A ban: most of you were against it.".into())]);
        let told = FollowUp { parts, written_at: 1 };
        let form = FollowUpForm::from(&told);
        assert_eq!(form.not_taken, "A ban: most of you were against it.");
        assert_eq!(form.parse(), Ok(Some(told.parts)));
    }

    #[test]
    fn paragraphs_are_split_at_blank_lines() {
        let text = "First.\nStill first.\n\n\n\nSecond.";
        assert_eq!(paragraphs(text).collect::<Vec<_>>(), ["First.\nStill first.", "Second."]);
    }

    #[test]
    fn each_reader_gets_each_part_in_their_language_or_as_written_marked_as_such() {
        let parts = BTreeMap::from([
            (Told::Decided, "The meeting agreed.".into()),
            (Told::Next, "In June.".into()),
        ]);
        let told = FollowUp { parts, written_at: 7 };
        let key = crate::domain::translation::key;
        let french =
            Translations::new([(key("The meeting agreed."), "La réunion a accepté.".into())]);
        let stale = Translations::new([(key("An older text."), "Ancien.".into())]);
        let all = HashMap::from([(Language::Fr, french), (Language::Es, stale)]);
        let published = InAllLanguages::new(told, Language::En, &all);
        assert_eq!(published.parts[&Told::Decided].translations.len(), 1, "not an older text's");
        assert_eq!(
            published.read_in(Language::Fr),
            [
                (Told::Decided, "La réunion a accepté.", None),
                (Told::Next, "In June.", Some(Language::En))
            ]
        );
        assert_eq!(published.read_in(Language::En)[1], (Told::Next, "In June.", None));
        assert_eq!(published.written_at, 7);
    }

    #[test]
    fn it_is_written_only_after_publication() {
        let window = Some(Window { opens_at: 0, closes_at: 100 });
        let closed = Schedule { window, grace_secs: 0, published_at: None, purged_at: None };
        assert!(!may_write(&closed));
        let published = Schedule { published_at: Some(200), ..closed };
        assert!(may_write(&published));
        assert!(may_write(&Schedule { purged_at: Some(300), ..published }), "and after the purge");
    }
}
