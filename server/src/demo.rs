//! A demo consultation on topics from the working group's meetings, for trying the product out
//! and for the browser tests.

use anyhow::Context;
use app::domain::authoring::ConsultationSettings;
use app::domain::consultation::Meeting;
use app::domain::demographics::{AgeBand, Demographics, Gender, Region};
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
            let settings = settings(&demo.slug, window, demo.grace_minutes);
            let id = consultations::insert(db, &settings, &questions(), now)
                .await?
                .context("the demo's address is taken")?;
            // Read back: the questions now have their ids.
            let questions = consultations::questions(db, id).await?;
            let partners = demo_partners(db, id, now).await?;
            demo_translations(db, id, &demo.slug, now).await?;
            for i in 0..demo.sample_answers {
                // Some answers came through a partner's link, most through none.
                let partner = partners.get(i % (partners.len() + 2)).copied();
                sample_answer(db, id, &questions, window, partner, i).await?;
            }
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
        language: Language::En,
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

const SAMPLE_TEXTS: [&str; 8] = [
    "Apps should ask before they share photos of us.",
    "Teach online safety at school every year, not once.",
    "Make reporting a stranger as easy as blocking them.",
    "يجب على الشركات حماية بيانات الأطفال وعدم عرض الإعلانات لهم.",
    "Stop recommending videos that make us feel bad about ourselves.",
    "Les plateformes doivent supprimer plus vite les contenus de harcèlement.",
    "Parents need help too: they do not know the apps we use.",
    "Что бы ни случилось, должна быть горячая линия для детей.",
];

/// All of the demo in Arabic.
const ARABIC: &[(&str, &str)] = &[
    ("Growing up online: what keeps you safe?", "النشأة على الإنترنت: ما الذي يحميك؟"),
    (
        "The ITU working group on child online protection wants to hear from young people before \
         its next meeting: how you use the internet, what worries you, and what adults, companies \
         and governments should do about it.",
        "يريد فريق الاتحاد الدولي للاتصالات العامل المعني بحماية الأطفال على الإنترنت أن يسمع من \
         الشباب قبل اجتماعه القادم: كيف تستخدم الإنترنت، وما الذي يقلقك، وما الذي ينبغي للكبار \
         والشركات والحكومات فعله حيال ذلك.",
    ),
    ("CWG-COP, 25th meeting", "الاجتماع الخامس والعشرون لفريق CWG-COP"),
    (
        "On a normal school day, how long are you online outside school?",
        "في يوم دراسي عادي، كم من الوقت تقضي على الإنترنت خارج المدرسة؟",
    ),
    ("Less than 1 hour", "أقل من ساعة"),
    ("1 to 3 hours", "من ساعة إلى 3 ساعات"),
    ("3 to 5 hours", "من 3 إلى 5 ساعات"),
    ("More than 5 hours", "أكثر من 5 ساعات"),
    ("I am not sure", "لست متأكدًا"),
    (
        "In the past year, have any of these happened to you or a friend online?",
        "خلال العام الماضي، هل حدث لك أو لأحد أصدقائك أي مما يلي على الإنترنت؟",
    ),
    ("Someone was mean or bullied us", "أساء إلينا أحدهم أو تنمّر علينا"),
    (
        "A stranger asked for photos or personal information",
        "طلب منا شخص غريب صورًا أو معلومات شخصية",
    ),
    ("We saw false information that looked true", "رأينا معلومات كاذبة بدت صحيحة"),
    ("An app used our data in a way we did not expect", "استخدم تطبيق بياناتنا بطريقة لم نتوقعها"),
    ("We saw something that upset us", "رأينا شيئًا أزعجنا"),
    ("None of these", "لا شيء مما سبق"),
    ("How safe do you feel online?", "ما مدى شعورك بالأمان على الإنترنت؟"),
    ("not safe at all", "غير آمن إطلاقًا"),
    ("very safe", "آمن جدًا"),
    (
        "If something bad happened to you online, who would you tell first?",
        "إذا حدث لك شيء سيئ على الإنترنت، فمن ستخبر أولًا؟",
    ),
    ("A parent or carer", "أحد الوالدين أو من يرعاني"),
    ("A friend", "صديق"),
    ("A teacher", "معلم"),
    ("I would report it in the app", "سأبلّغ عنه في التطبيق"),
    ("A helpline", "خط مساعدة"),
    ("Nobody", "لا أحد"),
    (
        "How much do you trust apps that use AI to choose what you see?",
        "إلى أي مدى تثق بالتطبيقات التي تستخدم الذكاء الاصطناعي لاختيار ما تراه؟",
    ),
    ("not at all", "لا أثق بها إطلاقًا"),
    ("completely", "أثق بها تمامًا"),
    (
        "What is one thing governments or companies should do to make the internet safer for \
         young people?",
        "ما الشيء الذي ينبغي للحكومات أو الشركات فعله لجعل الإنترنت أكثر أمانًا للشباب؟",
    ),
];

