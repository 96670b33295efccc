//! Organizers translating a consultation's texts, and how far each language has got.

use std::collections::BTreeMap;

use tower_sessions::Session;

use crate::domain::consultation::Consultation;
use crate::domain::language::Language;
use crate::domain::translation::{self, Source, SummaryTexts};
use crate::error::AppError;
use crate::services::Saved;
use crate::services::partners::admin_of;
use crate::state::AppState;
use crate::storage::translations::{self, Change};
use crate::storage::{briefs, consultations, moderation, summary};
use crate::views::admin::{TranslationProgress, TranslationView};

/// Everything of a consultation there is to translate besides its own texts: the summary's
/// themes, quotes and brief. Read once, then listed for each language.
struct Texts {
    questions: Vec<crate::domain::question::Question>,
    themes: Vec<(crate::domain::ids::QuestionId, String)>,
    quotes: Vec<(crate::domain::ids::QuestionId, Language, String)>,
    brief: Option<crate::domain::brief::Brief>,
}

impl Texts {
    async fn read(state: &AppState, c: &Consultation) -> Result<Self, AppError> {
        let db = &state.db;
        let quotes = summary::quotes(db, c.id).await?;
        Ok(Self {
            questions: consultations::questions(db, c.id).await?,
            themes: moderation::consultation_themes(db, c.id).await?,
            quotes: quotes.into_iter().map(|q| (q.question_id, q.language, q.text)).collect(),
            brief: briefs::get(db, c.id).await?,
        })
    }

    /// What of `c` there is to translate into `to`.
    fn sources(&self, c: &Consultation, to: Language) -> Vec<Source> {
        let extra =
            SummaryTexts { themes: &self.themes, quotes: &self.quotes, brief: self.brief.as_ref() };
        translation::sources(c, &self.questions, extra, to)
    }
}

async fn sources(
    state: &AppState,
    c: &Consultation,
    to: Language,
) -> Result<Vec<Source>, AppError> {
    Ok(Texts::read(state, c).await?.sources(c, to))
}

/// The form for translating into `to` (into the consultation's own language: quotes only).
pub async fn view(
    state: &AppState,
    session: &Session,
    consultation_id: i64,
    to: Language,
) -> Result<TranslationView, AppError> {
    let (_, c) = admin_of(state, session, consultation_id).await?;
    let sources = sources(state, &c, to).await?;
    if sources.is_empty() && to == c.language {
        return Err(AppError::NotFound);
    }
    let stored = translations::all(&state.db, c.id).await?.remove(&to).unwrap_or_default();
    Ok(TranslationView { sources, id: c.id, title: c.title, from: c.language, to, stored })
}

/// For each language with something to translate into it, how many of the texts are.
pub async fn progress(
    state: &AppState,
    session: &Session,
    consultation_id: i64,
) -> Result<Vec<TranslationProgress>, AppError> {
    let (_, c) = admin_of(state, session, consultation_id).await?;
    let texts = Texts::read(state, &c).await?;
    let mut stored = translations::all(&state.db, c.id).await?;
    let mut progress = Vec::new();
    for language in Language::ALL {
        let sources = texts.sources(&c, language);
        let t = stored.remove(&language).unwrap_or_default();
        let done = sources.iter().filter(|s| t.by_key(&s.key).is_some()).count();
        if !sources.is_empty() {
            progress.push(TranslationProgress { language, done, total: sources.len() });
        }
    }
    Ok(progress)
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
    let sources = sources(state, &c, to).await?;
    if sources.is_empty() && to == c.language {
        return Err(AppError::NotFound);
    }
    let parsed = match translation::parse_form(&sources, posted) {
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
