//! A demo consultation on topics from the working group's meetings, for trying the product out
//! and for the browser tests.

use anyhow::Context;
use app::domain::authoring::ConsultationSettings;
use app::domain::brief::BriefForm;
use app::domain::consultation::Meeting;
use app::domain::demographics::{AgeBand, Demographics, Gender, Region};
use app::domain::ids::{PartnerId, QuestionId, StaffId};
use app::domain::language::Language;
use app::domain::lifecycle::{Phase, UnixTime, Window};
use app::domain::moderation::{Decision, ReviewState, Status};
use app::domain::partner::PartnerForm;
use app::domain::question::{AnswerOption, Question, QuestionKind};
use app::domain::scrub::scrub;
use app::domain::staff::{Email, Role};
use app::domain::submission::{Answer, Submission};
use app::domain::themes::words::guess_language;
use app::domain::translation::{self, Translations};
use app::services::summary::{self, PublishOutcome};
use app::state::AppState;
use app::storage::moderation::Applied;
use app::storage::near_copies::Bands;
use app::storage::responses::{self, NewResponse};
use app::storage::staff::{self, PasswordHash};
use app::storage::translations::{self, Change};
use app::storage::{Db, briefs, consultations, moderation, partners, themes};
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
    /// Also moderate the written samples, write the brief, translate it and its quotes, and
    /// publish the summary, as a demo organizer no one can sign in as: a closed demo then shows
    /// what delegates read. Each theme needs k answers: about 60 samples.
    #[arg(long)]
    pub published: bool,
}

