use leptos::prelude::*;

use crate::api::respond::ConsultationView;
use crate::components::countdown::Countdown;
use crate::components::interactive::Interactive;
use crate::components::share::ShareBlock;
use crate::domain::time_fmt::{human_utc, iso_utc};

#[component]
pub fn BeforeOpen(page: ConsultationView) -> impl IntoView {
    view! {
        <Interactive/>
        <h1>{page.title}</h1>
        <p class="lead">{page.description}</p>
        <section class="before-open" aria-labelledby="when-title">
            <h2 id="when-title">"Not open yet"</h2>
            <Countdown opens_at=page.opens_at now=page.now utc_label=human_utc(page.opens_at)
                iso=iso_utc(page.opens_at)/>
            <p>"It stays open for one day. Come back then: it takes a few minutes."</p>
            <a class="button" href=format!("/c/{}/calendar.ics", &page.slug) download="consultation.ics">
                "Add it to my calendar"
            </a>
        </section>
        <ShareBlock slug=page.slug link=page.link/>
    }
}
