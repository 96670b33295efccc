//! A consultation's questions: add, edit, reorder, remove, until the window opens. Plain forms
//! (`<details>` opens an edit form without JavaScript).

use leptos::prelude::*;

use crate::components::language::locale;
use crate::components::text::textarea_safe;
use crate::domain::ids::QuestionId;
use crate::domain::problem::FieldProblems;
use crate::domain::question::QuestionKind;
use crate::domain::question_form::QuestionForm;
use crate::i18n::{Locale, td_string};
use crate::pages::problems;
use crate::views::admin::QuestionsView;

/// A question change posted without JavaScript that did not pass.
#[derive(Clone, Debug)]
pub struct PostedQuestion {
    /// `None` for the "add" form.
    pub question_id: Option<QuestionId>,
    pub form: QuestionForm,
    pub errors: FieldProblems,
    pub locked: bool,
}

#[component]
pub fn Questions(
    consultation_id: i64,
    view: QuestionsView,
    posted: Option<PostedQuestion>,
) -> impl IntoView {
    let l = locale();
    let base = format!("/admin/consultations/{consultation_id}/questions");
    if view.locked || posted.as_ref().is_some_and(|p| p.locked) {
        return view! {
            <section aria-labelledby="questions-title">
                <h2 id="questions-title">{td_string!(l, admin.questions)}</h2>
                <p class="notice" role="status">{td_string!(l, admin.locked)}</p>
                <ol class="questions">{view.questions.iter().map(|q| view! {
                    <li><span dir="auto">{q.prompt.clone()}</span>" — "{kind_label(&q.kind, l)}</li>
                }).collect_view()}</ol>
            </section>
        }
        .into_any();
    }
    let posted_for = |id: Option<QuestionId>| posted.clone().filter(|p| p.question_id == id);
    let count = view.questions.len();
    let items = view
        .questions
        .into_iter()
        .enumerate()
        .map(|(i, q)| {
            let action = format!("{base}/{}", q.id);
            let (form, errors) = posted_for(Some(q.id))
                .map(|p| (p.form, p.errors))
                .unwrap_or_else(|| (QuestionForm::from_question(&q), FieldProblems::new()));
            let open = !errors.is_empty();
            view! {
                <li>
                    <p>
                        <strong dir="auto">{q.prompt.clone()}</strong>" — "{kind_label(&q.kind, l)}
                        {q.required.then(|| format!(" {}", td_string!(l, admin.needs_answer)))}
                    </p>
                    <form method="post" action=action.clone() class="inline">
                        {(i > 0).then(|| view! { <button type="submit" name="action" value="up" class="button">{td_string!(l, admin.move_up)}</button> })}
                        {(i + 1 < count).then(|| view! { <button type="submit" name="action" value="down" class="button">{td_string!(l, admin.move_down)}</button> })}
                        <button type="submit" name="action" value="remove" class="button">{td_string!(l, admin.remove)}</button>
                    </form>
                    <details open=open>
                        <summary>{td_string!(l, admin.edit_question)}</summary>
                        <QuestionFields action id_prefix=format!("q{}", q.id) form errors submit=td_string!(l, admin.save_question)/>
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
                FieldProblems::new(),
            )
        });
    view! {
        <section aria-labelledby="questions-title">
            <h2 id="questions-title">{td_string!(l, admin.questions)}</h2>
            <ol class="questions">{items}</ol>
            <h3>{td_string!(l, admin.add_question)}</h3>
            <QuestionFields action=base id_prefix="new".to_owned() form=add_form errors=add_errors submit=td_string!(l, admin.add_question_button)/>
        </section>
    }
    .into_any()
}

fn kind_label(kind: &QuestionKind, l: Locale) -> &'static str {
    match kind {
        QuestionKind::SingleChoice { .. } => td_string!(l, admin.single_choice),
        QuestionKind::MultipleChoice { .. } => td_string!(l, admin.multiple_choice),
        QuestionKind::Scale { .. } => td_string!(l, admin.scale),
        QuestionKind::FreeText { .. } => td_string!(l, admin.free_text),
    }
}

#[component]
fn QuestionFields(
    action: String,
    id_prefix: String,
    form: QuestionForm,
    errors: FieldProblems,
    submit: &'static str,
) -> impl IntoView {
    let l = locale();
    let id = |name: &str| format!("{id_prefix}-{name}");
    let error = |name: &str| {
        errors.get(name).map(|&p| view! { <p class="field-error">{problems::say(p, l)}</p> })
    };
    let kinds = [
        ("single_choice", td_string!(l, admin.single_choice)),
        ("multiple_choice", td_string!(l, admin.multiple_choice)),
        ("scale", td_string!(l, admin.scale)),
        ("free_text", td_string!(l, admin.free_text)),
    ];
    view! {
        <form method="post" action=action class="editor question-editor" novalidate>
            <input type="hidden" name="action" value="save"/>
            <div class="field">
                <label for=id("kind")>{td_string!(l, admin.kind)}</label>
                {error("kind")}
                <select id=id("kind") name="kind">
                    {kinds.map(|(value, label)| view! { <option value=value selected=form.kind == value>{label}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=id("prompt")>{td_string!(l, admin.question)}</label>
                {error("prompt")}
                <input id=id("prompt") name="prompt" value=form.prompt.clone() dir="auto"/>
            </div>
            <div class="option">
                <input type="checkbox" id=id("required") name="required" checked=form.required.is_some()/>
                <label for=id("required")>{td_string!(l, admin.required)}</label>
            </div>
            <div class="field">
                <label for=id("options")>{td_string!(l, admin.options)}</label>
                {error("options")}
                <textarea id=id("options") name="options" rows="4" dir="auto">{textarea_safe(&form.options)}</textarea>
            </div>
            <div class="field">
                {error("labels")}
                <label for=id("low")>{td_string!(l, admin.low)}</label>
                <input id=id("low") name="low_label" value=form.low_label.clone() dir="auto"/>
                <label for=id("high")>{td_string!(l, admin.high)}</label>
                <input id=id("high") name="high_label" value=form.high_label.clone() dir="auto"/>
            </div>
            <div class="field">
                <label for=id("max")>{td_string!(l, admin.max)}</label>
                {error("max_chars")}
                <input id=id("max") name="max_chars" type="number" value=form.max_chars.clone()/>
            </div>
            <button type="submit" class="button primary">{submit}</button>
        </form>
    }
}
