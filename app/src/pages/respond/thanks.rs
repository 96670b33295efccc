use leptos::prelude::*;

use crate::api::respond::HelplineLink;
use crate::components::helplines::Helplines;
use crate::components::language::href;
use crate::i18n::{Locale, td_string};

/// When an answer may disclose harm (`flagged`), help for a child who may be in danger comes
/// first; the helplines are always there.
#[component]
pub fn Thanks(
    locale: Locale,
    slug: String,
    receipt: String,
    flagged: bool,
    helplines: Vec<HelplineLink>,
) -> impl IntoView {
    let withdraw = href(&format!("/c/{slug}/withdraw"), locale);
    view! {
        {flagged.then(|| view! { <Helplines locale urgent=true listed=helplines.clone()/> })}
        <section class="thanks" aria-labelledby="thanks-title">
            <h2 id="thanks-title">{td_string!(locale, thanks.title)}</h2>
            <p>{td_string!(locale, thanks.receipt)}</p>
            <p class="receipt"><code>{receipt}</code></p>
            <p>
                {td_string!(locale, thanks.keep_before)} " "
                <a href=withdraw>{td_string!(locale, thanks.withdraw_link)}</a> " "
                {td_string!(locale, thanks.keep_after)}
            </p>
        </section>
        {(!flagged).then(|| view! { <Helplines locale urgent=false listed=helplines/> })}
    }
}
