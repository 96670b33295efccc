use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::language::{href, locale};
use crate::i18n::{Locale, td_string};

/// A sign-in posted without JavaScript that did not succeed, handed to the page.
#[derive(Clone, Debug)]
pub struct PostedLogin {
    pub email: String,
    pub problem: LoginProblem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginProblem {
    /// One message for an unknown account, a wrong password and a deactivated account.
    Refused,
    Throttled {
        minutes: i64,
    },
    Unavailable,
}

impl LoginProblem {
    fn message(self, l: Locale) -> String {
        match self {
            Self::Refused => td_string!(l, staff.refused).into(),
            Self::Throttled { minutes } => td_string!(l, staff.throttled, minutes).to_string(),
            Self::Unavailable => td_string!(l, staff.unavailable).into(),
        }
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let l = locale();
    let posted = use_context::<PostedLogin>();
    let email = posted.as_ref().map(|p| p.email.clone()).unwrap_or_default();
    let problem = posted.map(|p| view! { <p class="error-summary" role="alert" id="login-error">{p.problem.message(l)}</p> });
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
