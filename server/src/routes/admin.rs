use std::collections::BTreeMap;

use app::domain::authoring::ConsultationForm;
use app::domain::follow_up::FollowUpForm;
use app::domain::ids::{ConsultationId, PartnerId, QuestionId, StaffId};
use app::domain::language::Language;
use app::domain::partner::PartnerForm;
use app::domain::problem::{FieldProblems, Problem};
use app::domain::question_form::QuestionForm;
use app::domain::second_factor::SecondFactor;
use app::domain::staff::Role;
use app::domain::window::WindowChangeForm;
use app::error::AppError;
use app::pages::admin::editor::PostedConsultation;
use app::pages::admin::follow_up::PostedFollowUp;
use app::pages::admin::helplines::PostedHelplines;
use app::pages::admin::partners::PostedPartner;
use app::pages::admin::questions::PostedQuestion;
use app::pages::admin::staff::{PostedStaff, StaffNotice};
use app::pages::admin::translate::{PostedTranslation, page_path};
use app::pages::admin::window::PostedWindow;
use app::services::admin::{
    self, ChangeOutcome, FollowUpOutcome, QuestionChange, SaveOutcome, WindowOutcome,
};
use app::services::{Refused, Saved, partners, staff, translations};
use app::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::render::{in_asked_language, page_with, show_page_at};

/// New consultation settings posted as a plain form.
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    parts: Parts,
    Form(form): Form<ConsultationForm>,
) -> Response {
    let outcome = admin::create(&state, &session, &form).await;
    let mut parts = parts;
    show_page_at(&mut parts, "/admin/consultations/new");
    answer(state, parts, form, outcome).await
}

pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    parts: Parts,
    Form(form): Form<ConsultationForm>,
) -> Response {
    let outcome = admin::update(&state, &session, id, &form).await;
    answer(state, parts, form, outcome).await
}

