//! A young person's answers from the phone to the database, through HTTP exactly as a browser
//! without JavaScript sends them.

use crate::helpers::{Backend, NOW, backend, spawn_app, spawn_app_with};
use reqwest::StatusCode;

#[tokio::test]
async fn open_consultation_shows_the_intro_and_sets_no_cookie() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;

    let response = app.get("/c/demo").await;

    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get("set-cookie").is_none());
    let html = response.text().await.unwrap();
    assert!(html.contains("I want to take part"));
    assert!(html.contains("It is anonymous"));
    assert!(html.contains(r#"href="/c/demo?step=answer&amp;lang=en""#));
}

#[tokio::test]
async fn the_answer_step_has_a_token_and_every_question() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;

    let form = app.load_form("demo").await;

    assert!(!form.token.is_empty());
    assert_eq!(form.questions("radio").len(), 4, "two single choice and two scales");
    assert_eq!(form.questions("checkbox").len(), 1);
    assert_eq!(form.textareas.len(), 1);
}

#[tokio::test]
async fn a_complete_answer_is_stored_with_scrubbed_text_and_a_receipt() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let form = app.load_form("demo").await;
    app.take_time_to_answer();
    let response = app
        .post_form("/c/demo", &form.complete_answer("Ban ads for kids. Mail me: kid@example.org"))
        .await;

    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get("set-cookie").is_none());
    let html = response.text().await.unwrap();
    assert!(html.contains("Your answers were sent"));
    let receipt = regex::Regex::new(r"<code>([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})</code>").unwrap();
    assert!(receipt.is_match(&html), "receipt code shown");
    assert!(html.contains("childhelplineinternational.org"), "helplines shown");

    assert_eq!(app.count("responses").await, 1);
    // 4 radio groups + 2 boxes counted, the text kept
    assert_eq!(app.choices_counted().await, 6);
    assert_eq!(app.count("answers").await, 1);
    assert_eq!(app.stored_texts().await, vec!["Ban ads for kids. Mail me: [email removed]"]);
}

#[tokio::test]
async fn the_same_form_sent_twice_is_stored_once_with_the_same_receipt() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let form = app.load_form("demo").await;
    let answer = form.complete_answer("twice");

    let first = app.post_form("/c/demo", &answer).await.text().await.unwrap();
    let second = app.post_form("/c/demo", &answer).await.text().await.unwrap();

    let receipt = |html: &str| html.split("<code>").nth(1).map(|s| s[..14].to_owned());
    assert_eq!(receipt(&first), receipt(&second));
    assert!(receipt(&first).is_some());
    assert_eq!(app.count("responses").await, 1);
}

#[tokio::test]
async fn concurrent_double_submit_is_stored_once() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let answer = app.load_form("demo").await.complete_answer("double tap");

    let (a, b) = tokio::join!(app.post_form("/c/demo", &answer), app.post_form("/c/demo", &answer));

    assert_eq!((a.status(), b.status()), (StatusCode::OK, StatusCode::OK));
    assert_eq!(app.count("responses").await, 1);
}

#[tokio::test]
async fn a_missing_required_answer_is_refused_and_the_typed_text_kept() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let form = app.load_form("demo").await;
    let required = &form.questions("radio")[0];
    let answer: Vec<_> = form
        .complete_answer("My words & <ideas> in \"quotes\"</textarea><script>alert(1)</script>")
        .into_iter()
        .filter(|(name, _)| name != required)
        .collect();

    let response = app.post_form("/c/demo", &answer).await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("This question needs an answer."));
    assert!(
        html.contains("My words &amp; &lt;ideas&gt; in \"quotes\"&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>"),
        "typed text kept, escaped so it cannot break out of the textarea"
    );
    assert!(html.contains(r#"value="arab_states" checked"#), "choices kept");
    assert!(html.contains(&form.token), "the same token, so a corrected resend still counts once");
    assert_eq!(app.count("responses").await, 0);
    assert_eq!(app.count("answers").await, 0);
    assert_eq!(app.choices_counted().await, 0);
}

#[tokio::test]
async fn unknown_options_questions_and_wrong_values_are_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let form = app.load_form("demo").await;
    let single = form.questions("radio")[0].clone();
    let text = form.textareas[0].clone();
    type Fields = Vec<(String, String)>;
    let cases: Vec<(&str, Fields, &str)> = vec![
        (
            "unknown option",
            vec![(single.clone(), "12345".into())],
            "Please choose one of the options shown.",
        ),
        (
            "not a number",
            vec![(single.clone(), "yes".into())],
            "Please choose one of the options shown.",
        ),
        (
            "two for a single choice",
            vec![
                (single.clone(), form.options(&single)[0].clone()),
                (single.clone(), form.options(&single)[1].clone()),
            ],
            "Please choose only one option.",
        ),
        (
            "unknown question",
            vec![(single.clone(), form.options(&single)[0].clone()), ("q999".into(), "1".into())],
            "This form is out of date",
        ),
        (
            "text over the limit",
            vec![(single.clone(), form.options(&single)[0].clone()), (text, "x".repeat(1001))],
            "the limit is 1000",
        ),
        (
            "unknown region",
            vec![
                (single.clone(), form.options(&single)[0].clone()),
                ("region".into(), "mars".into()),
            ],
            "Please choose one of the options shown.",
        ),
    ];

    for (case, mut fields, message) in cases {
        fields.push(("token".into(), form.token.clone()));
        let response = app.post_form("/c/demo", &fields).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{case}");
        assert!(response.text().await.unwrap().contains(message), "{case}: shows {message}");
    }
    assert_eq!(app.count("responses").await, 0);
    assert_eq!(app.count("answers").await, 0);
    assert_eq!(app.choices_counted().await, 0);
}

