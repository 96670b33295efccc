//! Flags free text that may disclose harm, so moderators see it first and the young person is
//! shown urgent help. Two detectors, either enough: rules in the words children use
//! ([`rules`], lists per language) and closeness in meaning to written examples ([`meaning`], in
//! any language). Both are data files (`app/safeguarding/`), extendable by staff; a flag says
//! why.

pub mod meaning;
pub mod rules;

use serde::{Deserialize, Serialize};
use std::sync::Arc;

use super::keyed::keyed;
use super::language::Language;
use meaning::Meaning;
use rules::Rules;

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

/// The rule lists shipped with the product, one per UN language.
pub const BUILT_IN: [(&str, &str); 6] = [
    ("ar.txt", include_str!("../../../safeguarding/ar.txt")),
    ("zh.txt", include_str!("../../../safeguarding/zh.txt")),
    ("en.txt", include_str!("../../../safeguarding/en.txt")),
    ("fr.txt", include_str!("../../../safeguarding/fr.txt")),
    ("ru.txt", include_str!("../../../safeguarding/ru.txt")),
    ("es.txt", include_str!("../../../safeguarding/es.txt")),
];

/// The examples shipped with the product, one file per concern and one of ordinary answers.
pub const BUILT_IN_EXAMPLES: [(&str, &str); 6] = [
    ("abuse.txt", include_str!("../../../safeguarding/examples/abuse.txt")),
    ("grooming.txt", include_str!("../../../safeguarding/examples/grooming.txt")),
    ("self_harm.txt", include_str!("../../../safeguarding/examples/self_harm.txt")),
    ("sextortion.txt", include_str!("../../../safeguarding/examples/sextortion.txt")),
    ("bullying.txt", include_str!("../../../safeguarding/examples/bullying.txt")),
    ("none.txt", include_str!("../../../safeguarding/examples/none.txt")),
];

/// Why a text was flagged, as the moderator is told.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// A rule matched: its list, line and text.
    Rule { list: String, line: usize, rule: String },
    /// The text is close in meaning to this example (similarity in hundredths).
    Example { language: Language, text: String, similarity: u8 },
}

/// What the detector found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    pub concern: Concern,
    pub why: Why,
}

/// A text read for meaning: what was found, and its sentence embedding (theme suggestions
/// group answers by it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reading {
    pub flag: Option<Flag>,
    pub vector: Vec<f32>,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}, line {line}: {problem}")]
pub struct ListError {
    pub source_name: String,
    pub line: usize,
    pub problem: String,
}

/// A list or example file being read: its file name, and its mistakes by line (0: the file).
struct Source<'a> {
    name: &'a str,
}

impl<'a> Source<'a> {
    /// The file's own name, without its directory.
    fn file(&self) -> &'a str {
        self.name.rsplit(['/', '\\']).next().unwrap_or(self.name)
    }

    fn error(&self, line: usize, problem: &str) -> ListError {
        ListError { source_name: self.name.to_owned(), line, problem: problem.to_owned() }
    }
}

#[derive(Clone, Debug)]
pub struct Detector {
    rules: Rules,
    /// Off when the encoder is not installed: the rules still run.
    meaning: Option<Arc<Meaning>>,
}

impl Detector {
    /// Rules alone, from lists in the documented format; `sources` are (name, text) pairs.
    pub fn from_lists<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, ListError> {
        Ok(Self { rules: Rules::from_lists(sources)?, meaning: None })
    }

    /// The same rules, and closeness in meaning to examples.
    pub fn with_meaning(self, meaning: Arc<Meaning>) -> Self {
        Self { meaning: Some(meaning), ..self }
    }

    /// The examples, when the encoder is installed.
    pub fn meaning(&self) -> Option<&Meaning> {
        self.meaning.as_deref()
    }

    /// What `text`, written in `language` (if known), may disclose, and why: a rule first (they
    /// are cheap and say exactly what matched), else the nearest example.
    pub fn flag(&self, text: &str, language: Option<Language>) -> Option<Flag> {
        self.flag_by_rules(text, language).or_else(|| self.flag_by_meaning(text))
    }

    /// What the rules alone find: microseconds, so an answer is read by them as it arrives.
    pub fn flag_by_rules(&self, text: &str, language: Option<Language>) -> Option<Flag> {
        let (concern, why) = self.rules.flag(text, language)?;
        Some(Flag { concern, why: why.clone() })
    }

    /// What closeness to the examples finds: milliseconds of CPU, so read off the answer's path
    /// (`services::reading`). Nothing when the encoder is not installed.
    pub fn flag_by_meaning(&self, text: &str) -> Option<Flag> {
        self.read_meaning(text)?.flag
    }

