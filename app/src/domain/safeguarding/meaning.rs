//! Meaning: a text close to a written example of a concern, in any language, is flagged with
//! that concern (`app/safeguarding/examples/`). The examples and the text are compared as
//! sentence embeddings (the multilingual encoder, behind [`Embed`]); ordinary answers that use
//! the same words are examples too (`none.txt`), so a text nearer to one of them than to any
//! disclosure is not flagged.

use std::sync::Arc;

use super::{Concern, ListError, Source, Why};
use crate::domain::language::Language;

/// A text as a unit vector in which the same meaning in any language lands close.
pub trait Embed: Send + Sync {
    fn embed(&self, text: &str) -> Vec<f32>;
}

/// How close (cosine) a text must be to a disclosure's example to be flagged. Chosen on the
/// evaluation set's `dev` part (`scripts/bench-safeguarding.sh`), never on its `heldout` part.
pub const THRESHOLD: f32 = 0.45;
/// How much nearer to a disclosure than to any ordinary example it must be: below zero, because
/// a miss costs more than a moderator's glance.
pub const MARGIN: f32 = -0.02;

struct Example {
    /// `None`: an ordinary answer.
    concern: Option<Concern>,
    language: Language,
    text: String,
    vector: Vec<f32>,
}

/// How near a text came: its nearest disclosure example and its nearest ordinary one.
#[derive(Clone, Debug, PartialEq)]
pub struct Nearest {
    pub concern: Option<(Concern, f32, usize)>,
    pub ordinary: f32,
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
        let mut examples = Vec::new();
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
                let text = text.trim().to_owned();
                let vector = embed.embed(&text);
                examples.push(Example { concern, language, text, vector });
            }
        }
        Ok(Self { embed, examples })
    }

    pub fn embed(&self, text: &str) -> Vec<f32> {
        self.embed.embed(text)
    }

    /// The nearest disclosure example and how near the nearest ordinary one is.
    pub fn nearest(&self, vector: &[f32]) -> Nearest {
        let mut nearest = Nearest { concern: None, ordinary: -1.0 };
        for (index, example) in self.examples.iter().enumerate() {
            let similarity = cosine(vector, &example.vector);
            match example.concern {
                None => nearest.ordinary = nearest.ordinary.max(similarity),
                Some(concern) => {
                    if nearest.concern.is_none_or(|(_, best, _)| similarity > best) {
                        nearest.concern = Some((concern, similarity, index));
                    }
                }
            }
        }
        nearest
    }

    /// The concern of the nearest disclosure example, when the text is near enough to it.
    pub fn flag(&self, text: &str) -> Option<(Concern, Why)> {
        self.flag_vector(&self.embed(text))
    }

    /// The same, for a text already embedded.
    pub fn flag_vector(&self, vector: &[f32]) -> Option<(Concern, Why)> {
        let nearest = self.nearest(vector);
        let (concern, similarity, index) = nearest.concern?;
        (similarity >= THRESHOLD && similarity >= nearest.ordinary + MARGIN).then(|| {
            let example = &self.examples[index];
            let why = Why::Example {
                language: example.language,
                text: example.text.clone(),
                similarity: (similarity * 100.0).round() as u8,
            };
            (concern, why)
        })
    }
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
    fn the_nearest_example_gives_the_concern_and_says_which_it_was() {
        let (concern, why) = meaning().flag("sometimes I hurt so much").unwrap();
        assert_eq!(concern, Concern::SelfHarm);
        assert_eq!(
            why,
            Why::Example { language: Language::En, text: "I hurt myself".into(), similarity: 100 }
        );
        assert_eq!(meaning().flag("send photos").unwrap().0, Concern::Grooming);
    }

    #[test]
    fn nearer_to_an_ordinary_answer_or_to_nothing_is_not_flagged() {
        assert_eq!(meaning().flag("football after school"), None);
        assert_eq!(meaning().flag("something else entirely"), None);
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
