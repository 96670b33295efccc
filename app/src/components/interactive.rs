use leptos::prelude::*;

/// Loads the wasm that makes this page's islands interactive. Only pages with an island render
/// it, so every other page ships no JavaScript at all.
#[component]
pub fn Interactive() -> impl IntoView {
    let options = expect_context::<LeptosOptions>();
    view! { <HydrationScripts options islands=true/> }
}
