use leptos::prelude::*;

use crate::api::respond::HelplineLink;
use crate::components::helplines::Helplines;

/// When an answer may disclose harm (`flagged`), help for a child who may be in danger comes
/// first; the helplines are always there.
#[component]
pub fn Thanks(
    slug: String,
    receipt: String,
    flagged: bool,
    helplines: Vec<HelplineLink>,
) -> impl IntoView {
    view! {
        {flagged.then(|| view! { <Helplines urgent=true listed=helplines.clone()/> })}
        <section class="thanks" aria-labelledby="thanks-title">
            <h2 id="thanks-title">"Thank you! Your answers were sent."</h2>
            <p>"Your receipt code:"</p>
            <p class="receipt"><code>{receipt}</code></p>
            <p>
                "Keep it if you might want to take your answers back. While this consultation is "
                "open, you can "<a href=format!("/c/{slug}/withdraw")>"withdraw your answers"</a>
                " with this code. Nobody else can see who sent them."
            </p>
        </section>
        {(!flagged).then(|| view! { <Helplines urgent=false listed=helplines/> })}
    }
}
