use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::respond::{WithdrawOutcome, load_consultation};
use crate::components::status::ErrorPage;

/// A withdrawal posted without JavaScript, handed to the page to show its outcome.
#[derive(Clone, Debug)]
pub struct PostedWithdrawal {
    pub receipt: String,
    pub outcome: WithdrawOutcome,
}

#[component]
pub fn WithdrawPage() -> impl IntoView {
    let slug = use_params_map().read_untracked().get("slug").unwrap_or_default();
    let posted = use_context::<PostedWithdrawal>();
    view! {
        <Title text="Withdraw my answers"/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match load_consultation(slug, None).await {
                    Ok(page) => view! {
                        <h1>"Withdraw my answers"</h1>
                        <p class="lead">{page.title}</p>
                        <WithdrawForm slug=page.slug posted/>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn WithdrawForm(slug: String, posted: Option<PostedWithdrawal>) -> impl IntoView {
    let (typed, outcome) = posted.map(|p| (p.receipt, Some(p.outcome))).unwrap_or_default();
    let message = outcome.map(|outcome| {
        let problem = match outcome {
            WithdrawOutcome::Withdrawn => {
                return view! {
                    <p class="success" role="status">
                        "Your answers were withdrawn and deleted. Thank you for telling us."
                    </p>
                }
                .into_any();
            }
            WithdrawOutcome::Malformed => {
                "A receipt code has 12 letters and numbers, like ABCD-EFGH-JKLM. Please check it \
                 and try again."
            }
            WithdrawOutcome::UnknownReceipt => {
                "No answers have this code: they may already be withdrawn. Please check the code \
                 and try again."
            }
            WithdrawOutcome::Closed => {
                "The consultation has closed, so answers can no longer be withdrawn."
            }
        };
        view! { <p class="field-error" id="receipt-error">{problem}</p> }.into_any()
    });
    view! {
        {message}
        <form method="post" action=format!("/c/{slug}/withdraw") class="withdraw">
            <label for="receipt">"Your receipt code"</label>
            <input id="receipt" name="receipt" value=typed autocomplete="off" autocapitalize="characters"
                spellcheck="false" aria-describedby="receipt-error"/>
            <button type="submit" class="button">"Withdraw my answers"</button>
        </form>
        <p><a href=format!("/c/{slug}")>"Back to the consultation"</a></p>
    }
}
