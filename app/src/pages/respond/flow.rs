use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{FormData, HtmlFormElement, RequestInit, UrlSearchParams};

use super::fields::{AboutYou, QuestionField};
use super::thanks::Thanks;
use super::words::{Word, Words};
use crate::components::language::{href, isolate};
use crate::domain::consultation::Meeting;
use crate::domain::integrity::HONEYPOT;
use crate::domain::language::Language;
use crate::domain::submission::{
    FormError, FormErrors, FormValues, LANGUAGE, SWITCH_LANGUAGE, TOKEN, VIA,
};
use crate::domain::translation::Fallback;
use crate::views::respond::{FormSpec, HelplineLink, SubmitOutcome};

/// Where the flow starts when the page is rendered: a page posted without JavaScript starts at
/// the form (with errors) or the thank-you.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FlowStart {
    Intro,
    Form { values: FormValues, errors: FormErrors },
    Thanks { receipt: String, flagged: bool },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Intro,
    Form,
    Thanks,
}

/// Intro, "I want to take part", the questions and the thank-you. Without JavaScript each step is
/// a link or a form post; with it, the steps change in place and the answers are sent without a
/// reload.
#[island]
pub fn RespondFlow(
    /// In the page's language.
    words: Words,
    slug: String,
    /// The page's own address, absolute: where to come back after the meeting.
    link: String,
    description: String,
    meeting: Meeting,
    form: FormSpec,
    start: FlowStart,
    /// Staff preview: everything as a young person sees it, but nothing can be sent.
    preview: bool,
    /// Organizers' helplines for the thank-you page.
    helplines: Vec<HelplineLink>,
    /// The texts shown as written, for want of a translation.
    fallback: Option<Fallback>,
) -> impl IntoView {
    let (step, values, errors, thanks) = match start {
        FlowStart::Intro => (Step::Intro, FormValues::default(), FormErrors::default(), None),
        FlowStart::Form { values, errors } => (Step::Form, values, errors, None),
        FlowStart::Thanks { receipt, flagged } => {
            (Step::Thanks, FormValues::default(), FormErrors::default(), Some((receipt, flagged)))
        }
    };
    let step = RwSignal::new(step);
    let errors = RwSignal::new(errors);
    let thanks = RwSignal::new(thanks);
    // Effects run only in the browser, after hydration: tests wait for this mark.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    // A step replaced in place takes the focus to its top: keyboard and screen-reader users
    // go on from there instead of from a link that is gone.
    let flow = NodeRef::<html::Div>::new();
    Effect::new(move |before: Option<Step>| {
        let now = step.get();
        if before.is_some_and(|b| b != now)
            && let Some(el) = flow.get_untracked()
        {
            let _ = el.focus();
        }
        now
    });

    let steps = move || {
        match step.get() {
        Step::Intro => view! {
            <Intro words=words.clone() slug=slug.clone() description=description.clone() meeting=meeting.clone()
                description_lang=fallback.as_ref().and_then(Fallback::description_lang)
                has_required=form.questions.iter().any(|q| q.required) via=form.via.clone()
                on_start=move || step.set(Step::Form)/>
        }
        .into_any(),
        Step::Form => view! {
            <AnswerForm words=words.clone() slug=slug.clone() form=form.clone() fallback=fallback.clone() values=values.clone() errors preview
                on_accepted=move |receipt, flagged| { thanks.set(Some((receipt, flagged))); step.set(Step::Thanks); }/>
        }
        .into_any(),
        Step::Thanks => {
            let (receipt, flagged) = thanks.get_untracked().unwrap_or_default();
            view! { <Thanks words=words.clone() slug=slug.clone() link=link.clone() meeting=meeting.clone() receipt flagged helplines=helplines.clone()/> }.into_any()
        }
    }
    };
    view! {
        <div class="flow" tabindex="-1" node_ref=flow data-hydrated=move || hydrated.get().then_some("true")>
            {steps}
        </div>
    }
}

