//! `/moderate/themes?question=`: a question's themes so far (each can be renamed, merged into
//! another, split or dropped) and its answers grouped by meaning across the languages, each group
//! a suggestion a moderator can name and accept, tagging all its answers in one decision; every
//! decision undoable. `/moderate/themes/split`: a theme's answers, some moved to another theme.
//! `/moderate/similar/{id}`: the pending answers most alike one, decided together. Plain forms:
//! they work without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::moderate::{load_similar, load_split, load_suggestions};
use crate::components::language::{href, locale};
use crate::components::staff::{SignOut, StaffGate};
use crate::domain::ids::{AnswerId, QuestionId};
use crate::domain::language::Language;
use crate::domain::theme::{ChangeKind, NAME_MAX};
use crate::i18n::{Locale, td_string};
use crate::views::moderate::{DecidedTheme, SimilarView, SplitView, SuggestionView};

/// Query parameters: the question, a decision just taken, a name refused, a theme respelled,
/// a change that found nothing to move, a split with no answer ticked.
pub const QUESTION: &str = "question";
pub const DECIDED: &str = "decided";
pub const BAD_NAME: &str = "bad_name";
pub const RESPELLED: &str = "respelled";
pub const UNCHANGED: &str = "unchanged";
pub const NONE_TICKED: &str = "none";
/// Form fields of an accepted suggestion (and query parameter of a split: the name typed).
pub const NAME: &str = "name";
pub const ANSWERS: &str = "answers";
/// Form field (and query parameter) of a change to a theme: the theme changed.
pub const FROM: &str = "from";
/// Form field of a split: each answer ticked.
pub const ANSWER: &str = "answer";

#[component]
pub fn ThemesPage() -> impl IntoView {
    let l = locale();
    let query = use_query_map().read_untracked();
    let question: Option<QuestionId> = query.get(QUESTION).and_then(|q| q.parse().ok());
    let decided: Option<i64> = query.get(DECIDED).and_then(|d| d.parse().ok());
    let bad_name = query.get(BAD_NAME).is_some();
    let respelled = query.get(RESPELLED).is_some();
    let unchanged = query.get(UNCHANGED).is_some();
    view! {
        <Title text=td_string!(l, moderate.themes_title)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let loaded = match question {
                    Some(q) => load_suggestions(q, decided).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                view! {
                    <StaffGate result=loaded.map(|s| {
                        let count = s.themes.len().to_string();
                        let (ungrouped, short) = (s.ungrouped.to_string(), s.too_short.to_string());
                        let action = href(&format!("/moderate/themes/{}", s.question_id), l);
                        let question_id = s.question_id;
                        view! {
                            <SignOut/>
                            <p><a href=href("/moderate", l)>{td_string!(l, moderate.back)}</a></p>
                            <h1>{td_string!(l, moderate.themes_title)}</h1>
                            <p class="hint" dir="auto">{s.consultation_title}</p>
                            <p dir="auto"><strong>{s.prompt}</strong></p>
                            {s.decided.map(|d| view! { <Decided d l/> })}
                            {bad_name.then(|| view! {
                                <p class="error" role="alert" id="bad-name">{td_string!(l, moderate.themes_bad_name)}</p>
                            })}
                            {respelled.then(|| view! {
                                <p class="success" role="status" id="theme-decided">{td_string!(l, moderate.themes_respelled)}</p>
                            })}
                            {unchanged.then(|| view! {
                                <p class="notice" role="status" id="theme-unchanged">{td_string!(l, moderate.themes_unchanged)}</p>
                            })}
                            {(!s.carried.is_empty()).then(|| view! {
                                <section aria-labelledby="carried-title">
                                    <h2 id="carried-title">{td_string!(l, moderate.themes_carried)}</h2>
                                    <ul class="listed carried">
                                        {s.carried.into_iter().enumerate().map(|(i, (name, n))| {
                                            view! { <Carried i question_id name n l/> }
                                        }).collect_view()}
                                    </ul>
                                </section>
                            })}
                            <p>{td_string!(l, moderate.themes_intro)}</p>
                            {if !s.on {
                                view! { <p class="notice" role="status" id="themes-off">{td_string!(l, moderate.themes_off)}</p> }.into_any()
                            } else if s.themes.is_empty() {
                                view! { <p class="notice" role="status">{td_string!(l, moderate.themes_none)}</p> }.into_any()
                            } else {
                                view! {
                                    <p>{td_string!(l, moderate.themes_counts, suggestions = count, ungrouped, short).to_string()}</p>
                                    {s.themes.into_iter().enumerate().map(|(i, t)| {
                                        view! { <Suggestion i t action=action.clone() l/> }
                                    }).collect_view()}
                                }.into_any()
                            }}
                        }
                    })/>
                }
            })}
        </Suspense>
    }
}

