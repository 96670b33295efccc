//! A demo consultation on topics from the working group's meetings, for trying the product out
//! and for the browser tests.

use app::domain::authoring::ConsultationSettings;
use app::domain::consultation::Meeting;
use app::domain::lifecycle::{Phase, UnixTime, Window};
use app::domain::question::{AnswerOption, Question, QuestionKind};
use app::state::AppState;
use app::storage::{Db, consultations};

#[derive(clap::Args, Clone, Debug)]
pub struct DemoWindow {
    /// The demo's address: `/c/{slug}`.
    #[arg(long, default_value = "demo")]
    pub slug: String,
    /// Minutes from now until it opens (negative: it opened in the past).
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub opens_in_minutes: f64,
    /// How long it stays open, in minutes (fractions allowed, for tests).
    #[arg(long, default_value_t = 24.0 * 60.0)]
    pub length_minutes: f64,
    /// How long after closing a form loaded while open may still be sent.
    #[arg(long, default_value_t = 15)]
    pub grace_minutes: i64,
}

impl Default for DemoWindow {
    fn default() -> Self {
        Self {
            slug: "demo".into(),
            opens_in_minutes: 0.0,
            length_minutes: 24.0 * 60.0,
            grace_minutes: 15,
        }
    }
}

pub async fn ensure(state: &AppState, window: &DemoWindow) -> anyhow::Result<()> {
    ensure_in(&state.db, window, state.clock.now()).await
}

/// Creates the demo, or moves the window of an existing one that is no longer open or upcoming.
pub async fn ensure_in(db: &Db, demo: &DemoWindow, now: UnixTime) -> anyhow::Result<()> {
    let seconds = |minutes: f64| (minutes * 60.0).round() as i64;
    let opens_at = now + seconds(demo.opens_in_minutes);
    let window = Window { opens_at, closes_at: opens_at + seconds(demo.length_minutes) };
    match consultations::by_slug(db, &demo.slug).await? {
        Some(existing) => {
            let phase = existing.schedule.phase(now);
            if !matches!(phase, Phase::Open | Phase::Scheduled) {
                consultations::set_window(db, existing.id, window).await?;
                tracing::info!(slug = demo.slug, "demo consultation re-opened");
            }
        }
        None => {
            let settings = settings(&demo.slug, window, demo.grace_minutes);
            consultations::insert(db, &settings, &questions(), now).await?;
            tracing::info!(slug = demo.slug, "demo consultation created");
        }
    }
    Ok(())
}

fn settings(slug: &str, window: Window, grace_minutes: i64) -> ConsultationSettings {
    ConsultationSettings {
        slug: slug.to_owned(),
        title: "Growing up online: what keeps you safe?".into(),
        description: "The ITU working group on child online protection wants to hear from young \
                      people before its next meeting: how you use the internet, what worries you, \
                      and what adults, companies and governments should do about it."
            .into(),
        meeting: Meeting { name: "CWG-COP, 25th meeting".into(), date: "2026-12-08".into() },
        window: Some(window),
        grace_minutes,
        min_cell_size: 10,
        retention_days: 30,
    }
}

fn options(labels: &[&str]) -> Vec<AnswerOption> {
    labels.iter().map(|l| AnswerOption { id: 0, label: (*l).to_owned() }).collect()
}

fn question(prompt: &str, required: bool, kind: QuestionKind) -> Question {
    Question { id: 0, prompt: prompt.to_owned(), required, kind }
}

fn questions() -> Vec<Question> {
    vec![
        question(
            "On a normal school day, how long are you online outside school?",
            true,
            QuestionKind::SingleChoice {
                options: options(&[
                    "Less than 1 hour",
                    "1 to 3 hours",
                    "3 to 5 hours",
                    "More than 5 hours",
                    "I am not sure",
                ]),
            },
        ),
        question(
            "In the past year, have any of these happened to you or a friend online?",
            false,
            QuestionKind::MultipleChoice {
                options: options(&[
                    "Someone was mean or bullied us",
                    "A stranger asked for photos or personal information",
                    "We saw false information that looked true",
                    "An app used our data in a way we did not expect",
                    "We saw something that upset us",
                    "None of these",
                ]),
            },
        ),
        question(
            "How safe do you feel online?",
            false,
            QuestionKind::Scale {
                low_label: "not safe at all".into(),
                high_label: "very safe".into(),
            },
        ),
        question(
            "If something bad happened to you online, who would you tell first?",
            false,
            QuestionKind::SingleChoice {
                options: options(&[
                    "A parent or carer",
                    "A friend",
                    "A teacher",
                    "I would report it in the app",
                    "A helpline",
                    "Nobody",
                ]),
            },
        ),
        question(
            "How much do you trust apps that use AI to choose what you see?",
            false,
            QuestionKind::Scale { low_label: "not at all".into(), high_label: "completely".into() },
        ),
        question(
            "What is one thing governments or companies should do to make the internet safer for young people?",
            false,
            QuestionKind::FreeText { max_chars: 1000 },
        ),
    ]
}
