//! Admins manage staff: add, deactivate, reset a password. Plain forms.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::{audit_log, list_staff};
use crate::components::language::{isolate, locale, when_utc};
use crate::components::staff::{SignOut, StaffGate};
use crate::domain::problem::Problem;
use crate::domain::second_factor::SecondFactor;
use crate::domain::staff::Role;
use crate::i18n::{Locale, td_string};
use crate::pages::problems;
use crate::views::staff::{AuditEntry, StaffRow};

/// A staff change posted without JavaScript: what happened, and what was typed (never a password).
#[derive(Clone, Debug)]
pub struct PostedStaff {
    pub notice: StaffNotice,
    pub email: String,
}

/// What came of a staff change, said in the page's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StaffNotice {
    Added(String),
    Deactivated,
    PasswordReset,
    SecondFactorSaved,
    /// Nothing was changed.
    Refused(Problem),
}

impl StaffNotice {
    pub fn done(&self) -> bool {
        !matches!(self, Self::Refused(_))
    }

    fn text(&self, l: Locale) -> String {
        match self {
            Self::Added(email) => td_string!(l, admin.added, email = isolate(email)).to_string(),
            Self::Deactivated => td_string!(l, admin.deactivated_done).into(),
            Self::PasswordReset => td_string!(l, admin.reset_done).into(),
            Self::SecondFactorSaved => td_string!(l, admin.second_factor_done).into(),
            Self::Refused(problem) => problems::say(*problem, l),
        }
    }
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let posted = use_context::<PostedStaff>();
    let l = locale();
    view! {
        <Title text=td_string!(l, admin.staff)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let staff = list_staff().await;
                let posted = posted.clone();
                view! {
                    <StaffGate result=staff.map(|staff| {
                        let typed = posted.as_ref().filter(|p| !p.notice.done()).map(|p| p.email.clone()).unwrap_or_default();
                        let message = posted.map(|p| if p.notice.done() {
                            view! { <p class="success" role="status">{p.notice.text(l)}</p> }.into_any()
                        } else {
                            view! { <p class="error-summary" role="alert">{p.notice.text(l)}</p> }.into_any()
                        });
                        view! {
                            <SignOut/>
                            <p><a href="/admin">{td_string!(l, admin.back)}</a></p>
                            <h1>{td_string!(l, admin.staff)}</h1>
                            {message}
                            <ul class="staff">{staff.into_iter().map(|s| view! { <Member s/> }).collect_view()}</ul>
                            <h2>{td_string!(l, admin.add_staff)}</h2>
                            <form method="post" action="/admin/staff" class="editor" novalidate>
                                <div class="field">
                                    <label for="new-email">{td_string!(l, staff.email)}</label>
                                    <input id="new-email" name="email" type="email" value=typed dir="ltr"/>
                                </div>
                                <div class="field">
                                    <label for="new-role">{td_string!(l, admin.role)}</label>
                                    <select id="new-role" name="role">
                                        <option value="moderator">{td_string!(l, admin.role_moderator)}</option>
                                        <option value="admin">{td_string!(l, admin.role_admin)}</option>
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="new-password">{td_string!(l, admin.first_password)}</label>
                                    <input id="new-password" name="password" type="password" autocomplete="new-password"/>
                                </div>
                                <button type="submit" class="button primary">{td_string!(l, admin.add)}</button>
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
    let l = locale();
    let action = format!("/admin/staff/{}", s.id);
    let role = match s.role {
        Role::Admin => td_string!(l, admin.admin),
        Role::Moderator => td_string!(l, admin.moderator),
    };
    let password_id = format!("password-{}", s.id);
    let waived = s.second_factor == SecondFactor::Optional;
    // Admins always give a second factor; for a moderator an admin may waive it.
    let second_factor = (s.active && s.role == Role::Moderator).then(|| {
        let (value, label) = if waived {
            ("require-second-factor", td_string!(l, admin.require_second_factor))
        } else {
            ("waive-second-factor", td_string!(l, admin.waive_second_factor))
        };
        view! {
            <form method="post" action=action.clone() class="inline">
                <button type="submit" name="action" value=value class="button">{label}</button>
            </form>
        }
    });
    view! {
        <li>
            <p>
                <strong dir="ltr">{s.email.clone()}</strong>" — "{role}
                {(!s.active).then(|| td_string!(l, admin.deactivated))}
                {waived.then(|| td_string!(l, admin.second_factor_off))}
            </p>
            {s.active.then(|| view! {
                <form method="post" action=action.clone() class="inline">
                    <button type="submit" name="action" value="deactivate" class="button">{td_string!(l, admin.deactivate)}</button>
                </form>
                {second_factor}
                <form method="post" action=action.clone() class="inline">
                    <input type="hidden" name="action" value="reset"/>
                    <label for=password_id.clone()>{td_string!(l, admin.new_password)}</label>
                    <input id=password_id name="password" type="password" autocomplete="new-password"/>
                    <button type="submit" class="button">{td_string!(l, admin.reset_password)}</button>
                </form>
            })}
        </li>
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let l = locale();
    view! {
        <Title text=td_string!(l, admin.audit)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let entries = audit_log().await;
                view! {
                    <StaffGate result=entries.map(|entries| view! {
                        <SignOut/>
                        <p><a href="/admin">{td_string!(l, admin.back)}</a></p>
                        <h1>{td_string!(l, admin.audit)}</h1>
                        <p class="hint">{td_string!(l, admin.audit_hint)}</p>
                        <table class="listing">
                            <thead><tr>
                                <th scope="col">{td_string!(l, admin.when)}</th>
                                <th scope="col">{td_string!(l, admin.who)}</th>
                                <th scope="col">{td_string!(l, admin.what)}</th>
                            </tr></thead>
                            <tbody>{entries.into_iter().map(|e| view! { <Entry e l/> }).collect_view()}</tbody>
                        </table>
                    })/>
                }
            })}
        </Suspense>
    }
}

/// Actions are the audit log's own words, kept as recorded.
#[component]
fn Entry(e: AuditEntry, l: Locale) -> impl IntoView {
    let what = if e.detail.is_empty() {
        format!("{}: {}", e.action, e.subject)
    } else {
        format!("{}: {} ({})", e.action, e.subject, e.detail)
    };
    view! {
        <tr>
            <td>{when_utc(e.at, l)}</td>
            <td>{e.who.unwrap_or_else(|| td_string!(l, admin.command_line).to_owned())}</td>
            <td>{what}</td>
        </tr>
    }
}
