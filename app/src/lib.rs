//! Youth Consult: the Leptos application. Pages by audience under `pages/`, server functions in
//! `api/`, pure rules in `domain/`, the types the layers hand each other in `views/`; on the
//! server only, use cases in `services/` and all SQL in `storage/`.

// Leptos views are nested types; the staff editors are deep enough to need more than 128.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod http;
// `i18n`: the `Locale` enum and `td_string!` (the page language: `components::language`).
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
pub mod pages;
pub mod plurals;
#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod storage;
pub mod views;

/// Islands mode: only the interactive parts of a page (`#[island]`) ship as wasm and hydrate.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
