//! Which language a page is in, and the switcher between them. The language comes from the link
//! (`?lang=ar`, so a link shared in Arabic opens in Arabic), else from the browser's
//! `Accept-Language`, else English; never from a cookie.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::domain::language::Language;
use crate::domain::lifecycle::UnixTime;
use crate::domain::submission::LANGUAGE;
use crate::domain::time_fmt::{iso_utc, words_utc};
use crate::i18n::{I18nLocaleTrait, Locale, td_string};

/// The page's language, as the server chose it ([`PageLanguage`]). Islands cannot call this (they
/// run without the page's context): they get the locale as a prop.
pub fn locale() -> Locale {
    expect_context::<Locale>()
}

/// The answers' language, as responses record it.
pub fn language(locale: Locale) -> Language {
    Language::parse(locale.as_str()).unwrap_or_default()
}

/// `ar`, `ar-EG` or `ar_EG` → Arabic; anything else → none.
pub fn parse(code: &str) -> Option<Locale> {
    code.split(['-', '_']).next()?.trim().to_ascii_lowercase().parse().ok()
}

/// Chooses the page's language on the server, before anything renders, gives it to every page
/// ([`locale`]) and sets `lang` and `dir` on `<html>`. Ours rather than leptos_i18n's provider:
/// that one keeps the language in a signal whose cookie effect runs as a task of its own, and
/// after a redirect's short render (about one in 3,600) it ran once the signal was gone and
/// panicked.
#[component]
pub fn PageLanguage(children: Children) -> impl IntoView {
    // Pages render on the server only (islands get the language as a prop).
    #[cfg(feature = "ssr")]
    let locale = use_context::<axum::http::request::Parts>()
        .map(|parts| requested(&parts))
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let locale = Locale::default();
    provide_context(locale);
    view! {
        {children()}
        <leptos_meta::Html attr:lang=locale.as_str() attr:dir=locale.direction().as_str()/>
    }
}

/// The language a request asks for: the link's `?lang=`, else the browser's `Accept-Language`,
/// else English.
#[cfg(feature = "ssr")]
pub fn requested(parts: &axum::http::request::Parts) -> Locale {
    let query = parts.uri.query().unwrap_or_default();
    let browser = || {
        let header = parts.headers.get(axum::http::header::ACCEPT_LANGUAGE)?.to_str().ok()?;
        preferred(header)
    };
    asked(query).or_else(browser).unwrap_or_default()
}

/// The language a query string asks for with `lang=`, if it names one of ours.
pub fn asked(query: &str) -> Option<Locale> {
    let asked = form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == LANGUAGE);
    asked.and_then(|(_, code)| parse(&code))
}

/// The first of our languages that an `Accept-Language` header lists, by weight (ties in the
/// header's order); `*` and languages we lack are passed over.
pub fn preferred(accept_language: &str) -> Option<Locale> {
    let mut listed: Vec<(f32, Locale)> = accept_language
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';').map(str::trim);
            let locale = parse(parts.next()?)?;
            let weight =
                parts.find_map(|p| p.strip_prefix("q=")).map_or(Some(1.0), |q| q.parse().ok())?;
            (weight > 0.0).then_some((weight, locale))
        })
        .collect();
    listed.sort_by(|a, b| b.0.total_cmp(&a.0));
    listed.first().map(|&(_, locale)| locale)
}

/// The same page in each language: links that keep the path and the rest of the query.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let current = locale();
    let location = use_location();
    let path = location.pathname.get_untracked();
    let query = location.search.get_untracked();
    let links = Locale::get_all()
        .iter()
        .map(|&l| {
            let href = link_in(&path, &query, l);
            let name = language(l).name();
            view! {
                <li>
                    <a href=href lang=l.as_str() hreflang=l.as_str()
                        aria-current=(l == current).then_some("true")>{name}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="languages" aria-label=td_string!(current, site.languages)>
            <ul>{links}</ul>
        </nav>
    }
}

/// Says that texts not yet translated into the page's language are shown in `original`.
#[component]
pub fn Untranslated(original: Option<Language>) -> impl IntoView {
    let locale = locale();
    original.map(|l| {
        let original = isolate(l.name());
        view! { <p class="notice" role="note">{td_string!(locale, content.untranslated, original)}</p> }
    })
}

/// Rewrites every `<time data-local>` in the reader's own time zone, in the page's language
/// (Latin digits, as elsewhere): a few lines of script on every page, outside the wasm, so pages
/// without an island get it too. Without JavaScript the server's UTC stays.
const LOCAL_TIMES: &str = r#"(function () {
  var lang = document.documentElement.lang + "-u-nu-latn";
  var options = { weekday: "long", day: "numeric", month: "long", year: "numeric",
    hour: "2-digit", minute: "2-digit", timeZoneName: "short" };
  document.querySelectorAll("time[data-local]").forEach(function (t) {
    try { t.textContent = new Intl.DateTimeFormat(lang, options).format(new Date(t.dateTime)); }
    catch (e) { /* an old browser keeps the UTC text */ }
  });
})();"#;

