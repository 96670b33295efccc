use leptos::prelude::*;

use super::thanks::ComeBack;
use crate::components::follow_up::WhatHappenedNext;
use crate::components::language::{Untranslated, href, isolate, locale};
use crate::domain::lifecycle::Phase;
use crate::i18n::td_string;
use crate::views::respond::ConsultationView;

/// After the window: what happened next once organizers have written it, else when and where to
/// come back for it. When a form arrives too late, the person sees that nothing was stored and
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
    let follow_up = page.follow_up.as_ref().map(|f| {
        let parts =
            f.parts.iter().map(|(&told, text)| (told, text.clone(), page.follow_up_lang(told)));
        (parts.collect::<Vec<_>>(), f.written_at)
    });
    let (follow_up, come_back) = match follow_up {
        Some((parts, written_at)) => (Some(view! { <WhatHappenedNext parts written_at/> }), None),
        None => (
            None,
            Some(view! {
                <ComeBack slug=page.slug.clone() link=page.link meeting=page.meeting.clone()/>
            }),
        ),
    };
    let meeting = page.meeting;
    view! {
        <h1 dir="auto" lang=title_lang>{page.title}</h1>
        <Untranslated original/>
        {late}
        {follow_up}
        <section class="closed" aria-labelledby="closed-title">
            <h2 id="closed-title">{td_string!(locale, closed.title)}</h2>
            <p>{td_string!(locale, closed.thanks, meeting = isolate(&meeting.name), date = isolate(&meeting.date))}</p>
            {matches!(page.phase, Phase::Published | Phase::Purged).then(|| view! {
                <p><a class="button primary" href=format!("/c/{}/summary", page.slug)>{td_string!(locale, closed.summary)}</a></p>
            })}
            {come_back}
            <p><a href=href("/", locale)>{td_string!(locale, closed.others)}</a></p>
        </section>
    }
}
