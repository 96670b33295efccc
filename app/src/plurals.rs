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
