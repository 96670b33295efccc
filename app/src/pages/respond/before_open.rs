use leptos::prelude::*;

use crate::components::countdown::Countdown;
use crate::components::interactive::Interactive;
use crate::components::language::{Untranslated, locale, when_utc};
use crate::components::share::ShareBlock;
use crate::domain::time_fmt::iso_utc;
use crate::i18n::{I18nLocaleTrait, td_string};
use crate::views::respond::ConsultationView;

use super::flow::RespondScript;

#[component]
pub fn BeforeOpen(page: ConsultationView) -> impl IntoView {
    let locale = locale();
    view! {
        <Interactive/>
        <h1 dir="auto" lang=page.title_lang()>{page.title.clone()}</h1>
        <Untranslated original=page.original()/>
        <p class="lead" dir="auto" lang=page.description_lang()>{page.description.clone()}</p>
        <section class="before-open" aria-labelledby="when-title">
            <h2 id="when-title">{td_string!(locale, before.not_open)}</h2>
            <Countdown opens_at=page.opens_at now=page.now
                utc_label=when_utc(page.opens_at, locale) iso=iso_utc(page.opens_at)
                lang=locale.as_str().to_owned() opens=td_string!(locale, before.opens).to_owned()
                left=td_string!(locale, before.left).to_owned()
                your_time=td_string!(locale, before.your_time).to_owned()/>
            <p>{td_string!(locale, before.stays_open)}</p>
            <a class="button" href=format!("/c/{}/calendar.ics", &page.slug) download="consultation.ics">
                {td_string!(locale, before.calendar)}
            </a>
        </section>
        <ShareBlock slug=page.slug link=page.link/>
        <RespondScript/>
    }
}
