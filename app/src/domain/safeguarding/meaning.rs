//! Meaning: a text whose nearest written examples (`app/safeguarding/examples/`) are disclosures
//! rather than ordinary answers is flagged, with the concern those examples share. Texts and
//! examples are compared as sentence embeddings (the multilingual encoder, behind [`Embed`]), so
//! an example written in one language speaks for all six. One example alone is a poor witness (a
//! shared word can bring a text close to it), so a text is judged by its [`NEAREST`] closest
//! disclosure examples against its [`NEAREST`] closest ordinary ones (`none.txt`: answers that
//! use the same words, such as "my friends and I send each other ugly selfies").

use std::sync::Arc;

use super::{Concern, ListError, Source, Why};
use crate::domain::language::Language;

/// A text as a unit vector in which the same meaning in any language lands close.
pub trait Embed: Send + Sync {
    fn embed(&self, text: &str) -> Vec<f32>;

    /// Many texts, in order: an encoder may spread them over the cores (thousands of examples
    /// are embedded at each start).
    fn embed_all(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        texts.iter().map(|text| self.embed(text)).collect()
    }
}

/// How many of the closest examples on each side speak for a text.
pub const NEAREST: usize = 15;
/// How much closer (mean cosine) a text must be to its nearest disclosure examples than to its
/// nearest ordinary ones to be flagged. Chosen on the evaluation set's `dev` part
/// (`scripts/bench-safeguarding.sh`), never on its `heldout` part: the margin at which recall
/// stays at 95 % there, as a miss costs more than a moderator's glance.
pub const MARGIN: f32 = 0.035;
/// How close (mean cosine) its nearest disclosure examples must be at the least: a text near
/// nothing at all ("Send my answers", "How old are you?") is not a disclosure, however much nearer
/// to disclosures than to ordinary answers it happens to be. On dev it costs no disclosure.
pub const FLOOR: f32 = 0.30;

struct Example {
    /// `None`: an ordinary answer.
    concern: Option<Concern>,
    language: Language,
    text: String,
    vector: Vec<f32>,
}

/// How a text stands between the examples.
#[derive(Clone, Debug, PartialEq)]
pub struct Nearest {
    /// The mean similarity of the [`NEAREST`] closest disclosure examples…
    pub disclosure: f32,
    /// …and of the closest ordinary ones.
    pub ordinary: f32,
    /// The concern those disclosure examples share most (by summed similarity), with its example
    /// closest to the text.
    pub concern: Option<(Concern, usize)>,
}

impl Nearest {
    pub fn margin(&self) -> f32 {
        self.disclosure - self.ordinary
    }
}

pub struct Meaning {
    embed: Arc<dyn Embed>,
    examples: Vec<Example>,
}

impl std::fmt::Debug for Meaning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Meaning").field("examples", &self.examples.len()).finish()
    }
}

impl Meaning {
    /// Reads example files, `sources` as (file name, text): the name says the concern
    /// (`grooming.txt`; `none.txt` for ordinary answers), each line is `xx: text`.
    pub fn from_examples<'a>(
        embed: Arc<dyn Embed>,
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, ListError> {
        let mut parsed = Vec::new();
        for (name, text) in sources {
            let source = Source { name };
            let error = |line: usize, problem: &str| source.error(line, problem);
            let file = source.file();
            let stem = file.strip_suffix(".txt").unwrap_or(file);
            let concern = match stem {
                "none" => None,
                stem => Some(Concern::parse(stem).ok_or_else(|| {
                    error(0, "name the file after its concern (grooming.txt) or none.txt")
                })?),
            };
            for (number, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let (code, text) = line
                    .split_once(':')
                    .ok_or_else(|| error(number + 1, "write `xx: text`, xx its language"))?;
                let language = Language::parse(code.trim())
                    .ok_or_else(|| error(number + 1, "unknown language"))?;
                parsed.push((concern, language, text.trim()));
            }
        }
        let texts: Vec<&str> = parsed.iter().map(|&(_, _, text)| text).collect();
        let examples = parsed
            .into_iter()
            .zip(embed.embed_all(&texts))
            .map(|((concern, language, text), vector)| Example {
                concern,
                language,
                text: text.to_owned(),
                vector,
            })
            .collect();
        Ok(Self { embed, examples })
    }

    pub fn embed(&self, text: &str) -> Vec<f32> {
        self.embed.embed(text)
    }