#[tokio::test]
async fn a_forged_or_missing_token_is_refused_before_any_page_is_made() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let form = app.load_form("demo").await;
    let mut answer = form.complete_answer("forged");
    let forged = form.token.replacen(&NOW.to_string(), &(NOW - 3600).to_string(), 1);
    assert_ne!(forged, form.token);
    answer[0].1 = forged;

    // Only a script sends that: answered at once, in a sentence, no page made for it.
    let response = app.post_form("/c/demo", &answer).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let text = response.text().await.unwrap();
    assert!(text.starts_with("This was not sent from this site's answer form."), "{text}");
    assert!(text.len() < 200 && !text.contains("<html"), "no page rendered: {text}");

    let without: Vec<_> = answer.into_iter().skip(1).collect();
    assert_eq!(app.post_form("/c/demo", &without).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.count("responses").await, 0);
}

#[tokio::test]
async fn a_body_over_the_limit_gets_413_and_nothing_is_stored() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let form = app.load_form("demo").await;
    let answer = form.complete_answer(&"a".repeat(100 * 1024));

    let response = app.post_form("/c/demo", &answer).await;

    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(app.count("responses").await, 0);
}

#[tokio::test]
async fn a_form_loaded_while_open_is_accepted_during_the_grace_period() {
    let app = spawn_app().await;
    app.seed("demo", -60, 120).await; // closes in an hour
    let form = app.load_form("demo").await;
    app.advance_minutes(60 + 14);

    let response = app.post_form("/c/demo", &form.complete_answer("just in time")).await;

    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(html.contains("Your answers were sent"), "thanked, not told it has closed");
    assert!(html.contains("<code>") && !html.contains("has closed"));
    assert_eq!(app.count("responses").await, 1);
}

#[tokio::test]
async fn a_submission_after_the_grace_period_is_refused_and_the_text_given_back() {
    let app = spawn_app().await;
    app.seed("demo", -60, 120).await;
    let form = app.load_form("demo").await;
    app.advance_minutes(60 + 16);

    let response = app.post_form("/c/demo", &form.complete_answer("too late, sadly")).await;

    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = response.text().await.unwrap();
    assert!(html.contains("arrived after the consultation closed"));
    assert!(html.contains("too late, sadly"), "what they wrote is given back");
    assert_eq!(app.count("responses").await, 0);
}

#[tokio::test]
async fn a_closed_consultation_shows_that_it_has_closed() {
    let app = spawn_app().await;
    app.seed("old", -48 * 60, 24 * 60).await;

    let html = app.get("/c/old").await.text().await.unwrap();

    assert!(html.contains("This consultation has closed"));
    assert!(!html.contains("name=\"token\""), "no form");
}

