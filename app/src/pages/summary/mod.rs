//! The summary delegates read at `/c/{slug}/summary`, once published: rendered from the frozen
//! snapshot, on the server, complete without JavaScript, and printable as a brief. It reads in
//! the page's language: the words around the numbers, and the organizers' texts where they were
//! translated (the rest as written, marked with their language). Staff see the same document as
//! a draft (`pages/admin/summary.rs`).

pub mod chart;
pub mod room;
pub mod words;

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_meta::{Stylesheet, Title};
use leptos_router::hooks::use_params_map;

use crate::api::summary::load_summary;
use crate::components::follow_up::WhatHappenedNext;
use crate::components::language::{Untranslated, isolate, language, locale, when_utc};
use crate::components::status::ErrorPage;
use crate::domain::brief::BriefSummary;
use crate::domain::follow_up::{InAllLanguages, paragraphs};
use crate::domain::language::Language;
use crate::domain::summary::{
    Breakdown, ChoiceResult, GroupCount, Part, QuestionResult, Quote, Summary, Table, TextResult,
    share,
};
use crate::domain::suppression::Shown;
use crate::i18n::{Locale, td_string};
use chart::BarChart;

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
                        let locale = locale();
                        let published = when_utc(page.published_at, locale);
                        let status = td_string!(locale, summary.version, version = page.version, published).to_string();
                        let downloads = Some(Downloads { slug: page.slug, address: page.address });
                        let follow_up = page.follow_up;
                        view! { <SummaryDocument summary=page.summary status downloads follow_up/> }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A published summary's exports, and its address on the web.
#[derive(Clone, Debug)]
pub struct Downloads {
    pub slug: String,
    pub address: String,
}

