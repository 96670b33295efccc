//! Organizers list the helplines young people see after answering. A plain form.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::load_helplines;
use crate::components::staff::{SignOut, StaffGate};
use crate::components::text::textarea_safe;

/// A list posted without JavaScript: saved, or not with the problem and the text as typed.
#[derive(Clone, Debug)]
pub struct PostedHelplines {
    pub text: String,
    pub problem: Option<String>,
}

#[component]
pub fn HelplinesPage() -> impl IntoView {
    let posted = use_context::<PostedHelplines>();
    view! {
        <Title text="Helplines"/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let stored = load_helplines().await;
                let posted = posted.clone();
                view! {
                    <StaffGate result=stored.map(|stored| {
                        let problem = posted.as_ref().and_then(|p| p.problem.clone());
                        let saved = posted.as_ref().is_some_and(|p| p.problem.is_none());
                        let invalid = problem.is_some();
                        let text = posted.map(|p| p.text).unwrap_or(stored);
                        view! {
                            <SignOut/>
                            <p><a href="/admin">"← Consultations"</a></p>
                            <h1>"Helplines"</h1>
                            <p>
                                "Every young person sees these after answering, below the link to "
                                "Child Helpline International's directory of free helplines in every country."
                            </p>
                            {saved.then(|| view! { <p class="success" role="status">"Saved."</p> })}
                            <form method="post" action="/admin/helplines" class="editor" novalidate>
                                <div class="field" class:invalid=invalid>
                                    <label for="helplines">"One helpline per line: its name, a vertical bar |, then an https:// address or a phone number"</label>
                                    <p class="hint" id="helplines-hint">"For example: Childline | 0800 1111"</p>
                                    {problem.map(|p| view! { <p class="field-error" id="helplines-error">{p}</p> })}
                                    <textarea id="helplines" name="helplines" rows="8" dir="auto"
                                        aria-describedby="helplines-hint helplines-error">{textarea_safe(&text)}</textarea>
                                </div>
                                <button type="submit" class="button primary">"Save"</button>
                            </form>
                        }
                    })/>
                }
            })}
        </Suspense>
    }
}