    /// What closeness to the examples finds, and the text's sentence embedding; none when the
    /// encoder is not installed.
    pub fn read_meaning(&self, text: &str) -> Option<Reading> {
        let meaning = self.meaning.as_ref()?;
        let vector = meaning.embed(text);
        let flag = meaning.flag_vector(&vector).map(|(concern, why)| Flag { concern, why });
        Some(Reading { flag, vector })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> Detector {
        Detector::from_lists(BUILT_IN).expect("the built-in lists parse")
    }

    impl Detector {
        fn concern(&self, text: &str, language: Option<Language>) -> Option<Concern> {
            self.flag(text, language).map(|f| f.concern)
        }
    }

    #[test]
    fn disclosures_are_flagged_in_each_language() {
        use Language::*;
        let cases = [
            (En, "Sometimes I want to die because of what they post", Concern::SelfHarm),
            (En, "A man online said it was OUR SECRET and asked me to meet", Concern::Grooming),
            (En, "He is blackmailing me with a photo", Concern::Sextortion),
            (En, "At school they bullied me every day", Concern::Bullying),
            (En, "he keeps asking me for more pictures", Concern::Grooming),
            (En, "the girls in my class made a group to laugh at me", Concern::Bullying),
            (Fr, "Parfois j'ai envie de mourir", Concern::SelfHarm),
            (Fr, "Il me harcèle sur Instagram", Concern::Bullying),
            (Fr, "je me fais du mal le soir parce que je n'en peux plus", Concern::SelfHarm),
            (Es, "Mi tío me pega cuando pierdo en el juego", Concern::Abuse),
            (Es, "Un chico me pidió fotos y dice que es nuestro secreto", Concern::Grooming),
            (Es, "a veces me corto los brazos para no sentir nada", Concern::SelfHarm),
            (Ru, "Он угрожает выложить мои фото, это шантаж", Concern::Sextortion),
            (Ru, "Я хочу умереть", Concern::SelfHarm),
            (Ar, "شخص في اللعبة يبتزني بصوري", Concern::Sextortion),
            (Ar, "أحيانًا أُريدُ أن أموت", Concern::SelfHarm), // with diacritics and a variant alef
            (Ar, "وضربني أبي أمس", Concern::Abuse),         // an attached prefix
            (Zh, "网上有人一直欺负我", Concern::Bullying),
            (Zh, "有个叔叔说这是我们的秘密", Concern::Grooming),
        ];
        let d = detector();
        for (language, text, expected) in cases {
            assert_eq!(d.concern(text, Some(language)), Some(expected), "{text}");
        }
    }

    #[test]
    fn opinions_about_the_topics_are_not_flagged() {
        use Language::*;
        let texts = [
            (En, "Schools should teach about bullying and how to report it."),
            (En, "Apps need better suicide prevention resources."),
            (En, "Secretly I think adults use phones more than us."),
            (En, "I like to hit the gym after school."),
            (En, "nobody has ever bullied me but I know it happens"),
            (Fr, "Les écoles devraient parler du harcèlement."),
            (Es, "Las redes sociales deberían proteger mejor los datos."),
            (Ru, "Нужно учить детей безопасности в интернете."),
            (Ar, "يجب على الشركات حماية بيانات الأطفال وعدم عرض الإعلانات لهم."),
            (Zh, "我觉得学校应该教网络安全。"),
        ];
        let d = detector();
        for (language, text) in texts {
            assert_eq!(d.concern(text, Some(language)), None, "{text}");
        }
    }

    #[test]
    fn one_word_of_another_latin_language_is_not_read_as_its_own() {
        let d = Detector::from_lists([("es.txt", "[self_harm]\nsuicidarme\n")]).unwrap();
        assert_eq!(d.concern("voy a suicidarme", Some(Language::Es)), Some(Concern::SelfHarm));
        assert_eq!(d.concern("suicide prevention matters", Some(Language::En)), None);
    }

    #[test]
    fn word_forms_gaps_negation_and_the_first_person_are_read() {
        let list = "[bullying]\n! bullied me\n[grooming]\nasking me … pictures\n\
                    [self_harm]\n^ cutting … arms\n[negation]\nnobody\nnever\n\
                    [first_person]\ni\nmy\n";
        let d = Detector::from_lists([("en.txt", list)]).unwrap();
        let en = Some(Language::En);
        assert_eq!(d.concern("they BULLY me", en), Some(Concern::Bullying), "a word's forms");
        assert_eq!(d.concern("nobody ever bullied me", en), None, "negated");
        assert_eq!(d.concern("he keeps asking me again for pictures", en), Some(Concern::Grooming));
        assert_eq!(d.concern("asking me for one two three four pictures", en), None, "too far");
        assert_eq!(d.concern("I keep cutting my arms", en), Some(Concern::SelfHarm));
        assert_eq!(d.concern("they post cutting arms videos", en), None, "not first person");
        let zh = Detector::from_lists([("zh.txt", "[grooming]\n要…照片\n[negation]\n没有\n")]);
        let zh = zh.unwrap();
        assert_eq!(zh.concern("他一直要我的照片", None), Some(Concern::Grooming));
        assert_eq!(zh.concern("他要了很多很多很多很多次照片", None), None, "too far apart");
    }

    #[test]
    fn staff_can_extend_the_lists_and_mistakes_are_reported_with_their_line() {
        let extra = "# added by the secretariat\n[grooming]\nmeet me alone\n";
        let d = Detector::from_lists(BUILT_IN.into_iter().chain([("en-extra.txt", extra)]));
        let d = d.unwrap();
        assert_eq!(d.concern("He said meet me alone after school", None), Some(Concern::Grooming));
        let Some(Flag { why: Why::Rule { list, line, rule }, .. }) = d.flag("meet me alone", None)
        else {
            panic!("a rule says which");
        };
        assert_eq!((list.as_str(), line, rule.as_str()), ("en-extra.txt", 3, "meet me alone"));

        let bad = Detector::from_lists([("en.txt", "[sadness]\nfeel blue\n")]).unwrap_err();
        assert_eq!((bad.source_name.as_str(), bad.line), ("en.txt", 1));
        assert!(Detector::from_lists([("en.txt", "no section\n")]).is_err());
        let unnamed = Detector::from_lists([("extra.txt", "[abuse]\nhits me\n")]).unwrap_err();
        assert!(unnamed.problem.contains("after its language"), "{unnamed}");
    }

    #[test]
    fn the_first_rule_in_the_lists_wins_and_a_word_inside_another_is_not_one() {
        let d =
            Detector::from_lists([("en.txt", "[abuse]\nhurt\nhit\n[bullying]\nmean\n")]).unwrap();
        assert_eq!(d.concern("they are mean and hurt me", None), Some(Concern::Abuse));
        assert_eq!(d.concern("white hitch", None), None);
    }
}