/// What was just decided, with the way back.
#[component]
fn Decided(d: DecidedTheme, l: Locale) -> impl IntoView {
    let (n, name) = (d.answers.to_string(), d.name);
    let into = d.into.unwrap_or_default();
    let said = match (d.kind, d.undone) {
        (ChangeKind::Accepted, false) => {
            td_string!(l, moderate.themes_accepted, n, name).to_string()
        }
        (ChangeKind::Accepted, true) => td_string!(l, moderate.themes_undone, n, name).to_string(),
        (ChangeKind::Moved, false) => {
            td_string!(l, moderate.themes_moved, n, name, into).to_string()
        }
        (ChangeKind::Dropped, false) => td_string!(l, moderate.themes_dropped, n, name).to_string(),
        (ChangeKind::Moved | ChangeKind::Dropped, true) => {
            td_string!(l, moderate.themes_restored, n, name).to_string()
        }
    };
    if d.undone {
        view! { <p class="success" role="status" id="theme-decided">{said}</p> }.into_any()
    } else {
        let undo = href(&format!("/moderate/themes/undo/{}", d.decision), l);
        view! {
            <form method="post" action=undo class="success" role="status" id="theme-decided">
                {said}" "
                <button type="submit" class="button">{td_string!(l, moderate.themes_undo)}</button>
            </form>
        }
        .into_any()
    }
}

/// One of the question's themes, how many answers carry it, and what can be done with it.
#[component]
fn Carried(i: usize, question_id: QuestionId, name: String, n: u64, l: Locale) -> impl IntoView {
    let action = |change: &str| href(&format!("/moderate/themes/{question_id}/{change}"), l);
    let split = format!(
        "/moderate/themes/split?{QUESTION}={question_id}&{FROM}={}",
        form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>()
    );
    let input = format!("rename-{i}");
    let n = n.to_string();
    view! {
        <li>
            <strong dir="auto">{name.clone()}</strong>" · "{td_string!(l, moderate.themes_carried_count, n = n.clone()).to_string()}
            <details>
                <summary>{td_string!(l, moderate.themes_change)}</summary>
                <form method="post" action=action("rename") class="field">
                    <input type="hidden" name=FROM value=name.clone()/>
                    <label for=input.clone()>{td_string!(l, moderate.themes_rename_label)}</label>
                    <input type="text" id=input name=NAME required maxlength=NAME_MAX.to_string() autocomplete="off" dir="auto"/>
                    <button type="submit" class="button">{td_string!(l, moderate.themes_rename)}</button>
                </form>
                <p><a href=href(&split, l)>{td_string!(l, moderate.themes_split)}</a></p>
                <form method="post" action=action("drop")>
                    <input type="hidden" name=FROM value=name/>
                    <button type="submit" class="button">{td_string!(l, moderate.themes_drop, n).to_string()}</button>
                </form>
            </details>
        </li>
    }
}

/// `/moderate/themes/split?question=&from=`: a theme's answers, each in full; the ticked ones
/// move to the theme named (new, or one the question has), the rest keep theirs.
#[component]
pub fn SplitPage() -> impl IntoView {
    let l = locale();
    let query = use_query_map().read_untracked();
    let question: Option<QuestionId> = query.get(QUESTION).and_then(|q| q.parse().ok());
    let theme = query.get(FROM).unwrap_or_default();
    let typed = query.get(NAME).unwrap_or_default();
    let bad_name = query.get(BAD_NAME).is_some();
    let none_ticked = query.get(NONE_TICKED).is_some();
    view! {
        <Title text=td_string!(l, moderate.themes_split_title)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let loaded = match question {
                    Some(q) => load_split(q, theme).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                view! {
                    <StaffGate result=loaded.map(|s| view! {
                        <Split s typed bad_name none_ticked l/>
                    })/>
                }
            })}
        </Suspense>
    }
}

