//! Closing an open consultation early or extending it, on its page: when a meeting moves, a
//! region's schools are on holiday or an outage eats hours of the day. Plain forms: they work
//! without JavaScript; closing asks for a ticked box first.

use leptos::prelude::*;

use crate::components::language::{locale, when_utc};
use crate::domain::lifecycle::Phase;
use crate::domain::problem::FieldProblems;
use crate::domain::window::{MAX_EXTENSION_MINUTES, WindowAction, WindowChangeForm};
use crate::i18n::td_string;
use crate::pages::problems;
use crate::views::admin::WindowView;

/// A change posted without JavaScript that was not made, handed to the page with why.
#[derive(Clone, Debug)]
pub struct PostedWindow {
    pub form: WindowChangeForm,
    pub errors: FieldProblems,
    /// The consultation moved on since the page was loaded: nothing was changed.
    pub conflict: bool,
}

/// Nothing before the window opens (the settings set it) or after publication (final).
#[component]
pub fn WindowSection(
    consultation_id: i64,
    view: WindowView,
    posted: Option<PostedWindow>,
    changed: bool,
) -> impl IntoView {
    let l = locale();
    let (Some(closes_at), Phase::Open | Phase::Closed) = (view.closes_at, view.phase) else {
        return ().into_any();
    };
    let open = view.phase == Phase::Open;
    let action = format!("/admin/consultations/{consultation_id}/window");
    let (form, errors, conflict) =
        posted.map(|p| (p.form, p.errors, p.conflict)).unwrap_or_default();
    let error = |field: &str| errors.get(field).map(|&p| problems::say(p, l));
    let invalid = |field: &str| errors.contains_key(field);
    // The form as sent stays on screen; the minutes typed are kept.
    let minutes = if form.action == WindowAction::Extend { form.minutes } else { String::new() };
    let state = if open {
        td_string!(l, admin.open_until, time = when_utc(closes_at, l)).to_string()
    } else {
        td_string!(l, admin.closed_at, time = when_utc(closes_at, l)).to_string()
    };
    view! {
        <section aria-labelledby="window" class="window">
            <h2 id="window">{td_string!(l, admin.window_title)}</h2>
            <p>{state}</p>
            {changed.then(|| view! { <p class="success" role="status">{td_string!(l, admin.window_changed)}</p> })}
            {conflict.then(|| view! { <p class="error-summary" role="alert">{td_string!(l, admin.window_moved)}</p> })}
            {open.then(|| view! {
                <form method="post" action=action.clone() class="editor" novalidate>
                    <input type="hidden" name="action" value="close"/>
                    <input type="hidden" name="seen_close" value=closes_at.to_string()/>
                    <div class="field option" class:invalid=invalid("confirm")>
                        <p class="field-error" id="confirm-error">{error("confirm")}</p>
                        <input type="checkbox" id="confirm" name="confirm" value="yes"
                            aria-invalid=invalid("confirm").then_some("true") aria-describedby="confirm-error"/>
                        <label for="confirm">{td_string!(l, admin.close_confirm, count = view.grace_minutes, minutes = view.grace_minutes).to_string()}</label>
                    </div>
                    <button type="submit" class="button">{td_string!(l, admin.close_now)}</button>
                </form>
            })}
            <form method="post" action=action class="editor" novalidate>
                <input type="hidden" name="action" value="extend"/>
                <input type="hidden" name="seen_close" value=closes_at.to_string()/>
                <div class="field" class:invalid=invalid("minutes")>
                    <label for="minutes">{td_string!(l, admin.extend_minutes)}</label>
                    <p class="hint" id="minutes-hint">{if open { td_string!(l, admin.extend_hint) } else { td_string!(l, admin.reopen_hint) }}</p>
                    <p class="field-error" id="minutes-error">{error("minutes")}</p>
                    <input id="minutes" name="minutes" type="number" inputmode="numeric" min="1"
                        max=MAX_EXTENSION_MINUTES.to_string() value=minutes dir="ltr"
                        aria-invalid=invalid("minutes").then_some("true")
                        aria-describedby="minutes-hint minutes-error"/>
                </div>
                <button type="submit" class="button">{if open { td_string!(l, admin.extend) } else { td_string!(l, admin.reopen) }}</button>
            </form>
        </section>
    }
    .into_any()
}
