//! Organizers translating a consultation's texts, and how far each language has got.

use std::collections::BTreeMap;

use tower_sessions::Session;

use crate::domain::consultation::Consultation;
use crate::domain::language::Language;
use crate::domain::translation::{self, Source};
use crate::error::AppError;
use crate::services::Saved;
use crate::services::partners::admin_of;
use crate::state::AppState;
use crate::storage::translations::{self, Change};
use crate::storage::{consultations, moderation};
use crate::views::admin::{TranslationProgress, TranslationView};

/// Everything of `c` there is to translate, themes included.
async fn sources(state: &AppState, c: &Consultation) -> Result<Vec<Source>, AppError> {
    let questions = consultations::questions(&state.db, c.id).await?;
    let themes = moderation::consultation_themes(&state.db, c.id).await?;
    Ok(translation::sources(c, &questions, &themes))
}

/// The form for translating into `to`; a consultation is not translated into its own language.
pub async fn view(
    state: &AppState,
    session: &Session,
    consultation_id: i64,
    to: Language,
) -> Result<TranslationView, AppError> {
    let (_, c) = admin_of(state, session, consultation_id).await?;
    if to == c.language {
        return Err(AppError::NotFound);
    }
    let stored = translations::all(&state.db, c.id).await?.remove(&to).unwrap_or_default();
    Ok(TranslationView {
        sources: sources(state, &c).await?,
        id: c.id,
        title: c.title,
        from: c.language,
        to,
        stored,
    })
}

/// For each other language, how many of the texts are translated.
pub async fn progress(
    state: &AppState,
    session: &Session,
    consultation_id: i64,
) -> Result<Vec<TranslationProgress>, AppError> {
    let (_, c) = admin_of(state, session, consultation_id).await?;
    let sources = sources(state, &c).await?;
    let mut stored = translations::all(&state.db, c.id).await?;
    Ok(Language::ALL
        .into_iter()
        .filter(|&l| l != c.language)
        .map(|language| {
            let t = stored.remove(&language).unwrap_or_default();
            let done = sources.iter().filter(|s| t.by_key(&s.key).is_some()).count();
            TranslationProgress { language, done, total: sources.len() }
        })
        .collect())
}

/// Saves the texts typed for `to` (replacing that language's earlier ones) if every one passes;
/// else a message per field and nothing saved.
pub async fn save(
    state: &AppState,
    session: &Session,
    consultation_id: i64,
    to: Language,
    posted: &BTreeMap<String, String>,
) -> Result<Saved, AppError> {
    let (member, c) = admin_of(state, session, consultation_id).await?;
    if to == c.language {
        return Err(AppError::NotFound);
    }
    let parsed = match translation::parse_form(&sources(state, &c).await?, posted) {
        Ok(parsed) => parsed,
        Err(errors) => return Ok(Saved::Invalid(errors)),
    };
    let change = Change {
        consultation_id: c.id,
        slug: &c.slug,
        language: to,
        by: Some(member.id),
        at: state.clock.now(),
    };
    translations::replace(&state.db, change, &parsed).await?;
    state.public.clear();
    Ok(Saved::Done)
}
