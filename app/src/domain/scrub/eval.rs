//! The scrubber against `eval.jsonl`: hidden contact details and ordinary sentences that look
//! close, as young people write them in the six languages. The set was written before the
//! scrubber was tuned; half of it ("heldout", drawn by a seeded shuffle) is not looked at while
//! tuning, so its figures say how the scrubber does on text it was not fitted to. Both halves were
//! written alongside the word tables, though, so the "fresh" lines, written once the scrubber
//! worked and scored once without tuning, are the fairer guess at new text. Failures are printed
//! for "dev" and "fresh" (to show what is left), never for "heldout". See them with
//! `--nocapture`.

use super::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::time::Instant;

const LANGUAGES: [&str; 6] = ["en", "fr", "es", "ar", "ru", "zh"];
const SPLITS: [&str; 3] = ["dev", "heldout", "fresh"];
const PLACEHOLDERS: [&str; 5] =
    [EMAIL_REMOVED, LINK_REMOVED, PHONE_REMOVED, NUMBER_REMOVED, HANDLE_REMOVED];

#[derive(Deserialize)]
struct Line {
    language: String,
    split: String,
    contact: bool,
    text: String,
    /// For a contact line, the part that gives the child away (handle, number, mailbox name).
    secret: Option<String>,
}

fn lines() -> Vec<Line> {
    include_str!("eval.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A contact line passes when a placeholder says what went and the secret is gone (read
/// normalised, so a zero-width character left inside it would not hide it); an ordinary line
/// when it comes out as it went in.
fn passes(line: &Line) -> bool {
    let out = scrub(&line.text);
    if !line.contact {
        return out.as_str() == line.text;
    }
    let secret = Normalised::of(line.secret.as_deref().expect("contact lines have a secret")).text;
    PLACEHOLDERS.iter().any(|p| out.as_str().contains(p))
        && !Normalised::of(out.as_str()).text.contains(&secret)
}

#[derive(Default)]
struct Tally {
    contact: (usize, usize),
    ordinary: (usize, usize),
}

fn percent((good, all): (usize, usize)) -> f64 {
    100.0 * good as f64 / all.max(1) as f64
}

#[test]
fn evaluation_set_held_out_half() {
    let mut tallies: BTreeMap<(&str, &str), Tally> = BTreeMap::new();
    let lines = lines();
    for line in &lines {
        let ok = passes(line);
        if !ok && line.split != "heldout" {
            let out = scrub(&line.text);
            println!("{} miss [{}] {:?} -> {:?}", line.split, line.language, line.text, out);
        }
        let split = SPLITS.iter().find(|s| **s == line.split).expect("known split");
        let language = LANGUAGES.iter().find(|l| **l == line.language).expect("known language");
        let tally = tallies.entry((split, language)).or_default();
        let counts = if line.contact { &mut tally.contact } else { &mut tally.ordinary };
        counts.0 += usize::from(ok);
        counts.1 += 1;
    }
    let mut held = Tally::default();
    for split in SPLITS {
        for language in LANGUAGES {
            let t = &tallies[&(split, language)];
            println!(
                "{split:7} {language}: contact removed {}/{} ({:.0} %), ordinary kept {}/{} ({:.0} %)",
                t.contact.0,
                t.contact.1,
                percent(t.contact),
                t.ordinary.0,
                t.ordinary.1,
                percent(t.ordinary),
            );
            if split == "heldout" {
                held.contact = (held.contact.0 + t.contact.0, held.contact.1 + t.contact.1);
                held.ordinary = (held.ordinary.0 + t.ordinary.0, held.ordinary.1 + t.ordinary.1);
            }
        }
    }
    let (recall, kept) = (percent(held.contact), percent(held.ordinary));
    println!("heldout all: contact removed {recall:.1} %, ordinary kept {kept:.1} %");
    assert!(recall >= 95.0, "held-out contact recall {recall:.1} % is under 95 %");
    assert!(kept >= 95.0, "held-out ordinary kept {kept:.1} % is under 95 %");
}

/// 10,000 answers of about 200 characters, nine in ten ordinary, made from the evaluation set.
/// Measured on the shared two-core machine, niced: 0.26-0.35 s optimised (the module built alone
/// in release), 3.8 s in this unoptimised test build. Time grows linearly with length: 1,000,
/// 10,000 and 100,000 characters of contact-like text took 0.3, 1.0 and 10 ms (the regex crate
/// runs in linear time; the loop in `app_handles` moves forward on every match).
#[test]
#[ignore = "timing: cargo test --release -p app --lib scrub::eval::timing -- --ignored --nocapture"]
fn timing_ten_thousand_answers() {
    let lines = lines();
    let (contact, ordinary): (Vec<&Line>, Vec<&Line>) = lines.iter().partition(|l| l.contact);
    let answers: Vec<String> = (0..10_000)
        .map(|i| {
            // One answer in ten ends with a contact detail.
            let mut answer = String::new();
            let mut j = i;
            while answer.chars().count() < 160 {
                answer.push_str(&ordinary[j % ordinary.len()].text);
                answer.push(' ');
                j += 7;
            }
            let tail =
                if i % 10 == 0 { contact[i % contact.len()] } else { ordinary[j % ordinary.len()] };
            answer.push_str(&tail.text);
            answer
        })
        .collect();
    let start = Instant::now();
    let changed = answers.iter().filter(|a| scrub(a).as_str() != a.as_str()).count();
    let elapsed = start.elapsed();
    println!(
        "scrubbed 10,000 answers ({} changed) in {:.0} ms, {:.1} µs each",
        changed,
        elapsed.as_secs_f64() * 1e3,
        elapsed.as_secs_f64() * 1e6 / 10_000.0
    );
}
