//! `/metrics` for operators: Prometheus' text format with requests, answers, the writer, the
//! moderation queue, the database pool and memory; open to this machine only, else with the
//! token; nothing about a respondent in it. And the log as JSON lines.

use server::client::TrustedProxies;

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

/// The value of the series `name` (labels included, as printed), if it is there.
fn value(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

async fn scrape(app: &TestApp) -> String {
    let response = app.get("/metrics").await;
    assert_eq!(response.status(), 200);
    let kind = response.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
    response.text().await.unwrap()
}

#[tokio::test]
async fn metrics_count_requests_answers_and_the_queue_and_say_nothing_about_respondents() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let words = "metrics should never show this sentence";
    let form = app.load_form("demo").await;
    app.take_time_to_answer();
    let thanks = app.post_form("/c/demo", &form.complete_answer(words)).await;
    assert_eq!(thanks.status(), 200);
    let receipt = thanks.text().await.unwrap().split("<code>").nth(1).unwrap()[..14].to_owned();

    let text = scrape(&app).await;
    let posted = r#"yc_http_requests_total{route="/c/{slug}",method="POST",status="200"}"#;
    assert_eq!(value(&text, posted), Some(1.0), "{text}");
    assert_eq!(value(&text, r#"yc_answers_total{outcome="counted"}"#), Some(1.0));
    assert_eq!(value(&text, "yc_writer_batch_responses_count"), Some(1.0));
    assert!(value(&text, "yc_writer_commit_seconds_sum").is_some_and(|s| s > 0.0));
    assert_eq!(value(&text, r#"yc_moderation_queue_answers{lane="pending"}"#), Some(1.0));
    assert_eq!(value(&text, r#"yc_moderation_queue_answers{lane="held"}"#), Some(0.0));
    assert!(value(&text, r#"yc_db_connections{state="idle"}"#).is_some());
    assert!(value(&text, "yc_process_resident_memory_bytes").is_some_and(|b| b > 1e6));
    let latency = r#"yc_http_request_duration_seconds_count{route="/c/{slug}",method="POST"}"#;
    assert_eq!(value(&text, latency), Some(1.0));

    for private in [words, receipt.as_str(), "127.0.0.1", "demo"] {
        assert!(!text.contains(private), "{private} in the metrics");
    }

    // A path nobody routes is one series, whatever the path.
    for path in ["/nothing-here", "/or-here", "/c/demo/nope"] {
        app.get(path).await;
    }
    let text = scrape(&app).await;
    let unmatched = r#"yc_http_requests_total{route="unmatched",method="GET",status="404"}"#;
    assert_eq!(value(&text, unmatched), Some(3.0), "{text}");
    assert!(!text.contains("nothing-here"));
}

#[tokio::test]
async fn from_elsewhere_metrics_need_the_token() {
    let app = spawn_app_with(|config| {
        config.trusted_proxies = TrustedProxies::parse("127.0.0.1").unwrap();
        config.metrics_token = Some("a-long-random-token".into());
    })
    .await;
    let from = |bearer: Option<&str>| {
        let mut request = app
            .client
            .get(format!("{}/metrics", app.address))
            .header("x-forwarded-for", "203.0.113.9");
        if let Some(token) = bearer {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        request.send()
    };
    assert_eq!(from(None).await.unwrap().status(), 404, "no token: nothing here");
    assert_eq!(from(Some("a-long-random-tokeN")).await.unwrap().status(), 404, "a wrong one");
    assert_eq!(from(Some("a-long-random-token")).await.unwrap().status(), 200, "the token");
    assert_eq!(app.get("/metrics").await.status(), 200, "this machine needs none");
}

#[tokio::test]
async fn without_a_token_metrics_answer_this_machine_only() {
    let app = spawn_app_with(|config| {
        config.trusted_proxies = TrustedProxies::parse("127.0.0.1").unwrap()
    })
    .await;
    let response = app
        .client
        .get(format!("{}/metrics", app.address))
        .header("x-forwarded-for", "203.0.113.9")
        .header("authorization", "Bearer ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
}

#[test]
fn with_yc_log_format_json_every_log_line_is_a_json_object() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}/logs.db", dir.path().display());
    let seeded = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["seed-demo"])
        .env("DATABASE_URL", &database_url)
        .env("RUST_LOG", "info")
        .env("YC_LOG_FORMAT", "json")
        .output()
        .unwrap();
    assert!(seeded.status.success());
    let log = String::from_utf8(seeded.stderr).unwrap();
    let lines: Vec<serde_json::Value> =
        log.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("{l}"))).collect();
    assert!(!lines.is_empty(), "it logged");
    let created = lines.iter().find(|l| l["fields"]["message"] == "demo consultation created");
    assert_eq!(created.expect("the demo's line")["level"], "INFO");
}
