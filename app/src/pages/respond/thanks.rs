use leptos::prelude::*;

use crate::components::helplines::Helplines;

#[component]
pub fn Thanks(slug: String, receipt: String) -> impl IntoView {
    view! {
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
        <Helplines/>
    }
}
