//! Durability: answers keep arriving while the server is killed with SIGKILL and restarted, again
//! and again. Every answer that got a thank-you is stored exactly once, and the database is sound.

use std::collections::HashSet;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::helpers::{Backend, Form, backend, empty_database};

const KILLS: usize = 20;
const WORKERS: usize = 4;

/// The real binary on a port of its own.
pub struct Server {
    pub database_url: String,
    pub port: u16,
}

impl Server {
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command.args(args);
        self.configured(command)
    }

    /// The server's environment, quiet, on this database and port.
    pub fn configured(&self, mut command: Command) -> Command {
        command
            .env("DATABASE_URL", &self.database_url)
            .env("YC_LISTEN", format!("127.0.0.1:{}", self.port))
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    }

    pub async fn start(&self, client: &reqwest::Client) -> Child {
        self.start_with(client, self.command(&["serve"])).await
    }

    /// Starts `command` and waits until the server answers.
    pub async fn start_with(&self, client: &reqwest::Client, mut command: Command) -> Child {
        let mut child = command.spawn().expect("server starts");
        for _ in 0..200 {
            let health = client.get(format!("http://127.0.0.1:{}/healthz", self.port)).send().await;
            if health.is_ok_and(|r| r.status().is_success()) {
                return child;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("the server did not come back");
    }
}

/// Loads a form and sends one answer; `true` only if the thank-you came back.
async fn answer(client: &reqwest::Client, base: &str, text: &str) -> bool {
    send_answer(client, base, text)
        .await
        .is_some_and(|(status, html)| status == 200 && html.contains("Your receipt code"))
}

/// Loads a form and sends one answer: the status and page that came back, or `None` when the
/// server could not be reached or gave no form.
pub async fn send_answer(
    client: &reqwest::Client,
    base: &str,
    text: &str,
) -> Option<(u16, String)> {
    let html =
        client.get(format!("{base}/c/demo?step=answer")).send().await.ok()?.text().await.ok()?;
    if !html.contains(r#"name="token""#) {
        return None;
    }
    let fields = Form::parse(&html).complete_answer(text);
    let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(&fields).finish();
    let sent = client
        .post(format!("{base}/c/demo"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Origin", base)
        .body(body)
        .send()
        .await
        .ok()?;
    let status = sent.status().as_u16();
    Some((status, sent.text().await.ok()?))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_answer_survives_repeated_sigkill_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let (_postgres, database_url) = empty_database(dir.path(), "crash").await;
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let server = Server { database_url: database_url.clone(), port };
    let seeded = server.command(&["seed-demo", "--opens-in-minutes", "-1"]).status().unwrap();
    assert!(seeded.success());
    let client = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = server.start(&client).await;

    let running = Arc::new(AtomicBool::new(true));
    let workers: Vec<_> = (0..WORKERS)
        .map(|w| {
            let (client, base, running) = (client.clone(), base.clone(), running.clone());
            tokio::spawn(async move {
                let mut acknowledged = Vec::new();
                let mut i = 0;
                while running.load(Ordering::SeqCst) {
                    let text = format!("crash answer w{w} n{i}");
                    if answer(&client, &base, &text).await {
                        acknowledged.push(text);
                    } else {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                    i += 1;
                }
                acknowledged
            })
        })
        .collect();

    for kill in 0..KILLS {
        tokio::time::sleep(Duration::from_millis(300 + 97 * (kill as u64 % 7))).await;
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        child = server.start(&client).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    running.store(false, Ordering::SeqCst);
    let mut acknowledged = Vec::new();
    for worker in workers {
        acknowledged.extend(worker.await.unwrap());
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let db = app::storage::connect(&database_url).await.unwrap();
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT text FROM answers WHERE text LIKE 'crash answer %'")
            .fetch_all(&db)
            .await
            .unwrap();
    let unique: HashSet<&String> = stored.iter().collect();
    assert_eq!(unique.len(), stored.len(), "no answer stored twice");
    let missing: Vec<&String> = acknowledged.iter().filter(|t| !unique.contains(t)).collect();
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
    assert!(acknowledged.len() > 50, "the load kept going: {} answers", acknowledged.len());
    if backend() == Backend::Sqlite {
        let check: String =
            sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&db).await.unwrap();
        assert_eq!(check, "ok");
    }
    println!("{} acknowledged answers across {KILLS} kills, all stored once", acknowledged.len());
}
