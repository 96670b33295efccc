//! The second step of a staff sign-in: the code from an authenticator app (or a recovery code),
//! and, the first time, setting the app up. Plain forms; the server hands each page what it
//! shows, so they work without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::language::{href, locale};
use crate::domain::problem::Problem;
use crate::i18n::{Locale, td_string};
use crate::pages::problems;

/// What the code page shows: nothing pending (start again), or the form with what went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeView {
    Expired,
    Form(Option<Problem>),
}

/// What the setup page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupView {
    Expired,
    /// The setup key as text, and what went wrong with the last code typed.
    Form {
        key: String,
        problem: Option<Problem>,
    },
    /// Set up: the recovery codes, shown this once, and where to go on.
    Done {
        codes: Vec<String>,
        next: String,
    },
}

fn problem_alert(problem: Option<Problem>, l: Locale) -> impl IntoView {
    problem
        .map(|p| view! { <p class="error-summary" role="alert" id="code-error">{problems::say(p, l)}</p> })
}

fn expired(l: Locale) -> AnyView {
    view! {
        <p class="error-summary" role="alert">{td_string!(l, staff.code_expired)}</p>
        <p><a href=href("/login", l) class="button primary">{td_string!(l, staff.start_again)}</a></p>
    }
    .into_any()
}

fn code_field(label: String, button: String, described: bool) -> impl IntoView {
    view! {
        <label for="code">{label}</label>
        <input id="code" name="code" type="text" autocomplete="one-time-code" required dir="ltr"
            spellcheck="false" autocapitalize="off" aria-describedby=described.then_some("code-error")/>
        <button type="submit" class="button primary">{button}</button>
    }
}

#[component]
pub fn CodePage() -> impl IntoView {
    let l = locale();
    let shown = use_context::<CodeView>().unwrap_or(CodeView::Expired);
    let body = match shown {
        CodeView::Expired => expired(l),
        CodeView::Form(problem) => view! {
            <p class="hint">{td_string!(l, staff.code_hint)}</p>
            {problem_alert(problem, l)}
            <form method="post" action=href("/login/code", l) class="login">
                {code_field(td_string!(l, staff.code).into(), td_string!(l, staff.proceed).into(), problem.is_some())}
            </form>
            <p><a href=href("/login", l)>{td_string!(l, staff.start_again)}</a></p>
        }
        .into_any(),
    };
    view! {
        <Title text=td_string!(l, staff.code_title)/>
        <h1>{td_string!(l, staff.code_title)}</h1>
        {body}
    }
}

#[component]
pub fn SetupPage() -> impl IntoView {
    let l = locale();
    let shown = use_context::<SetupView>().unwrap_or(SetupView::Expired);
    let (title, body) = match shown {
        SetupView::Expired => (td_string!(l, staff.setup_title), expired(l)),
        SetupView::Form { key, problem } => (
            td_string!(l, staff.setup_title),
            view! {
                <p class="hint">{td_string!(l, staff.setup_why)}</p>
                {problem_alert(problem, l)}
                <p>{td_string!(l, staff.setup_scan)}</p>
                <img src="/login/setup/qr.svg" alt=td_string!(l, staff.setup_qr_alt) class="setup-qr"
                    width="240" height="240"/>
                <p>{td_string!(l, staff.setup_key)}</p>
                <p><code class="setup-key" dir="ltr">{key}</code></p>
                <form method="post" action=href("/login/setup", l) class="login">
                    {code_field(td_string!(l, staff.setup_code).into(), td_string!(l, staff.setup_confirm).into(), problem.is_some())}
                </form>
                <p><a href=href("/login", l)>{td_string!(l, staff.start_again)}</a></p>
            }
            .into_any(),
        ),
        SetupView::Done { codes, next } => (
            td_string!(l, staff.recovery_title),
            view! {
                <p class="hint">{td_string!(l, staff.recovery_hint)}</p>
                <ol class="recovery-codes" dir="ltr">
                    {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                </ol>
                <p><a href=href(&next, l) class="button primary">{td_string!(l, staff.proceed)}</a></p>
            }
            .into_any(),
        ),
    };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        {body}
    }
}
