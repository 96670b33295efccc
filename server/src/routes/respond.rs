use app::domain::language::Language;
use app::domain::problem::{Problem, Problems};
use app::domain::submission::{FormValues, SWITCH_LANGUAGE, VIA};
use app::error::AppError;
use app::pages::respond::PostedAnswers;
use app::pages::respond::withdraw::PostedWithdrawal;
use app::services::respond;
use app::state::AppState;
use app::views::respond::SubmitOutcome;
use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use std::sync::Arc;

use crate::client::ClientAddress;

use super::render::page_with;
use super::share::InLanguage;
use super::stamped::{Pages, Thanks};

/// The answer form. The page is rendered again with the outcome: the thank-you, or the form with
/// errors next to the fields and everything the person typed. Where JavaScript runs,
/// `respond.js` posts the same body and puts the page that comes back in place.
pub async fn submit(
    State(state): State<AppState>,
    Extension(pages): Extension<Arc<Pages>>,
    Path(slug): Path<String>,
    ClientAddress(client): ClientAddress,
    parts: Parts,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let values = FormValues(fields);
    let switching = values.first(SWITCH_LANGUAGE).is_some();
    let result = if switching {
        // Not an answer: the same form in the language the button named, as typed (or, once
        // closed, the closed page with the typed text).
        respond::redisplay(&state, &slug, &values).await
    } else {
        respond::submit(&state, &slug, values.clone(), client).await
    };
    let (outcome, status) = match result {
        Ok(outcome @ SubmitOutcome::Invalid(_)) if switching => (outcome, StatusCode::OK),
        Ok(SubmitOutcome::Invalid(errors)) if errors.retry_after_secs().is_some() => {
            (SubmitOutcome::Invalid(errors), StatusCode::TOO_MANY_REQUESTS)
        }
        Ok(outcome @ SubmitOutcome::Accepted { .. }) => (outcome, StatusCode::OK),
        Ok(outcome @ SubmitOutcome::Invalid(_)) => (outcome, StatusCode::UNPROCESSABLE_ENTITY),
        Ok(outcome @ SubmitOutcome::Closed { .. }) => (outcome, StatusCode::CONFLICT),
        Ok(SubmitOutcome::Unsigned) => {
            let text = "This was not sent from this site's answer form. To answer, open the \
                        consultation's page.\n";
            return (StatusCode::BAD_REQUEST, text).into_response();
        }
        Err(AppError::NotFound) => {
            return page_with(state, parts, (), StatusCode::NOT_FOUND).await;
        }
        Err(_) => {
            let errors = Problems::of_form(Problem::NotStored);
            (SubmitOutcome::Invalid(errors), StatusCode::SERVICE_UNAVAILABLE)
        }
    };
    // Refused at the door: how long until the address is under the limit (`integrity::bursts`).
    let retry_after = match &outcome {
        SubmitOutcome::Invalid(errors) => errors.retry_after_secs(),
        _ => None,
    }
    .map(|secs| [(header::RETRY_AFTER, secs.to_string())]);
    if let SubmitOutcome::Accepted { receipt, flagged } = outcome {
        let via = values.first(VIA).map(str::to_owned);
        return pages.serve(state, &slug, parts, Some(Thanks { receipt, flagged, via })).await;
    }
    let page = page_with(state, parts, PostedAnswers { values, outcome }, status).await;
    (retry_after, page).into_response()
}

/// Missing fields read as empty: the page answers with its usual message.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WithdrawForm {
    receipt: String,
}

pub async fn withdraw(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    parts: Parts,
    Form(form): Form<WithdrawForm>,
) -> Response {
    use app::views::respond::WithdrawOutcome as O;
    match respond::withdraw(&state, &slug, &form.receipt).await {
        Ok(outcome) => {
            let status = match outcome {
                O::Withdrawn => StatusCode::OK,
                O::Malformed => StatusCode::UNPROCESSABLE_ENTITY,
                O::UnknownReceipt => StatusCode::NOT_FOUND,
                O::Closed => StatusCode::CONFLICT,
            };
            page_with(state, parts, PostedWithdrawal { receipt: form.receipt, outcome }, status)
                .await
        }
        Err(AppError::NotFound) => page_with(state, parts, (), StatusCode::NOT_FOUND).await,
        Err(error) => error.into_response(),
    }
}

pub async fn calendar(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    ics_file(respond::calendar(&state, &slug).await, "consultation.ics")
}

/// A reminder to come back the day after the meeting, in the language asked (`?lang=`).
pub async fn come_back(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<InLanguage>,
) -> Response {
    let reader = Language::parse(&query.lang).unwrap_or_default();
    ics_file(respond::come_back_calendar(&state, &slug, reader).await, "come-back.ics")
}

fn ics_file(made: Result<String, AppError>, name: &str) -> Response {
    match made {
        Ok(ics) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            ],
            ics,
        )
            .into_response(),
        Err(error) => error.into_response(),
    }
}
