//! `server themes`: theme suggestions on anyone's own answers, with the code moderators use
//! (`app::domain::themes`), so the grouping can be checked before it is trusted.

use anyhow::Context;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use app::domain::language::Language;
use app::domain::themes::{self, Text, words::guess_language};

/// One line of `--input`.
#[derive(Deserialize)]
struct Input {
    id: serde_json::Value,
    text: String,
    /// Guessed from the text when absent.
    #[serde(default)]
    language: Option<String>,
}

#[derive(Serialize)]
struct Output<'a> {
    id: &'a serde_json::Value,
    /// The suggested theme, numbered from 0 largest first; none: can't tell, or too short.
    group: Option<usize>,
    /// The theme's key words in the text's language (else in its first language).
    words: &'a [String],
}

/// The sentence encoder: `dir`, or where set-up installs it.
pub fn encoder(dir: Option<PathBuf>) -> anyhow::Result<encoder::Encoder> {
    let dir = dir.or_else(encoder::default_dir).context("no YC_ENCODER_DIR and no HOME")?;
    encoder::Encoder::load(&dir).with_context(|| {
        format!(
            "loading the sentence encoder from {} (scripts/run.sh or scripts/test.sh install it)",
            dir.display()
        )
    })
}

/// Reads JSON lines `{"id", "text", "language"?}` from `input` and writes `{"id", "group",
/// "words"}` for each, in the same order, to `out`.
pub fn run(encoder: &encoder::Encoder, input: &Path, out: impl Write) -> anyhow::Result<()> {
    let file =
        std::fs::File::open(input).with_context(|| format!("reading {}", input.display()))?;
    let mut items = Vec::new();
    for (number, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if !line.trim().is_empty() {
            let item: Input = serde_json::from_str(&line)
                .with_context(|| format!("{}, line {}", input.display(), number + 1))?;
            items.push(item);
        }
    }
    let started = Instant::now();
    let vectors = encoder.embed_many(&items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>());
    let embedded = started.elapsed().as_secs_f64();
    let texts: Vec<Text> = items
        .iter()
        .zip(&vectors)
        .map(|(item, vector)| Text {
            text: &item.text,
            language: item
                .language
                .as_deref()
                .and_then(Language::parse)
                .unwrap_or_else(|| guess_language(&item.text)),
            vector,
        })
        .collect();
    let started = Instant::now();
    let suggestions = themes::suggest(&texts);
    let grouped = started.elapsed().as_secs_f64();
    let slices: Vec<&[f32]> = vectors.iter().map(Vec::as_slice).collect();
    let together = themes::decisions_together(&slices);
    eprintln!(
        "{} texts: embedded in {embedded:.1} s ({:.0} a second), grouped in {grouped:.2} s into {} \
         themes ({} can't tell, {} too short); moderating them takes {} decisions one by one, {} \
         with alike answers decided together",
        texts.len(),
        texts.len() as f64 / embedded,
        suggestions.themes.len(),
        suggestions.ungrouped.len(),
        suggestions.too_short.len(),
        texts.len(),
        together,
    );
    let mut group = vec![None; items.len()];
    for (g, theme) in suggestions.themes.iter().enumerate() {
        for &i in &theme.members {
            group[i] = Some(g);
        }
    }
    let mut out = std::io::BufWriter::new(out);
    for (i, item) in items.iter().enumerate() {
        let words = group[i].map_or(&[][..], |g| {
            let theme = &suggestions.themes[g];
            let own = theme.words.get(&texts[i].language);
            own.or_else(|| theme.words.values().next()).map_or(&[][..], Vec::as_slice)
        });
        serde_json::to_writer(&mut out, &Output { id: &item.id, group: group[i], words })?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
