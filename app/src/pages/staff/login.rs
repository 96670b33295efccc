use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::language::{href, locale};
use crate::domain::problem::Problem;
use crate::i18n::td_string;
use crate::pages::problems;

/// A sign-in posted without JavaScript that did not succeed, handed to the page.
#[derive(Clone, Debug)]
pub struct PostedLogin {
    pub email: String,
    /// `SignInRefused`, `Throttled` or `Unavailable`.
    pub problem: Problem,
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let l = locale();
    let posted = use_context::<PostedLogin>();
    let email = posted.as_ref().map(|p| p.email.clone()).unwrap_or_default();
    let problem = posted.map(|p| view! { <p class="error-summary" role="alert" id="login-error">{problems::say(p.problem, l)}</p> });
    view! {
        <Title text=td_string!(l, staff.sign_in_title)/>
        <h1>{td_string!(l, staff.sign_in_title)}</h1>
        <p class="hint">{td_string!(l, staff.sign_in_hint)}</p>
        {problem}
        <form method="post" action=href("/login", l) class="login">
            <label for="email">{td_string!(l, staff.email)}</label>
            <input id="email" name="email" type="email" autocomplete="username" required value=email
                aria-describedby="login-error" dir="ltr"/>
            <label for="password">{td_string!(l, staff.password)}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required/>
            <button type="submit" class="button primary">{td_string!(l, staff.sign_in)}</button>
        </form>
    }
}