#[component]
fn Split(
    s: SplitView,
    typed: String,
    bad_name: bool,
    none_ticked: bool,
    l: Locale,
) -> impl IntoView {
    let back = href(&format!("/moderate/themes?{QUESTION}={}", s.question_id), l);
    let action = href(&format!("/moderate/themes/{}/split", s.question_id), l);
    let name = s.theme;
    view! {
        <SignOut/>
        <p><a href=back>{td_string!(l, moderate.back)}</a></p>
        <h1>{td_string!(l, moderate.themes_split_title)}</h1>
        <p dir="auto"><strong>{s.prompt}</strong></p>
        {bad_name.then(|| view! {
            <p class="error" role="alert" id="bad-name">{td_string!(l, moderate.themes_bad_name)}</p>
        })}
        {none_ticked.then(|| view! {
            <p class="error" role="alert" id="none-ticked">{td_string!(l, moderate.themes_split_none)}</p>
        })}
        <p>{td_string!(l, moderate.themes_split_intro, name = name.clone()).to_string()}</p>
        <form method="post" action=action class="together">
            <input type="hidden" name=FROM value=name.clone()/>
            <fieldset class="field">
                <legend>{td_string!(l, moderate.themes_split_ticked, name).to_string()}</legend>
                <ul class="listed">
                    {s.answers.into_iter().map(|(id, language, text)| {
                        let input = format!("split-{id}");
                        view! {
                            <li class="check">
                                <input type="checkbox" id=input.clone() name=ANSWER value=id.to_string()/>
                                <label for=input lang=language.code() dir="auto">{text}</label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </fieldset>
            <div class="field">
                <label for="split-name">{td_string!(l, moderate.themes_split_name)}</label>
                <input type="text" id="split-name" name=NAME value=typed required maxlength=NAME_MAX.to_string() autocomplete="off" dir="auto"/>
            </div>
            <button type="submit" class="button primary">{td_string!(l, moderate.themes_split_move)}</button>
        </form>
    }
}

#[component]
fn Suggestion(i: usize, t: SuggestionView, action: String, l: Locale) -> impl IntoView {
    let heading = format!("suggestion-{i}");
    let labelled_by = heading.clone();
    let input = format!("name-{i}");
    let languages: Vec<&str> = t.languages.iter().map(|l| l.name()).collect();
    let (number, n) = ((i + 1).to_string(), t.answers.len().to_string());
    let answers: Vec<String> = t.answers.iter().map(|a| a.to_string()).collect();
    view! {
        <section class="suggestion" aria-labelledby=labelled_by>
            <h2 id=heading>{td_string!(l, moderate.themes_suggestion, number, n = n.clone(), languages = languages.join(", ")).to_string()}</h2>
            {(!t.words.is_empty()).then(|| view! {
                <p>{td_string!(l, moderate.themes_words)}</p>
                <ul class="listed">
                    {t.words.into_iter().map(|(language, words)| view! {
                        <li lang=language.code() dir="auto"><span>{language.name()}": "</span>{words.join(", ")}</li>
                    }).collect_view()}
                </ul>
            })}
            <p>{td_string!(l, moderate.themes_nearest)}</p>
            <ul class="listed">
                {t.nearest.into_iter().map(|(language, text)| view! {
                    <li lang=language.code() dir="auto">{text}</li>
                }).collect_view()}
            </ul>
            <form method="post" action=action class="accept-theme">
                <input type="hidden" name=ANSWERS value=answers.join(",")/>
                <label for=input.clone()>{td_string!(l, moderate.themes_name)}</label>
                <input type="text" id=input name=NAME required maxlength=NAME_MAX.to_string() autocomplete="off" dir="auto"/>
                <button type="submit" class="button primary">{td_string!(l, moderate.themes_accept, n).to_string()}</button>
            </form>
        </section>
    }
}

/// Form fields of answers decided together.
pub const TOGETHER: &str = "answer";
pub const THEME: &str = "theme";

/// `/moderate/similar/{id}`: the pending answers most alike one, in any language, each in full,
/// ticked; approved together (each its own decision), tagged with a theme if one is typed.
#[component]
pub fn SimilarPage() -> impl IntoView {
    let l = locale();
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<AnswerId>().ok());
    view! {
        <Title text=td_string!(l, moderate.similar_title)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let loaded = match id {
                    Some(id) => load_similar(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                view! { <StaffGate result=loaded.map(|s| view! { <Similar s l/> })/> }
            })}
        </Suspense>
    }
}

#[component]
fn Similar(s: SimilarView, l: Locale) -> impl IntoView {
    let back = href(&format!("/moderate/items/{}", s.answer_id), l);
    let action = href(&format!("/moderate/similar/{}", s.answer_id), l);
    let n = (s.similar.len() + 1).to_string();
    let body = if s.flagged {
        view! { <p class="flag" role="status" id="never-batched">{td_string!(l, moderate.similar_flagged)}</p> }.into_any()
    } else if s.similar.is_empty() {
        view! { <p class="notice" role="status">{td_string!(l, moderate.similar_none)}</p> }
            .into_any()
    } else {
        let own = (s.answer_id, s.text.clone());
        view! {
            <form method="post" action=action class="together">
                <fieldset class="field">
                    <legend>{td_string!(l, moderate.similar_ticked)}</legend>
                    <ul class="listed">
                        <Ticked id=own.0 text=own.1 language=None/>
                        {s.similar.into_iter().map(|(id, language, text)| view! {
                            <Ticked id text language=Some(language)/>
                        }).collect_view()}
                    </ul>
                </fieldset>
                <div class="field">
                    <label for="together-theme">{td_string!(l, moderate.similar_theme)}</label>
                    <input type="text" id="together-theme" name=THEME maxlength=NAME_MAX.to_string() autocomplete="off" dir="auto"/>
                </div>
                <button type="submit" class="button primary">{td_string!(l, moderate.similar_approve, n).to_string()}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <SignOut/>
        <p><a href=back>{td_string!(l, moderate.back)}</a></p>
        <h1>{td_string!(l, moderate.similar_title)}</h1>
        <p dir="auto"><strong>{s.prompt}</strong></p>
        <p>{td_string!(l, moderate.similar_intro)}</p>
        {body}
    }
}

/// One answer to decide together, ticked, its whole text as its label.
#[component]
fn Ticked(id: AnswerId, text: String, language: Option<Language>) -> impl IntoView {
    let input = format!("together-{id}");
    view! {
        <li class="check">
            <input type="checkbox" id=input.clone() name=TOGETHER value=id.to_string() checked=true/>
            <label for=input lang=language.map(Language::code) dir="auto">{text}</label>
        </li>
    }
}
