//! One answer under review: its text (editable, to redact), themes, quote, safeguarding flag,
//! and one button per decision, each with its key.

use leptos::prelude::*;

use crate::components::language::{href, isolate, locale, when_utc};
use crate::components::text::textarea_safe;
use crate::domain::ids::AnswerId;
use crate::domain::moderation::{Decision, QueueFilter, RejectReason, ReviewForm, Status};
use crate::domain::problem::Problem;
use crate::domain::safeguarding::{Concern, Why};
use crate::i18n::{Locale, td_string};
use crate::pages::problems;
use crate::pages::summary::words::reason as reason_label;
use crate::views::moderate::ItemView;

/// A review posted without JavaScript that was not saved, with everything the moderator typed.
#[derive(Clone, Debug)]
pub struct PostedReview {
    pub answer_id: AnswerId,
    pub form: ReviewForm,
    /// `None`: another moderator holds the answer.
    pub error: Option<Problem>,
}

/// Single-key shortcuts: a key clicks (or focuses) the element whose `data-key` it is, unless the
/// moderator is typing; Escape leaves a field. A few lines of script, sent only to this page,
/// instead of an island in the wasm.
const SHORTCUTS: &str = r#"document.addEventListener("keydown", function (e) {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  var t = e.target;
  if (t.closest && t.closest("input, textarea, select")) {
    if (e.key === "Escape") t.blur();
    return;
  }
  var el = document.querySelector('[data-key="' + CSS.escape(e.key.toLowerCase()) + '"]');
  if (!el) return;
  e.preventDefault();
  if (el.matches("textarea, select, input[type=text]")) el.focus(); else el.click();
});"#;

fn concern_label(concern: Concern, l: Locale) -> &'static str {
    match concern {
        Concern::Abuse => td_string!(l, moderate.abuse),
        Concern::Grooming => td_string!(l, moderate.grooming),
        Concern::SelfHarm => td_string!(l, moderate.self_harm),
        Concern::Sextortion => td_string!(l, moderate.sextortion),
        Concern::Bullying => td_string!(l, moderate.bullying),
    }
}

#[component]
pub fn Review(item: ItemView, filter: QueueFilter) -> impl IntoView {
    let l = locale();
    let query = filter.query();
    let posted = use_context::<PostedReview>().filter(|p| p.answer_id == item.answer_id);
    let message = posted.as_ref().map(|p| {
        let text = match &p.error {
            Some(error) => problems::say(*error, l),
            None => td_string!(l, moderate.taken).into(),
        };
        view! { <p class="error-summary" role="alert">{text}</p> }
    });
    // What the moderator typed, if the post failed; else the answer as stored.
    let form = posted.map(|p| p.form).unwrap_or_else(|| ReviewForm {
        decision: String::new(),
        text: item.state.text.clone(),
        themes: item.state.themes.clone(),
        new_themes: String::new(),
        quote: item.state.quote,
        concern: item.state.concern.map(|c| c.key().to_owned()).unwrap_or_default(),
    });
    let held = item.held_by.clone().map(|(who, until)| {
        view! {
            <p class="notice" role="status">
                {td_string!(l, moderate.held, who = isolate(&who), until = when_utc(until, l)).to_string()}
            </p>
        }
    });
    let ticked = |name: &str| form.themes.iter().any(|t| t.to_lowercase() == name.to_lowercase());
    let no_themes = item.question_themes.is_empty();
    let themes = item
        .question_themes
        .iter()
        .enumerate()
        .map(|(i, (name, count))| {
            let id = format!("theme-{i}");
            // The theme nearest in meaning is ticked with one key.
            let nearest = item.nearest_theme.as_deref() == Some(name.as_str());
            let key = nearest.then_some("y");
            view! {
                <li>
                    <input type="checkbox" id=id.clone() name="theme" value=name.clone() checked=ticked(name) data-key=key accesskey=key/>
                    <label for=id dir="auto">{name.clone()}" "<span class="hint">{format!("({count})")}</span>
                        {nearest.then(|| view! { " "<kbd>"Y"</kbd> })}</label>
                </li>
            }
        })
        .collect_view();
    let state_line = match (item.state.status, item.state.reason) {
        (_, Some(reason)) => {
            td_string!(l, moderate.state_rejected, reason = reason_label(reason, l)).to_string()
        }
        (Status::Approved, _) => td_string!(l, moderate.state_approved).into(),
        _ => td_string!(l, moderate.state_pending).into(),
    };
    view! {
        {message}
        {held}
        <form method="post" action=href(&format!("/moderate/items/{}?{query}", item.answer_id), l) class="review editor" id="review">
            <p class="hint"><span dir="auto">{item.consultation_title}</span>" · "{state_line}
                {item.spam.then(|| td_string!(l, moderate.whole_spam))}</p>
            <h2 id="prompt" dir="auto">{item.prompt}</h2>
            {item.state.concern.map(|c| view! {
                <p class="flag" role="status">{td_string!(l, moderate.flag_note, concern = concern_label(c, l)).to_string()}</p>
            })}
            {item.why.map(|why| view! { <p class="hint" id="flag-why" dir="auto">{why_text(&why, l)}</p> })}
            {item.held_back.then(|| view! { <p class="hint" id="held-back">{td_string!(l, moderate.held_back)}</p> })}
            {item.state.concern.is_none().then(|| view! {
                <p><a id="similar-link" href=href(&format!("/moderate/similar/{}", item.answer_id), l)>{td_string!(l, moderate.similar_link)}</a></p>
            })}
            {item.busy_source.map(|n| view! {
                <p class="hint" id="busy-source">{td_string!(l, moderate.busy_source, n = n.to_string()).to_string()}</p>
            })}
            <div class="field">
                <label for="review-text">{td_string!(l, moderate.answer_label)}</label>
                <textarea id="review-text" name="text" rows="6" dir="auto" data-key="e" accesskey="e" aria-describedby="prompt">{textarea_safe(&form.text)}</textarea>
            </div>
            <fieldset class="field">
                <legend>{td_string!(l, moderate.themes)}</legend>
                {no_themes.then(|| view! { <p class="hint">{td_string!(l, moderate.no_themes)}</p> })}
                {item.nearest_theme.clone().map(|name| view! {
                    <p class="hint" id="nearest-theme">{td_string!(l, moderate.nearest_theme, name).to_string()}</p>
                })}
                <ul class="themes" hidden=no_themes>{themes}</ul>
                <label for="new-themes">{td_string!(l, moderate.new_themes)}</label>
                <input type="text" id="new-themes" name="new_themes" value=form.new_themes.clone() data-key="t" accesskey="t" dir="auto"/>
            </fieldset>
            <div class="field check">
                <input type="checkbox" id="quote" name="quote" checked=form.quote data-key="q" accesskey="q"/>
                <label for="quote">{td_string!(l, moderate.quote)}" "<kbd>"Q"</kbd></label>
            </div>
            <div class="field">
                <label for="concern">{td_string!(l, moderate.concern)}" "<kbd>"F"</kbd></label>
                <select id="concern" name="concern" data-key="f" accesskey="f">
                    <option value="" selected=form.concern.is_empty()>{td_string!(l, moderate.no_concern)}</option>
                    {Concern::ALL.map(|c| view! { <option value=c.key() selected=form.concern == c.key()>{concern_label(c, l)}</option> }).collect_view()}
                </select>
            </div>
            {item.held_by.is_none().then(|| view! { <Decisions/> })}
        </form>
    }
}

