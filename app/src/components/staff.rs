use leptos::prelude::*;

use crate::components::language::locale;
use crate::components::status::ErrorPage;
use crate::error::AppError;
use crate::http::redirect;
use crate::i18n::td_string;

/// Shows a staff page, or sends someone who is not signed in to the sign-in page, or tells a
/// signed-in person their role cannot open it. The check itself happened on the server.
#[component]
pub fn StaffGate<V: IntoView + 'static>(result: Result<V, AppError>) -> impl IntoView {
    match result {
        Ok(page) => page.into_any(),
        Err(AppError::Unauthorized) => {
            redirect("/login");
            ().into_any()
        }
        Err(AppError::Forbidden) => {
            crate::http::set_status(403);
            let l = locale();
            view! {
                <h1>{td_string!(l, staff.not_for_you)}</h1>
                <p>{td_string!(l, staff.forbidden)}</p>
                <SignOut/>
            }
            .into_any()
        }
        Err(error) => view! { <ErrorPage error/> }.into_any(),
    }
}

#[component]
pub fn SignOut() -> impl IntoView {
    view! {
        <form method="post" action="/logout" class="sign-out">
            <button type="submit" class="button">{td_string!(locale(), staff.sign_out)}</button>
        </form>
    }
}
