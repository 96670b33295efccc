//! A demo consultation on topics from the working group's meetings, for trying the product out
//! and for the browser tests.

use anyhow::Context;
use app::domain::authoring::ConsultationSettings;
use app::domain::consultation::Meeting;
use app::domain::demographics::{AgeBand, Demographics, Gender, Region};
use app::domain::ids::{PartnerId, QuestionId};
use app::domain::language::Language;
use app::domain::lifecycle::{Phase, UnixTime, Window};
use app::domain::partner::PartnerForm;
use app::domain::question::{AnswerOption, Question, QuestionKind};
use app::domain::scrub::scrub;
use app::domain::submission::{Answer, Submission};
use app::domain::translation::{self, Translations};
use app::state::AppState;
use app::storage::near_copies::Bands;
use app::storage::responses::{self, NewResponse};
use app::storage::translations::{self, Change};
use app::storage::{Db, consultations, partners};
use serde::Deserialize;
use std::collections::BTreeMap;

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
    /// Made-up answers stored when the consultation is created, written ones waiting for
    /// moderation: a closed demo then has something to moderate and summarise.
    #[arg(long, default_value_t = 0)]
    pub sample_answers: usize,
}

impl Default for DemoWindow {
    fn default() -> Self {
        Self {
            slug: "demo".into(),
            opens_in_minutes: 0.0,
            length_minutes: 24.0 * 60.0,
            grace_minutes: 15,
            sample_answers: 0,
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
            let content = Content::read()?;
            let settings = content.settings(&demo.slug, window, demo.grace_minutes);
            let id = consultations::insert(db, &settings, &content.questions(), now)
                .await?
                .context("the demo's address is taken")?;
            // Read back: the questions now have their ids.
            let questions = consultations::questions(db, id).await?;
            let partners = demo_partners(db, &content, id, now).await?;
            demo_translations(db, &content, id, &demo.slug, now).await?;
            for i in 0..demo.sample_answers {
                // Some answers came through a partner's link, most through none.
                let partner = partners.get(i % (partners.len() + 2)).copied();
                let text = &content.sample_texts[i % content.sample_texts.len()];
                sample_answer(db, id, &questions, window, partner, text, i).await?;
            }
            tracing::info!(slug = demo.slug, "demo consultation created");
        }
    }
    Ok(())
}

/// The demo's content (`demo.json`, compiled in): every text in English, the consultation's own
/// language, with its translations beside it.
#[derive(Deserialize)]
struct Content {
    title: Text,
    description: Text,
    meeting: DemoMeeting,
    questions: Vec<DemoQuestion>,
    partners: Vec<PartnerForm>,
    /// Written answers for `--sample-answers`, in several languages, as young people write.
    sample_texts: Vec<String>,
}

/// A text in English, and by language code in each language it is translated into.
#[derive(Deserialize)]
struct Text {
    en: String,
    #[serde(flatten)]
    translations: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct DemoMeeting {
    name: Text,
    date: String,
}

#[derive(Deserialize)]
struct DemoQuestion {
    prompt: Text,
    #[serde(default)]
    required: bool,
    #[serde(flatten)]
    kind: DemoKind,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum DemoKind {
    SingleChoice(Vec<Text>),
    MultipleChoice(Vec<Text>),
    Scale { low: Text, high: Text },
    FreeText { max_chars: usize },
}

impl Content {
    fn read() -> anyhow::Result<Self> {
        serde_json::from_str(include_str!("demo.json")).context("demo.json")
    }

    fn settings(&self, slug: &str, window: Window, grace_minutes: i64) -> ConsultationSettings {
        ConsultationSettings {
            slug: slug.to_owned(),
            title: self.title.en.clone(),
            description: self.description.en.clone(),
            meeting: Meeting {
                name: self.meeting.name.en.clone(),
                date: self.meeting.date.clone(),
            },
            language: Language::En,
            window: Some(window),
            grace_minutes,
            min_cell_size: 10,
            retention_days: 30,
        }
    }

    fn questions(&self) -> Vec<Question> {
        let options = |texts: &[Text]| {
            texts.iter().map(|t| AnswerOption { id: 0, label: t.en.clone() }).collect()
        };
        let question = |q: &DemoQuestion| Question {
            id: QuestionId(0),
            prompt: q.prompt.en.clone(),
            required: q.required,
            kind: match &q.kind {
                DemoKind::SingleChoice(texts) => {
                    QuestionKind::SingleChoice { options: options(texts) }
                }
                DemoKind::MultipleChoice(texts) => {
                    QuestionKind::MultipleChoice { options: options(texts) }
                }
                DemoKind::Scale { low, high } => {
                    QuestionKind::Scale { low_label: low.en.clone(), high_label: high.en.clone() }
                }
                DemoKind::FreeText { max_chars } => {
                    QuestionKind::FreeText { max_chars: *max_chars }
                }
            },
        };
        self.questions.iter().map(question).collect()
    }

    /// Every text, in the order the consultation shows them.
    fn texts(&self) -> Vec<&Text> {
        let mut texts = vec![&self.title, &self.description, &self.meeting.name];
        for q in &self.questions {
            texts.push(&q.prompt);
            match &q.kind {
                DemoKind::SingleChoice(options) | DemoKind::MultipleChoice(options) => {
                    texts.extend(options)
                }
                DemoKind::Scale { low, high } => texts.extend([low, high]),
                DemoKind::FreeText { .. } => {}
            }
        }
        texts
    }

