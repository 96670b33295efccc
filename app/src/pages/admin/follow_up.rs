//! "What happened next", on the consultation's page once its summary is published: four parts,
//! each optional, telling young people what the meeting did with their views. A plain form: it
//! works without JavaScript.

use leptos::prelude::*;

use crate::components::follow_up::heading;
use crate::components::language::locale;
use crate::components::text::textarea_safe;
use crate::domain::follow_up::{FollowUpForm, MAX_CHARS, Told};
use crate::domain::problem::FieldProblems;
use crate::i18n::{Locale, td_string};
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

/// What organizers are asked to say in each part.
fn hint(told: Told, l: Locale) -> &'static str {
    match told {
        Told::Received => td_string!(l, admin.follow_up_received_hint),
        Told::Decided => td_string!(l, admin.follow_up_decided_hint),
        Told::NotTaken => td_string!(l, admin.follow_up_not_taken_hint),
        Told::Next => td_string!(l, admin.follow_up_next_hint),
    }
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
    let (form, errors, unpublished) = match posted {
        Some(p) => (p.form, p.errors, p.unpublished),
        None => (view.form, FieldProblems::new(), false),
    };
    let fields = Told::ALL.map(|told| {
        let id = format!("follow-up-{}", told.key());
        let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
        let error = errors.get(told.key()).map(|&p| problems::say(p, l));
        let invalid = error.is_some();
        view! {
            <div class="field" class:invalid=invalid>
                <label for=id.clone()>{heading(told, l)}</label>
                <p class="hint" id=hint_id.clone()>{hint(told, l)}</p>
                <p class="field-error" id=error_id.clone()>{error}</p>
                <textarea id=id name=told.key() rows="4" dir="auto"
                    aria-invalid=invalid.then_some("true")
                    aria-describedby=format!("follow-up-hint {hint_id} {error_id}")>{textarea_safe(form.field(told))}</textarea>
            </div>
        }
    });
    view! {
        <section aria-labelledby="follow-up">
            <h2 id="follow-up">{td_string!(l, admin.follow_up_title)}</h2>
            {saved.then(|| view! { <p class="success" role="status">{td_string!(l, admin.follow_up_saved)}</p> })}
            {unpublished.then(|| view! { <p class="error-summary" role="alert">{td_string!(l, admin.follow_up_unpublished)}</p> })}
            <p class="hint" id="follow-up-hint">{td_string!(l, admin.follow_up_hint, max = MAX_CHARS).to_string()}</p>
            <form method="post" action=format!("/admin/consultations/{consultation_id}/follow-up") class="editor" novalidate>
                {fields.into_iter().collect_view()}
                <button type="submit" class="button primary">{td_string!(l, admin.follow_up_save)}</button>
            </form>
        </section>
    }
    .into_any()
}
