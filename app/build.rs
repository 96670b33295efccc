//! Compiles the translations in `locales/` into the `i18n` module, and re-embeds the migrations
//! (`sqlx::migrate!`) when one is added.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=../migrations");
    println!("cargo::rerun-if-changed=build.rs");
    // English first: it is the default, and what a missing translation falls back to (a test
    // checks that none is missing).
    let config = Config::new("en")?
        .add_locales(["ar", "zh", "fr", "ru", "es"])?
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("no OUT_DIR")?).join("i18n");
    translations.generate_i18n_module(out)?;
    Ok(())
}
