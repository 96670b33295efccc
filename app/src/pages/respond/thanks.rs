use leptos::prelude::*;

use super::words::{Word, Words};
use crate::api::respond::HelplineLink;
use crate::components::helplines::Helplines;
use crate::components::language::href;

/// When an answer may disclose harm (`flagged`), help for a child who may be in danger comes
/// first; the helplines are always there.
#[component]
pub fn Thanks(
    words: Words,
    slug: String,
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
        </section>
        {(!flagged).then(|| view! { <Helplines words=words.clone() urgent=false listed=helplines/> })}
    }
}