impl Default for DemoWindow {
    fn default() -> Self {
        Self {
            slug: "demo".into(),
            opens_in_minutes: 0.0,
            length_minutes: 24.0 * 60.0,
            grace_minutes: 15,
            sample_answers: 0,
            published: false,
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
            for i in 0..demo.sample_answers {
                // Some answers came through a partner's link, most through none.
                let partner = partners.get(i % (partners.len() + 2)).copied();
                let text = &content.sample_texts[i % content.sample_texts.len()];
                sample_answer(db, id, &questions, window, partner, text, i).await?;
            }
            let mut translations = content.translations()?;
            let organizer = if demo.published {
                Some(moderate_and_brief(db, &content, id, &questions, now).await?)
            } else {
                None
            };
            if organizer.is_some() {
                content.results.translate(&content.sample_texts, &mut translations)?;
            }
            for (language, pairs) in translations {
                let change =
                    Change { consultation_id: id, slug: &demo.slug, language, by: None, at: now };
                translations::replace(db, change, &Translations::new(pairs)).await?;
            }
            if let Some(organizer) = organizer {
                publish(db, id, organizer, now).await?;
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
    /// What `--published` moderates, writes and translates.
    results: Results,
}

/// The demo's results: themes of its written samples and the brief resting on them.
#[derive(Deserialize)]
struct Results {
    themes: Vec<DemoTheme>,
    brief: DemoBrief,
}

#[derive(Deserialize)]
struct DemoTheme {
    name: Text,
    /// Its sample texts (indices): one idea, in each language young people wrote it in.
    answers: Vec<usize>,
}

#[derive(Deserialize)]
struct DemoBrief {
    summary: Text,
    action: Text,
    messages: Vec<DemoMessage>,
}

#[derive(Deserialize)]
struct DemoMessage {
    text: Text,
    /// Indices into the themes.
    themes: Vec<usize>,
    /// Sample texts (indices) quoted, each one of its themes' answers.
    quotes: Vec<usize>,
}

impl Results {
    /// The theme of sample text `i`, if it has one.
    fn theme_of(&self, i: usize) -> Option<&DemoTheme> {
        self.themes.iter().find(|t| t.answers.contains(&i))
    }

    fn quoted(&self) -> impl Iterator<Item = usize> + '_ {
        self.brief.messages.iter().flat_map(|m| m.quotes.iter().copied())
    }

    /// Adds the translations of the themes, the brief and each quote (the same idea as another
    /// young person wrote it in that language, which is what a translator would write).
    fn translate(
        &self,
        samples: &[String],
        by_language: &mut BTreeMap<Language, Vec<(String, String)>>,
    ) -> anyhow::Result<()> {
        let b = &self.brief;
        let texts = self.themes.iter().map(|t| &t.name);
        let texts = texts.chain([&b.summary, &b.action]).chain(b.messages.iter().map(|m| &m.text));
        add_translations(texts, by_language)?;
        for quote in self.quoted() {
            let theme = self.theme_of(quote).context("a demo quote has no theme")?;
            for &other in theme.answers.iter().filter(|&&a| a != quote) {
                let language = guess_language(&samples[other]);
                let pair = (translation::key(&samples[quote]), samples[other].clone());
                by_language.entry(language).or_default().push(pair);
            }
        }
        Ok(())
    }
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

    /// The translations (source key, text) into each language some text has.
    fn translations(&self) -> anyhow::Result<BTreeMap<Language, Vec<(String, String)>>> {
        let mut by_language = BTreeMap::new();
        add_translations(self.texts().into_iter(), &mut by_language)?;
        Ok(by_language)
    }
}

fn add_translations<'a>(
    texts: impl Iterator<Item = &'a Text>,
    by_language: &mut BTreeMap<Language, Vec<(String, String)>>,
) -> anyhow::Result<()> {
    for text in texts {
        for (code, translated) in &text.translations {
            let language = Language::parse(code).context("a language demo.json names")?;
            let pair = (translation::key(&text.en), translated.clone());
            by_language.entry(language).or_default().push(pair);
        }
    }
    Ok(())
}

/// The account the demo's moderation, brief and publication are recorded under: deactivated,
/// and its password is no hash of anything, so no one can sign in as it.
async fn demo_organizer(db: &Db, now: UnixTime) -> anyhow::Result<StaffId> {
    let email = Email::parse("demo-organizer@example.org").context("the demo's e-mail")?;
    let id = match staff::insert(db, &email, Role::Admin, &PasswordHash("!".into()), now).await? {
        Some(id) => id,
        None => staff::by_email(db, &email).await?.context("the demo organizer")?.member.id,
    };
    staff::deactivate(db, id, now).await?;
    Ok(id)
}

/// Approves every written sample, tags each with its theme, marks the brief's quotes, and
/// writes the brief: as a moderator and an organizer would. Returns who did.
async fn moderate_and_brief(
    db: &Db,
    content: &Content,
    consultation_id: i64,
    questions: &[Question],
    now: UnixTime,
) -> anyhow::Result<StaffId> {
    let organizer = demo_organizer(db, now).await?;
    let results = &content.results;
    let (n, question) = (1..)
        .zip(questions)
        .find(|(_, q)| matches!(q.kind, QuestionKind::FreeText { .. }))
        .context("the demo has a free-text question")?;
    let mut quoted = BTreeMap::new();
    for answer in themes::texts(db, question.id).await? {
        let sample = content.sample_texts.iter().position(|t| scrub(t).as_str() == answer.text);
        let theme = sample.and_then(|i| results.theme_of(i));
        // The first answer of each quoted sample is the one quoted.
        let quote = sample.filter(|i| results.quoted().any(|q| q == *i) && !quoted.contains_key(i));
        if let Some(i) = quote {
            quoted.insert(i, answer.answer_id);
        }
        let after = ReviewState {
            text: answer.text,
            status: Status::Approved,
            reason: None,
            concern: None,
            quote: quote.is_some(),
            themes: theme.map(|t| t.name.en.clone()).into_iter().collect(),
        };
        let applied =
            moderation::apply(db, answer.answer_id, organizer, Decision::Approve, &after, now);
        anyhow::ensure!(
            matches!(applied.await?, Applied::Done(_)),
            "a demo answer was not moderated"
        );
    }
    let b = &results.brief;
    let mut form = BriefForm {
        summary: b.summary.en.clone(),
        action: b.action.en.clone(),
        ..BriefForm::default()
    };
    for (i, m) in b.messages.iter().enumerate().take(form.messages.len()) {
        form.messages[i] = m.text.en.clone();
        form.themes[i] =
            m.themes.iter().map(|&t| format!("{n}:{}", results.themes[t].name.en)).collect();
        form.quotes[i] =
            m.quotes.iter().filter_map(|q| quoted.get(q)).map(ToString::to_string).collect();
    }
    let brief =
        form.parse().map_err(|problems| anyhow::anyhow!("the demo's brief: {problems:?}"))?;
    briefs::save(db, consultation_id, &brief, organizer, now).await?;
    Ok(organizer)
}

async fn publish(db: &Db, id: i64, organizer: StaffId, now: UnixTime) -> anyhow::Result<()> {
    let c = consultations::by_id(db, id).await?.context("the demo consultation")?;
    match summary::publish_as(db, organizer, &c, now).await {
        Ok(PublishOutcome::Published { .. }) => Ok(()),
        Ok(refused) => anyhow::bail!(
            "the demo's summary was not published ({refused:?}): it must be closed, with enough \
             sample answers for each theme to be shown (--sample-answers 60)"
        ),
        Err(error) => anyhow::bail!("publishing the demo's summary: {error:?}"),
    }
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
        let none = translation::SummaryTexts::default();
        let sources: Vec<String> =
            translation::sources(&c, &content.questions(), none, Language::Ar)
                .into_iter()
                .map(|s| s.text)
                .collect();
        for text in content.texts() {
            assert!(sources.contains(&text.en), "not in the demo: {}", text.en);
        }
        let mut translations = content.translations().unwrap();
        assert_eq!(translations.keys().copied().collect::<Vec<_>>(), [Language::Ar, Language::Fr]);

        let (mut c_ar, mut q_ar) = (c.clone(), content.questions());
        let arabic = Translations::new(translations.remove(&Language::Ar).unwrap());
        assert_eq!(translation::localize(&mut c_ar, &mut q_ar, &arabic, Language::Ar), None);

        let (mut c_fr, mut q_fr) = (c, content.questions());
        let french = Translations::new(translations.remove(&Language::Fr).unwrap());
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

    #[test]
    fn the_demos_results_tie_each_theme_to_one_idea_in_six_languages_and_translate_every_quote() {
        let content = Content::read().unwrap();
        let results = &content.results;
        let samples = &content.sample_texts;
        for theme in &results.themes {
            let mut written: Vec<Language> =
                theme.answers.iter().map(|&i| guess_language(&samples[i])).collect();
            written.sort();
            assert_eq!(written, Language::ALL, "{}", theme.name.en);
        }
        let mut by_language = content.translations().unwrap();
        results.translate(samples, &mut by_language).unwrap();
        let t: BTreeMap<Language, Translations> =
            by_language.into_iter().map(|(l, pairs)| (l, Translations::new(pairs))).collect();
        for quote in results.quoted() {
            let written = guess_language(&samples[quote]);
            for reader in Language::ALL.into_iter().filter(|&l| l != written) {
                assert!(t[&reader].of(&samples[quote]).is_some(), "{quote} into {reader:?}");
            }
        }
        for reader in Language::ALL.into_iter().filter(|&l| l != Language::En) {
            let brief = &results.brief;
            assert!(
                t[&reader].of(&brief.summary.en).is_some()
                    && t[&reader].of(&brief.action.en).is_some()
            );
            assert!(brief.messages.iter().all(|m| t[&reader].of(&m.text.en).is_some()));
        }
    }
}