/// The whole summary. `downloads`: the exports to link, and `follow_up`, what happened next
/// (published versions only). With a brief, the printout is the brief: the key messages, the
/// quick facts and the answers to the choice questions, the rest left to the web page, whose
/// address it gives, and the data files.
#[component]
pub fn SummaryDocument(
    summary: Summary,
    status: String,
    downloads: Option<Downloads>,
    follow_up: Option<InAllLanguages>,
) -> impl IntoView {
    let locale = locale();
    let mut summary = summary;
    let untranslated = summary.localize(language(locale));
    let original = summary.about.language;
    // Texts shown as written carry their language, for screen readers (WCAG 3.1.2).
    provide_context(AsWritten { lang: original.code(), texts: untranslated.clone() });
    let noted = (!untranslated.is_empty()).then_some(original);
    let Summary { about, brief, k, participants, participation, questions, method, .. } = summary;
    let has_brief = brief.is_some();
    let window = match (about.opens_at, about.closes_at) {
        (Some(opens), Some(closes)) => {
            let (opens, closes) = (when_utc(opens, locale), when_utc(closes, locale));
            td_string!(locale, summary.window, opens, closes).to_string()
        }
        _ => String::new(),
    };
    let k_text = words::number(k, locale);
    let count = |c: Shown| words::count(c, k, locale);
    let headline = match participants.count() {
        Some(n) => words::took_part(n, locale),
        None => td_string!(locale, summary.too_few, k = k_text.clone()).to_string(),
    };
    let meeting = td_string!(
        locale,
        summary.for_meeting,
        meeting = isolate(&about.meeting.name),
        date = isolate(&about.meeting.date)
    )
    .to_string();
    view! {
        <Title text=td_string!(locale, summary.title, title = about.title.clone()).to_string()/>
        <Stylesheet id="summary" href=STYLESHEET/>
        <article class="summary" class:has-brief=has_brief>
            <header class="summary-head">
                <p class="eyebrow">{td_string!(locale, summary.eyebrow)}</p>
                <h1 dir="auto" lang=as_written(&about.title)>{about.title.clone()}</h1>
                <Untranslated original=noted/>
                <p>{meeting}" "{window}</p>
                <p class="version">{status}</p>
                <p class="headline">{headline}</p>
                {downloads.clone().map(|Downloads { slug, .. }| view! {
                    <p class="downloads">{td_string!(locale, summary.downloads)}" "
                        <a href=format!("/c/{slug}/summary.csv")>"CSV"</a>" · "
                        <a href=format!("/c/{slug}/summary.json")>"JSON"</a>
                    </p>
                })}
            </header>
            {brief.map(|brief| view! { <Brief brief k locale/> })}
            {follow_up.map(|f| {
                let parts = f.read_in(language(locale)).into_iter();
                let parts = parts.map(|(told, text, lang)| (told, text.to_owned(), lang.map(Language::code)));
                view! { <WhatHappenedNext parts=parts.collect() written_at=f.written_at/> }
            })}
            {(!participation.is_empty()).then(|| view! {
                <section class="summary-part" id="facts" aria-labelledby="who">
                    <h2 id="who">{td_string!(locale, summary.who)}</h2>
                    {participation.into_iter().map(|b| view! { <Participation breakdown=b k base=participants.count().unwrap_or(0) locale/> }).collect_view()}
                </section>
            })}
            {questions.into_iter().enumerate().map(|(i, q)| {
                let (id, labelled_by) = (format!("q{}", i + 1), format!("q{}", i + 1));
                let (result, kind) = match q.result {
                    QuestionResult::Choice(c) => (view! { <ChoiceAnswers c k locale/> }.into_any(), "choice"),
                    QuestionResult::Text(t) => (view! { <TextAnswers t k locale/> }.into_any(), "text"),
                };
                let number = td_string!(locale, summary.question, n = i + 1).to_string();
                view! {
                    <section class=format!("summary-part summary-question {kind}") aria-labelledby=labelled_by>
                        <h2 id=id>{number}" "<span dir="auto" lang=as_written(&q.prompt)>{q.prompt.clone()}</span></h2>
                        {result}
                    </section>
                }
            }).collect_view()}
            <section class="summary-part method" aria-labelledby="method">
                <h2 id="method">{td_string!(locale, summary.method)}</h2>
                <p>{td_string!(locale, summary.self_selected)}</p>
                <p>{td_string!(locale, summary.cells, k = k_text)}</p>
                <p>{td_string!(locale, summary.moderated)}</p>
                <ul>
                    <li>{td_string!(locale, summary.approved, n = count(method.approved)).to_string()}</li>
                    <li>{td_string!(locale, summary.rejected, n = count(method.rejected)).to_string()}
                        {match method.reasons {
                            Part::Shown(reasons) => view! {
                                <ul>{reasons.into_iter().map(|(reason, n)| {
                                    let reason = words::reason(reason, locale);
                                    view! { <li>{td_string!(locale, summary.reason, reason, n = count(n)).to_string()}</li> }
                                }).collect_view()}</ul>
                            }.into_any(),
                            Part::LeftOut => ().into_any(),
                        }}
                    </li>
                    <li>{td_string!(locale, summary.pending, n = count(method.pending)).to_string()}</li>
                    <li>{td_string!(locale, summary.spam, n = count(method.spam_responses)).to_string()}</li>
                    <li>{td_string!(locale, summary.held, n = count(method.held)).to_string()}
                        <ul>{method.held_reasons.into_iter().map(|(reason, n)| {
                            let reason = words::hold_reason(reason, locale);
                            view! { <li>{td_string!(locale, summary.reason, reason, n = count(n)).to_string()}</li> }
                        }).collect_view()}</ul>
                    </li>
                    {(method.held_undecided != Shown::Count(0)).then(|| view! {
                        <li id="held-undecided">{td_string!(locale, summary.held_undecided, n = count(method.held_undecided)).to_string()}</li>
                    })}
                </ul>
            </section>
            {downloads.map(|Downloads { address, .. }| view! {
                <p class="print-only more">{td_string!(locale, summary.printed_more)}" "<span dir="ltr">{address}</span></p>
            })}
        </article>
    }
}

/// The organizers' texts the summary shows as written, for want of a translation.
#[derive(Clone, Debug)]
struct AsWritten {
    lang: &'static str,
    texts: BTreeSet<String>,
}

/// `lang` for an organizer's text: set only when it is shown as written, in another language.
fn as_written(text: &str) -> Option<&'static str> {
    use_context::<AsWritten>().filter(|w| w.texts.contains(text)).map(|w| w.lang)
}

