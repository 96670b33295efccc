//! How each language's words are compared: one normal form of the letters, and one stem for a
//! word's forms. The safeguarding rules and the themes' key words read words this way.

use rust_stemmers::{Algorithm, Stemmer};

use super::language::Language;

/// Reduces a language's words to their stems.
pub struct WordForms {
    pub language: Language,
    stemmer: Option<Stemmer>,
}

impl WordForms {
    pub fn new(language: Language) -> Self {
        let algorithm = match language {
            Language::En => Some(Algorithm::English),
            Language::Fr => Some(Algorithm::French),
            Language::Es => Some(Algorithm::Spanish),
            Language::Ru => Some(Algorithm::Russian),
            Language::Ar | Language::Zh => None,
        };
        Self { language, stemmer: algorithm.map(Stemmer::create) }
    }

    /// The stem of a normalised word (Chinese words stay as they are).
    pub fn stem(&self, word: &str) -> String {
        match &self.stemmer {
            Some(stemmer) => stemmer.stem(word).into_owned(),
            None if self.language == Language::Ar => arabic_stem(word).to_owned(),
            None => word.to_owned(),
        }
    }
}

/// Arabic words take attached conjunctions, prepositions and the article in front, and object
/// pronouns behind: "وضربني", and he hit me. Only the front is taken off: the pronoun says whom
/// ("يضربني", he hits me; "يضرب", he hits), which a full stemmer would lose.
fn arabic_stem(word: &str) -> &str {
    const FRONT: [&str; 9] = ["وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب"];
    FRONT
        .iter()
        .find_map(|p| word.strip_prefix(p).filter(|rest| rest.chars().count() >= 3))
        .unwrap_or(word)
}

/// Lower case; Latin letters without accents; Arabic without diacritics or tatweel and with one
/// form of alef, ya and ta marbuta; ё as е; no apostrophes (children write "dont" as often as
/// "don't") and no invisible characters.
pub fn normalise(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| {
            !matches!(c,
                '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' // Arabic marks, tatweel
                | '\'' | '’' | '‘' | 'ʼ' | '`'
                | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
        })
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            'ؤ' => 'و',
            'ئ' => 'ي',
            'ё' => 'е',
            c => c,
        })
        .collect()
}
