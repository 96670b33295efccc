use leptos::prelude::*;

/// Loads the wasm that makes this page's islands interactive (the countdown before a
/// consultation opens). Only pages with an island render it, so no other page loads the wasm.
///
/// Our own bootstrap instead of Leptos' `HydrationScripts`: that one also adds `<link rel=preload>`
/// for the JS and the wasm, which browsers fetch even with JavaScript off, so a young person
/// without it downloaded ~140 KB they could never use. A module script is not fetched at all
/// then. Our islands do not nest, so starting each one is a flat loop.
#[component]
pub fn Interactive() -> impl IntoView {
    let options = expect_context::<LeptosOptions>();
    let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    let script = format!(
        r#"import init, * as wasm from "{pkg}.js";
init({{ module_or_path: "{pkg}.wasm" }}).then(() => {{
  wasm.hydrate();
  for (const island of document.querySelectorAll("leptos-island")) wasm[island.dataset.component]?.(island);
}});"#
    );
    view! { <script type="module" nonce=leptos::nonce::use_nonce() inner_html=script></script> }
}
