//! ICU's plural rules, compiled in, for leptos_i18n's counted texts (`key_one`, `key_few`, …,
//! `key_other` in `locales/`): Russian says "21 молодой человек", Arabic has six forms. Given to
//! leptos_i18n as a data provider of ours because its own compiled-data feature pulls an ICU
//! version its build crate's cannot share a lockfile with.

use leptos_i18n::custom_provider::{IcuDataProvider, set_icu_data_provider};
use leptos_i18n::reexports::icu::locid::Locale;
use leptos_i18n::reexports::icu::plurals::{PluralRuleType, PluralRules, PluralRulesOptions};
use leptos_i18n::reexports::icu::provider::DataError;

struct CompiledRules;

impl IcuDataProvider for CompiledRules {
    fn try_new_plural_rules(
        &self,
        locale: &Locale,
        rule_type: PluralRuleType,
    ) -> Result<PluralRules, DataError> {
        PluralRules::try_new(locale.into(), PluralRulesOptions::default().with_type(rule_type))
    }
}

/// Before a counted text is rendered (leptos_i18n panics without rules); once per process.
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| set_icu_data_provider(CompiledRules));
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Locale, td_string};

    fn held(n: u64, l: Locale) -> String {
        super::install();
        td_string!(l, moderate.held_link, count = n, n = n.to_string()).to_string()
    }

    #[test]
    fn a_counted_staff_text_takes_each_language_s_forms() {
        assert_eq!(held(1, Locale::en), "Held back: 1 response");
        assert_eq!(held(2, Locale::en), "Held back: 2 responses");
        assert_eq!(held(1, Locale::fr), "Retenue : 1 réponse");
        assert_eq!(held(2, Locale::ar), "محجوزة: ردّان");
        assert_eq!(held(5, Locale::ar), "محجوزة: 5 ردود");
        assert_eq!(held(12, Locale::ar), "محجوزة: 12 ردًا");
        assert_eq!(held(21, Locale::ru), "Задержано ответов: 21");
    }
}
