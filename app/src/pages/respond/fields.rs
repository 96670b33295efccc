//! One form control per question kind and for the optional "about you" questions. Each shows
//! its error next to it and starts from what the person already typed.

use leptos::prelude::*;

use super::words::{Word, Words};
use crate::components::language::isolate;
use crate::components::text::textarea_safe;
use crate::domain::demographics::{AgeBand, Choice, Gender, Region};
use crate::domain::question::{Question, QuestionKind, SCALE};
use crate::domain::submission::{AGE_BAND, FieldError, FormErrors, FormValues, GENDER, REGION};

#[component]
pub fn AboutYou(words: Words, values: FormValues, errors: FormErrors) -> impl IntoView {
    let e = |field: &str| errors.field(field).cloned();
    view! {
        <section class="about-you" aria-labelledby="about-you-title">
            <h2 id="about-you-title">{words.get(Word::AboutYou)}</h2>
            <p class="hint">{words.get(Word::AboutYouHint)}</p>
            {choice_group(&words, AGE_BAND, Word::Age, age_word, values.clone(), e(AGE_BAND))}
            {choice_group(&words, REGION, Word::Region, region_word, values.clone(), e(REGION))}
            {choice_group(&words, GENDER, Word::Gender, gender_word, values, e(GENDER))}
        </section>
    }
}

fn choice_group<C: Choice>(
    words: &Words,
    field: &'static str,
    legend: Word,
    label: fn(C) -> Word,
    values: FormValues,
    error: Option<FieldError>,
) -> impl IntoView + use<C> {
    let options: Vec<(String, String)> =
        C::ALL.iter().map(|&c| (c.key().to_owned(), words.get(label(c)))).collect();
    view! {
        <Group words=words.clone() field=field.to_owned() legend=words.get(legend) lang=None required=false hint=None error>
            <Options field=field.to_owned() multiple=false options lang=None values/>
        </Group>
    }
}

/// `lang`: set when the question is shown in the consultation's own language, not the page's.
#[component]
pub fn QuestionField(
    words: Words,
    question: Question,
    lang: Option<&'static str>,
    values: FormValues,
    error: Option<FieldError>,
) -> impl IntoView {
    let field = question.field();
    let required = question.required;
    let prompt = question.prompt.clone();
    let labelled = |options: &[crate::domain::question::AnswerOption]| -> Vec<(String, String)> {
        options.iter().map(|o| (o.id.to_string(), o.label.clone())).collect()
    };
    match question.kind {
        QuestionKind::SingleChoice { options } => view! {
            <Group words=words.clone() field=field.clone() legend=prompt lang required hint=None error>
                <Options field=field.clone() multiple=false options=labelled(&options) lang values/>
            </Group>
        }
        .into_any(),
        QuestionKind::MultipleChoice { options } => view! {
            <Group words=words.clone() field=field.clone() legend=prompt lang required
                hint=Some(words.get(Word::ChooseAll)) error>
                <Options field=field.clone() multiple=true options=labelled(&options) lang values/>
            </Group>
        }
        .into_any(),
        QuestionKind::Scale { low_label, high_label } => {
            let options = SCALE.map(|n| (n.to_string(), n.to_string())).collect();
            let (low, high) = (isolate(&low_label), isolate(&high_label));
            let hint = words.fill(Word::ScaleHint, &[("low", &low), ("high", &high)]);
            view! {
                <Group words=words.clone() field=field.clone() legend=prompt lang required hint=Some(hint) error>
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
                    <label for=field.clone()><span lang=lang>{prompt}</span><Needed words=words.clone() required/></label>
                    <p class="hint" id=hint_id>{words.fill(Word::TextHint, &[("max", &max_chars.to_string())])}</p>
                    <FieldMessage words=words.clone() id=error_id error/>
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
    words: Words,
    field: String,
    legend: String,
    lang: Option<&'static str>,
    required: bool,
    hint: Option<String>,
    error: Option<FieldError>,
    children: Children,
) -> impl IntoView {
    let error_id = format!("{field}-error");
    let hint_id = format!("{field}-hint");
    let described = format!("{hint_id} {error_id}");
    let invalid = error.is_some();
    view! {
        <fieldset class="question" aria-describedby=described class:invalid=invalid>
            <legend><span lang=lang>{legend}</span><Needed words=words.clone() required/></legend>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <FieldMessage words id=error_id error/>
            {children()}
        </fieldset>
    }
}

#[component]
fn Needed(words: Words, required: bool) -> impl IntoView {
    required.then(|| view! { <span class="needed">" "{words.get(Word::NeedsAnswer)}</span> })
}

#[component]
fn FieldMessage(words: Words, id: String, error: Option<FieldError>) -> impl IntoView {
    view! { <p class="field-error" id=id>{error.map(|e| field_error_text(&words, &e))}</p> }
}

fn field_error_text(words: &Words, error: &FieldError) -> String {
    match *error {
        FieldError::Required => words.get(Word::Required),
        FieldError::NotAnOption => words.get(Word::NotAnOption),
        FieldError::OnlyOne => words.get(Word::OnlyOne),
        FieldError::TooLong { chars, max } => {
            words.fill(Word::TooLong, &[("chars", &chars.to_string()), ("max", &max.to_string())])
        }
    }
}

fn age_word(age: AgeBand) -> Word {
    match age {
        AgeBand::From9To12 => Word::Age9To12,
        AgeBand::From13To15 => Word::Age13To15,
        AgeBand::From16To18 => Word::Age16To18,
        AgeBand::From19To24 => Word::Age19To24,
        AgeBand::Undisclosed => Word::Undisclosed,
    }
}

fn region_word(region: Region) -> Word {
    match region {
        Region::Africa => Word::Africa,
        Region::Americas => Word::Americas,
        Region::ArabStates => Word::ArabStates,
        Region::AsiaPacific => Word::AsiaPacific,
        Region::Cis => Word::Cis,
        Region::Europe => Word::Europe,
        Region::Undisclosed => Word::Undisclosed,
    }
}

fn gender_word(gender: Gender) -> Word {
    match gender {
        Gender::Girl => Word::Girl,
        Gender::Boy => Word::Boy,
        Gender::Other => Word::OtherWay,
        Gender::Undisclosed => Word::Undisclosed,
    }
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
