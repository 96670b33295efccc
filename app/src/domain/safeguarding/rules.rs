//! Rules: phrases in the words children use, one list per language (`app/safeguarding/`, whose
//! README gives the format). A text is read word by word, each word reduced to its stem, so one
//! rule covers a word's forms; parts of a rule may have a few words between them; a rule can ask
//! for no negation before it, or for a first-person sentence. Chinese, written without spaces, is
//! matched in the text as written.

use std::collections::HashMap;

use super::{Concern, ListError, Source, Why};
use crate::domain::language::Language;
use crate::domain::word_forms::{WordForms, normalise};

/// Words that may stand between two parts of a rule (`…`).
const GAP_WORDS: usize = 4;
/// Characters that may stand between two parts of a Chinese rule.
const GAP_CHARS: usize = 8;
/// How far before a rule a negation still negates it: words, or Chinese characters.
const NEGATION_REACH: usize = 3;

/// One word of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Pattern {
    /// A word with this stem.
    Stem(String),
    /// A word starting with this (`cut*`), as written.
    Prefix(String),
    /// This word exactly (`=corto`): where a stem would lose who does what to whom (Spanish
    /// "corto", I cut, and "cortan", they cut, are both "cort").
    Exact(String),
}

#[derive(Clone, Debug)]
struct Rule {
    concern: Concern,
    language: Language,
    /// Word rules: parts of consecutive words. Chinese: parts of text.
    parts: Vec<Vec<Pattern>>,
    /// `!`: not after a negation.
    negatable: bool,
    /// `^`: only in a first-person sentence.
    first_person: bool,
    why: Why,
}

/// A language whose list has no cue words.
static NO_CUES: Cues = Cues { negation: Vec::new(), first_person: Vec::new() };

/// A language's cue words, as stems (Chinese: as written).
#[derive(Clone, Debug, Default)]
struct Cues {
    negation: Vec<String>,
    first_person: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Rules {
    /// In list order: of two rules that match, the first listed says why.
    rules: Vec<Rule>,
    /// Word rules by their first word's stem, per language, so a text's words look up the few
    /// rules they can start instead of every rule being tried at every word.
    by_first_stem: HashMap<(Language, String), Vec<usize>>,
    /// Rules starting with a prefix, and Chinese rules: tried everywhere (there are few).
    everywhere: Vec<usize>,
    cues: HashMap<Language, Cues>,
}

enum Section {
    Concern(Concern),
    Negation,
    FirstPerson,
}

impl Rules {
    /// Reads lists in the documented format; `sources` are (file name, text) pairs, each file
    /// named after its language (`en.txt`, `fr-secretariat.txt`).
    pub fn from_lists<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, ListError> {
        let mut rules = Self::default();
        for (name, text) in sources {
            let source = Source { name };
            let error = |line: usize, problem: &str| source.error(line, problem);
            let file = source.file();
            let language = Language::ALL
                .into_iter()
                .find(|l| {
                    file.strip_prefix(l.code())
                        .is_some_and(|rest| !rest.starts_with(char::is_alphabetic))
                })
                .ok_or_else(|| {
                    error(0, "name the file after its language (en.txt, fr-extra.txt)")
                })?;
            let words = Words::new(language);
            let mut section = None;
            for (number, line) in text.lines().enumerate() {
                let line = line.split('#').next().unwrap_or_default().trim();
                if line.is_empty() {
                    continue;
                }
                if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    section = Some(match name {
                        "negation" => Section::Negation,
                        "first_person" => Section::FirstPerson,
                        name => Section::Concern(
                            Concern::parse(name)
                                .ok_or_else(|| error(number + 1, "unknown category"))?,
                        ),
                    });
                    continue;
                }
                let cue = || words.cue(line);
                match section {
                    None => return Err(error(number + 1, "a rule before any [category]")),
                    Some(Section::Negation) => {
                        rules.cues.entry(language).or_default().negation.push(cue())
                    }
                    Some(Section::FirstPerson) => {
                        rules.cues.entry(language).or_default().first_person.push(cue())
                    }
                    Some(Section::Concern(concern)) => {
                        let why = Why::Rule {
                            list: file.to_owned(),
                            line: number + 1,
                            rule: line.to_owned(),
                        };
                        let rule = words
                            .rule(concern, line, why)
                            .ok_or_else(|| error(number + 1, "a rule needs a word"))?;
                        rules.add(rule);
                    }
                }
            }
        }
        Ok(rules)
    }

