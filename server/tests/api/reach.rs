//! Reach: partner links and their codes, QR codes that scan, link previews, and the organizers'
//! live counts.

use app::domain::ids::PartnerId;
use app::domain::staff::Role;
use app::storage::{consultations, partners};
use reqwest::StatusCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::helpers::{Form, TestApp, own_words, scan_png, scan_svg, spawn_app};

const SITE: &str = "https://consult.example";

/// The demo, open, with its two partners (`schools`, `youth-council`): its id and theirs.
async fn open_demo(app: &TestApp) -> (i64, PartnerId, PartnerId) {
    app.seed("demo", -60, 24 * 60).await;
    let id = consultations::by_slug(&app.db, "demo").await.unwrap().unwrap().id;
    let all = partners::all(&app.db, id).await.unwrap();
    let code = |c: &str| all.iter().find(|p| p.code.as_str() == c).unwrap().id;
    (id, code("schools"), code("youth-council"))
}

async fn admin(app: &TestApp) -> String {
    app.staff("admin@example.org", Role::Admin).await;
    app.session_of("admin@example.org").await
}

fn body(fields: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish()
}

/// The form a young person reaches from the link `/c/demo?via={via}`, as they answer it: in
/// their own words, at a person's pace.
async fn answer_via(app: &TestApp, via: &str, region: &str) -> reqwest::Response {
    static ANSWERED: AtomicUsize = AtomicUsize::new(0);
    let intro = app.get(&format!("/c/demo?via={via}")).await.text().await.unwrap();
    let next = regex::Regex::new(r#"href="(/c/demo\?step=answer[^"]*)""#).unwrap();
    let next = next.captures(&intro).expect("the intro leads to the form")[1].replace("&amp;", "&");
    let html = app.get(&next).await.text().await.unwrap();
    let n = ANSWERED.fetch_add(1, Ordering::Relaxed);
    let mut fields =
        Form::parse(&html).complete_answer(&format!("{}: more lessons on privacy.", own_words(n)));
    app.take_time_to_answer();
    fields.retain(|(name, _)| name != "region");
    fields.push(("region".into(), region.into()));
    let hidden = regex::Regex::new(r#"type="hidden" name="via" value="([^"]*)""#).unwrap();
    if let Some(via) = hidden.captures(&html) {
        fields.push(("via".into(), via[1].to_owned()));
    }
    app.post_form("/c/demo", &fields).await
}

async fn partner_ids(app: &TestApp) -> Vec<Option<PartnerId>> {
    sqlx::query_scalar("SELECT partner_id FROM responses").fetch_all(&app.db).await.unwrap()
}

#[tokio::test]
async fn a_partner_link_records_its_code_and_nothing_else() {
    let app = spawn_app().await;
    let (_, schools, _) = open_demo(&app).await;

    let intro = app.get("/c/demo?via=schools").await.text().await.unwrap();
    let next = r#"href="/c/demo?step=answer&amp;via=schools&amp;lang=en""#;
    assert!(intro.contains(next), "the code is kept");
    let response = answer_via(&app, "schools", "africa").await;

    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get("set-cookie").is_none());
    assert!(response.text().await.unwrap().contains("Your answers were sent"));
    // Only the partner's id: the columns test in `respond.rs` checks that nothing else is kept.
    assert_eq!(partner_ids(&app).await, vec![Some(schools)]);
}

#[tokio::test]
async fn an_unknown_or_retired_code_still_lets_the_young_person_answer() {
    let app = spawn_app().await;
    let (id, _, council) = open_demo(&app).await;
    let session = admin(&app).await;
    // A form loaded while the code was in use, sent after it was retired.
    let html = app.get("/c/demo?step=answer&via=youth-council").await.text().await.unwrap();
    assert!(html.contains(r#"name="via" value="youth-council""#));
    let partner = format!("/admin/consultations/{id}/partners/{council}");
    let tampered = app.post_as(&partner, &session, "action=delete").await;
    assert_eq!(tampered.status(), StatusCode::UNPROCESSABLE_ENTITY, "only retiring exists");
    let retired = app.post_as(&partner, &session, "action=retire").await;
    assert_eq!(retired.status(), StatusCode::SEE_OTHER);

    let mut late = Form::parse(&html).complete_answer("Teach us about scams.");
    late.push(("via".into(), "youth-council".into()));
    let late = app.post_form("/c/demo", &late).await;
    let unknown = answer_via(&app, "no-such-partner", "europe").await;
    let retired_link = answer_via(&app, "youth-council", "cis").await;
    let after = app.get("/c/demo?step=answer&via=youth-council").await.text().await.unwrap();

    for response in [late, unknown, retired_link] {
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.text().await.unwrap().contains("Your answers were sent"));
    }
    assert_eq!(partner_ids(&app).await, vec![None, None, None]);
    assert!(!after.contains(r#"name="via""#), "a retired code is not carried on");
}

#[tokio::test]
async fn organizers_add_partner_codes_and_see_the_answers_of_each() {
    let app = spawn_app().await;
    let (id, _, _) = open_demo(&app).await;
    let session = admin(&app).await;
    let page = format!("/admin/consultations/{id}");
    let add = format!("{page}/partners");

    let added = app
        .post_as(&add, &session, &body(&[("name", "Helpline Ghana"), ("code", "helpline-gh")]))
        .await;
    let invalid = app
        .post_as(&add, &session, &body(&[("name", "مدارس الأمل"), ("code", "Hope Schools")]))
        .await;
    let taken = app.post_as(&add, &session, &body(&[("name", "Again"), ("code", "schools")])).await;
    answer_via(&app, "helpline-gh", "africa").await;
    answer_via(&app, "helpline-gh", "africa").await;
    answer_via(&app, "schools", "europe").await;

    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let invalid = invalid.text().await.unwrap();
    assert!(invalid.contains("Use 2 to 32 lower-case letters"));
    assert!(
        invalid.contains(r#"value="مدارس الأمل""#) && invalid.contains(r#"value="Hope Schools""#)
    );
    assert!(taken.text().await.unwrap().contains("already has a partner with this code"));
    assert_eq!(partners::all(&app.db, id).await.unwrap().len(), 3, "only the valid one added");

    let html = app.get_as(&page, &session).await.text().await.unwrap();
    let row = |code: &str| {
        let start = html.find(&format!("<code>{code}</code>")).expect("listed");
        html[start..].split("</tr>").next().unwrap().to_owned()
    };
    assert!(row("helpline-gh").contains("<td>2</td>"), "{}", row("helpline-gh"));
    assert!(row("helpline-gh").contains(&format!(r#"value="{SITE}/c/demo?via=helpline-gh""#)));
    assert!(row("schools").contains("<td>1</td>"));
    assert!(row("youth-council").contains("<td>0</td>"));
}

#[tokio::test]
async fn the_qr_codes_decode_to_the_right_links() {
    let app = spawn_app().await;
    let (id, schools, _) = open_demo(&app).await;
    let session = admin(&app).await;
    let partner = format!("/admin/consultations/{id}/partners/{schools}/qr");

    let svg = app.get("/c/demo/qr.svg").await;
    let arabic = app.get("/c/demo/qr.svg?lang=ar").await;
    let png = app.get("/c/demo/qr.png").await;
    let partner_png = app.get_as(&format!("{partner}.png"), &session).await;
    let partner_svg = app.get_as(&format!("{partner}.svg"), &session).await;
    let anonymous = app.get(&format!("{partner}.png")).await;

    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    assert_eq!(svg.headers()["cache-control"], "public, max-age=86400", "kept, not fetched again");
    assert_ne!(partner_svg.headers()["cache-control"], "public, max-age=86400", "staff only");
    assert_eq!(scan_svg(&svg.text().await.unwrap()), format!("{SITE}/c/demo"));
    assert_eq!(scan_svg(&arabic.text().await.unwrap()), format!("{SITE}/c/demo?lang=ar"));
    assert_eq!(png.headers()["content-type"], "image/png");
    assert_eq!(scan_png(&png.bytes().await.unwrap()), format!("{SITE}/c/demo"));
    assert_eq!(scan_png(&partner_png.bytes().await.unwrap()), format!("{SITE}/c/demo?via=schools"));
    assert_eq!(scan_svg(&partner_svg.text().await.unwrap()), format!("{SITE}/c/demo?via=schools"));
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER, "partners' QR codes are for staff");
    assert_eq!(app.get("/c/nothing-here/qr.svg").await.status(), StatusCode::NOT_FOUND);
    let intro = app.get("/c/demo").await.text().await.unwrap();
    assert!(intro.contains(r#"src="/c/demo/qr.svg?lang=en""#), "shared before answering");
    let form = app.get("/c/demo?step=answer").await.text().await.unwrap();
    assert!(!form.contains("qr.svg"), "not in the way of the questions");
}

#[tokio::test]
async fn consultation_pages_carry_a_link_preview_with_our_own_image() {
    let app = spawn_app().await;
    app.seed("demo", 60, 24 * 60).await; // scheduled: the page is already an invitation

    let html = app.get("/c/demo").await.text().await.unwrap();
    let image = app.get("/share.png").await;

    let meta = |key: &str, name: &str| {
        let tag = regex::Regex::new(&format!(r#"<meta {key}="{name}" content="([^"]*)""#)).unwrap();
        tag.captures(&html).unwrap_or_else(|| panic!("{name} in the page"))[1].to_owned()
    };
    let title = meta("property", "og:title");
    assert!(!title.is_empty());
    assert_eq!(meta("name", "twitter:title"), title);
    assert!(!meta("property", "og:description").is_empty());
    assert_eq!(meta("property", "og:url"), format!("{SITE}/c/demo"));
    assert_eq!(meta("property", "og:image"), format!("{SITE}/share.png"));
    assert_eq!(meta("name", "twitter:card"), "summary_large_image");
    assert!(html.contains("Share this with a friend"));
    assert!(html.contains(r#"src="/c/demo/qr.svg?lang=en""#));

    // In the reader's language: a link shared in French previews in French.
    let french = app.get("/c/demo?lang=fr").await.text().await.unwrap();
    assert!(french.contains(r#"<meta property="og:locale" content="fr_FR""#));
    assert!(
        french.contains(
            r#"<meta property="og:image:alt" content="Youth Consult : bulles de dialogue""#
        )
    );
    assert_eq!(meta("property", "og:locale"), "en_US");

    assert_eq!(image.headers()["content-type"], "image/png");
    let bytes = image.bytes().await.unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
    assert_eq!((decoder.info().width, decoder.info().height), (1200, 630));
}

async fn stored(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

/// `Per region` table rows as (group, answers).
fn breakdown(html: &str, caption: &str) -> Vec<(String, i64)> {
    let start = html.find(&format!("<caption>{caption}</caption>")).expect("the table is there");
    let table = html[start..].split("</table>").next().unwrap();
    let row = regex::Regex::new(r#"<th scope="row">([^<]*)</th><td>(\d+)</td>"#).unwrap();
    row.captures_iter(table).map(|c| (c[1].to_owned(), c[2].parse().unwrap())).collect()
}

#[tokio::test]
async fn live_counts_match_the_stored_answers() {
    let app = spawn_app().await;
    let (id, _, _) = open_demo(&app).await;
    let session = admin(&app).await;
    for (via, region) in
        [("schools", "africa"), ("schools", "europe"), ("", "africa"), ("youth-council", "cis")]
    {
        answer_via(&app, via, region).await;
    }

    let html = app.get_as(&format!("/admin/consultations/{id}/live"), &session).await;
    assert_eq!(html.status(), StatusCode::OK);
    let html = html.text().await.unwrap();

    assert!(html.contains("Refresh now"), "a plain reload without JavaScript");
    assert!(!html.contains("http-equiv"), "no refresh the reader cannot pause");
    assert!(html.contains("<strong>4</strong> answers so far"));
    assert_eq!(stored(&app, "SELECT COUNT(*) FROM responses").await, 4);
    let regions = breakdown(&html, "Per region");
    let africa = stored(&app, "SELECT COUNT(*) FROM responses WHERE region = 'africa'").await;
    assert!(regions.contains(&("Africa".into(), africa)) && africa == 2, "{regions:?}");
    assert!(regions.contains(&("Arab States".into(), 0)), "regions without answers show 0");
    let partners = breakdown(&html, "Per partner link");
    assert!(partners.contains(&("Schools network (schools)".into(), 2)), "{partners:?}");
    assert!(partners.contains(&("National youth council (youth-council)".into(), 1)));
    assert!(partners.contains(&("No partner link".into(), 1)));
    let ages = breakdown(&html, "Per age band");
    assert!(ages.contains(&("13–15".into(), 4)), "the form's answers are all 13–15: {ages:?}");
    let languages = breakdown(&html, "Per language");
    assert!(languages.contains(&("English".into(), 4)));
    let hours = breakdown(&html, "Per hour (UTC)");
    assert_eq!(hours.iter().map(|(_, n)| n).sum::<i64>(), 4);
}

#[tokio::test]
async fn only_organizers_can_open_the_live_counts() {
    let app = spawn_app().await;
    let (id, _, _) = open_demo(&app).await;
    app.staff("moderator@example.org", Role::Moderator).await;
    let moderator = app.session_of("moderator@example.org").await;
    let path = format!("/admin/consultations/{id}/live");

    let anonymous = app.get(&path).await;
    let moderated = app.get_as(&path, &moderator).await;

    assert_eq!(anonymous.status(), StatusCode::FOUND);
    assert_eq!(anonymous.headers()["location"], "/login");
    assert_eq!(moderated.status(), StatusCode::FORBIDDEN);
    assert!(!moderated.text().await.unwrap().contains("answers so far"));
}
