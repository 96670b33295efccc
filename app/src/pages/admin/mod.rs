//! Organizers (admins): consultations, staff, publishing.

pub mod editor;
pub mod helplines;
pub mod live;
pub mod partners;
pub mod preview;
pub mod questions;
pub mod staff;
pub mod summary;
pub mod translate;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{AdminListed, admin_consultations};
use crate::components::staff::{SignOut, StaffGate};
use crate::domain::lifecycle::Phase;
use crate::domain::time_fmt::human_utc;

#[component]
pub fn AdminHome() -> impl IntoView {
    view! {
        <Title text="Consultations"/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let list = admin_consultations().await;
                view! {
                    <StaffGate result=list.map(|list| view! {
                        <SignOut/>
                        <h1>"Consultations"</h1>
                        <p>
                            <a class="button primary" href="/admin/consultations/new">"New consultation"</a>
                            " " <a href="/admin/staff">"Staff"</a>
                            " · " <a href="/admin/audit">"Audit log"</a>
                            " · " <a href="/admin/helplines">"Helplines"</a>
                            " · " <a href="/moderate">"Moderation"</a>
                        </p>
                        <table class="listing">
                            <thead><tr><th scope="col">"Consultation"</th><th scope="col">"State"</th><th scope="col">"Window"</th></tr></thead>
                            <tbody>{list.into_iter().map(|c| view! { <Row c/> }).collect_view()}</tbody>
                        </table>
                    })/>
                }
            })}
        </Suspense>
    }
}

#[component]
fn Row(c: AdminListed) -> impl IntoView {
    let state = match c.phase {
        Phase::Draft => "draft",
        Phase::Scheduled => "scheduled",
        Phase::Open => "open",
        Phase::Closed => "closed",
        Phase::Published => "published",
        Phase::Purged => "purged",
    };
    let window = match (c.opens_at, c.closes_at) {
        (Some(o), Some(c)) => format!("{} – {}", human_utc(o), human_utc(c)),
        _ => "not set".to_owned(),
    };
    view! {
        <tr>
            <td>
                <a href=format!("/admin/consultations/{}", c.id)>{c.title}</a>
                <br/><a class="hint" href=format!("/c/{}", c.slug)>{format!("/c/{}", c.slug)}</a>
            </td>
            <td><span class=format!("state state-{state}")>{state}</span></td>
            <td>{window}</td>
        </tr>
    }
}
