use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::http::set_status;

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <Title text="Page not found"/>
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. Check the link you were given, or "
            <a href="/">"see the open consultations"</a> "."</p>
    }
}

/// A failure the reader can do nothing about but wait and retry.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    match error {
        AppError::NotFound => NotFound().into_any(),
        other => {
            set_status(500);
            view! {
                <Title text="Something went wrong"/>
                <h1>"Something went wrong"</h1>
                <p role="alert">{other.to_string()}</p>
            }
            .into_any()
        }
    }
}