/// The demo's title and description in French, its questions not yet: French readers see them
/// in English, with a note.
const FRENCH: &[(&str, &str)] = &[
    ("Growing up online: what keeps you safe?", "Grandir en ligne : qu’est-ce qui te protège ?"),
    (
        "The ITU working group on child online protection wants to hear from young people before \
         its next meeting: how you use the internet, what worries you, and what adults, companies \
         and governments should do about it.",
        "Le groupe de travail de l’UIT sur la protection des enfants en ligne veut entendre les \
         jeunes avant sa prochaine réunion : comment tu utilises internet, ce qui t’inquiète, et \
         ce que les adultes, les entreprises et les gouvernements devraient faire.",
    ),
];

async fn demo_translations(
    db: &Db,
    consultation_id: i64,
    slug: &str,
    now: UnixTime,
) -> anyhow::Result<()> {
    for (language, texts) in [(Language::Ar, ARABIC), (Language::Fr, FRENCH)] {
        let change = Change { consultation_id, slug, language, by: None, at: now };
        translations::replace(db, change, &translated(texts)).await?;
    }
    Ok(())
}

fn translated(texts: &[(&str, &str)]) -> Translations {
    Translations::new(texts.iter().map(|(source, text)| (translation::key(source), (*text).into())))
}

/// Two partners whose links (`?via=schools`, `?via=youth-council`) the demo can be opened with.
async fn demo_partners(db: &Db, consultation_id: i64, now: UnixTime) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for (code, name) in
        [("schools", "Schools network"), ("youth-council", "National youth council")]
    {
        let form = PartnerForm { name: name.into(), code: code.into() };
        let partner = form.parse().map_err(|_| anyhow::anyhow!("demo partner {code} is valid"))?;
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
    partner_id: Option<i64>,
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
                QuestionKind::FreeText { .. } => Answer::Text {
                    question_id: question.id,
                    text: scrub(SAMPLE_TEXTS[i % SAMPLE_TEXTS.len()]),
                    concern: None,
                },
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
            language: Language::ALL[pick(Language::ALL.len(), 1)],
            partner_id,
            submission: Submission { demographics, answers },
            held: None,
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
        let s = settings("demo", Window { opens_at: 0, closes_at: 3600 }, 15);
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
        let sources: Vec<String> =
            translation::sources(&c, &questions(), &[]).into_iter().map(|s| s.text).collect();
        for (source, _) in ARABIC.iter().chain(FRENCH) {
            assert!(sources.iter().any(|s| s == source), "not in the demo: {source}");
        }
        let (mut c_ar, mut q_ar) = (c.clone(), questions());
        let arabic = translated(ARABIC);
        assert_eq!(translation::localize(&mut c_ar, &mut q_ar, &arabic, Language::Ar), None);

        let (mut c_fr, mut q_fr) = (c, questions());
        let french = translated(FRENCH);
        let fallback = translation::localize(&mut c_fr, &mut q_fr, &french, Language::Fr).unwrap();
        assert!(!fallback.title && !fallback.description);
        assert_eq!(fallback.questions.len(), q_fr.len());
    }
}
