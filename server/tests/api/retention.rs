//! Retention: a published consultation's raw answers are deleted after its retention days, by
//! the server's own job and by the `purge` command; what was published stays.

use reqwest::StatusCode;
use std::time::Duration;

use crate::helpers::TestApp;
use crate::summary::{ANSWERS, closed_and_moderated, json, publish};

const RAW: [&str; 5] = ["responses", "answers", "reviews", "answer_themes", "themes"];

async fn raw_rows(app: &TestApp) -> Vec<i64> {
    let mut counts = vec![];
    for table in RAW {
        counts.push(app.count(table).await);
    }
    counts
}

#[tokio::test]
async fn answers_go_after_the_retention_days_and_the_summary_stays() {
    let c = closed_and_moderated().await;
    assert_eq!(publish(&c, &c.admin).await.status(), StatusCode::SEE_OTHER);
    let published = json(&c.app).await;
    let before = raw_rows(&c.app).await;
    assert!(before.iter().all(|&n| n > 0), "{before:?}");

    // A day before the 30 days are over, the job (every second in tests) leaves everything.
    c.app.advance_minutes(29 * 24 * 60);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(raw_rows(&c.app).await, before);

    c.app.advance_minutes(24 * 60);
    let mut waited = 0;
    while c.app.count("responses").await > 0 {
        assert!(waited < 100, "the job purged within 10 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
    assert_eq!(raw_rows(&c.app).await, [0; RAW.len()]);
    assert_eq!(json(&c.app).await, published, "the published summary stays as it was");
    let page = c.app.get("/c/demo").await.text().await.unwrap();
    assert!(page.contains("Read the summary"));
    let audit: Vec<String> =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'purged answers'")
            .fetch_all(&c.app.db)
            .await
            .unwrap();
    assert_eq!(audit, [format!("{ANSWERS} responses deleted")]);

    // Publishing again would publish nothing: refused. (A month on, the admin signs in anew:
    // a session lasts twelve hours at most.)
    let admin = c.app.session_of("admin@example.org").await;
    let response = publish(&c, &admin).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(c.app.count("summaries").await, 1);
    let draft = format!("/admin/consultations/{}/summary", c.id);
    let html = c.app.get_as(&draft, &admin).await.text().await.unwrap();
    assert!(html.contains("cannot be published again"));
}

#[tokio::test]
async fn the_purge_command_deletes_what_is_due_and_nothing_else() {
    let c = closed_and_moderated().await;
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .arg("purge")
            .env("DATABASE_URL", &c.app.database_url)
            .env("RUST_LOG", "error")
            .output()
            .expect("purge runs")
    };
    // Not published: nothing is due.
    let output = run();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout), "Nothing to purge.\n");
    assert_eq!(c.app.count("responses").await, ANSWERS as i64);

    assert_eq!(publish(&c, &c.admin).await.status(), StatusCode::SEE_OTHER);
    // The command reads the system clock: as if published 31 days ago by it.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    sqlx::query("UPDATE consultations SET published_at = $1")
        .bind(now as i64 - 31 * 24 * 3600)
        .execute(&c.app.db)
        .await
        .unwrap();
    let output = run();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("Purged demo: {ANSWERS} responses deleted; its summary stays.\n")
    );
    assert_eq!(c.app.count("responses").await, 0);
    assert_eq!(c.app.get("/c/demo/summary.json").await.status(), StatusCode::OK);
}
