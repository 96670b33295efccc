//! One form control per question kind and for the optional "about you" questions. Each shows
//! its error next to it and starts from what the person already typed.

use leptos::prelude::*;

use crate::components::text::textarea_safe;
use crate::domain::demographics::{AgeBand, Choice, Gender, Region};
use crate::domain::question::{Question, QuestionKind, SCALE};
use crate::domain::submission::{AGE_BAND, FieldError, FormErrors, FormValues, GENDER, REGION};
use crate::i18n::{Locale, td_string};

#[component]
pub fn AboutYou(locale: Locale, values: FormValues, errors: RwSignal<FormErrors>) -> impl IntoView {
    let (v, e) = (values.clone(), errors);
    view! {
        <section class="about-you" aria-labelledby="about-you-title">
            <h2 id="about-you-title">{td_string!(locale, form.about_you)}</h2>
            <p class="hint">{td_string!(locale, form.about_you_hint)}</p>
            {choice_group(locale, AGE_BAND, td_string!(locale, form.age), age_label, v.clone(), e)}
            {choice_group(locale, REGION, td_string!(locale, form.region), region_label, v, e)}
            {choice_group(locale, GENDER, td_string!(locale, form.gender), gender_label, values, e)}
        </section>
    }
}

fn choice_group<C: Choice>(
    locale: Locale,
    field: &'static str,
    legend: &'static str,
    label: fn(Locale, C) -> &'static str,
    values: FormValues,
    errors: RwSignal<FormErrors>,
) -> impl IntoView {
    let options: Vec<(String, String)> =
        C::ALL.iter().map(|&c| (c.key().to_owned(), label(locale, c).to_owned())).collect();
    view! {
        <Group locale field=field.to_owned() legend=legend.to_owned() required=false hint=None errors>
            <Options field=field.to_owned() multiple=false options values/>
        </Group>
    }
}

#[component]
pub fn QuestionField(
    locale: Locale,
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
            <Group locale field=field.clone() legend=prompt required hint=None errors>
                <Options field=field.clone() multiple=false options=labelled(&options) values/>
            </Group>
        }
        .into_any(),
        QuestionKind::MultipleChoice { options } => view! {
            <Group locale field=field.clone() legend=prompt required
                hint=Some(td_string!(locale, form.choose_all).to_owned()) errors>
                <Options field=field.clone() multiple=true options=labelled(&options) values/>
            </Group>
        }
        .into_any(),
        QuestionKind::Scale { low_label, high_label } => {
            let options = SCALE.map(|n| (n.to_string(), n.to_string())).collect();
            let hint = td_string!(locale, form.scale_hint, low = low_label, high = high_label);
            view! {
                <Group locale field=field.clone() legend=prompt required hint=Some(hint) errors>
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
                    <label for=field.clone()>{prompt}<Needed locale required/></label>
                    <p class="hint" id=hint_id>{td_string!(locale, form.text_hint, max = max_chars)}</p>
                    <FieldMessage locale field=field.clone() id=error_id errors/>
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
    locale: Locale,
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
            <legend>{legend}<Needed locale required/></legend>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <FieldMessage locale field id=error_id errors/>
            {children()}
        </fieldset>
    }
}

#[component]
fn Needed(locale: Locale, required: bool) -> impl IntoView {
    required
        .then(|| view! { <span class="needed">" "{td_string!(locale, form.needs_answer)}</span> })
}

#[component]
fn FieldMessage(
    locale: Locale,
    field: String,
    id: String,
    errors: RwSignal<FormErrors>,
) -> impl IntoView {
    view! {
        <p class="field-error" id=id>
            {move || errors.with(|e| e.field(&field).map(|e| field_error_text(locale, e)))}
        </p>
    }
}

fn field_error_text(locale: Locale, error: &FieldError) -> String {
    match *error {
        FieldError::Required => td_string!(locale, form.required).to_owned(),
        FieldError::NotAnOption => td_string!(locale, form.not_an_option).to_owned(),
        FieldError::OnlyOne => td_string!(locale, form.only_one).to_owned(),
        FieldError::TooLong { chars, max } => td_string!(locale, form.too_long, chars, max),
    }
}

fn age_label(locale: Locale, age: AgeBand) -> &'static str {
    match age {
        AgeBand::From9To12 => td_string!(locale, choice.age_9_12),
        AgeBand::From13To15 => td_string!(locale, choice.age_13_15),
        AgeBand::From16To18 => td_string!(locale, choice.age_16_18),
        AgeBand::From19To24 => td_string!(locale, choice.age_19_24),
        AgeBand::Undisclosed => td_string!(locale, choice.undisclosed),
    }
}

fn region_label(locale: Locale, region: Region) -> &'static str {
    match region {
        Region::Africa => td_string!(locale, choice.africa),
        Region::Americas => td_string!(locale, choice.americas),
        Region::ArabStates => td_string!(locale, choice.arab_states),
        Region::AsiaPacific => td_string!(locale, choice.asia_pacific),
        Region::Cis => td_string!(locale, choice.cis),
        Region::Europe => td_string!(locale, choice.europe),
        Region::Undisclosed => td_string!(locale, choice.undisclosed),
    }
}

fn gender_label(locale: Locale, gender: Gender) -> &'static str {
    match gender {
        Gender::Girl => td_string!(locale, choice.girl),
        Gender::Boy => td_string!(locale, choice.boy),
        Gender::Other => td_string!(locale, choice.other),
        Gender::Undisclosed => td_string!(locale, choice.undisclosed),
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
