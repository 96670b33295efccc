//! Consultation content in the reader's language. Organizers write a consultation in its own
//! language and may translate each of its texts into the others. A translation belongs to the
//! text it translates (by a digest of it), so rewriting a text retires its translation instead of
//! showing it under words it no longer matches. A question is shown translated only when all its
//! texts are: one question never mixes two languages.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::brief::Brief;
use super::consultation::Consultation;
use super::follow_up::Told;
use super::ids::QuestionId;
use super::language::Language;
use super::problem::{FieldProblems, Problem};
use super::question::{Question, QuestionKind};

/// The longest translation of any text (the description's own limit).
pub const MAX_CHARS: usize = 4000;

/// A source text's name: the first 16 hex digits of its SHA-256.
pub fn key(source: &str) -> String {
    data_encoding::HEXLOWER.encode(&Sha256::digest(source.as_bytes())[..8])
}

/// The form field that carries the translation of the text named `key`.
pub fn field(key: &str) -> String {
    format!("t{key}")
}

/// One language's translations of one consultation: source key → text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translations(BTreeMap<String, String>);

impl Translations {
    pub fn new(by_key: impl IntoIterator<Item = (String, String)>) -> Self {
        Self(by_key.into_iter().collect())
    }

    /// The translation of `source`, if there is one.
    pub fn of(&self, source: &str) -> Option<&str> {
        self.by_key(&key(source))
    }

    pub fn by_key(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Replaces `text` with its translation; `false` when there is none.
    fn apply(&self, text: &mut String) -> bool {
        match self.of(text) {
            Some(translated) => {
                *text = translated.to_owned();
                true
            }
            None => false,
        }
    }
}

/// Where a text stands in a consultation, as the translation form labels it. Questions are
/// numbered from 1, as organizers see them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    Title,
    Description,
    Meeting,
    /// The brief's summary paragraph.
    Summary,
    /// The action the brief requests of the meeting.
    Action,
    KeyMessage(usize),
    Prompt(usize),
    Option(usize),
    LowEnd(usize),
    HighEnd(usize),
    Theme(usize),
    /// A young person's words a moderator chose to quote.
    Quote(usize),
    /// A part of what happened next.
    FollowUp(Told),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub part: Part,
    pub key: String,
    pub text: String,
}

/// What the summary adds to a consultation's own texts, each by question id: the themes
/// moderators named, the answers they chose to quote, and the organizers' brief.
#[derive(Clone, Copy, Debug, Default)]
pub struct SummaryTexts<'a> {
    pub themes: &'a [(QuestionId, String)],
    /// Each with the language it is written in.
    pub quotes: &'a [(QuestionId, Language, String)],
    pub brief: Option<&'a Brief>,
}

/// Every text of a consultation to translate into `to`, in page order, each text once, what
/// happened next last (it is written last, after the meeting). Organizers write in the
/// consultation's own language: into it, only the quotes young people wrote in others.
pub fn sources(
    c: &Consultation,
    questions: &[Question],
    extra: SummaryTexts,
    to: Language,
) -> Vec<Source> {
    let mut parts = vec![
        (Part::Title, &c.title),
        (Part::Description, &c.description),
        (Part::Meeting, &c.meeting.name),
    ];
    if let Some(brief) = extra.brief {
        parts.push((Part::Summary, &brief.summary));
        parts.push((Part::Action, &brief.action));
        parts.extend((1..).zip(&brief.messages).map(|(n, m)| (Part::KeyMessage(n), &m.text)));
    }
    for (n, q) in (1..).zip(questions) {
        parts.push((Part::Prompt(n), &q.prompt));
        match &q.kind {
            QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
                parts.extend(options.iter().map(|o| (Part::Option(n), &o.label)));
            }
            QuestionKind::Scale { low_label, high_label } => {
                parts.push((Part::LowEnd(n), low_label));
                parts.push((Part::HighEnd(n), high_label));
            }
            QuestionKind::FreeText { .. } => {}
        }
        let themes = extra.themes.iter().filter(|(question, _)| *question == q.id);
        parts.extend(themes.map(|(_, name)| (Part::Theme(n), name)));
        let quotes = extra
            .quotes
            .iter()
            .filter(|(question, language, _)| *question == q.id && *language != to);
        parts.extend(quotes.map(|(_, _, quote)| (Part::Quote(n), quote)));
    }
    if let Some(f) = &c.follow_up {
        parts.extend(f.parts.iter().map(|(&told, text)| (Part::FollowUp(told), text)));
    }
    let mut seen = std::collections::HashSet::new();
    parts
        .into_iter()
        .filter(|(part, _)| to != c.language || matches!(part, Part::Quote(_)))
        .filter(|(_, text)| !text.trim().is_empty() && seen.insert(text.as_str()))
        .map(|(part, text)| Source { part, key: key(text), text: text.clone() })
        .collect()
}

