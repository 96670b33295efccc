//! The summary delegates read. It is computed once from counts (`aggregate`), frozen as a
//! snapshot when published, and rendered from that snapshot as a page, JSON and CSV (`csv`).
//! Groups and answers are kept as keys, not words, so a snapshot can be shown in any language.

pub mod aggregate;
mod choices;
pub mod csv;
mod tallies;
mod texts;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::brief::{BriefSummary, ThemeRef};
use super::consultation::Meeting;
use super::demographics::{AgeBand, Choice, Gender, Region};
use super::integrity::HoldReason;
use super::language::Language;
use super::lifecycle::UnixTime;
use super::moderation::RejectReason;
use super::suppression::Shown;
use super::translation::Translations;

pub use aggregate::aggregate;
pub use tallies::{
    ChoiceKey, ChoiceTally, HeldTally, ParticipantTally, Profile, QuoteTally, ReviewTally, Tallies,
    ThemeTally,
};

/// Quotes shown under each theme, at most.
pub const QUOTES_PER_THEME: usize = 3;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub about: About,
    /// What delegates read first, when organizers wrote it (older snapshots have none).
    #[serde(default)]
    pub brief: Option<BriefSummary>,
    /// The minimum cell size every number here follows.
    pub k: u64,
    /// Everyone counted: responses not rejected as spam.
    pub participants: Shown,
    /// Empty when fewer than k took part: then nothing else is shown.
    pub participation: Vec<Breakdown<Vec<GroupCount>>>,
    pub questions: Vec<QuestionSummary>,
    pub method: Method,
    /// Organizers' translations of the texts above, frozen with them (older snapshots have none).
    #[serde(default)]
    pub translations: BTreeMap<Language, Translations>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct About {
    pub title: String,
    pub meeting: Meeting,
    /// The language the consultation was written in.
    #[serde(default)]
    pub language: Language,
    pub opens_at: Option<UnixTime>,
    pub closes_at: Option<UnixTime>,
}

/// Something shown by group, or left out because nearly every group in it is too small.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown<T> {
    pub dimension: Dimension,
    pub part: Part<T>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part<T> {
    Shown(T),
    LeftOut,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Dimension {
    AgeBand,
    Region,
    Gender,
    Language,
    Hour,
}

impl Dimension {
    /// Participation is shown by all of these; answers by the first two.
    pub const ALL: [Self; 5] =
        [Self::AgeBand, Self::Region, Self::Gender, Self::Language, Self::Hour];
    pub const BREAKDOWNS: [Self; 2] = [Self::AgeBand, Self::Region];

    pub fn label(self) -> &'static str {
        match self {
            Self::AgeBand => "Age band",
            Self::Region => "Region",
            Self::Gender => "Gender",
            Self::Language => "Language",
            Self::Hour => "Hour (UTC)",
        }
    }

    /// "by age band", "by hour (UTC)": how titles name a breakdown.
    pub fn by(self) -> &'static str {
        match self {
            Self::AgeBand => "by age band",
            Self::Region => "by region",
            Self::Gender => "by gender",
            Self::Language => "by language",
            Self::Hour => "by hour (UTC)",
        }
    }
}

/// One group of young people within a dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Group {
    AgeBand(AgeBand),
    Region(Region),
    Gender(Gender),
    Language(Language),
    /// The hour starting at this time.
    Hour(UnixTime),
    /// Said "prefer not to say" or left the question out.
    NotStated,
    /// In a breakdown, the groups too small to show alone, counted together.
    Smaller,
}

