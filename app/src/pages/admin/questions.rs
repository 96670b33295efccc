//! A consultation's questions: add, edit, reorder, remove, until the window opens. Plain forms
//! (`<details>` opens an edit form without JavaScript).

use leptos::prelude::*;

use crate::api::admin::QuestionsView;
use crate::components::text::textarea_safe;
use crate::domain::authoring::FieldMessages;
use crate::domain::question::QuestionKind;
use crate::domain::question_form::QuestionForm;

/// A question change posted without JavaScript that did not pass.
#[derive(Clone, Debug)]
pub struct PostedQuestion {
    /// `None` for the "add" form.
    pub question_id: Option<i64>,
    pub form: QuestionForm,
    pub errors: FieldMessages,
    pub locked: bool,
}

#[component]
pub fn Questions(
    consultation_id: i64,
    view: QuestionsView,
    posted: Option<PostedQuestion>,
) -> impl IntoView {
    let base = format!("/admin/consultations/{consultation_id}/questions");
    if view.locked || posted.as_ref().is_some_and(|p| p.locked) {
        return view! {
            <section aria-labelledby="questions-title">
                <h2 id="questions-title">"Questions"</h2>
                <p class="notice" role="status">
                    "The consultation has opened, so its questions and options can no longer change: \
                     answers already given would lose their meaning."
                </p>
                <ol class="questions">{view.questions.iter().map(|q| view! { <li>{q.prompt.clone()}" — "{kind_label(&q.kind)}</li> }).collect_view()}</ol>
            </section>
        }
        .into_any();
    }
    let posted_for = |id: Option<i64>| posted.clone().filter(|p| p.question_id == id);
    let count = view.questions.len();
    let items = view
        .questions
        .into_iter()
        .enumerate()
        .map(|(i, q)| {
            let action = format!("{base}/{}", q.id);
            let (form, errors) = posted_for(Some(q.id))
                .map(|p| (p.form, p.errors))
                .unwrap_or_else(|| (QuestionForm::from_question(&q), FieldMessages::new()));
            let open = !errors.is_empty();
            view! {
                <li>
                    <p><strong>{q.prompt.clone()}</strong>" — "{kind_label(&q.kind)}{q.required.then_some(" (needs an answer)")}</p>
                    <form method="post" action=action.clone() class="inline">
                        {(i > 0).then(|| view! { <button type="submit" name="action" value="up" class="button">"Move up"</button> })}
                        {(i + 1 < count).then(|| view! { <button type="submit" name="action" value="down" class="button">"Move down"</button> })}
                        <button type="submit" name="action" value="remove" class="button">"Remove"</button>
                    </form>
                    <details open=open>
                        <summary>"Edit this question"</summary>
                        <QuestionFields action id_prefix=format!("q{}", q.id) form errors submit="Save question"/>
                    </details>
                </li>
            }
        })
        .collect_view();
    let (add_form, add_errors) =
        posted_for(None).map(|p| (p.form, p.errors)).unwrap_or_else(|| {
            (
                QuestionForm {
                    kind: "single_choice".into(),
                    max_chars: "1000".into(),
                    ..Default::default()
                },
                FieldMessages::new(),
            )
        });
    view! {
        <section aria-labelledby="questions-title">
            <h2 id="questions-title">"Questions"</h2>
            <ol class="questions">{items}</ol>
            <h3>"Add a question"</h3>
            <QuestionFields action=base id_prefix="new".to_owned() form=add_form errors=add_errors submit="Add question"/>
        </section>
    }
    .into_any()
}

fn kind_label(kind: &QuestionKind) -> &'static str {
    match kind {
        QuestionKind::SingleChoice { .. } => "single choice",
        QuestionKind::MultipleChoice { .. } => "multiple choice",
        QuestionKind::Scale { .. } => "1–5 scale",
        QuestionKind::FreeText { .. } => "free text",
    }
}

#[component]
fn QuestionFields(
    action: String,
    id_prefix: String,
    form: QuestionForm,
    errors: FieldMessages,
    submit: &'static str,
) -> impl IntoView {
    let id = |name: &str| format!("{id_prefix}-{name}");
    let error =
        |name: &str| errors.get(name).map(|e| view! { <p class="field-error">{e.clone()}</p> });
    let kinds = [
        ("single_choice", "Single choice"),
        ("multiple_choice", "Multiple choice"),
        ("scale", "1–5 scale"),
        ("free_text", "Free text"),
    ];
    view! {
        <form method="post" action=action class="editor question-editor" novalidate>
            <input type="hidden" name="action" value="save"/>
            <div class="field">
                <label for=id("kind")>"Kind"</label>
                {error("kind")}
                <select id=id("kind") name="kind">
                    {kinds.map(|(value, label)| view! { <option value=value selected=form.kind == value>{label}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=id("prompt")>"Question"</label>
                {error("prompt")}
                <input id=id("prompt") name="prompt" value=form.prompt.clone() dir="auto"/>
            </div>
            <div class="option">
                <input type="checkbox" id=id("required") name="required" checked=form.required.is_some()/>
                <label for=id("required")>"Needs an answer"</label>
            </div>
            <div class="field">
                <label for=id("options")>"Options, one per line (choice questions)"</label>
                {error("options")}
                <textarea id=id("options") name="options" rows="4" dir="auto">{textarea_safe(&form.options)}</textarea>
            </div>
            <div class="field">
                {error("labels")}
                <label for=id("low")>"What 1 means (scale)"</label>
                <input id=id("low") name="low_label" value=form.low_label.clone() dir="auto"/>
                <label for=id("high")>"What 5 means (scale)"</label>
                <input id=id("high") name="high_label" value=form.high_label.clone() dir="auto"/>
            </div>
            <div class="field">
                <label for=id("max")>"Longest answer in characters (free text)"</label>
                {error("max_chars")}
                <input id=id("max") name="max_chars" type="number" value=form.max_chars.clone()/>
            </div>
            <button type="submit" class="button primary">{submit}</button>
        </form>
    }
}
