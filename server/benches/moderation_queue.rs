//! Time to fetch and claim the next answer with 100,000 pending (goal: ≤ 5 ms), on a real SQLite
//! file as the server opens it. Run: `cargo bench -p server --bench moderation_queue`
//! (`-- 1000000` for another queue size). Prints percentiles; it asserts nothing about time.

use app::domain::moderation::{QueueFilter, Status};
use app::domain::staff::{Email, Role};
use app::storage::{self, Db, moderation, new_id, staff};
use server::demo::{self, DemoWindow};
use std::time::{Duration, Instant};

const NOW: i64 = 1_795_507_200;
const MODERATORS: usize = 8;
const CLAIMS: usize = 2_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let pending: usize = std::env::args().filter_map(|a| a.parse().ok()).next().unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    let db = storage::connect(&format!("sqlite://{}/bench.db", dir.path().display())).await?;
    storage::migrate(&db).await?;

    let started = Instant::now();
    let consultation = fill(&db, pending).await?;
    println!(
        "queue: {pending} pending answers, filled in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut moderators = Vec::new();
    for i in 0..MODERATORS {
        let email = Email::parse(&format!("m{i}@bench.example")).expect("valid");
        let hash = staff::PasswordHash("not used".into());
        moderators
            .push(staff::insert(&db, &email, Role::Moderator, &hash, NOW).await?.expect("new"));
    }

    for (label, filter) in [
        ("no filter", QueueFilter::default()),
        (
            "one consultation",
            QueueFilter { consultation: Some(consultation), ..Default::default() },
        ),
    ] {
        let mut times = Vec::with_capacity(CLAIMS);
        for i in 0..CLAIMS {
            let me = moderators[i % MODERATORS];
            let started = Instant::now();
            let claimed = moderation::claim_next(&db, me, &filter, None, NOW).await?;
            times.push(started.elapsed());
            // The moderator decides (not timed), so the next claim must find a new answer.
            let id = claimed.expect("the queue is not empty");
            sqlx::query("UPDATE reviews SET status = 'approved', claimed_by = NULL, claim_expires_at = NULL WHERE answer_id = $1")
                .bind(id)
                .execute(&db)
                .await?;
        }
        report(label, &mut times);
    }
    let counts =
        moderation::counts(&db, &QueueFilter { status: Status::Pending, ..Default::default() })
            .await?;
    println!("left pending: {}", counts.pending);
    Ok(())
}

/// One consultation, its free-text question, `n` responses with one pending answer each; one in
/// a hundred flagged, spread over 24 hours.
async fn fill(db: &Db, n: usize) -> anyhow::Result<i64> {
    demo::ensure_in(db, &DemoWindow::default(), NOW).await?;
    let (consultation, question): (i64, i64) = sqlx::query_as(
        "SELECT q.consultation_id, q.id FROM questions q WHERE q.kind = 'free_text' LIMIT 1",
    )
    .fetch_one(db)
    .await?;
    let mut tx = db.begin().await?;
    for i in 0..n {
        let (response, answer) = (new_id(), new_id());
        let hour = NOW + (i as i64 % 24) * 3600;
        sqlx::query("INSERT INTO responses (id, consultation_id, receipt_hash, submitted_hour, language) VALUES ($1, $2, $3, $4, 'en')")
            .bind(response)
            .bind(consultation)
            .bind(format!("r{i}"))
            .bind(hour)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO answers (id, response_id, question_id, text) VALUES ($1, $2, $3, $4)",
        )
        .bind(answer)
        .bind(response)
        .bind(question)
        .bind(format!("answer {i}: apps should ask before sharing photos of us"))
        .execute(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO reviews (answer_id, response_id, consultation_id, question_id, submitted_hour, concern) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(answer)
            .bind(response)
            .bind(consultation)
            .bind(question)
            .bind(hour)
            .bind((i % 100 == 0).then_some("bullying"))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    sqlx::query("ANALYZE").execute(db).await?;
    Ok(consultation)
}

fn report(label: &str, times: &mut [Duration]) {
    times.sort();
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "claim next ({label}, {} claims): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        ms(at(0.50)),
        ms(at(0.99)),
        ms(times[times.len() - 1])
    );
}
