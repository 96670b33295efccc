use leptos::prelude::*;

use super::words::{Word, Words};
use crate::views::respond::HelplineLink;

/// Child Helpline International keeps the directory of free, confidential helplines by country.
const DIRECTORY: &str = "https://childhelplineinternational.org/helplines/";

/// Helplines, always on the thank-you page: the directory, then those organizers `listed`. `urgent` when an answer may tell us a child is being
/// hurt or is in danger: then it is written for that child and shown first.
#[component]
pub fn Helplines(words: Words, urgent: bool, listed: Vec<HelplineLink>) -> impl IntoView {
    let [title, intro, helpline, adult] = if urgent {
        [
            words.get(Word::UrgentTitle),
            words.get(Word::UrgentIntro),
            words.get(Word::UrgentHelpline),
            words.get(Word::UrgentAdult),
        ]
    } else {
        [
            words.get(Word::HelpTitle),
            words.get(Word::HelpIntro),
            words.get(Word::Helpline),
            words.get(Word::Adult),
        ]
    };
    view! {
        <section class="helplines" class:urgent=urgent aria-labelledby="helplines-title">
            <h2 id="helplines-title">{title}</h2>
            <p>{intro}</p>
            <p>
                <strong>{words.get(Word::Danger)}</strong>" "
                {words.get(Word::Emergency)}
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
