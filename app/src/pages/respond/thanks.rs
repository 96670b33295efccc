use leptos::prelude::*;

use super::helplines::Helplines;
use crate::components::language::{href, isolate, locale};
use crate::domain::consultation::Meeting;
use crate::i18n::td_string;
use crate::views::respond::HelplineLink;

/// When an answer may disclose harm (`flagged`), help for a child who may be in danger comes
/// first; the helplines are always there.
#[component]
pub fn Thanks(
    slug: String,
    /// The consultation's page, absolute: where to come back.
    link: String,
    meeting: Meeting,
    receipt: String,
    flagged: bool,
    helplines: Vec<HelplineLink>,
) -> impl IntoView {
    let l = locale();
    let withdraw = href(&format!("/c/{slug}/withdraw"), l);
    view! {
        {flagged.then(|| view! { <Helplines urgent=true listed=helplines.clone()/> })}
        <section class="thanks" aria-labelledby="thanks-title">
            <h2 id="thanks-title">{td_string!(l, thanks.title)}</h2>
            <p>{td_string!(l, thanks.receipt)}</p>
            <p class="receipt"><code>{receipt}</code></p>
            <p>
                {td_string!(l, thanks.keep_before)} " "
                <a href=withdraw>{td_string!(l, thanks.withdraw_link)}</a> " "
                {td_string!(l, thanks.keep_after)}
            </p>
            <ComeBack slug link meeting/>
        </section>
        {(!flagged).then(|| view! { <Helplines urgent=false listed=helplines/> })}
    }
}

/// When and where to come back to read what the meeting did with young people's views: the
/// meeting's date, the page's address, and a reminder for the calendar (nothing about the reader
/// is kept for it). On the thank-you page, and on the closed page until that is written.
#[component]
pub fn ComeBack(slug: String, link: String, meeting: Meeting) -> impl IntoView {
    let (name, date) = (isolate(&meeting.name), isolate(&meeting.date));
    let l = locale();
    let page = href(&format!("/c/{slug}"), l);
    let reminder = href(&format!("/c/{slug}/come-back.ics"), l);
    view! {
        <p class="come-back">{td_string!(l, thanks.come_back, meeting = name, date).to_string()}</p>
        <p><a href=page dir="ltr">{link}</a></p>
        <p><a class="button" href=reminder download="come-back.ics">{td_string!(l, thanks.reminder)}</a></p>
    }
}
