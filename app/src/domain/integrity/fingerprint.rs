//! A response's content fingerprint: its choices and its free text, normalised so that case,
//! spacing and punctuation do not hide a repeat. The door remembers it (in memory, per address) to
//! see the same response sent again in a burst: two pupils of one class rarely write the same
//! sentence and make the same choices; a script does it every time. Short texts ("no", "I don't
//! know") are common in earnest, so a response needs a sentence of its own to have one.

use super::near_copy::MIN_TEXT_CHARS;
use crate::domain::submission::{Answer, Submission};
use crate::domain::token::SigningKey;

/// Lower case, letters and digits only, one space between words.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The fingerprint of `submission` in consultation `consultation_id`, keyed by the server's key;
/// `None` when it has too little text to tell a repeat from a coincidence.
pub fn of(submission: &Submission, consultation_id: i64, key: &SigningKey) -> Option<i64> {
    let mut content = format!("{consultation_id}");
    let mut text_chars = 0;
    for answer in &submission.answers {
        match answer {
            Answer::Options { question_id, option_ids } => {
                content.push_str(&format!("|{question_id}:{option_ids:?}"));
            }
            Answer::Scale { question_id, value } => {
                content.push_str(&format!("|{question_id}={value}"))
            }
            Answer::Text { question_id, text, .. } => {
                let text = normalise(text.as_str());
                text_chars += text.chars().filter(|c| *c != ' ').count();
                content.push_str(&format!("|{question_id}\"{text}"));
            }
        }
    }
    (text_chars >= MIN_TEXT_CHARS).then(|| {
        let mac = key.mac("content", content.as_bytes());
        i64::from_le_bytes(mac[..8].try_into().expect("8 bytes"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demographics::Demographics;
    use crate::domain::ids::QuestionId;
    use crate::domain::scrub::scrub;

    fn submission(choice: i64, text: &str) -> Submission {
        Submission {
            demographics: Demographics::default(),
            answers: vec![
                Answer::Options { question_id: QuestionId(1), option_ids: vec![choice] },
                Answer::Text { question_id: QuestionId(2), text: scrub(text), flag: None },
            ],
        }
    }

    fn key() -> SigningKey {
        SigningKey::from_bytes([5; 32])
    }

    #[test]
    fn case_spacing_and_punctuation_do_not_hide_a_copy() {
        assert_eq!(normalise("  Ban   the APPS!!! now. "), "ban the apps now");
        assert_eq!(normalise("لا  للتنمر، أبداً"), "لا للتنمر أبداً");
        let a = of(&submission(11, "Ban the apps that track us everywhere"), 1, &key());
        let b = of(&submission(11, "ban the apps, that track us EVERYWHERE!"), 1, &key());
        assert!(a.is_some());
        assert_eq!(a, b);
    }

    #[test]
    fn other_choices_other_text_or_another_consultation_differ() {
        let a = of(&submission(11, "Ban the apps that track us everywhere"), 1, &key());
        assert_ne!(a, of(&submission(12, "Ban the apps that track us everywhere"), 1, &key()));
        assert_ne!(a, of(&submission(11, "Ban the apps that follow us everywhere"), 1, &key()));
        assert_ne!(a, of(&submission(11, "Ban the apps that track us everywhere"), 2, &key()));
    }

    #[test]
    fn short_text_has_no_fingerprint() {
        assert_eq!(of(&submission(11, "I don't know"), 1, &key()), None);
        assert_eq!(of(&submission(11, "no"), 1, &key()), None);
        assert_eq!(of(&submission(11, "More lessons on privacy."), 1, &key()), None);
    }
}
