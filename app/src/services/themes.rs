//! Themes for moderators: a question's counted answers grouped by meaning (`domain::themes`), a
//! suggestion accepted as a theme in one decision, and a theme renamed, merged, split or dropped.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tower_sessions::Session;

use crate::domain::ids::{AnswerId, QuestionId};
use crate::domain::language::Language;
use crate::domain::moderation::{Decision, ReviewForm, Status};
use crate::domain::staff::{Role, StaffMember};
use crate::domain::theme::ThemeName;
use crate::domain::themes::words::language_of;
use crate::domain::themes::{self, Suggestions, Text, vector};
use crate::error::AppError;
use crate::services::moderate::{self, ReviewOutcome};
use crate::state::AppState;
use crate::storage::{moderation, reading, themes as stored};
use crate::views::moderate::{
    DecidedTheme, FilterQuestion, SimilarView, SplitView, SuggestionView, SuggestionsView,
};

/// The answers nearest a suggestion's centre shown with it.
const NEAREST: usize = 3;

async fn require_moderator(state: &AppState, session: &Session) -> Result<StaffMember, AppError> {
    crate::services::auth::require(state, session, Role::Moderator).await
}

/// A free-text question moderators group the answers of; not found for any other.
async fn free_text_question(
    state: &AppState,
    question_id: QuestionId,
) -> Result<FilterQuestion, AppError> {
    let questions = moderation::filter_questions(&state.db).await?;
    let question = questions.into_iter().find(|q| q.question_id == question_id);
    question.ok_or(AppError::NotFound)
}

/// The suggestions for one free-text question; `decided`: a decision to show with its undo.
pub async fn suggestions(
    state: &AppState,
    session: &Session,
    question_id: QuestionId,
    decided: Option<i64>,
) -> Result<SuggestionsView, AppError> {
    require_moderator(state, session).await?;
    let question = free_text_question(state, question_id).await?;
    let decided = match decided {
        Some(id) => stored::decision(&state.db, id)
            .await?
            .filter(|d| d.question_id == question_id)
            .map(|d| DecidedTheme {
                decision: id,
                kind: d.kind,
                answers: d.answers,
                undone: d.undone_at.is_some(),
                name: d.name,
                into: d.into,
            }),
        None => None,
    };
    let mut view = SuggestionsView {
        question_id,
        prompt: question.prompt,
        consultation_title: question.consultation_title,
        on: state.detector.meaning().is_some(),
        carried: stored::carried(&state.db, question_id)
            .await?
            .into_iter()
            .map(|(name, n)| (name, n as u64))
            .collect(),
        themes: Vec::new(),
        ungrouped: 0,
        too_short: 0,
        decided,
    };
    if view.on {
        suggest(state, question_id, &mut view).await?;
    }
    Ok(view)
}

/// How long suggestions a moderator opened are kept and made again as answers arrive; past it,
/// nobody is looking at them and the server stops grouping that question's answers.
const WATCHED_SECS: u64 = 3600;

/// Suggestions as last made for each question a moderator opened: kept while the question's
/// counted answers stay the same, and made again in the background as answers arrive
/// ([`keep_suggesting`]), so a moderator finds them current and waits for no grouping, and the
/// queue can say how many there are.
#[derive(Debug, Default)]
pub struct Suggested {
    made: Mutex<HashMap<QuestionId, Made>>,
}

#[derive(Debug)]
struct Made {
    /// Of the answers grouped ([`fingerprint`]).
    fingerprint: u64,
    suggestions: Arc<Suggestions>,
    /// When a moderator last opened them.
    opened: Instant,
}

impl Suggested {
    /// How many suggestions were last made for each question that has some made.
    pub fn counts(&self) -> HashMap<QuestionId, usize> {
        let made = self.made.lock().expect("suggestions lock");
        made.iter().map(|(&q, m)| (q, m.suggestions.themes.len())).collect()
    }

    fn current(&self, question_id: QuestionId, fingerprint: u64) -> Option<Arc<Suggestions>> {
        let made = self.made.lock().expect("suggestions lock");
        made.get(&question_id)
            .filter(|m| m.fingerprint == fingerprint)
            .map(|m| m.suggestions.clone())
    }

