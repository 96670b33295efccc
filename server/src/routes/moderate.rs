use app::domain::ids::{AnswerId, QuestionId};
use app::domain::integrity::GroupDecision;
use app::domain::moderation::{QueueFilter, ReviewForm};
use app::pages::moderate::PostedReview;
use app::pages::moderate::held::{DECISION, UNREAD};
use app::pages::moderate::themes::{
    ANSWER, ANSWERS, BAD_NAME, DECIDED, FROM, NAME, NONE_TICKED, QUESTION, RESPELLED, THEME,
    TOGETHER, UNCHANGED,
};
use app::services::moderate::{self, ReviewOutcome};
use app::services::themes::{self, AcceptOutcome, ChangeOutcome, ThemeChange};
use app::state::AppState;
use app::storage::held::GroupOutcome;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::render::{in_asked_language, page_with};

/// A review posted as a plain form (fields repeat, so pairs). Saved: on to the next answer under
/// the same filter. Not saved: the same page again with what was typed and why.
pub async fn review(
    State(state): State<AppState>,
    session: Session,
    Path(answer_id): Path<AnswerId>,
    Query(query): Query<Vec<(String, String)>>,
    parts: Parts,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let form = ReviewForm::from_pairs(&pairs);
    let filter = QueueFilter::from_query(|name| {
        query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    });
    let (error, status) = match moderate::decide(&state, &session, answer_id, &form).await {
        Ok(ReviewOutcome::Saved(_)) => {
            let next = in_asked_language(&parts, &format!("/moderate?{}", filter.query()));
            return Redirect::to(&next).into_response();
        }
        Ok(ReviewOutcome::Invalid(error)) => (Some(error), StatusCode::UNPROCESSABLE_ENTITY),
        Ok(ReviewOutcome::Taken) => (None, StatusCode::CONFLICT),
        Err(error) => return error.into_response(),
    };
    page_with(state, parts, PostedReview { answer_id, form, error }, status).await
}

/// One decision for a whole held group, then back to the lane (the next group, if any).
pub async fn decide_group(
    State(state): State<AppState>,
    session: Session,
    Path((consultation_id, group)): Path<(i64, i64)>,
    parts: Parts,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let decision =
        pairs.iter().find(|(k, _)| k == DECISION).and_then(|(_, v)| GroupDecision::parse(v));
    let Some(decision) = decision else {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    };
    let back =
        match moderate::decide_group(&state, &session, consultation_id, group, decision).await {
            Ok(GroupOutcome::Decided(_)) => "/moderate/held".to_owned(),
            // Back to the lane, which says why.
            Ok(GroupOutcome::UnreadFlags(_)) => {
                format!("/moderate/held?{UNREAD}={consultation_id}.{group}")
            }
            Err(error) => return error.into_response(),
        };
    Redirect::to(&in_asked_language(&parts, &back)).into_response()
}

/// A suggestion accepted as a theme: back to the suggestions, saying what was tagged (with the
/// way to undo it), or why nothing was.
pub async fn accept_theme(
    State(state): State<AppState>,
    session: Session,
    Path(question): Path<QuestionId>,
    parts: Parts,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let field = |name: &str| pairs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str());
    let answers: Vec<AnswerId> =
        field(ANSWERS).split(',').filter_map(|a| a.trim().parse().ok()).collect();
    let page = format!("/moderate/themes?{QUESTION}={question}");
    let back = match themes::accept(&state, &session, question, field(NAME), &answers).await {
        Ok(AcceptOutcome::Accepted { decision }) => format!("{page}&{DECIDED}={decision}"),
        Ok(AcceptOutcome::BadName) => format!("{page}&{BAD_NAME}=1"),
        Err(error) => return error.into_response(),
    };
    Redirect::to(&in_asked_language(&parts, &back)).into_response()
}

/// A theme renamed (or merged into another), split or dropped: back to the question's themes,
/// saying what moved (with the way to undo it), or why nothing did. A split refused goes back to
/// the split page with the name typed.
pub async fn change_theme(
    State(state): State<AppState>,
    session: Session,
    Path((question, change)): Path<(QuestionId, String)>,
    parts: Parts,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let field = |name: &str| pairs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str());
    let (from, name) = (field(FROM), field(NAME));
    let ticked: Vec<AnswerId> =
        pairs.iter().filter(|(k, _)| k == ANSWER).filter_map(|(_, v)| v.parse().ok()).collect();
    let change = match change.as_str() {
        "rename" => ThemeChange::Rename(name.to_owned()),
        "split" => ThemeChange::Split { into: name.to_owned(), answers: ticked },
        "drop" => ThemeChange::Drop,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let page = format!("/moderate/themes?{QUESTION}={question}");
    let split_page = |why: &str| {
        let query: String = form_urlencoded::Serializer::new(String::new())
            .append_pair(QUESTION, &question.to_string())
            .append_pair(FROM, from)
            .append_pair(NAME, name)
            .append_pair(why, "1")
            .finish();
        format!("/moderate/themes/split?{query}")
    };
    let splitting = matches!(change, ThemeChange::Split { .. });
    // A split refused goes back to the split page, with the name typed.
    let back = match themes::change(&state, &session, question, from, change).await {
        Ok(ChangeOutcome::Decided(decision)) => format!("{page}&{DECIDED}={decision}"),
        Ok(ChangeOutcome::Respelled) => format!("{page}&{RESPELLED}=1"),
        Ok(ChangeOutcome::BadName) if splitting => split_page(BAD_NAME),
        Ok(ChangeOutcome::BadName) => format!("{page}&{BAD_NAME}=1"),
        Ok(ChangeOutcome::NoneTicked) => split_page(NONE_TICKED),
        Ok(ChangeOutcome::Nothing) => format!("{page}&{UNCHANGED}=1"),
        Err(error) => return error.into_response(),
    };
    Redirect::to(&in_asked_language(&parts, &back)).into_response()
}

/// A theme decision taken back: back to its suggestions, saying so.
pub async fn undo_theme(
    State(state): State<AppState>,
    session: Session,
    Path(decision): Path<i64>,
    parts: Parts,
) -> Response {
    match themes::undo(&state, &session, decision).await {
        Ok(Some(question)) => {
            let back = format!("/moderate/themes?{QUESTION}={question}&{DECIDED}={decision}");
            Redirect::to(&in_asked_language(&parts, &back)).into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => error.into_response(),
    }
}

/// The ticked answers approved together (each its own decision), then on to the queue.
pub async fn approve_together(
    State(state): State<AppState>,
    session: Session,
    parts: Parts,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let answers: Vec<AnswerId> =
        pairs.iter().filter(|(k, _)| k == TOGETHER).filter_map(|(_, v)| v.parse().ok()).collect();
    let theme = pairs.iter().find(|(k, _)| k == THEME).map_or("", |(_, v)| v.as_str());
    match themes::approve_together(&state, &session, &answers, theme).await {
        Ok(_) => Redirect::to(&in_asked_language(&parts, "/moderate")).into_response(),
        Err(error) => error.into_response(),
    }
}