    fn add(&mut self, rule: Rule) {
        let index = self.rules.len();
        match rule.parts[0].first() {
            Some(Pattern::Stem(stem)) if rule.language != Language::Zh => {
                self.by_first_stem.entry((rule.language, stem.clone())).or_default().push(index)
            }
            _ => self.everywhere.push(index),
        }
        self.rules.push(rule);
    }

    /// The concern of the first rule in the lists that `text`, written in `language` (if known),
    /// matches, and why.
    pub fn flag(&self, text: &str, language: Option<Language>) -> Option<(Concern, &Why)> {
        let normalised = normalise(text);
        let mut first: Option<usize> = None;
        let mut consider = |index: usize, matched: bool| {
            if matched && first.is_none_or(|f| index < f) && self.rules[index].applies_in(language)
            {
                first = Some(index);
            }
        };
        for language in Language::ALL {
            let words = Words::new(language);
            let text = words.read(&normalised);
            let cues = self.cues.get(&language).unwrap_or(&NO_CUES);
            if language != Language::Zh {
                for (at, stem) in text.stems.iter().enumerate() {
                    for &index in
                        self.by_first_stem.get(&(language, stem.clone())).into_iter().flatten()
                    {
                        consider(index, text.matches_at(&self.rules[index], at, cues));
                    }
                }
            }
            for &index in &self.everywhere {
                let rule = &self.rules[index];
                if rule.language == language {
                    consider(index, text.matches_anywhere(rule, cues));
                }
            }
        }
        first.map(|index| (self.rules[index].concern, &self.rules[index].why))
    }
}

impl Rule {
    /// A one-word rule of English, French or Spanish applies to answers in its own language only:
    /// one stem may be two words in the three (Spanish "suicidarme", to kill oneself, and English
    /// "suicide" are both "suicid"). Longer rules, and other scripts, apply to every answer, as
    /// children mix languages.
    fn applies_in(&self, language: Option<Language>) -> bool {
        let latin = matches!(self.language, Language::En | Language::Fr | Language::Es);
        let one_word = self.parts.len() == 1 && self.parts[0].len() == 1;
        !(latin && one_word) || language.is_none_or(|l| l == self.language)
    }
}

/// How one language reads words.
struct Words {
    forms: WordForms,
}

/// A text as one language reads it.
struct Read<'a> {
    language: Language,
    /// The normalised text (Chinese rules match in it).
    text: &'a str,
    words: Vec<&'a str>,
    stems: Vec<String>,
    /// The sentence each word is in.
    sentences: Vec<usize>,
}

impl Words {
    fn new(language: Language) -> Self {
        Self { forms: WordForms::new(language) }
    }

    fn stem(&self, word: &str) -> String {
        self.forms.stem(word)
    }

    /// A cue word as the text's words will be compared with it.
    fn cue(&self, line: &str) -> String {
        let normalised = normalise(line);
        if self.forms.language == Language::Zh { normalised } else { self.stem(&normalised) }
    }

    fn rule(&self, concern: Concern, line: &str, why: Why) -> Option<Rule> {
        let (mut negatable, mut first_person, mut line) = (false, false, line);
        loop {
            if let Some(rest) = line.strip_prefix('!') {
                (negatable, line) = (true, rest.trim_start());
            } else if let Some(rest) = line.strip_prefix('^') {
                (first_person, line) = (true, rest.trim_start());
            } else {
                break;
            }
        }
        let line = line.replace("...", "…");
        let parts: Vec<Vec<Pattern>> = line
            .split('…')
            .map(|part| {
                let part = normalise(part);
                if self.forms.language == Language::Zh {
                    let text: String = part.split_whitespace().collect();
                    return if text.is_empty() { vec![] } else { vec![Pattern::Stem(text)] };
                }
                part.split_whitespace()
                    .map(|word| {
                        if let Some(prefix) = word.strip_suffix('*') {
                            Pattern::Prefix(prefix.to_owned())
                        } else if let Some(exact) = word.strip_prefix('=') {
                            Pattern::Exact(exact.to_owned())
                        } else {
                            Pattern::Stem(self.stem(word))
                        }
                    })
                    .collect()
            })
            .filter(|part: &Vec<Pattern>| !part.is_empty())
            .collect();
        (!parts.is_empty()).then_some(Rule {
            concern,
            language: self.forms.language,
            parts,
            negatable,
            first_person,
            why,
        })
    }

