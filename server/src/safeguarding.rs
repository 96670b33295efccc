//! The safeguarding detector as the server builds it: the built-in rules and examples, those the
//! staff added (`YC_SAFEGUARDING_DIR`), and the sentence encoder when it is installed
//! (`YC_ENCODER_DIR`); and `server safeguarding`, which runs it on an organizer's own examples.

use anyhow::Context;
use app::domain::language::Language;
use app::domain::safeguarding::meaning::{Embed, Meaning};
use app::domain::safeguarding::{BUILT_IN, BUILT_IN_EXAMPLES, Detector, Flag};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

#[derive(clap::Args, Clone, Debug, Default)]
pub struct DetectorConfig {
    /// More safeguarding rule lists (`{lang}*.txt`) and examples (`examples/{concern}.txt`),
    /// format in `app/safeguarding/README.md`, read at start in addition to the built-in ones.
    #[arg(long, env = "YC_SAFEGUARDING_DIR")]
    pub safeguarding_dir: Option<PathBuf>,

    /// The sentence encoder's `weights.npz` and `sp.model` (set-up installs them in
    /// `~/.local/share/youth-consult/encoder`); without them the rules alone run.
    #[arg(long, env = encoder::DIR_VAR)]
    pub encoder_dir: Option<PathBuf>,
}

/// The encoder, as the detector asks for it.
struct Sentences(encoder::Encoder);

impl Embed for Sentences {
    fn embed(&self, text: &str) -> Vec<f32> {
        self.0.embed(text)
    }

    /// On every core: the examples take seconds on one, and the server waits for them at start.
    fn embed_all(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        self.0.embed_many(texts)
    }
}

/// The rules and, when the encoder is installed, the examples. A mistake in a list stops the
/// start with its file and line, rather than silently flagging less.
pub fn detector(config: &DetectorConfig) -> anyhow::Result<Detector> {
    let lists = read_txt(config.safeguarding_dir.as_deref())?;
    let sources = BUILT_IN.into_iter().chain(lists.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    let detector = Detector::from_lists(sources)?;
    let Some(dir) = config.encoder_dir.clone().or_else(encoder::default_dir) else {
        tracing::warn!("meaning-based safeguarding is off: no YC_ENCODER_DIR and no HOME");
        return Ok(detector);
    };
    match meaning(&dir, config.safeguarding_dir.as_deref())? {
        Some(meaning) => Ok(detector.with_meaning(meaning)),
        None => Ok(detector),
    }
}

/// Loading the encoder and embedding the examples takes seconds and 100 MB, so it is done
/// once per process for each (encoder, staff directory): tests start many servers in one.
fn meaning(dir: &Path, staff_dir: Option<&Path>) -> anyhow::Result<Option<Arc<Meaning>>> {
    type Loaded = HashMap<(PathBuf, Option<PathBuf>), Arc<Meaning>>;
    static LOADED: Mutex<Option<Loaded>> = Mutex::new(None);
    let mut loaded = LOADED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let key = (dir.to_path_buf(), staff_dir.map(Path::to_path_buf));
    if let Some(meaning) = loaded.get_or_insert_default().get(&key) {
        return Ok(Some(meaning.clone()));
    }
    let encoder = match encoder::Encoder::load(dir) {
        Ok(encoder) => encoder,
        Err(error) => {
            tracing::warn!(
                %error,
                "meaning-based safeguarding is off (the rules still run): install the encoder \
                 with scripts/run.sh or scripts/test.sh, or set YC_ENCODER_DIR"
            );
            return Ok(None);
        }
    };
    // Staff may add rules and no examples.
    let examples = staff_dir.map(|d| d.join("examples")).filter(|d| d.is_dir());
    let examples = read_txt(examples.as_deref())?;
    let sources =
        BUILT_IN_EXAMPLES.into_iter().chain(examples.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    let meaning = Arc::new(Meaning::from_examples(Arc::new(Sentences(encoder)), sources)?);
    tracing::info!(dir = %dir.display(), "meaning-based safeguarding is on");
    loaded.get_or_insert_default().insert(key, meaning.clone());
    Ok(Some(meaning))
}

/// The `*.txt` files of `dir` (none when there is no such directory setting), by name.
fn read_txt(dir: Option<&Path>) -> anyhow::Result<Vec<(String, String)>> {
    let Some(dir) = dir else { return Ok(Vec::new()) };
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            Ok((file.display().to_string(), text))
        })
        .collect()
}

/// One line of `server safeguarding --input`.
#[derive(Deserialize)]
struct Input {
    id: serde_json::Value,
    text: String,
    /// Where known, one-word rules of the other Latin-script languages are left out, as for an
    /// answer (`domain::safeguarding::rules`).
    #[serde(default)]
    language: Option<String>,
}

#[derive(Serialize)]
struct Output<'a> {
    id: &'a serde_json::Value,
    concern: Option<&'static str>,
    why: Option<&'a app::domain::safeguarding::Why>,
    /// With `--scores`: how the text stands between the examples, whatever the verdict (for
    /// choosing the margin), and what the rules alone say.
    #[serde(skip_serializing_if = "Option::is_none")]
    nearest: Option<Nearest>,
}

/// The mean similarity of the nearest disclosure examples and of the nearest ordinary ones
/// (`domain::safeguarding::meaning`); null without the encoder.
#[derive(Serialize)]
struct Nearest {
    concern: Option<&'static str>,
    disclosure: Option<f32>,
    ordinary: Option<f32>,
    margin: Option<f32>,
    rule: Option<&'static str>,
}

/// Reads JSON lines `{"id", "text", "language"}` from `input` and writes `{"id", "concern",
/// "why"}` for each to `out`.
pub fn run(detector: &Detector, input: &Path, scores: bool, out: impl Write) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    let file =
        std::fs::File::open(input).with_context(|| format!("reading {}", input.display()))?;
    for (number, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let item: Input = serde_json::from_str(&line)
            .with_context(|| format!("{}, line {}", input.display(), number + 1))?;
        let language = item.language.as_deref().and_then(Language::parse);
        let flag: Option<Flag> = detector.flag(&item.text, language);
        let nearest = scores.then(|| nearest(detector, &item.text, language));
        let output = Output {
            id: &item.id,
            concern: flag.as_ref().map(|f| f.concern.key()),
            why: flag.as_ref().map(|f| &f.why),
            nearest,
        };
        serde_json::to_writer(&mut out, &output)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

fn nearest(detector: &Detector, text: &str, language: Option<Language>) -> Nearest {
    let rule = detector.flag_by_rules(text, language).map(|f| f.concern.key());
    let n = detector.meaning().map(|meaning| meaning.nearest(&meaning.embed(text)));
    Nearest {
        concern: n.as_ref().and_then(|n| n.concern).map(|(c, _)| c.key()),
        disclosure: n.as_ref().map(|n| n.disclosure),
        ordinary: n.as_ref().map(|n| n.ordinary),
        margin: n.as_ref().map(|n| n.margin()),
        rule,
    }
}
