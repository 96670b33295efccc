//! The young people's pages in the six UN languages: from the link, else from the browser, with
//! Arabic right to left, and a switch of language that keeps what was typed.

use reqwest::StatusCode;

use crate::helpers::{Form, TestApp, spawn_app};

/// From the ITU circular letter on child online protection in `../shared/seeds/` (004).
const ARABIC: &str = "لضمان بيئة رقمية أكثر أماناً للأطفال والشباب.";

async fn page(app: &TestApp, path: &str, accept_language: &str) -> reqwest::Response {
    app.client
        .get(format!("{}{path}", app.address))
        .header("Accept", "text/html")
        .header("Accept-Language", accept_language)
        .send()
        .await
        .expect("request sent")
}

fn html_tag(html: &str) -> &str {
    let start = html.find("<html").expect("an html element");
    &html[start..start + html[start..].find('>').unwrap()]
}

#[tokio::test]
async fn a_link_in_arabic_opens_in_arabic_right_to_left() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;

    let response = page(&app, "/c/demo?lang=ar", "en-GB,en;q=0.9").await;

    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get("set-cookie").is_none(), "the language is not kept in a cookie");
    let html = response.text().await.unwrap();
    let tag = html_tag(&html);
    assert!(tag.contains(r#"lang="ar""#) && tag.contains(r#"dir="rtl""#), "{tag}");
    assert!(html.contains("أريد أن أشارك"), "the intro is in Arabic");
    assert!(
        html.contains(r#"href="/c/demo?step=answer&amp;lang=ar""#),
        "the next step stays Arabic"
    );
    assert!(html.contains(r#"<meta property="og:locale" content="ar_AR""#));
    assert!(
        html.contains(r#"hreflang="zh""#) && html.contains("中文"),
        "the switcher lists Chinese"
    );
}

#[tokio::test]
async fn without_a_language_in_the_link_the_browser_language_is_used() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;

    for (accept, lang, words) in [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh", "我想参加"),
        ("fr-CH, fr;q=0.9", "fr", "Je veux participer"),
        ("es-419", "es", "Quiero participar"),
        ("ru", "ru", "Я хочу участвовать"),
        ("de-DE,de;q=0.9", "en", "I want to take part"),
    ] {
        let html = page(&app, "/c/demo", accept).await.text().await.unwrap();
        assert!(html_tag(&html).contains(&format!(r#"lang="{lang}""#)), "{accept}");
        assert!(html.contains(words), "{accept}: {words}");
    }
}

#[tokio::test]
async fn an_answer_in_arabic_is_stored_as_arabic_and_thanked_in_arabic() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let html = app.get("/c/demo?step=answer&lang=ar").await.text().await.unwrap();
    assert!(html.contains(r#"action="/c/demo?lang=ar""#), "the form posts back in Arabic");
    assert!(html.contains(r#"name="lang" value="ar""#));
    let mut fields = Form::parse(&html).complete_answer(ARABIC);
    fields.push(("lang".into(), "ar".into()));

    let thanks = app.post_form("/c/demo?lang=ar", &fields).await;

    assert_eq!(thanks.status(), StatusCode::OK);
    assert!(thanks.text().await.unwrap().contains("شكرًا لك! أُرسلت إجاباتك."));
    let language: String =
        sqlx::query_scalar("SELECT language FROM responses").fetch_one(&app.db).await.unwrap();
    assert_eq!(language, "ar");
    assert_eq!(app.stored_texts().await, vec![ARABIC]);
}

#[tokio::test]
async fn errors_are_shown_in_the_page_language() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let form = app.load_form("demo").await;

    let fields = [("token".to_owned(), form.token.clone()), ("lang".into(), "fr".into())];
    let response = app.post_form("/c/demo?lang=fr", &fields).await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("Cette question a besoin d'une réponse."));
    assert!(html.contains("Rien n'a encore été envoyé"));
}

#[tokio::test]
async fn switching_language_keeps_everything_typed_and_stores_nothing() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    let form = app.load_form("demo").await;
    let mut fields = form.complete_answer(ARABIC);
    fields.push(("lang".into(), "en".into()));
    fields.push(("switch_lang".into(), "ar".into()));

    let response = app.post_form("/c/demo?lang=ar", &fields).await;

    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(html_tag(&html).contains(r#"dir="rtl""#));
    assert!(html.contains(&format!(">{ARABIC}</textarea>")), "the text is kept");
    assert!(html.contains(r#"value="13-15" checked"#), "the choices are kept");
    assert!(html.contains(&format!(r#"name="token" value="{}""#, form.token)), "the same form");
    assert!(html.contains(r#"name="lang" value="ar""#), "it is now answered in Arabic");
    assert!(html.contains(r#"role="alert" hidden class="error-summary""#), "no error shown");
    assert_eq!(app.count("responses").await, 0, "nothing stored");
}

#[tokio::test]
async fn staff_pages_follow_the_browsers_language_too() {
    let app = spawn_app().await;

    let html = page(&app, "/login", "ar-SA,ar;q=0.9").await.text().await.unwrap();

    assert!(html_tag(&html).contains(r#"dir="rtl""#));
    assert!(html.contains("دخول فريق العمل") && html.contains("كلمة المرور"));
    let fields =
        [("email".into(), "nobody@example.org".into()), ("password".into(), "wrong".into())];
    let refused = app.post_form("/login?lang=fr", &fields).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let html = refused.text().await.unwrap();
    assert!(html.contains("ne correspondent à aucun compte actif"), "refused in French");
    assert!(html.contains(r#"value="nobody@example.org""#), "the address is kept");
}

#[tokio::test]
async fn organizers_pages_come_in_the_six_languages() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;
    app.staff("admin@example.org", app::domain::staff::Role::Admin).await;
    let session = app.session_of("admin@example.org").await;
    let id = app::storage::consultations::by_slug(&app.db, "demo").await.unwrap().unwrap().id;

    let home = app.get_as("/admin?lang=ar", &session).await.text().await.unwrap();
    assert!(html_tag(&home).contains(r#"dir="rtl""#));
    assert!(home.contains("استشارة جديدة") && home.contains("مفتوحة"), "headings and states");
    let edit = app.get_as(&format!("/admin/consultations/{id}?lang=zh"), &session).await;
    let edit = edit.text().await.unwrap();
    assert!(
        edit.contains("撰写语言") && edit.contains("合作伙伴链接"),
        "the settings and sections"
    );
    let live = app.get_as(&format!("/admin/consultations/{id}/live?lang=ru"), &session).await;
    assert!(live.text().await.unwrap().contains("Данные в реальном времени"));
}

#[tokio::test]
async fn an_organizers_form_that_does_not_pass_says_why_in_the_pages_language() {
    let app = spawn_app().await;
    app.staff("admin@example.org", app::domain::staff::Role::Admin).await;
    let session = app.session_of("admin@example.org").await;

    let refused = app.post_as("/admin/consultations?lang=fr", &session, "title=x&slug=Bad").await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html_tag(&html).contains(r#"lang="fr""#));
    assert!(html.contains("Donnez un titre de 3 à 200 caractères."), "the title's problem");
    assert!(html.contains("Utilisez 3 à 60 lettres minuscules"), "the address's problem");
    assert!(html.contains(r#"value="x""#), "what was typed is kept");
    assert_eq!(app.count("consultations").await, 0, "nothing stored");
}

#[tokio::test]
async fn dates_are_written_as_each_language_writes_them() {
    let app = spawn_app().await;
    app.seed("demo", -60, 24 * 60).await;

    let arabic = page(&app, "/?lang=ar", "en").await.text().await.unwrap();
    let russian = page(&app, "/?lang=ru", "en").await.text().await.unwrap();
    let chinese = page(&app, "/?lang=zh", "en").await.text().await.unwrap();

    // The tests' clock stands at Tuesday, 24 November 2026, 08:00 UTC; the demo closes a day on.
    assert!(arabic.contains("الأربعاء، 25 نوفمبر 2026، 07:00 UTC"), "{arabic}");
    assert!(russian.contains("среда, 25 ноября 2026\u{202F}г., 07:00 UTC"));
    assert!(chinese.contains("2026年11月25日星期三 07:00 UTC"));
}

#[tokio::test]
async fn what_came_of_a_staff_change_is_said_in_the_pages_language() {
    let app = spawn_app().await;
    app.staff("admin@example.org", app::domain::staff::Role::Admin).await;
    let session = app.session_of("admin@example.org").await;

    let body = "email=new%40example.org&role=moderator&password=short";
    let refused = app.post_as("/admin/staff?lang=es", &session, body).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Una contraseña necesita al menos 12 caracteres."), "in Spanish");
    assert!(html.contains(r#"value="new@example.org""#), "the address is kept");

    let body = "email=new%40example.org&role=moderator&password=a+long+enough+passphrase";
    let added = app.post_as("/admin/staff?lang=ru", &session, body).await;
    assert_eq!(added.status(), StatusCode::OK);
    assert!(added.text().await.unwrap().contains("Добавлен: \u{2068}new@example.org\u{2069}."));
}
