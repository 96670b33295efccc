//! One answer under review: its text (editable, to redact), themes, quote, safeguarding flag,
//! and one button per decision, each with its key.

use leptos::prelude::*;

use crate::api::moderate::ItemView;
use crate::components::text::textarea_safe;
use crate::domain::moderation::{
    Decision, QueueFilter, RejectReason, ReviewError, ReviewForm, Status,
};
use crate::domain::safeguarding::Concern;
use crate::domain::time_fmt::human_utc;

/// A review posted without JavaScript that was not saved, with everything the moderator typed.
#[derive(Clone, Debug)]
pub struct PostedReview {
    pub answer_id: i64,
    pub form: ReviewForm,
    /// `None`: another moderator holds the answer.
    pub error: Option<ReviewError>,
}

/// Single-key shortcuts: a key clicks (or focuses) the element whose `data-key` it is, unless the
/// moderator is typing; Escape leaves a field. A few lines of script, sent only to this page,
/// instead of an island in the wasm every young person downloads.
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

fn concern_label(concern: Concern) -> &'static str {
    match concern {
        Concern::Abuse => "Abuse",
        Concern::Grooming => "Grooming",
        Concern::SelfHarm => "Self-harm",
        Concern::Sextortion => "Sextortion",
        Concern::Bullying => "Bullying",
    }
}

#[component]
pub fn Review(item: ItemView, filter: QueueFilter) -> impl IntoView {
    let query = filter.query();
    let posted = use_context::<PostedReview>().filter(|p| p.answer_id == item.answer_id);
    let message = posted.as_ref().map(|p| {
        let text = match &p.error {
            Some(error) => error.to_string(),
            None => "Another moderator took this answer while you were reviewing it, so nothing \
                     was saved. What you typed is still below; go to the next answer."
                .to_owned(),
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
                {format!("{who} is reviewing this answer until {}. You can read it; deciding is theirs until then.", human_utc(until))}
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
            view! {
                <li>
                    <input type="checkbox" id=id.clone() name="theme" value=name.clone() checked=ticked(name)/>
                    <label for=id dir="auto">{name.clone()}" "<span class="hint">{format!("({count})")}</span></label>
                </li>
            }
        })
        .collect_view();
    let state_line = match (item.state.status, item.state.reason) {
        (_, Some(reason)) => format!("Rejected: {}", reason.label()),
        (Status::Approved, _) => "Approved".to_owned(),
        _ => "Pending".to_owned(),
    };
    view! {
        {message}
        {held}
        <form method="post" action=format!("/moderate/items/{}?{query}", item.answer_id) class="review editor" id="review">
            <p class="hint">{item.consultation_title}" · "{state_line}{item.spam.then_some(" · whole response rejected as spam")}</p>
            <h2 id="prompt">{item.prompt}</h2>
            {item.state.concern.map(|c| view! {
                <p class="flag" role="status">{format!("Flagged for safeguarding: {}. Read with care; never quote it.", concern_label(c))}</p>
            })}
            <div class="field">
                <label for="review-text">"Answer — edit it to redact: your edit replaces the original, which is not kept"</label>
                <textarea id="review-text" name="text" rows="6" dir="auto" data-key="e" accesskey="e" aria-describedby="prompt">{textarea_safe(&form.text)}</textarea>
            </div>
            <fieldset class="field">
                <legend>"Themes"</legend>
                {no_themes.then(|| view! { <p class="hint">"No themes for this question yet: type the first ones below."</p> })}
                <ul class="themes" hidden=no_themes>{themes}</ul>
                <label for="new-themes">"New themes, separated by commas"</label>
                <input type="text" id="new-themes" name="new_themes" value=form.new_themes.clone() data-key="t" accesskey="t" dir="auto"/>
            </fieldset>
            <div class="field check">
                <input type="checkbox" id="quote" name="quote" checked=form.quote data-key="q" accesskey="q"/>
                <label for="quote">"Quote this answer in the summary "<kbd>"Q"</kbd></label>
            </div>
            <div class="field">
                <label for="concern">"Safeguarding concern "<kbd>"F"</kbd></label>
                <select id="concern" name="concern" data-key="f" accesskey="f">
                    <option value="" selected=form.concern.is_empty()>"None"</option>
                    {Concern::ALL.map(|c| view! { <option value=c.key() selected=form.concern == c.key()>{concern_label(c)}</option> }).collect_view()}
                </select>
            </div>
            {item.held_by.is_none().then(|| view! { <Decisions/> })}
        </form>
    }
}

/// Previous (the moderator's last decision) and, while reviewing, skip to the next answer.
#[component]
pub fn Pager(previous: Option<i64>, current: Option<i64>, filter: QueueFilter) -> impl IntoView {
    let query = filter.query();
    let previous = previous.map(|id| format!("/moderate/items/{id}?{query}"));
    let next = current.map(|id| format!("/moderate?after={id}&{query}"));
    view! {
        <nav class="pager" aria-label="Queue">
            {previous.map(|href| view! { <a href=href data-key="p" accesskey="p">"← Previous "<kbd>"P"</kbd></a> })}
            {next.map(|href| view! { <a href=href data-key="n" accesskey="n">"Skip to next "<kbd>"N"</kbd>" →"</a> })}
        </nav>
    }
}

#[component]
fn Decisions() -> impl IntoView {
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
            {button(Decision::Approve, "Approve".to_owned(), 'a', "button primary")}
            {RejectReason::ALL.map(|r| button(Decision::Reject(r), format!("Reject: {}", r.label()), r.shortcut(), "button")).collect_view()}
            {button(Decision::SpamResponse, "Whole response is spam".to_owned(), 's', "button")}
            {button(Decision::Save, "Save, decide later".to_owned(), 'w', "button")}
        </div>
    }
}

#[component]
pub fn Shortcuts() -> impl IntoView {
    view! {
        <section class="shortcuts" aria-labelledby="shortcuts-title">
            <h2 id="shortcuts-title">"Keyboard"</h2>
            <p>
                <kbd>"A"</kbd>" approve · "<kbd>"1"</kbd>"–"<kbd>"5"</kbd>" reject with a reason · "
                <kbd>"S"</kbd>" whole response is spam · "<kbd>"W"</kbd>" save · "<kbd>"E"</kbd>" edit the text · "
                <kbd>"T"</kbd>" new theme · "<kbd>"Q"</kbd>" quote · "<kbd>"F"</kbd>" safeguarding · "
                <kbd>"N"</kbd>" next · "<kbd>"P"</kbd>" previous · "<kbd>"Esc"</kbd>" leave a field. "
                "Without JavaScript, the same keys work with your browser's access-key modifier (Alt+Shift in Chrome)."
            </p>
            <script nonce=leptos::nonce::use_nonce() inner_html=SHORTCUTS></script>
        </section>
    }
}
