//! Near-copies of free text across a consultation: a copy-paste campaign changes a word or two, a
//! name, the punctuation, and is still one text. Each text is cut into overlapping character
//! shingles and summarised by a MinHash [`Signature`]: the share of its slots two signatures agree
//! on estimates how much of their shingles they share (Jaccard similarity). Near-copies agree on
//! [`MATCHING_SLOTS`] of [`SLOTS`] or more: texts 80 % the same are found about nine times in ten,
//! texts 60 % the same about once in twenty, two young people's own sentences almost never.
//! Candidates are found by the signature's bands (a band is [`ROWS`] slots; texts that share one
//! are candidates) and the signatures decide.
//!
//! Only hashes are stored (`text_signatures`, and `text_bands` on PostgreSQL): keyed by the
//! server's key, they say nothing the text does not, and go with the response.

use serde::{Deserialize, Serialize};

use crate::domain::integrity::fingerprint::normalise;
use crate::domain::submission::{Answer, Submission};
use crate::domain::token::SigningKey;

/// Characters per shingle: long enough that shared letters are not shared words.
const SHINGLE: usize = 4;
pub const SLOTS: usize = 32;
const ROWS: usize = 4;
/// Slots two signatures must agree on to be near-copies (about 70 %).
pub const MATCHING_SLOTS: usize = 23;
/// Letters and digits a text needs (after normalising): a sentence of its own, so two young people
/// who both write "more lessons on privacy" are not taken for a copy.
pub const MIN_TEXT_CHARS: usize = 24;

/// A copy group grows like a campaign past this many copies within [`CAMPAIGN_WINDOW_SECS`]:
/// more than a class copying the board, or young people who happen to write the same sentence;
/// fewer than a message forwarded to thousands. Until then copies count like any answer.
pub const CAMPAIGN_COPIES: usize = 60;
pub const CAMPAIGN_WINDOW_SECS: i64 = 10 * 60;

/// The MinHash of a text's shingles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature(Vec<u64>);

impl Signature {
    /// The signature of a response's free text (all its text answers, normalised, together);
    /// `None` when it has too little text.
    pub fn of_submission(submission: &Submission, key: &SigningKey) -> Option<Self> {
        let text: Vec<String> = submission
            .answers
            .iter()
            .filter_map(|a| match a {
                Answer::Text { text, .. } => Some(normalise(text.as_str())),
                _ => None,
            })
            .filter(|t| !t.is_empty())
            .collect();
        Self::of(&text.join(" "), key)
    }

    /// Of normalised text.
    pub fn of(normalised: &str, key: &SigningKey) -> Option<Self> {
        if normalised.chars().filter(|c| *c != ' ').count() < MIN_TEXT_CHARS {
            return None;
        }
        let chars: Vec<char> = normalised.chars().collect();
        let mut minimum = vec![u64::MAX; SLOTS];
        let mut shingle = String::new();
        for window in chars.windows(SHINGLE) {
            shingle.clear();
            shingle.extend(window);
            // One keyed hash per shingle; the slots' hash functions are cheap mixes of it.
            let mac = key.mac("shingle", shingle.as_bytes());
            let h = u64::from_le_bytes(mac[..8].try_into().expect("8 bytes"));
            for (i, slot) in minimum.iter_mut().enumerate() {
                *slot = (*slot).min(mix(h, i as u64));
            }
        }
        Some(Self(minimum))
    }

    /// One hash per band; the band's number goes in, so band 1 of one text never meets band 2 of
    /// another.
    pub fn bands(&self) -> Vec<i64> {
        self.0
            .chunks(ROWS)
            .enumerate()
            .map(|(b, rows)| {
                rows.iter().fold(mix(b as u64, 0xb5ad), |acc, &r| mix(acc ^ r, 1)) as i64
            })
            .collect()
    }

    /// How many slots the two agree on.
    pub fn agreeing(&self, other: &Self) -> usize {
        self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count()
    }

    pub fn is_near_copy_of(&self, other: &Self) -> bool {
        self.agreeing(other) >= MATCHING_SLOTS
    }

    /// As `text_signatures` keeps it.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|slot| format!("{slot:016x}")).collect()
    }

    pub fn from_hex(hex: &str) -> Option<Self> {
        let slots: Option<Vec<u64>> = (0..SLOTS)
            .map(|i| hex.get(i * 16..(i + 1) * 16).and_then(|h| u64::from_str_radix(h, 16).ok()))
            .collect();
        slots.filter(|_| hex.len() == SLOTS * 16).map(Self)
    }
}

/// A 64-bit mix (splitmix64's finaliser) of `h` with seed `i`.
fn mix(h: u64, i: u64) -> u64 {
    let mut z = h ^ i.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key() -> SigningKey {
        SigningKey::from_bytes([9; 32])
    }

    fn of(text: &str) -> Signature {
        Signature::of(&normalise(text), &key()).expect("long enough")
    }

    fn near(a: &str, b: &str) -> bool {
        of(a).is_near_copy_of(&of(b))
    }

    const CAMPAIGN: &str = "We demand that every social media company deletes the accounts of \
        children under thirteen and pays a fine for each one it kept";

    #[test]
    fn a_copy_with_a_word_changed_is_a_near_copy() {
        assert!(near(CAMPAIGN, CAMPAIGN));
        assert!(near(CAMPAIGN, &CAMPAIGN.replace("thirteen", "13").to_uppercase()));
        assert!(near(CAMPAIGN, &format!("{CAMPAIGN}!!! Please")));
        assert!(near(CAMPAIGN, &format!("{CAMPAIGN}, signed pupil")));
    }

    #[test]
    fn a_signature_reads_back_as_stored_and_a_near_copy_shares_a_band() {
        let a = of(CAMPAIGN);
        assert_eq!(Signature::from_hex(&a.to_hex()), Some(a.clone()));
        assert_eq!(Signature::from_hex("00ff"), None);
        let b = of(&CAMPAIGN.replace("thirteen", "13"));
        assert!(a.bands().iter().zip(b.bands()).any(|(x, y)| *x == y));
    }

    #[test]
    fn young_people_s_own_words_on_the_same_subject_are_not() {
        let own = [
            "I think social media should check ages better, my little brother has an account",
            "Companies should delete accounts of kids who are too young and tell their parents",
            "Fines do not help, teach us at school how to stay safe on social media instead",
        ];
        for a in own {
            assert!(!near(CAMPAIGN, a), "{a}");
        }
        assert!(!near(own[0], own[1]));
    }

    #[test]
    fn short_texts_have_no_bands() {
        assert_eq!(Signature::of(&normalise("more lessons on privacy"), &key()), None);
    }

    proptest! {
        /// Distinct pupils' sentences (different numbers and words) are never taken for copies.
        #[test]
        fn different_sentences_do_not_match(a in "[a-z]{4,9}( [a-z]{3,9}){6,12}", b in "[a-z]{4,9}( [a-z]{3,9}){6,12}") {
            prop_assume!(a != b);
            prop_assert!(!near(&a, &b));
        }
    }
}
