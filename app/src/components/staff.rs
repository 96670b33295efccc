use leptos::prelude::*;

use crate::components::status::ErrorPage;
use crate::error::AppError;
use crate::http::redirect;

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
            view! {
                <h1>"Not for your account"</h1>
                <p>{AppError::Forbidden.to_string()}</p>
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
            <button type="submit" class="button">"Sign out"</button>
        </form>
    }
}