    /// How close the text is to its nearest disclosure examples and to its nearest ordinary ones.
    pub fn nearest(&self, vector: &[f32]) -> Nearest {
        let mut disclosures = Vec::new();
        let mut ordinary = Vec::new();
        for (index, example) in self.examples.iter().enumerate() {
            let similarity = cosine(vector, &example.vector);
            match example.concern {
                Some(_) => disclosures.push((similarity, index)),
                None => ordinary.push((similarity, index)),
            }
        }
        let disclosures = closest(disclosures);
        let mut shared = Concern::ALL.map(|concern| (concern, 0.0));
        for &(similarity, index) in &disclosures {
            let concern = self.examples[index].concern;
            if let Some(entry) = shared.iter_mut().find(|(c, _)| Some(*c) == concern) {
                entry.1 += similarity;
            }
        }
        let concern = shared
            .into_iter()
            .filter(|&(_, weight)| weight > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .and_then(|(concern, _)| {
                let of_it =
                    disclosures.iter().filter(|(_, i)| self.examples[*i].concern == Some(concern));
                of_it.max_by(|a, b| a.0.total_cmp(&b.0)).map(|&(_, index)| (concern, index))
            });
        Nearest { disclosure: mean(&disclosures), ordinary: mean(&closest(ordinary)), concern }
    }

    /// The concern of the nearest disclosure examples, when the text is near enough to them.
    pub fn flag(&self, text: &str) -> Option<(Concern, Why)> {
        self.flag_vector(&self.embed(text))
    }

    /// The same, for a text already embedded. Why: the example of that concern closest to it.
    pub fn flag_vector(&self, vector: &[f32]) -> Option<(Concern, Why)> {
        let nearest = self.nearest(vector);
        let near = nearest.disclosure >= FLOOR && nearest.margin() >= MARGIN;
        let (concern, index) = nearest.concern.filter(|_| near)?;
        let example = &self.examples[index];
        let why = Why::Example {
            language: example.language,
            text: example.text.clone(),
            similarity: (cosine(vector, &example.vector) * 100.0).round() as u8,
        };
        Some((concern, why))
    }
}

/// The [`NEAREST`] most similar of (similarity, example).
fn closest(mut similar: Vec<(f32, usize)>) -> Vec<(f32, usize)> {
    if similar.len() > NEAREST {
        similar.select_nth_unstable_by(NEAREST - 1, |a, b| b.0.total_cmp(&a.0));
        similar.truncate(NEAREST);
    }
    similar
}

/// No examples on a side (staff removed them all) is as far as can be.
fn mean(similar: &[(f32, usize)]) -> f32 {
    if similar.is_empty() {
        return -1.0;
    }
    similar.iter().map(|(s, _)| s).sum::<f32>() / similar.len() as f32
}

/// Both are unit vectors, so their dot product.
fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in encoder for the rule's arithmetic (the real one is tested in `encoder/`):
    /// each text is the unit vector of the first of a few words it contains.
    struct Keywords;

    impl Embed for Keywords {
        fn embed(&self, text: &str) -> Vec<f32> {
            let words = ["hurt", "photos", "football"];
            let mut v = vec![0.0; words.len() + 1];
            let at = words.iter().position(|w| text.contains(w)).unwrap_or(words.len());
            v[at] = 1.0;
            v
        }
    }

    fn meaning() -> Meaning {
        Meaning::from_examples(
            Arc::new(Keywords),
            [
                ("self_harm.txt", "# a comment\nen: I hurt myself\n"),
                ("grooming.txt", "fr: il veut mes photos\n"),
                ("none.txt", "en: I love football\n"),
            ],
        )
        .unwrap()
    }

    #[test]
    fn the_nearest_examples_give_the_concern_and_say_which_was_closest() {
        let (concern, why) = meaning().flag("sometimes I hurt so much").unwrap();
        assert_eq!(concern, Concern::SelfHarm);
        assert_eq!(
            why,
            Why::Example { language: Language::En, text: "I hurt myself".into(), similarity: 100 }
        );
        assert_eq!(meaning().flag("send photos").unwrap().0, Concern::Grooming);
    }

    #[test]
    fn nearer_to_ordinary_answers_or_to_nothing_is_not_flagged() {
        assert_eq!(meaning().flag("football after school"), None);
        assert_eq!(meaning().flag("something else entirely"), None);
    }

    #[test]
    fn far_from_every_example_is_not_flagged_even_if_nearer_to_disclosures() {
        let sources = [("abuse.txt", "en: hurt\n"), ("none.txt", "en: football\n")];
        let meaning = Meaning::from_examples(Arc::new(Keywords), sources).unwrap();
        let faint = [0.29, 0.0, 0.0, (1.0f32 - 0.29 * 0.29).sqrt()];
        let nearest = meaning.nearest(&faint);
        assert!(nearest.margin() >= MARGIN && nearest.disclosure < FLOOR);
        assert_eq!(meaning.flag_vector(&faint), None);
        let clear = [0.31, 0.0, 0.0, (1.0f32 - 0.31 * 0.31).sqrt()];
        assert_eq!(meaning.flag_vector(&clear).map(|(c, _)| c), Some(Concern::Abuse));
    }

    #[test]
    fn one_close_example_among_far_ones_is_a_poor_witness() {
        let far = "en: photos\n".repeat(NEAREST - 1);
        let bullying = format!("en: football laughs at me\n{far}");
        let sources = [("bullying.txt", bullying.as_str()), ("none.txt", "en: I love football\n")];
        let meaning = Meaning::from_examples(Arc::new(Keywords), sources).unwrap();
        let nearest = meaning.nearest(&meaning.embed("football"));
        assert_eq!((nearest.disclosure, nearest.ordinary), (1.0 / NEAREST as f32, 1.0));
        assert_eq!(meaning.flag("football"), None);
    }

    #[test]
    fn the_concern_is_the_one_most_of_the_nearest_examples_share() {
        let sources = [
            ("bullying.txt", "en: photos of me\nen: photos again\n"),
            ("sextortion.txt", "en: photos or pay\n"),
            ("none.txt", "en: football\n"),
        ];
        let meaning = Meaning::from_examples(Arc::new(Keywords), sources).unwrap();
        assert_eq!(meaning.flag("photos").unwrap().0, Concern::Bullying);
    }

    #[test]
    fn a_mistake_in_a_file_is_reported_with_its_line() {
        let bad =
            |name, text| Meaning::from_examples(Arc::new(Keywords), [(name, text)]).unwrap_err();
        assert_eq!(bad("sadness.txt", "en: x").line, 0);
        assert_eq!(bad("abuse.txt", "\nno language").line, 2);
        assert_eq!(bad("abuse.txt", "xx: text").problem, "unknown language");
    }
}