#[component]
pub fn LocalTimes() -> impl IntoView {
    view! { <script nonce=leptos::nonce::use_nonce() inner_html=LOCAL_TIMES></script> }
}

/// A translated sentence with its time `t` as a `<time>` that [`LocalTimes`] rewrites in the
/// reader's zone: `sentence` is given what to put where the time goes.
pub fn with_local_time(
    sentence: impl FnOnce(&str) -> String,
    t: UnixTime,
    locale: Locale,
) -> impl IntoView {
    const MARK: &str = "\u{E000}";
    let text = sentence(MARK);
    let (before, after) = match text.split_once(MARK) {
        Some((before, after)) => (before.to_owned(), after.to_owned()),
        None => (text, String::new()),
    };
    view! { {before}<time datetime=iso_utc(t) data-local="">{when_utc(t, locale)}</time>{after} }
}

/// A time in UTC as the server writes it, in the page's language (where a page has JavaScript,
/// the browser rewrites it in the reader's own time zone).
pub fn when_utc(t: UnixTime, locale: Locale) -> String {
    words_utc(t, language(locale))
}

/// Text put into a sentence of another direction (a meeting's name in an Arabic sentence), kept
/// in its own direction so neither reorders the other.
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// A link within the site that keeps the reader's language: `path` (ours, without a language
/// yet) may carry a query already.
pub fn href(path: &str, lang: impl AsRef<str>) -> String {
    let separator = if path.contains('?') { '&' } else { '?' };
    format!("{path}{separator}{LANGUAGE}={}", lang.as_ref())
}

/// `path?query` with `lang` set to `lang`.
pub fn link_in(path: &str, query: &str, lang: impl AsRef<str>) -> String {
    let query = query.trim_start_matches('?');
    let kept = form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| k != LANGUAGE);
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.extend_pairs(kept);
    out.append_pair(LANGUAGE, lang.as_ref());
    format!("{path}?{}", out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preferred_language_follows_the_weights_and_skips_what_we_lack() {
        assert_eq!(preferred("fr-CH, fr;q=0.9, en;q=0.8"), Some(Locale::fr));
        assert_eq!(preferred("de-DE, ar;q=0.5, en;q=0.7"), Some(Locale::en));
        assert_eq!(preferred("en;q=0.1, zh-TW;q=0.9"), Some(Locale::zh));
        assert_eq!(preferred("ru;q=0, es"), Some(Locale::es));
        assert_eq!(preferred("*, de"), None);
        assert_eq!(preferred(""), None);
    }

    #[test]
    fn a_language_is_read_from_its_code_or_a_regional_variant() {
        assert_eq!(parse("ar"), Some(Locale::ar));
        assert_eq!(parse("ar-EG"), Some(Locale::ar));
        assert_eq!(parse("zh_CN"), Some(Locale::zh));
        assert_eq!(parse("FR"), Some(Locale::fr));
        assert_eq!(parse("de"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn a_switcher_link_keeps_the_page_and_replaces_only_the_language() {
        assert_eq!(
            link_in("/c/demo", "?step=answer&lang=fr", Locale::ar),
            "/c/demo?step=answer&lang=ar"
        );
        assert_eq!(link_in("/", "", Locale::zh), "/?lang=zh");
        assert_eq!(href("/c/demo?step=answer", Locale::es), "/c/demo?step=answer&lang=es");
        assert_eq!(language(Locale::ru), Language::Ru);
    }
}