    fn read<'a>(&self, normalised: &'a str) -> Read<'a> {
        let (mut words, mut sentences, mut sentence) = (Vec::new(), Vec::new(), 0);
        let mut start = None;
        for (i, c) in normalised.char_indices().chain([(normalised.len(), '.')]) {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
                continue;
            }
            if let Some(s) = start.take() {
                words.push(&normalised[s..i]);
                sentences.push(sentence);
            }
            if matches!(c, '.' | '!' | '?' | ';' | '\n' | '。' | '！' | '？' | '；' | '؟' | '؛')
            {
                sentence += 1;
            }
        }
        let stems = words.iter().map(|w| self.stem(w)).collect();
        Read { language: self.forms.language, text: normalised, words, stems, sentences }
    }
}

impl Read<'_> {
    /// Whether `rule` (a word rule) matches starting at word `at`.
    fn matches_at(&self, rule: &Rule, at: usize, cues: &Cues) -> bool {
        self.parts_from(&rule.parts, at).is_some() && self.cues_allow(rule, at, cues)
    }

    /// Word rules that start with a prefix, and Chinese rules.
    fn matches_anywhere(&self, rule: &Rule, cues: &Cues) -> bool {
        if self.language == Language::Zh {
            return self.chinese(rule, cues);
        }
        (0..self.words.len()).any(|at| self.matches_at(rule, at, cues))
    }

    /// Where the parts end when the first starts at word `at` (later ones within the gap).
    fn parts_from(&self, parts: &[Vec<Pattern>], at: usize) -> Option<usize> {
        let (first, rest) = parts.split_first()?;
        let end = at + first.len();
        if end > self.words.len() || !first.iter().enumerate().all(|(i, p)| self.is(at + i, p)) {
            return None;
        }
        if rest.is_empty() {
            return Some(end);
        }
        (end..=end + GAP_WORDS).find_map(|next| self.parts_from(rest, next))
    }

    fn is(&self, at: usize, pattern: &Pattern) -> bool {
        match pattern {
            Pattern::Stem(stem) => self.stems.get(at) == Some(stem),
            Pattern::Prefix(prefix) => {
                self.words.get(at).is_some_and(|w| w.starts_with(prefix.as_str()))
            }
            Pattern::Exact(word) => self.words.get(at) == Some(&word.as_str()),
        }
    }

    fn cues_allow(&self, rule: &Rule, at: usize, cues: &Cues) -> bool {
        let sentence = self.sentences[at];
        let negated = rule.negatable
            && (at.saturating_sub(NEGATION_REACH)..at)
                .any(|i| self.sentences[i] == sentence && cues.negation.contains(&self.stems[i]));
        let personal = !rule.first_person
            || (0..self.words.len()).any(|i| {
                self.sentences[i] == sentence && cues.first_person.contains(&self.stems[i])
            });
        !negated && personal
    }

    /// A Chinese rule: each part found after the one before, at most [`GAP_CHARS`] apart.
    fn chinese(&self, rule: &Rule, cues: &Cues) -> bool {
        let parts: Vec<&str> = rule
            .parts
            .iter()
            .filter_map(|p| match p.first() {
                Some(Pattern::Stem(text)) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        self.text.match_indices(parts[0]).any(|(start, first)| {
            let mut end = start + first.len();
            for part in &parts[1..] {
                let window: String =
                    self.text[end..].chars().take(GAP_CHARS + part.chars().count()).collect();
                match window.find(part) {
                    Some(found) => end += found + part.len(),
                    None => return false,
                }
            }
            let before: String = {
                let chars: Vec<char> = self.text[..start].chars().collect();
                chars[chars.len().saturating_sub(NEGATION_REACH + 1)..].iter().collect()
            };
            let negated =
                rule.negatable && cues.negation.iter().any(|n| before.contains(n.as_str()));
            let sentence = sentence_around(self.text, start, end);
            let personal = !rule.first_person
                || cues.first_person.iter().any(|p| sentence.contains(p.as_str()));
            !negated && personal
        })
    }
}

/// The sentence of `text` holding `start..end`.
fn sentence_around(text: &str, start: usize, end: usize) -> &str {
    let stop = |c: char| matches!(c, '。' | '！' | '？' | '；' | '.' | '!' | '?' | '\n');
    let from = text[..start]
        .rfind(stop)
        .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let to = text[end..].find(stop).map_or(text.len(), |i| end + i);
    &text[from..to]
}