    /// `now_opened`: a moderator asked for them just now; else they keep when they last did.
    fn keep(
        &self,
        question_id: QuestionId,
        fingerprint: u64,
        suggestions: Arc<Suggestions>,
        now_opened: bool,
    ) {
        let mut made = self.made.lock().expect("suggestions lock");
        let before = made.get(&question_id).map(|m| m.opened).filter(|_| !now_opened);
        let opened = before.unwrap_or_else(Instant::now);
        made.insert(question_id, Made { fingerprint, suggestions, opened });
    }

    /// The questions moderators opened within the hour; the others are forgotten.
    fn watched(&self) -> Vec<QuestionId> {
        let mut made = self.made.lock().expect("suggestions lock");
        made.retain(|_, m| m.opened.elapsed() < Duration::from_secs(WATCHED_SECS));
        made.keys().copied().collect()
    }
}

/// What suggestions are made of: the answers' ids and texts, in order (a redaction changes them).
fn fingerprint(texts: &[stored::ThemeText]) -> u64 {
    let mut hasher = DefaultHasher::new();
    for t in texts {
        t.answer_id.hash(&mut hasher);
        t.text.hash(&mut hasher);
    }
    hasher.finish()
}

/// Makes the suggestions of the questions moderators are looking at again whenever their answers
/// changed: as answers arrive, not when a moderator opens them. Runs for as long as the server.
pub async fn keep_suggesting(state: AppState, every: Duration) {
    if state.detector.meaning().is_none() {
        return;
    }
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        for question_id in state.suggested.watched() {
            if let Err(error) = made(&state, question_id, false).await {
                tracing::warn!(?error, "making theme suggestions as answers arrive");
            }
        }
    }
}

/// The question's suggestions for its answers as they stand, made again only if they changed
/// since; `opened`: a moderator asked for them (they are then watched for another hour).
async fn made(
    state: &AppState,
    question_id: QuestionId,
    opened: bool,
) -> Result<(Vec<stored::ThemeText>, Arc<Suggestions>), AppError> {
    let texts = stored::texts(&state.db, question_id).await?;
    let print = fingerprint(&texts);
    if let Some(suggestions) = state.suggested.current(question_id, print) {
        if opened {
            state.suggested.keep(question_id, print, suggestions.clone(), true);
        }
        return Ok((texts, suggestions));
    }
    let (suggestions, texts) = group(state, texts).await?;
    let suggestions = Arc::new(suggestions);
    state.suggested.keep(question_id, print, suggestions.clone(), opened);
    Ok((texts, suggestions))
}

/// Groups the answers, embedding (and keeping) those the reading thread did not.
async fn group(
    state: &AppState,
    texts: Vec<stored::ThemeText>,
) -> Result<(Suggestions, Vec<stored::ThemeText>), AppError> {
    let detector = state.detector.clone();
    let (suggestions, texts, made) = tokio::task::spawn_blocking(move || {
        let meaning = detector.meaning().expect("suggestions are on");
        let mut made = Vec::new();
        let vectors: Vec<Vec<f32>> = texts
            .iter()
            .map(|t| match t.vector.as_deref().and_then(vector::unpack) {
                Some(v) => v,
                None => {
                    let v = meaning.embed(&t.text);
                    made.push((t.answer_id, v.clone()));
                    v
                }
            })
            .collect();
        let read: Vec<Text> = texts
            .iter()
            .zip(&vectors)
            .map(|(t, v)| Text { text: &t.text, language: written_in(t), vector: v })
            .collect();
        let suggestions = themes::suggest(&read);
        (suggestions, texts, made)
    })
    .await
    .map_err(|error| {
        tracing::error!(%error, "suggesting themes failed");
        AppError::Internal
    })?;
    if !made.is_empty() {
        stored::keep_vectors(&state.db, &made).await?;
    }
    Ok((suggestions, texts))
}

/// The question's suggestions as the page shows them.
async fn suggest(
    state: &AppState,
    question_id: QuestionId,
    view: &mut SuggestionsView,
) -> Result<(), AppError> {
    let (texts, suggestions) = made(state, question_id, true).await?;
    view.themes = suggestions
        .themes
        .iter()
        .map(|t| SuggestionView {
            answers: t.members.iter().map(|&i| texts[i].answer_id).collect(),
            nearest: distinct_nearest(&t.members, &texts),
            languages: t.languages.clone(),
            words: t.words.clone().into_iter().collect(),
        })
        .collect();
    view.ungrouped = suggestions.ungrouped.len() as u64;
    view.too_short = suggestions.too_short.len() as u64;
    Ok(())
}

