//! The room view, `/c/{slug}/room`: projected during the meeting, in large type. While young
//! people answer, the answers so far (rounded, reloaded every 30 seconds by the HTTP `Refresh`
//! header, no script; `?still` stops it, for anyone reading at their own pace); once the summary
//! is published, its key messages and headline numbers.

use leptos::prelude::*;
use leptos_meta::{Stylesheet, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{STYLESHEET, words};
use crate::api::summary::load_room;
use crate::components::language::{isolate, language, locale};
use crate::components::status::ErrorPage;
use crate::domain::language::Language;
use crate::domain::live::Rounded;
use crate::domain::summary::{Dimension, Group, Summary};
use crate::http::set_refresh;
use crate::i18n::{Locale, td_string};
use crate::views::summary::{LiveRoom, PublishedView, RoomView};

/// Seconds between refreshes while the summary is not published.
const REFRESH_SECS: u32 = 30;

#[component]
pub fn RoomPage() -> impl IntoView {
    let slug = use_params_map().read_untracked().get("slug").unwrap_or_default();
    let reader = language(locale());
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match load_room(slug, reader).await {
                    Ok(RoomView::Live(room)) => view! { <Live room/> }.into_any(),
                    Ok(RoomView::Published(page)) => view! { <Published page=*page/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Live(room: LiveRoom) -> impl IntoView {
    let LiveRoom { slug, title, title_lang, open, k, counts } = room;
    let l = locale();
    let still = use_query_map().read_untracked().get("still").is_some();
    if !still {
        set_refresh(REFRESH_SECS);
    }
    let state = if open { td_string!(l, room.open) } else { td_string!(l, room.closed) };
    let total = rounded(counts.total, l);
    let ages: Vec<(String, Rounded)> = counts
        .by_age_band
        .into_iter()
        .map(|(a, n)| (words::group(a.map_or(Group::NotStated, Group::AgeBand), l), n))
        .collect();
    let regions: Vec<(String, Rounded)> = counts
        .by_region
        .into_iter()
        .map(|(r, n)| (words::group(r.map_or(Group::NotStated, Group::Region), l), n))
        .collect();
    view! {
        <Title text=td_string!(l, room.title, title = title.clone()).to_string()/>
        <Stylesheet id="summary" href=STYLESHEET/>
        <article class="room">
            <h1 dir="auto" lang=title_lang.map(Language::code)>{title}</h1>
            <p class="room-state">{state}</p>
            <p class="room-total">{td_string!(l, room.answers_so_far, n = total).to_string()}</p>
            <div class="room-groups">
                <Counts caption=words::participation_by(Dimension::AgeBand, l) rows=ages l/>
                <Counts caption=words::participation_by(Dimension::Region, l) rows=regions l/>
            </div>
            <p class="room-note">
                {td_string!(l, room.rounded, k = words::number(k, l)).to_string()}" "
                {if still {
                    view! { <a href=format!("/c/{slug}/room")>{td_string!(l, room.resume)}</a> }.into_any()
                } else {
                    let refreshes = td_string!(l, room.refreshes, seconds = REFRESH_SECS).to_string();
                    view! { {refreshes}" "<a href=format!("/c/{slug}/room?still")>{td_string!(l, room.stop)}</a> }.into_any()
                }}
                {open.then(|| view! { " "<a href=format!("/c/{slug}")>{td_string!(l, room.take_part)}</a> })}
            </p>
        </article>
    }
}

#[component]
fn Counts(caption: &'static str, rows: Vec<(String, Rounded)>, l: Locale) -> impl IntoView {
    view! {
        <table class="room-counts">
            <caption>{caption}</caption>
            <tbody>
                {rows.into_iter().map(|(group, n)| view! {
                    <tr><th scope="row">{group}</th><td>{rounded(n, l)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn rounded(n: Rounded, l: Locale) -> String {
    match n {
        Rounded::FewerThan(k) => {
            td_string!(l, summary.fewer_than, k = words::number(k, l)).to_string()
        }
        Rounded::AtLeast(n) => td_string!(l, room.at_least, n = words::number(n, l)).to_string(),
    }
}

#[component]
fn Published(page: PublishedView) -> impl IntoView {
    let l = locale();
    let mut summary = page.summary;
    let untranslated = summary.localize(language(l));
    let lang_of = |text: &str| untranslated.contains(text).then(|| summary.about.language.code());
    let title_lang = lang_of(&summary.about.title);
    let brief = summary.brief.clone().map(|b| {
        let action_lang = lang_of(&b.action);
        let messages: Vec<(String, Option<&'static str>, Vec<String>)> = b
            .messages
            .into_iter()
            .map(|m| {
                let lang = lang_of(&m.text);
                let evidence = m
                    .themes
                    .into_iter()
                    .map(|e| {
                        let count = e
                            .count
                            .map(|c| words::count(c, summary.k, l))
                            .unwrap_or_else(|| "—".into());
                        td_string!(l, room.evidence, name = isolate(&e.theme.name), count)
                            .to_string()
                    })
                    .collect();
                (m.text, lang, evidence)
            })
            .collect();
        (b.action, action_lang, messages)
    });
    let Summary { about, k, participants, .. } = summary;
    let headline = match participants.count() {
        Some(n) => words::took_part(n, l),
        None => td_string!(l, summary.too_few, k = words::number(k, l)).to_string(),
    };
    view! {
        <Title text=td_string!(l, room.title, title = about.title.clone()).to_string()/>
        <Stylesheet id="summary" href=STYLESHEET/>
        <article class="room">
            <h1 dir="auto" lang=title_lang>{about.title.clone()}</h1>
            <p class="room-total">{headline}</p>
            {brief.map(|(action, action_lang, messages)| view! {
                <p class="room-action" dir="auto" lang=action_lang>{action}</p>
                <ol class="room-messages">
                    {messages.into_iter().map(|(text, lang, evidence)| view! {
                        <li>
                            <p dir="auto" lang=lang>{text}</p>
                            <p class="room-evidence">{evidence.join(" · ")}</p>
                        </li>
                    }).collect_view()}
                </ol>
            })}
            <p class="room-note"><a href=format!("/c/{}/summary", page.slug)>{td_string!(l, room.full_summary)}</a></p>
        </article>
    }
}
