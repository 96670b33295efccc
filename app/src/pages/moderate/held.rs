//! `/moderate/held`: the lane of responses the integrity checks held back, apart from the queue so
//! a flood never stands in front of a young person's answer. One decision per group: release it
//! (it counts, and its answers join the queue) or confirm it is not genuine (it never counts).
//! Plain forms: it works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::moderate::load_held;
use crate::components::language::{href, locale, when_utc};
use crate::components::staff::{SignOut, StaffGate};
use crate::domain::integrity::GroupDecision;
use crate::i18n::{Locale, td_string};
use crate::pages::summary::words::hold_reason;
use crate::views::moderate::HeldGroupView;

/// The form field a group's decision is posted in.
pub const DECISION: &str = "decision";
/// The query parameter naming a group (`consultation.group`) that could not be confirmed as not
/// genuine because flagged answers in it are unread.
pub const UNREAD: &str = "unread";
/// The query parameter of the lane's page, from 0.
pub const PAGE: &str = "page";

#[component]
pub fn HeldPage() -> impl IntoView {
    let l = locale();
    let query = use_query_map().read_untracked();
    let page: usize = query.get(PAGE).and_then(|p| p.parse().ok()).unwrap_or(0);
    let unread = query.get(UNREAD);
    view! {
        <Title text=td_string!(l, moderate.held_title)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let held = load_held(page).await;
                let unread = unread.clone();
                view! {
                    <StaffGate result=held.map(|held| view! {
                        <SignOut/>
                        <p><a href=href("/moderate", l)>{td_string!(l, moderate.back)}</a></p>
                        <h1>{td_string!(l, moderate.held_title)}</h1>
                        {unread.is_some().then(|| view! {
                            <p class="error" role="alert" id="unread-flags">{td_string!(l, moderate.held_unread_refused)}</p>
                        })}
                        <p>{td_string!(l, moderate.held_intro)}</p>
                        {if held.groups.is_empty() {
                            view! { <p class="success" role="status">{td_string!(l, moderate.held_none)}</p> }.into_any()
                        } else {
                            held.groups.into_iter().map(|g| view! { <Group g l/> }).collect_view().into_any()
                        }}
                        <Pages page=held.page pages=held.pages l/>
                    })/>
                }
            })}
        </Suspense>
    }
}

/// Links to the lane's other pages, when it has more than one.
#[component]
fn Pages(page: usize, pages: usize, l: Locale) -> impl IntoView {
    (pages > 1).then(|| {
        let link = move |to: usize| href(&format!("/moderate/held?{PAGE}={to}"), l);
        let (n, of) = ((page + 1).to_string(), pages.to_string());
        view! {
            <nav class="pages" aria-label=td_string!(l, moderate.held_pages)>
                {(page > 0).then(|| view! { <a href=link(page - 1) rel="prev">{td_string!(l, moderate.held_previous)}</a>" " })}
                <span>{td_string!(l, moderate.held_page, n, of).to_string()}</span>
                {(page + 1 < pages).then(|| view! { " "<a href=link(page + 1) rel="next">{td_string!(l, moderate.held_next)}</a> })}
            </nav>
        }
    })
}

#[component]
fn Group(g: HeldGroupView, l: Locale) -> impl IntoView {
    let heading = format!("held-{}-{}", g.consultation_id, g.group);
    let labelled_by = heading.clone();
    let action = href(&format!("/moderate/held/{}/{}", g.consultation_id, g.group), l);
    let reasons: Vec<&str> = g.reasons.iter().map(|r| hold_reason(*r, l)).collect();
    let n = g.responses.to_string();
    let (from, to) = (when_utc(g.first_hour, l), when_utc(g.last_hour, l));
    view! {
        <section class="held-group" aria-labelledby=labelled_by>
            <h2 id=heading>{td_string!(l, moderate.held_group, count = g.responses, n, from, to).to_string()}</h2>
            <p class="hint" dir="auto">{g.consultation_title}</p>
            <p>{td_string!(l, moderate.held_reasons)}" "{reasons.join(" · ")}</p>
            {(g.flagged > 0).then(|| {
                let (n, unread) = (g.flagged.to_string(), g.flagged_unread.to_string());
                view! {
                    <p class="flag">{td_string!(l, moderate.held_flagged, n, unread).to_string()}</p>
                }
            })}
            <p>{td_string!(l, moderate.held_samples)}</p>
            <ul class="listed">
                {g.samples.into_iter().map(|t| view! { <li dir="auto">{t}</li> }).collect_view()}
            </ul>
            <form method="post" action=action class="held-decision">
                <button type="submit" class="button primary" name=DECISION value=GroupDecision::Release.key()>
                    {td_string!(l, moderate.held_release)}
                </button>
                " "
                <button type="submit" class="button" name=DECISION value=GroupDecision::Confirm.key()>
                    {td_string!(l, moderate.held_confirm)}
                </button>
            </form>
        </section>
    }
}