/// The language an answer is written in: guessed from its words, the response's language failing
/// that (a young person may answer in another language than the form's).
fn written_in(t: &stored::ThemeText) -> Language {
    language_of(&t.text, Language::parse(&t.language).unwrap_or_default())
}

/// The first answers of `members` (nearest the centre first) whose texts differ: copies of one
/// sentence would show the same words three times.
fn distinct_nearest(members: &[usize], texts: &[stored::ThemeText]) -> Vec<(Language, String)> {
    let mut shown: Vec<(Language, String)> = Vec::new();
    for &i in members {
        if shown.len() == NEAREST {
            break;
        }
        if !shown.iter().any(|(_, t)| *t == texts[i].text) {
            shown.push((written_in(&texts[i]), texts[i].text.clone()));
        }
    }
    shown
}

/// What accepting a suggestion came to.
#[derive(Debug, PartialEq, Eq)]
pub enum AcceptOutcome {
    Accepted {
        decision: i64,
    },
    /// No name, or one too long: nothing was tagged.
    BadName,
}

/// Tags the suggestion's answers with the theme `name` in one audited decision.
pub async fn accept(
    state: &AppState,
    session: &Session,
    question_id: QuestionId,
    name: &str,
    answers: &[AnswerId],
) -> Result<AcceptOutcome, AppError> {
    let me = require_moderator(state, session).await?;
    let Some(name) = ThemeName::parse(name) else { return Ok(AcceptOutcome::BadName) };
    let now = state.clock.now();
    let accepted = stored::accept(&state.db, question_id, &name, answers, me.id, now).await?;
    Ok(AcceptOutcome::Accepted { decision: accepted.decision })
}

/// A change to one of a question's themes, as a moderator asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThemeChange {
    /// All its answers to the theme of this name: a rename, or a merge into a theme of that name.
    Rename(String),
    /// These of its answers to the theme of this name (made if new).
    Split { into: String, answers: Vec<AnswerId> },
    /// Off all its answers.
    Drop,
}

/// What a change to a theme came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeOutcome {
    Decided(i64),
    /// Only the case of its name changed: respelled, nothing moved.
    Respelled,
    /// No name, or one too long: nothing moved.
    BadName,
    /// A split with no answer ticked: nothing moved.
    NoneTicked,
    /// Nothing to move: the theme carries none of the answers (or is gone).
    Nothing,
}

/// Renames, merges, splits or drops the question's theme `from`, in one audited decision.
pub async fn change(
    state: &AppState,
    session: &Session,
    question_id: QuestionId,
    from: &str,
    change: ThemeChange,
) -> Result<ChangeOutcome, AppError> {
    let me = require_moderator(state, session).await?;
    let (into, only) = match &change {
        ThemeChange::Rename(into) => (Some(into.as_str()), None),
        ThemeChange::Split { into, answers } => (Some(into.as_str()), Some(answers.as_slice())),
        ThemeChange::Drop => (None, None),
    };
    let into = match into.map(ThemeName::parse) {
        Some(None) => return Ok(ChangeOutcome::BadName),
        Some(Some(name)) => Some(name),
        None => None,
    };
    if only.is_some_and(<[AnswerId]>::is_empty) {
        return Ok(ChangeOutcome::NoneTicked);
    }
    let now = state.clock.now();
    let moved =
        stored::move_answers(&state.db, question_id, from, into.as_ref(), only, me.id, now).await?;
    Ok(match moved {
        stored::Moved::Decided(decision) => ChangeOutcome::Decided(decision),
        stored::Moved::Respelled => ChangeOutcome::Respelled,
        stored::Moved::Nothing => ChangeOutcome::Nothing,
    })
}

/// A theme's answers, each in full, for a moderator to tick those that belong elsewhere.
pub async fn split(
    state: &AppState,
    session: &Session,
    question_id: QuestionId,
    theme: &str,
) -> Result<SplitView, AppError> {
    require_moderator(state, session).await?;
    let question = free_text_question(state, question_id).await?;
    let answers = stored::carrying(&state.db, question_id, theme).await?;
    if answers.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(SplitView {
        question_id,
        prompt: question.prompt,
        theme: theme.to_owned(),
        answers: answers.into_iter().map(|a| (a.answer_id, written_in(&a), a.text)).collect(),
    })
}

