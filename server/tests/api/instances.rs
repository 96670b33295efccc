//! Several app instances on one database (PostgreSQL in a real deployment; the same test runs on
//! one SQLite file too): what one instance does, the others see.

use app::domain::staff::Role;
use reqwest::StatusCode;
use std::collections::HashSet;

use crate::helpers::{own_words, spawn_app};
use crate::moderate::approve_all;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_share_forms_sessions_the_window_and_the_queue() {
    let one = spawn_app().await;
    let two = one.another_instance().await;
    one.seed("demo", -60, 24 * 60).await;

    // A form loaded from one instance is accepted by the other (one signing key, in the
    // database), and sending it again to the first stores nothing more.
    for i in 0..12 {
        let form = one.load_form("demo").await;
        one.take_time_to_answer();
        let answer = form.complete_answer(&format!("{}: apps should ask first", own_words(i)));
        assert_eq!(two.post_form("/c/demo", &answer).await.status(), StatusCode::OK);
        assert_eq!(one.post_form("/c/demo", &answer).await.status(), StatusCode::OK);
    }
    assert_eq!(one.count("responses").await, 12);

    // A staff session made on one instance is valid on the other; signing out on the other
    // ends it everywhere.
    one.staff("one@example.org", Role::Moderator).await;
    one.staff("two@example.org", Role::Moderator).await;
    let first = one.session_of("one@example.org").await;
    let second = two.session_of("two@example.org").await;
    assert_eq!(two.get_as("/moderate", &first).await.status(), StatusCode::OK);
    assert_eq!(one.get_as("/moderate", &second).await.status(), StatusCode::OK);

    // Two moderators, each on a different instance, clear the queue at once without sharing.
    let (a, b) = tokio::join!(approve_all(&one, &first), approve_all(&two, &second));
    let all: HashSet<i64> = a.iter().chain(&b).copied().collect();
    assert_eq!(
        (a.len() + b.len(), all.len()),
        (12, 12),
        "each answer to one moderator: {a:?} {b:?}"
    );

    let signed_out = two.post_as("/logout", &first, "").await;
    assert_eq!(signed_out.status(), StatusCode::SEE_OTHER);
    assert_eq!(one.get_as("/moderate", &first).await.status(), StatusCode::FOUND);

    // The window is the database's and the clock's: closed on both at once.
    let form = two.load_form("demo").await;
    one.advance_minutes(24 * 60 + 16);
    let late = form.complete_answer("too late");
    assert_eq!(one.post_form("/c/demo", &late).await.status(), StatusCode::CONFLICT);
    assert_eq!(two.post_form("/c/demo", &late).await.status(), StatusCode::CONFLICT);
}
