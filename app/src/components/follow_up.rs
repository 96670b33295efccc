use leptos::prelude::*;

use crate::components::language::{locale, when_utc};
use crate::domain::follow_up::paragraphs;
use crate::domain::lifecycle::UnixTime;
use crate::i18n::td_string;

/// What happened next, at the top of the consultation's page and of the summary. `lang`: the
/// text's language when it is shown as written, for want of a translation.
#[component]
pub fn WhatHappenedNext(
    text: String,
    lang: Option<&'static str>,
    written_at: UnixTime,
) -> impl IntoView {
    let l = locale();
    let paragraphs: Vec<String> = paragraphs(&text).map(str::to_owned).collect();
    view! {
        <section class="follow-up" aria-labelledby="follow-up-title">
            <h2 id="follow-up-title">{td_string!(l, follow_up.title)}</h2>
            {paragraphs.into_iter().map(|p| view! { <p dir="auto" lang=lang>{p}</p> }).collect_view()}
            <p class="hint">{td_string!(l, follow_up.written, date = when_utc(written_at, l)).to_string()}</p>
        </section>
    }
}
