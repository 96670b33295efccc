use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::summary::load_draft;
use crate::components::language::{href, locale};
use crate::components::staff::StaffGate;
use crate::components::text::textarea_safe;
use crate::domain::brief::{
    BriefForm, MAX_ACTION_CHARS, MAX_MESSAGE_CHARS, MAX_QUOTES, MAX_SUMMARY_CHARS, ThemeRef,
};
use crate::domain::lifecycle::Unpublishable;
use crate::domain::problem::FieldProblems;
use crate::domain::summary::{QuestionResult, Summary};
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::pages::problems;
use crate::pages::summary::SummaryDocument;
use crate::pages::summary::words;

/// A brief posted without JavaScript that was not saved, handed to the page with why.
#[derive(Clone, Debug)]
pub struct PostedBrief {
    pub form: BriefForm,
    pub errors: FieldProblems,
}

/// The summary as the data stands now, for staff, with "Publish" for organizers once the
/// consultation has closed.
#[component]
pub fn DraftSummaryPage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    let query = use_query_map().read_untracked();
    let not_closed = query.get("not_closed").is_some();
    let brief_saved = query.get("brief_saved").is_some();
    let weak_evidence = query.get("weak_evidence").is_some();
    let posted = use_context::<PostedBrief>();
    let l = locale();
    view! {
        <Title text=td_string!(l, admin.summary_draft_title)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let draft = match id {
                    Some(id) => load_draft(id).await,
                    None => Err(AppError::NotFound),
                };
                view! {
                    <StaffGate result=draft.map(|draft| {
                        let published = draft.published_version.map(|v| view! {
                            <p>
                                {td_string!(l, admin.version_published, version = v).to_string()}" "
                                <a href=href(&format!("/c/{}/summary", draft.slug), l)>{td_string!(l, admin.read_published)}</a>
                            </p>
                        });
                        let action = if draft.published_version.is_some() {
                            td_string!(l, admin.publish_again)
                        } else {
                            td_string!(l, admin.publish)
                        };
                        view! {
                            <div class="notice draft-actions" role="status">
                                <p>{td_string!(l, admin.draft_note)}</p>
                                {published}
                                {not_closed.then(|| view! {
                                    <p class="error-summary" role="alert">{td_string!(l, admin.not_closed)}</p>
                                })}
                                {(draft.held_undecided > 0).then(|| {
                                    let n = draft.held_undecided.to_string();
                                    view! {
                                        <p class="warning" id="held-undecided-warning">
                                            {td_string!(l, admin.held_undecided, n).to_string()}" "
                                            <a href=href("/moderate/held", l)>{td_string!(l, admin.held_lane)}</a>
                                        </p>
                                    }
                                })}
                                {match (draft.publishable, draft.organizer) {
                                    (Err(Unpublishable::Purged), _) => view! {
                                        <p role="status">{td_string!(l, admin.purged_note)}</p>
                                    }.into_any(),
                                    (Ok(()), true) => view! {
                                        <form method="post" action=format!("/admin/consultations/{}/publish", draft.id)>
                                            <button type="submit" class="button primary">{action}</button>
                                        </form>
                                    }.into_any(),
                                    (Err(Unpublishable::AnswersMayArrive), true) => view! {
                                        <p>{td_string!(l, admin.publish_when_closed)}</p>
                                    }.into_any(),
                                    (_, false) => ().into_any(),
                                }}
                                <p><a href=format!("/admin/consultations/{}", draft.id)>{td_string!(l, admin.back_to_consultation)}</a></p>
                            </div>
                            {draft.organizer.then(|| {
                                let (form, errors) = match posted.clone() {
                                    Some(p) => (p.form, p.errors),
                                    None => (draft.brief.clone(), FieldProblems::new()),
                                };
                                let themes = themes(&draft.summary, l);
                                let quotes = draft.quotes.iter().map(|(id, text)| (id.to_string(), text.clone())).collect();
                                view! { <BriefSection id=draft.id form errors themes quotes saved=brief_saved weak=weak_evidence/> }
                            })}
                            <SummaryDocument summary=draft.summary status=td_string!(l, summary.draft).to_owned() downloads=None follow_up=None/>
                        }
                    })/>
                }
            })}
        </Suspense>
    }
}

/// Every theme of the draft as a key message may cite it: (key, "Q2 · Privacy · 42").
fn themes(summary: &Summary, l: Locale) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for (i, q) in summary.questions.iter().enumerate() {
        let QuestionResult::Text(text) = &q.result else { continue };
        for t in &text.themes {
            let theme = ThemeRef { question: i + 1, name: t.name.clone() };
            let count = words::count(t.count, summary.k, l);
            all.push((theme.key(), format!("Q{} · {} · {count}", i + 1, t.name)));
        }
    }
    all
}

