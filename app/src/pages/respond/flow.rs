use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::fields::{AboutYou, QuestionField};
use super::thanks::Thanks;
use crate::app::Assets;
use crate::components::language::{href, isolate, language, locale};
use crate::domain::consultation::Meeting;
use crate::domain::integrity::HONEYPOT;
use crate::domain::language::Language;
use crate::domain::problem::Problems;
use crate::domain::submission::{
    ANSWER_STEP, FormValues, LANGUAGE, STEP, SWITCH_LANGUAGE, TOKEN, VIA,
};
use crate::domain::translation::Fallback;
use crate::i18n::td_string;
use crate::pages::problems;
use crate::views::respond::{FormSpec, HelplineLink};

/// The step of the flow a page shows: a posted form comes back as the form (with errors) or the
/// thank-you.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlowStart {
    Intro,
    Form { values: FormValues, errors: Problems },
    Thanks { receipt: String, flagged: bool },
}

impl FlowStart {
    /// The step the page's link asks for: the questions at `?step=answer`, else the intro.
    pub fn asked() -> Self {
        match use_query_map().read_untracked().get(STEP).as_deref() {
            Some(ANSWER_STEP) => {
                Self::Form { values: FormValues::default(), errors: Problems::default() }
            }
            _ => Self::Intro,
        }
    }
}

/// Intro, "I want to take part", the questions and the thank-you, each a page of its own: a link
/// or a form post leads from one to the next. Where JavaScript runs, `respond.js` makes the same
/// links and posts change the step in place, without a reload.
#[component]
pub fn RespondFlow(
    slug: String,
    /// Where this page lives, without a query: `?step=answer` there shows the form.
    at: String,
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
    let step = match start {
        FlowStart::Intro => view! {
            <Intro description meeting
                description_lang=fallback.as_ref().and_then(Fallback::description_lang)
                has_required=form.questions.iter().any(|q| q.required)
                next=answer_step(&at, form.via.as_deref())/>
        }
        .into_any(),
        FlowStart::Form { values, errors } => {
            view! { <AnswerForm slug form fallback values errors preview/> }.into_any()
        }
        FlowStart::Thanks { receipt, flagged } => {
            view! { <Thanks slug link meeting receipt flagged helplines/> }.into_any()
        }
    };
    view! {
        // Focus comes here when a step replaces another in place.
        <div class="flow" tabindex="-1">{step}</div>
        <RespondScript/>
    }
}

/// The script that makes a young person's pages work in place (`respond.js`): a module, so a
/// browser without JavaScript never downloads it, and one run however often a page names it.
#[component]
pub fn RespondScript() -> impl IntoView {
    let src = use_context::<Assets>().map(|assets| assets.respond_script.to_string());
    view! { <script type="module" src=src></script> }
}

/// `at?step=answer`, keeping the partner's code the reader came with.
fn answer_step(at: &str, via: Option<&str>) -> String {
    match via {
        Some(code) => format!("{at}?{STEP}={ANSWER_STEP}&{VIA}={code}"),
        None => format!("{at}?{STEP}={ANSWER_STEP}"),
    }
}

#[component]
fn Intro(
    description: String,
    description_lang: Option<&'static str>,
    meeting: Meeting,
    has_required: bool,
    /// The form step's address.
    next: String,
) -> impl IntoView {
    let l = locale();
    let skip =
        if has_required { td_string!(l, intro.skip_some) } else { td_string!(l, intro.skip_any) };
    let (name, date) = (isolate(&meeting.name), isolate(&meeting.date));
    let why = td_string!(l, intro.why, meeting = name, date).to_string();
    view! {
        <p class="lead" dir="auto" lang=description_lang>{description}</p>
        <section class="intro" aria-labelledby="intro-title">
            <h2 id="intro-title">{td_string!(l, intro.before_you_start)}</h2>
            <ul>
                <li><strong>{td_string!(l, intro.why_title)}</strong>" "{why}</li>
                <li>
                    <strong>{td_string!(l, intro.anonymous_title)}</strong>" "
                    {td_string!(l, intro.anonymous)}
                </li>
                <li><strong>{td_string!(l, intro.up_to_you_title)}</strong>" "{skip}</li>
                <li>
                    <strong>{td_string!(l, intro.words_title)}</strong>" "
                    {td_string!(l, intro.words)}
                </li>
            </ul>
            <a class="button primary" href=href(&next, l) data-step="">
                {td_string!(l, intro.take_part)}
            </a>
        </section>
    }
}

/// The questions. What `respond.js` says while sending comes with it, in the page's language:
/// `data-offline` when the server cannot be reached (it will try again), `data-closed` when the
/// consultation closed meanwhile, and the button's `data-sending`.
#[component]
fn AnswerForm(
    slug: String,
    form: FormSpec,
    fallback: Option<Fallback>,
    values: FormValues,
    errors: Problems,
    preview: bool,
) -> impl IntoView {
    let l = locale();
    let token = values.first(TOKEN).unwrap_or(&form.token).to_owned();
    let action = href(&format!("/c/{slug}"), l);
    let problem = match (&errors.form, errors.is_empty()) {
        (Some(problem), _) => Some(problems::say(*problem, l)),
        (None, false) => Some(td_string!(l, form.needs_change).to_owned()),
        (None, true) => None,
    };
    let hidden = problem.is_none();
    let questions = form
        .questions
        .into_iter()
        .map(|question| {
            let lang = fallback.as_ref().and_then(|f| f.question_lang(question.id));
            let error = errors.field(&question.field());
            view! { <QuestionField question lang values=values.clone() error/> }
        })
        .collect_view();

    view! {
        <form method="post" action=action novalidate class="answers"
            data-offline=td_string!(l, form.offline) data-closed=td_string!(l, form.closed)>
            <input type="hidden" name=TOKEN value=token/>
            <input type="hidden" name=LANGUAGE value=language(l).code()/>
            {form.via.map(|code| view! { <input type="hidden" name=VIA value=code/> })}
            <SwitchLanguage legend=td_string!(l, form.change_language) lang=language(l).code() slug/>
            <div tabindex="-1" role="alert" class="error-summary" hidden=hidden>
                <p>{problem}</p>
            </div>
            <AboutYou values errors/>
            {questions}
            // The honeypot: hidden from sight, from screen readers and from the keyboard, so only
            // a script that fills in every field fills it in (`domain::integrity`).
            <div class="hp" aria-hidden="true" inert="">
                <label for=HONEYPOT>{td_string!(l, form.leave_empty)}</label>
                <input type="text" id=HONEYPOT name=HONEYPOT tabindex="-1" autocomplete="off"/>
            </div>
            {preview.then(|| view! { <p class="notice">{td_string!(l, form.preview)}</p> })}
            <button type="submit" class="button primary" disabled=preview data-sending=td_string!(l, form.sending)>
                {td_string!(l, form.send)}
            </button>
        </form>
    }
}

/// Buttons that post the form as it is to the same page in another language: nothing is stored,
/// and the page comes back in that language with everything typed. They work with and without
/// JavaScript alike.
#[component]
fn SwitchLanguage(legend: &'static str, lang: &'static str, slug: String) -> impl IntoView {
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
