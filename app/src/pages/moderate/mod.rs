//! Moderators: the queue of free-text answers, one answer at a time, the lane of responses the
//! integrity checks held back, and their own history.
//! Plain forms and links, so every action works without JavaScript; a few lines of script add
//! single-key shortcuts.

pub mod held;
pub mod history;
mod item;
pub mod themes;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::moderate::{load_item, load_queue};
use crate::components::language::{href, locale};
use crate::components::staff::{SignOut, StaffGate};
use crate::domain::ids::{AnswerId, QuestionId};
use crate::domain::moderation::{FlagFilter, QueueFilter, Status};
use crate::domain::submission::LANGUAGE;
use crate::i18n::{I18nLocaleTrait, Locale, td_string};
use crate::pages::summary::words::reason as reason_label;
use crate::views::moderate::{FilterQuestion, ListedAnswer, QueueView};

pub use item::PostedReview;

fn filter_from_query() -> QueueFilter {
    let query = use_query_map().read_untracked().clone();
    QueueFilter::from_query(|name| query.get(name))
}

/// `/moderate`: claims the next pending answer (or the one after `after`, when skipping).
#[component]
pub fn QueuePage() -> impl IntoView {
    let filter = filter_from_query();
    let after = use_query_map().read_untracked().get("after").and_then(|id| id.parse().ok());
    view! {
        <Title text=td_string!(locale(), moderate.title)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let queue = load_queue(filter, after).await;
                view! { <StaffGate result=queue.map(|queue| view! { <Moderation queue/> })/> }
            })}
        </Suspense>
    }
}

/// `/moderate/items/{id}`: one answer, opened from a list or by "previous".
#[component]
pub fn ItemPage() -> impl IntoView {
    let filter = filter_from_query();
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<AnswerId>().ok());
    view! {
        <Title text=td_string!(locale(), moderate.title)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let queue = match id {
                    Some(id) => load_item(filter, id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                view! { <StaffGate result=queue.map(|queue| view! { <Moderation queue/> })/> }
            })}
        </Suspense>
    }
}

#[component]
fn Moderation(queue: QueueView) -> impl IntoView {
    let l = locale();
    let filter = queue.filter;
    let current = queue.item.as_ref().map(|item| item.answer_id);
    let body = match (queue.item, filter.status) {
        (Some(item), _) => view! { <item::Review item filter/> }.into_any(),
        (None, Status::Pending) => view! {
            <p class="success" role="status">{td_string!(l, moderate.nothing_left)}</p>
        }
        .into_any(),
        (None, _) => view! { <Listed listed=queue.listed filter/> }.into_any(),
    };
    view! {
        <SignOut/>
        <p>
            {queue.admin.then(|| view! { <a href="/admin">{td_string!(l, moderate.consultations)}</a>" · " })}
            <a href=href("/moderate/history", l)>{td_string!(l, moderate.my_history)}</a>
            " · "
            <a href=href("/moderate/held", l)>{td_string!(l, moderate.held_link, count = queue.held, n = queue.held.to_string()).to_string()}</a>
        </p>
        <h1>{td_string!(l, moderate.title)}</h1>
        {(queue.awaiting_meaning > 0).then(|| {
            let n = queue.awaiting_meaning;
            view! {
                <p id="awaiting-meaning" class="notice" role="status">
                    {td_string!(l, moderate.awaiting_meaning, n = n.to_string()).to_string()}
                </p>
            }
        })}
        <Counts pending=queue.pending approved=queue.approved rejected=queue.rejected filter/>
        <SuggestionLinks questions=queue.questions.clone() suggested=queue.suggested.clone()/>
        <Filters filter questions=queue.questions/>
        {body}
        <item::Pager previous=queue.previous current filter/>
        <item::Shortcuts/>
    }
}

#[component]
fn Counts(pending: i64, approved: i64, rejected: i64, filter: QueueFilter) -> impl IntoView {
    let l = locale();
    let link = |status: Status| {
        href(&format!("/moderate?{}", QueueFilter { status, ..filter }.query()), l)
    };
    view! {
        <ul class="counts" aria-label=td_string!(l, moderate.counts)>
            <li><a href=link(Status::Pending)><strong>{pending}</strong>{format!(" {}", td_string!(l, moderate.n_pending))}</a></li>
            <li><a href=link(Status::Approved)><strong>{approved}</strong>{format!(" {}", td_string!(l, moderate.n_approved))}</a></li>
            <li><a href=link(Status::Rejected)><strong>{rejected}</strong>{format!(" {}", td_string!(l, moderate.n_rejected))}</a></li>
        </ul>
    }
}

