//! Live counts for organizers during the window: how many answered so far, when, from where and
//! through which partner. While the window is open the page reloads itself every half minute,
//! with a button to pause that (WCAG 2.2.1); without JavaScript a plain reload shows the latest.
//! Staff only: nothing of it is public.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::admin::{LiveView, load_live};
use crate::components::staff::{SignOut, StaffGate};
use crate::domain::demographics::Choice;
use crate::domain::lifecycle::Phase;
use crate::domain::time_fmt::{hour_utc, human_utc};
use crate::error::AppError;

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
        {open.then(|| view! { <AutoReload/> })}
        <Breakdown title="Per hour" rows=by_hour/>
        <Breakdown title="Per region" rows=by_region/>
        <Breakdown title="Per age band" rows=by_age/>
        <Breakdown title="Per language" rows=by_language/>
        <Breakdown title="Per partner link" rows=by_partner/>
    }
}

/// Reloads the page every 30 s until paused: a few lines of script sent to this page only (an
/// island would add its code to the wasm every young person downloads). Without JavaScript the
/// button stays hidden and the link reloads the page.
const AUTO_RELOAD: &str = r#"(function () {
  var button = document.getElementById("pause-updates");
  var status = document.getElementById("updates-status");
  var running = true;
  function show() {
    button.textContent = running ? "Pause updates" : "Resume updates";
    status.textContent = running ? "Updates itself every 30 seconds." : "Not updating by itself.";
  }
  button.addEventListener("click", function () { running = !running; show(); });
  button.hidden = false;
  show();
  setInterval(function () { if (running) location.reload(); }, 30000);
})();"#;

#[component]
fn AutoReload() -> impl IntoView {
    view! {
        <p class="reload">
            <a href="" class="button">"Refresh now"</a> " "
            <button type="button" class="button" id="pause-updates" hidden>"Pause updates"</button>
        </p>
        <p class="hint" role="status" id="updates-status">"Not updating by itself."</p>
        <script nonce=leptos::nonce::use_nonce() inner_html=AUTO_RELOAD></script>
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
