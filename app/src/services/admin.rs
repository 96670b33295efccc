use tower_sessions::Session;

use crate::domain::audit::{AuditAction, Subject};
use crate::domain::authoring::{ConsultationForm, ConsultationSettings};
use crate::domain::follow_up::{self, FollowUpForm};
use crate::domain::helplines::{self, Helpline};
use crate::domain::ids::{ConsultationId, QuestionId};
use crate::domain::language::Language;
use crate::domain::lifecycle::{Window, WindowChange};
use crate::domain::problem::{FieldProblems, Problem};
use crate::domain::question_form::QuestionForm;
use crate::domain::staff::Role;
use crate::domain::time_fmt::iso_utc;
use crate::domain::translation;
use crate::domain::window::WindowChangeForm;
use crate::error::AppError;
use crate::services::Saved;
use crate::services::auth::require;
use crate::services::respond;
use crate::state::AppState;
use crate::storage::{audit, consultations, translations};
use crate::views::admin::{AdminListed, FollowUpView, QuestionsView, WindowView};
use crate::views::respond::{ConsultationView, FormSpec};

pub async fn consultations(
    state: &AppState,
    session: &Session,
) -> Result<Vec<AdminListed>, AppError> {
    require(state, session, Role::Admin).await?;
    let now = state.clock.now();
    let all = consultations::all(&state.db).await?;
    Ok(all
        .into_iter()
        .map(|c| AdminListed {
            id: c.id,
            phase: c.schedule.phase(now),
            opens_at: c.schedule.window.map(|w| w.opens_at),
            closes_at: c.schedule.window.map(|w| w.closes_at),
            slug: c.slug,
            title: c.title,
        })
        .collect())
}

