//! Integrity of the count against the real server: a scripted flood is held back (or refused) and
//! never becomes the young people's voice, a class behind one school address is counted whole,
//! moderators decide held groups at once, and nothing stored names an address.

use app::domain::integrity::near_copy::CAMPAIGN_COPIES;
use app::domain::integrity::{HONEYPOT, HoldReason, HoldReasons};
use app::domain::staff::Role;
use reqwest::StatusCode;
use std::net::{IpAddr, Ipv4Addr};

use crate::helpers::{Form, TestApp, own_words, spawn_app};
use crate::moderate::{approve_all, decide, next_item, press};

/// A disclosure, as a frightened young person might write it (the detector flags it).
const DISCLOSURE: &str = "Honestly some days I want to die because of the comments";
/// What a script sends when it is not faking a disclosure.
const SCRIPTED: &str = "Vote for the best app ever, it is the best app for every kid";

/// One device on one loopback address (`127.0.0.n`): the server sees each as its own address.
struct Device {
    client: reqwest::Client,
}

impl Device {
    fn at(n: u8) -> Self {
        let address = IpAddr::V4(Ipv4Addr::new(127, 0, 0, n));
        let client = reqwest::Client::builder()
            .local_address(address)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Self { client }
    }

    async fn load_form(&self, app: &TestApp) -> Form {
        let url = format!("{}/c/demo?step=answer", app.address);
        let html = self.client.get(url).send().await.unwrap().text().await.unwrap();
        Form::parse(&html)
    }

    async fn post(&self, app: &TestApp, fields: &[(String, String)]) -> reqwest::Response {
        let body: String =
            form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
        self.client
            .post(format!("{}/c/demo", app.address))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .header("Origin", &app.address)
            .body(body)
            .send()
            .await
            .unwrap()
    }
}

async fn open_demo() -> TestApp {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    app
}

async fn number(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

/// Responses that count: in the summary, the live figures and the choice counts.
async fn counted(app: &TestApp) -> i64 {
    number(app, "SELECT COUNT(*) FROM responses WHERE hold IS NULL OR hold = 'released'").await
}

/// The flood of the report: one laptop fetches the form and sends it straight back, 300 times in
/// six seconds, the same answers each time (`text`: words of a disclosure, or not). With several
/// instances behind a load balancer, each form is loaded from one and sent to the next.
async fn flood(instances: &[&TestApp], device: &Device, text: &str) -> Vec<StatusCode> {
    let mut statuses = Vec::new();
    for i in 0..300 {
        let form = device.load_form(instances[i % instances.len()]).await;
        let to = instances[(i + 1) % instances.len()];
        let response = device.post(to, &form.complete_answer(text)).await;
        statuses.push(response.status());
        if i % 50 == 49 {
            instances[0].clock_forward_secs(1);
        }
    }
    statuses
}

/// The flood held back: thanked (held, the script cannot tell) or refused, never 10 % counted.
async fn assert_held_back(app: &TestApp, statuses: &[StatusCode]) {
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK || *s == StatusCode::TOO_MANY_REQUESTS),
        "thanked (held, the script cannot tell) or refused: {statuses:?}"
    );
    assert!(counted(app).await <= 30, "at most 10 % of the flood counts");
    let choices = app.choices_counted().await;
    assert!(choices <= 30 * 6, "nor its choices: {choices}");
}

/// Thirty pupils behind one school address load the form together, take a minute or more, and
/// answer within two minutes, each in their own words; forms loaded from one instance are sent to
/// the next, as a load balancer may.
async fn class(instances: &[&TestApp], school: &Device) {
    let mut forms = Vec::new();
    for i in 0..30 {
        forms.push(school.load_form(instances[i % instances.len()]).await);
    }
    instances[0].advance_minutes(1);
    for (i, form) in forms.iter().enumerate() {
        let text = format!("I think {}", own_words(i));
        let to = instances[(i + 1) % instances.len()];
        let response = school.post(to, &form.complete_answer(&text)).await;
        assert_eq!(response.status(), StatusCode::OK, "pupil {i} thanked");
        instances[0].clock_forward_secs(4);
    }
}

