//! Migrations run on a database holding answers, not only on an empty one.

use app::storage;
use sqlx::migrate::Migrator;
use std::borrow::Cow;

use crate::helpers::{PgDatabase, empty_database};

/// A new database with the migrations before `version` run (and its PostgreSQL database, dropped
/// when it goes).
async fn migrated_before(
    version: i64,
    dir: &std::path::Path,
    name: &str,
) -> (storage::Db, Option<PgDatabase>) {
    let (postgres, url) = empty_database(dir, name).await;
    let db = storage::connect(&url).await.unwrap();
    let mut before: Migrator = sqlx::migrate!("../migrations");
    before.migrations =
        Cow::Owned(before.migrations.iter().filter(|m| m.version < version).cloned().collect());
    before.run(&db).await.unwrap();
    (db, postgres)
}

/// A row of `choice_counts`: question, option, scale value, age band, region, count.
type Cell = (i64, Option<i64>, Option<i64>, Option<String>, Option<String>, i64);

/// Answers stored one row per choice, as before migration 0009, move onto their responses and
/// into the counts; the free text stays.
#[tokio::test]
async fn choices_stored_as_rows_become_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _postgres) = migrated_before(9, dir.path(), "old").await;
    for sql in [
        "INSERT INTO consultations (id, slug, title, description, meeting_name, meeting_date, \
         created_at) VALUES (1, 'old', 't', 'd', 'm', '2026-12-01', 0)",
        "INSERT INTO questions (id, consultation_id, position, kind, prompt) VALUES \
         (10, 1, 0, 'multiple_choice', 'p'), (11, 1, 1, 'scale', 'p'), (12, 1, 2, 'free_text', 'p')",
        "INSERT INTO question_options (id, question_id, position, label) VALUES \
         (100, 10, 0, 'a'), (101, 10, 1, 'b')",
        "INSERT INTO responses (id, consultation_id, receipt_hash, submitted_hour, language, \
         age_band, region) VALUES (1, 1, 'r1', 0, 'en', '9-12', 'cis'), \
         (2, 1, 'r2', 0, 'en', '9-12', 'cis'), (3, 1, 'r3', 0, 'ar', NULL, NULL)",
        "INSERT INTO answers (id, response_id, question_id, option_id, scale_value, text, \
         consultation_id, age_band, region) VALUES \
         (1, 1, 10, 100, NULL, NULL, 1, '9-12', 'cis'), (2, 1, 10, 101, NULL, NULL, 1, '9-12', 'cis'), \
         (3, 1, 11, NULL, 4, NULL, 1, '9-12', 'cis'), (4, 1, 12, NULL, NULL, 'kept', 1, '9-12', 'cis'), \
         (5, 2, 10, 100, NULL, NULL, 1, '9-12', 'cis'), (6, 3, 11, NULL, 2, NULL, 1, NULL, NULL)",
    ] {
        sqlx::query(sql).execute(&db).await.unwrap();
    }

    storage::migrate(&db).await.unwrap();

    let choices: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, choices FROM responses ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
    let parsed: Vec<(i64, serde_json::Value)> =
        choices.into_iter().map(|(id, c)| (id, serde_json::from_str(&c).unwrap())).collect();
    let mut first: Vec<Vec<Option<i64>>> = serde_json::from_value(parsed[0].1.clone()).unwrap();
    first.sort();
    assert_eq!(
        first,
        [[Some(10), Some(100), None], [Some(10), Some(101), None], [Some(11), None, Some(4)]]
    );
    assert_eq!(parsed[1].1, serde_json::json!([[10, 100, null]]));
    assert_eq!(parsed[2].1, serde_json::json!([[11, null, 2]]));

    let counts: Vec<Cell> = sqlx::query_as(
        "SELECT question_id, option_id, scale_value, age_band, region, n FROM choice_counts \
             ORDER BY question_id, option_id, scale_value",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    let cis = || (Some("9-12".to_owned()), Some("cis".to_owned()));
    assert_eq!(
        counts,
        [
            (10, Some(100), None, cis().0, cis().1, 2),
            (10, Some(101), None, cis().0, cis().1, 1),
            (11, None, Some(2), None, None, 1),
            (11, None, Some(4), cis().0, cis().1, 1),
        ]
    );
    let texts: Vec<String> =
        sqlx::query_scalar("SELECT text FROM answers").fetch_all(&db).await.unwrap();
    assert_eq!(texts, ["kept"]);
}

/// Audit entries written before the answer had a column of its own (migration 0013) get the one
/// their subject names, on both backends; other entries get none.
#[tokio::test]
async fn old_audit_entries_get_the_answer_their_subject_names() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _postgres) = migrated_before(13, dir.path(), "audit").await;
    sqlx::query(
        "INSERT INTO audit_log (id, at, staff_id, action, subject, detail) VALUES \
         (1, 0, NULL, 'approved answer', 'answer 12', ''), \
         (2, 1, NULL, 'rejected response as spam', 'response 3 (answer 45)', ''), \
         (3, 2, NULL, 'released held group', 'held group 2 of consultation 1', '7 responses'), \
         (4, 3, NULL, 'signed in', 'admin@example.org', '')",
    )
    .execute(&db)
    .await
    .unwrap();

    storage::migrate(&db).await.unwrap();

    let answers: Vec<Option<i64>> =
        sqlx::query_scalar("SELECT answer_id FROM audit_log ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(answers, [Some(12), Some(45), None, None]);
}
