use std::net::IpAddr;
use std::sync::Arc;

use crate::domain::calendar::{self, Event, When};
use crate::domain::consultation::Consultation;
use crate::domain::helplines;
use crate::domain::integrity::near_copy::Signature;
use crate::domain::integrity::{HONEYPOT, Verdict, fingerprint};
use crate::domain::language::Language;
use crate::domain::lifecycle::{Phase, Refusal, UnixTime};
use crate::domain::partner;
use crate::domain::problem::{Problem, Problems};
use crate::domain::question::{Question, QuestionKind};
use crate::domain::receipt::Receipt;
use crate::domain::submission::{self, FormValues, LANGUAGE, TOKEN, VIA};
use crate::domain::token::FormToken;
use crate::domain::translation::Fallback;
use crate::error::AppError;
use crate::http::TokenMark;
use crate::services::integrity::Arrival;
use crate::services::metrics::Answer;
use crate::services::public_cache::Public;
use crate::services::reading::Read;
use crate::state::AppState;
use crate::storage::responses::{self, Held, NewResponse, Stored};
use crate::storage::{consultations, partners, settings, translations};
use crate::views::respond::{
    ConsultationView, FormSpec, HelplineLink, SubmitOutcome, WithdrawOutcome,
};

/// A consultation young people may see (a draft is not public yet), from the cache if it is fresh.
pub async fn public(state: &AppState, slug: &str) -> Result<Arc<Public>, AppError> {
    if let Some(public) = state.public.get(slug) {
        return Ok(public);
    }
    let consultation = consultations::by_slug(&state.db, slug).await?;
    let consultation =
        consultation.filter(|c| c.schedule.window.is_some()).ok_or(AppError::NotFound)?;
    let mut partners = partners::all(&state.db, consultation.id).await?;
    partners.retain(|p| !p.retired);
    let public = Arc::new(Public {
        questions: consultations::questions(&state.db, consultation.id).await?,
        helplines: helplines(state).await?,
        partners,
        translations: translations::all(&state.db, consultation.id).await?,
        consultation,
    });
    state.public.put(slug, public.clone());
    Ok(public)
}

/// A fresh form token for `consultation_id`, loaded at `now`.
pub fn form_token_for(state: &AppState, consultation_id: i64, now: UnixTime) -> String {
    FormToken { consultation_id, started_at: now, nonce: rand::random() }.sign(&state.key)
}

/// The page at `/c/{slug}` in `reader`'s language, opened from a link that carried partner code
/// `via` (or none); its form carries `mark` if given, else a token of its own.
pub async fn page(
    state: &AppState,
    slug: &str,
    via: Option<&str>,
    reader: Language,
    mark: Option<TokenMark>,
) -> Result<ConsultationView, AppError> {
    let now = state.clock.now();
    let public = public(state, slug).await?;
    let (c, questions, fallback) = public.localized(reader);
    let form = (c.schedule.phase(now) == Phase::Open).then(|| {
        let token = match mark {
            Some(TokenMark(mark)) => mark.to_string(),
            None => form_token_for(state, c.id, now),
        };
        FormSpec {
            token,
            questions,
            // An unknown or retired code is dropped here, so the form carries none.
            via: public.partner(via).map(|p| p.code.as_str().to_owned()),
        }
    });
    let helplines = public.helplines.clone();
    Ok(view(c, &state.public_url, now, form, helplines, fallback))
}

/// The organizers' helplines (checked when saved, so a line that no longer reads is skipped).
pub async fn helplines(state: &AppState) -> Result<Vec<HelplineLink>, AppError> {
    let text = settings::helplines(&state.db).await?;
    let listed = text.lines().filter_map(|line| helplines::parse(line).ok()).flatten();
    Ok(listed
        .map(|h| HelplineLink { href: h.href(), text: h.contact_text().to_owned(), name: h.name })
        .collect())
}

