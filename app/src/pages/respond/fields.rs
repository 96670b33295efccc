//! One form control per question kind and for the optional "about you" questions. Each shows
//! its error next to it and starts from what the person already typed.

use leptos::prelude::*;

use crate::components::language::{isolate, locale};
use crate::components::text::textarea_safe;
use crate::domain::demographics::Choice;
use crate::domain::problem::{Problem, Problems};
use crate::domain::question::{Question, QuestionKind, SCALE};
use crate::domain::submission::{AGE_BAND, FormValues, GENDER, REGION};
use crate::i18n::{Locale, td_string};
use crate::pages::{choices, problems};

#[component]
pub fn AboutYou(values: FormValues, errors: Problems) -> impl IntoView {
    let l = locale();
    let e = |field: &str| errors.field(field);
    view! {
        <section class="about-you" aria-labelledby="about-you-title">
            <h2 id="about-you-title">{td_string!(l, form.about_you)}</h2>
            <p class="hint">{td_string!(l, form.about_you_hint)}</p>
            {choice_group(AGE_BAND, td_string!(l, form.age), choices::age_band, values.clone(), e(AGE_BAND))}
            {choice_group(REGION, td_string!(l, form.region), choices::region, values.clone(), e(REGION))}
            {choice_group(GENDER, td_string!(l, form.gender), choices::gender, values, e(GENDER))}
        </section>
    }
}

fn choice_group<C: Choice>(
    field: &'static str,
    legend: &'static str,
    label: fn(C, Locale) -> &'static str,
    values: FormValues,
    error: Option<Problem>,
) -> impl IntoView + use<C> {
    let l = locale();
    let options: Vec<(String, String)> =
        C::ALL.iter().map(|&c| (c.key().to_owned(), label(c, l).to_owned())).collect();
    view! {
        <Group field=field.to_owned() legend=legend.to_owned() lang=None required=false hint=None error>
            <Options field=field.to_owned() multiple=false options lang=None values/>
        </Group>
    }
}

/// `lang`: set when the question is shown in the consultation's own language, not the page's.
#[component]
pub fn QuestionField(
    question: Question,
    lang: Option<&'static str>,
    values: FormValues,
    error: Option<Problem>,
) -> impl IntoView {
    let l = locale();
    let field = question.field();
    let required = question.required;
    let prompt = question.prompt.clone();
    let labelled = |options: &[crate::domain::question::AnswerOption]| -> Vec<(String, String)> {
        options.iter().map(|o| (o.id.to_string(), o.label.clone())).collect()
    };
    match question.kind {
        QuestionKind::SingleChoice { options } => view! {
            <Group field=field.clone() legend=prompt lang required hint=None error>
                <Options field=field.clone() multiple=false options=labelled(&options) lang values/>
            </Group>
        }
        .into_any(),
        QuestionKind::MultipleChoice { options } => view! {
            <Group field=field.clone() legend=prompt lang required
                hint=Some(td_string!(l, form.choose_all).to_owned()) error>
                <Options field=field.clone() multiple=true options=labelled(&options) lang values/>
            </Group>
        }
        .into_any(),
        QuestionKind::Scale { low_label, high_label } => {
            let options = SCALE.map(|n| (n.to_string(), n.to_string())).collect();
            let (low, high) = (isolate(&low_label), isolate(&high_label));
            let hint = td_string!(l, form.scale_hint, low, high).to_string();
            view! {
                <Group field=field.clone() legend=prompt lang required hint=Some(hint) error>
                    <div class="scale">
                        <Options field=field.clone() multiple=false options lang=None values/>
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
            let invalid = error.is_some();
            view! {
                <div class="question" class:invalid=invalid>
                    <label for=field.clone()><span lang=lang>{prompt}</span><Needed required/></label>
                    <p class="hint" id=hint_id>{td_string!(l, form.text_hint, max = max_chars).to_string()}</p>
                    <FieldMessage id=error_id error/>
                    <textarea id=field.clone() name=field rows="5" maxlength=max_chars dir="auto"
                        aria-describedby=described aria-invalid=invalid.then_some("true")>{typed}</textarea>
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
    lang: Option<&'static str>,
    required: bool,
    hint: Option<String>,
    error: Option<Problem>,
    children: Children,
) -> impl IntoView {
    let error_id = format!("{field}-error");
    let hint_id = format!("{field}-hint");
    let described = format!("{hint_id} {error_id}");
    let invalid = error.is_some();
    view! {
        <fieldset class="question" aria-describedby=described class:invalid=invalid>
            <legend><span lang=lang>{legend}</span><Needed required/></legend>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <FieldMessage id=error_id error/>
            {children()}
        </fieldset>
    }
}

#[component]
fn Needed(required: bool) -> impl IntoView {
    let l = locale();
    required.then(|| view! { <span class="needed">" "{td_string!(l, form.needs_answer)}</span> })
}

#[component]
fn FieldMessage(id: String, error: Option<Problem>) -> impl IntoView {
    view! { <p class="field-error" id=id>{error.map(|e| problems::say(e, locale()))}</p> }
}

/// Radio buttons or checkboxes: large touch targets, no JavaScript needed.
#[component]
fn Options(
    field: String,
    multiple: bool,
    options: Vec<(String, String)>,
    lang: Option<&'static str>,
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
                    <label for=id lang=lang>{label}</label>
                </div>
            }
        })
        .collect_view()
}