impl Group {
    pub fn label(self) -> String {
        match self {
            Self::AgeBand(a) => a.label().into(),
            Self::Region(r) => r.label().into(),
            Self::Gender(g) => g.label().into(),
            Self::Language(l) => l.name().into(),
            Self::Hour(t) => super::time_fmt::hour_utc(t),
            Self::NotStated => "Not stated".into(),
            Self::Smaller => "Smaller groups together".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCount {
    pub group: Group,
    pub count: Shown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionSummary {
    pub prompt: String,
    pub result: QuestionResult,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionResult {
    Choice(ChoiceResult),
    Text(TextResult),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceResult {
    /// Several options could be chosen, so shares add up to more than 100 %.
    pub multiple: bool,
    /// Shares are of everyone who took part.
    pub base: u64,
    /// Left out only when the counts could not be shown without revealing a small group.
    pub rows: Part<Vec<ChoiceRow>>,
    /// Rows in the same order as `rows`, one column per group.
    pub breakdowns: Vec<Breakdown<Table>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceRow {
    pub answer: Answer,
    pub count: Shown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Option(String),
    /// A point of the 1–5 scale; its two ends carry their labels.
    Scale {
        value: u8,
        label: Option<String>,
    },
    NoAnswer,
}

impl Answer {
    pub fn label(&self) -> String {
        match self {
            Self::Option(label) => label.clone(),
            Self::Scale { value, label: Some(label) } => format!("{value} ({label})"),
            Self::Scale { value, label: None } => value.to_string(),
            Self::NoAnswer => "No answer".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub groups: Vec<Group>,
    /// Young people in each group: shown, as small groups are combined into one.
    pub sizes: Vec<u64>,
    pub cells: Vec<Vec<Shown>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextResult {
    pub approved: Shown,
    /// Most mentioned first; themes of fewer than k answers last, by name.
    pub themes: Vec<ThemeResult>,
    /// Quotes whose answer has no theme.
    pub other_quotes: Vec<Quote>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeResult {
    pub name: String,
    pub count: Shown,
    pub quotes: Vec<Quote>,
}

/// A young person's words, verbatim (redactions aside), in the language they wrote them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    /// Only groups of at least k young people, together as well as each alone.
    pub groups: Vec<Group>,
    /// The language it is written in, as guessed from its words (none in older snapshots).
    #[serde(default)]
    pub language: Option<Language>,
    /// The organizers' translation into the reader's language, where there is one
    /// ([`Summary::localize`]); `text` stays the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
}

impl Quote {
    pub fn new(text: String, groups: Vec<Group>, language: Language) -> Self {
        Self { text, groups, language: Some(language), translation: None }
    }
}

/// How the free-text answers were moderated; every count follows k like the rest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Method {
    /// Counted in the summary: the sum of the questions' approved answers.
    pub approved: Shown,
    pub rejected: Shown,
    /// Still waiting for a moderator when the summary was made: not counted.
    pub pending: Shown,
    pub reasons: Part<Vec<(RejectReason, Shown)>>,
    /// Whole responses rejected as spam, left out of every count.
    pub spam_responses: Shown,
    /// Whole responses held by the integrity checks and not released, left out of every count.
    /// (Summaries published before the checks existed had none.)
    #[serde(default = "none_held")]
    pub held: Shown,
    /// For each reason, how many of those had it; a response may have several.
    #[serde(default)]
    pub held_reasons: Vec<(HoldReason, Shown)>,
    /// Of `held`, those no moderator had decided on when the summary was made: unread.
    #[serde(default = "none_held")]
    pub held_undecided: Shown,
}

fn none_held() -> Shown {
    Shown::Count(0)
}

impl Summary {
    /// How many approved answers carry a theme, as this summary shows it; `None`: no such theme.
    pub fn theme_count(&self, theme: &ThemeRef) -> Option<Shown> {
        let question = self.questions.get(theme.question.checked_sub(1)?)?;
        let QuestionResult::Text(text) = &question.result else { return None };
        text.themes.iter().find(|t| t.name == theme.name).map(|t| t.count)
    }

    /// The quote with this text, as this summary shows it (its groups suppressed).
    pub fn quote(&self, text: &str) -> Option<Quote> {
        let texts = self.questions.iter().filter_map(|q| match &q.result {
            QuestionResult::Text(t) => Some(t),
            QuestionResult::Choice(_) => None,
        });
        let mut quotes =
            texts.flat_map(|t| t.themes.iter().flat_map(|th| &th.quotes).chain(&t.other_quotes));
        quotes.find(|q| q.text == text).cloned()
    }

    /// The summary in `reader`'s language wherever organizers translated its texts. Young
    /// people's quotes keep their own words, with the translation beside them. Returns the
    /// organizers' texts left as written.
    pub fn localize(&mut self, reader: Language) -> BTreeSet<String> {
        let translations = self.translations.get(&reader).cloned().unwrap_or_default();
        // Quotes in other languages, even for readers of the consultation's own.
        for quote in self.quotes_mut().filter(|q| q.language != Some(reader)) {
            quote.translation = translations.of(&quote.text).map(str::to_owned);
        }
        let mut untranslated = BTreeSet::new();
        if reader == self.about.language {
            return untranslated;
        }
        let mut apply = |text: &mut String| match translations.of(text) {
            Some(translated) => *text = translated.to_owned(),
            None => {
                untranslated.insert(text.clone());
            }
        };
        apply(&mut self.about.title);
        apply(&mut self.about.meeting.name);
        for q in &mut self.questions {
            apply(&mut q.prompt);
            match &mut q.result {
                QuestionResult::Choice(c) => {
                    let Part::Shown(rows) = &mut c.rows else { continue };
                    for row in rows {
                        match &mut row.answer {
                            Answer::Option(label) | Answer::Scale { label: Some(label), .. } => {
                                apply(label)
                            }
                            Answer::Scale { label: None, .. } | Answer::NoAnswer => {}
                        }
                    }
                }
                QuestionResult::Text(t) => t.themes.iter_mut().for_each(|t| apply(&mut t.name)),
            }
        }
        if let Some(brief) = &mut self.brief {
            apply(&mut brief.summary);
            apply(&mut brief.action);
            for message in &mut brief.messages {
                apply(&mut message.text);
                message.themes.iter_mut().for_each(|e| apply(&mut e.theme.name));
            }
        }
        untranslated
    }

    /// Every quote the summary shows: under its themes, among the others, in the brief.
    fn quotes_mut(&mut self) -> impl Iterator<Item = &mut Quote> {
        let texts = self.questions.iter_mut().filter_map(|q| match &mut q.result {
            QuestionResult::Text(t) => Some(t),
            QuestionResult::Choice(_) => None,
        });
        let answers = texts.flat_map(|t| {
            t.themes.iter_mut().flat_map(|th| th.quotes.iter_mut()).chain(t.other_quotes.iter_mut())
        });
        let brief = self.brief.iter_mut().flat_map(|b| &mut b.messages);
        answers.chain(brief.flat_map(|m| m.quotes.iter_mut().flatten()))
    }
}

/// `count` as a percentage of `base`, to one decimal; nothing for a hidden count.
pub fn share(count: Shown, base: u64) -> Option<f64> {
    let count = count.count()?;
    (base > 0).then(|| (count as f64 * 1000.0 / base as f64).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::translation::key;

    fn summary() -> Summary {
        let count = Shown::Count(12);
        let zero = Shown::Count(0);
        let choice = ChoiceResult {
            multiple: false,
            base: 12,
            rows: Part::Shown(vec![
                ChoiceRow { answer: Answer::Option("Games".into()), count },
                ChoiceRow { answer: Answer::NoAnswer, count: Shown::Hidden },
            ]),
            breakdowns: vec![],
        };
        let quote = Quote::new("Stop the bullies.".into(), vec![], Language::En);
        let text = TextResult {
            approved: count,
            themes: vec![ThemeResult { name: "Bullying".into(), count, quotes: vec![quote] }],
            other_quotes: vec![],
        };
        let arabic = [
            ("Safety online", "السلامة على الإنترنت"),
            ("Where do you go online?", "أين تذهب على الإنترنت؟"),
            ("Games", "الألعاب"),
            ("Bullying", "التنمر"),
            ("Stop the bullies.", "أوقفوا المتنمرين."),
        ];
        Summary {
            brief: None,
            about: About {
                title: "Safety online".into(),
                meeting: Meeting { name: "CWG-COP".into(), date: "2026-12-01".into() },
                language: Language::En,
                opens_at: None,
                closes_at: None,
            },
            k: 10,
            participants: count,
            participation: vec![],
            questions: vec![
                QuestionSummary {
                    prompt: "Where do you go online?".into(),
                    result: QuestionResult::Choice(choice),
                },
                QuestionSummary {
                    prompt: "What worries you?".into(),
                    result: QuestionResult::Text(text),
                },
            ],
            method: Method {
                approved: count,
                rejected: zero,
                pending: zero,
                reasons: Part::LeftOut,
                spam_responses: zero,
                held: zero,
                held_reasons: vec![],
                held_undecided: zero,
            },
            translations: BTreeMap::from([(
                Language::Ar,
                Translations::new(arabic.map(|(s, t)| (key(s), t.to_owned()))),
            )]),
        }
    }

    #[test]
    fn a_summary_reads_in_the_delegates_language_where_it_was_translated() {
        let mut s = summary();
        let left = s.localize(Language::Ar);
        assert_eq!(s.about.title, "السلامة على الإنترنت");
        assert_eq!(s.questions[0].prompt, "أين تذهب على الإنترنت؟");
        let QuestionResult::Choice(c) = &s.questions[0].result else { panic!() };
        let Part::Shown(rows) = &c.rows else { panic!() };
        assert_eq!(rows[0].answer.label(), "الألعاب");
        let QuestionResult::Text(t) = &s.questions[1].result else { panic!() };
        assert_eq!(t.themes[0].name, "التنمر");
        let quote = &t.themes[0].quotes[0];
        assert_eq!(quote.text, "Stop the bullies.", "young people's own words, always");
        assert_eq!(quote.translation.as_deref(), Some("أوقفوا المتنمرين."), "translated beside");
        let left: Vec<&str> = left.iter().map(String::as_str).collect();
        assert_eq!(left, ["CWG-COP", "What worries you?"]);
    }

    #[test]
    fn a_quote_is_translated_only_for_readers_of_another_language() {
        let mut s = summary();
        s.translations
            .insert(Language::En, Translations::new([(key("Stop the bullies."), "Stop!".into())]));
        s.localize(Language::En);
        let QuestionResult::Text(t) = &s.questions[1].result else { panic!() };
        assert_eq!(t.themes[0].quotes[0].translation, None, "written in English already");
        let json = serde_json::to_value(&t.themes[0].quotes[0]).unwrap();
        assert!(json.get("translation").is_none(), "{json}");

        // Written in Arabic: translated for a reader of the consultation's own English.
        let mut s = summary();
        let QuestionResult::Text(t) = &mut s.questions[1].result else { panic!() };
        let quote = &mut t.themes[0].quotes[0];
        (quote.text, quote.language) = ("أوقفوا التنمر".into(), Some(Language::Ar));
        s.translations
            .insert(Language::En, Translations::new([(key("أوقفوا التنمر"), "Stop!".into())]));
        assert!(s.localize(Language::En).is_empty());
        let QuestionResult::Text(t) = &s.questions[1].result else { panic!() };
        assert_eq!(t.themes[0].quotes[0].translation.as_deref(), Some("Stop!"));
    }

    #[test]
    fn in_its_own_language_a_summary_is_unchanged() {
        let mut s = summary();
        assert!(s.localize(Language::En).is_empty());
        assert_eq!(s, summary());
        let mut french = summary();
        assert_eq!(french.localize(Language::Fr).len(), 6, "nothing translated into French");
        let QuestionResult::Text(t) = &french.questions[1].result else { panic!() };
        assert_eq!(t.themes[0].quotes[0].translation, None);
    }

    #[test]
    fn a_snapshot_frozen_before_translations_existed_still_reads() {
        let mut json = serde_json::to_value(summary()).unwrap();
        json.as_object_mut().unwrap().remove("translations");
        json["about"].as_object_mut().unwrap().remove("language");
        let quote = &mut json["questions"][1]["result"]["Text"]["themes"][0]["quotes"][0];
        quote.as_object_mut().unwrap().remove("language");
        let old: Summary = serde_json::from_value(json).unwrap();
        assert!(old.translations.is_empty());
        assert_eq!(old.about.language, Language::En);
    }
}
