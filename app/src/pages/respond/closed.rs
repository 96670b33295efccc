use leptos::prelude::*;

use crate::api::respond::ConsultationView;
use crate::components::language::{Untranslated, href, isolate, locale};
use crate::domain::lifecycle::Phase;
use crate::i18n::td_string;

/// After the window. When a form arrives too late, the person sees that nothing was stored and
/// gets back what they wrote.
#[component]
pub fn Closed(page: ConsultationView, late_texts: Option<Vec<String>>) -> impl IntoView {
    let locale = locale();
    let late = late_texts.map(|texts| {
        view! {
            <div class="error-summary" role="alert">
                <p>{td_string!(locale, closed.late)}</p>
            </div>
            {(!texts.is_empty()).then(|| view! {
                <p>{td_string!(locale, closed.kept)}</p>
                {texts.into_iter().map(|t| view! { <blockquote class="kept" dir="auto">{t}</blockquote> }).collect_view()}
            })}
        }
    });
    let (title_lang, original) = (page.title_lang(), page.original());
    let meeting = page.meeting;
    view! {
        <h1 dir="auto" lang=title_lang>{page.title}</h1>
        <Untranslated original/>
        {late}
        <section class="closed" aria-labelledby="closed-title">
            <h2 id="closed-title">{td_string!(locale, closed.title)}</h2>
            <p>{td_string!(locale, closed.thanks, meeting = isolate(&meeting.name), date = isolate(&meeting.date))}</p>
            {matches!(page.phase, Phase::Published | Phase::Purged).then(|| view! {
                <p><a class="button primary" href=format!("/c/{}/summary", page.slug)>{td_string!(locale, closed.summary)}</a></p>
            })}
            <p><a href=href("/", locale)>{td_string!(locale, closed.others)}</a></p>
        </section>
    }
}