fn status_label(s: Status, l: Locale) -> &'static str {
    match s {
        Status::Pending => td_string!(l, moderate.pending),
        Status::Approved => td_string!(l, moderate.approved),
        Status::Rejected => td_string!(l, moderate.rejected),
    }
}

fn flag_label(f: FlagFilter, l: Locale) -> &'static str {
    match f {
        FlagFilter::Any => td_string!(l, moderate.any_flag),
        FlagFilter::Flagged => td_string!(l, moderate.flagged),
        FlagFilter::Unflagged => td_string!(l, moderate.unflagged),
    }
}

#[component]
fn Filters(filter: QueueFilter, questions: Vec<FilterQuestion>) -> impl IntoView {
    let l = locale();
    let mut consultations: Vec<(i64, String)> =
        questions.iter().map(|q| (q.consultation_id, q.consultation_title.clone())).collect();
    consultations.dedup();
    view! {
        <details class="filters" open=filter != QueueFilter::default()>
            <summary>{td_string!(l, moderate.filter)}</summary>
            <form method="get" action="/moderate" class="editor">
                <input type="hidden" name=LANGUAGE value=l.as_str()/>
                <div class="field">
                    <label for="filter-consultation">{td_string!(l, moderate.consultation)}</label>
                    <select id="filter-consultation" name="consultation">
                        <option value="">{td_string!(l, moderate.all_consultations)}</option>
                        {consultations.into_iter().map(|(id, title)| view! {
                            <option value=id.to_string() selected=filter.consultation == Some(id)>{title}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-question">{td_string!(l, moderate.question)}</label>
                    <select id="filter-question" name="question">
                        <option value="">{td_string!(l, moderate.all_questions)}</option>
                        {questions.into_iter().map(|q| view! {
                            <option value=q.question_id.to_string() selected=filter.question == Some(q.question_id)>
                                {format!("{} — {}", q.consultation_title, q.prompt)}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-flag">{td_string!(l, moderate.safeguarding)}</label>
                    <select id="filter-flag" name="flag">
                        {FlagFilter::ALL.map(|f| view! { <option value=f.key() selected=filter.flag == f>{flag_label(f, l)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-status">{td_string!(l, moderate.status)}</label>
                    <select id="filter-status" name="status">
                        {Status::ALL.map(|s| view! { <option value=s.key() selected=filter.status == s>{status_label(s, l)}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{td_string!(l, moderate.show)}</button>
            </form>
        </details>
    }
}

#[component]
fn Listed(listed: Vec<ListedAnswer>, filter: QueueFilter) -> impl IntoView {
    let l = locale();
    if listed.is_empty() {
        return view! { <p>{td_string!(l, moderate.none_yet)}</p> }.into_any();
    }
    let query = filter.query();
    view! {
        <p class="hint">{td_string!(l, moderate.recent)}</p>
        <ul class="listed">
            {listed.into_iter().map(|item| {
                let link = href(&format!("/moderate/items/{}?{query}", item.answer_id), l);
                let mut text: String = item.text.chars().take(140).collect();
                if text.len() < item.text.len() {
                    text.push('…');
                }
                view! {
                    <li>
                        <a href=link dir="auto">{text}</a>
                        <br/><span class="hint">
                            <span dir="auto">{item.prompt}</span>
                            {item.reason.map(|r| {
                                let reason = reason_label(r, l);
                                td_string!(l, moderate.listed_rejected, reason).to_string()
                            })}
                            {item.flagged.then(|| td_string!(l, moderate.listed_flagged))}
                        </span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Each free-text question's theme suggestions, with how many there are where they were made.
#[component]
fn SuggestionLinks(
    questions: Vec<FilterQuestion>,
    suggested: Vec<(QuestionId, u64)>,
) -> impl IntoView {
    let l = locale();
    (!questions.is_empty()).then(|| {
        view! {
            <p id="theme-suggestions">
                {td_string!(l, moderate.themes_link)}" "
                {questions.into_iter().enumerate().map(|(i, q)| {
                    let link = href(&format!("/moderate/themes?{}={}", themes::QUESTION, q.question_id), l);
                    let made = suggested.iter().find(|(id, _)| *id == q.question_id).map(|&(_, n)| {
                        format!(" ({})", td_string!(l, moderate.themes_link_count, n))
                    });
                    view! { {(i > 0).then_some(" · ")}<a href=link dir="auto">{q.prompt}</a>{made} }
                }).collect_view()}
            </p>
        }
    })
}
