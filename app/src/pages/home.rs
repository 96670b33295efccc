use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api::home::listed_consultations;
use crate::components::language::{href, locale, with_local_time};
use crate::components::status::ErrorPage;
use crate::domain::lifecycle::Phase;
use crate::i18n::{Locale, td_string};
use crate::views::home::Listed;

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = locale();
    view! {
        <Title text=td_string!(locale, home.title)/>
        // What a search result shows under the link.
        <Meta name="description" content=td_string!(locale, home.lead)/>
        <h1>{td_string!(locale, home.heading)}</h1>
        <p class="lead">{td_string!(locale, home.lead)}</p>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match listed_consultations().await {
                    Ok(list) if list.is_empty() => view! {
                        <p>{td_string!(locale, home.none)}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="consultations">
                            {list.into_iter().map(|c| view! { <ListedItem c locale/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ListedItem(c: Listed, locale: Locale) -> impl IntoView {
    let (badge, when) = if c.phase == Phase::Open {
        let closes = |time: &str| td_string!(locale, home.closes, time).to_string();
        (td_string!(locale, home.open_now), with_local_time(closes, c.closes_at, locale).into_any())
    } else {
        let opens = |time: &str| td_string!(locale, home.opens, time).to_string();
        (
            td_string!(locale, home.coming_soon),
            with_local_time(opens, c.opens_at, locale).into_any(),
        )
    };
    view! {
        <li>
            <a href=href(&format!("/c/{}", c.slug), locale) dir="auto">{c.title}</a>
            <span class="badge">{badge}</span>
            <span class="when">{when}</span>
        </li>
    }
}
