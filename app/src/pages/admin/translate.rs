//! Translating a consultation: each of its texts beside a field for the translation, one language
//! at a time, and on the consultation's page how far each language has got. Plain forms.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::admin::{TranslationProgress, TranslationView, load_translation};
use crate::components::staff::{SignOut, StaffGate};
use crate::components::text::textarea_safe;
use crate::domain::authoring::FieldMessages;
use crate::domain::language::Language;
use crate::domain::translation::{self, Part};
use crate::error::AppError;

/// Translations posted without JavaScript that did not pass: shown again as typed.
#[derive(Clone, Debug)]
pub struct PostedTranslation {
    pub texts: BTreeMap<String, String>,
    pub errors: FieldMessages,
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
        <Title text="Translate"/>
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
        None => (None, FieldMessages::new()),
    };
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
            let error = errors.get(&field).cloned();
            let rows = if source.part == Part::Description { 6 } else { 2 };
            view! {
                <div class="field" class:invalid=error.is_some()>
                    <label for=field.clone()>{part_label(source.part)}</label>
                    <p class="source" id=format!("{field}-source") lang=from dir="auto">{source.text}</p>
                    <p class="field-error" id=format!("{field}-error")>{error.clone()}</p>
                    <textarea id=field.clone() name=field.clone() rows=rows lang=to dir="auto"
                        aria-invalid=error.is_some().then_some("true")
                        aria-describedby=format!("{field}-source {field}-error")>{textarea_safe(&value)}</textarea>
                </div>
            }
        })
        .collect_view();
    view! {
        <p><a href=format!("/admin/consultations/{}", t.id)>"← "{t.title.clone()}</a></p>
        <h1>"Translate into "<span lang=to>{t.to.name()}</span></h1>
        <p>
            "Each text as it is written in " <span lang=from>{t.from.name()}</span>
            ", with a field for its translation. Leave a field empty to show that text as written "
            "for now: young people reading " <span lang=to>{t.to.name()}</span>
            " then see a note saying so. A question is shown translated once all its texts are."
        </p>
        {saved.then(|| view! { <p class="success" role="status">"Saved."</p> })}
        {(!errors.is_empty()).then(|| view! {
            <div class="error-summary" role="alert">
                <p>"Some translations need a change (see the marked fields). Nothing was saved yet."</p>
            </div>
        })}
        <form method="post" action=page_path(t.id, t.to) class="editor" novalidate>
            {fields}
            <button type="submit" class="button primary">"Save translations"</button>
        </form>
    }
}

fn part_label(part: Part) -> String {
    match part {
        Part::Title => "Title".into(),
        Part::Description => "Description for young people".into(),
        Part::Meeting => "Meeting it serves".into(),
        Part::Prompt(n) => format!("Question {n}"),
        Part::Option(n) => format!("Question {n}: an answer option"),
        Part::LowEnd(n) => format!("Question {n}: label of 1"),
        Part::HighEnd(n) => format!("Question {n}: label of 5"),
        Part::Theme(n) => format!("Question {n}: a theme moderators named"),
    }
}

/// On the consultation's page: each other language, how much of it is translated, and its form.
#[component]
pub fn Translations(
    consultation_id: i64,
    written_in: Language,
    progress: Vec<TranslationProgress>,
) -> impl IntoView {
    let rows = progress
        .into_iter()
        .map(|p| {
            let code = p.language.code();
            view! {
                <tr>
                    <th scope="row">
                        <a href=page_path(consultation_id, p.language) lang=code>{p.language.name()}</a>
                    </th>
                    <td>{format!("{} of {}", p.done, p.total)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="translations-title">
            <h2 id="translations-title">"Translations"</h2>
            <p class="hint">
                "Written in " <span lang=written_in.code()>{written_in.name()}</span>
                ". Young people who read another language see its translations, and the texts "
                "as written where there is none yet, with a note."
            </p>
            <table class="listing">
                <thead><tr><th scope="col">"Translate into"</th><th scope="col">"Texts translated"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
