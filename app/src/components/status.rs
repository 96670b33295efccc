use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::language::{href, locale};
use crate::error::AppError;
use crate::http::set_status;
use crate::i18n::td_string;

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let locale = locale();
    view! {
        <Title text=td_string!(locale, status.not_found)/>
        <h1>{td_string!(locale, status.not_found)}</h1>
        <p>{td_string!(locale, status.not_found_text)} " "
            <a href=href("/", locale)>{td_string!(locale, status.not_found_link)}</a> "."</p>
    }
}

/// A failure the reader can do nothing about but wait and retry.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    let locale = locale();
    set_status(error.status());
    let message = match &error {
        AppError::NotFound => return NotFound().into_any(),
        AppError::Internal => td_string!(locale, status.internal).to_owned(),
        AppError::Unreachable => td_string!(locale, status.unreachable).to_owned(),
        AppError::BadRequest => td_string!(locale, status.out_of_date).to_owned(),
        // Staff pages only, which are in English.
        other @ (AppError::Unauthorized | AppError::Forbidden) => other.to_string(),
    };
    view! {
        <Title text=td_string!(locale, status.went_wrong)/>
        <h1>{td_string!(locale, status.went_wrong)}</h1>
        <p role="alert">{message}</p>
    }
    .into_any()
}
