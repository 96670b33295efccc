//! A theme's key words, per language: the words its texts use more than the question's other
//! answers do, as young people wrote them. Extractive: a word no child wrote is never shown.
//! Stop words are left out (Stopwords ISO lists), Chinese is cut into words (jieba), and a
//! word's forms count as one (the stems of `domain::word_forms`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use crate::domain::language::Language;
use crate::domain::word_forms::{WordForms, normalise};

/// Key words shown per language.
pub const PER_LANGUAGE: usize = 5;

/// A text's words: each as written (lower case) and the stem its forms share.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words {
    pub language: Language,
    words: Vec<(String, String)>,
}

static JIEBA: LazyLock<jieba_rs::Jieba> = LazyLock::new(jieba_rs::Jieba::new);

static STOP: LazyLock<HashMap<Language, HashSet<String>>> = LazyLock::new(|| {
    let list = |l: Language| stop_words::get(l.code()).iter().map(|w| normalise(w)).collect();
    Language::ALL.into_iter().map(|l| (l, list(l))).collect()
});

impl Words {
    /// The words of `text`, written in `language`, without stop words, numbers or single letters.
    pub fn of(text: &str, language: Language) -> Self {
        let stop = &STOP[&language];
        let forms = WordForms::new(language);
        let lower = text.to_lowercase();
        let pieces: Vec<&str> = if language == Language::Zh {
            JIEBA.cut(&lower, false).into_iter().map(|t| t.word).collect()
        } else {
            lower.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').collect()
        };
        let words = pieces
            .into_iter()
            .map(|w| w.trim_matches(|c| c == '\'' || c == '’'))
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .filter_map(|w| {
                let normal = normalise(w);
                (!stop.contains(&normal)).then(|| (w.to_owned(), forms.stem(&normal)))
            })
            .collect();
        Self { language, words }
    }

    /// How many words it has (an answer of one word or none is too short for a theme).
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn stems(&self) -> HashSet<&str> {
        self.words.iter().map(|(_, s)| s.as_str()).collect()
    }
}

/// Per (language, stem): the theme's texts using it, and how often each form was written.
type Uses<'a> = BTreeMap<(Language, &'a str), (usize, BTreeMap<&'a str, usize>)>;

/// The key words of the texts `members` (indices into `all`, the question's texts) in each
/// language they were written in: those in at least two of them, the most telling first (in
/// many of them and in few of the others: tf-idf on texts), each as most often written.
pub fn key_words(all: &[Words], members: &[usize]) -> BTreeMap<Language, Vec<String>> {
    let mut in_all: HashMap<(Language, &str), usize> = HashMap::new();
    for words in all {
        for stem in words.stems() {
            *in_all.entry((words.language, stem)).or_default() += 1;
        }
    }
    let mut texts_in: HashMap<Language, usize> = HashMap::new();
    for words in all {
        *texts_in.entry(words.language).or_default() += 1;
    }
    let mut in_theme: Uses = BTreeMap::new();
    for words in members.iter().map(|&i| &all[i]) {
        for stem in words.stems() {
            in_theme.entry((words.language, stem)).or_default().0 += 1;
        }
        for (form, stem) in &words.words {
            let entry = in_theme.entry((words.language, stem.as_str())).or_default();
            *entry.1.entry(form.as_str()).or_default() += 1;
        }
    }
    let mut scored: BTreeMap<Language, Vec<(f64, &str)>> = BTreeMap::new();
    for ((language, stem), (n, forms)) in &in_theme {
        if *n < 2 {
            continue;
        }
        let idf = (texts_in[language] as f64 / in_all[&(*language, *stem)] as f64).ln() + 1.0;
        let form = forms.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(f, _)| *f);
        scored.entry(*language).or_default().push((*n as f64 * idf, form.unwrap_or(stem)));
    }
    scored
        .into_iter()
        .map(|(language, mut words)| {
            words.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
            let words = words.into_iter().take(PER_LANGUAGE).map(|(_, w)| w.to_owned());
            (language, words.collect())
        })
        .filter(|(_, words): &(Language, Vec<String>)| !words.is_empty())
        .collect()
}

