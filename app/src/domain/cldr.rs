//! Numbers as each language writes them (CLDR's conventions): "12,345" and "12.5%" in English,
//! "12 345" and "12,5 %" in French. Arabic keeps Latin digits, as the ITU's Arabic documents do.

use super::language::Language;

const NARROW_NBSP: char = '\u{202F}';
const NBSP: char = '\u{00A0}';

struct Conventions {
    group: char,
    decimal: char,
    /// Between the number and "%", if anything.
    before_percent: Option<char>,
    /// Spanish leaves four-digit numbers ungrouped ("1000", "12.345").
    min_grouping: usize,
}

fn conventions(language: Language) -> Conventions {
    let plain = Conventions { group: ',', decimal: '.', before_percent: None, min_grouping: 4 };
    match language {
        Language::En | Language::Zh | Language::Ar => plain,
        Language::Fr => Conventions {
            group: NARROW_NBSP,
            decimal: ',',
            before_percent: Some(NARROW_NBSP),
            min_grouping: 4,
        },
        Language::Ru => {
            Conventions { group: NBSP, decimal: ',', before_percent: Some(NBSP), min_grouping: 4 }
        }
        Language::Es => {
            Conventions { group: '.', decimal: ',', before_percent: Some(NBSP), min_grouping: 5 }
        }
    }
}

/// A whole number with its thousands grouped.
pub fn integer(n: u64, language: Language) -> String {
    let c = conventions(language);
    let digits = n.to_string();
    if digits.len() < c.min_grouping {
        return digits;
    }
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(c.group);
        }
        out.push(d);
    }
    out
}

/// A percentage to one decimal at most: "12.5%", "12,5 %", "40%".
pub fn percent(value: f64, language: Language) -> String {
    let c = conventions(language);
    let tenths = (value * 10.0).round() as u64;
    let mut out = integer(tenths / 10, language);
    if !tenths.is_multiple_of(10) {
        out.push(c.decimal);
        out.push_str(&(tenths % 10).to_string());
    }
    out.extend(c.before_percent);
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_grouped_as_each_language_groups_them() {
        assert_eq!(integer(999, Language::En), "999");
        assert_eq!(integer(1_234_567, Language::En), "1,234,567");
        assert_eq!(integer(1_234_567, Language::Ar), "1,234,567");
        assert_eq!(integer(12_345, Language::Fr), "12\u{202F}345");
        assert_eq!(integer(12_345, Language::Ru), "12\u{A0}345");
        assert_eq!(integer(1000, Language::Es), "1000");
        assert_eq!(integer(12_345, Language::Es), "12.345");
        assert_eq!(integer(0, Language::Zh), "0");
    }

    #[test]
    fn percentages_use_the_languages_decimal_mark_and_spacing() {
        assert_eq!(percent(12.5, Language::En), "12.5%");
        assert_eq!(percent(40.0, Language::En), "40%");
        assert_eq!(percent(12.5, Language::Fr), "12,5\u{202F}%");
        assert_eq!(percent(12.5, Language::Ru), "12,5\u{A0}%");
        assert_eq!(percent(12.5, Language::Es), "12,5\u{A0}%");
        assert_eq!(percent(100.0, Language::Zh), "100%");
        assert_eq!(percent(0.04, Language::En), "0%");
    }
}
