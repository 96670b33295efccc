//! Moderators: the queue of free-text answers, one answer at a time, and their own history.
//! Plain forms and links, so every action works without JavaScript; a few lines of script add
//! single-key shortcuts.

pub mod history;
mod item;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::moderate::{FilterQuestion, ListedAnswer, QueueView, load_item, load_queue};
use crate::components::staff::{SignOut, StaffGate};
use crate::domain::moderation::{FlagFilter, QueueFilter, Status};

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
        <Title text="Moderation"/>
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
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    view! {
        <Title text="Moderation"/>
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
    let filter = queue.filter;
    let current = queue.item.as_ref().map(|item| item.answer_id);
    let body = match (queue.item, filter.status) {
        (Some(item), _) => view! { <item::Review item filter/> }.into_any(),
        (None, Status::Pending) => view! {
            <p class="success" role="status">
                "Nothing left to review here. New answers appear as young people send them: reload in a while."
            </p>
        }
        .into_any(),
        (None, _) => view! { <Listed listed=queue.listed filter/> }.into_any(),
    };
    view! {
        <SignOut/>
        <p>
            {queue.admin.then(|| view! { <a href="/admin">"Consultations"</a>" · " })}
            <a href="/moderate/history">"My history"</a>
        </p>
        <h1>"Moderation"</h1>
        <Counts pending=queue.pending approved=queue.approved rejected=queue.rejected filter/>
        <Filters filter questions=queue.questions/>
        {body}
        <item::Pager previous=queue.previous current filter/>
        <item::Shortcuts/>
    }
}

#[component]
fn Counts(pending: i64, approved: i64, rejected: i64, filter: QueueFilter) -> impl IntoView {
    let link = |status: Status| format!("/moderate?{}", QueueFilter { status, ..filter }.query());
    view! {
        <ul class="counts" aria-label="Answers under this filter">
            <li><a href=link(Status::Pending)><strong>{pending}</strong>" pending"</a></li>
            <li><a href=link(Status::Approved)><strong>{approved}</strong>" approved"</a></li>
            <li><a href=link(Status::Rejected)><strong>{rejected}</strong>" rejected"</a></li>
        </ul>
    }
}

#[component]
fn Filters(filter: QueueFilter, questions: Vec<FilterQuestion>) -> impl IntoView {
    let mut consultations: Vec<(i64, String)> =
        questions.iter().map(|q| (q.consultation_id, q.consultation_title.clone())).collect();
    consultations.dedup();
    let status_label = |s: Status| match s {
        Status::Pending => "Pending",
        Status::Approved => "Approved",
        Status::Rejected => "Rejected",
    };
    let flag_label = |f: FlagFilter| match f {
        FlagFilter::Any => "Flagged or not",
        FlagFilter::Flagged => "Flagged for safeguarding",
        FlagFilter::Unflagged => "Not flagged",
    };
    view! {
        <details class="filters" open=filter != QueueFilter::default()>
            <summary>"Filter"</summary>
            <form method="get" action="/moderate" class="editor">
                <div class="field">
                    <label for="filter-consultation">"Consultation"</label>
                    <select id="filter-consultation" name="consultation">
                        <option value="">"All consultations"</option>
                        {consultations.into_iter().map(|(id, title)| view! {
                            <option value=id.to_string() selected=filter.consultation == Some(id)>{title}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-question">"Question"</label>
                    <select id="filter-question" name="question">
                        <option value="">"All free-text questions"</option>
                        {questions.into_iter().map(|q| view! {
                            <option value=q.question_id.to_string() selected=filter.question == Some(q.question_id)>
                                {format!("{} — {}", q.consultation_title, q.prompt)}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-flag">"Safeguarding"</label>
                    <select id="filter-flag" name="flag">
                        {FlagFilter::ALL.map(|f| view! { <option value=f.key() selected=filter.flag == f>{flag_label(f)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-status">"Status"</label>
                    <select id="filter-status" name="status">
                        {Status::ALL.map(|s| view! { <option value=s.key() selected=filter.status == s>{status_label(s)}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">"Show"</button>
            </form>
        </details>
    }
}

#[component]
fn Listed(listed: Vec<ListedAnswer>, filter: QueueFilter) -> impl IntoView {
    if listed.is_empty() {
        return view! { <p>"No answers here yet."</p> }.into_any();
    }
    let query = filter.query();
    view! {
        <p class="hint">"The 100 most recent decisions. Open one to change it."</p>
        <ul class="listed">
            {listed.into_iter().map(|l| {
                let href = format!("/moderate/items/{}?{query}", l.answer_id);
                let mut text: String = l.text.chars().take(140).collect();
                if text.len() < l.text.len() {
                    text.push('…');
                }
                view! {
                    <li>
                        <a href=href dir="auto">{text}</a>
                        <br/><span class="hint">
                            {l.prompt}
                            {l.reason.map(|r| format!(" — rejected: {}", r.label()))}
                            {l.flagged.then_some(" — flagged for safeguarding")}
                        </span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
