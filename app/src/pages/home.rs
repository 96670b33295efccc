use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::home::{Listed, listed_consultations};
use crate::components::status::ErrorPage;
use crate::domain::lifecycle::Phase;
use crate::domain::time_fmt::human_utc;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="Have your say"/>
        <h1>"Have your say on keeping children safe online"</h1>
        <p class="lead">
            "Before each meeting of the ITU working group on child online protection, young people "
            "aged 9 to 24 are asked what they think. It takes a few minutes, it is anonymous, and "
            "delegates read a summary of the answers before they meet."
        </p>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match listed_consultations().await {
                    Ok(list) if list.is_empty() => view! {
                        <p>"No consultation is open or coming up right now. Please check back later."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="consultations">
                            {list.into_iter().map(|c| view! { <ListedItem c/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ListedItem(c: Listed) -> impl IntoView {
    let (badge, when) = if c.phase == Phase::Open {
        ("Open now", format!("Closes {}", human_utc(c.closes_at)))
    } else {
        ("Coming soon", format!("Opens {}", human_utc(c.opens_at)))
    };
    view! {
        <li>
            <a href=format!("/c/{}", c.slug)>{c.title}</a>
            <span class="badge">{badge}</span>
            <span class="when">{when}</span>
        </li>
    }
}
