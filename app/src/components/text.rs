/// Leptos writes `<textarea>` children unescaped when rendering on the server (as if they were
/// raw text like `<script>`), so typed text such as `</textarea>` would break out of the element.
/// Escape it there; the browser decodes the entities back into what was typed.
pub fn textarea_safe(text: &str) -> String {
    if cfg!(feature = "ssr") {
        text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    } else {
        text.to_owned()
    }
}
