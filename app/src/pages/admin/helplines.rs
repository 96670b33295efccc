//! Organizers list the helplines young people see after answering. A plain form.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::load_helplines;
use crate::components::language::locale;
use crate::components::staff::{SignOut, StaffGate};
use crate::components::text::textarea_safe;
use crate::domain::problem::Problem;
use crate::i18n::td_string;
use crate::pages::problems;

/// A list posted without JavaScript: saved, or not with the problem and the text as typed.
#[derive(Clone, Debug)]
pub struct PostedHelplines {
    pub text: String,
    pub problem: Option<Problem>,
}

#[component]
pub fn HelplinesPage() -> impl IntoView {
    let posted = use_context::<PostedHelplines>();
    let l = locale();
    view! {
        <Title text=td_string!(l, admin.helplines)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let stored = load_helplines().await;
                let posted = posted.clone();
                view! {
                    <StaffGate result=stored.map(|stored| {
                        let problem = posted.as_ref().and_then(|p| p.problem).map(|p| problems::say(p, l));
                        let saved = posted.as_ref().is_some_and(|p| p.problem.is_none());
                        let invalid = problem.is_some();
                        let text = posted.map(|p| p.text).unwrap_or(stored);
                        view! {
                            <SignOut/>
                            <p><a href="/admin">{td_string!(l, admin.back)}</a></p>
                            <h1>{td_string!(l, admin.helplines)}</h1>
                            <p>{td_string!(l, admin.helplines_intro)}</p>
                            {saved.then(|| view! { <p class="success" role="status">{td_string!(l, admin.saved)}</p> })}
                            <form method="post" action="/admin/helplines" class="editor" novalidate>
                                <div class="field" class:invalid=invalid>
                                    <label for="helplines">{td_string!(l, admin.helplines_label)}</label>
                                    <p class="hint" id="helplines-hint">{td_string!(l, admin.helplines_hint)}</p>
                                    {problem.map(|p| view! { <p class="field-error" id="helplines-error">{p}</p> })}
                                    <textarea id="helplines" name="helplines" rows="8" dir="auto"
                                        aria-describedby="helplines-hint helplines-error">{textarea_safe(&text)}</textarea>
                                </div>
                                <button type="submit" class="button primary">{td_string!(l, admin.save)}</button>
                            </form>
                        }
                    })/>
                }
            })}
        </Suspense>
    }
}
