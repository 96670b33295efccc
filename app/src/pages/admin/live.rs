//! Live counts for organizers during the window: how many answered so far, when, from where and
//! through which partner. While the window is open the page reloads itself every half minute,
//! with a button to pause that (WCAG 2.2.1); without JavaScript a plain reload shows the latest.
//! Staff only: nothing of it is public.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::admin::load_live;
use crate::components::language::{locale, when_utc};
use crate::components::staff::{SignOut, StaffGate};
use crate::domain::ids::PartnerId;
use crate::domain::lifecycle::Phase;
use crate::domain::summary::Group;
use crate::error::AppError;
use crate::i18n::td_string;
use crate::pages::summary::words;
use crate::views::admin::LiveView;

#[component]
pub fn LivePage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    view! {
        <Title text=td_string!(locale(), admin.live)/>
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
    let l = locale();
    let c = live.counts;
    let unsaid = td_string!(l, admin.did_not_say);
    let partner_name = |id: Option<PartnerId>| match id {
        Some(id) => live.partners.iter().find(|p| p.id == id).map_or_else(
            || td_string!(l, admin.unknown_partner).to_owned(),
            |p| format!("{} ({})", p.name, p.code.as_str()),
        ),
        None => td_string!(l, admin.no_partner).to_owned(),
    };
    let by_hour = c.by_hour.iter().map(|&(h, n)| (words::group(Group::Hour(h), l), n)).collect();
    let by_age = c
        .by_age_band
        .iter()
        .map(|&(a, n)| (a.map_or(unsaid.to_owned(), |a| words::group(Group::AgeBand(a), l)), n))
        .collect();
    let by_region = c
        .by_region
        .iter()
        .map(|&(r, n)| (r.map_or(unsaid.to_owned(), |r| words::group(Group::Region(r), l)), n))
        .collect();
    let by_language = c.by_language.iter().map(|&(l, n)| (l.name().to_owned(), n)).collect();
    let by_partner = c.by_partner.iter().map(|&(p, n)| (partner_name(p), n)).collect();
    let open = live.phase == Phase::Open;
    view! {
        <SignOut/>
        <p><a href=format!("/admin/consultations/{}", live.id)>"← "{live.title.clone()}</a></p>
        <h1>{td_string!(l, admin.live)}</h1>
        <p class="lead" dir="auto">{live.title}</p>
        <p class="total"><strong>{c.total}</strong>{format!(" {}", td_string!(l, admin.answers_so_far))}</p>
        <p class="total held"><strong>{c.held}</strong>{format!(" {}", td_string!(l, admin.held_so_far))}</p>
        <p class="hint" role="status">
            {td_string!(l, admin.as_of, time = when_utc(live.now, l)).to_string()}
            {(!open).then(|| td_string!(l, admin.not_changing))}
        </p>
        {open.then(|| view! { <AutoReload/> })}
        <Breakdown title=td_string!(l, admin.per_hour) rows=by_hour/>
        <Breakdown title=td_string!(l, admin.per_region) rows=by_region/>
        <Breakdown title=td_string!(l, admin.per_age) rows=by_age/>
        <Breakdown title=td_string!(l, admin.per_language) rows=by_language/>
        <Breakdown title=td_string!(l, admin.per_partner) rows=by_partner/>
    }
}

/// Reloads the page every 30 s until paused: a few lines of script sent to this page only, not
/// an island in the wasm. Without JavaScript the
/// button stays hidden and the link reloads the page.
const AUTO_RELOAD: &str = r#"(function () {
  var button = document.getElementById("pause-updates");
  var status = document.getElementById("updates-status");
  var running = true;
  // The words, in the page's language, come with the button.
  function show() {
    button.textContent = running ? button.dataset.pause : button.dataset.resume;
    status.textContent = running ? button.dataset.on : button.dataset.off;
  }
  button.addEventListener("click", function () { running = !running; show(); });
  button.hidden = false;
  show();
  setInterval(function () { if (running) location.reload(); }, 30000);
})();"#;

#[component]
fn AutoReload() -> impl IntoView {
    let l = locale();
    view! {
        <p class="reload">
            <a href="" class="button">{td_string!(l, admin.refresh)}</a> " "
            <button type="button" class="button" id="pause-updates" hidden
                data-pause=td_string!(l, admin.pause) data-resume=td_string!(l, admin.resume)
                data-on=td_string!(l, admin.updating) data-off=td_string!(l, admin.not_updating)>
                {td_string!(l, admin.pause)}
            </button>
        </p>
        <p class="hint" role="status" id="updates-status">{td_string!(l, admin.not_updating)}</p>
        <script nonce=leptos::nonce::use_nonce() inner_html=AUTO_RELOAD></script>
    }
}

#[component]
fn Breakdown(title: &'static str, rows: Vec<(String, u64)>) -> impl IntoView {
    let l = locale();
    let empty = rows.is_empty();
    view! {
        <table class="listing live">
            <caption>{title}</caption>
            <thead><tr><th scope="col">{td_string!(l, admin.group)}</th><th scope="col">{td_string!(l, admin.answers)}</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|(group, n)| view! {
                    <tr><th scope="row">{group}</th><td>{n}</td></tr>
                }).collect_view()}
                {empty.then(|| view! { <tr><td colspan="2">{td_string!(l, admin.no_answers)}</td></tr> })}
            </tbody>
        </table>
    }
}
