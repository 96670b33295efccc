//! Organizers (admins): consultations, staff, publishing.

pub mod editor;
pub mod follow_up;
pub mod helplines;
pub mod live;
pub mod partners;
pub mod preview;
pub mod questions;
pub mod staff;
pub mod summary;
pub mod translate;
pub mod window;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::admin_consultations;
use crate::components::language::{locale, when_utc};
use crate::components::staff::{SignOut, StaffGate};
use crate::domain::lifecycle::Phase;
use crate::i18n::{Locale, td_string};
use crate::views::admin::AdminListed;

#[component]
pub fn AdminHome() -> impl IntoView {
    let l = locale();
    view! {
        <Title text=td_string!(l, admin.consultations)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let list = admin_consultations().await;
                view! {
                    <StaffGate result=list.map(|list| view! {
                        <SignOut/>
                        <h1>{td_string!(l, admin.consultations)}</h1>
                        <p>
                            <a class="button primary" href="/admin/consultations/new">{td_string!(l, admin.new_consultation)}</a>
                            " " <a href="/admin/staff">{td_string!(l, admin.staff)}</a>
                            " · " <a href="/admin/audit">{td_string!(l, admin.audit)}</a>
                            " · " <a href="/admin/helplines">{td_string!(l, admin.helplines)}</a>
                            " · " <a href="/moderate">{td_string!(l, admin.moderation)}</a>
                        </p>
                        <table class="listing">
                            <thead><tr>
                                <th scope="col">{td_string!(l, admin.consultation)}</th>
                                <th scope="col">{td_string!(l, admin.state)}</th>
                                <th scope="col">{td_string!(l, admin.window)}</th>
                            </tr></thead>
                            <tbody>{list.into_iter().map(|c| view! { <Row c l/> }).collect_view()}</tbody>
                        </table>
                    })/>
                }
            })}
        </Suspense>
    }
}

#[component]
fn Row(c: AdminListed, l: Locale) -> impl IntoView {
    let (state, name) = match c.phase {
        Phase::Draft => ("draft", td_string!(l, admin.draft)),
        Phase::Scheduled => ("scheduled", td_string!(l, admin.scheduled)),
        Phase::Open => ("open", td_string!(l, admin.open)),
        Phase::Closed => ("closed", td_string!(l, admin.closed)),
        Phase::Published => ("published", td_string!(l, admin.published)),
        Phase::Purged => ("purged", td_string!(l, admin.purged)),
    };
    let window = match (c.opens_at, c.closes_at) {
        (Some(o), Some(c)) => format!("{} – {}", when_utc(o, l), when_utc(c, l)),
        _ => td_string!(l, admin.not_set).to_owned(),
    };
    view! {
        <tr>
            <td>
                <a href=format!("/admin/consultations/{}", c.id) dir="auto">{c.title}</a>
                <br/><a class="hint" href=format!("/c/{}", c.slug)>{format!("/c/{}", c.slug)}</a>
            </td>
            <td><span class=format!("state state-{state}")>{name}</span></td>
            <td>{window}</td>
        </tr>
    }
}
