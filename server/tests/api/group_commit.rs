//! Group commit: responses that arrive together share one transaction, yet each is stored whole
//! or not at all, once, and acknowledged only after its commit.

use app::domain::language::Language;
use app::domain::submission::Submission;
use app::storage::consultations;
use app::storage::group_commit::ResponseWriter;
use app::storage::responses::{NewResponse, Stored};
use futures::future::join_all;

use crate::helpers::spawn_app;

#[tokio::test]
async fn answers_posted_at_the_same_moment_are_each_stored_once_with_their_own_receipt() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let forms = join_all((0..40).map(|_| app.load_form("demo"))).await;
    let twice = forms[0].complete_answer("sent twice");

    let posts = forms
        .iter()
        .enumerate()
        .map(|(i, form)| form.complete_answer(&format!("answer {i}")))
        .chain([twice.clone(), twice.clone()]);
    let app = &app;
    let pages = join_all(posts.map(|fields| async move {
        let response = app.post_form("/c/demo", &fields).await;
        (response.status(), response.text().await.unwrap())
    }))
    .await;

    assert!(pages.iter().all(|(status, _)| *status == 200), "every post thanked");
    let receipt = |html: &str| html.split("<code>").nth(1).map(|r| r[..14].to_owned());
    let receipts: Vec<_> =
        pages.iter().map(|(_, html)| receipt(html).expect("a receipt")).collect();
    // The first form went out three times (once as "answer 0", twice as "sent twice"): stored
    // once, the same receipt each time.
    assert_eq!(receipts[0], receipts[40]);
    assert_eq!(receipts[0], receipts[41]);
    let distinct: std::collections::HashSet<_> = receipts.iter().collect();
    assert_eq!(distinct.len(), 40);
    assert_eq!(app.count("responses").await, 40);
    assert_eq!(app.count("answers").await, 40 * 7, "every response whole");
}

#[tokio::test]
async fn a_response_the_database_refuses_does_not_sink_the_others_in_its_batch() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let demo = consultations::by_slug(&app.db, "demo").await.unwrap().unwrap();
    let writer = ResponseWriter::start(app.db.clone());
    let response = |consultation_id, key: &str| NewResponse {
        consultation_id,
        submission_key: key.to_owned(),
        receipt_hash: key.to_owned(),
        submitted_hour: app.now(),
        language: Language::En,
        partner_id: None,
        submission: Submission { demographics: Default::default(), answers: Vec::new() },
    };

    // Queued before the writer runs (one thread), so the four share a batch; the third names a
    // consultation that does not exist.
    let outcomes = join_all([
        writer.store(response(demo.id, "first")),
        writer.store(response(demo.id, "second")),
        writer.store(response(demo.id ^ 1, "refused")),
        writer.store(response(demo.id, "first")),
    ])
    .await;

    assert!(matches!(outcomes[0], Ok(Stored::New)));
    assert!(matches!(outcomes[1], Ok(Stored::New)));
    assert!(outcomes[2].is_err(), "refused: {:?}", outcomes[2]);
    assert!(matches!(outcomes[3], Ok(Stored::Duplicate)));
    assert_eq!(app.count("responses").await, 2);
    assert_eq!(app.count("form_submissions").await, 2, "nothing of the refused one is left");
}
