//! Between a page and the HTTP exchange it is rendered for, on the server: what the page tells
//! the response (status, security policy, caching) and what the server tells the page
//! ([`TokenMark`]). No-ops in the browser.

/// Sets the HTTP status of the page being rendered.
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(code)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(status),
    ) {
        response.set_status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// A strict Content Security Policy for this page: scripts only from this site, and the inline
/// hydration bootstrap only by the nonce Leptos puts on it. Nothing from any other origin.
pub fn set_content_security_policy() {
    #[cfg(feature = "ssr")]
    if let (Some(response), Some(nonce)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), leptos::nonce::use_nonce())
    {
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
             base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        );
        if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
            response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// Given by the server when it renders a page once for many readers (`routes::stamped`): the
/// form carries this mark instead of a token, and each reader's copy gets a token of its own in
/// its place.
#[derive(Clone, Debug)]
pub struct TokenMark(pub std::sync::Arc<str>);

/// What a browser may keep of a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// Nothing, not even on a phone that someone else may pick up: every page unless it says
    /// otherwise (a receipt code, staff pages).
    Nothing,
    /// This browser only, checked again before each reuse: the answer form. A page kept nowhere
    /// is also kept out of the back-forward cache, so after a send that failed on a dropped
    /// connection, Back would bring a blank form instead of the one as typed.
    Revalidated,
}

/// Sets how long the page being rendered may be kept (the shell sets [`Keep::Nothing`] first).
pub fn set_cache(keep: Keep) {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        let value = match keep {
            Keep::Nothing => "no-store",
            Keep::Revalidated => "private, no-cache",
        };
        response.insert_header(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static(value),
        );
    }
    #[cfg(not(feature = "ssr"))]
    let _ = keep;
}

/// Asks the browser to load the page again after `seconds` (the HTTP `Refresh` header: no script).
pub fn set_refresh(seconds: u32) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(&seconds.to_string()),
    ) {
        response.insert_header(axum::http::header::REFRESH, value);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = seconds;
}

/// Sends the reader elsewhere (302) instead of rendering this page.
pub fn redirect(path: &str) {
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(path);
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}
