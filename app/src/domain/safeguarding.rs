//! Flags free text that may disclose harm, so moderators see it first and the young person is
//! shown urgent help. Word lists are data files (`app/safeguarding/`), extendable by staff.

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};

use super::keyed::keyed;

keyed! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Concern {
        Abuse => "abuse",
        Grooming => "grooming",
        SelfHarm => "self_harm",
        Sextortion => "sextortion",
        Bullying => "bullying",
    }
}

/// The lists shipped with the product, one per UN language.
pub const BUILT_IN: [(&str, &str); 6] = [
    ("ar", include_str!("../../safeguarding/ar.txt")),
    ("zh", include_str!("../../safeguarding/zh.txt")),
    ("en", include_str!("../../safeguarding/en.txt")),
    ("fr", include_str!("../../safeguarding/fr.txt")),
    ("ru", include_str!("../../safeguarding/ru.txt")),
    ("es", include_str!("../../safeguarding/es.txt")),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Term {
    concern: Concern,
    /// Latin and Cyrillic terms match whole words; Arabic and Chinese anywhere.
    whole_words: bool,
}

/// Every answer is read once for all the terms (one automaton), not once per term: a term list
/// searched one by one was a twentieth of what the server spent on a submission.
#[derive(Clone, Debug)]
pub struct Detector {
    /// In list order, as the automaton numbers its patterns.
    terms: Vec<Term>,
    automaton: AhoCorasick,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}, line {line}: {problem}")]
pub struct ListError {
    pub source_name: String,
    pub line: usize,
    pub problem: String,
}

impl Detector {
    /// Reads lists in the documented format; `sources` are (name, text) pairs.
    pub fn from_lists<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, ListError> {
        let (mut terms, mut patterns) = (Vec::new(), Vec::new());
        for (name, text) in sources {
            let mut concern = None;
            for (number, line) in text.lines().enumerate() {
                let line = line.split('#').next().unwrap_or_default().trim();
                let error = |problem: &str| ListError {
                    source_name: name.to_owned(),
                    line: number + 1,
                    problem: problem.to_owned(),
                };
                if line.is_empty() {
                    continue;
                }
                if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    concern =
                        Some(Concern::parse(section).ok_or_else(|| error("unknown category"))?);
                    continue;
                }
                let concern = concern.ok_or_else(|| error("a term before any [category]"))?;
                let text = normalize(line);
                let whole_words = !text.chars().any(needs_substring);
                terms.push(Term { concern, whole_words });
                patterns.push(text);
            }
        }
        // Fails only when the lists together are too large for one automaton.
        let automaton = AhoCorasick::new(&patterns).map_err(|e| ListError {
            source_name: "the lists".to_owned(),
            line: 0,
            problem: e.to_string(),
        })?;
        Ok(Self { terms, automaton })
    }

    /// The concern of the first term in the lists that the text contains, if any.
    pub fn concern(&self, text: &str) -> Option<Concern> {
        let text = normalize(text);
        self.automaton
            .find_overlapping_iter(&text)
            .filter(|m| {
                let term = self.terms[m.pattern()];
                !term.whole_words || stands_alone(&text, m.start(), m.end())
            })
            .map(|m| m.pattern())
            .min()
            .map(|first| self.terms[first].concern)
    }
}

/// Arabic and CJK words take attached letters or have no spaces between them.
fn needs_substring(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Lower case; Arabic without diacritics or tatweel and with one form of alef, ya and ta marbuta;
/// one kind of apostrophe; single spaces.
fn normalize(text: &str) -> String {
    let mapped: String = text
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            'ё' => 'е',
            '’' | '‘' | 'ʼ' => '\'',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text[start..end]` is whole words: no letter or digit right before or after it.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> Detector {
        Detector::from_lists(BUILT_IN).expect("the built-in lists parse")
    }

    #[test]
    fn disclosures_are_flagged_in_each_language() {
        let cases = [
            ("Sometimes I want to die because of what they post", Concern::SelfHarm),
            ("A man online said it was OUR SECRET and asked me to meet", Concern::Grooming),
            ("He is blackmailing me with a photo", Concern::Sextortion),
            ("At school they bullied me every day", Concern::Bullying),
            ("Parfois j'ai envie de mourir", Concern::SelfHarm),
            ("Il me harcèle sur Instagram", Concern::Bullying),
            ("Mi tío me pega cuando pierdo en el juego", Concern::Abuse),
            ("Un chico me pidió fotos y dice que es nuestro secreto", Concern::Grooming),
            ("Он угрожает выложить мои фото, это шантаж", Concern::Sextortion),
            ("Я хочу умереть", Concern::SelfHarm),
            ("شخص في اللعبة يبتزني بصوري", Concern::Sextortion),
            ("أحيانًا أُريدُ أن أموت", Concern::SelfHarm), // with diacritics and a variant alef
            ("وضربني أبي أمس", Concern::Abuse),         // an attached prefix
            ("网上有人一直欺负我", Concern::Bullying),
            ("有个叔叔说这是我们的秘密", Concern::Grooming),
        ];
        let d = detector();
        for (text, expected) in cases {
            assert_eq!(d.concern(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn opinions_about_the_topics_are_not_flagged() {
        let texts = [
            "Schools should teach about bullying and how to report it.",
            "Apps need better suicide prevention resources.",
            "Secretly I think adults use phones more than us.",
            "Les écoles devraient parler du harcèlement.",
            "Las redes sociales deberían proteger mejor los datos.",
            "Нужно учить детей безопасности в интернете.",
            "يجب على الشركات حماية بيانات الأطفال وعدم عرض الإعلانات لهم.",
            "我觉得学校应该教网络安全。",
            "I like to hit the gym after school.",
        ];
        let d = detector();
        for text in texts {
            assert_eq!(d.concern(text), None, "{text}");
        }
    }

    #[test]
    fn staff_can_extend_the_lists_and_mistakes_are_reported_with_their_line() {
        let extra = "# added by the secretariat\n[grooming]\nmeet me alone\n";
        let d = Detector::from_lists(BUILT_IN.into_iter().chain([("extra.txt", extra)])).unwrap();
        assert_eq!(d.concern("He said meet me alone after school"), Some(Concern::Grooming));

        let bad = Detector::from_lists([("bad.txt", "[sadness]\nfeel blue\n")]).unwrap_err();
        assert_eq!((bad.source_name.as_str(), bad.line), ("bad.txt", 1));
        assert!(Detector::from_lists([("bad.txt", "no section\n")]).is_err());
    }

    #[test]
    fn the_first_term_in_the_lists_wins_and_a_word_inside_another_is_not_one() {
        let d = Detector::from_lists([("x.txt", "[abuse]\nhurt\nhit\n[bullying]\nmean\nhits\n")])
            .unwrap();
        assert_eq!(d.concern("they are mean and hurt me"), Some(Concern::Abuse));
        // "hit" is found inside "hits", which is a term of its own.
        assert_eq!(d.concern("he hits"), Some(Concern::Bullying));
        assert_eq!(d.concern("white hitch"), None);
    }
}