/// What the consultation page shows of `c` at `now`; also the staff preview.
pub fn view(
    c: Consultation,
    public_url: &str,
    now: UnixTime,
    form: Option<FormSpec>,
    helplines: Vec<HelplineLink>,
    fallback: Option<Fallback>,
) -> ConsultationView {
    let window = c.schedule.window;
    ConsultationView {
        link: partner::link(public_url, &c.slug, None),
        phase: c.schedule.phase(now),
        slug: c.slug,
        title: c.title,
        description: c.description,
        meeting: c.meeting,
        opens_at: window.map_or(0, |w| w.opens_at),
        closes_at: window.map_or(0, |w| w.closes_at),
        now,
        form,
        helplines,
        fallback,
        follow_up: c.follow_up,
    }
}

/// Stores an answer form sent from `address` (used by the door alone: see `services::integrity`).
pub async fn submit(
    state: &AppState,
    slug: &str,
    values: FormValues,
    address: IpAddr,
) -> Result<SubmitOutcome, AppError> {
    let now = state.clock.now();
    let public = public(state, slug).await?;
    let c = &public.consultation;

    let Some(token) = form_token(state, c, &values) else {
        return Ok(SubmitOutcome::Unsigned);
    };
    match c.schedule.admits(token.started_at, now) {
        Ok(()) => {}
        Err(Refusal::Closed) => {
            return Ok(SubmitOutcome::Closed { texts: typed_texts(&public.questions, &values) });
        }
        Err(Refusal::NotOpenYet) => return Ok(out_of_date()),
    }

    let mut submission = match submission::parse(&public.questions, &values) {
        Ok(s) => s,
        Err(errors) => return Ok(SubmitOutcome::Invalid(errors)),
    };

    let language = values.first(LANGUAGE).and_then(Language::parse).unwrap_or_default();
    let mut flagged = submission.flag_by_rules(&state.detector, language);
    let (mut awaiting_meaning, mut vectors) = (false, Vec::new());
    if let Some(reader) = state.reader.as_ref().filter(|_| submission.has_text()) {
        (submission, vectors, awaiting_meaning) = match reader.read(submission).await {
            Read::Now(read, vectors) => (read, vectors, false),
            Read::Later(unread) => (unread, Vec::new(), true),
        };
        flagged = submission.flagged();
    }
    let text = Signature::of_submission(&submission, &state.key);
    let arrival = Arrival {
        address,
        started_at: token.started_at,
        answered: submission.answers.len(),
        honeypot_filled: values.first(HONEYPOT).is_some_and(|v| !v.is_empty()),
        content: fingerprint::of(&submission, c.id, &state.key),
        // Text still to be read takes a flag's rank now, in case it is one: a flood of texts
        // stored unread cannot put its flags ahead of a child's later.
        flagged: flagged || awaiting_meaning,
    };
    let judged = state.door.judge(&arrival, now);
    let held = match judged.verdict {
        Verdict::Accept => None,
        Verdict::Hold { reasons, group } => Some(Held { reasons, group }),
        Verdict::Refuse { retry_after_secs } => {
            tracing::info!(consultation = c.id, "response refused: too many from one address");
            state.metrics.answer(Answer::Refused);
            return Ok(SubmitOutcome::Invalid(Problems::of_form(Problem::TooMany {
                retry_after_secs,
            })));
        }
    };
    let receipt = Receipt::for_nonce(&state.key, &token.nonce);
    let stored = state
        .responses
        .store(NewResponse {
            consultation_id: c.id,
            receipt_hash: receipt.lookup_hash(&state.key),
            submitted_hour: now - now.rem_euclid(3600),
            arrived_at: now,
            language,
            partner_id: public.partner(values.first(VIA)).map(|p| p.id),
            submission,
            held,
            flag_rank: judged.flag_rank,
            awaiting_meaning,
            vectors,
            text,
        })
        .await?;
    if awaiting_meaning && let Some(reader) = &state.reader {
        reader.stored();
    }
    // Nothing about the respondent, and not whether the answer was flagged or held: an exact time
    // beside a proxy's access log could tie a child's address to a disclosure.
    let duplicate = stored == Stored::Duplicate;
    tracing::info!(consultation = c.id, duplicate, "response received");
    state.metrics.answer(match stored {
        Stored::Counted => Answer::Counted,
        Stored::Held => Answer::Held,
        Stored::Duplicate => Answer::Duplicate,
    });
    Ok(SubmitOutcome::Accepted { receipt: receipt.to_string(), flagged })
}