    /// The translations into each language some text has.
    fn translations(&self) -> anyhow::Result<BTreeMap<Language, Translations>> {
        let mut by_language: BTreeMap<Language, Vec<(String, String)>> = BTreeMap::new();
        for text in self.texts() {
            for (code, translated) in &text.translations {
                let language = Language::parse(code).context("a language demo.json names")?;
                let pair = (translation::key(&text.en), translated.clone());
                by_language.entry(language).or_default().push(pair);
            }
        }
        Ok(by_language.into_iter().map(|(l, pairs)| (l, Translations::new(pairs))).collect())
    }
}

async fn demo_translations(
    db: &Db,
    content: &Content,
    consultation_id: i64,
    slug: &str,
    now: UnixTime,
) -> anyhow::Result<()> {
    for (language, translated) in content.translations()? {
        let change = Change { consultation_id, slug, language, by: None, at: now };
        translations::replace(db, change, &translated).await?;
    }
    Ok(())
}

/// The partners whose links (`?via=schools`, `?via=youth-council`) the demo can be opened with.
async fn demo_partners(
    db: &Db,
    content: &Content,
    consultation_id: i64,
    now: UnixTime,
) -> anyhow::Result<Vec<PartnerId>> {
    let mut ids = Vec::new();
    for form in &content.partners {
        let partner =
            form.parse().map_err(|_| anyhow::anyhow!("demo partner {} is valid", form.code))?;
        ids.extend(partners::add(db, consultation_id, &partner, now).await?);
    }
    Ok(ids)
}

/// One made-up response, varied by `i`, stored the way a young person's is.
async fn sample_answer(
    db: &Db,
    consultation_id: i64,
    questions: &[Question],
    window: Window,
    partner_id: Option<PartnerId>,
    text: &str,
    i: usize,
) -> anyhow::Result<()> {
    let pick = |all_len: usize, salt: usize| (i * salt + i / 3) % all_len;
    let demographics = Demographics {
        age_band: Some(AgeBand::ALL[pick(AgeBand::ALL.len() - 1, 7)]),
        region: Some(Region::ALL[pick(Region::ALL.len(), 3)]),
        gender: Some(Gender::ALL[pick(Gender::ALL.len(), 5)]),
    };
    let answers = questions
        .iter()
        .enumerate()
        .map(|(q, question)| {
            let options = question.kind.options();
            match &question.kind {
                QuestionKind::SingleChoice { .. } => Answer::Options {
                    question_id: question.id,
                    option_ids: vec![options[pick(options.len(), q + 2)].id],
                },
                QuestionKind::MultipleChoice { .. } => {
                    let first = pick(options.len(), q + 2);
                    let second = (first + 1 + i % 2) % options.len();
                    let option_ids = vec![options[first].id, options[second].id];
                    Answer::Options { question_id: question.id, option_ids }
                }
                QuestionKind::Scale { .. } => {
                    Answer::Scale { question_id: question.id, value: 1 + pick(5, q + 3) as u8 }
                }
                QuestionKind::FreeText { .. } => {
                    Answer::Text { question_id: question.id, text: scrub(text), flag: None }
                }
            }
        })
        .collect();
    let hours = ((window.closes_at - window.opens_at) / 3600).max(1) as usize;
    let hour = window.opens_at - window.opens_at % 3600 + 3600 * pick(hours, 11) as i64;
    // Samples carry no near-copy signature, so no bands are needed.
    responses::insert(
        db,
        &Bands::default(),
        &NewResponse {
            consultation_id,
            receipt_hash: format!("sample-{consultation_id}-{i}"),
            submitted_hour: hour,
            arrived_at: hour,
            language: Language::ALL[pick(Language::ALL.len(), 1)],
            partner_id,
            submission: Submission { demographics, answers },
            held: None,
            flag_rank: 1,
            awaiting_meaning: false,
            vectors: Vec::new(),
            text: None,
        },
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::consultation::Consultation;
    use app::domain::lifecycle::Schedule;

    #[test]
    fn the_demo_reads_wholly_in_arabic_and_partly_in_french() {
        let content = Content::read().unwrap();
        let s = content.settings("demo", Window { opens_at: 0, closes_at: 3600 }, 15);
        let c = Consultation {
            id: 1,
            slug: s.slug,
            title: s.title,
            description: s.description,
            meeting: s.meeting,
            language: s.language,
            schedule: Schedule {
                window: s.window,
                grace_secs: 0,
                published_at: None,
                purged_at: None,
            },
            min_cell_size: s.min_cell_size,
            retention_days: s.retention_days,
            follow_up: None,
        };
        let sources: Vec<String> = translation::sources(&c, &content.questions(), &[])
            .into_iter()
            .map(|s| s.text)
            .collect();
        for text in content.texts() {
            assert!(sources.contains(&text.en), "not in the demo: {}", text.en);
        }
        let mut translations = content.translations().unwrap();
        assert_eq!(translations.keys().copied().collect::<Vec<_>>(), [Language::Ar, Language::Fr]);

        let (mut c_ar, mut q_ar) = (c.clone(), content.questions());
        let arabic = translations.remove(&Language::Ar).unwrap();
        assert_eq!(translation::localize(&mut c_ar, &mut q_ar, &arabic, Language::Ar), None);

        let (mut c_fr, mut q_fr) = (c, content.questions());
        let french = translations.remove(&Language::Fr).unwrap();
        let fallback = translation::localize(&mut c_fr, &mut q_fr, &french, Language::Fr).unwrap();
        assert!(!fallback.title && !fallback.description);
        assert_eq!(fallback.questions.len(), q_fr.len());
        // Sample answers in all six languages, so theme suggestions have something to span.
        let mut written: Vec<Language> = content
            .sample_texts
            .iter()
            .map(|t| app::domain::themes::words::guess_language(t))
            .collect();
        written.sort();
        written.dedup();
        assert_eq!(written, Language::ALL);
    }
}
