use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::moderate::load_history;
use crate::components::language::{href, locale, when_utc};
use crate::components::staff::{SignOut, StaffGate};
use crate::i18n::{Locale, td_string};
use crate::views::staff::AuditEntry;

/// `/moderate/history`: what this moderator did, newest first; admins also see decisions per
/// moderator.
#[component]
pub fn HistoryPage() -> impl IntoView {
    let l = locale();
    view! {
        <Title text=td_string!(l, moderate.history_title)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let history = load_history().await;
                view! {
                    <StaffGate result=history.map(|history| view! {
                        <SignOut/>
                        <p><a href=href("/moderate", l)>{td_string!(l, moderate.back)}</a></p>
                        {history.per_moderator.map(|counts| view! {
                            <h1>{td_string!(l, moderate.per_moderator)}</h1>
                            <table class="listing">
                                <thead><tr><th scope="col">{td_string!(l, moderate.moderator)}</th><th scope="col">{td_string!(l, moderate.decisions)}</th></tr></thead>
                                <tbody>{counts.into_iter().map(|(who, n)| view! { <tr><td>{who}</td><td>{n}</td></tr> }).collect_view()}</tbody>
                            </table>
                        })}
                        <h1>{td_string!(l, moderate.my_history)}</h1>
                        <table class="listing">
                            <thead><tr><th scope="col">{td_string!(l, moderate.when)}</th><th scope="col">{td_string!(l, moderate.what)}</th></tr></thead>
                            <tbody>{history.entries.into_iter().map(|e| view! { <Entry e l/> }).collect_view()}</tbody>
                        </table>
                    })/>
                }
            })}
        </Suspense>
    }
}

/// Each entry links to its answer, to look again or change it. Actions are the audit log's own
/// words, kept as recorded.
#[component]
fn Entry(e: AuditEntry, l: Locale) -> impl IntoView {
    let what = if e.detail.is_empty() { e.action } else { format!("{} ({})", e.action, e.detail) };
    view! {
        <tr>
            <td>{when_utc(e.at, l)}</td>
            <td>{what}" — "{match e.answer_id {
                Some(id) => view! { <a href=href(&format!("/moderate/items/{id}"), l)>{e.subject.clone()}</a> }.into_any(),
                None => e.subject.clone().into_any(),
            }}</td>
        </tr>
    }
}