/// Takes back what a decision tagged; the question it was for, to go back to.
pub async fn undo(
    state: &AppState,
    session: &Session,
    decision: i64,
) -> Result<Option<QuestionId>, AppError> {
    let me = require_moderator(state, session).await?;
    let Some(found) = stored::decision(&state.db, decision).await? else { return Ok(None) };
    stored::undo(&state.db, decision, me.id, state.clock.now()).await?;
    Ok(Some(found.question_id))
}

/// The question's theme an answer is nearest to in meaning, to offer its moderator (none when it
/// carries it already, when no theme is near, or without kept embeddings).
pub async fn nearest_theme(
    state: &AppState,
    answer_id: AnswerId,
    question_id: QuestionId,
    carried: &[String],
) -> Result<Option<String>, AppError> {
    let Some(own) =
        stored::vector_of(&state.db, answer_id).await?.as_deref().and_then(vector::unpack)
    else {
        return Ok(None);
    };
    let tagged = stored::tagged_vectors(&state.db, question_id).await?;
    let tagged: Vec<(&str, Vec<f32>)> = tagged
        .iter()
        .filter(|(name, _)| !carried.iter().any(|c| c.eq_ignore_ascii_case(name)))
        .filter_map(|(name, v)| Some((name.as_str(), vector::unpack(v)?)))
        .collect();
    Ok(themes::nearest_theme(&own, &tagged).map(|(name, _)| name.to_owned()))
}

/// The pending answers most alike `answer_id` (any language), to decide together with it.
pub async fn similar(
    state: &AppState,
    session: &Session,
    answer_id: AnswerId,
) -> Result<SimilarView, AppError> {
    let me = require_moderator(state, session).await?;
    let now = state.clock.now();
    let item = moderation::item(&state.db, answer_id, now).await?.ok_or(AppError::NotFound)?;
    let mut view = SimilarView {
        answer_id,
        prompt: item.prompt,
        text: item.state.text,
        flagged: item.state.concern.is_some(),
        similar: Vec::new(),
    };
    let own = stored::vector_of(&state.db, answer_id).await?;
    let Some(own) = own.as_deref().and_then(vector::unpack).filter(|_| !view.flagged) else {
        return Ok(view);
    };
    let others = stored::pending_alike(&state.db, item.question_id, answer_id, me.id, now).await?;
    let vectors: Vec<Vec<f32>> = others
        .iter()
        .map(|o| o.vector.as_deref().and_then(vector::unpack).unwrap_or_default())
        .collect();
    let slices: Vec<&[f32]> = vectors.iter().map(Vec::as_slice).collect();
    view.similar = themes::most_alike(&own, &slices, themes::TOGETHER)
        .into_iter()
        .map(|(i, _)| {
            let o = &others[i];
            (o.answer_id, written_in(o), o.text.clone())
        })
        .collect();
    Ok(view)
}

/// Approves the ticked answers as they stand, each tagged with `theme` if one is given, each its
/// own audited decision. A flagged answer is never decided here, whatever was sent; an answer
/// decided or taken meanwhile is left as it is. How many were approved.
pub async fn approve_together(
    state: &AppState,
    session: &Session,
    answers: &[AnswerId],
    theme: &str,
) -> Result<u64, AppError> {
    require_moderator(state, session).await?;
    let now = state.clock.now();
    let mut approved = 0;
    for &answer_id in answers {
        let Some(item) = moderation::item(&state.db, answer_id, now).await? else { continue };
        // A flagged answer, or one not yet read for meaning (it may be a disclosure), is
        // decided on its own.
        let unread = reading::is_awaiting(&state.db, answer_id).await?;
        if item.state.concern.is_some() || unread || item.state.status != Status::Pending {
            continue;
        }
        let form = ReviewForm {
            decision: Decision::Approve.key(),
            text: item.state.text.clone(),
            themes: item.state.themes.clone(),
            new_themes: theme.to_owned(),
            quote: item.state.quote,
            concern: String::new(),
        };
        if let ReviewOutcome::Saved(_) = moderate::decide(state, session, answer_id, &form).await? {
            approved += 1;
        }
    }
    Ok(approved)
}