/// Previous (the moderator's last decision) and, while reviewing, skip to the next answer.
#[component]
pub fn Pager(
    previous: Option<AnswerId>,
    current: Option<AnswerId>,
    filter: QueueFilter,
) -> impl IntoView {
    let l = locale();
    let query = filter.query();
    let previous = previous.map(|id| href(&format!("/moderate/items/{id}?{query}"), l));
    let next = current.map(|id| href(&format!("/moderate?after={id}&{query}"), l));
    view! {
        <nav class="pager" aria-label=td_string!(l, moderate.queue)>
            {previous.map(|href| view! { <a href=href data-key="p" accesskey="p">{td_string!(l, moderate.previous)}" "<kbd>"P"</kbd></a> })}
            {next.map(|href| view! { <a href=href data-key="n" accesskey="n">{td_string!(l, moderate.next)}" "<kbd>"N"</kbd></a> })}
        </nav>
    }
}

#[component]
fn Decisions() -> impl IntoView {
    let l = locale();
    let button = |decision: Decision, label: String, key: char, class: &'static str| {
        let key = key.to_string();
        view! {
            <button type="submit" name="decision" value=decision.key() class=class data-key=key.clone() accesskey=key.clone()>
                {label}" "<kbd>{key.to_uppercase()}</kbd>
            </button>
        }
    };
    view! {
        <div class="decisions">
            {button(Decision::Approve, td_string!(l, moderate.approve).into(), 'a', "button primary")}
            {RejectReason::ALL.map(|r| {
                let label = td_string!(l, moderate.reject, reason = reason_label(r, l)).to_string();
                button(Decision::Reject(r), label, r.shortcut(), "button")
            }).collect_view()}
            {button(Decision::SpamResponse, td_string!(l, moderate.spam_response).into(), 's', "button")}
            {button(Decision::Save, td_string!(l, moderate.save).into(), 'w', "button")}
        </div>
    }
}

#[component]
pub fn Shortcuts() -> impl IntoView {
    let l = locale();
    view! {
        <section class="shortcuts" aria-labelledby="shortcuts-title">
            <h2 id="shortcuts-title">{td_string!(l, moderate.keyboard)}</h2>
            <p>{td_string!(l, moderate.keys)}" "{td_string!(l, moderate.access_keys)}</p>
            <script nonce=leptos::nonce::use_nonce() inner_html=SHORTCUTS></script>
        </section>
    }
}

/// Why the detector flagged an answer, as its moderator reads it.
fn why_text(why: &Why, l: Locale) -> String {
    match why {
        Why::Rule { list, line, rule } => {
            let line = line.to_string();
            td_string!(l, moderate.why_rule, rule, list, line).to_string()
        }
        Why::Example { text, similarity, .. } => {
            let similarity = similarity.to_string();
            td_string!(l, moderate.why_example, similarity, text).to_string()
        }
    }
}
