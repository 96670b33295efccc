use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::moderate::load_history;
use crate::api::staff::AuditEntry;
use crate::components::staff::{SignOut, StaffGate};
use crate::domain::moderation::answer_in_subject;
use crate::domain::time_fmt::human_utc;

/// `/moderate/history`: what this moderator did, newest first; admins also see decisions per
/// moderator.
#[component]
pub fn HistoryPage() -> impl IntoView {
    view! {
        <Title text="My moderation history"/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let history = load_history().await;
                view! {
                    <StaffGate result=history.map(|history| view! {
                        <SignOut/>
                        <p><a href="/moderate">"← Moderation"</a></p>
                        {history.per_moderator.map(|counts| view! {
                            <h1>"Decisions per moderator"</h1>
                            <table class="listing">
                                <thead><tr><th scope="col">"Moderator"</th><th scope="col">"Decisions"</th></tr></thead>
                                <tbody>{counts.into_iter().map(|(who, n)| view! { <tr><td>{who}</td><td>{n}</td></tr> }).collect_view()}</tbody>
                            </table>
                        })}
                        <h1>"My history"</h1>
                        <table class="listing">
                            <thead><tr><th scope="col">"When"</th><th scope="col">"What"</th></tr></thead>
                            <tbody>{history.entries.into_iter().map(|e| view! { <Entry e/> }).collect_view()}</tbody>
                        </table>
                    })/>
                }
            })}
        </Suspense>
    }
}

/// Each entry links to its answer, to look again or change it.
#[component]
fn Entry(e: AuditEntry) -> impl IntoView {
    let answer = answer_in_subject(&e.subject);
    let what = if e.detail.is_empty() { e.action } else { format!("{} ({})", e.action, e.detail) };
    view! {
        <tr>
            <td>{human_utc(e.at)}</td>
            <td>{what}" — "{match answer {
                Some(id) => view! { <a href=format!("/moderate/items/{id}")>{e.subject.clone()}</a> }.into_any(),
                None => e.subject.clone().into_any(),
            }}</td>
        </tr>
    }
}