#[component]
fn Intro(
    words: Words,
    slug: String,
    description: String,
    description_lang: Option<&'static str>,
    meeting: Meeting,
    has_required: bool,
    via: Option<String>,
    on_start: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let next = match via {
        Some(code) => format!("/c/{slug}?step=answer&{VIA}={code}"),
        None => format!("/c/{slug}?step=answer"),
    };
    let skip = if has_required { words.get(Word::SkipSome) } else { words.get(Word::SkipAny) };
    let (name, date) = (isolate(&meeting.name), isolate(&meeting.date));
    let why = words.fill(Word::Why, &[("meeting", &name), ("date", &date)]);
    view! {
        <p class="lead" dir="auto" lang=description_lang>{description}</p>
        <section class="intro" aria-labelledby="intro-title">
            <h2 id="intro-title">{words.get(Word::BeforeYouStart)}</h2>
            <ul>
                <li><strong>{words.get(Word::WhyTitle)}</strong>" "{why}</li>
                <li>
                    <strong>{words.get(Word::AnonymousTitle)}</strong>" "
                    {words.get(Word::Anonymous)}
                </li>
                <li><strong>{words.get(Word::UpToYouTitle)}</strong>" "{skip}</li>
                <li>
                    <strong>{words.get(Word::WordsTitle)}</strong>" "
                    {words.get(Word::HowWordsAreUsed)}
                </li>
            </ul>
            <a class="button primary" href=href(&next, &words.lang)
                on:click=move |ev| { ev.prevent_default(); on_start(); }>
                {words.get(Word::TakePart)}
            </a>
        </section>
    }
}

#[component]
fn AnswerForm(
    words: Words,
    slug: String,
    form: FormSpec,
    fallback: Option<Fallback>,
    values: FormValues,
    errors: RwSignal<FormErrors>,
    preview: bool,
    on_accepted: impl Fn(String, bool) + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let pending = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let summary = NodeRef::<html::Div>::new();
    let token = values.first(TOKEN).unwrap_or(&form.token).to_owned();
    let action = href(&format!("/c/{slug}"), &words.lang);
    let (closed, offline) = (words.get(Word::Closed), words.get(Word::Offline));
    let (send_label, sending_label) = (words.get(Word::Send), words.get(Word::Sending));
    let words_for_errors = words.clone();

    let on_submit = move |ev: SubmitEvent| {
        if switches_language(&ev) {
            return; // the browser posts the form, and the page comes back in that language
        }
        ev.prevent_default();
        if preview || pending.get_untracked() {
            return; // a double tap sends once
        }
        let form = event_target::<HtmlFormElement>(&ev);
        let url = form.action();
        pending.set(true);
        problem.set(None);
        let (closed, offline) = (closed.clone(), offline.clone());
        leptos::task::spawn_local(async move {
            // Unreached (offline, or the server down): the form again once the browser is back
            // online, or every half minute, read afresh so what is typed meanwhile goes too. Its
            // token makes it count once however often it arrives; the text stays in this page
            // alone, never in the browser's storage, where a shared phone would keep a child's
            // words.
            let mut waiting = false;
            let outcome = loop {
                if let Ok(outcome) = send(&url, urlencoded(&form)).await {
                    break outcome;
                }
                if !waiting {
                    problem.set(Some(offline.clone()));
                    focus_later(summary);
                    waiting = true;
                }
                back_online_or(RETRY_MS).await;
            };
            problem.set(None);
            match outcome {
                SubmitOutcome::Accepted { receipt, flagged } => {
                    on_accepted(receipt, flagged);
                    window().scroll_to_with_x_and_y(0.0, 0.0);
                }
                SubmitOutcome::Invalid(found) => {
                    errors.set(found);
                    focus_later(summary);
                }
                SubmitOutcome::Closed { .. } => {
                    problem.set(Some(closed));
                    focus_later(summary);
                }
            }
            pending.set(false);
        });
    };

    let has_errors = move || !errors.with(FormErrors::is_empty) || problem.with(Option::is_some);
    let questions = form
        .questions
        .into_iter()
        .map(|question| {
            let lang = fallback.as_ref().and_then(|f| f.question_lang(question.id));
            view! { <QuestionField words=words.clone() question lang values=values.clone() errors/> }
        })
        .collect_view();

    view! {
        <form method="post" action=action novalidate on:submit=on_submit class="answers">
            <input type="hidden" name=TOKEN value=token/>
            <input type="hidden" name=LANGUAGE value=words.lang.clone()/>
            {form.via.map(|code| view! { <input type="hidden" name=VIA value=code/> })}
            <SwitchLanguage legend=words.get(Word::ChangeLanguage) lang=words.lang.clone() slug=slug.clone()/>
            <div node_ref=summary tabindex="-1" role="alert" class="error-summary" hidden=move || !has_errors()>
                <p>{move || problem.get().unwrap_or_else(|| errors.with(|e| match &e.form {
                    Some(form_error) => form_error_text(&words_for_errors, form_error),
                    None => words_for_errors.get(Word::NeedsChange),
                }))}</p>
            </div>
            <AboutYou words=words.clone() values=values.clone() errors/>
            {questions}
            // The honeypot: hidden from sight, from screen readers and from the keyboard, so only
            // a script that fills in every field fills it in (`domain::integrity`).
            <div class="hp" aria-hidden="true" inert="">
                <label for=HONEYPOT>{words.get(Word::LeaveEmpty)}</label>
                <input type="text" id=HONEYPOT name=HONEYPOT tabindex="-1" autocomplete="off"/>
            </div>
            {preview.then(|| view! { <p class="notice">{words.get(Word::Preview)}</p> })}
            <button type="submit" class="button primary" disabled=move || preview || pending.get()>
                {move || if pending.get() { sending_label.clone() } else { send_label.clone() }}
            </button>
        </form>
    }
}