/// The language a text is written in: the one its form was answered in when the script agrees
/// (young people often answer an English form in their own language), else the guess.
pub fn language_of(text: &str, answered_in: Language) -> Language {
    let latin = |l: Language| matches!(l, Language::En | Language::Fr | Language::Es);
    let guess = guess_language(text);
    if guess == answered_in || (latin(guess) && latin(answered_in)) { answered_in } else { guess }
}

/// The language a text is most likely written in, for texts that do not say: by its script,
/// and among Latin ones by the stop words it uses (English when none tells).
pub fn guess_language(text: &str) -> Language {
    let mut scripts = [0usize; 4]; // Arabic, Han, Cyrillic, Latin
    for c in text.chars() {
        match c {
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => scripts[0] += 1,
            '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => scripts[1] += 1,
            '\u{0400}'..='\u{04FF}' => scripts[2] += 1,
            c if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) => {
                scripts[3] += 1
            }
            _ => {}
        }
    }
    let most = (0..4).max_by_key(|&i| (scripts[i], std::cmp::Reverse(i))).unwrap_or(3);
    match most {
        0 => Language::Ar,
        1 => Language::Zh,
        2 => Language::Ru,
        _ => {
            let words: Vec<String> =
                text.split(|c: char| !c.is_alphabetic()).map(normalise).collect();
            let hits = |l: Language| words.iter().filter(|w| STOP[&l].contains(*w)).count();
            [Language::En, Language::Fr, Language::Es]
                .into_iter()
                .max_by_key(|&l| (hits(l), l == Language::En))
                .unwrap_or(Language::En)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(texts: &[(&str, Language)]) -> Vec<Words> {
        texts.iter().map(|(t, l)| Words::of(t, *l)).collect()
    }

    #[test]
    fn stop_words_numbers_and_single_letters_are_left_out() {
        let w = Words::of("I think the apps should protect our privacy 24/7", Language::En);
        let written: Vec<&str> = w.words.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(written, ["apps", "protect", "privacy"]);
    }

    #[test]
    fn chinese_is_cut_into_words() {
        let w = Words::of("我觉得应该保护我们的隐私", Language::Zh);
        assert!(w.words.iter().any(|(f, _)| f == "隐私"), "{:?}", w.words);
        assert!(!w.words.iter().any(|(f, _)| f == "的"), "a stop word: {:?}", w.words);
    }

    #[test]
    fn a_word_s_forms_count_as_one_shown_as_most_often_written() {
        let all = words(&[
            ("Protect children's privacy", Language::En),
            ("protecting privacy matters", Language::En),
            ("privacy should be protected", Language::En),
            ("More games at school", Language::En),
        ]);
        let key = key_words(&all, &[0, 1, 2]);
        assert_eq!(key[&Language::En][0], "privacy", "in all three: {key:?}");
        assert!(
            key[&Language::En].contains(&"protect".to_owned())
                || key[&Language::En].contains(&"protecting".to_owned())
        );
        assert_eq!(key[&Language::En].len(), 2, "one form each; words of one text are not key");
    }

    #[test]
    fn key_words_are_given_per_language_arabic_and_chinese_included() {
        let all = words(&[
            ("الخصوصية مهمة جدا للأطفال", Language::Ar),
            ("نريد الخصوصية على الإنترنت", Language::Ar),
            ("我们需要隐私保护", Language::Zh),
            ("隐私很重要", Language::Zh),
            ("La vie privée compte", Language::Fr),
        ]);
        let key = key_words(&all, &[0, 1, 2, 3, 4]);
        assert_eq!(key[&Language::Ar], ["الخصوصية"]);
        assert_eq!(key[&Language::Zh], ["隐私"]);
        assert!(!key.contains_key(&Language::Fr), "one French text: no key word");
    }

    #[test]
    fn the_language_of_a_text_is_guessed_by_script_and_stop_words() {
        assert_eq!(guess_language("الخصوصية مهمة"), Language::Ar);
        assert_eq!(guess_language("隐私很重要"), Language::Zh);
        assert_eq!(guess_language("Приватность важна"), Language::Ru);
        assert_eq!(guess_language("je pense que les écoles doivent"), Language::Fr);
        assert_eq!(guess_language("creo que las escuelas deben"), Language::Es);
        assert_eq!(guess_language("I think schools should"), Language::En);
        assert_eq!(language_of("I think schools should", Language::Fr), Language::Fr, "Latin");
        assert_eq!(language_of("隐私很重要", Language::En), Language::Zh, "another script");
    }
}
