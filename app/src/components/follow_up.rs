use leptos::prelude::*;

use crate::components::language::{locale, when_utc};
use crate::domain::follow_up::{Told, paragraphs};
use crate::domain::lifecycle::UnixTime;
use crate::i18n::{Locale, td_string};

/// A part's heading, as young people read it and organizers write it.
pub fn heading(told: Told, l: Locale) -> &'static str {
    match told {
        Told::Received => td_string!(l, follow_up.received),
        Told::Decided => td_string!(l, follow_up.decided),
        Told::NotTaken => td_string!(l, follow_up.not_taken),
        Told::Next => td_string!(l, follow_up.next),
    }
}

/// What happened next, at the top of the consultation's page and of the summary: each part
/// written, with its `lang` when it is shown as written, for want of a translation.
#[component]
pub fn WhatHappenedNext(
    parts: Vec<(Told, String, Option<&'static str>)>,
    written_at: UnixTime,
) -> impl IntoView {
    let l = locale();
    view! {
        <section class="follow-up" aria-labelledby="follow-up-title">
            <h2 id="follow-up-title">{td_string!(l, follow_up.title)}</h2>
            {parts.into_iter().map(|(told, text, lang)| {
                let paragraphs: Vec<String> = paragraphs(&text).map(str::to_owned).collect();
                view! {
                    <h3 id=format!("follow-up-{}", told.key())>{heading(told, l)}</h3>
                    {paragraphs.into_iter().map(|p| view! { <p dir="auto" lang=lang>{p}</p> }).collect_view()}
                }
            }).collect_view()}
            <p class="hint">{td_string!(l, follow_up.written, date = when_utc(written_at, l)).to_string()}</p>
        </section>
    }
}
