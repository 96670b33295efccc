//! The summary delegates read at `/c/{slug}/summary`, once published: rendered from the frozen
//! snapshot, on the server, complete without JavaScript, and printable as a brief. Staff see the
//! same document as a draft (`pages/admin/summary.rs`).

pub mod chart;

use leptos::prelude::*;
use leptos_meta::{Stylesheet, Title};
use leptos_router::hooks::use_params_map;

use crate::api::summary::load_summary;
use crate::components::status::ErrorPage;
use crate::domain::summary::{
    Breakdown, ChoiceResult, GroupCount, Part, QuestionResult, Quote, Summary, Table, TextResult,
    share,
};
use crate::domain::suppression::Shown;
use crate::domain::time_fmt::human_utc;
use chart::{BarChart, count_text, thousands};

/// The summary's own styles, print included; served by the server (`routes/summary.rs`).
pub const STYLESHEET: &str = "/summary.css";

#[component]
pub fn SummaryPage() -> impl IntoView {
    let slug = use_params_map().read_untracked().get("slug").unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match load_summary(slug).await {
                    Ok(page) => {
                        let status = format!(
                            "Version {}, published {}.", page.version, human_utc(page.published_at)
                        );
                        let downloads = Some(page.slug);
                        view! { <SummaryDocument summary=page.summary status downloads/> }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The whole summary. `downloads`: the slug whose exports to link (published versions only).
#[component]
pub fn SummaryDocument(
    summary: Summary,
    status: String,
    downloads: Option<String>,
) -> impl IntoView {
    let Summary { about, k, participants, participation, questions, method } = summary;
    let window = match (about.opens_at, about.closes_at) {
        (Some(opens), Some(closes)) => {
            format!("Open from {} to {}.", human_utc(opens), human_utc(closes))
        }
        _ => String::new(),
    };
    let headline = match participants.count() {
        Some(n) => format!("{} young people took part.", thousands(n)),
        None => format!(
            "Fewer than {k} young people took part, so no numbers can be shown without risking \
             that someone is recognised."
        ),
    };
    view! {
        <Title text=format!("Summary: {}", about.title)/>
        <Stylesheet id="summary" href=STYLESHEET/>
        <article class="summary">
            <header class="summary-head">
                <p class="eyebrow">"Summary of young people's views for delegates"</p>
                <h1>{about.title}</h1>
                <p>{format!("For {}, {}. ", about.meeting.name, about.meeting.date)}{window}</p>
                <p class="version">{status}</p>
                <p class="headline">{headline}</p>
                {downloads.map(|slug| view! {
                    <p class="downloads">"Download the numbers: "
                        <a href=format!("/c/{slug}/summary.csv")>"CSV"</a>" · "
                        <a href=format!("/c/{slug}/summary.json")>"JSON"</a>
                    </p>
                })}
            </header>
            {(!participation.is_empty()).then(|| view! {
                <section class="summary-part" aria-labelledby="who">
                    <h2 id="who">"Who took part"</h2>
                    {participation.into_iter().map(|b| view! { <Participation breakdown=b k base=participants.count().unwrap_or(0)/> }).collect_view()}
                </section>
            })}
            {questions.into_iter().enumerate().map(|(i, q)| {
                let (id, labelled_by) = (format!("q{}", i + 1), format!("q{}", i + 1));
                let result = match q.result {
                    QuestionResult::Choice(c) => view! { <ChoiceAnswers c k/> }.into_any(),
                    QuestionResult::Text(t) => view! { <TextAnswers t k/> }.into_any(),
                };
                view! {
                    <section class="summary-part summary-question" aria-labelledby=labelled_by>
                        <h2 id=id dir="auto">{format!("Question {}. ", i + 1)}{q.prompt}</h2>
                        {result}
                    </section>
                }
            }).collect_view()}
            <section class="summary-part method" aria-labelledby="method">
                <h2 id="method">"How this summary was made"</h2>
                <p>
                    "Young people answered anonymously, on their own initiative: they are a \
                     self-selected group, not a representative sample. Nothing that identifies \
                     them was stored."
                </p>
                <p>
                    {format!("Every number describes at least {k} young people. A group of fewer \
                              than {k} shows \"fewer than {k}\", and where that number could be \
                              worked out by subtracting the others from a total, another number is \
                              hidden too. Groups too small to show alone are combined in \
                              breakdowns; a breakdown where most groups would be hidden is left out.")}
                </p>
                <p>
                    "Moderators read every written answer before it counted. Only approved \
                     answers are counted and quoted; quotes were chosen by moderators. Choices of \
                     a response rejected as spam are not counted either."
                </p>
                <ul>
                    <li>{format!("Written answers approved and counted: {}", count_text(method.approved, k))}</li>
                    <li>{format!("Answers rejected: {}", count_text(method.rejected, k))}
                        {match method.reasons {
                            Part::Shown(reasons) => view! {
                                <ul>{reasons.into_iter().map(|(reason, n)| view! {
                                    <li>{format!("{}: {}", reason.label(), count_text(n, k))}</li>
                                }).collect_view()}</ul>
                            }.into_any(),
                            Part::LeftOut => ().into_any(),
                        }}
                    </li>
                    <li>{format!("Answers still waiting for review (not counted): {}", count_text(method.pending, k))}</li>
                    <li>{format!("Responses rejected as spam (not counted): {}", count_text(method.spam_responses, k))}</li>
                </ul>
            </section>
        </article>
    }
}

#[component]
fn Participation(breakdown: Breakdown<Vec<GroupCount>>, k: u64, base: u64) -> impl IntoView {
    let by = breakdown.dimension.by();
    let title = format!("{}{}", by[..1].to_uppercase(), &by[1..]);
    match breakdown.part {
        Part::Shown(groups) => {
            let rows: Vec<(String, Shown)> =
                groups.iter().map(|g| (g.group.label(), g.count)).collect();
            view! { <Counts title rows base k first_column=breakdown.dimension.label().to_owned()/> }.into_any()
        }
        Part::LeftOut => view! { <LeftOut title/> }.into_any(),
    }
}

#[component]
fn LeftOut(title: String) -> impl IntoView {
    view! {
        <h3>{title}</h3>
        <p class="note">"Left out: most groups are too small to show without risking that someone is recognised."</p>
    }
}

/// A chart and its table: rows with counts and shares of `base`.
#[component]
fn Counts(
    title: String,
    rows: Vec<(String, Shown)>,
    base: u64,
    k: u64,
    first_column: String,
) -> impl IntoView {
    let table_rows = rows
        .iter()
        .map(|(label, count)| {
            let share = share(*count, base).map(|s| format!("{s}%")).unwrap_or_default();
            view! { <tr><th scope="row" dir="auto">{label.clone()}</th><td>{count_text(*count, k)}</td><td>{share}</td></tr> }
        })
        .collect_view();
    view! {
        <figure class="counts">
            <figcaption>{title}</figcaption>
            <BarChart rows base k/>
            <table class="numbers">
                <thead><tr><th scope="col">{first_column}</th><th scope="col">"Young people"</th><th scope="col">"Share"</th></tr></thead>
                <tbody>{table_rows}</tbody>
            </table>
        </figure>
    }
}

#[component]
fn ChoiceAnswers(c: ChoiceResult, k: u64) -> impl IntoView {
    let ChoiceResult { multiple, base, rows, breakdowns } = c;
    let Part::Shown(rows) = rows else {
        return view! { <LeftOut title="Answers".to_owned()/> }.into_any();
    };
    let note = if multiple {
        "Several answers could be chosen, so shares add up to more than 100 %. Shares are of everyone who took part."
    } else {
        "Shares are of everyone who took part."
    };
    let labels: Vec<String> = rows.iter().map(|r| r.answer.label()).collect();
    let counts = rows.iter().map(|r| (r.answer.label(), r.count)).collect();
    view! {
        <p class="note">{note}</p>
        <Counts title="Answers".to_owned() rows=counts base k first_column="Answer".to_owned()/>
        {breakdowns.into_iter().map(|b| {
            let title = format!("Answers {}", b.dimension.by());
            match b.part {
                Part::Shown(table) => view! { <BreakdownTable title table labels=labels.clone() k/> }.into_any(),
                Part::LeftOut => view! { <LeftOut title/> }.into_any(),
            }
        }).collect_view()}
    }
    .into_any()
}

/// Answers (rows) by group (columns), each cell with its share of the group.
#[component]
fn BreakdownTable(title: String, table: Table, labels: Vec<String>, k: u64) -> impl IntoView {
    let Table { groups, sizes, cells } = table;
    let region = title.clone();
    view! {
        <div class="breakdown" tabindex="0" role="region" aria-label=region>
            <table class="numbers">
                <caption>{title}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Answer"</th>
                        {groups.iter().zip(&sizes).map(|(g, size)| view! {
                            <th scope="col">{g.label()}<span class="size">{format!(" ({})", thousands(*size))}</span></th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {labels.into_iter().zip(cells).map(|(label, row)| view! {
                        <tr>
                            <th scope="row" dir="auto">{label}</th>
                            {row.into_iter().zip(&sizes).map(|(cell, &size)| {
                                let share = share(cell, size).map(|s| format!(" ({s}%)")).unwrap_or_default();
                                view! { <td>{count_text(cell, k)}{share}</td> }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn TextAnswers(t: TextResult, k: u64) -> impl IntoView {
    let TextResult { approved, themes, other_quotes } = t;
    let has_themes = !themes.is_empty();
    view! {
        <p>{format!("Approved written answers: {}.", count_text(approved, k))}</p>
        {has_themes.then(|| view! {
            <table class="numbers themes">
                <caption>"Themes, most mentioned first"</caption>
                <thead><tr><th scope="col">"Theme"</th><th scope="col">"Answers"</th></tr></thead>
                <tbody>{themes.iter().map(|t| view! {
                    <tr><th scope="row" dir="auto">{t.name.clone()}</th><td>{count_text(t.count, k)}</td></tr>
                }).collect_view()}</tbody>
            </table>
        })}
        {themes.into_iter().filter(|t| !t.quotes.is_empty()).map(|t| view! {
            <h3 dir="auto">{format!("In their words: {}", t.name)}</h3>
            <Quotes quotes=t.quotes/>
        }).collect_view()}
        {(!other_quotes.is_empty()).then(|| view! {
            <h3>{if has_themes { "In their words: other answers" } else { "In their words" }}</h3>
            <Quotes quotes=other_quotes/>
        })}
    }
}

#[component]
fn Quotes(quotes: Vec<Quote>) -> impl IntoView {
    quotes
        .into_iter()
        .map(|q| {
            let who: Vec<String> = q.groups.iter().map(|g| g.label()).collect();
            view! {
                <figure class="quote">
                    <blockquote dir="auto">{q.text}</blockquote>
                    {(!who.is_empty()).then(|| view! { <figcaption>{format!("— {}", who.join(", "))}</figcaption> })}
                </figure>
            }
        })
        .collect_view()
}
