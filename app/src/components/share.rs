//! Helping a link travel: the preview a messaging app shows when it is pasted, and the "share
//! this with a friend" block. Everything is served by us; nothing asks another site.

use leptos::prelude::*;
use leptos_meta::Meta;

use crate::components::language::locale;
use crate::i18n::{I18nLocaleTrait, Locale, td_string};

/// Open Graph and Twitter card tags, read by messaging apps when someone pastes the link.
#[component]
pub fn LinkPreview(title: String, description: String, link: String) -> impl IntoView {
    let locale = locale();
    let image = format!("{}/{PREVIEW_IMAGE}", site_of(&link));
    let description = short(&description);
    view! {
        <Meta property="og:locale" content=og_locale(locale)/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:type" content="website"/>
        <Meta property="og:site_name" content=td_string!(locale, site.name)/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="og:url" content=link/>
        <Meta property="og:image" content=image.clone()/>
        <Meta property="og:image:width" content="1200"/>
        <Meta property="og:image:height" content="630"/>
        <Meta property="og:image:alt" content=td_string!(locale, share.image_alt)/>
        <Meta name="twitter:card" content="summary_large_image"/>
        <Meta name="twitter:title" content=title/>
        <Meta name="twitter:description" content=description/>
        <Meta name="twitter:image" content=image/>
    }
}

/// Served by the server (`/share.png`), drawn by it: no text, so it suits every language.
pub const PREVIEW_IMAGE: &str = "share.png";

/// Open Graph wants a language and a territory; these are the ones the six are most read in.
fn og_locale(locale: Locale) -> &'static str {
    match locale {
        Locale::ar => "ar_AR",
        Locale::zh => "zh_CN",
        Locale::en => "en_US",
        Locale::fr => "fr_FR",
        Locale::ru => "ru_RU",
        Locale::es => "es_ES",
    }
}

/// `https://host/c/slug` → `https://host`.
fn site_of(link: &str) -> &str {
    link.find("/c/").map_or(link, |at| &link[..at])
}

/// Previews show about two lines; a description is cut at a word, with an ellipsis.
fn short(text: &str) -> String {
    const MAX: usize = 200;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= MAX {
        return text;
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// The page's link to pass on, as text anyone can select, a copy button where JavaScript runs,
/// and a QR code to show a friend's phone. Pages with it load `respond.js` (`RespondScript`).
#[component]
pub fn ShareBlock(slug: String, link: String) -> impl IntoView {
    let locale = locale();
    // The link opens in the language it was shared in.
    let link = format!("{link}?lang={}", locale.as_str());
    view! {
        <section class="share" aria-labelledby="share-title">
            <h2 id="share-title">{td_string!(locale, share.title)}</h2>
            <p>{td_string!(locale, share.text)}</p>
            <div class="field">
                <label for="share-link">{td_string!(locale, share.link)}</label>
                <input id="share-link" type="text" readonly value=link dir="ltr"/>
            </div>
            // Shown by `respond.js`, which says what pressing it did in these words.
            <button type="button" class="button" hidden data-copy="share-link"
                data-copied=td_string!(locale, share.copied) data-selected=td_string!(locale, share.selected)>
                {td_string!(locale, share.copy)}
            </button>
            <p class="hint" role="status"></p>
            <img class="qr" src=format!("/c/{slug}/qr.svg?lang={}", locale.as_str()) width="160" height="160"
                alt=td_string!(locale, share.qr)/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_image_lives_on_the_same_site_as_the_page() {
        assert_eq!(site_of("https://consult.example/c/ai"), "https://consult.example");
    }

    #[test]
    fn a_long_description_is_cut_at_a_word() {
        assert_eq!(short("Two  lines\nof text."), "Two lines of text.");
        let long = "word ".repeat(100);
        let cut = short(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= 201);
    }
}
