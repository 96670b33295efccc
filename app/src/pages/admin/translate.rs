//! Translating a consultation: each of its texts beside a field for the translation, one language
//! at a time, and on the consultation's page how far each language has got. Plain forms.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::admin::load_translation;
use crate::components::follow_up::heading;
use crate::components::language::{isolate, locale};
use crate::components::staff::{SignOut, StaffGate};
use crate::components::text::textarea_safe;
use crate::domain::language::Language;
use crate::domain::problem::FieldProblems;
use crate::domain::translation::{self, Part};
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::pages::problems;
use crate::views::admin::{TranslationProgress, TranslationView};

/// Translations posted without JavaScript that did not pass: shown again as typed.
#[derive(Clone, Debug)]
pub struct PostedTranslation {
    pub texts: BTreeMap<String, String>,
    pub errors: FieldProblems,
}

pub fn page_path(consultation_id: i64, to: Language) -> String {
    format!("/admin/consultations/{consultation_id}/translations/{}", to.code())
}

#[component]
pub fn TranslatePage() -> impl IntoView {
    let params = use_params_map().read_untracked();
    let id = params.get("id").and_then(|id| id.parse::<i64>().ok());
    let to = params.get("lang").and_then(|code| Language::parse(&code));
    let saved = use_query_map().read_untracked().get("saved").is_some();
    let posted = use_context::<PostedTranslation>();
    view! {
        <Title text=td_string!(locale(), admin.translate_page)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let loaded = match id.zip(to) {
                    Some((id, to)) => load_translation(id, to).await,
                    None => Err(AppError::NotFound),
                };
                let posted = posted.clone();
                view! {
                    <StaffGate result=loaded.map(|t| view! {
                        <SignOut/>
                        <TranslationForm t posted saved/>
                    })/>
                }
            })}
        </Suspense>
    }
}

#[component]
fn TranslationForm(
    t: TranslationView,
    posted: Option<PostedTranslation>,
    saved: bool,
) -> impl IntoView {
    let (typed, errors) = match posted {
        Some(p) => (Some(p.texts), p.errors),
        None => (None, FieldProblems::new()),
    };
    let l = locale();
    let (from, to) = (t.from.code(), t.to.code());
    let fields = t
        .sources
        .into_iter()
        .map(|source| {
            let field = translation::field(&source.key);
            let value = match &typed {
                Some(typed) => typed.get(&field).cloned().unwrap_or_default(),
                None => t.stored.by_key(&source.key).unwrap_or_default().to_owned(),
            };
            let error = errors.get(&field).map(|&p| problems::say(p, l));
            let invalid = error.is_some();
            let rows = match source.part {
                Part::Description | Part::Summary => 6,
                Part::Quote(_) | Part::FollowUp(_) => 4,
                _ => 2,
            };
            // A quote is in whatever language its young writer chose.
            let source_lang = (!matches!(source.part, Part::Quote(_))).then_some(from);
            view! {
                <div class="field" class:invalid=invalid>
                    <label for=field.clone()>{part_label(source.part, l)}</label>
                    <p class="source" id=format!("{field}-source") lang=source_lang dir="auto">{source.text}</p>
                    <p class="field-error" id=format!("{field}-error")>{error}</p>
                    <textarea id=field.clone() name=field.clone() rows=rows lang=to dir="auto"
                        aria-invalid=invalid.then_some("true")
                        aria-describedby=format!("{field}-source {field}-error")>{textarea_safe(&value)}</textarea>
                </div>
            }
        })
        .collect_view();
    view! {
        <p><a href=format!("/admin/consultations/{}", t.id) dir="auto">"← "{t.title.clone()}</a></p>
        <h1>{td_string!(l, admin.translate_title, language = isolate(t.to.name())).to_string()}</h1>
        <p>{td_string!(l, admin.translate_intro, from = isolate(t.from.name()), to = isolate(t.to.name())).to_string()}</p>
        {saved.then(|| view! { <p class="success" role="status">{td_string!(l, admin.saved)}</p> })}
        {(!errors.is_empty()).then(|| view! {
            <div class="error-summary" role="alert">
                <p>{td_string!(l, admin.translations_need_change)}</p>
            </div>
        })}
        <form method="post" action=page_path(t.id, t.to) class="editor" novalidate>
            {fields}
            <button type="submit" class="button primary">{td_string!(l, admin.save_translations)}</button>
        </form>
    }
}

fn part_label(part: Part, l: Locale) -> String {
    match part {
        Part::Title => td_string!(l, admin.part_title).into(),
        Part::Description => td_string!(l, admin.part_description).into(),
        Part::Meeting => td_string!(l, admin.part_meeting).into(),
        Part::Summary => td_string!(l, admin.part_summary).into(),
        Part::Action => td_string!(l, admin.part_action).into(),
        Part::KeyMessage(n) => td_string!(l, admin.part_key_message, n).to_string(),
        Part::Prompt(n) => td_string!(l, admin.part_prompt, n).to_string(),
        Part::Option(n) => td_string!(l, admin.part_option, n).to_string(),
        Part::LowEnd(n) => td_string!(l, admin.part_low, n).to_string(),
        Part::HighEnd(n) => td_string!(l, admin.part_high, n).to_string(),
        Part::Theme(n) => td_string!(l, admin.part_theme, n).to_string(),
        Part::Quote(n) => td_string!(l, admin.part_quote, n).to_string(),
        Part::FollowUp(told) => {
            td_string!(l, admin.part_follow_up, part = heading(told, l)).to_string()
        }
    }
}

/// On the consultation's page: each other language, how much of it is translated, and its form.
#[component]
pub fn Translations(
    consultation_id: i64,
    written_in: Language,
    progress: Vec<TranslationProgress>,
) -> impl IntoView {
    let l = locale();
    let rows = progress
        .into_iter()
        .map(|p| {
            let code = p.language.code();
            view! {
                <tr>
                    <th scope="row">
                        <a href=page_path(consultation_id, p.language) lang=code>{p.language.name()}</a>
                    </th>
                    <td>{td_string!(l, admin.n_of, done = p.done, total = p.total).to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="translations-title">
            <h2 id="translations-title">{td_string!(l, admin.translations)}</h2>
            <p class="hint">{td_string!(l, admin.translations_hint, language = isolate(written_in.name())).to_string()}</p>
            <table class="listing">
                <thead><tr>
                    <th scope="col">{td_string!(l, admin.translate_into)}</th>
                    <th scope="col">{td_string!(l, admin.texts_translated)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
