//! Free text is scrubbed before it is stored, so contact details a young person types by
//! mistake (or is pressured to share) never reach the database, a moderator or a delegate.

use regex::{Captures, Regex};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

pub const EMAIL_REMOVED: &str = "[email removed]";
pub const LINK_REMOVED: &str = "[link removed]";
pub const PHONE_REMOVED: &str = "[phone removed]";
pub const NUMBER_REMOVED: &str = "[number removed]";
pub const HANDLE_REMOVED: &str = "[handle removed]";

// `\d`, `\p{L}` and `\w` are Unicode-aware, so Arabic-Indic and full-width digits and non-Latin
// names are caught too. Order matters: e-mail before handle, link and phone before digit run.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}._%+\-]+[@＠][\p{L}\p{N}\-]+(?:[.．][\p{L}\p{N}\-]+)+").unwrap()
});
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:\b[a-z][a-z0-9+.\-]*://|\bwww\.)[^\s<>]+",
        r"|\b(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+",
        r"(?:com|org|net|edu|gov|int|info|biz|io|me|ly|co|gg|tv|app|dev|xyz|site|online|link|",
        r"ru|cn|fr|es|uk|de|it|ar|sa|ae|eg|ma|dz|tn|jo|lb|qa|kw|in|pk|ng|ke|za|gh|br|mx|cl|pe|",
        r"ca|us|au|nz|jp|kr|tw|hk|sg|my|id|ph|th|vn|tr|ir|ua|kz|by|pl|nl|be|ch|at|se|no|fi|dk)",
        r"\b(?:/[^\s<>]*)?",
    ))
    .unwrap()
});
// Seven or more digits, at most one separator (space, dash, dot, bracket) between two digits,
// an optional leading + or 00: international and local phone formats.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[+＋]\s?)?\(?\d(?:(?:[ \-.\u{00A0}]|\)\s?|\s?\()?\d){6,}\)?").unwrap()
});
static DIGIT_RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{6,}").unwrap());
static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[@＠][\p{L}\p{N}_][\p{L}\p{N}_.]*").unwrap());

/// Text with contact details replaced by placeholders. Only [`scrub`] makes one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScrubbedText(String);

impl ScrubbedText {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

pub fn scrub(text: &str) -> ScrubbedText {
    let text = EMAIL.replace_all(text, EMAIL_REMOVED);
    let text = LINK.replace_all(&text, LINK_REMOVED);
    let text = PHONE.replace_all(&text, |c: &Captures| {
        // A bare run of digits may be an ID or a card as well as a phone.
        if c[0].chars().all(char::is_numeric) { NUMBER_REMOVED } else { PHONE_REMOVED }
    });
    let text = DIGIT_RUN.replace_all(&text, NUMBER_REMOVED);
    let text = HANDLE.replace_all(&text, HANDLE_REMOVED);
    ScrubbedText(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Cases in several languages: (input, expected output).
    const CASES: &[(&str, &str)] = &[
        // English
        ("mail me at sam.lee+cop@example.org please", "mail me at [email removed] please"),
        ("call +44 20 7946 0958 now", "call [phone removed] now"),
        ("my number is (555) 123-4567", "my number is [phone removed]"),
        ("see https://example.com/a?b=1 and www.test.org", "see [link removed] and [link removed]"),
        ("DM me @cool_kid.99 on insta", "DM me [handle removed] on insta"),
        ("my student id is 20231234", "my student id is [number removed]"),
        ("pin 123456", "pin [number removed]"),
        ("I am 13 and I use my phone 4 hours a day", "I am 13 and I use my phone 4 hours a day"),
        ("In 2024 apps got better", "In 2024 apps got better"),
        ("Steps: 1. 2. 3. 4. 5. 6. 7.", "Steps: 1. 2. 3. 4. 5. 6. 7."),
        ("bit.ly/xyz is a scam", "[link removed] is a scam"),
        // French
        ("Appelle-moi au 06 12 34 56 78 ce soir", "Appelle-moi au [phone removed] ce soir"),
        ("écris à élève@école.fr", "écris à [email removed]"),
        // Spanish
        ("mi WhatsApp es +34 612 345 678", "mi WhatsApp es [phone removed]"),
        // Russian
        ("пиши мне в телеграм @ivan_petrov", "пиши мне в телеграм [handle removed]"),
        ("мой телефон 8 (912) 345-67-89", "мой телефон [phone removed]"),
        // Arabic, with Arabic-Indic digits and an Arabic e-mail local part
        ("اتصل بي على +٩٧١ ٥٠ ١٢٣ ٤٥٦٧ من فضلك", "اتصل بي على [phone removed] من فضلك"),
        ("رقمي ٠٥٠١٢٣٤٥٦٧", "رقمي [number removed]"),
        ("راسلني على سارة@مثال.كوم", "راسلني على [email removed]"),
        ("أستخدم الهاتف 3 ساعات يوميا", "أستخدم الهاتف 3 ساعات يوميا"),
        // Chinese, with full-width digits and a full-width at sign
        ("我的手机号是 +86 138-0013-8000", "我的手机号是 [phone removed]"),
        ("我的QQ号是１３８００１３８０", "我的QQ号是[number removed]"),
        ("邮箱是 xiaoming＠qq.com", "邮箱是 [email removed]"),
        ("我每天上网两个小时", "我每天上网两个小时"),
    ];

    #[test]
    fn table_of_cases_in_several_languages() {
        for (input, expected) in CASES {
            assert_eq!(scrub(input).as_str(), *expected, "input: {input}");
        }
    }

    fn detectors() -> [&'static Regex; 5] {
        [&EMAIL, &LINK, &PHONE, &DIGIT_RUN, &HANDLE]
    }

    proptest! {
        #[test]
        fn nothing_a_detector_matches_survives(text in "\\PC{0,80}") {
            let out = scrub(&text);
            for d in detectors() {
                prop_assert!(!d.is_match(out.as_str()), "{} matches {:?}", d, out);
            }
        }

        #[test]
        fn scrubbing_twice_changes_nothing(text in "\\PC{0,80}") {
            let once = scrub(&text);
            prop_assert_eq!(scrub(once.as_str()), once);
        }

        #[test]
        fn text_without_digits_dots_or_at_signs_is_unchanged(text in "[^0-9.@＠:/\\p{Nd}]{0,80}") {
            let out = scrub(&text);
            prop_assert_eq!(out.as_str(), text.as_str());
        }

        #[test]
        fn embedded_phone_numbers_are_removed(
            before in "[a-z ]{0,20}",
            digits in proptest::collection::vec(0u8..10, 7..15),
            sep in prop_oneof![Just(""), Just(" "), Just("-"), Just(".")],
            plus in any::<bool>(),
            after in "[a-z ]{0,20}",
        ) {
            let number: Vec<String> = digits.iter().map(u8::to_string).collect();
            let phone = format!("{}{}", if plus { "+" } else { "" }, number.join(sep));
            let out = scrub(&format!("{before} {phone} {after}"));
            prop_assert!(!out.as_str().contains(&phone), "{:?}", out);
            prop_assert!(out.as_str().contains(PHONE_REMOVED) || out.as_str().contains(NUMBER_REMOVED));
        }

        #[test]
        fn embedded_emails_are_removed(
            user in "[a-z][a-z0-9._]{0,10}",
            domain in "[a-z]{2,10}",
            tld in "[a-z]{2,4}",
        ) {
            let email = format!("{user}@{domain}.{tld}");
            let out = scrub(&format!("write to {email} today"));
            prop_assert_eq!(out.as_str(), "write to [email removed] today");
        }
    }
}
