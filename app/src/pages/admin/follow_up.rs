//! "What happened next", on the consultation's page once its summary is published: a few
//! paragraphs telling young people what the meeting did with their views. A plain form: it works
//! without JavaScript.

use leptos::prelude::*;

use crate::components::language::locale;
use crate::components::text::textarea_safe;
use crate::domain::follow_up::{FollowUpForm, MAX_CHARS};
use crate::domain::problem::FieldProblems;
use crate::i18n::td_string;
use crate::pages::problems;
use crate::views::admin::FollowUpView;

/// A text posted without JavaScript that was not written, handed to the page with why.
#[derive(Clone, Debug)]
pub struct PostedFollowUp {
    pub form: FollowUpForm,
    pub errors: FieldProblems,
    /// The summary is not published yet: nothing was written.
    pub unpublished: bool,
}

/// Nothing before publication, unless a text was sent then: it is shown back with why.
#[component]
pub fn FollowUpSection(
    consultation_id: i64,
    view: FollowUpView,
    posted: Option<PostedFollowUp>,
    saved: bool,
) -> impl IntoView {
    let l = locale();
    if !view.may_write && posted.is_none() {
        return ().into_any();
    }
    let (text, errors, unpublished) = match posted {
        Some(p) => (p.form.text, p.errors, p.unpublished),
        None => (view.text, FieldProblems::new(), false),
    };
    let error = errors.get("text").map(|&p| problems::say(p, l));
    let invalid = error.is_some();
    view! {
        <section aria-labelledby="follow-up">
            <h2 id="follow-up">{td_string!(l, admin.follow_up_title)}</h2>
            {saved.then(|| view! { <p class="success" role="status">{td_string!(l, admin.follow_up_saved)}</p> })}
            {unpublished.then(|| view! { <p class="error-summary" role="alert">{td_string!(l, admin.follow_up_unpublished)}</p> })}
            <form method="post" action=format!("/admin/consultations/{consultation_id}/follow-up") class="editor" novalidate>
                <div class="field" class:invalid=invalid>
                    <label for="follow-up-text">{td_string!(l, admin.follow_up_label)}</label>
                    <p class="hint" id="follow-up-hint">{td_string!(l, admin.follow_up_hint, max = MAX_CHARS).to_string()}</p>
                    <p class="field-error" id="follow-up-error">{error}</p>
                    <textarea id="follow-up-text" name="text" rows="8" dir="auto"
                        aria-invalid=invalid.then_some("true")
                        aria-describedby="follow-up-hint follow-up-error">{textarea_safe(&text)}</textarea>
                </div>
                <button type="submit" class="button primary">{td_string!(l, admin.follow_up_save)}</button>
            </form>
        </section>
    }
    .into_any()
}
