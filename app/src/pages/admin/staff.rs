//! Admins manage staff: add, deactivate, reset a password. Plain forms.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::{AuditEntry, StaffRow, audit_log, list_staff};
use crate::components::staff::{SignOut, StaffGate};
use crate::domain::staff::Role;
use crate::domain::time_fmt::human_utc;

/// A staff change posted without JavaScript: what happened, and what was typed (never a password).
#[derive(Clone, Debug)]
pub struct PostedStaff {
    pub ok: bool,
    pub message: String,
    pub email: String,
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let posted = use_context::<PostedStaff>();
    view! {
        <Title text="Staff"/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let staff = list_staff().await;
                let posted = posted.clone();
                view! {
                    <StaffGate result=staff.map(|staff| {
                        let typed = posted.as_ref().filter(|p| !p.ok).map(|p| p.email.clone()).unwrap_or_default();
                        let message = posted.map(|p| if p.ok {
                            view! { <p class="success" role="status">{p.message}</p> }.into_any()
                        } else {
                            view! { <p class="error-summary" role="alert">{p.message}</p> }.into_any()
                        });
                        view! {
                            <SignOut/>
                            <p><a href="/admin">"← Consultations"</a></p>
                            <h1>"Staff"</h1>
                            {message}
                            <ul class="staff">{staff.into_iter().map(|s| view! { <Member s/> }).collect_view()}</ul>
                            <h2>"Add a staff member"</h2>
                            <form method="post" action="/admin/staff" class="editor" novalidate>
                                <div class="field">
                                    <label for="new-email">"E-mail address"</label>
                                    <input id="new-email" name="email" type="email" value=typed/>
                                </div>
                                <div class="field">
                                    <label for="new-role">"Role"</label>
                                    <select id="new-role" name="role">
                                        <option value="moderator">"Moderator (moderation only)"</option>
                                        <option value="admin">"Admin (everything)"</option>
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="new-password">"First password (at least 12 characters)"</label>
                                    <input id="new-password" name="password" type="password" autocomplete="new-password"/>
                                </div>
                                <button type="submit" class="button primary">"Add"</button>
                            </form>
                        }
                    })/>
                }
            })}
        </Suspense>
    }
}

#[component]
fn Member(s: StaffRow) -> impl IntoView {
    let action = format!("/admin/staff/{}", s.id);
    let role = match s.role {
        Role::Admin => "admin",
        Role::Moderator => "moderator",
    };
    let password_id = format!("password-{}", s.id);
    view! {
        <li>
            <p><strong>{s.email.clone()}</strong>" — "{role}{(!s.active).then_some(" — deactivated")}</p>
            {s.active.then(|| view! {
                <form method="post" action=action.clone() class="inline">
                    <button type="submit" name="action" value="deactivate" class="button">"Deactivate"</button>
                </form>
                <form method="post" action=action.clone() class="inline">
                    <input type="hidden" name="action" value="reset"/>
                    <label for=password_id.clone()>"New password"</label>
                    <input id=password_id name="password" type="password" autocomplete="new-password"/>
                    <button type="submit" class="button">"Reset password"</button>
                </form>
            })}
        </li>
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    view! {
        <Title text="Audit log"/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let entries = audit_log().await;
                view! {
                    <StaffGate result=entries.map(|entries| view! {
                        <SignOut/>
                        <p><a href="/admin">"← Consultations"</a></p>
                        <h1>"Audit log"</h1>
                        <p class="hint">"What staff did, newest first. Entries cannot be changed or deleted."</p>
                        <table class="listing">
                            <thead><tr><th scope="col">"When"</th><th scope="col">"Who"</th><th scope="col">"What"</th></tr></thead>
                            <tbody>{entries.into_iter().map(|e| view! { <Entry e/> }).collect_view()}</tbody>
                        </table>
                    })/>
                }
            })}
        </Suspense>
    }
}

#[component]
fn Entry(e: AuditEntry) -> impl IntoView {
    let what = if e.detail.is_empty() {
        format!("{}: {}", e.action, e.subject)
    } else {
        format!("{}: {} ({})", e.action, e.subject, e.detail)
    };
    view! {
        <tr>
            <td>{human_utc(e.at)}</td>
            <td>{e.who.unwrap_or_else(|| "command line".to_owned())}</td>
            <td>{what}</td>
        </tr>
    }
}
