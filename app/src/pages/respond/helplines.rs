use leptos::prelude::*;

use crate::components::language::locale;
use crate::i18n::td_string;
use crate::views::respond::HelplineLink;

/// Child Helpline International keeps the directory of free, confidential helplines by country.
const DIRECTORY: &str = "https://childhelplineinternational.org/helplines/";

/// Helplines, always on the thank-you page: the directory, then those organizers `listed`. `urgent` when an answer may tell us a child is being
/// hurt or is in danger: then it is written for that child and shown first.
#[component]
pub fn Helplines(urgent: bool, listed: Vec<HelplineLink>) -> impl IntoView {
    let l = locale();
    let [title, intro, helpline, adult] = if urgent {
        [
            td_string!(l, help.urgent_title),
            td_string!(l, help.urgent_intro),
            td_string!(l, help.urgent_helpline),
            td_string!(l, help.urgent_adult),
        ]
    } else {
        [
            td_string!(l, help.title),
            td_string!(l, help.intro),
            td_string!(l, help.helpline),
            td_string!(l, help.adult),
        ]
    };
    view! {
        <section class="helplines" class:urgent=urgent aria-labelledby="helplines-title">
            <h2 id="helplines-title">{title}</h2>
            <p>{intro}</p>
            <p>
                <strong>{td_string!(l, help.danger)}</strong>" "
                {td_string!(l, help.emergency)}
            </p>
            <p><a href=DIRECTORY rel="noopener">{helpline}</a></p>
            {(!listed.is_empty()).then(|| view! {
                <ul class="listed-helplines">
                    {listed.into_iter().map(|h| view! {
                        <li><span dir="auto">{h.name}</span>": "<a href=h.href dir="ltr">{h.text}</a></li>
                    }).collect_view()}
                </ul>
            })}
            <p>{adult}</p>
        </section>
    }
}