#[tokio::test]
async fn before_opening_the_page_counts_down_and_offers_a_calendar_file() {
    let app = spawn_app().await;
    app.seed("soon", 3 * 60 + 30, 24 * 60).await;

    let html = app.get("/c/soon").await.text().await.unwrap();
    assert!(html.contains("Not open yet"));
    assert!(html.contains("Tuesday, 24 November 2026, 11:30 UTC"));
    assert!(html.contains("Time left: 3 hours 30 minutes"));
    assert!(html.contains(r#"href="/c/soon/calendar.ics""#));

    let ics = app.get("/c/soon/calendar.ics").await;
    assert_eq!(ics.headers()["content-type"], "text/calendar; charset=utf-8");
    let ics = ics.text().await.unwrap();
    assert!(ics.contains("DTSTART:20261124T113000Z"));
    assert!(ics.contains("URL:https://consult.example/c/soon"));
}

#[tokio::test]
async fn answers_can_be_withdrawn_with_the_receipt_while_open() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let form = app.load_form("demo").await;
    let html = app
        .post_form("/c/demo", &form.complete_answer("changed my mind"))
        .await
        .text()
        .await
        .unwrap();
    let receipt = html.split("<code>").nth(1).unwrap()[..14].to_lowercase();

    let wrong =
        app.post_form("/c/demo/withdraw", &[("receipt".into(), "2222-2222-2222".into())]).await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    assert!(wrong.text().await.unwrap().contains("No answers have this code"));
    let malformed =
        app.post_form("/c/demo/withdraw", &[("receipt".into(), "nonsense".into())]).await;
    assert_eq!(malformed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("responses").await, 1);

    let response = app.post_form("/c/demo/withdraw", &[("receipt".into(), receipt)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.unwrap().contains("Your answers were withdrawn"));
    assert_eq!(app.count("responses").await, 0);
    assert_eq!(app.count("answers").await, 0);
    assert_eq!(app.choices_counted().await, 0);

    // Resending the old form does not bring them back.
    app.post_form("/c/demo", &form.complete_answer("changed my mind")).await;
    assert_eq!(app.count("responses").await, 0);
}

#[tokio::test]
async fn an_unknown_consultation_is_404() {
    let app = spawn_app().await;
    assert_eq!(app.get("/c/nope").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get("/no/such/page").await.status(), StatusCode::NOT_FOUND);
    let posted = app.post_form("/c/nope", &[("q1".into(), "1".into())]).await;
    assert_eq!(posted.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_home_page_lists_open_and_upcoming_consultations_only() {
    let app = spawn_app().await;
    app.seed("open-one", -60, 24 * 60).await;
    app.seed("upcoming-one", 60, 24 * 60).await;
    app.seed("closed-one", -48 * 60, 60).await;

    let html = app.get("/").await.text().await.unwrap();

    assert!(html.contains("/c/open-one") && html.contains("Open now"));
    assert!(html.contains("/c/upcoming-one") && html.contains("Coming soon"));
    assert!(!html.contains("/c/closed-one"));
    let described = r#"<meta name="description" content="Before each meeting of the ITU"#;
    assert!(html.contains(described), "what a search result shows under the link");
}

#[tokio::test]
async fn nothing_that_could_identify_a_respondent_has_a_column() {
    let app = spawn_app().await;
    let columns = app.columns("responses").await;
    assert_eq!(
        columns,
        [
            "id",
            "consultation_id",
            "receipt_hash",
            "submitted_hour",
            "language",
            "age_band",
            "region",
            "gender",
            // Set by moderators, not by anything the respondent sent.
            "spam",
            // Which partner's link the form came from (`reach.rs`), not who followed it.
            "partner_id",
            // What it chose (options, scale values), so a withdrawal can take it out of the counts.
            "choices",
            // Whether the door held it back from the counts, why (an enum's bits) and the group a
            // moderator decides on: a random number, never the address.
            "hold",
            "hold_reasons",
            "hold_group"
        ]
    );
}

/// Answering loads one small script and no wasm; only the countdown before opening is an island.
#[tokio::test]
async fn answering_loads_a_script_and_no_wasm_and_only_the_countdown_loads_the_wasm() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    app.seed("old", -48 * 60, 60).await;
    app.seed("soon", 3 * 60, 60).await;
    let form = app.load_form("demo").await;
    let thanks = app.post_form("/c/demo", &form.complete_answer("a thank-you page")).await;
    let thanks = thanks.text().await.unwrap();

    let pages = [
        ("/c/demo", true, false),
        ("/c/demo?step=answer", true, false),
        ("/c/soon", true, true),
        ("/", false, false),
        ("/c/old", false, false),
    ];
    for (path, script, wasm) in pages {
        let html = app.get(path).await.text().await.unwrap();
        assert_eq!(
            html.contains(r#"<script type="module" src="/pkg/respond.js"#),
            script,
            "{path}"
        );
        assert_eq!(html.contains(".wasm"), wasm, "{path}");
    }
    assert!(thanks.contains(r#"<script type="module" src="/pkg/respond.js"#), "{thanks}");
    assert!(!thanks.contains(".wasm"), "{thanks}");
}

/// The answer form may stay in this browser's back-forward cache, so Back after a send that failed
/// on a dropped connection shows it as typed; a page with a receipt code is kept nowhere.
#[tokio::test]
async fn the_form_may_be_kept_by_this_browser_and_the_thank_you_page_nowhere() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    app.seed("old", -48 * 60, 60).await;
    let cache = |response: &reqwest::Response| response.headers()["cache-control"].clone();

    for path in ["/c/demo", "/c/demo?step=answer", "/c/old"] {
        assert_eq!(cache(&app.get(path).await), "private, no-cache", "{path}");
    }
    assert_eq!(cache(&app.get("/").await), "no-store");

    let form = app.load_form("demo").await;
    let mut incomplete = form.complete_answer("kept as typed");
    incomplete.retain(|(name, _)| name != &form.questions("radio")[0]);
    let refused = app.post_form("/c/demo", &incomplete).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(cache(&refused), "private, no-cache");

    app.take_time_to_answer();
    let thanked = app.post_form("/c/demo", &form.complete_answer("kept nowhere")).await;
    assert!(thanked.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert_eq!(cache(&thanked), "no-store");
    assert!(thanked.text().await.unwrap().contains("Your answers were sent"));
}

#[tokio::test]
async fn assets_revalidate_instead_of_downloading_again() {
    let app = spawn_app().await;
    let pkg = app.site_root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("probe.css"), "body{}").unwrap();

    let first = app.get("/pkg/probe.css").await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()["cache-control"], "no-cache");
    assert_eq!(first.headers()["vary"], "accept-encoding");
    let modified = first.headers()["last-modified"].clone();
    let again = app
        .client
        .get(format!("{}/pkg/probe.css", app.address))
        .header("If-Modified-Since", modified)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn the_stylesheet_has_an_address_of_its_own_build_that_browsers_keep() {
    let app = spawn_app_with(|c| {
        let pkg = std::path::Path::new(&c.site_root).join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(pkg.join("youth-consult.css"), "body{color:teal}").unwrap();
    })
    .await;

    let html = app.get("/").await.text().await.unwrap();
    let start = html.find(r#"href="/pkg/youth-consult.css?v="#).expect("a versioned address") + 6;
    let href = &html[start..start + html[start..].find('"').unwrap()];
    let css = app.get(href).await;

    assert_eq!(css.status(), StatusCode::OK);
    assert_eq!(css.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(css.text().await.unwrap(), "body{color:teal}");
    let plain = app.get("/pkg/youth-consult.css").await;
    assert_eq!(plain.headers()["cache-control"], "no-cache", "without a version: revalidated");
}

#[tokio::test]
async fn acknowledged_answers_are_synced_to_disk_before_the_answer() {
    let app = spawn_app().await;
    let mut conn = app.db.acquire().await.unwrap();
    match backend() {
        Backend::Sqlite => {
            let journal: String =
                sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut *conn).await.unwrap();
            let synchronous: i64 =
                sqlx::query_scalar("PRAGMA synchronous").fetch_one(&mut *conn).await.unwrap();
            let foreign_keys: i64 =
                sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&mut *conn).await.unwrap();
            assert_eq!((journal.as_str(), synchronous, foreign_keys), ("wal", 2, 1));
        }
        Backend::Postgres => {
            let show = |name: &'static str| format!("SELECT current_setting('{name}')");
            let commit: String = sqlx::query_scalar(&show("synchronous_commit"))
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            let fsync: String =
                sqlx::query_scalar(&show("fsync")).fetch_one(&mut *conn).await.unwrap();
            assert_eq!((commit.as_str(), fsync.as_str()), ("on", "on"));
        }
    }
}

#[tokio::test]
async fn health_reports_the_database() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn pages_carry_security_headers() {
    let app = spawn_app().await;
    app.seed("soon", 3 * 60, 60).await;
    let response = app.get("/c/soon").await;
    let csp = response.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"));
    let nonce = csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).unwrap().to_owned();
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    let html = response.text().await.unwrap();
    assert!(
        html.contains(&format!("<script type=\"module\" nonce=\"{nonce}\">")),
        "the countdown's inline bootstrap carries the nonce"
    );
}

/// The page is rendered once for many readers (`routes::stamped`): each still gets a nonce and a
/// form token of their own, in the page and in its policy alike, and each form stores its answers.
#[tokio::test]
async fn readers_of_the_same_page_each_get_their_own_token_and_nonce() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let nonce_of = |csp: &str| {
        csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).unwrap().to_owned()
    };

    let nonce_attribute = regex::Regex::new(r#"nonce="([^"]*)""#).unwrap();
    let mut seen = Vec::new();
    for _ in 0..2 {
        let response = app.get("/c/demo?step=answer").await;
        let nonce = nonce_of(response.headers()["content-security-policy"].to_str().unwrap());
        let html = response.text().await.unwrap();
        let nonces: Vec<_> =
            nonce_attribute.captures_iter(&html).map(|c| c[1].to_owned()).collect();
        assert!(nonces.len() >= 2 && nonces.iter().all(|n| *n == nonce), "{nonces:?} vs {nonce}");
        seen.push((nonce, crate::helpers::Form::parse(&html), html));
    }
    let (nonce_b, form_b, _) = seen.pop().unwrap();
    let (nonce_a, form_a, html_a) = seen.pop().unwrap();
    assert_ne!(nonce_a, nonce_b);
    assert_ne!(form_a.token, form_b.token);
    assert!(!html_a.contains(&nonce_b) && !html_a.contains(&form_b.token));

    for form in [form_a, form_b] {
        let response = app.post_form("/c/demo", &form.complete_answer("mine")).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    assert_eq!(app.count("responses").await, 2, "two readers, two responses");
}

#[tokio::test]
async fn the_page_closes_the_moment_the_window_does() {
    let app = spawn_app().await;
    app.seed("demo", -60, 120).await; // closes in an hour
    assert!(app.get("/c/demo").await.text().await.unwrap().contains("I want to take part"));

    app.advance_minutes(61);

    let html = app.get("/c/demo").await.text().await.unwrap();
    assert!(html.contains("This consultation has closed"), "not the page of a second ago");
}

#[tokio::test]
async fn the_page_comes_gzipped_to_a_browser_that_takes_gzip_and_its_form_works() {
    use std::io::Read;
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let raw = reqwest::Client::builder().no_gzip().no_brotli().build().unwrap();

    let response = raw
        .get(format!("{}/c/demo?step=answer", app.address))
        .header("Accept-Encoding", "br, gzip")
        .send()
        .await
        .unwrap();

    assert_eq!(response.headers()["content-encoding"], "gzip");
    let gzipped = response.bytes().await.unwrap();
    let mut html = String::new();
    flate2::read::GzDecoder::new(&gzipped[..]).read_to_string(&mut html).expect("valid gzip");
    assert!(gzipped.len() < html.len() / 3, "{} bytes for {}", gzipped.len(), html.len());
    let form = crate::helpers::Form::parse(&html);
    let response = app.post_form("/c/demo", &form.complete_answer("sent from gzip")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.count("responses").await, 1);
}

/// The thank-you is rendered once too (`routes::stamped`): each answer still gets its own receipt
/// and nonce, and each receipt withdraws its own answers alone.
#[tokio::test]
async fn each_thank_you_has_its_own_receipt_and_nonce() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let receipt_of = |html: &str| html.split("<code>").nth(1).unwrap()[..14].to_owned();

    let mut seen = Vec::new();
    for text in ["first", "second"] {
        let form = app.load_form("demo").await;
        let response = app.post_form("/c/demo", &form.complete_answer(text)).await;
        assert_eq!(response.status(), StatusCode::OK);
        let csp = response.headers()["content-security-policy"].to_str().unwrap().to_owned();
        let html = response.text().await.unwrap();
        assert!(html.contains("Your answers were sent"));
        let receipt = receipt_of(&html);
        assert_eq!(html.matches(&receipt).count(), 1, "{html}");
        let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_owned();
        assert!(
            html.contains(&format!("nonce=\"{nonce}\"")),
            "the page runs by its header's nonce"
        );
        seen.push((receipt, nonce));
    }
    assert_ne!(seen[0], seen[1]);

    let withdraw = [("receipt".to_owned(), seen[0].0.clone())];
    let response = app.post_form("/c/demo/withdraw", &withdraw).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.stored_texts().await, vec!["second"]);
}
