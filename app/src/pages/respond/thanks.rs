use leptos::prelude::*;

use super::helplines::Helplines;
use super::words::{Word, Words};
use crate::components::language::{href, isolate};
use crate::domain::consultation::Meeting;
use crate::views::respond::HelplineLink;

/// When an answer may disclose harm (`flagged`), help for a child who may be in danger comes
/// first; the helplines are always there.
#[component]
pub fn Thanks(
    words: Words,
    slug: String,
    /// The consultation's page, absolute: where to come back.
    link: String,
    meeting: Meeting,
    receipt: String,
    flagged: bool,
    helplines: Vec<HelplineLink>,
) -> impl IntoView {
    let withdraw = href(&format!("/c/{slug}/withdraw"), &words.lang);
    view! {
        {flagged.then(|| view! { <Helplines words=words.clone() urgent=true listed=helplines.clone()/> })}
        <section class="thanks" aria-labelledby="thanks-title">
            <h2 id="thanks-title">{words.get(Word::ThanksTitle)}</h2>
            <p>{words.get(Word::Receipt)}</p>
            <p class="receipt"><code>{receipt}</code></p>
            <p>
                {words.get(Word::KeepBefore)} " "
                <a href=withdraw>{words.get(Word::WithdrawLink)}</a> " "
                {words.get(Word::KeepAfter)}
            </p>
            <ComeBack words=words.clone() slug link meeting/>
        </section>
        {(!flagged).then(|| view! { <Helplines words=words.clone() urgent=false listed=helplines/> })}
    }
}

/// When and where to come back to read what the meeting did with young people's views: the
/// meeting's date, the page's address, and a reminder for the calendar (nothing about the reader
/// is kept for it). On the thank-you page, and on the closed page until that is written.
#[component]
pub fn ComeBack(words: Words, slug: String, link: String, meeting: Meeting) -> impl IntoView {
    let (name, date) = (isolate(&meeting.name), isolate(&meeting.date));
    let page = href(&format!("/c/{slug}"), &words.lang);
    let reminder = href(&format!("/c/{slug}/come-back.ics"), &words.lang);
    view! {
        <p class="come-back">{words.fill(Word::ComeBack, &[("meeting", &name), ("date", &date)])}</p>
        <p><a href=page dir="ltr">{link}</a></p>
        <p><a class="button" href=reminder download="come-back.ics">{words.get(Word::Reminder)}</a></p>
    }
}
