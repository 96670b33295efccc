//! Every translation file has every key of the English one, with the same `{{ variables }}`, and
//! no key English lacks. leptos_i18n only warns about a missing key (and shows English there);
//! this makes it fail.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const OTHERS: [&str; 5] = ["ar", "zh", "fr", "ru", "es"];

/// `section.key` → the variables its text uses.
fn keys(lang: &str) -> BTreeMap<String, Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(format!("{lang}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{lang}.json: {e}"));
    let mut out = BTreeMap::new();
    collect(&json, "", &mut out);
    out
}

fn collect(value: &Value, prefix: &str, out: &mut BTreeMap<String, Vec<String>>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                collect(value, &format!("{prefix}{key}."), out);
            }
        }
        Value::String(text) => {
            assert!(!text.trim().is_empty(), "{prefix}: an empty translation");
            let mut vars: Vec<String> = text
                .split("{{")
                .skip(1)
                .filter_map(|rest| Some(rest.split_once("}}")?.0.trim().to_owned()))
                .collect();
            vars.sort();
            out.insert(prefix.trim_end_matches('.').to_owned(), vars);
        }
        other => panic!("{prefix}: a translation is text, not {other}"),
    }
}

#[test]
fn every_language_has_every_key_with_the_same_variables() {
    let english = keys("en");
    assert!(english.len() > 100, "the English file is read");
    for lang in OTHERS {
        let other = keys(lang);
        let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang}.json lacks {missing:?}");
        assert!(extra.is_empty(), "{lang}.json has keys English lacks: {extra:?}");
        for (key, vars) in &english {
            assert_eq!(&other[key], vars, "{lang}.json {key} uses other variables");
        }
    }
}