/// The organizers' form for the brief: a plain form, so it works without JavaScript.
#[component]
fn BriefSection(
    id: i64,
    form: BriefForm,
    errors: FieldProblems,
    themes: Vec<(String, String)>,
    quotes: Vec<(String, String)>,
    saved: bool,
    weak: bool,
) -> impl IntoView {
    let l = locale();
    let error = |name: &str| errors.get(name).map(|&p| problems::say(p, l));
    let (summary_error, action_error) = (error("summary"), error("action"));
    let messages_error = error("messages");
    let has_themes = !themes.is_empty();
    let slots = (0..5).map(|i| {
        let n = i + 1;
        let (text_error, theme_error) = (error(&format!("message_{n}")), error(&format!("theme_{n}")));
        let quote_error = error(&format!("quote_{n}"));
        let invalid = text_error.is_some() || theme_error.is_some() || quote_error.is_some();
        let boxes = |name: String, choices: &[(String, String)], ticked: &[String]| choices.iter().map(|(key, label)| {
            let checked = ticked.contains(key);
            view! {
                <label class="check">
                    <input type="checkbox" name=name.clone() value=key.clone() checked=checked/>
                    " "<span dir="auto">{label.clone()}</span>
                </label>
            }
        }).collect_view();
        let theme_boxes = boxes(format!("theme_{n}"), &themes, &form.themes[i]);
        let quote_boxes = boxes(format!("quote_{n}"), &quotes, &form.quotes[i]);
        view! {
            <fieldset class="field key-message-field" class:invalid=invalid>
                <legend>{td_string!(l, admin.brief_message_label, n).to_string()}</legend>
                <p class="field-error" id=format!("message-{n}-error")>{text_error.clone()}</p>
                <textarea id=format!("message-{n}") name=format!("message_{n}") rows="2" dir="auto"
                    maxlength=MAX_MESSAGE_CHARS.to_string()
                    aria-label=td_string!(l, admin.brief_message_label, n).to_string()
                    aria-invalid=text_error.is_some().then_some("true")
                    aria-describedby=format!("message-{n}-error")>{textarea_safe(&form.messages[i])}</textarea>
                <p class="hint">{td_string!(l, admin.brief_themes_label)}</p>
                <p class="field-error" id=format!("theme-{n}-error")>{theme_error}</p>
                <div class="checks">{theme_boxes}</div>
                <p class="hint">{td_string!(l, admin.brief_quotes_label, max = MAX_QUOTES).to_string()}</p>
                <p class="field-error" id=format!("quote-{n}-error")>{quote_error}</p>
                <div class="checks">{quote_boxes}</div>
            </fieldset>
        }
    }).collect_view();
    view! {
        <section class="notice brief-form" aria-labelledby="brief">
            <h2 id="brief">{td_string!(l, admin.brief_title)}</h2>
            <p class="hint">{td_string!(l, admin.brief_hint)}</p>
            {saved.then(|| view! { <p class="success" role="status">{td_string!(l, admin.brief_saved)}</p> })}
            {weak.then(|| view! { <p class="error-summary" role="alert" id="weak-evidence">{td_string!(l, admin.brief_weak)}</p> })}
            {(!has_themes).then(|| view! { <p>{td_string!(l, admin.brief_no_themes)}</p> })}
            <form method="post" action=format!("/admin/consultations/{id}/brief") class="editor" novalidate>
                <div class="field" class:invalid=summary_error.is_some()>
                    <label for="brief-summary">{td_string!(l, admin.brief_summary_label)}</label>
                    <p class="field-error" id="brief-summary-error">{summary_error.clone()}</p>
                    <textarea id="brief-summary" name="summary" rows="5" dir="auto"
                        maxlength=MAX_SUMMARY_CHARS.to_string()
                        aria-invalid=summary_error.is_some().then_some("true")
                        aria-describedby="brief-summary-error">{textarea_safe(&form.summary)}</textarea>
                </div>
                <div class="field" class:invalid=action_error.is_some()>
                    <label for="brief-action">{td_string!(l, admin.brief_action_label)}</label>
                    <p class="field-error" id="brief-action-error">{action_error.clone()}</p>
                    <input id="brief-action" name="action" type="text" dir="auto" value=form.action.clone()
                        maxlength=MAX_ACTION_CHARS.to_string()
                        aria-invalid=action_error.is_some().then_some("true")
                        aria-describedby="brief-action-error"/>
                </div>
                <p class="field-error" id="brief-messages-error">{messages_error}</p>
                {slots}
                <button type="submit" class="button primary">{td_string!(l, admin.brief_save)}</button>
            </form>
        </section>
    }
}