/// Buttons that post the form as it is to the same page in another language: nothing is stored,
/// and the page comes back in that language with everything typed. They work with and without
/// JavaScript alike.
#[component]
fn SwitchLanguage(legend: String, lang: String, slug: String) -> impl IntoView {
    let buttons = Language::ALL
        .iter()
        .filter(|l| l.code() != lang)
        .map(|l| {
            view! {
                <button type="submit" name=SWITCH_LANGUAGE value=l.code() lang=l.code()
                    formaction=href(&format!("/c/{slug}"), l.code()) formnovalidate class="button">
                    {l.name()}
                </button>
            }
        })
        .collect_view();
    view! {
        <fieldset class="switch-language">
            <legend>{legend}</legend>
            <div class="inline">{buttons}</div>
        </fieldset>
    }
}

/// Whether the form was sent by one of the language buttons.
fn switches_language(ev: &SubmitEvent) -> bool {
    ev.submitter().is_some_and(|b| b.get_attribute("name").as_deref() == Some(SWITCH_LANGUAGE))
}

fn form_error_text(words: &Words, error: &FormError) -> String {
    match *error {
        FormError::NothingAnswered => words.get(Word::NothingAnswered),
        FormError::NotStored => words.get(Word::NotStored),
        FormError::OutOfDate => words.get(Word::OutOfDate),
        FormError::TooMany { retry_after_secs } => {
            words.fill(Word::TooMany, &[("seconds", &retry_after_secs.to_string())])
        }
    }
}

/// Posts the form where a browser without JavaScript would, asking for the outcome as JSON
/// rather than a page. (Leptos' server function client would add its HTTP stack to the wasm every
/// young person downloads.)
async fn send(url: &str, body: String) -> Result<SubmitOutcome, ()> {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&body.into());
    let headers = web_sys::Headers::new().map_err(drop)?;
    headers.set("Content-Type", "application/x-www-form-urlencoded").map_err(drop)?;
    headers.set("Accept", "application/json").map_err(drop)?;
    init.set_headers(&headers);
    let response =
        JsFuture::from(window().fetch_with_str_and_init(url, &init)).await.map_err(drop)?;
    let response: web_sys::Response = response.dyn_into().map_err(drop)?;
    let text = JsFuture::from(response.text().map_err(drop)?).await.map_err(drop)?;
    serde_json::from_str(&text.as_string().ok_or(())?).map_err(drop)
}

/// How long an unsent form waits before it is tried again without an `online` event.
const RETRY_MS: i32 = 30_000;

/// Resolves when the browser says it is back online, or after `ms`.
async fn back_online_or(ms: i32) {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let w = window();
        let _ = w.add_event_listener_with_callback_and_add_event_listener_options(
            "online", &resolve, &options,
        );
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(wait).await;
}

/// The form's fields encoded exactly as a browser without JavaScript would post them.
fn urlencoded(form: &HtmlFormElement) -> String {
    FormData::new_with_form(form)
        .and_then(|data| UrlSearchParams::new_with_str_sequence_sequence(&data))
        .map(|params| params.to_string().into())
        .unwrap_or_default()
}

/// Moves focus to the message once it is on screen, so screen readers announce it.
fn focus_later(target: NodeRef<html::Div>) {
    request_animation_frame(move || {
        if let Some(el) = target.get_untracked() {
            let _ = el.focus();
        }
    });
}
