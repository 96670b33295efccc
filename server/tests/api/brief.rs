//! The brief delegates read first (issue 41): organizers write it on the draft, it opens the
//! published summary with its evidence counted, and publishing refuses a key message whose theme
//! is too small to show.

use app::domain::staff::Role;
use app::domain::translation::{field, key};
use reqwest::StatusCode;

use crate::helpers::spawn_app;
use crate::moderate::press;
use crate::summary::{ANSWERS, Closed, closed_and_moderated, json, publish};

fn form(pairs: &[(&str, &str)]) -> String {
    let mut body = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        body.append_pair(name, value);
    }
    body.finish()
}

async fn draft(c: &Closed) -> String {
    let path = format!("/admin/consultations/{}/summary", c.id);
    c.app.get_as(&path, &c.admin).await.text().await.unwrap()
}

/// The value of the first checkbox `name` the draft's form offers.
async fn first_offered(c: &Closed, name: &str) -> String {
    let html = draft(c).await;
    let attribute = format!(r#"name="{name}" value=""#);
    let at = html.find(&attribute).expect("the form offers it") + attribute.len();
    let key = &html[at..at + html[at..].find('"').unwrap()];
    key.replace("&quot;", "\"").replace("&amp;", "&")
}

/// The key of the first theme the draft's form offers, as a key message cites it.
async fn first_theme(c: &Closed) -> String {
    first_offered(c, "theme_1").await
}

async fn write(c: &Closed, pairs: &[(&str, &str)]) -> reqwest::Response {
    let path = format!("/admin/consultations/{}/brief", c.id);
    c.app.post_as(&path, &c.admin, &form(pairs)).await
}

fn brief(theme: &str) -> Vec<(&str, &str)> {
    vec![
        ("summary", "Young people ask for safety built in, not bans."),
        ("action", "Adopt the three recommendations below."),
        ("message_1", "Ask before sharing anything about us."),
        ("theme_1", theme),
        ("message_2", "Make reporting work."),
        ("theme_2", theme),
        ("message_3", "Teach, do not ban."),
        ("theme_3", theme),
    ]
}

#[tokio::test]
async fn the_brief_opens_the_published_summary_with_its_evidence_counted() {
    let c = closed_and_moderated().await;
    let theme = first_theme(&c).await;
    let quote = first_offered(&c, "quote_2").await;
    let mut pairs = brief(&theme);
    pairs.push(("quote_2", &quote));
    let response = write(&c, &pairs).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.ends_with("/summary?brief_saved#brief"), "{location}");
    assert_eq!(c.app.count("briefs").await, 1);
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'wrote the brief'")
            .fetch_one(&c.app.db)
            .await
            .unwrap();
    assert_eq!(audited, 1);

    assert_eq!(publish(&c, &c.admin).await.headers()["location"], "/c/demo/summary");
    let page = c.app.get("/c/demo/summary").await.text().await.unwrap();
    let at = |anchor: &str| page.find(&format!(r#"id="{anchor}""#)).expect(anchor);
    assert!(at("summary") < at("action") && at("action") < at("key-messages"));
    assert!(at("key-messages") < at("facts") && at("facts") < at("method"));
    assert!(page.contains("Make reporting work."));
    assert!(page.contains(&format!("answers: {ANSWERS}")), "the theme's count is the evidence");
    assert!(page.contains(r#"<li class="evidence-quote"><blockquote lang="en""#), "and the quote");

    let published = json(&c.app).await;
    let brief = &published["summary"]["brief"];
    assert_eq!(brief["action"], "Adopt the three recommendations below.");
    assert_eq!(brief["messages"].as_array().unwrap().len(), 3);
    assert_eq!(brief["messages"][0]["themes"][0]["count"]["Count"], ANSWERS as u64);
    let quoted = brief["messages"][1]["quotes"][0]["text"].as_str().unwrap().to_owned();
    assert!(quoted.contains("apps should ask before sharing"), "{quoted}");
    let csv = c.app.get("/c/demo/summary.csv").await.text().await.unwrap();
    assert!(csv.contains("Brief,Action requested,,,,,Adopt the three recommendations below."));
    assert!(csv.contains(&format!("Key message 2: Make reporting work.,Quote,,,,,{quoted}")));

    // The quoted answer rejected since: the brief cites words no longer published.
    let answer: i64 = quote.parse().unwrap();
    let body = press(&c.app, answer, "reject:off_topic").await;
    let url = format!("/moderate/items/{answer}");
    assert_eq!(c.app.post_as(&url, &c.moderator, &body).await.status(), StatusCode::SEE_OTHER);
    let refused = publish(&c, &c.admin).await.headers()["location"].to_str().unwrap().to_owned();
    assert!(refused.ends_with("?weak_evidence#brief"), "{refused}");
    assert_eq!(c.app.count("summaries").await, 1, "version 1 stands");
}

#[tokio::test]
async fn a_brief_that_cannot_be_saved_comes_back_as_typed_with_why() {
    let c = closed_and_moderated().await;
    let theme = first_theme(&c).await;
    let two: Vec<_> = brief(&theme).into_iter().filter(|(n, _)| !n.ends_with('3')).collect();
    let mut pairs = two.clone();
    pairs.push(("message_4", "A message with nothing to show for it"));
    let response = write(&c, &pairs).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Tie this key message to at least one theme"), "{page}");
    assert!(page.contains("A message with nothing to show for it"), "what was typed is kept");
    assert_eq!(c.app.count("briefs").await, 0, "nothing half-saved");

    let response = write(&c, &two).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("Write three to five key messages."));
}

#[tokio::test]
async fn publishing_refuses_a_key_message_on_a_theme_too_small_to_show() {
    let c = closed_and_moderated().await;
    // One answer re-decided under a theme of its own: one young person, fewer than k.
    let first: i64 = sqlx::query_scalar("SELECT MIN(answer_id) FROM reviews")
        .fetch_one(&c.app.db)
        .await
        .unwrap();
    let body = press(&c.app, first, "approve").await + "&theme=Rare";
    let url = format!("/moderate/items/{first}");
    assert_eq!(c.app.post_as(&url, &c.moderator, &body).await.status(), StatusCode::SEE_OTHER);
    let theme = first_theme(&c).await;
    let rare = format!("{}:Rare", theme.split(':').next().unwrap());
    let mut pairs = brief(&theme);
    pairs.push(("theme_2", &rare));
    assert_eq!(write(&c, &pairs).await.status(), StatusCode::SEE_OTHER);

    let response = publish(&c, &c.admin).await;
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.ends_with("/summary?weak_evidence#brief"), "{location}");
    assert_eq!(c.app.count("summaries").await, 0);
    let page = c.app.get_as(&location, &c.admin).await.text().await.unwrap();
    assert!(page.contains("a key message rests on a theme too small to show"));

    // Tied to the counted theme alone, it publishes.
    assert_eq!(write(&c, &brief(&theme)).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(publish(&c, &c.admin).await.headers()["location"], "/c/demo/summary");
}

#[tokio::test]
async fn a_quote_translated_by_organizers_reads_in_the_readers_language_with_the_original_kept() {
    let c = closed_and_moderated().await;
    let quote = first_offered(&c, "quote_1").await;
    let theme = first_theme(&c).await;
    let mut pairs = brief(&theme);
    pairs.push(("quote_1", &quote));
    assert_eq!(write(&c, &pairs).await.status(), StatusCode::SEE_OTHER);
    let written: String = sqlx::query_scalar("SELECT text FROM answers WHERE id = $1")
        .bind(quote.parse::<i64>().unwrap())
        .fetch_one(&c.app.db)
        .await
        .unwrap();

    // Into Arabic: the quote is on the translation form beside the brief's texts.
    let path = format!("/admin/consultations/{}/translations/ar", c.id);
    let form_page = c.app.get_as(&path, &c.admin).await.text().await.unwrap();
    let input = field(&key(&written));
    assert!(form_page.contains(&format!(r#"name="{input}""#)), "the quote is offered");
    assert!(form_page.contains("The brief: key message 3"));
    let body = format!(
        "{input}={}",
        form_urlencoded::byte_serialize("على التطبيقات أن تسأل".as_bytes()).collect::<String>()
    );
    assert_eq!(c.app.post_as(&path, &c.admin, &body).await.status(), StatusCode::SEE_OTHER);
    // Into English, the consultation's own: nothing, the quote is English already.
    let own = format!("/admin/consultations/{}/translations/en", c.id);
    assert_eq!(c.app.get_as(&own, &c.admin).await.status(), StatusCode::NOT_FOUND);

    assert_eq!(publish(&c, &c.admin).await.status(), StatusCode::SEE_OTHER);
    let arabic = c.app.get("/c/demo/summary?lang=ar").await.text().await.unwrap();
    assert!(
        arabic.contains(r#"<blockquote lang="ar" dir="auto">على التطبيقات أن تسأل</blockquote>"#)
    );
    assert!(arabic.contains("ترجمه المنظمون من"), "marked as a translation");
    let original =
        arabic.find(r#"<details class="quote-original">"#).expect("the original, a step away");
    assert!(
        arabic[original..]
            .contains(&format!(r#"<blockquote lang="en" dir="auto">{written}</blockquote>"#))
    );
    let english = c.app.get("/c/demo/summary").await.text().await.unwrap();
    assert!(!english.contains("على التطبيقات أن تسأل") && !english.contains("quote-original"));
    let published = json(&c.app).await;
    let cited = &published["summary"]["brief"]["messages"][0]["quotes"][0];
    assert_eq!(cited["text"], written.as_str(), "the JSON keeps the young person's words");
    assert_eq!(cited["language"], "En");
}

#[tokio::test]
async fn the_demo_opens_with_its_published_brief_and_quotes_in_the_readers_language() {
    let app = spawn_app().await;
    app.seed_published("results").await;
    app.seed_published("again").await; // the demo organizer is made once
    let page = app.get("/c/results/summary").await.text().await.unwrap();
    assert!(
        page.contains("Young people who answered in six languages asked for the same few things.")
    );
    assert!(page.contains("We ask the working group to recommend"));
    assert_eq!(page.matches(r#"class="key-message""#).count(), 4);
    // Quoted in Arabic, read in English with the Arabic a step away.
    assert!(page.contains(r#"<blockquote lang="en" dir="auto">Apps should ask before they share photos of us.</blockquote>"#));
    assert!(page.contains(r#"<blockquote lang="ar" dir="auto">يجب أن تسألنا التطبيقات قبل أن تشارك صورنا.</blockquote>"#));
    let arabic = app.get("/c/results/summary?lang=ar").await.text().await.unwrap();
    assert!(arabic.contains("طلب الشباب الذين أجابوا بست لغات"));
    assert!(arabic.contains(r#"<blockquote lang="ar" dir="auto">يجب أن يكون الإبلاغ عن شخص غريب سهلًا مثل حظره.</blockquote>"#));
    let published: serde_json::Value =
        app.get("/c/results/summary.json").await.json().await.unwrap();
    let messages = published["summary"]["brief"]["messages"].as_array().unwrap();
    assert!(
        messages
            .iter()
            .flat_map(|m| m["themes"].as_array().unwrap())
            .all(|t| t["count"].get("Count").is_some())
    );
    assert_eq!(messages[0]["quotes"][0]["language"], "Ar");

    // Its staff cannot sign in: the account is deactivated.
    app.staff("admin@example.org", Role::Admin).await;
    let admin = app.session_of("admin@example.org").await;
    let staff = app.get_as("/admin/staff", &admin).await.text().await.unwrap();
    assert!(staff.contains("demo-organizer@example.org"));
    let deactivated: Option<i64> = sqlx::query_scalar(
        "SELECT deactivated_at FROM staff WHERE email = 'demo-organizer@example.org'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(deactivated.is_some());
    // Into the consultation's own English: only quotes written in other languages.
    let id: i64 = sqlx::query_scalar("SELECT id FROM consultations WHERE slug = 'results'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let own = app.get_as(&format!("/admin/consultations/{id}/translations/en"), &admin).await;
    let own = own.text().await.unwrap();
    assert!(own.contains("a young person&#x27;s words") || own.contains("a young person's words"));
    assert!(!own.contains("Question 1"), "the organizers' own texts are not offered");
}
