//! Every translation file has every key of the English one, with the same `{{ variables }}`, and
//! no key English lacks. leptos_i18n only warns about a missing key (and shows English there);
//! this makes it fail.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const OTHERS: [&str; 5] = ["ar", "zh", "fr", "ru", "es"];

/// The forms a counted text takes by its number, as leptos_i18n names them (`key_one`, `key_few`,
/// …): each language has the forms its grammar needs, and every one has `key_other`.
const PLURAL_FORMS: [&str; 5] = ["_zero", "_one", "_two", "_few", "_many"];

/// One language's texts: `section.key` → the variables its text uses (a counted text's `_other`
/// form stands for it), and the variables each of its other forms uses.
#[derive(Default)]
struct Texts {
    keys: BTreeMap<String, Vec<String>>,
    forms: Vec<(String, Vec<String>)>,
}

fn texts(lang: &str) -> Texts {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(format!("{lang}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{lang}.json: {e}"));
    let mut all = BTreeMap::new();
    collect(&json, "", &mut all);
    // As leptos_i18n reads them: `key_one` is a form of `key` only when `key_other` exists.
    let mut out = Texts::default();
    for (key, vars) in &all {
        let form = PLURAL_FORMS.iter().find_map(|form| key.strip_suffix(form));
        match form.filter(|base| all.contains_key(&format!("{base}_other"))) {
            Some(base) => out.forms.push((base.to_owned(), vars.clone())),
            None => {
                let counted = key.strip_suffix("_other");
                out.keys.insert(counted.unwrap_or(key).to_owned(), vars.clone());
            }
        }
    }
    out
}

/// `section.key` → the variables its text uses.
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
    let english = texts("en");
    assert!(english.keys.len() > 100, "the English file is read");
    for lang in std::iter::once("en").chain(OTHERS) {
        let other = texts(lang);
        let missing: Vec<_> =
            english.keys.keys().filter(|k| !other.keys.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys.keys().filter(|k| !english.keys.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang}.json lacks {missing:?}");
        assert!(extra.is_empty(), "{lang}.json has keys English lacks: {extra:?}");
        for (key, vars) in &english.keys {
            assert_eq!(&other.keys[key], vars, "{lang}.json {key} uses other variables");
        }
        // A form may leave the number out (in Arabic, "two young people" is one word).
        for (base, vars) in &other.forms {
            let known = &other.keys[base];
            assert!(vars.iter().all(|v| known.contains(v)), "{lang}.json {base}: {vars:?}");
        }
    }
}