/// The translations an organizer typed for `sources`, if every one is short enough; else a
/// message for each field that is not. Empty fields are texts not translated yet; fields for
/// texts that are no longer in the consultation are dropped.
pub fn parse_form(
    sources: &[Source],
    posted: &BTreeMap<String, String>,
) -> Result<Translations, FieldProblems> {
    let mut errors = FieldProblems::new();
    let mut texts = BTreeMap::new();
    for source in sources {
        let field = field(&source.key);
        let Some(text) = posted.get(&field).map(|t| t.trim()).filter(|t| !t.is_empty()) else {
            continue;
        };
        if text.chars().count() > MAX_CHARS {
            errors.insert(field, Problem::TranslationTooLong);
        } else {
            texts.insert(source.key.clone(), text.to_owned());
        }
    }
    if errors.is_empty() { Ok(Translations(texts)) } else { Err(errors) }
}

/// Which texts a page shows in the consultation's own language, for want of a translation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fallback {
    /// The consultation's own language: the `lang` of each text listed here.
    pub language: Language,
    pub title: bool,
    pub description: bool,
    pub questions: Vec<QuestionId>,
    /// The parts of what happened next.
    pub follow_up: Vec<Told>,
}

impl Fallback {
    /// `lang` for the title: set only when it is not in the page's language.
    pub fn title_lang(&self) -> Option<&'static str> {
        self.title.then(|| self.language.code())
    }

    pub fn description_lang(&self) -> Option<&'static str> {
        self.description.then(|| self.language.code())
    }

    pub fn follow_up_lang(&self, told: Told) -> Option<&'static str> {
        self.follow_up.contains(&told).then(|| self.language.code())
    }

    pub fn question_lang(&self, question_id: QuestionId) -> Option<&'static str> {
        self.questions.contains(&question_id).then(|| self.language.code())
    }
}

/// `c` and its questions in `reader`'s language wherever `translations` has them. `None` when
/// nothing is left in another language; the meeting's name is translated when it can be but,
/// read as a name within a sentence, needs no note.
pub fn localize(
    c: &mut Consultation,
    questions: &mut [Question],
    translations: &Translations,
    reader: Language,
) -> Option<Fallback> {
    if reader == c.language {
        return None;
    }
    translations.apply(&mut c.meeting.name);
    let fallback = Fallback {
        language: c.language,
        title: !translations.apply(&mut c.title),
        description: !translations.apply(&mut c.description),
        questions: questions
            .iter_mut()
            .filter_map(|q| (!localize_question(q, translations)).then_some(q.id))
            .collect(),
        follow_up: c.follow_up.as_mut().map_or_else(Vec::new, |f| {
            let parts = f.parts.iter_mut();
            parts.filter_map(|(&told, text)| (!translations.apply(text)).then_some(told)).collect()
        }),
    };
    let noted = fallback.title || fallback.description || !fallback.follow_up.is_empty();
    (noted || !fallback.questions.is_empty()).then_some(fallback)
}

