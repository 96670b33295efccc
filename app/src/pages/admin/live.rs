//! Live counts for organizers during the window: how many answered so far, when, from where and
//! through which partner. While the window is open the page reloads itself every half minute,
//! with a button to pause that (WCAG 2.2.1); without JavaScript a plain reload shows the latest.
//! Staff only: nothing of it is public.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::time::Duration;

use crate::api::admin::{LiveView, load_live};
use crate::components::interactive::Interactive;
use crate::components::staff::{SignOut, StaffGate};
use crate::domain::demographics::Choice;
use crate::domain::lifecycle::Phase;
use crate::domain::time_fmt::{hour_utc, human_utc};
use crate::error::AppError;

const REFRESH_SECS: u32 = 30;

#[component]
pub fn LivePage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    view! {
        <Title text="Live counts"/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let live = match id {
                    Some(id) => load_live(id).await,
                    None => Err(AppError::NotFound),
                };
                view! { <StaffGate result=live.map(|live| view! { <Live live/> })/> }
            })}
        </Suspense>
    }
}

#[component]
fn Live(live: LiveView) -> impl IntoView {
    let c = live.counts;
    let unsaid = "Did not say";
    let label = |choice: Option<&'static str>| choice.unwrap_or(unsaid).to_owned();
    let partner_name = |id: Option<i64>| match id {
        Some(id) => live.partners.iter().find(|p| p.id == id).map_or_else(
            || "Unknown partner".to_owned(),
            |p| format!("{} ({})", p.name, p.code.as_str()),
        ),
        None => "No partner link".to_owned(),
    };
    let by_hour = c.by_hour.iter().map(|&(h, n)| (format!("{} UTC", hour_utc(h)), n)).collect();
    let by_age = c.by_age_band.iter().map(|&(a, n)| (label(a.map(Choice::label)), n)).collect();
    let by_region = c.by_region.iter().map(|&(r, n)| (label(r.map(Choice::label)), n)).collect();
    let by_language = c.by_language.iter().map(|&(l, n)| (l.name().to_owned(), n)).collect();
    let by_partner = c.by_partner.iter().map(|&(p, n)| (partner_name(p), n)).collect();
    let open = live.phase == Phase::Open;
    view! {
        <SignOut/>
        <p><a href=format!("/admin/consultations/{}", live.id)>"← "{live.title.clone()}</a></p>
        <h1>"Live counts"</h1>
        <p class="lead">{live.title}</p>
        <p class="total"><strong>{c.total}</strong>" answers so far"</p>
        <p class="hint" role="status">
            {format!("As of {}.", human_utc(live.now))}
            {(!open).then_some(" The consultation is not open, so these numbers are not changing.")}
        </p>
        {open.then(|| view! { <Interactive/> <AutoReload/> })}
        <Breakdown title="Per hour" rows=by_hour/>
        <Breakdown title="Per region" rows=by_region/>
        <Breakdown title="Per age band" rows=by_age/>
        <Breakdown title="Per language" rows=by_language/>
        <Breakdown title="Per partner link" rows=by_partner/>
    }
}

/// Reloads the page every [`REFRESH_SECS`] until paused. Without JavaScript, the link reloads it.
#[island]
fn AutoReload() -> impl IntoView {
    let running = RwSignal::new(false);
    let ready = RwSignal::new(false);
    Effect::new(move |_| {
        ready.set(true);
        running.set(true);
        let _ = set_interval_with_handle(
            move || {
                if running.get_untracked() {
                    let _ = window().location().reload();
                }
            },
            Duration::from_secs(REFRESH_SECS.into()),
        );
    });
    view! {
        <p class="reload">
            <a href="" class="button">"Refresh now"</a> " "
            <button type="button" class="button" hidden=move || !ready.get()
                on:click=move |_| running.update(|r| *r = !*r)
                aria-pressed=move || (!running.get()).then_some("true")>
                {move || if running.get() { "Pause updates" } else { "Resume updates" }}
            </button>
        </p>
        <p class="hint" role="status">
            {move || if running.get() {
                format!("Updates itself every {REFRESH_SECS} seconds.")
            } else {
                "Not updating by itself.".to_owned()
            }}
        </p>
    }
}

#[component]
fn Breakdown(title: &'static str, rows: Vec<(String, u64)>) -> impl IntoView {
    let empty = rows.is_empty();
    view! {
        <table class="listing live">
            <caption>{title}</caption>
            <thead><tr><th scope="col">"Group"</th><th scope="col">"Answers"</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|(group, n)| view! {
                    <tr><th scope="row">{group}</th><td>{n}</td></tr>
                }).collect_view()}
                {empty.then(|| view! { <tr><td colspan="2">"No answers yet."</td></tr> })}
            </tbody>
        </table>
    }
}
