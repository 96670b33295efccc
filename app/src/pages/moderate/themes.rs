//! `/moderate/themes?question=`: a question's answers grouped by meaning across the languages,
//! each group a suggestion a moderator can name and accept, tagging all its answers in one
//! decision (undoable). Plain forms: it works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::moderate::load_suggestions;
use crate::components::language::{href, locale};
use crate::components::staff::{SignOut, StaffGate};
use crate::domain::ids::QuestionId;
use crate::i18n::{Locale, td_string};
use crate::views::moderate::{DecidedTheme, SuggestionView};

/// Query parameters: the question, a decision just taken, a name refused.
pub const QUESTION: &str = "question";
pub const DECIDED: &str = "decided";
pub const BAD_NAME: &str = "bad_name";
/// Form fields of an accepted suggestion.
pub const NAME: &str = "name";
pub const ANSWERS: &str = "answers";

#[component]
pub fn ThemesPage() -> impl IntoView {
    let l = locale();
    let query = use_query_map().read_untracked();
    let question: Option<QuestionId> = query.get(QUESTION).and_then(|q| q.parse().ok());
    let decided: Option<i64> = query.get(DECIDED).and_then(|d| d.parse().ok());
    let bad_name = query.get(BAD_NAME).is_some();
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
    let (n, name) = (d.tagged.to_string(), d.name);
    if d.undone {
        view! { <p class="success" role="status" id="theme-decided">{td_string!(l, moderate.themes_undone, n, name).to_string()}</p> }
            .into_any()
    } else {
        let undo = href(&format!("/moderate/themes/undo/{}", d.decision), l);
        view! {
            <form method="post" action=undo class="success" role="status" id="theme-decided">
                {td_string!(l, moderate.themes_accepted, n, name).to_string()}" "
                <button type="submit" class="button">{td_string!(l, moderate.themes_undo)}</button>
            </form>
        }
        .into_any()
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
                <input type="text" id=input name=NAME required maxlength="80" autocomplete="off"/>
                <button type="submit" class="button primary">{td_string!(l, moderate.themes_accept, n).to_string()}</button>
            </form>
        </section>
    }
}
