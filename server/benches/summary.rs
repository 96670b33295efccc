//! Time to compute the summary (count in the database, suppress, shape, encode as the published
//! snapshot) from 10,000, then 100,000, then 1,000,000 responses to the demo's six questions
//! (goal: ≤ 1 s at 100,000), on a real SQLite file as the server opens it.
//! Run: `cargo bench -p server --bench summary` (`-- 10000 100000` for other sizes).
//! Prints timings; it asserts nothing about time.

use app::domain::summary::{About, aggregate};
use app::storage::{self, Db, consultations, summary};
use server::demo::{self, DemoWindow};
use std::time::Instant;

const NOW: i64 = 1_795_507_200;
const RUNS: usize = 3;
/// Response `i`'s age band and region, as SQL.
const AGE: &str = "CASE i % 5 WHEN 0 THEN '9-12' WHEN 1 THEN '13-15' WHEN 2 THEN '16-18' \
                   WHEN 3 THEN '19-24' ELSE 'undisclosed' END";
const REGION: &str = "CASE i % 7 WHEN 0 THEN 'africa' WHEN 1 THEN 'americas' \
                      WHEN 2 THEN 'arab_states' WHEN 3 THEN 'asia_pacific' WHEN 4 THEN 'cis' \
                      WHEN 5 THEN 'europe' ELSE NULL END";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut sizes: Vec<i64> = std::env::args().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000, 1_000_000];
    }
    let dir = tempfile::tempdir()?;
    let db = storage::connect(&format!("sqlite://{}/bench.db", dir.path().display())).await?;
    storage::migrate(&db).await?;
    demo::ensure_in(&db, &DemoWindow::default(), NOW).await?;
    let c = consultations::by_slug(&db, "demo").await?.expect("the demo");
    let questions = consultations::questions(&db, c.id).await?;

    let mut filled = 0;
    for size in sizes {
        let started = Instant::now();
        fill(&db, c.id, filled, size).await?;
        filled = size;
        let fill_secs = started.elapsed().as_secs_f64();
        let mut best = f64::MAX;
        let mut bytes = 0;
        for _ in 0..RUNS {
            let started = Instant::now();
            let tallies = summary::tallies(&db, c.id).await?;
            let about = About {
                title: c.title.clone(),
                meeting: c.meeting.clone(),
                language: c.language,
                opens_at: None,
                closes_at: None,
            };
            let computed = aggregate(about, c.min_cell_size as u64, &questions, &tallies);
            bytes = serde_json::to_string(&computed)?.len();
            best = best.min(started.elapsed().as_secs_f64());
        }
        println!(
            "{size:>9} responses: summary in {:.0} ms (best of {RUNS}; snapshot {:.1} KB; filled in {fill_secs:.0} s)",
            best * 1000.0,
            bytes as f64 / 1024.0
        );
    }
    Ok(())
}

