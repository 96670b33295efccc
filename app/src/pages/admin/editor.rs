//! Creating and editing a consultation's settings. Plain forms: they work without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::admin::{
    admin_gate, load_consultation_form, load_follow_up, load_partners, load_questions,
    load_translation_progress, load_window,
};
use crate::components::language::{href, locale};
use crate::components::staff::{SignOut, StaffGate};
use crate::components::text::textarea_safe;
use crate::domain::authoring::ConsultationForm;
use crate::domain::language::Language;
use crate::domain::problem::FieldProblems;
use crate::error::AppError;
use crate::i18n::td_string;
use crate::pages::admin::follow_up::{FollowUpSection, PostedFollowUp};
use crate::pages::admin::partners::{Partners, PostedPartner};
use crate::pages::admin::questions::{PostedQuestion, Questions};
use crate::pages::admin::translate::Translations;
use crate::pages::admin::window::{PostedWindow, WindowSection};
use crate::pages::problems;
use crate::views::admin::{
    FollowUpView, PartnerListed, QuestionsView, TranslationProgress, WindowView,
};

/// Settings posted without JavaScript that did not pass, handed to the page with their errors.
#[derive(Clone, Debug)]
pub struct PostedConsultation {
    pub form: ConsultationForm,
    pub errors: FieldProblems,
}

#[component]
pub fn NewConsultationPage() -> impl IntoView {
    let posted = use_context::<PostedConsultation>();
    let l = locale();
    view! {
        <Title text=td_string!(l, admin.new_consultation)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let allowed = admin_gate().await;
                let (form, errors) = posted
                    .map(|p| (p.form, p.errors))
                    .unwrap_or_else(|| (ConsultationForm::new_defaults(), FieldProblems::new()));
                view! {
                    <StaffGate result=allowed.map(|()| view! {
                        <SignOut/>
                        <p><a href="/admin">{td_string!(l, admin.back)}</a></p>
                        <h1>{td_string!(l, admin.new_consultation)}</h1>
                        <Editor action="/admin/consultations".to_owned() form errors saved=false/>
                    })/>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditConsultationPage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    let query = use_query_map().read_untracked();
    let flag = |name: &str| query.get(name).is_some();
    let (saved, window_changed, follow_up_saved) =
        (flag("saved"), flag("window_changed"), flag("follow_up_saved"));
    let posted = use_context::<PostedConsultation>();
    let posted_question = use_context::<PostedQuestion>();
    let posted_partner = use_context::<PostedPartner>();
    let posted_window = use_context::<PostedWindow>();
    let posted_follow_up = use_context::<PostedFollowUp>();
    let l = locale();
    view! {
        <Title text=td_string!(l, admin.edit)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let loaded = match id {
                    Some(id) => load_consultation_form(id).await.map(|form| (id, form)),
                    None => Err(AppError::NotFound),
                };
                let loaded = match loaded {
                    Ok((id, form)) => sections(id).await.map(|sections| (id, form, sections)),
                    Err(e) => Err(e),
                };
                view! {
                    <StaffGate result=loaded.map(|(id, stored, (window, follow_up, questions, partners, progress))| {
                        let written_in = Language::parse(&stored.language).unwrap_or_default();
                        let (form, errors) = posted.map(|p| (p.form, p.errors)).unwrap_or((stored, FieldProblems::new()));
                        view! {
                            <SignOut/>
                            <p><a href="/admin">{td_string!(l, admin.back)}</a></p>
                            <h1 dir="auto">{form.title.clone()}</h1>
                            <p><a href=format!("/admin/consultations/{id}/preview")>{td_string!(l, admin.preview)}</a>
                                " · "<a href=format!("/admin/consultations/{id}/live")>{td_string!(l, admin.live)}</a>
                                " · "<a href=format!("/admin/consultations/{id}/summary")>{td_string!(l, admin.summary)}</a></p>
                            <WindowSection consultation_id=id view=window posted=posted_window.clone() changed=window_changed/>
                            <FollowUpSection consultation_id=id view=follow_up posted=posted_follow_up.clone() saved=follow_up_saved/>
                            <Editor action=format!("/admin/consultations/{id}") form errors saved/>
                            <Questions consultation_id=id view=questions posted=posted_question.clone()/>
                            <Translations consultation_id=id written_in progress/>
                            <Partners consultation_id=id listed=partners posted=posted_partner.clone()/>
                        }
                    })/>
                }
            })}
        </Suspense>
    }
}

/// What the consultation's page shows besides its settings.
type Sections =
    (WindowView, FollowUpView, QuestionsView, Vec<PartnerListed>, Vec<TranslationProgress>);

async fn sections(id: i64) -> Result<Sections, AppError> {
    Ok((
        load_window(id).await?,
        load_follow_up(id).await?,
        load_questions(id).await?,
        load_partners(id).await?,
        load_translation_progress(id).await?,
    ))
}

