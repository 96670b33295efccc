use leptos::prelude::*;
use leptos_meta::Title;

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
    fn message(self) -> String {
        match self {
            Self::Refused => {
                "That e-mail address and password do not match an active account.".into()
            }
            Self::Throttled { minutes } => format!(
                "Too many attempts. Please try again in {minutes} minute{}.",
                if minutes == 1 { "" } else { "s" }
            ),
            Self::Unavailable => {
                "Signing in is not possible right now. Please try again in a moment.".into()
            }
        }
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let posted = use_context::<PostedLogin>();
    let email = posted.as_ref().map(|p| p.email.clone()).unwrap_or_default();
    let problem = posted.map(|p| view! { <p class="error-summary" role="alert" id="login-error">{p.problem.message()}</p> });
    view! {
        <Title text="Staff sign-in"/>
        <h1>"Staff sign-in"</h1>
        <p class="hint">"For moderators and organizers. Young people never need an account."</p>
        {problem}
        <form method="post" action="/login" class="login">
            <label for="email">"E-mail address"</label>
            <input id="email" name="email" type="email" autocomplete="username" required value=email
                aria-describedby="login-error"/>
            <label for="password">"Password"</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required/>
            <button type="submit" class="button primary">"Sign in"</button>
        </form>
    }
}