/// Responses `from..to` with an answer to each of the six questions, spread over groups, hours
/// and options; written answers mostly approved with one of five themes, a few quoted. Generated
/// inside SQLite, so a million takes seconds rather than hours.
async fn fill(db: &Db, consultation: i64, from: i64, to: i64) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "CREATE TEMP TABLE chosen (response_id BIGINT, question_id BIGINT, option_id BIGINT, \
         scale_value BIGINT)",
    )
    .execute(&mut *tx)
    .await?;
    let series = format!(
        "WITH RECURSIVE n(i) AS (SELECT {from} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {to})"
    );
    sqlx::query(&format!(
        "{series} INSERT INTO responses (id, consultation_id, receipt_hash, submitted_hour, language, age_band, region, gender) \
         SELECT i + 1, {consultation}, 'r' || i, {NOW} + (i % 24) * 3600, \
           CASE i % 6 WHEN 0 THEN 'ar' WHEN 1 THEN 'zh' WHEN 2 THEN 'en' WHEN 3 THEN 'fr' WHEN 4 THEN 'ru' ELSE 'es' END, \
           {AGE}, {REGION}, \
           CASE i % 4 WHEN 0 THEN 'girl' WHEN 1 THEN 'boy' WHEN 2 THEN 'other' ELSE 'undisclosed' END \
         FROM n"
    ))
    .execute(&mut *tx)
    .await?;
    let questions: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT id, position, kind FROM questions WHERE consultation_id = $1 ORDER BY position",
    )
    .bind(consultation)
    .fetch_all(&mut *tx)
    .await?;
    for (question, position, kind) in questions {
        // Answer ids: the response id times ten plus the question's position.
        let id = format!("(i + 1) * 10 + {position}");
        let options: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM question_options WHERE question_id = $1 ORDER BY position",
        )
        .bind(question)
        .fetch_all(&mut *tx)
        .await?;
        let pick = |salt: i64| {
            let arms: String =
                options.iter().enumerate().map(|(k, o)| format!(" WHEN {k} THEN {o}")).collect();
            format!("CASE (i * {salt} / 3) % {} {arms} END", options.len().max(1))
        };
        if kind == "free_text" {
            sqlx::query(&format!(
                "{series} INSERT INTO answers (id, response_id, question_id, text, consultation_id) \
                 SELECT {id}, i + 1, {question}, \
                   'answer ' || i || ': apps should ask before sharing photos of us', {consultation} \
                 FROM n"
            ))
            .execute(&mut *tx)
            .await?;
            review(&mut tx, &series, consultation, question, &id).await?;
            continue;
        }
        // Choices go where the server keeps them: on the response and in the counts.
        let choice = match kind.as_str() {
            "single_choice" => format!("{}, NULL", pick(7)),
            "multiple_choice" => format!("{}, NULL", pick(11)),
            _ => "NULL, 1 + (i * 13 / 5) % 5".to_owned(),
        };
        let insert = "INSERT INTO chosen (response_id, question_id, option_id, scale_value)";
        sqlx::query(&format!("{series} {insert} SELECT i + 1, {question}, {choice} FROM n"))
            .execute(&mut *tx)
            .await?;
        if kind == "multiple_choice" {
            // A second box for every other respondent.
            sqlx::query(&format!(
                "{series} {insert} SELECT i + 1, {question}, {}, NULL FROM n WHERE i % 2 = 0",
                pick(17)
            ))
            .execute(&mut *tx)
            .await?;
        }
    }
    count(&mut tx).await?;
    tx.commit().await?;
    sqlx::query("ANALYZE").execute(db).await?;
    Ok(())
}

/// Moves the rows of `chosen` onto their responses and into the counts, as migration 0009 does.
async fn count(tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> anyhow::Result<()> {
    for sql in [
        "CREATE INDEX chosen_by_response ON chosen (response_id)",
        "UPDATE responses SET choices = (SELECT '[' || string_agg('[' || question_id || ',' \
           || COALESCE(CAST(option_id AS TEXT), 'null') || ',' \
           || COALESCE(CAST(scale_value AS TEXT), 'null') || ']', ',') || ']' \
         FROM chosen c WHERE c.response_id = responses.id) \
         WHERE id IN (SELECT response_id FROM chosen)",
        "INSERT INTO choice_counts (question_id, option_id, scale_value, age_band, region, n) \
         SELECT c.question_id, c.option_id, c.scale_value, r.age_band, r.region, COUNT(*) \
         FROM chosen c JOIN responses r ON r.id = c.response_id WHERE true \
         GROUP BY c.question_id, c.option_id, c.scale_value, r.age_band, r.region \
         ON CONFLICT (question_id, COALESCE(option_id, 0), COALESCE(scale_value, 0), \
           COALESCE(age_band, ''), COALESCE(region, '')) \
         DO UPDATE SET n = choice_counts.n + excluded.n",
        "DROP TABLE chosen",
    ] {
        sqlx::query(sql).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Reviews: 90 % approved, 5 % rejected, 5 % pending; approved ones tagged with one of five
/// themes; the first three of each theme quoted.
async fn review(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    series: &str,
    consultation: i64,
    question: i64,
    id: &str,
) -> anyhow::Result<()> {
    sqlx::query(&format!(
        "{series} INSERT INTO reviews (answer_id, response_id, consultation_id, question_id, submitted_hour, status, reason, quote) \
         SELECT {id}, i + 1, {consultation}, {question}, {NOW} + (i % 24) * 3600, \
           CASE WHEN i % 20 = 0 THEN 'rejected' WHEN i % 20 = 1 THEN 'pending' ELSE 'approved' END, \
           CASE WHEN i % 20 = 0 THEN 'off_topic' END, \
           CASE WHEN i BETWEEN 2 AND 16 THEN 1 ELSE 0 END \
         FROM n"
    ))
    .execute(&mut **tx)
    .await?;
    for theme in 0..5i64 {
        let theme_id = question * 10 + theme;
        sqlx::query(
            "INSERT INTO themes (id, question_id, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(theme_id)
        .bind(question)
        .bind(format!("Theme {theme}"))
        .execute(&mut **tx)
        .await?;
        sqlx::query(&format!(
            "{series} INSERT INTO answer_themes (answer_id, theme_id) \
             SELECT {id}, {theme_id} FROM n WHERE i % 20 > 1 AND i % 5 = {theme}"
        ))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
