use leptos::prelude::*;

use crate::api::respond::ConsultationView;
use crate::domain::lifecycle::Phase;

/// After the window. When a form arrives too late, the person sees that nothing was stored and
/// gets back what they wrote.
#[component]
pub fn Closed(page: ConsultationView, late_texts: Option<Vec<String>>) -> impl IntoView {
    let late = late_texts.map(|texts| {
        view! {
            <div class="error-summary" role="alert">
                <p>"Your answers arrived after the consultation closed, so they were not stored."</p>
            </div>
            {(!texts.is_empty()).then(|| view! {
                <p>"Here is what you wrote, so you can keep it:"</p>
                {texts.into_iter().map(|t| view! { <blockquote class="kept" dir="auto">{t}</blockquote> }).collect_view()}
            })}
        }
    });
    view! {
        <h1>{page.title}</h1>
        {late}
        <section class="closed" aria-labelledby="closed-title">
            <h2 id="closed-title">"This consultation has closed"</h2>
            <p>
                {format!("Thank you to everyone who took part. Delegates will read a summary of the \
                          answers before their meeting ({}, {}).", page.meeting.name, page.meeting.date)}
            </p>
            {matches!(page.phase, Phase::Published | Phase::Purged).then(|| view! {
                <p><a class="button primary" href=format!("/c/{}/summary", page.slug)>"Read the summary"</a></p>
            })}
            <p><a href="/">"See other consultations"</a></p>
        </section>
    }
}
