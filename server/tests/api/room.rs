//! The room view (issue 41): projected during the meeting, the answers so far rounded and
//! refreshed without a script while young people answer, the published brief after.

use reqwest::StatusCode;

use crate::helpers::{own_words, spawn_app};

/// The page's words, tags (and the marks isolating names) taken out, spaces collapsed.
fn words(html: &str) -> String {
    let text = regex::Regex::new(r"<[^>]*>|[\u{2068}\u{2069}]").unwrap().replace_all(html, " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn while_open_the_room_shows_answers_so_far_rounded_and_refreshes_itself() {
    let app = spawn_app().await;
    app.seed("demo", -60, 120).await;
    let empty = app.get("/c/demo/room").await;
    assert_eq!(empty.status(), StatusCode::OK);
    assert_eq!(empty.headers()["refresh"], "30", "reloads itself, no script needed");
    let empty = empty.text().await.unwrap();
    assert!(words(&empty).contains("Answers so far: fewer than 10"));
    assert!(empty.contains(r#"href="/c/demo/room?still""#), "and can be stopped");
    let still = app.get("/c/demo/room?still").await;
    assert!(still.headers().get("refresh").is_none());

    for i in 0..23 {
        let form = app.load_form("demo").await;
        app.take_time_to_answer();
        let answer = form.complete_answer(&own_words(i));
        assert_eq!(app.post_form("/c/demo", &answer).await.status(), StatusCode::OK);
    }
    let page = words(&app.get("/c/demo/room").await.text().await.unwrap());
    assert!(page.contains("Answers so far: 20+"), "{page}");
    assert!(!page.contains("23"), "never the exact count: {page}");
    assert!(page.contains("Young people are answering now."));
    // All 23 said 13–15 and the Arab States; every other group is fewer than k, as is "not stated".
    assert!(page.contains("13–15 20+") && page.contains("Arab States 20+"), "{page}");
    assert!(page.contains("Europe fewer than 10"), "{page}");

    app.advance_minutes(60 + 1);
    let closed = app.get("/c/demo/room").await;
    assert_eq!(closed.headers()["refresh"], "30", "until the summary is published");
    let closed = closed.text().await.unwrap();
    assert!(words(&closed).contains("Answers are closed; the summary will follow here."));
}

#[tokio::test]
async fn once_published_the_room_shows_the_brief_and_stops_refreshing() {
    let app = spawn_app().await;
    app.seed_published("results").await;
    let page = app.get("/c/results/room").await;
    assert!(page.headers().get("refresh").is_none(), "published: nothing changes any more");
    let page = page.text().await.unwrap();
    let text = words(&page);
    assert!(text.contains("60 young people took part."), "{text}");
    assert!(text.contains("We ask the working group to recommend"));
    assert!(text.contains("Reporting a stranger should be as easy as blocking one."));
    assert!(text.contains("“ Reporting as easy as blocking ”: 12 answers"), "{text}");
    let arabic = words(&app.get("/c/results/room?lang=ar").await.text().await.unwrap());
    assert!(arabic.contains("احذفوا التنمر بسرعة أكبر."), "{arabic}");
    assert_eq!(app.get("/c/nowhere/room").await.status(), StatusCode::NOT_FOUND);
}
