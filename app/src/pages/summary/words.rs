//! The summary's groups, answers and counts in the page's language. The snapshot keeps them as
//! keys (see `domain::summary`); the CSV export keeps their English names.

use crate::components::language::language;
use crate::domain::cldr;
use crate::domain::integrity::HoldReason;
use crate::domain::moderation::RejectReason;
use crate::domain::summary::{Answer, Dimension, Group};
use crate::domain::suppression::Shown;
use crate::domain::time_fmt::{hour_utc, numeric_hour_utc};
use crate::i18n::{Locale, td_string};
use crate::pages::choices;

pub fn group(g: Group, l: Locale) -> String {
    match g {
        Group::AgeBand(a) => choices::age_band(a, l).into(),
        Group::Region(r) => choices::region(r, l).into(),
        Group::Gender(g) => choices::gender(g, l).into(),
        Group::Language(language) => language.name().into(),
        Group::Hour(t) if l == Locale::en => hour_utc(t),
        Group::Hour(t) => numeric_hour_utc(t),
        Group::NotStated => td_string!(l, summary.not_stated).into(),
        Group::Smaller => td_string!(l, summary.smaller).into(),
    }
}

/// The column heading for a dimension's groups.
pub fn dimension(d: Dimension, l: Locale) -> &'static str {
    match d {
        Dimension::AgeBand => td_string!(l, summary.age_band),
        Dimension::Region => td_string!(l, summary.region),
        Dimension::Gender => td_string!(l, summary.gender),
        Dimension::Language => td_string!(l, summary.language),
        Dimension::Hour => td_string!(l, summary.hour),
    }
}

/// "By age band": participation by a dimension.
pub fn participation_by(d: Dimension, l: Locale) -> &'static str {
    match d {
        Dimension::AgeBand => td_string!(l, summary.by_age_band),
        Dimension::Region => td_string!(l, summary.by_region),
        Dimension::Gender => td_string!(l, summary.by_gender),
        Dimension::Language => td_string!(l, summary.by_language),
        Dimension::Hour => td_string!(l, summary.by_hour),
    }
}

/// "Answers by age band".
pub fn answers_by(d: Dimension, l: Locale) -> &'static str {
    match d {
        Dimension::AgeBand => td_string!(l, summary.answers_by_age_band),
        Dimension::Region => td_string!(l, summary.answers_by_region),
        Dimension::Gender => td_string!(l, summary.answers_by_gender),
        Dimension::Language => td_string!(l, summary.answers_by_language),
        Dimension::Hour => td_string!(l, summary.answers_by_hour),
    }
}

pub fn reason(r: RejectReason, l: Locale) -> &'static str {
    match r {
        RejectReason::OffTopic => td_string!(l, summary.off_topic),
        RejectReason::Abusive => td_string!(l, summary.abusive),
        RejectReason::Spam => td_string!(l, summary.spam_reason),
        RejectReason::PersonalInformation => td_string!(l, summary.personal_information),
        RejectReason::Duplicate => td_string!(l, summary.duplicate),
    }
}

/// An answer's label: organizers' words (translated where they were), or "No answer".
pub fn answer(a: &Answer, l: Locale) -> String {
    match a {
        Answer::NoAnswer => td_string!(l, summary.no_answer).into(),
        other => other.label(),
    }
}

/// How a count reads in a chart or a table.
pub fn count(c: Shown, k: u64, l: Locale) -> String {
    match c {
        Shown::Count(n) => number(n, l),
        Shown::FewerThanK => td_string!(l, summary.fewer_than, k = number(k, l)).to_string(),
        Shown::Hidden => td_string!(l, summary.hidden).into(),
    }
}

pub fn number(n: u64, l: Locale) -> String {
    cldr::integer(n, language(l))
}

/// "21 young people took part", in the form the number takes in each language (Russian says
/// 21 in the singular, Arabic has six forms).
pub fn took_part(n: u64, l: Locale) -> String {
    td_string!(l, summary.took_part, count = n, n = number(n, l)).to_string()
}

/// Items side by side in the page's language.
pub fn list(items: &[String], l: Locale) -> String {
    cldr::list(items, language(l))
}

pub fn percent(value: f64, l: Locale) -> String {
    cldr::percent(value, language(l))
}

pub fn hold_reason(r: HoldReason, l: Locale) -> &'static str {
    match r {
        HoldReason::TooFast => td_string!(l, summary.held_too_fast),
        HoldReason::Honeypot => td_string!(l, summary.held_honeypot),
        HoldReason::Burst => td_string!(l, summary.held_burst),
        HoldReason::Repeated => td_string!(l, summary.held_repeated),
        HoldReason::Duplicate => td_string!(l, summary.held_duplicate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_puts_no_noun_after_k_so_any_k_reads_right() {
        // "менее 21 молодых людей" would be wrong: after 21 the noun takes the singular.
        let k = number(21, Locale::ru);
        assert_eq!(
            td_string!(Locale::ru, summary.too_few, k = k.clone()).to_string(),
            "Участников меньше 21, поэтому цифры нельзя показать без риска, что кого-то узнают."
        );
        let cells = td_string!(Locale::ru, summary.cells, k).to_string();
        assert!(cells.starts_with("Каждое число относится к группе, где участников не меньше 21."));
    }

    #[test]
    fn a_count_takes_the_form_its_number_needs_in_each_language() {
        crate::plurals::install();
        assert_eq!(took_part(1, Locale::en), "1 young person took part.");
        assert_eq!(took_part(1_234, Locale::en), "1,234 young people took part.");
        assert_eq!(took_part(21, Locale::ru), "Принял участие 21 молодой человек.");
        assert_eq!(took_part(23, Locale::ru), "Приняли участие 23 молодых человека.");
        assert_eq!(took_part(25, Locale::ru), "Приняли участие 25 молодых людей.");
        assert_eq!(took_part(11, Locale::ru), "Приняли участие 11 молодых людей.");
        assert_eq!(took_part(2, Locale::ar), "شارك شابان.");
        assert_eq!(took_part(7, Locale::ar), "شارك 7 شباب.");
        assert_eq!(took_part(40, Locale::ar), "شارك 40 شابًا.");
        assert_eq!(took_part(100, Locale::ar), "شارك 100 من الشباب.");
        assert_eq!(took_part(1, Locale::fr), "1 jeune a participé.");
        assert_eq!(took_part(30, Locale::fr), "30 jeunes ont participé.");
        assert_eq!(took_part(30, Locale::zh), "共有 30 名青少年参与。");
    }
}
