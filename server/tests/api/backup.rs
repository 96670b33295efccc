//! `backup` copies a live SQLite database; a server started on the copy has everything.

use app::domain::staff::Role;
use clap::Parser;
use reqwest::StatusCode;
use server::cli::Cli;

use crate::helpers::{Backend, backend, spawn_app};

async fn run_backup(database_url: &str, to: &std::path::Path) -> anyhow::Result<()> {
    let args = ["youth-consult", "backup", "--database-url", database_url, "--to"];
    Cli::parse_from(args.into_iter().chain(to.to_str())).run().await
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores_everything() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let form = app.load_form("demo").await;
    let sent = app.post_form("/c/demo", &form.complete_answer("apps should ask first")).await;
    assert_eq!(sent.status(), StatusCode::OK);
    app.staff("admin@example.org", Role::Admin).await;
    let copy = tempfile::tempdir().unwrap();
    let to = copy.path().join("backup.db");

    let result = run_backup(&app.database_url, &to).await;

    if backend() == Backend::Postgres {
        let error = result.expect_err("PostgreSQL is pg_dump's job").to_string();
        assert!(error.contains("pg_dump"), "{error}");
        return;
    }
    result.expect("backed up");
    assert!(run_backup(&app.database_url, &to).await.is_err(), "never overwrites a file");

    // Restore: the server started on the copy.
    let restored = spawn_app_on(&to).await;
    assert_eq!(restored.count("responses").await, 1);
    assert_eq!(restored.stored_texts().await, ["apps should ask first"]);
    let check: String =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&restored.db).await.unwrap();
    assert_eq!(check, "ok");
    restored.session_of("admin@example.org").await;
    assert_eq!(restored.get("/c/demo").await.status(), StatusCode::OK);
}

async fn spawn_app_on(file: &std::path::Path) -> crate::helpers::TestApp {
    let url = format!("sqlite://{}", file.display());
    crate::helpers::spawn_app_with(move |config| config.database_url = url).await
}
