//! One form control per question kind and for the optional "about you" questions. Each shows
//! its error next to it and starts from what the person already typed.

use leptos::prelude::*;

use crate::components::text::textarea_safe;
use crate::domain::demographics::{AgeBand, Choice, Gender, Region};
use crate::domain::question::{Question, QuestionKind, SCALE};
use crate::domain::submission::{AGE_BAND, FormErrors, FormValues, GENDER, REGION};

#[component]
pub fn AboutYou(values: FormValues, errors: RwSignal<FormErrors>) -> impl IntoView {
    view! {
        <section class="about-you" aria-labelledby="about-you-title">
            <h2 id="about-you-title">"About you (optional)"</h2>
            <p class="hint">"This helps show who took part. It cannot tell anyone who you are."</p>
            {choice_group::<AgeBand>(AGE_BAND, "How old are you?", values.clone(), errors)}
            {choice_group::<Region>(REGION, "Where do you live?", values.clone(), errors)}
            {choice_group::<Gender>(GENDER, "How do you describe yourself?", values, errors)}
        </section>
    }
}

fn choice_group<C: Choice>(
    field: &'static str,
    legend: &'static str,
    values: FormValues,
    errors: RwSignal<FormErrors>,
) -> impl IntoView {
    let options: Vec<(String, String)> =
        C::ALL.iter().map(|c| (c.key().to_owned(), c.label().to_owned())).collect();
    view! {
        <Group field=field.to_owned() legend=legend.to_owned() required=false hint=None errors>
            <Options field=field.to_owned() multiple=false options values/>
        </Group>
    }
}

#[component]
pub fn QuestionField(
    question: Question,
    values: FormValues,
    errors: RwSignal<FormErrors>,
) -> impl IntoView {
    let field = question.field();
    let required = question.required;
    let prompt = question.prompt.clone();
    let labelled = |options: &[crate::domain::question::AnswerOption]| -> Vec<(String, String)> {
        options.iter().map(|o| (o.id.to_string(), o.label.clone())).collect()
    };
    match question.kind {
        QuestionKind::SingleChoice { options } => view! {
            <Group field=field.clone() legend=prompt required hint=None errors>
                <Options field=field.clone() multiple=false options=labelled(&options) values/>
            </Group>
        }
        .into_any(),
        QuestionKind::MultipleChoice { options } => view! {
            <Group field=field.clone() legend=prompt required hint=Some("Choose all that apply.".to_owned()) errors>
                <Options field=field.clone() multiple=true options=labelled(&options) values/>
            </Group>
        }
        .into_any(),
        QuestionKind::Scale { low_label, high_label } => {
            let options = SCALE.map(|n| (n.to_string(), n.to_string())).collect();
            let hint = format!("1 = {low_label}, 5 = {high_label}");
            view! {
                <Group field=field.clone() legend=prompt required hint=Some(hint) errors>
                    <div class="scale">
                        <Options field=field.clone() multiple=false options values/>
                    </div>
                </Group>
            }
            .into_any()
        }
        QuestionKind::FreeText { max_chars } => {
            let typed = textarea_safe(values.first(&field).unwrap_or_default());
            let error_id = format!("{field}-error");
            let hint_id = format!("{field}-hint");
            let described = format!("{hint_id} {error_id}");
            let field_for_error = field.clone();
            let invalid = Memo::new(move |_| errors.with(|e| e.field(&field_for_error).is_some()));
            view! {
                <div class="question" class:invalid=invalid>
                    <label for=field.clone()>{prompt}<Needed required/></label>
                    <p class="hint" id=hint_id>
                        {format!("Up to {max_chars} characters. Please leave out names and contact details.")}
                    </p>
                    <FieldError field=field.clone() id=error_id errors/>
                    <textarea id=field.clone() name=field rows="5" maxlength=max_chars dir="auto"
                        aria-describedby=described aria-invalid=move || invalid.get().then_some("true")>{typed}</textarea>
                </div>
            }
            .into_any()
        }
    }
}

/// A fieldset with its legend, hint and error, tied together for screen readers.
#[component]
fn Group(
    field: String,
    legend: String,
    required: bool,
    hint: Option<String>,
    errors: RwSignal<FormErrors>,
    children: Children,
) -> impl IntoView {
    let error_id = format!("{field}-error");
    let hint_id = format!("{field}-hint");
    let described = format!("{hint_id} {error_id}");
    let field_for_class = field.clone();
    view! {
        <fieldset class="question" aria-describedby=described
            class:invalid=move || errors.with(|e| e.field(&field_for_class).is_some())>
            <legend>{legend}<Needed required/></legend>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <FieldError field id=error_id errors/>
            {children()}
        </fieldset>
    }
}

#[component]
fn Needed(required: bool) -> impl IntoView {
    required.then(|| view! { <span class="needed">" (needs an answer)"</span> })
}

#[component]
fn FieldError(field: String, id: String, errors: RwSignal<FormErrors>) -> impl IntoView {
    view! {
        <p class="field-error" id=id>
            {move || errors.with(|e| e.field(&field).map(|e| e.message()))}
        </p>
    }
}

/// Radio buttons or checkboxes: large touch targets, no JavaScript needed.
#[component]
fn Options(
    field: String,
    multiple: bool,
    options: Vec<(String, String)>,
    values: FormValues,
) -> impl IntoView {
    let kind = if multiple { "checkbox" } else { "radio" };
    options
        .into_iter()
        .map(|(value, label)| {
            let id = format!("{field}-{value}");
            let checked = values.has(&field, &value);
            view! {
                <div class="option">
                    <input type=kind id=id.clone() name=field.clone() value=value checked=checked/>
                    <label for=id>{label}</label>
                </div>
            }
        })
        .collect_view()
}