/// Saved: back to the edit page (post/redirect/get). Invalid: the form again, as typed, with
/// errors next to the fields.
async fn answer(
    state: AppState,
    parts: Parts,
    form: ConsultationForm,
    outcome: Result<SaveOutcome, AppError>,
) -> Response {
    match outcome {
        Ok(SaveOutcome::Saved(id)) => {
            let saved = in_asked_language(&parts, &format!("/admin/consultations/{id}?saved"));
            Redirect::to(&saved).into_response()
        }
        Ok(SaveOutcome::Invalid(errors)) => {
            page_with(
                state,
                parts,
                PostedConsultation { form, errors },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(error) => error.into_response(),
    }
}

/// What a form on a consultation's admin page came to: done, or to be shown again as sent, with
/// what stopped it, under this status.
enum Posted<P> {
    Done,
    Again(P, StatusCode),
}

/// Done: back to the consultation's page at `done` (post/redirect/get); else that page with the
/// form as sent.
async fn on_consultation_page<P: Clone + Send + Sync + 'static>(
    state: AppState,
    mut parts: Parts,
    id: i64,
    done: &str,
    posted: Result<Posted<P>, AppError>,
) -> Response {
    let page = format!("/admin/consultations/{id}");
    match posted {
        Ok(Posted::Done) => {
            Redirect::to(&in_asked_language(&parts, &format!("{page}?{done}"))).into_response()
        }
        Ok(Posted::Again(posted, status)) => {
            parts.uri = in_asked_language(&parts, &page).parse().unwrap_or(parts.uri);
            page_with(state, parts, posted, status).await
        }
        Err(error) => error.into_response(),
    }
}

/// Closing early or extending.
pub async fn change_window(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    parts: Parts,
    Form(form): Form<WindowChangeForm>,
) -> Response {
    let posted = admin::change_window(&state, &session, id, &form).await.map(|outcome| {
        let again = |errors, conflict, status| {
            Posted::Again(PostedWindow { form, errors, conflict }, status)
        };
        match outcome {
            WindowOutcome::Changed => Posted::Done,
            WindowOutcome::Invalid(errors) => {
                again(errors, false, StatusCode::UNPROCESSABLE_ENTITY)
            }
            WindowOutcome::Conflict => again(FieldProblems::new(), true, StatusCode::CONFLICT),
        }
    });
    on_consultation_page(state, parts, id, "window_changed#window", posted).await
}

/// What happened next.
pub async fn write_follow_up(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    parts: Parts,
    Form(form): Form<FollowUpForm>,
) -> Response {
    let posted = admin::write_follow_up(&state, &session, id, &form).await.map(|outcome| {
        let again = |errors, unpublished, status| {
            Posted::Again(PostedFollowUp { form, errors, unpublished }, status)
        };
        match outcome {
            FollowUpOutcome::Written => Posted::Done,
            FollowUpOutcome::Invalid(errors) => {
                again(errors, false, StatusCode::UNPROCESSABLE_ENTITY)
            }
            FollowUpOutcome::Unpublished => again(FieldProblems::new(), true, StatusCode::CONFLICT),
        }
    });
    on_consultation_page(state, parts, id, "follow_up_saved#follow-up", posted).await
}

#[derive(Deserialize)]
pub struct QuestionPost {
    #[serde(default)]
    action: QuestionAction,
    #[serde(flatten)]
    form: QuestionForm,
}

/// The button pressed on a question; anything else saves it.
#[derive(Deserialize, Default)]
#[serde(rename_all = "snake_case")]
enum QuestionAction {
    Up,
    Down,
    Remove,
    #[default]
    #[serde(other)]
    Save,
}

pub async fn add_question(
    State(state): State<AppState>,
    session: Session,
    Path(consultation_id): Path<ConsultationId>,
    parts: Parts,
    Form(post): Form<QuestionPost>,
) -> Response {
    let outcome = admin::change_question(
        &state,
        &session,
        consultation_id,
        QuestionChange::Add(post.form.clone()),
    )
    .await;
    question_answer(state, parts, consultation_id, None, post.form, outcome).await
}

pub async fn change_question(
    State(state): State<AppState>,
    session: Session,
    Path((consultation_id, question_id)): Path<(ConsultationId, QuestionId)>,
    parts: Parts,
    Form(post): Form<QuestionPost>,
) -> Response {
    let change = match post.action {
        QuestionAction::Up => QuestionChange::Up(question_id),
        QuestionAction::Down => QuestionChange::Down(question_id),
        QuestionAction::Remove => QuestionChange::Remove(question_id),
        QuestionAction::Save => QuestionChange::Save(question_id, post.form.clone()),
    };
    let outcome = admin::change_question(&state, &session, consultation_id, change).await;
    question_answer(state, parts, consultation_id, Some(question_id), post.form, outcome).await
}

async fn question_answer(
    state: AppState,
    mut parts: Parts,
    consultation_id: ConsultationId,
    question_id: Option<QuestionId>,
    form: QuestionForm,
    outcome: Result<ChangeOutcome, AppError>,
) -> Response {
    let page = format!("/admin/consultations/{consultation_id}");
    let (errors, locked, status) = match outcome {
        Ok(ChangeOutcome::Done) => {
            return Redirect::to(&format!("{page}#questions-title")).into_response();
        }
        Ok(ChangeOutcome::Invalid(errors)) => (errors, false, StatusCode::UNPROCESSABLE_ENTITY),
        Ok(ChangeOutcome::Locked) => (Default::default(), true, StatusCode::CONFLICT),
        Err(error) => return error.into_response(),
    };
    parts.uri = page.parse().unwrap_or(parts.uri);
    page_with(state, parts, PostedQuestion { question_id, form, errors, locked }, status).await
}

pub async fn add_partner(
    State(state): State<AppState>,
    session: Session,
    Path(consultation_id): Path<ConsultationId>,
    mut parts: Parts,
    Form(form): Form<PartnerForm>,
) -> Response {
    let page = format!("/admin/consultations/{consultation_id}");
    match partners::add(&state, &session, consultation_id, &form).await {
        Ok(Saved::Done) => Redirect::to(&format!("{page}#partners-title")).into_response(),
        Ok(Saved::Invalid(errors)) => {
            parts.uri = page.parse().unwrap_or(parts.uri);
            let posted = PostedPartner { form, errors };
            page_with(state, parts, posted, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(error) => error.into_response(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PartnerPost {
    action: PartnerAction,
}

#[derive(Deserialize, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum PartnerAction {
    Retire,
    #[default]
    #[serde(other)]
    Unknown,
}

/// Retiring is the one change a partner code takes: its answers must keep their meaning.
pub async fn change_partner(
    State(state): State<AppState>,
    session: Session,
    Path((consultation_id, partner_id)): Path<(ConsultationId, PartnerId)>,
    Form(form): Form<PartnerPost>,
) -> Response {
    if form.action != PartnerAction::Retire {
        return (StatusCode::UNPROCESSABLE_ENTITY, "Unknown action.").into_response();
    }
    match partners::retire(&state, &session, consultation_id, partner_id).await {
        Ok(()) => Redirect::to(&format!("/admin/consultations/{consultation_id}#partners-title"))
            .into_response(),
        Err(error) => error.into_response(),
    }
}

/// Missing fields read as empty, so they get the page's field messages, not a bare rejection.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewStaff {
    email: String,
    role: String,
    password: String,
}

pub async fn add_staff(
    State(state): State<AppState>,
    session: Session,
    parts: Parts,
    Form(form): Form<NewStaff>,
) -> Response {
    let outcome = match Role::parse(&form.role) {
        Some(role) => staff::add(&state, &session, &form.email, role, &form.password).await,
        None => Err(Refused::Invalid(Problem::NoRole)),
    };
    let notice = match outcome {
        Ok(()) => StaffNotice::Added(form.email.trim().to_owned()),
        Err(Refused::Invalid(problem)) => StaffNotice::Refused(problem),
        Err(Refused::App(error)) => return error.into_response(),
    };
    staff_page(state, parts, PostedStaff { notice, email: form.email }).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StaffPost {
    action: StaffAction,
    password: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
enum StaffAction {
    Deactivate,
    Reset,
    RequireSecondFactor,
    WaiveSecondFactor,
    #[default]
    #[serde(other)]
    Unknown,
}

pub async fn change_staff(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<StaffId>,
    mut parts: Parts,
    Form(form): Form<StaffPost>,
) -> Response {
    let outcome = match form.action {
        StaffAction::Deactivate => {
            staff::deactivate(&state, &session, id).await.map(|()| StaffNotice::Deactivated)
        }
        StaffAction::Reset => staff::reset_password(&state, &session, id, &form.password)
            .await
            .map(|()| StaffNotice::PasswordReset),
        StaffAction::RequireSecondFactor | StaffAction::WaiveSecondFactor => {
            let second_factor = match form.action {
                StaffAction::RequireSecondFactor => SecondFactor::Required,
                _ => SecondFactor::Optional,
            };
            staff::set_second_factor(&state, &session, id, second_factor)
                .await
                .map(|()| StaffNotice::SecondFactorSaved)
                .map_err(Refused::App)
        }
        StaffAction::Unknown => Err(Refused::Invalid(Problem::UnknownAction)),
    };
    let notice = match outcome {
        Ok(done) => done,
        Err(Refused::Invalid(problem)) => StaffNotice::Refused(problem),
        Err(Refused::App(error)) => return error.into_response(),
    };
    show_page_at(&mut parts, "/admin/staff");
    staff_page(state, parts, PostedStaff { notice, email: String::new() }).await
}

/// The staff page again with what came of the change: 200 when it was done, else 422.
async fn staff_page(state: AppState, parts: Parts, posted: PostedStaff) -> Response {
    let status =
        if posted.notice.done() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    page_with(state, parts, posted, status).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HelplinesForm {
    helplines: String,
}

/// Saved or not, the page again: with "Saved." or with the problem and the text as typed.
pub async fn save_helplines(
    State(state): State<AppState>,
    session: Session,
    parts: Parts,
    Form(form): Form<HelplinesForm>,
) -> Response {
    let (problem, status) = match admin::save_helplines(&state, &session, &form.helplines).await {
        Ok(Saved::Done) => (None, StatusCode::OK),
        Ok(Saved::Invalid(problem)) => (Some(problem), StatusCode::UNPROCESSABLE_ENTITY),
        Err(error) => return error.into_response(),
    };
    page_with(state, parts, PostedHelplines { text: form.helplines, problem }, status).await
}

/// Saved: the form again with "Saved." (post/redirect/get). Invalid: as typed, with the errors.
pub async fn save_translation(
    State(state): State<AppState>,
    session: Session,
    Path((id, code)): Path<(i64, String)>,
    parts: Parts,
    Form(texts): Form<BTreeMap<String, String>>,
) -> Response {
    let Some(to) = Language::parse(&code) else { return StatusCode::NOT_FOUND.into_response() };
    match translations::save(&state, &session, id, to, &texts).await {
        Ok(Saved::Done) => Redirect::to(&format!("{}?saved", page_path(id, to))).into_response(),
        Ok(Saved::Invalid(errors)) => {
            let posted = PostedTranslation { texts, errors };
            page_with(state, parts, posted, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(error) => error.into_response(),
    }
}