/// The class counted whole: every pupil, every choice, every answer in the moderation queue.
async fn assert_counted_whole(app: &TestApp) {
    assert_eq!(counted(app).await, 30, "every pupil counted");
    assert_eq!(number(app, "SELECT COUNT(*) FROM responses WHERE hold IS NOT NULL").await, 0);
    assert_eq!(app.choices_counted().await, 30 * 6);
    assert_eq!(number(app, "SELECT COUNT(*) FROM reviews").await, 30, "every answer to review");
}

async fn moderator(app: &TestApp) -> String {
    app.staff("moderator@example.org", Role::Moderator).await;
    app.session_of("moderator@example.org").await
}

#[tokio::test]
async fn a_scripted_flood_is_held_back_and_a_real_disclosure_comes_first() {
    let app = open_demo().await;
    let statuses = flood(&[&app], &Device::at(9), DISCLOSURE).await;
    assert_held_back(&app, &statuses).await;

    // A pupil elsewhere writes for help, at a person's pace.
    let pupil = Device::at(20);
    let form = pupil.load_form(&app).await;
    app.take_time_to_answer();
    let response = pupil
        .post(
            &app,
            &form.complete_answer("My uncle asked me for photos and says to keep it a secret"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    // The flood's flags are read too (one of them could be real), but they take turns with
    // everyone else's: the pupil's answer comes second, after the flood's first.
    let session = moderator(&app).await;
    let first_two = first_in_queue(&app, &session, 2).await;
    assert!(first_two.iter().any(|t| t.starts_with("My uncle")), "{first_two:?}");
    let unflagged_held = "SELECT COUNT(*) FROM reviews v JOIN responses r ON r.id = v.response_id \
         WHERE r.hold = 'held' AND v.concern IS NULL AND v.status = 'pending'";
    assert_eq!(number(&app, unflagged_held).await, 0, "no unflagged held answer is in the queue");

    // The live figures show the attack as it happens.
    app.staff("admin@example.org", Role::Admin).await;
    let admin = app.session_of("admin@example.org").await;
    let id = number(&app, "SELECT id FROM consultations WHERE slug = 'demo'").await;
    let live = app.get_as(&format!("/admin/consultations/{id}/live"), &admin).await;
    let live = live.text().await.unwrap();
    let held = number(&app, "SELECT COUNT(*) FROM responses WHERE hold = 'held'").await;
    assert!(held >= 270, "{held}");
    assert!(live.contains(&format!("<strong>{held}</strong> held back")), "{live}");
}

/// The texts of the first `n` answers the queue gives a moderator, each rejected in turn (so the
/// next comes up), flag and all.
async fn first_in_queue(app: &TestApp, session: &str, n: usize) -> Vec<String> {
    let mut texts = Vec::new();
    for _ in 0..n {
        let id = next_item(app, session).await.expect("an answer to review");
        texts.push(
            sqlx::query_scalar("SELECT text FROM answers WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db)
                .await
                .unwrap(),
        );
        let body = press(app, id, "reject:off_topic").await;
        assert_eq!(decide(app, session, id, &body).await.status(), StatusCode::SEE_OTHER);
    }
    texts
}

#[tokio::test]
async fn a_class_behind_one_school_address_is_thanked_and_counted_whole() {
    let app = open_demo().await;
    class(&[&app], &Device::at(30)).await;
    assert_counted_whole(&app).await;
}

/// Per-address windows are each instance's own (in memory), but a flood's pace is in its signed
/// forms and its near-copies are found database-wide: neither depends on the instance it reaches.
#[tokio::test]
async fn a_flood_split_across_two_instances_is_held_back_all_the_same() {
    let one = open_demo().await;
    let two = one.another_instance().await;
    let statuses = flood(&[&one, &two], &Device::at(9), SCRIPTED).await;
    assert_held_back(&one, &statuses).await;
    let held = number(&one, "SELECT COUNT(*) FROM responses WHERE hold = 'held'").await;
    assert!(held >= 270, "the rest held, whichever instance it reached: {held}");
}

#[tokio::test]
async fn a_class_split_across_two_instances_is_thanked_and_counted_whole() {
    let one = open_demo().await;
    let two = one.another_instance().await;
    class(&[&one, &two], &Device::at(30)).await;
    assert_counted_whole(&one).await;
}

#[tokio::test]
async fn an_answer_with_the_honeypot_filled_is_thanked_as_usual_but_held_and_not_counted() {
    let app = open_demo().await;
    let device = Device::at(45);
    let form = device.load_form(&app).await;
    app.take_time_to_answer();
    let mut answer = form.complete_answer("Apps should ask us before they share where we are");
    answer.push((HONEYPOT.to_owned(), "https://cheap-followers.example".to_owned()));

    let response = device.post(&app, &answer).await;

    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    assert!(page.contains("Your answers were sent"), "thanked as usual: {page}");
    let receipt = regex::Regex::new(r"<code>[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}</code>").unwrap();
    assert!(receipt.is_match(&page), "with a receipt, as every answer");
    assert_eq!(counted(&app).await, 0, "not counted");
    assert_eq!(app.choices_counted().await, 0, "nor its choices");
    assert_eq!(number(&app, "SELECT COUNT(*) FROM reviews").await, 0, "not in the queue");
    let reasons = number(&app, "SELECT hold_reasons FROM responses WHERE hold = 'held'").await;
    let reasons: Vec<HoldReason> = HoldReasons::from_bits(reasons).iter().collect();
    assert_eq!(reasons, [HoldReason::Honeypot], "held for the honeypot alone");
}

#[tokio::test]
async fn releasing_a_held_group_counts_it_and_confirming_one_never_does() {
    let app = open_demo().await;
    flood(&[&app], &Device::at(9), DISCLOSURE).await;
    let before = (counted(&app).await, app.choices_counted().await);
    let session = moderator(&app).await;

    let lane = app.get_as("/moderate/held", &session).await.text().await.unwrap();
    let action = regex::Regex::new(r#"action="(/moderate/held/\d+/-?\d+)[?"]"#).unwrap();
    let groups: Vec<String> = action.captures_iter(&lane).map(|c| c[1].to_owned()).collect();
    assert_eq!(groups.len(), 1, "the flood is one group: {lane}");
    let held = number(&app, "SELECT COUNT(*) FROM responses WHERE hold = 'held'").await;
    assert!(lane.contains(&format!("{held} responses,")), "{lane}");
    let flags = format!("Flagged for safeguarding in this group: {held}, of which unread: {held}.");
    assert!(lane.contains(&flags), "its disclosure words are pointed out: {lane}");

    let released = app.post_as(&groups[0], &session, "decision=release").await;
    assert_eq!(released.status(), StatusCode::SEE_OTHER);
    assert_eq!(counted(&app).await, before.0 + held, "released, the whole group counts");
    assert_eq!(app.choices_counted().await, before.1 + held * 6, "with its choices");
    assert_eq!(
        number(&app, "SELECT COUNT(*) FROM reviews WHERE concern IS NOT NULL").await,
        counted(&app).await,
        "its answers join the queue, flagged as at ingest"
    );
    let audited =
        number(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'released held group'");
    assert_eq!(audited.await, 1);
    let again = app.post_as(&groups[0], &session, "decision=confirm").await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    assert_eq!(counted(&app).await, before.0 + held, "a decided group is not decided again");

    // A second flood from another address, confirmed as not genuine once read: it never counts.
    flood(&[&app], &Device::at(10), SCRIPTED).await;
    app.until_read_for_meaning().await;
    let lane = app.get_as("/moderate/held", &session).await.text().await.unwrap();
    let group = action.captures(&lane).expect("the second flood is held")[1].to_owned();
    let total = counted(&app).await;
    let confirmed = app.post_as(&group, &session, "decision=confirm").await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    assert_eq!(counted(&app).await, total);
    assert!(number(&app, "SELECT COUNT(*) FROM responses WHERE hold = 'confirmed'").await > 0);
    let lane = app.get_as("/moderate/held", &session).await.text().await.unwrap();
    assert!(lane.contains("Nothing is held back."), "{lane}");
}

#[tokio::test]
async fn far_too_many_from_one_address_are_refused_with_the_text_kept() {
    let app = open_demo().await;
    let device = Device::at(40);
    let form = device.load_form(&app).await;
    app.take_time_to_answer();
    let answer = form.complete_answer("a text the young person typed and must not lose");
    for _ in 0..300 {
        assert_ne!(device.post(&app, &answer).await.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    // Twenty seconds on, those 300 are still within the minute for forty more.
    app.clock_forward_secs(20);

    let refused = device.post(&app, &answer).await;

    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.headers()["retry-after"], "40");
    let page = refused.text().await.unwrap();
    assert!(page.contains("a text the young person typed and must not lose"), "text kept");
    assert!(
        page.contains("Too many answers have come from your network"),
        "says what happened: {page}"
    );
    assert!(page.contains("Seconds to wait: 40."), "and when to try again: {page}");

    // Another address is not affected.
    let other = Device::at(41);
    let form = other.load_form(&app).await;
    app.take_time_to_answer();
    let response = other.post(&app, &form.complete_answer("from a different school")).await;
    assert_eq!(response.status(), StatusCode::OK);
}

/// Two young people who write the same sentence, from different places, both count, whichever
/// instance each reached: a copy alone is no reason to hold an answer.
#[tokio::test]
async fn two_young_people_who_write_the_same_sentence_both_count() {
    let one = open_demo().await;
    let two = one.another_instance().await;
    let original = "Schools should teach us how to report fake accounts on every app";
    let copy = "schools should teach us how to report FAKE accounts on every app!!";
    for (app, device, text) in [(&one, Device::at(50), original), (&two, Device::at(51), copy)] {
        let form = device.load_form(app).await;
        app.take_time_to_answer();
        assert_eq!(device.post(app, &form.complete_answer(text)).await.status(), StatusCode::OK);
    }
    assert_eq!(counted(&one).await, 2, "both count");
}

/// Thirty pupils behind one school address copy one of the two sentences on the board and pick
/// the same options: all thirty count.
#[tokio::test]
async fn a_class_that_shares_the_sentences_on_the_board_is_counted_whole() {
    let app = open_demo().await;
    let school = Device::at(31);
    let mut forms = Vec::new();
    for _ in 0..30 {
        forms.push(school.load_form(&app).await);
    }
    app.advance_minutes(1);
    let board = [
        "Apps should not show us adverts based on what we search for at school",
        "Every app should have a report button that a child can find in one tap",
    ];
    for (i, form) in forms.iter().enumerate() {
        let response = school.post(&app, &form.complete_answer(board[i % 2])).await;
        assert_eq!(response.status(), StatusCode::OK, "pupil {i} thanked");
        app.clock_forward_secs(4);
    }
    assert_eq!(counted(&app).await, 30, "30 of 30 counted");
}

#[tokio::test]
async fn no_table_holds_an_address_in_any_form() {
    let app = open_demo().await;
    flood(&[&app], &Device::at(77), SCRIPTED).await;
    let pupil = Device::at(78);
    let form = pupil.load_form(&app).await;
    app.take_time_to_answer();
    pupil.post(&app, &form.complete_answer("an ordinary answer from a pupil")).await;

    let forms = |n: u8| {
        let v4 = Ipv4Addr::new(127, 0, 0, n);
        [v4.to_string(), u32::from(v4).to_string(), format!("{:08x}", u32::from(v4))]
    };
    let needles: Vec<String> = forms(77).into_iter().chain(forms(78)).collect();
    // sqlx's own record of the migrations run (their names, checksums and times) aside.
    let tables = app.tables().await.into_iter().filter(|t| t != "_sqlx_migrations");
    for table in tables {
        let columns = app.columns(&table).await;
        for column in columns {
            let sql = format!(r#"SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL"#);
            let rows = sqlx::query(&sql).fetch_all(&app.db).await.unwrap();
            for row in rows {
                let value = as_text(&row);
                for needle in &needles {
                    assert!(!value.contains(needle.as_str()), "{table}.{column} holds {needle}");
                }
            }
        }
    }
}

/// A value of any column type, as text (bytes read as hex, so a binary form shows up too).
fn as_text(row: &sqlx::any::AnyRow) -> String {
    use sqlx::Row;
    if let Ok(n) = row.try_get::<i64, _>(0) {
        return n.to_string();
    }
    if let Ok(text) = row.try_get::<String, _>(0) {
        return text;
    }
    if let Ok(bytes) = row.try_get::<Vec<u8>, _>(0) {
        return bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
            + &String::from_utf8_lossy(&bytes);
    }
    if let Ok(x) = row.try_get::<f64, _>(0) {
        return x.to_string();
    }
    let flag: bool = row.try_get(0).expect("a column of a type the scan reads");
    flag.to_string()
}

#[tokio::test]
async fn the_published_summary_counts_none_of_the_flood_and_says_how_many_were_held() {
    let app = spawn_app().await;
    app.seed("demo", -60, 120).await; // closes in an hour
    flood(&[&app], &Device::at(9), SCRIPTED).await;
    let held = number(&app, "SELECT COUNT(*) FROM responses WHERE hold = 'held'").await;
    for i in 0..12 {
        let pupil = Device::at(100 + i as u8);
        let form = pupil.load_form(&app).await;
        app.take_time_to_answer();
        let text = format!("In my view {}", own_words(i));
        assert_eq!(pupil.post(&app, &form.complete_answer(&text)).await.status(), StatusCode::OK);
    }
    let session = moderator(&app).await;
    assert_eq!(approve_all(&app, &session).await.len(), 12, "the pupils' answers, not the flood");
    app.advance_minutes(60 + 16);
    app.staff("admin@example.org", Role::Admin).await;
    let admin = app.session_of("admin@example.org").await;
    let id = number(&app, "SELECT id FROM consultations WHERE slug = 'demo'").await;
    let draft = app.get_as(&format!("/admin/consultations/{id}/summary"), &admin).await;
    let draft = draft.text().await.unwrap();
    let warning = format!("Held responses no moderator has decided on yet: {held}.");
    assert!(draft.contains(&warning), "publishing warns while held answers are unread: {draft}");
    let published = app.post_as(&format!("/admin/consultations/{id}/publish"), &admin, "").await;
    assert_eq!(published.status(), StatusCode::SEE_OTHER);

    let json: serde_json::Value =
        app.get("/c/demo/summary.json").await.json().await.expect("the summary as JSON");
    let method = &json["summary"]["method"];
    assert_eq!(method["held"], serde_json::json!({ "Count": held }), "{method}");
    let reasons = method["held_reasons"].as_array().unwrap();
    assert!(reasons.contains(&serde_json::json!(["TooFast", { "Count": held }])), "{method}");
    assert_eq!(json["summary"]["participants"], serde_json::json!({ "Count": 12 }), "pupils only");

    let csv = app.get("/c/demo/summary.csv").await.text().await.unwrap();
    assert!(csv.contains(&format!("Integrity,Responses held back,All,,{held}")), "{csv}");
    let page = app.get("/c/demo/summary").await.text().await.unwrap();
    let line = format!("and not released by a moderator (not counted): {held}.");
    assert!(page.contains(&line), "the method note says it");
    assert_eq!(method["held_undecided"], serde_json::json!({ "Count": held }), "{method}");
    let unread = format!("when the summary was made: {held}.");
    assert!(page.contains(&unread), "and that no one had decided on them");
}

/// A copy-paste campaign spread by a message: copies from many addresses, faster than people
/// write. Past a campaign's rate the copies are held, as one group, one decision.
#[tokio::test]
async fn a_copy_paste_campaign_from_many_addresses_is_one_held_group() {
    let app = open_demo().await;
    let campaign = "We demand that every app deletes the accounts of children under thirteen now";
    let senders = CAMPAIGN_COPIES + 6;
    let devices: Vec<Device> = (0..senders).map(|i| Device::at(60 + i as u8)).collect();
    let mut forms = Vec::new();
    for device in &devices {
        forms.push(device.load_form(&app).await);
    }
    app.take_time_to_answer();
    for (i, (device, form)) in devices.iter().zip(&forms).enumerate() {
        // A copy with a few characters added: MinHash estimates its likeness from 32 slots, so a
        // copy as different as "… signed, pupil" fell short of 23 agreeing slots for about one
        // key in a hundred (this test was flaky); how far a copy may stray is near_copy's tests'.
        let text = if i % 2 == 0 { campaign.to_owned() } else { format!("{campaign}!!! pls") };
        assert_eq!(device.post(&app, &form.complete_answer(&text)).await.status(), StatusCode::OK);
    }
    let held = senders as i64 - 1 - CAMPAIGN_COPIES as i64;
    assert_eq!(
        counted(&app).await,
        1 + CAMPAIGN_COPIES as i64,
        "the original and a campaign's worth"
    );
    let session = moderator(&app).await;
    let lane = app.get_as("/moderate/held", &session).await.text().await.unwrap();
    assert_eq!(lane.matches("class=\"held-group\"").count(), 1, "one group: {lane}");
    assert!(lane.contains(&format!("{held} responses,")), "{lane}");
}

/// A young person who answers fast (a short form, a school's burst, a resend) is held: if they
/// wrote that they are in danger, a moderator reads it all the same, first, marked as held; it
/// counts nowhere, and its group cannot be confirmed as not genuine until it has been read.
#[tokio::test]
async fn a_held_disclosure_is_read_first_and_its_group_is_not_discarded_unread() {
    let app = open_demo().await;
    let child = Device::at(88);
    let form = child.load_form(&app).await;
    // No time taken to answer: sent faster than the form can be read, so held.
    let response = child.post(&app, &form.complete_answer(DISCLOSURE)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    assert!(page.contains("You deserve to be safe"), "urgent help first: {page}");
    assert_eq!(counted(&app).await, 0, "held");

    let session = moderator(&app).await;
    let lane = app.get_as("/moderate/held", &session).await.text().await.unwrap();
    let action = regex::Regex::new(r#"action="(/moderate/held/\d+/-?\d+)[?"]"#).unwrap();
    let group = action.captures(&lane).expect("held in the lane")[1].to_owned();
    assert!(lane.contains("of which unread: 1."), "{lane}");
    let refused = app.post_as(&group, &session, "decision=confirm").await;
    assert_eq!(refused.status(), StatusCode::SEE_OTHER);
    let back = refused.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.contains("unread="), "{back}");
    let lane = app.get_as(&back, &session).await.text().await.unwrap();
    assert!(lane.contains("Not confirmed: this group has flagged answers"), "{lane}");
    assert_eq!(number(&app, "SELECT COUNT(*) FROM responses WHERE hold = 'held'").await, 1);

    let id = next_item(&app, &session).await.expect("the held disclosure is in the queue");
    let item = app.get_as(&format!("/moderate/items/{id}"), &session).await.text().await.unwrap();
    assert!(item.contains("class=\"flag\""), "flagged: {item}");
    assert!(item.contains("id=\"held-back\""), "and marked as held: {item}");
    let body = press(&app, id, "approve").await;
    assert_eq!(decide(&app, &session, id, &body).await.status(), StatusCode::SEE_OTHER);
    let approved = "SELECT COUNT(*) FROM reviews WHERE status = 'approved' AND held = 0";
    assert_eq!(number(&app, approved).await, 0, "read and approved, but held: not counted");

    let confirmed = app.post_as(&group, &session, "decision=confirm").await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    assert!(!confirmed.headers()["location"].to_str().unwrap().contains("unread="));
    assert_eq!(number(&app, "SELECT COUNT(*) FROM responses WHERE hold = 'confirmed'").await, 1);
    assert_eq!(number(&app, approved).await, 0, "confirmed as not genuine: never counted");
}

/// Varied scripted "disclosures" from one source, paced under the burst limit, are each read, but
/// a real child's disclosure from elsewhere waits behind at most one of them.
#[tokio::test]
async fn two_hundred_scripted_disclosures_from_one_source_do_not_push_a_real_one_back() {
    let app = open_demo().await;
    let script = Device::at(91);
    for i in 0..200 {
        let form = script.load_form(&app).await;
        app.clock_forward_secs(11);
        let text = format!("{DISCLOSURE} and {}", own_words(i));
        assert_eq!(script.post(&app, &form.complete_answer(&text)).await.status(), StatusCode::OK);
    }
    let child = Device::at(92);
    let form = child.load_form(&app).await;
    app.take_time_to_answer();
    let real = "someone from a game wants pictures and says to keep it a secret, I want to die";
    assert_eq!(child.post(&app, &form.complete_answer(real)).await.status(), StatusCode::OK);
    let flagged = number(&app, "SELECT COUNT(*) FROM reviews WHERE concern IS NOT NULL").await;
    assert_eq!(flagged, 201, "every flag is read");

    let session = moderator(&app).await;
    let first_two = first_in_queue(&app, &session, 2).await;
    assert!(first_two.iter().any(|t| t.as_str() == real), "{first_two:?}");
    // The script's second flag, then its third: from the third on, moderators are told.
    first_in_queue(&app, &session, 1).await;
    let third = next_item(&app, &session).await.expect("more to read");
    let item =
        app.get_as(&format!("/moderate/items/{third}"), &session).await.text().await.unwrap();
    assert!(item.contains("id=\"busy-source\""), "the script's flags are marked: {item}");
}

/// The held lane shows every group, a page at a time, those with unread flags first.
#[tokio::test]
async fn the_held_lane_shows_every_group_in_pages_flagged_ones_first() {
    let app = open_demo().await;
    for i in 0..51u8 {
        let device = Device::at(150 + i);
        let form = device.load_form(&app).await;
        let text = if i == 50 { DISCLOSURE } else { SCRIPTED };
        let mut answer = form.complete_answer(text);
        answer.push((HONEYPOT.to_owned(), "x".to_owned()));
        device.post(&app, &answer).await;
    }
    let session = moderator(&app).await;
    let first = app.get_as("/moderate/held", &session).await.text().await.unwrap();
    assert_eq!(first.matches("class=\"held-group\"").count(), 50, "a page of 50");
    assert!(first.contains("Page 1 of 2"), "{first}");
    let flagged = first.find("Flagged for safeguarding").expect("the flagged group on page 1");
    assert!(flagged < first.find("class=\"held-group\"").unwrap() + 2000, "and first");
    let second = app.get_as("/moderate/held?page=1", &session).await.text().await.unwrap();
    assert_eq!(second.matches("class=\"held-group\"").count(), 1, "the 51st on page 2");
    assert!(second.contains("Page 2 of 2"), "{second}");
}