/// All of the question's texts translated, or none of them.
fn localize_question(q: &mut Question, translations: &Translations) -> bool {
    let mut texts = vec![&mut q.prompt];
    match &mut q.kind {
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
            texts.extend(options.iter_mut().map(|o| &mut o.label));
        }
        QuestionKind::Scale { low_label, high_label } => texts.extend([low_label, high_label]),
        QuestionKind::FreeText { .. } => {}
    }
    if !texts.iter().all(|t| translations.of(t).is_some()) {
        return false;
    }
    texts.into_iter().all(|t| translations.apply(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::brief::KeyMessage;
    use crate::domain::consultation::Meeting;
    use crate::domain::follow_up::{FollowUp, Told};
    use crate::domain::lifecycle::Schedule;
    use crate::domain::question::AnswerOption;

    fn consultation() -> Consultation {
        Consultation {
            id: 1,
            slug: "screens".into(),
            title: "Screens and sleep".into(),
            description: "Tell us about screens.".into(),
            meeting: Meeting { name: "CWG-COP 26".into(), date: "2027-01-20".into() },
            language: Language::En,
            schedule: Schedule { window: None, grace_secs: 0, published_at: None, purged_at: None },
            min_cell_size: 10,
            retention_days: 30,
            follow_up: None,
        }
    }

    fn questions() -> Vec<Question> {
        vec![
            Question {
                id: QuestionId(10),
                prompt: "Where do you go online?".into(),
                required: true,
                kind: QuestionKind::SingleChoice {
                    options: vec![
                        AnswerOption { id: 11, label: "Games".into() },
                        AnswerOption { id: 12, label: "Chat".into() },
                    ],
                },
            },
            Question {
                id: QuestionId(20),
                prompt: "What worries you?".into(),
                required: false,
                kind: QuestionKind::FreeText { max_chars: 1000 },
            },
        ]
    }

    fn arabic(pairs: &[(&str, &str)]) -> Translations {
        Translations::new(pairs.iter().map(|(s, t)| (key(s), (*t).to_owned())))
    }

    #[test]
    fn a_key_names_the_text_not_its_place() {
        assert_eq!(key("Games"), key("Games"));
        assert_ne!(key("Games"), key("Games "));
        assert_eq!(key("Games").len(), 16);
    }

    #[test]
    fn a_fully_translated_consultation_reads_in_the_readers_language_with_no_note() {
        let t = arabic(&[
            ("Screens and sleep", "الشاشات والنوم"),
            ("Tell us about screens.", "أخبرنا عن الشاشات."),
            ("Where do you go online?", "أين تذهب على الإنترنت؟"),
            ("Games", "الألعاب"),
            ("Chat", "الدردشة"),
            ("What worries you?", "ما الذي يقلقك؟"),
        ]);
        let (mut c, mut qs) = (consultation(), questions());
        assert_eq!(localize(&mut c, &mut qs, &t, Language::Ar), None);
        assert_eq!(c.title, "الشاشات والنوم");
        assert_eq!(c.meeting.name, "CWG-COP 26", "no translation: the name as written");
        assert_eq!(qs[0].kind.options()[1].label, "الدردشة");
        assert_eq!(qs[1].prompt, "ما الذي يقلقك؟");
    }

    #[test]
    fn a_question_missing_one_text_stays_whole_in_the_original_and_is_noted() {
        let t = arabic(&[
            ("Screens and sleep", "الشاشات والنوم"),
            ("Where do you go online?", "أين تذهب على الإنترنت؟"),
            ("Games", "الألعاب"),
            ("What worries you?", "ما الذي يقلقك؟"),
        ]);
        let (mut c, mut qs) = (consultation(), questions());
        let fallback = localize(&mut c, &mut qs, &t, Language::Ar).unwrap();
        assert_eq!(
            fallback,
            Fallback {
                language: Language::En,
                title: false,
                description: true,
                questions: vec![QuestionId(10)],
                follow_up: Vec::new(),
            }
        );
        assert_eq!(qs[0].prompt, "Where do you go online?");
        assert_eq!(qs[0].kind.options()[0].label, "Games");
        assert_eq!(fallback.question_lang(QuestionId(10)), Some("en"));
        assert_eq!(fallback.question_lang(QuestionId(20)), None);
        assert_eq!(fallback.description_lang(), Some("en"));
        assert_eq!(fallback.title_lang(), None);
    }

    #[test]
    fn a_reader_of_the_consultations_own_language_gets_it_unchanged() {
        let t = arabic(&[("Screens and sleep", "الشاشات والنوم")]);
        let (mut c, mut qs) = (consultation(), questions());
        assert_eq!(localize(&mut c, &mut qs, &t, Language::En), None);
        assert_eq!(c.title, "Screens and sleep");
    }

    #[test]
    fn what_happened_next_is_translated_last_and_noted_when_it_is_not() {
        let parts =
            [(Told::Decided, "The meeting agreed.".into()), (Told::Next, "In June.".into())];
        let told = FollowUp { parts: parts.into(), written_at: 1 };
        let c = Consultation { follow_up: Some(told), ..consultation() };
        let listed = sources(&c, &[], SummaryTexts::default(), Language::Ar);
        let last: Vec<Part> = listed.iter().rev().take(2).map(|s| s.part).collect();
        assert_eq!(last, [Part::FollowUp(Told::Next), Part::FollowUp(Told::Decided)]);

        let t = arabic(&[
            ("Screens and sleep", "الشاشات والنوم"),
            ("Tell us about screens.", "أخبرنا"),
        ]);
        let mut untranslated = c.clone();
        let fallback = localize(&mut untranslated, &mut [], &t, Language::Ar).unwrap();
        assert_eq!(fallback.follow_up_lang(Told::Decided), Some("en"));
        assert!(!fallback.title && !fallback.description);

        let t = arabic(&[
            ("Screens and sleep", "الشاشات والنوم"),
            ("Tell us about screens.", "أخبرنا"),
            ("The meeting agreed.", "وافق الاجتماع."),
        ]);
        let mut partly = c.clone();
        let fallback = localize(&mut partly, &mut [], &t, Language::Ar).unwrap();
        assert_eq!(fallback.follow_up, [Told::Next], "each part marked on its own");
        assert_eq!(partly.follow_up.unwrap().parts[&Told::Decided], "وافق الاجتماع.");

        let t = arabic(&[
            ("Screens and sleep", "الشاشات والنوم"),
            ("Tell us about screens.", "أخبرنا"),
            ("The meeting agreed.", "وافق الاجتماع."),
            ("In June.", "في يونيو."),
        ]);
        let mut translated = c;
        assert_eq!(localize(&mut translated, &mut [], &t, Language::Ar), None);
        assert_eq!(translated.follow_up.unwrap().parts[&Told::Next], "في يونيو.");
    }

    #[test]
    fn a_rewritten_text_loses_its_old_translation() {
        let t = arabic(&[("Screens and sleep", "الشاشات والنوم")]);
        let mut c = Consultation { title: "Screens and rest".into(), ..consultation() };
        let fallback = localize(&mut c, &mut [], &t, Language::Ar).unwrap();
        assert!(fallback.title);
        assert_eq!(c.title, "Screens and rest");
    }

    #[test]
    fn sources_list_every_text_once_in_page_order_with_its_place() {
        let mut qs = questions();
        qs[1].prompt = "Games".into(); // the same words as an option: translated once
        let themes =
            [(QuestionId(20), "Bullying".to_owned()), (QuestionId(99), "Elsewhere".to_owned())];
        let quotes = [
            (QuestionId(20), Language::En, "Stop the bullies".to_owned()),
            (QuestionId(20), Language::Ar, "أوقفوا التنمر".to_owned()),
        ];
        let brief = Brief {
            summary: "They want kinder games.".into(),
            action: "Ask app makers.".into(),
            messages: vec![KeyMessage { text: "Be kind".into(), themes: vec![], quotes: vec![] }],
        };
        let extra = SummaryTexts { themes: &themes, quotes: &quotes, brief: Some(&brief) };
        let listed = sources(&consultation(), &qs, extra, Language::Ar);
        let listed: Vec<(Part, &str)> = listed.iter().map(|s| (s.part, s.text.as_str())).collect();
        assert_eq!(
            listed,
            [
                (Part::Title, "Screens and sleep"),
                (Part::Description, "Tell us about screens."),
                (Part::Meeting, "CWG-COP 26"),
                (Part::Summary, "They want kinder games."),
                (Part::Action, "Ask app makers."),
                (Part::KeyMessage(1), "Be kind"),
                (Part::Prompt(1), "Where do you go online?"),
                (Part::Option(1), "Games"),
                (Part::Option(1), "Chat"),
                (Part::Theme(2), "Bullying"),
                (Part::Quote(2), "Stop the bullies"),
            ]
        );
        // Into English, the consultation's own: only the quote written in Arabic.
        let listed = sources(&consultation(), &qs, extra, Language::En);
        let listed: Vec<(Part, &str)> = listed.iter().map(|s| (s.part, s.text.as_str())).collect();
        assert_eq!(listed, [(Part::Quote(2), "أوقفوا التنمر")]);
    }

    #[test]
    fn the_form_keeps_filled_fields_and_refuses_overlong_ones() {
        let list = sources(&consultation(), &questions(), SummaryTexts::default(), Language::Ar);
        let title = field(&list[0].key);
        let description = field(&list[1].key);
        let posted = BTreeMap::from([
            (title.clone(), "  الشاشات والنوم ".to_owned()),
            (description.clone(), String::new()),
            (field(&key("no longer there")), "قديم".to_owned()),
        ]);
        let t = parse_form(&list, &posted).unwrap();
        assert_eq!(t.iter().collect::<Vec<_>>(), [(list[0].key.as_str(), "الشاشات والنوم")]);

        let long = BTreeMap::from([(description.clone(), "ب".repeat(MAX_CHARS + 1))]);
        let errors = parse_form(&list, &long).unwrap_err();
        assert_eq!(errors.keys().collect::<Vec<_>>(), [&description]);
    }
}
