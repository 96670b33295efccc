//! The moderation queue against the real server: claims under concurrency, expiry, every action's
//! effect on what will be counted, redaction that keeps no copy, access.

use app::domain::staff::Role;
use app::storage::{consultations, summary};
use regex::Regex;
use reqwest::StatusCode;
use std::collections::HashSet;

use crate::helpers::{Backend, TestApp, backend, spawn_app};

/// An open demo consultation with `n` answers (free text `"answer {i}"`).
async fn with_answers(n: usize) -> TestApp {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    for i in 0..n {
        submit(&app, &format!("answer {i} about privacy")).await;
    }
    app
}

async fn submit(app: &TestApp, text: &str) {
    let form = app.load_form("demo").await;
    app.take_time_to_answer();
    let response = app.post_form("/c/demo", &form.complete_answer(text)).await;
    assert_eq!(response.status(), StatusCode::OK, "answer accepted");
}

async fn moderator(app: &TestApp, email: &str) -> String {
    app.staff(email, Role::Moderator).await;
    app.session_of(email).await
}

/// The answer the page shows for review, if any.
fn item_id(html: &str) -> Option<i64> {
    let form = Regex::new(r#"action="/moderate/items/(\d+)\?"#).unwrap();
    form.captures(html).map(|c| c[1].parse().unwrap())
}

pub async fn next_item(app: &TestApp, cookie: &str) -> Option<i64> {
    let response = app.get_as("/moderate", cookie).await;
    assert_eq!(response.status(), StatusCode::OK);
    item_id(&response.text().await.unwrap())
}

async fn stored_text(app: &TestApp, answer_id: i64) -> String {
    sqlx::query_scalar("SELECT text FROM answers WHERE id = $1")
        .bind(answer_id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

pub async fn decide(app: &TestApp, cookie: &str, answer_id: i64, body: &str) -> reqwest::Response {
    app.post_as(&format!("/moderate/items/{answer_id}?status=pending&flag=any"), cookie, body).await
}

/// Approves answers until the queue is empty; returns the ones this moderator received.
pub async fn approve_all(app: &TestApp, cookie: &str) -> Vec<i64> {
    let mut received = Vec::new();
    while let Some(id) = next_item(app, cookie).await {
        received.push(id);
        let body = press(app, id, "approve").await;
        assert_eq!(decide(app, cookie, id, &body).await.status(), StatusCode::SEE_OTHER);
    }
    received
}

/// The body a moderator sends when they press a decision without changing anything else.
pub async fn press(app: &TestApp, answer_id: i64, decision: &str) -> String {
    let text = stored_text(app, answer_id).await;
    form_urlencoded::Serializer::new(String::new())
        .append_pair("text", &text)
        .append_pair("concern", "")
        .append_pair("decision", decision)
        .finish()
}

async fn concern_of(app: &TestApp, answer_id: i64) -> Option<String> {
    sqlx::query_scalar("SELECT concern FROM reviews WHERE answer_id = $1")
        .bind(answer_id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn number(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

async fn review_status(app: &TestApp, answer_id: i64) -> (String, Option<String>) {
    sqlx::query_as("SELECT status, reason FROM reviews WHERE answer_id = $1")
        .bind(answer_id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_moderators_never_receive_the_same_answer() {
    let app = with_answers(24).await;
    let mut cookies = Vec::new();
    for i in 0..4 {
        cookies.push(moderator(&app, &format!("mod{i}@example.org")).await);
    }

    // Four moderators clear the queue at the same time, each as fast as the server answers.
    let work = cookies.iter().map(|cookie| approve_all(&app, cookie));
    let received = futures::future::join_all(work).await;

    let all: Vec<i64> = received.iter().flatten().copied().collect();
    let unique: HashSet<i64> = all.iter().copied().collect();
    assert_eq!(all.len(), 24, "every answer was received once: {received:?}");
    assert_eq!(unique.len(), 24, "no answer went to two moderators");
    assert!(received.iter().filter(|r| !r.is_empty()).count() > 1, "the work was shared");
    assert_eq!(number(&app, "SELECT COUNT(*) FROM reviews WHERE status = 'approved'").await, 24);
}

#[tokio::test]
async fn an_open_answer_is_held_and_an_expired_claim_returns_to_the_queue() {
    let app = with_answers(1).await;
    let first = moderator(&app, "first@example.org").await;
    let second = moderator(&app, "second@example.org").await;

    let id = next_item(&app, &first).await.expect("the answer is claimed");
    assert_eq!(next_item(&app, &second).await, None, "held by the first moderator");
    let opened = app.get_as(&format!("/moderate/items/{id}"), &second).await.text().await.unwrap();
    assert!(opened.contains("first@example.org\u{2069} is reviewing this answer"), "{opened}");
    assert!(!opened.contains(r#"value="approve""#), "no decision buttons while it is held");

    app.advance_minutes(6);
    assert_eq!(next_item(&app, &second).await, Some(id), "the claim expired");

    // The first moderator comes back too late: nothing is saved, their edit is kept on the page.
    let late = "text=my+careful+edit&concern=&decision=approve";
    let response = decide(&app, &first, id, late).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = response.text().await.unwrap();
    assert!(html.contains("Another moderator took this answer"));
    assert!(html.contains("my careful edit"));
    assert_eq!(review_status(&app, id).await, ("pending".to_owned(), None));
}

/// What the summary will count for the demo consultation: responses and choices of responses not
/// rejected as spam, approved free text, themes of approved answers, quotes.
async fn counted(app: &TestApp) -> (i64, i64, i64, Vec<(String, i64)>, i64) {
    let responses = number(app, "SELECT COUNT(*) FROM responses WHERE spam = 0").await;
    let demo = consultations::by_slug(&app.db, "demo").await.unwrap().unwrap();
    let tallies = summary::tallies(&app.db, demo.id).await.unwrap();
    let choices = tallies.choices.iter().map(|c| c.count as i64).sum();
    let approved = number(app, "SELECT COUNT(*) FROM reviews WHERE status = 'approved'").await;
    let themes = sqlx::query_as(
        "SELECT t.name, COUNT(*) FROM themes t JOIN answer_themes x ON x.theme_id = t.id \
         JOIN reviews r ON r.answer_id = x.answer_id WHERE r.status = 'approved' \
         GROUP BY t.name ORDER BY t.name",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let quotes = number(app, "SELECT COUNT(*) FROM reviews WHERE quote = 1").await;
    (responses, choices, approved, themes, quotes)
}

#[tokio::test]
async fn every_action_changes_what_will_be_counted_as_stated() {
    let app = with_answers(3).await;
    let cookie = moderator(&app, "mod@example.org").await;
    let (responses, choices, ..) = counted(&app).await;
    assert_eq!(responses, 3);
    let choices_per_response = choices / 3;

    // Approve with two themes (one new, typed twice in different case) and as a quote.
    let a = next_item(&app, &cookie).await.unwrap();
    let body =
        press(&app, a, "approve").await + "&new_themes=Privacy%2C+school+rules%2C+privacy&quote=on";
    assert_eq!(decide(&app, &cookie, a, &body).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        counted(&app).await,
        (3, choices, 1, vec![("Privacy".into(), 1), ("school rules".into(), 1)], 1)
    );

    // Reject with a reason: not counted, and the page said which reason.
    let b = next_item(&app, &cookie).await.unwrap();
    assert_ne!(a, b);
    let html = app.get_as(&format!("/moderate/items/{b}"), &cookie).await.text().await.unwrap();
    assert!(html.contains("themes") || html.contains("Themes"));
    assert!(html.contains("Privacy"), "the question's theme list grew");
    let body = press(&app, b, "reject:off_topic").await + "&theme=Privacy";
    assert_eq!(decide(&app, &cookie, b, &body).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(review_status(&app, b).await, ("rejected".into(), Some("off_topic".into())));
    assert_eq!(counted(&app).await.2, 1, "a rejected answer is not counted");
    assert_eq!(counted(&app).await.3[0], ("Privacy".into(), 1), "nor are its themes");

    // A flagged answer cannot be quoted; the page says why and keeps the edit.
    let c = next_item(&app, &cookie).await.unwrap();
    let body = "text=an+edit+to+keep&concern=bullying&quote=on&decision=approve";
    let response = decide(&app, &cookie, c, body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("cannot be a quote"));
    assert!(html.contains("an edit to keep"));
    assert_eq!(review_status(&app, c).await.0, "pending", "nothing saved");

    // Flag it; then reject its whole response as spam: its choices stop counting too.
    let body = press(&app, c, "save").await.replace("concern=", "concern=bullying");
    assert_eq!(decide(&app, &cookie, c, &body).await.status(), StatusCode::SEE_OTHER);
    let concern = concern_of(&app, c).await;
    assert_eq!(concern.as_deref(), Some("bullying"));
    let body = press(&app, c, "spam_response").await;
    assert_eq!(decide(&app, &cookie, c, &body).await.status(), StatusCode::SEE_OTHER);
    let (responses, now_choices, approved, _, quotes) = counted(&app).await;
    assert_eq!((responses, now_choices), (2, choices - choices_per_response));
    assert_eq!((approved, quotes), (1, 1));
    assert_eq!(review_status(&app, c).await, ("rejected".into(), Some("spam".into())));

    // Approving an answer of that response again takes the response back.
    let body = press(&app, c, "approve").await.replace("concern=", "concern=bullying");
    assert_eq!(decide(&app, &cookie, c, &body).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(counted(&app).await.0, 3);

    // Every decision is in the audit log with who and why, never with the text.
    let log: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, detail FROM audit_log WHERE subject LIKE '%answer%' ORDER BY at, action",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    for expected in [
        ("approved answer", ""),
        ("tagged answer", "Privacy"),
        ("marked answer as quote", ""),
        ("rejected answer", "off_topic"),
        ("flagged answer", "bullying"),
        ("rejected response as spam", ""),
        ("took response back from spam", ""),
    ] {
        assert!(
            log.iter().any(|(a, d)| a == expected.0 && d == expected.1),
            "{expected:?} in {log:?}"
        );
    }
}

#[tokio::test]
async fn a_redaction_leaves_no_copy_of_the_original_in_the_database_files() {
    let app = with_answers(0).await;
    submit(&app, "I am Zephyrine from the chess club and apps should ask before posting photos")
        .await;
    let cookie = moderator(&app, "mod@example.org").await;
    let id = next_item(&app, &cookie).await.unwrap();
    // The files are SQLite's; on PostgreSQL the old row version lives on until VACUUM, which the
    // README documents (the logical checks below run on both).
    let sqlite = backend() == Backend::Sqlite;
    let file = app.database_url.trim_start_matches("sqlite://").to_owned();
    let on_disk = || {
        [file.clone(), format!("{file}-wal"), format!("{file}-shm")]
            .into_iter()
            .filter(|path| {
                std::fs::read(path)
                    .is_ok_and(|bytes| bytes.windows(b"Zephyrine".len()).any(|w| w == b"Zephyrine"))
            })
            .collect::<Vec<_>>()
    };
    assert!(!sqlite || !on_disk().is_empty(), "the check can see the original before");

    let body =
        "text=%5Bname+removed%5D+apps+should+ask+before+posting+photos&concern=&decision=approve";
    assert_eq!(decide(&app, &cookie, id, body).await.status(), StatusCode::SEE_OTHER);

    assert_eq!(stored_text(&app, id).await, "[name removed] apps should ask before posting photos");
    assert!(!sqlite || on_disk().is_empty(), "no file keeps the original: {:?}", on_disk());
    assert_eq!(number(&app, "SELECT COUNT(*) FROM answers WHERE text LIKE '%Zephyrine%'").await, 0);
    assert_eq!(
        number(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'redacted answer'").await,
        1
    );
}

#[tokio::test]
async fn flagged_answers_come_first_and_filters_narrow_the_queue() {
    let app = with_answers(2).await;
    submit(&app, "Honestly some days I want to die because of the comments").await;
    let cookie = moderator(&app, "mod@example.org").await;

    let first = next_item(&app, &cookie).await.unwrap();
    let concern = concern_of(&app, first).await;
    assert_eq!(concern.as_deref(), Some("self_harm"), "the newest answer, flagged, comes first");

    let html = app.get_as("/moderate?flag=unflagged", &cookie).await.text().await.unwrap();
    assert!(html.contains("<strong>2</strong> pending"), "counts follow the filter");
    let unflagged = item_id(&html).unwrap();
    assert_ne!(unflagged, first);

    // Skipping moves on and keeps the filter.
    let html = app
        .get_as(&format!("/moderate?after={unflagged}&status=pending&flag=unflagged"), &cookie)
        .await
        .text()
        .await
        .unwrap();
    let skipped_to = item_id(&html).unwrap();
    assert_ne!(skipped_to, unflagged);
    assert_ne!(skipped_to, first);

    let html = app.get_as("/moderate?status=approved", &cookie).await.text().await.unwrap();
    assert!(html.contains("No answers here yet"));
}

#[tokio::test]
async fn the_queue_is_for_staff_and_history_shows_each_moderators_work() {
    let app = with_answers(2).await;
    assert_eq!(app.get("/moderate").await.status(), StatusCode::FOUND);
    let response = decide(&app, "yc_staff=forged", 1, "decision=approve&text=x").await;
    assert_eq!(response.headers()["location"], "/login");

    app.staff("mod@example.org", Role::Moderator).await;
    let signed_in = app.sign_in("mod@example.org", crate::helpers::PASSWORD).await;
    let cookie = app.second_factor("mod@example.org", signed_in).await;
    let waived = app.staff("waived@example.org", Role::Moderator).await;
    sqlx::query("UPDATE staff SET second_factor = 'optional' WHERE id = $1")
        .bind(waived)
        .execute(&app.db)
        .await
        .unwrap();
    let signed_in = app.sign_in("waived@example.org", crate::helpers::PASSWORD).await;
    assert_eq!(signed_in.headers()["location"], "/moderate", "moderators land on the queue");
    let id = next_item(&app, &cookie).await.unwrap();
    let body = press(&app, id, "reject:duplicate").await;
    decide(&app, &cookie, id, &body).await;

    let listed = app.get_as("/moderate?status=rejected", &cookie).await.text().await.unwrap();
    assert!(
        listed.contains(&format!("/moderate/items/{id}?"))
            && listed.contains("rejected: Duplicate")
    );

    let html = app.get_as("/moderate/history", &cookie).await.text().await.unwrap();
    assert!(html.contains("rejected answer (duplicate)"));
    assert!(html.contains(&format!("/moderate/items/{id}")));
    assert!(!html.contains("Decisions per moderator"), "counts are for admins");

    app.staff("admin@example.org", Role::Admin).await;
    let admin = app.session_of("admin@example.org").await;
    let html = app.get_as("/moderate/history", &admin).await.text().await.unwrap();
    assert!(html.contains("Decisions per moderator"));
    assert!(html.contains("<td>mod@example.org</td><td>1</td>"), "{html}");
}