async fn settings(state: &AppState, id: i64) -> Result<ConsultationSettings, AppError> {
    let c = consultations::by_id(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(ConsultationSettings::from(&c))
}

pub async fn check_admin(state: &AppState, session: &Session) -> Result<(), AppError> {
    require(state, session, Role::Admin).await.map(drop)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved(i64),
    Invalid(FieldProblems),
}

pub async fn create(
    state: &AppState,
    session: &Session,
    form: &ConsultationForm,
) -> Result<SaveOutcome, AppError> {
    let member = require(state, session, Role::Admin).await?;
    let settings = match form.parse() {
        Ok(s) => s,
        Err(errors) => return Ok(SaveOutcome::Invalid(errors)),
    };
    let now = state.clock.now();
    let Some(id) = consultations::insert(&state.db, &settings, &[], now).await? else {
        return Ok(SaveOutcome::Invalid(FieldProblems::from([(
            "slug".into(),
            Problem::SlugTaken,
        )])));
    };
    audit::append(
        &state.db,
        now,
        Some(member.id),
        AuditAction::CreatedConsultation,
        Subject::Consultation(&settings.slug),
        "",
    )
    .await?;
    Ok(SaveOutcome::Saved(id))
}

pub async fn update(
    state: &AppState,
    session: &Session,
    id: i64,
    form: &ConsultationForm,
) -> Result<SaveOutcome, AppError> {
    let member = require(state, session, Role::Admin).await?;
    let before = settings(state, id).await?;
    let settings = match form.parse() {
        Ok(s) => s,
        Err(errors) => return Ok(SaveOutcome::Invalid(errors)),
    };
    if !consultations::update_settings(&state.db, id, &settings).await? {
        return Ok(SaveOutcome::Invalid(FieldProblems::from([(
            "slug".into(),
            Problem::SlugTaken,
        )])));
    }
    state.public.clear();
    let detail = if before.window == settings.window { "" } else { "window changed" };
    audit::append(
        &state.db,
        state.clock.now(),
        Some(member.id),
        AuditAction::EditedConsultation,
        Subject::Consultation(&settings.slug),
        detail,
    )
    .await?;
    Ok(SaveOutcome::Saved(id))
}

pub async fn window(state: &AppState, session: &Session, id: i64) -> Result<WindowView, AppError> {
    require(state, session, Role::Admin).await?;
    let c = consultations::by_id(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(WindowView {
        phase: c.schedule.phase(state.clock.now()),
        closes_at: c.schedule.window.map(|w| w.closes_at),
        grace_minutes: c.schedule.grace_secs / 60,
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WindowOutcome {
    Changed,
    Invalid(FieldProblems),
    /// The consultation moved on since the form was loaded (its close was changed, it closed by
    /// itself, or its summary was published): nothing was changed.
    Conflict,
}

/// Closes an open window early, or extends one that has opened (reopening it if it has closed
/// and nothing is published yet). Young people's pages follow at once; audited.
pub async fn change_window(
    state: &AppState,
    session: &Session,
    id: i64,
    form: &WindowChangeForm,
) -> Result<WindowOutcome, AppError> {
    let member = require(state, session, Role::Admin).await?;
    let change = match form.parse() {
        Ok(change) => change,
        Err(errors) => return Ok(WindowOutcome::Invalid(errors)),
    };
    let c = consultations::by_id(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let Some(window) = c.schedule.changed(change, now) else {
        return Ok(WindowOutcome::Conflict);
    };
    // Applies only if the close is still the one the organizer saw.
    if !consultations::move_close(&state.db, id, form.seen_close, window.closes_at).await? {
        return Ok(WindowOutcome::Conflict);
    }
    state.public.clear();
    let action = match change {
        WindowChange::CloseNow => AuditAction::ClosedEarly,
        WindowChange::Extend { .. } => AuditAction::Extended,
    };
    let detail = format!("closes {}", iso_utc(window.closes_at));
    audit::append(&state.db, now, Some(member.id), action, Subject::Consultation(&c.slug), &detail)
        .await?;
    Ok(WindowOutcome::Changed)
}

pub async fn form_for(
    state: &AppState,
    session: &Session,
    id: i64,
) -> Result<ConsultationForm, AppError> {
    require(state, session, Role::Admin).await?;
    let settings = settings(state, id).await?;
    Ok(ConsultationForm::from_settings(&settings))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuestionChange {
    Add(QuestionForm),
    Save(QuestionId, QuestionForm),
    Up(QuestionId),
    Down(QuestionId),
    Remove(QuestionId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeOutcome {
    Done,
    Invalid(FieldProblems),
    /// The window has opened: changing questions would change what earlier answers mean.
    Locked,
}

pub async fn change_question(
    state: &AppState,
    session: &Session,
    consultation_id: ConsultationId,
    change: QuestionChange,
) -> Result<ChangeOutcome, AppError> {
    let member = require(state, session, Role::Admin).await?;
    let now = state.clock.now();
    let settings = settings(state, consultation_id.0).await?;
    if questions_locked(settings.window, now) {
        return Ok(ChangeOutcome::Locked);
    }
    let parse = |form: &QuestionForm| form.parse();
    let (found, what) = match &change {
        QuestionChange::Add(form) => match parse(form) {
            Ok(q) => (
                consultations::add_question(&state.db, consultation_id, &q).await.map(|()| true)?,
                AuditAction::AddedQuestion,
            ),
            Err(errors) => return Ok(ChangeOutcome::Invalid(errors)),
        },
        QuestionChange::Save(id, form) => match parse(form) {
            Ok(q) => (
                consultations::replace_question(&state.db, consultation_id, *id, &q).await?,
                AuditAction::EditedQuestion,
            ),
            Err(errors) => return Ok(ChangeOutcome::Invalid(errors)),
        },
        QuestionChange::Up(id) => (
            consultations::move_question(&state.db, consultation_id, *id, true).await?,
            AuditAction::MovedQuestion,
        ),
        QuestionChange::Down(id) => (
            consultations::move_question(&state.db, consultation_id, *id, false).await?,
            AuditAction::MovedQuestion,
        ),
        QuestionChange::Remove(id) => (
            consultations::remove_question(&state.db, consultation_id, *id).await?,
            AuditAction::RemovedQuestion,
        ),
    };
    if found {
        state.public.clear();
        audit::append(
            &state.db,
            now,
            Some(member.id),
            what,
            Subject::Consultation(&settings.slug),
            "",
        )
        .await?;
    }
    Ok(ChangeOutcome::Done)
}

/// Once the window has opened, questions and options stay as young people saw them.
fn questions_locked(window: Option<Window>, now: i64) -> bool {
    window.is_some_and(|w| now >= w.opens_at)
}

pub async fn questions_for(
    state: &AppState,
    session: &Session,
    id: i64,
) -> Result<QuestionsView, AppError> {
    require(state, session, Role::Admin).await?;
    let settings = settings(state, id).await?;
    Ok(QuestionsView {
        locked: questions_locked(settings.window, state.clock.now()),
        questions: consultations::questions(&state.db, id).await?,
    })
}

pub async fn follow_up(
    state: &AppState,
    session: &Session,
    id: i64,
) -> Result<FollowUpView, AppError> {
    require(state, session, Role::Admin).await?;
    let c = consultations::by_id(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(FollowUpView {
        may_write: follow_up::may_write(&c.schedule),
        form: c.follow_up.as_ref().map(FollowUpForm::from).unwrap_or_default(),
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FollowUpOutcome {
    Written,
    Invalid(FieldProblems),
    /// The summary is not published yet: nothing was written.
    Unpublished,
}

/// Writes what happened next (an empty form takes it down); young people's pages and the
/// summary show it at once. Audited.
pub async fn write_follow_up(
    state: &AppState,
    session: &Session,
    id: i64,
    form: &FollowUpForm,
) -> Result<FollowUpOutcome, AppError> {
    let member = require(state, session, Role::Admin).await?;
    let parts = match form.parse() {
        Ok(parts) => parts,
        Err(errors) => return Ok(FollowUpOutcome::Invalid(errors)),
    };
    let c = consultations::by_id(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    if !consultations::set_follow_up(&state.db, id, parts.as_ref(), now).await? {
        return Ok(FollowUpOutcome::Unpublished);
    }
    state.public.clear();
    let (action, detail) = match &parts {
        Some(parts) => {
            let written: Vec<String> = parts
                .iter()
                .map(|(told, text)| format!("{} ({} characters)", told.key(), text.chars().count()))
                .collect();
            (AuditAction::WroteFollowUp, written.join(", "))
        }
        None => (AuditAction::TookDownFollowUp, String::new()),
    };
    audit::append(&state.db, now, Some(member.id), action, Subject::Consultation(&c.slug), &detail)
        .await?;
    Ok(FollowUpOutcome::Written)
}

/// The consultation exactly as a young person will see it, whatever its phase.
pub async fn preview(
    state: &AppState,
    session: &Session,
    id: i64,
    reader: Language,
) -> Result<ConsultationView, AppError> {
    require(state, session, Role::Admin).await?;
    let mut c = consultations::by_id(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let mut questions = consultations::questions(&state.db, id).await?;
    let translations = translations::all(&state.db, id).await?.remove(&reader).unwrap_or_default();
    let fallback = translation::localize(&mut c, &mut questions, &translations, reader);
    // No token: a preview cannot be sent.
    let form = Some(FormSpec { token: String::new(), questions, via: None });
    let helplines = respond::helplines(state).await?;
    Ok(respond::view(c, &state.public_url, state.clock.now(), form, helplines, fallback))
}

/// The helplines as organizers typed them, for the form.
pub async fn helplines_text(state: &AppState, session: &Session) -> Result<String, AppError> {
    require(state, session, Role::Admin).await?;
    Ok(crate::storage::settings::helplines(&state.db).await?)
}

/// Saves the list if every line reads as a helpline; else the first problem, nothing saved.
pub async fn save_helplines(
    state: &AppState,
    session: &Session,
    text: &str,
) -> Result<Saved<Problem>, AppError> {
    let admin = require(state, session, Role::Admin).await?;
    let list = match helplines::parse(text) {
        Ok(list) => list,
        Err(problem) => return Ok(Saved::Invalid(problem)),
    };
    let lines: Vec<String> = list.iter().map(Helpline::line).collect();
    crate::storage::settings::set_helplines(&state.db, &lines.join("\n")).await?;
    state.public.clear();
    let detail = format!("{} listed", list.len());
    audit::append(
        &state.db,
        state.clock.now(),
        Some(admin.id),
        AuditAction::ChangedHelplines,
        Subject::Site,
        &detail,
    )
    .await?;
    Ok(Saved::Done)
}
