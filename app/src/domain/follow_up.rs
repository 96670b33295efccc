//! "What happened next": once the summary is published and the meeting has used it, organizers
//! tell young people what it did with their views. It stands at the top of the consultation's
//! page and of the summary. It is about the meeting, never about anyone who answered.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::language::Language;
use super::lifecycle::{Schedule, UnixTime};
use super::problem::{FieldProblems, Problem};
use super::translation::Translations;

/// A few paragraphs; as long as a consultation's description may be.
pub const MAX_CHARS: usize = 4000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub text: String,
    /// When organizers last wrote it.
    pub written_at: UnixTime,
}

/// A follow-up's paragraphs (as written or translated), as separated by blank lines.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

/// What happened next with its translations, as the published summary's page and JSON carry it
/// (written after publication, so never part of the frozen snapshot).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InAllLanguages {
    pub text: String,
    /// The language it was written in: the consultation's own.
    pub language: Language,
    pub written_at: UnixTime,
    pub translations: BTreeMap<Language, String>,
}

impl InAllLanguages {
    pub fn new(
        told: FollowUp,
        language: Language,
        translations: &HashMap<Language, Translations>,
    ) -> Self {
        let translations = translations
            .iter()
            .filter_map(|(&l, t)| Some((l, t.of(&told.text)?.to_owned())))
            .filter(|&(l, _)| l != language)
            .collect();
        Self { text: told.text, language, written_at: told.written_at, translations }
    }

    /// In `reader`'s language where translated; else as written, with its language (for `lang`).
    pub fn read_in(&self, reader: Language) -> (&str, Option<Language>) {
        match self.translations.get(&reader) {
            Some(translated) => (translated, None),
            None if reader == self.language => (&self.text, None),
            None => (&self.text, Some(self.language)),
        }
    }
}

/// What happened next is told only once there is a published summary it follows from.
pub fn may_write(schedule: &Schedule) -> bool {
    schedule.published_at.is_some()
}

/// The organizer's form, kept as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUpForm {
    pub text: String,
}

impl FollowUpForm {
    /// The text to show, line breaks as `\n`; `None` (an empty form) takes it down.
    pub fn parse(&self) -> Result<Option<String>, FieldProblems> {
        let text = self.text.replace("\r\n", "\n");
        let text = text.trim();
        if text.chars().count() > MAX_CHARS {
            return Err(FieldProblems::from([("text".into(), Problem::FollowUpTooLong)]));
        }
        Ok((!text.is_empty()).then(|| text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::Window;

    fn form(text: &str) -> FollowUpForm {
        FollowUpForm { text: text.into() }
    }

    #[test]
    fn the_text_is_trimmed_with_plain_line_breaks_and_empty_takes_it_down() {
        assert_eq!(
            form("  We met.\r\n\r\nWe agreed.  ").parse(),
            Ok(Some("We met.\n\nWe agreed.".into()))
        );
        assert_eq!(form(" \r\n ").parse(), Ok(None));
    }

    #[test]
    fn a_few_paragraphs_fit_and_more_is_refused() {
        let arabic = "ناقش الاجتماع آراءكم. ".repeat(180);
        assert!(arabic.trim().chars().count() <= MAX_CHARS);
        assert!(form(&arabic).parse().is_ok(), "counted in characters, not bytes");
        let long = "a".repeat(MAX_CHARS + 1);
        assert_eq!(form(&long).parse().unwrap_err()["text"], Problem::FollowUpTooLong);
    }

    #[test]
    fn paragraphs_are_split_at_blank_lines() {
        let text = "First.\nStill first.\n\n\n\nSecond.";
        assert_eq!(paragraphs(text).collect::<Vec<_>>(), ["First.\nStill first.", "Second."]);
    }

    #[test]
    fn each_reader_gets_their_language_or_the_original_marked_as_such() {
        let told = FollowUp { text: "The meeting agreed.".into(), written_at: 7 };
        let french = Translations::new([(
            crate::domain::translation::key(&told.text),
            "La réunion a accepté.".into(),
        )]);
        let stale = Translations::new([(
            crate::domain::translation::key("An older text."),
            "Ancien.".into(),
        )]);
        let all = HashMap::from([(Language::Fr, french), (Language::Es, stale)]);
        let published = InAllLanguages::new(told, Language::En, &all);
        assert_eq!(published.translations.len(), 1, "a translation of an older text is not kept");
        assert_eq!(published.read_in(Language::Fr), ("La réunion a accepté.", None));
        assert_eq!(published.read_in(Language::En), ("The meeting agreed.", None));
        assert_eq!(published.read_in(Language::Es), ("The meeting agreed.", Some(Language::En)));
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