/// The form sent back to show it in another language: nothing is stored. While answers are still
/// accepted it comes back as typed; after that, as the closed page with the typed text.
pub async fn redisplay(
    state: &AppState,
    slug: &str,
    values: &FormValues,
) -> Result<SubmitOutcome, AppError> {
    let public = public(state, slug).await?;
    let c = &public.consultation;
    let started_at = form_token(state, c, values).map_or(0, |t| t.started_at);
    match c.schedule.admits(started_at, state.clock.now()) {
        Err(Refusal::Closed) => {
            Ok(SubmitOutcome::Closed { texts: typed_texts(&public.questions, values) })
        }
        _ => Ok(SubmitOutcome::Invalid(Problems::default())),
    }
}

/// The form's signed token, if it is ours and for this consultation.
fn form_token(state: &AppState, c: &Consultation, values: &FormValues) -> Option<FormToken> {
    let token = FormToken::verify(values.first(TOKEN)?, &state.key).ok()?;
    (token.consultation_id == c.id).then_some(token)
}

fn typed_texts(questions: &[Question], values: &FormValues) -> Vec<String> {
    questions
        .iter()
        .filter(|q| matches!(q.kind, QuestionKind::FreeText { .. }))
        .filter_map(|q| values.first(&q.field()))
        .filter(|t| !t.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn out_of_date() -> SubmitOutcome {
    SubmitOutcome::Invalid(Problems::of_form(Problem::OutOfDate))
}

/// Answers can be withdrawn with the receipt code while the window is open.
pub async fn withdraw(
    state: &AppState,
    slug: &str,
    receipt: &str,
) -> Result<WithdrawOutcome, AppError> {
    let public = public(state, slug).await?;
    let c = &public.consultation;
    if c.schedule.phase(state.clock.now()) != Phase::Open {
        return Ok(WithdrawOutcome::Closed);
    }
    let Some(receipt) = Receipt::parse(receipt) else {
        return Ok(WithdrawOutcome::Malformed);
    };
    let deleted =
        responses::delete_by_receipt(&state.db, c.id, &receipt.lookup_hash(&state.key)).await?;
    tracing::info!(consultation = c.id, deleted, "withdrawal");
    Ok(if deleted { WithdrawOutcome::Withdrawn } else { WithdrawOutcome::UnknownReceipt })
}

/// The consultation's own link, for its QR code (a draft has none yet), in `language` if given.
pub async fn share_link(
    state: &AppState,
    slug: &str,
    language: Option<Language>,
) -> Result<String, AppError> {
    let public = public(state, slug).await?;
    Ok(link_in(&state.public_url, &public.consultation.slug, language))
}

/// The consultation's link, opening in `language` if given.
fn link_in(public_url: &str, slug: &str, language: Option<Language>) -> String {
    let link = partner::link(public_url, slug, None);
    match language {
        Some(language) => format!("{link}?{LANGUAGE}={}", language.code()),
        None => link,
    }
}

/// The calendar file for a consultation's window.
pub async fn calendar(state: &AppState, slug: &str) -> Result<String, AppError> {
    let public = public(state, slug).await?;
    let c = &public.consultation;
    let window = c.schedule.window.ok_or(AppError::NotFound)?;
    let url = partner::link(&state.public_url, &c.slug, None);
    Ok(calendar::ics(&Event {
        uid: &format!("{}@youth-consult", c.id),
        title: &c.title,
        description: &c.description,
        url: &url,
        when: When::Window(window),
        stamp: state.clock.now(),
    }))
}

/// A reminder for the day after the meeting, to come back to the consultation's page and read
/// what the meeting did with young people's views; in `reader`'s language where translated.
pub async fn come_back_calendar(
    state: &AppState,
    slug: &str,
    reader: Language,
) -> Result<String, AppError> {
    let public = public(state, slug).await?;
    let (c, _, _) = public.localized(reader);
    let day = calendar::come_back(&c.meeting.date).ok_or(AppError::NotFound)?;
    let url = link_in(&state.public_url, &c.slug, Some(reader));
    Ok(calendar::ics(&Event {
        uid: &format!("{}-follow-up@youth-consult", c.id),
        title: &c.title,
        description: &format!("{} ({})", c.meeting.name, c.meeting.date),
        url: &url,
        when: When::Day(day),
        stamp: state.clock.now(),
    }))
}
