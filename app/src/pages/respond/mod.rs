//! The consultation as a young person meets it at `/c/{slug}`: before opening, while open
//! (intro, consent, questions, thank-you), and after closing.

mod before_open;
mod closed;
mod fields;
pub mod flow;
mod helplines;
mod thanks;
pub mod withdraw;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::respond::load_consultation;
use crate::components::language::{Untranslated, language, locale};
use crate::components::share::{LinkPreview, ShareBlock};
use crate::components::status::ErrorPage;
use crate::domain::lifecycle::Phase;
use crate::domain::submission::{FormValues, VIA};
use crate::http::{Keep, set_cache};
use crate::views::respond::{ConsultationView as Page, SubmitOutcome};
use before_open::BeforeOpen;
use closed::Closed;
use flow::{FlowStart, RespondFlow};
use thanks::Thanks;

/// A posted form (by the browser, or by `respond.js` the same way), handed to the page so it can
/// show the outcome and keep every word that was typed.
#[derive(Clone, Debug)]
pub struct PostedAnswers {
    pub values: FormValues,
    pub outcome: SubmitOutcome,
}

#[component]
pub fn RespondPage() -> impl IntoView {
    let slug = use_params_map().read_untracked().get("slug").unwrap_or_default();
    let query = use_query_map().read_untracked();
    let asked = FlowStart::asked();
    let posted = use_context::<PostedAnswers>();
    // From the partner's link, or from the form it led to.
    let via = query.get(VIA).or_else(|| Some(posted.as_ref()?.values.first(VIA)?.to_owned()));
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match load_consultation(slug, via, language(locale())).await {
                    Ok(page) => by_phase(page, asked, posted),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn by_phase(page: Page, asked: FlowStart, posted: Option<PostedAnswers>) -> AnyView {
    // A thank-you page shows a receipt code: kept nowhere, as every page is by default.
    if !matches!(posted, Some(PostedAnswers { outcome: SubmitOutcome::Accepted { .. }, .. })) {
        set_cache(Keep::Revalidated);
    }
    let title = page.title.clone();
    let preview = view! {
        <LinkPreview title=page.title.clone() description=page.description.clone() link=page.link.clone()/>
    };
    let body = match (page.phase, posted) {
        (_, Some(PostedAnswers { outcome: SubmitOutcome::Closed { texts }, .. })) => {
            view! { <Closed page late_texts=Some(texts)/> }.into_any()
        }
        // Sent from a form loaded while open, in the grace period after the close: stored, so
        // thanked, with its receipt, though the page no longer offers the form.
        (
            Phase::Closed,
            Some(PostedAnswers { outcome: SubmitOutcome::Accepted { receipt, flagged }, .. }),
        ) => {
            let title_lang = page.title_lang();
            view! {
                <h1 dir="auto" lang=title_lang>{page.title}</h1>
                <Thanks slug=page.slug link=page.link meeting=page.meeting
                    receipt flagged helplines=page.helplines/>
            }
            .into_any()
        }
        (Phase::Scheduled | Phase::Draft, _) => view! { <BeforeOpen page/> }.into_any(),
        (Phase::Closed | Phase::Published | Phase::Purged, _) => {
            view! { <Closed page late_texts=None/> }.into_any()
        }
        (Phase::Open, posted) => {
            let start = match posted {
                Some(PostedAnswers {
                    outcome: SubmitOutcome::Accepted { receipt, flagged },
                    ..
                }) => FlowStart::Thanks { receipt, flagged },
                Some(PostedAnswers { values, outcome: SubmitOutcome::Invalid(errors) }) => {
                    FlowStart::Form { values, errors }
                }
                _ => asked,
            };
            // Sharing fits before and after answering; on the form it is only bytes in the way.
            let share = (!matches!(start, FlowStart::Form { .. }))
                .then(|| view! { <ShareBlock slug=page.slug.clone() link=page.link.clone()/> });
            let (title_lang, original) = (page.title_lang(), page.original());
            let Some(form) = page.form else {
                return view! { <Closed page late_texts=None/> }.into_any();
            };
            view! {
                <h1 dir="auto" lang=title_lang>{page.title}</h1>
                <Untranslated original/>
                <RespondFlow at=format!("/c/{}", page.slug) slug=page.slug.clone()
                    link=page.link.clone() description=page.description meeting=page.meeting
                    form start preview=false helplines=page.helplines fallback=page.fallback/>
                {share}
            }
            .into_any()
        }
    };
    view! { <Title text=title/> {preview} {body} }.into_any()
}
