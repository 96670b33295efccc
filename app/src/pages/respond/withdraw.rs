use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::respond::load_consultation;
use crate::components::language::{href, language, locale};
use crate::components::status::ErrorPage;
use crate::i18n::{Locale, td_string};
use crate::views::respond::WithdrawOutcome;

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
    let locale = locale();
    view! {
        <Title text=td_string!(locale, withdraw.title)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match load_consultation(slug, None, language(locale)).await {
                    Ok(page) => view! {
                        <h1>{td_string!(locale, withdraw.title)}</h1>
                        <p class="lead" dir="auto" lang=page.title_lang()>{page.title.clone()}</p>
                        <WithdrawForm locale slug=page.slug posted/>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn WithdrawForm(locale: Locale, slug: String, posted: Option<PostedWithdrawal>) -> impl IntoView {
    let (typed, outcome) = posted.map(|p| (p.receipt, Some(p.outcome))).unwrap_or_default();
    let message = outcome.map(|outcome| {
        let problem = match outcome {
            WithdrawOutcome::Withdrawn => {
                return view! {
                    <p class="success" role="status">{td_string!(locale, withdraw.done)}</p>
                }
                .into_any();
            }
            WithdrawOutcome::Malformed => td_string!(locale, withdraw.malformed),
            WithdrawOutcome::UnknownReceipt => td_string!(locale, withdraw.unknown),
            WithdrawOutcome::Closed => td_string!(locale, withdraw.closed),
        };
        view! { <p class="field-error" id="receipt-error">{problem}</p> }.into_any()
    });
    view! {
        {message}
        <form method="post" action=href(&format!("/c/{slug}/withdraw"), locale) class="withdraw">
            <label for="receipt">{td_string!(locale, withdraw.code)}</label>
            <input id="receipt" name="receipt" value=typed autocomplete="off" autocapitalize="characters"
                spellcheck="false" aria-describedby="receipt-error"/>
            <button type="submit" class="button">{td_string!(locale, withdraw.button)}</button>
        </form>
        <p><a href=href(&format!("/c/{slug}"), locale)>{td_string!(locale, withdraw.back)}</a></p>
    }
}