/// What delegates read first: the summary paragraph, the action requested and the key messages,
/// each with the themes that are its evidence. Stable anchors, for reports to link to.
#[component]
fn Brief(brief: BriefSummary, k: u64, locale: Locale) -> impl IntoView {
    let BriefSummary { summary, action, messages } = brief;
    let paragraphs: Vec<String> = paragraphs(&summary).map(str::to_owned).collect();
    let lang = as_written(&summary);
    view! {
        <section class="summary-part brief" id="summary" aria-labelledby="summary-title">
            <h2 id="summary-title">{td_string!(locale, summary.brief_summary)}</h2>
            {paragraphs.into_iter().map(|p| view! { <p dir="auto" lang=lang>{p}</p> }).collect_view()}
        </section>
        <section class="summary-part brief" id="action" aria-labelledby="action-title">
            <h2 id="action-title">{td_string!(locale, summary.brief_action)}</h2>
            <p class="action" dir="auto" lang=as_written(&action)>{action.clone()}</p>
        </section>
        <section class="summary-part brief" id="key-messages" aria-labelledby="key-messages-title">
            <h2 id="key-messages-title">{td_string!(locale, summary.key_messages)}</h2>
            <ol class="key-messages">
                {messages.into_iter().map(|m| view! {
                    <li>
                        <p class="key-message" dir="auto" lang=as_written(&m.text)>{m.text.clone()}</p>
                        <ul class="evidence">
                            {m.themes.into_iter().map(|e| {
                                let count = e.count.map(|c| words::count(c, k, locale)).unwrap_or_else(|| "—".into());
                                let name = isolate(&e.theme.name);
                                let line = td_string!(locale, summary.evidence, name, question = e.theme.question, count);
                                view! { <li>{line.to_string()}</li> }
                            }).collect_view()}
                            {m.quotes.into_iter().flatten().map(|quote| view! {
                                <li class="evidence-quote"><Said quote locale/></li>
                            }).collect_view()}
                        </ul>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn Participation(
    breakdown: Breakdown<Vec<GroupCount>>,
    k: u64,
    base: u64,
    locale: Locale,
) -> impl IntoView {
    let title = words::participation_by(breakdown.dimension, locale).to_owned();
    match breakdown.part {
        Part::Shown(groups) => {
            let rows: Vec<(String, Shown)> =
                groups.iter().map(|g| (words::group(g.group, locale), g.count)).collect();
            let first_column = words::dimension(breakdown.dimension, locale).to_owned();
            view! { <Counts title rows base k first_column locale/> }.into_any()
        }
        Part::LeftOut => view! { <LeftOut title locale/> }.into_any(),
    }
}

#[component]
fn LeftOut(title: String, locale: Locale) -> impl IntoView {
    view! {
        <h3>{title}</h3>
        <p class="note">{td_string!(locale, summary.left_out)}</p>
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
    locale: Locale,
) -> impl IntoView {
    let table_rows = rows
        .iter()
        .map(|(label, count)| {
            let share = share(*count, base).map(|s| words::percent(s, locale)).unwrap_or_default();
            view! {
                <tr>
                    <th scope="row" dir="auto" lang=as_written(label)>{label.clone()}</th>
                    <td>{words::count(*count, k, locale)}</td>
                    <td>{share}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="counts">
            <figcaption>{title}</figcaption>
            <BarChart rows base k locale/>
            <table class="numbers">
                <thead>
                    <tr>
                        <th scope="col">{first_column}</th>
                        <th scope="col">{td_string!(locale, summary.young_people)}</th>
                        <th scope="col">{td_string!(locale, summary.share)}</th>
                    </tr>
                </thead>
                <tbody>{table_rows}</tbody>
            </table>
        </figure>
    }
}

#[component]
fn ChoiceAnswers(c: ChoiceResult, k: u64, locale: Locale) -> impl IntoView {
    let ChoiceResult { multiple, base, rows, breakdowns } = c;
    let answers = td_string!(locale, summary.answers).to_owned();
    let Part::Shown(rows) = rows else {
        return view! { <LeftOut title=answers locale/> }.into_any();
    };
    let note = if multiple {
        td_string!(locale, summary.multiple)
    } else {
        td_string!(locale, summary.single)
    };
    let labels: Vec<String> = rows.iter().map(|r| words::answer(&r.answer, locale)).collect();
    let counts = labels.iter().cloned().zip(rows.iter().map(|r| r.count)).collect();
    let first_column = td_string!(locale, summary.answer).to_owned();
    view! {
        <p class="note">{note}</p>
        <Counts title=answers rows=counts base k first_column locale/>
        {breakdowns.into_iter().map(|b| {
            let title = words::answers_by(b.dimension, locale).to_owned();
            match b.part {
                Part::Shown(table) => view! { <BreakdownTable title table labels=labels.clone() k locale/> }.into_any(),
                Part::LeftOut => view! { <LeftOut title locale/> }.into_any(),
            }
        }).collect_view()}
    }
    .into_any()
}

/// Answers (rows) by group (columns), each cell with its share of the group.
#[component]
fn BreakdownTable(
    title: String,
    table: Table,
    labels: Vec<String>,
    k: u64,
    locale: Locale,
) -> impl IntoView {
    let Table { groups, sizes, cells } = table;
    let region = title.clone();
    view! {
        <div class="breakdown" tabindex="0" role="region" aria-label=region>
            <table class="numbers">
                <caption>{title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, summary.answer)}</th>
                        {groups.iter().zip(&sizes).map(|(g, size)| view! {
                            <th scope="col">
                                {words::group(*g, locale)}
                                <span class="size">{format!(" ({})", words::number(*size, locale))}</span>
                            </th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {labels.into_iter().zip(cells).map(|(label, row)| view! {
                        <tr>
                            <th scope="row" dir="auto" lang=as_written(&label)>{label.clone()}</th>
                            {row.into_iter().zip(&sizes).map(|(cell, &size)| {
                                let share = share(cell, size)
                                    .map(|s| format!(" ({})", words::percent(s, locale)))
                                    .unwrap_or_default();
                                view! { <td>{words::count(cell, k, locale)}{share}</td> }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn TextAnswers(t: TextResult, k: u64, locale: Locale) -> impl IntoView {
    let TextResult { approved, themes, other_quotes } = t;
    let has_themes = !themes.is_empty();
    let approved = words::count(approved, k, locale);
    let other_title = if has_themes {
        td_string!(locale, summary.in_their_words_other)
    } else {
        td_string!(locale, summary.in_their_words)
    };
    view! {
        <p>{td_string!(locale, summary.approved_texts, n = approved).to_string()}</p>
        {has_themes.then(|| view! {
            <table class="numbers themes">
                <caption>{td_string!(locale, summary.themes)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, summary.theme)}</th>
                        <th scope="col">{td_string!(locale, summary.answers)}</th>
                    </tr>
                </thead>
                <tbody>{themes.iter().map(|t| view! {
                    <tr>
                        <th scope="row" dir="auto" lang=as_written(&t.name)>{t.name.clone()}</th>
                        <td>{words::count(t.count, k, locale)}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        })}
        {themes.into_iter().filter(|t| !t.quotes.is_empty()).map(|t| {
            let theme = isolate(&t.name);
            view! {
                <h3>{td_string!(locale, summary.in_their_words_theme, theme).to_string()}</h3>
                <Quotes quotes=t.quotes locale/>
            }
        }).collect_view()}
        {(!other_quotes.is_empty()).then(|| view! {
            <h3>{other_title}</h3>
            <Quotes quotes=other_quotes locale/>
        })}
    }
}

/// Young people's own words, in whatever language they wrote them.
#[component]
fn Quotes(quotes: Vec<Quote>, locale: Locale) -> impl IntoView {
    quotes
        .into_iter()
        .map(|quote| {
            let who: Vec<String> = quote.groups.iter().map(|g| words::group(*g, locale)).collect();
            view! {
                <figure class="quote">
                    <Said quote locale/>
                    {(!who.is_empty()).then(|| view! { <figcaption>{format!("— {}", words::list(&who, locale))}</figcaption> })}
                </figure>
            }
        })
        .collect_view()
}

/// A quote in the reader's language where organizers translated it, marked as a translation
/// with the original one step away; else as written, marked with its language when that is
/// not the reader's.
#[component]
fn Said(quote: Quote, locale: Locale) -> impl IntoView {
    let Quote { text, language: written, translation, .. } = quote;
    let reader = language(locale);
    let name = written.map(|l| isolate(l.name())).unwrap_or_default();
    let lang = written.map(Language::code);
    match translation {
        Some(translated) => view! {
            <blockquote lang=reader.code() dir="auto">{translated}</blockquote>
            <details class="quote-original">
                <summary>
                    {td_string!(locale, summary.quote_translated, language = name).to_string()}
                    " · "<span class="quote-open">{td_string!(locale, summary.quote_original)}</span>
                </summary>
                <blockquote lang=lang dir="auto">{text}</blockquote>
            </details>
        }
        .into_any(),
        None => {
            let foreign = written.is_some_and(|w| w != reader);
            let note = td_string!(locale, summary.quote_as_written, language = name).to_string();
            view! {
                <blockquote lang=lang dir="auto">{text}</blockquote>
                {foreign.then(|| view! { <p class="quote-note">{note}</p> })}
            }
            .into_any()
        }
    }
}
