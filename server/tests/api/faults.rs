//! Faults under the answers, injected for real: the disk fills up (SQLite: the server runs with
//! a file-size limit, so the database's writes fail with "database or disk is full") or the
//! database turns read-only (PostgreSQL: `default_transaction_read_only`, connections renewed).
//! Every answer either gets its thank-you and is stored, or gets a 503 page that says it was not
//! stored and keeps what the person typed; never a thank-you for an answer that was not stored,
//! and the server keeps answering.

use std::process::Command;
use std::time::Duration;

use crate::crash::{Server, send_answer};
use crate::helpers::{Backend, backend, empty_database, own_words, visible};

/// Answers sent at most; on a full disk the first fail within a few, and later ones may go in
/// again once SQLite has checkpointed its log into the room it has.
const ANSWERS: usize = 30;

/// The thank-you page's heading.
const THANKS: &str = "Your answers were sent";

/// Room the database's files get to grow beyond their size at start: a few answers' worth.
const ROOM_KIB: u64 = 96;

/// Loads a form and sends one answer: the status and page that came back, as a person sees it.
async fn answer(client: &reqwest::Client, base: &str, text: &str) -> (u16, String) {
    let (status, html) = send_answer(client, base, text).await.expect("the server answers");
    (status, visible(&html))
}

/// `serve` with every file it writes limited to its size now plus [`ROOM_KIB`]; SIGXFSZ
/// ignored, so a write past the limit fails (EFBIG) as on a full disk instead of killing it.
fn serve_on_a_nearly_full_disk(server: &Server, dir: &std::path::Path) -> Command {
    let largest = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|entry| entry.ok()?.metadata().ok())
        .map(|meta| meta.len())
        .max()
        .unwrap_or(0);
    let limit_kib = largest / 1024 + ROOM_KIB;
    let mut command = Command::new("bash");
    command.args([
        "-c",
        &format!("trap '' XFSZ; ulimit -f {limit_kib}; exec \"$0\" serve"),
        env!("CARGO_BIN_EXE_server"),
    ]);
    server.configured(command)
}

/// Turns the test's own PostgreSQL database read-only and ends its connections, so the
/// server's pool reconnects to a database that refuses every write.
async fn make_read_only(database_url: &str) {
    use sqlx::Connection;
    let name = database_url.rsplit('/').next().unwrap();
    let mut conn = sqlx::AnyConnection::connect(database_url).await.unwrap();
    let statements = [
        format!("ALTER DATABASE {name} SET default_transaction_read_only = on"),
        format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        ),
    ];
    for sql in statements {
        sqlx::query(&sql).execute(&mut conn).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_the_database_cannot_take_gets_a_503_that_keeps_the_text_never_a_thank_you() {
    let dir = tempfile::tempdir().unwrap();
    let (_postgres, database_url) = empty_database(dir.path(), "faults").await;
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let server = Server { database_url: database_url.clone(), port };
    assert!(server.command(&["seed-demo", "--opens-in-minutes", "-1"]).status().unwrap().success());
    let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = match backend() {
        Backend::Sqlite => {
            server.start_with(&client, serve_on_a_nearly_full_disk(&server, dir.path())).await
        }
        Backend::Postgres => server.start(&client).await,
    };

    let mut thanked = 0;
    let mut refused = 0;
    for i in 0..ANSWERS {
        if backend() == Backend::Postgres && i == 3 {
            make_read_only(&database_url).await;
        }
        let text = format!("answer number {i}, typed with care: {}", own_words(i));
        let (status, page) = answer(&client, &base, &text).await;
        match status {
            200 => {
                assert!(page.contains(THANKS), "a thank-you");
                thanked += 1;
            }
            503 => {
                assert!(page.contains("your answers were not stored"), "it says so");
                assert!(page.contains(&text), "what they typed is still there");
                assert!(!page.contains(THANKS), "no thank-you");
                refused += 1;
                if refused == 3 {
                    break;
                }
            }
            other => panic!("answer {i}: {other} after {thanked} thanked"),
        }
    }
    assert!(thanked >= 1, "answers went in before the fault");
    assert!(refused >= 1, "the fault was reached ({thanked} thanked)");
    let health = client.get(format!("{base}/healthz")).send().await.unwrap();
    assert!(health.status().is_success() || health.status() == 503, "still answering");
    child.kill().unwrap();
    child.wait().unwrap();

    let db = app::storage::connect(&database_url).await.unwrap();
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM responses").fetch_one(&db).await.unwrap();
    assert_eq!(stored, thanked, "every thanked answer stored, none of the refused");
    if backend() == Backend::Sqlite {
        let check: String =
            sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&db).await.unwrap();
        assert_eq!(check, "ok");
    }
}
