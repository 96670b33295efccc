//! Numbers, lists and dates as each language writes them, by ICU's compiled-in copy of CLDR:
//! "12,345" and "12.5%" in English, "12 345" and "12,5 %" in French, "13–15 وأوروبا" in Arabic,
//! "Tuesday, 24 November 2026". English is written the British way and Arabic keeps Latin digits,
//! as the ITU's documents do.

use icu_calendar::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMDE;
use icu_datetime::input::Date;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_list::ListFormatter;
use icu_list::options::{ListFormatterOptions, ListLength};
use icu_locale_core::Locale;

use super::language::Language;

fn locale(language: Language) -> Locale {
    let tag = match language {
        Language::En => "en-GB",
        Language::Ar => "ar-u-nu-latn",
        other => other.code(),
    };
    tag.parse().expect("a valid language tag")
}

// The compiled-in data covers every language we offer, so these cannot fail.
fn formatter(language: Language) -> DecimalFormatter {
    DecimalFormatter::try_new((&locale(language)).into(), Default::default()).expect("ICU data")
}

/// A day in full, weekday first: "Tuesday, 24 November 2026", "martes, 24 de noviembre de 2026",
/// "2026年11月24日星期二". Empty for a day that does not exist.
pub fn full_date(year: i32, month: u8, day: u8, language: Language) -> String {
    let Ok(date) = Date::try_new_gregorian(year, month, day) else { return String::new() };
    FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
        (&locale(language)).into(),
        YMDE::long(),
    )
    .expect("ICU data")
    .format(&date)
    .to_string()
}

/// Items side by side, as a language lists them briefly: "13–15, Europe", "13–15、Europe",
/// "13–15 وأوروبا".
pub fn list(items: &[String], language: Language) -> String {
    let options = ListFormatterOptions::default().with_length(ListLength::Narrow);
    ListFormatter::try_new_and((&locale(language)).into(), options)
        .expect("ICU data")
        .format(items.iter())
        .to_string()
}

/// A whole number with its thousands grouped.
pub fn integer(n: u64, language: Language) -> String {
    formatter(language).format(&Decimal::from(n)).to_string()
}

/// A percentage to one decimal at most: "12.5%", "12,5 %", "40%".
pub fn percent(value: f64, language: Language) -> String {
    let mut number = Decimal::from((value * 10.0).round() as u64);
    number.multiply_pow10(-1);
    number.trim_end();
    // CLDR's percent patterns: French puts a narrow no-break space before the sign, Russian and
    // Spanish a no-break space; the others nothing. (ICU's percent formatter is not stable yet.)
    let space = match language {
        Language::Fr => "\u{202F}",
        Language::Ru | Language::Es => "\u{A0}",
        Language::En | Language::Zh | Language::Ar => "",
    };
    format!("{}{space}%", formatter(language).format(&number))
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
        assert_eq!(integer(u64::MAX, Language::En), "18,446,744,073,709,551,615");
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
        assert_eq!(percent(33.3, Language::Ar), "33.3%");
    }

    #[test]
    fn lists_take_each_languages_separator() {
        let groups = ["13–15".to_owned(), "Europe".to_owned()];
        assert_eq!(list(&groups, Language::En), "13–15, Europe");
        assert_eq!(list(&groups, Language::Fr), "13–15, Europe");
        assert_eq!(list(&groups, Language::Zh), "13–15、Europe");
        assert_eq!(list(&groups, Language::Ar), "13–15 وEurope");
        assert_eq!(list(&groups[..1], Language::Fr), "13–15");
    }
}