const TIME_ZONES: &[&str] = &[
    "UTC",
    "Europe/Zurich",
    "Europe/London",
    "Europe/Moscow",
    "Africa/Cairo",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Asia/Riyadh",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/Sao_Paulo",
    "America/New_York",
    "America/Mexico_City",
];

#[component]
fn Editor(
    action: String,
    form: ConsultationForm,
    errors: FieldProblems,
    saved: bool,
) -> impl IntoView {
    let l = locale();
    let error = |field: &str| errors.get(field).map(|&p| problems::say(p, l));
    let f = form.clone();
    let window_option = move |value: &'static str, label: &'static str| {
        let id = format!("window-{value}");
        view! {
            <div class="option">
                <input type="radio" id=id.clone() name="window" value=value checked=f.window == value/>
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        {saved.then(|| view! { <p class="success" role="status">{td_string!(l, admin.saved)}</p> })}
        {(!errors.is_empty()).then(|| view! {
            <div class="error-summary" role="alert">
                <p>{td_string!(l, admin.needs_change)}</p>
            </div>
        })}
        <form method="post" action=href(&action, l) class="editor" novalidate>
            <Input name="title" label=td_string!(l, admin.title) value=form.title.clone() error=error("title")/>
            <Input name="slug" label=td_string!(l, admin.address) hint=td_string!(l, admin.address_hint) value=form.slug.clone() error=error("slug")/>
            <div class="field" class:invalid=errors.contains_key("description")>
                <label for="description">{td_string!(l, admin.description)}</label>
                <ErrorText name="description" error=error("description")/>
                <textarea id="description" name="description" rows="5" dir="auto">{textarea_safe(&form.description)}</textarea>
            </div>
            <div class="field" class:invalid=errors.contains_key("language")>
                <label for="language">{td_string!(l, admin.written_in)}</label>
                <p class="hint" id="language-hint">{td_string!(l, admin.written_in_hint)}</p>
                <ErrorText name="language" error=error("language")/>
                <select id="language" name="language" aria-describedby="language-hint language-error">
                    {Language::ALL.map(|l| view! {
                        <option value=l.code() lang=l.code() selected=form.language == l.code()>{l.name()}</option>
                    }).collect_view()}
                </select>
            </div>
            <Input name="meeting_name" label=td_string!(l, admin.meeting) value=form.meeting_name.clone() error=error("meeting_name")/>
            <Input name="meeting_date" label=td_string!(l, admin.meeting_date) kind="date" value=form.meeting_date.clone() error=error("meeting_date")/>
            <fieldset class="question" class:invalid=errors.contains_key("window")>
                <legend>{td_string!(l, admin.when_open)}</legend>
                <ErrorText name="window" error=error("window")/>
                {window_option("starting", td_string!(l, admin.starting))}
                {window_option("whole_day", td_string!(l, admin.whole_day))}
                {window_option("draft", td_string!(l, admin.keep_draft))}
                <Input name="start" label=td_string!(l, admin.opens_at) kind="datetime-local" value=form.start.clone() error=error("start")/>
                <Input name="time_zone" label=td_string!(l, admin.time_zone) hint=td_string!(l, admin.time_zone_hint) list="time-zones" value=form.time_zone.clone() error=error("time_zone")/>
                <datalist id="time-zones">{TIME_ZONES.iter().map(|z| view! { <option value=*z></option> }).collect_view()}</datalist>
                <Input name="length_hours" label=td_string!(l, admin.length) kind="number" value=form.length_hours.clone() error=error("length_hours")/>
                <Input name="day" label=td_string!(l, admin.day) kind="date" value=form.day.clone() error=error("day")/>
            </fieldset>
            <Input name="grace_minutes" label=td_string!(l, admin.grace) hint=td_string!(l, admin.grace_hint) kind="number" value=form.grace_minutes.clone() error=error("grace_minutes")/>
            <Input name="min_cell_size" label=td_string!(l, admin.min_cell) hint=td_string!(l, admin.min_cell_hint) kind="number" value=form.min_cell_size.clone() error=error("min_cell_size")/>
            <Input name="retention_days" label=td_string!(l, admin.retention) kind="number" value=form.retention_days.clone() error=error("retention_days")/>
            <button type="submit" class="button primary">{td_string!(l, admin.save)}</button>
        </form>
    }
}

#[component]
fn Input(
    name: &'static str,
    label: &'static str,
    value: String,
    error: Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] list: Option<&'static str>,
) -> impl IntoView {
    let invalid = error.is_some();
    view! {
        <div class="field" class:invalid=invalid>
            <label for=name>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{name}-hint")>{h}</p> })}
            <ErrorText name error/>
            <input id=name name=name type=kind value=value list=list
                aria-invalid=invalid.then_some("true")
                aria-describedby=format!("{name}-hint {name}-error")/>
        </div>
    }
}

#[component]
fn ErrorText(name: &'static str, error: Option<String>) -> impl IntoView {
    view! { <p class="field-error" id=format!("{name}-error")>{error}</p> }
}
