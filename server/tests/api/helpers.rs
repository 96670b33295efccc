//! Starts the real server on a random port with its own database and a clock the test moves.
//! SQLite files by default; with `YC_TEST_DATABASE=postgres`, a fresh PostgreSQL database per test
//! on the server at `YC_TEST_PG_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`),
//! dropped when the test ends.

use app::domain::ids::StaffId;
use app::domain::second_factor::TotpSecret;
use app::domain::staff::Role;
use app::services::auth::create_user;
use app::state::Clock;
use app::storage::Db;
use regex::Regex;
use server::config::Config;
use server::demo::{self, DemoWindow};
use server::startup::Application;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

/// 2026-11-24 08:00 UTC: a fixed "now" so tests do not depend on the day they run.
pub const NOW: i64 = 1_795_507_200;

pub struct TestApp {
    pub address: String,
    pub database_url: String,
    /// Where the server looks for the built wasm, JS and CSS (empty unless a test adds files).
    pub site_root: std::path::PathBuf,
    pub db: Db,
    clock: Arc<AtomicI64>,
    pub client: reqwest::Client,
    /// Each account's authenticator app as the tests set it up, with the last step it gave.
    apps: Mutex<HashMap<String, (TotpSecret, i64)>>,
    /// The device cookie each account's browser got at its last sign-in.
    devices: Mutex<HashMap<String, String>>,
    /// Ends the server gracefully, as SIGTERM does; `server` is its task.
    pub stop: Option<tokio::sync::oneshot::Sender<()>>,
    pub server: tokio::task::JoinHandle<std::io::Result<()>>,
    _dir: tempfile::TempDir,
    _postgres: Option<PgDatabase>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn backend() -> Backend {
    match std::env::var("YC_TEST_DATABASE").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}

/// A new, empty database on the backend under test: a SQLite file `{name}.db` in `dir`, or a
/// database of its own on the PostgreSQL server (kept while the returned guard lives).
pub async fn empty_database(dir: &std::path::Path, name: &str) -> (Option<PgDatabase>, String) {
    match backend() {
        Backend::Sqlite => (None, format!("sqlite://{}/{name}.db", dir.display())),
        Backend::Postgres => {
            let (database, url) = PgDatabase::create().await;
            (Some(database), url)
        }
    }
}

/// A database made for one test on the PostgreSQL server, dropped with it.
pub struct PgDatabase {
    admin_url: String,
    name: String,
}

impl PgDatabase {
    pub async fn create() -> (Self, String) {
        let admin_url = std::env::var("YC_TEST_PG_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let name = format!("yc_test_{:016x}", rand_u64());
        admin(&admin_url, &format!("CREATE DATABASE {name}")).await;
        let url = match admin_url.rsplit_once('/') {
            Some((server, _)) => format!("{server}/{name}"),
            None => panic!("YC_TEST_PG_URL needs a database name"),
        };
        (Self { admin_url, name }, url)
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        // Its own thread and runtime: the test's runtime may be the one shutting down.
        let (url, sql) =
            (self.admin_url.clone(), format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        let _ = std::thread::spawn(move || {
            tokio::runtime::Runtime::new().expect("runtime").block_on(admin(&url, &sql))
        })
        .join();
    }
}

async fn admin(url: &str, sql: &str) {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.expect("PostgreSQL reachable for tests");
    sqlx::query(sql).execute(&mut conn).await.expect("admin statement");
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(std::time::SystemTime::now())
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let (postgres, database_url) = empty_database(dir.path(), "test").await;
    let mut config = test_config(database_url, dir.path());
    adjust(&mut config);
    start(&config, Arc::new(AtomicI64::new(NOW)), dir, postgres).await
}

pub fn test_config(database_url: String, dir: &std::path::Path) -> Config {
    Config {
        database_url,
        listen: "127.0.0.1:0".parse().unwrap(),
        public_url: Some("https://consult.example".into()),
        site_root: dir.join("site").display().to_string(),
        secure_cookies: false,
        session_idle_secs: 30 * 60,
        session_max_secs: 12 * 60 * 60,
        detector: Default::default(),
        // Retention runs every second, so tests see it act soon after they move the clock.
        purge_every_secs: 1,
        // Suggestions follow arriving answers within a second or two.
        suggest_every_secs: 1,
        shutdown_grace_secs: 10,
        connections_per_address: 256,
        requests_in_flight: 512,
        header_timeout_secs: 10,
        trusted_proxies: Default::default(),
        metrics_token: None,
    }
}

async fn start(
    config: &Config,
    clock: Arc<AtomicI64>,
    dir: tempfile::TempDir,
    postgres: Option<PgDatabase>,
) -> TestApp {
    let app =
        Application::build(config, Clock::Manual(clock.clone())).await.expect("server builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.state.db.clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    let client =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    TestApp {
        address,
        database_url: config.database_url.clone(),
        site_root: dir.path().join("site"),
        db,
        clock,
        client,
        apps: Default::default(),
        devices: Default::default(),
        stop: Some(stop),
        server,
        _dir: dir,
        _postgres: postgres,
    }
}

impl TestApp {
    /// Another instance of the server on the same database, with the same clock, as a deployment
    /// behind a load balancer runs them.
    pub async fn another_instance(&self) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = test_config(self.database_url.clone(), dir.path());
        start(&config, self.clock.clone(), dir, None).await
    }

    /// A demo consultation (six questions, the first required) with its window relative to now.
    pub async fn seed(&self, slug: &str, opens_in_minutes: i64, length_minutes: i64) {
        let window = DemoWindow {
            slug: slug.into(),
            opens_in_minutes: opens_in_minutes as f64,
            length_minutes: length_minutes as f64,
            grace_minutes: 15,
            sample_answers: 0,
            published: false,
        };
        demo::ensure_in(&self.db, &window, self.now()).await.expect("seeded");
    }

    /// The demo as `scripts/run.sh` seeds `/c/results`: closed yesterday with 60 sample answers,
    /// moderated, its brief written and translated, its summary published.
    pub async fn seed_published(&self, slug: &str) {
        let window = DemoWindow {
            slug: slug.into(),
            opens_in_minutes: -2880.0,
            length_minutes: 1440.0,
            grace_minutes: 15,
            sample_answers: 60,
            published: true,
        };
        demo::ensure_in(&self.db, &window, self.now()).await.expect("seeded");
    }

    pub fn now(&self) -> i64 {
        self.clock.load(Ordering::SeqCst)
    }

    pub fn advance_minutes(&self, minutes: i64) {
        self.clock.fetch_add(minutes * 60, Ordering::SeqCst);
    }

    pub fn clock_forward_secs(&self, secs: i64) {
        self.clock.fetch_add(secs, Ordering::SeqCst);
    }

    /// The minutes a young person takes to read and answer the form: one sent back sooner than a
    /// person could is held as too fast (`domain::integrity::fill_time`).
    pub fn take_time_to_answer(&self) {
        self.advance_minutes(2);
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .header("Accept", "text/html")
            .send()
            .await
            .expect("request sent")
    }

    /// Posts a form exactly as a browser without JavaScript does.
    pub async fn post_form(&self, path: &str, fields: &[(String, String)]) -> reqwest::Response {
        let body: String =
            form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
        self.post_raw(path, body).await
    }

    pub async fn post_raw(&self, path: &str, body: String) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.address))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .header("Origin", &self.address)
            .body(body)
            .send()
            .await
            .expect("request sent")
    }

    /// Creates a staff account the way `create-user` does.
    pub async fn staff(&self, email: &str, role: Role) -> StaffId {
        create_user(&self.db, email, role, PASSWORD, self.now(), None)
            .await
            .expect("account created")
            .id
    }

    /// Signs in; the response is returned as is.
    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form(
            "/login",
            &[("email".into(), email.into()), ("password".into(), password.into())],
        )
        .await
    }

    /// Signs in (password and second factor) and returns the session cookie (`name=value`).
    pub async fn session_of(&self, email: &str) -> String {
        let response = self.sign_in(email, PASSWORD).await;
        self.second_factor(email, response).await
    }

    /// Finishes a sign-in whose password was right, as the staff member would with their phone:
    /// the first time the app is set up from the key shown as text. Returns the session cookie.
    pub async fn second_factor(&self, email: &str, password_step: reqwest::Response) -> String {
        assert_eq!(password_step.status(), 303, "the password was taken");
        let pending = cookie(&password_step).expect("a session cookie");
        let email = email.trim().to_lowercase();
        let setting_up = match location(&password_step).as_str() {
            "/login/setup" => true,
            "/login/code" => false,
            _ => return pending, // signed in: no second factor for this account
        };
        if setting_up {
            let page = self.get_as("/login/setup", &pending).await.text().await.unwrap();
            let key = Regex::new(r#"<code[^>]* class="setup-key"[^>]*>([A-Z2-7 ]+)</code>"#)
                .unwrap()
                .captures(&page)
                .unwrap_or_else(|| panic!("the setup key as text: {page}"))[1]
                .replace(' ', "");
            let secret = TotpSecret::parse(&key).expect("a setup key");
            self.apps.lock().unwrap().insert(email.clone(), (secret, 0));
        }
        let code = self.app_code(&email);
        let path = if setting_up { "/login/setup" } else { "/login/code" };
        // As a browser does, with the device cookie from its last sign-in.
        let known = self.devices.lock().unwrap().get(&email).cloned();
        let cookies =
            known.map_or_else(|| pending.clone(), |device| format!("{pending}; {device}"));
        let done = self.post_as(path, &cookies, &format!("code={code}")).await;
        assert!(matches!(done.status().as_u16(), 200 | 303), "the code was taken");
        let device = device_cookie(&done).expect("a device cookie");
        self.devices.lock().unwrap().insert(email, device);
        cookie(&done).expect("a new session id")
    }

    /// The device cookie the account's browser got when it last signed in.
    pub fn device_of(&self, email: &str) -> String {
        self.devices.lock().unwrap()[email].clone()
    }

    /// A client whose connections come from `address` (another loopback address, as another
    /// computer's would), keeping no cookies and following no redirects.
    pub fn client_from(address: &str) -> reqwest::Client {
        reqwest::Client::builder()
            .local_address(address.parse::<std::net::IpAddr>().unwrap())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// A sign-in as a browser posts it, from `client`, with `cookies` (may be empty).
    pub async fn sign_in_with(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
        cookies: &str,
    ) -> reqwest::Response {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([("email", email), ("password", password)])
            .finish();
        client
            .post(format!("{}/login", self.address))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", &self.address)
            .header("Cookie", cookies)
            .body(body)
            .send()
            .await
            .expect("request sent")
    }

    /// The code the account's app shows now; if this step's code was given already, the next
    /// step's (the clock moves on 30 seconds), as a person waits for the next code.
    pub fn app_code(&self, email: &str) -> String {
        let mut apps = self.apps.lock().unwrap();
        let (secret, last) = apps.get_mut(email).expect("the account's app is set up");
        if self.now() / 30 <= *last {
            self.clock_forward_secs(30);
        }
        *last = self.now() / 30;
        secret.code_at(self.now())
    }

    pub async fn get_as(&self, path: &str, cookie: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .header("Accept", "text/html")
            .header("Cookie", cookie)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn post_as(&self, path: &str, cookie: &str, body: &str) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.address))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", &self.address)
            .header("Cookie", cookie)
            .body(body.to_owned())
            .send()
            .await
            .expect("request sent")
    }

    /// The answer form as a young person loads it.
    pub async fn load_form(&self, slug: &str) -> Form {
        let html = self.get(&format!("/c/{slug}?step=answer")).await.text().await.unwrap();
        Form::parse(&html)
    }

    /// Answers stored while the reading thread was busy, not yet read for meaning.
    pub async fn awaiting_meaning(&self) -> i64 {
        let sql = "SELECT COUNT(*) FROM answers WHERE awaiting_meaning IS NOT NULL";
        sqlx::query_scalar(sql).fetch_one(&self.db).await.unwrap()
    }

    /// Waits, up to two minutes, until every stored answer has been read for meaning, as a
    /// moderator waits for "Answers still being read" to go before discarding a held group.
    pub async fn until_read_for_meaning(&self) {
        for _ in 0..1200 {
            if self.awaiting_meaning().await == 0 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("answers still unread after two minutes");
    }

    pub async fn count(&self, table: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) AS n FROM {table}");
        sqlx::query_scalar(&sql).fetch_one(&self.db).await.unwrap()
    }

    /// How many choices (options ticked, scale values) the counts hold, over every cell.
    pub async fn choices_counted(&self) -> i64 {
        sqlx::query_scalar("SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM choice_counts")
            .fetch_one(&self.db)
            .await
            .unwrap()
    }

    /// Every table of the schema, from whichever catalogue the backend has.
    pub async fn tables(&self) -> Vec<String> {
        let sql = match backend() {
            Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
            Backend::Postgres => {
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = 'public' ORDER BY table_name"
            }
        };
        sqlx::query_scalar(sql).fetch_all(&self.db).await.unwrap()
    }

    /// A table's columns in order, from whichever catalogue the backend has.
    pub async fn columns(&self, table: &str) -> Vec<String> {
        let sql = match backend() {
            Backend::Sqlite => "SELECT name FROM pragma_table_info($1) ORDER BY cid",
            Backend::Postgres => {
                "SELECT column_name::text FROM information_schema.columns \
                 WHERE table_name = $1 ORDER BY ordinal_position"
            }
        };
        sqlx::query_scalar(sql).bind(table).fetch_all(&self.db).await.unwrap()
    }

    pub async fn stored_texts(&self) -> Vec<String> {
        sqlx::query_scalar("SELECT text FROM answers WHERE text IS NOT NULL")
            .fetch_all(&self.db)
            .await
            .unwrap()
    }
}

pub const PASSWORD: &str = "a long enough passphrase";

/// Young person `i`'s own words: ten words no other `i` puts together, as different from each
/// other as pupils' sentences are. (One sentence with a number changed is a near-copy, and held.)
pub fn own_words(i: usize) -> String {
    const WORDS: [&str; 64] = [
        "phone",
        "games",
        "friends",
        "strangers",
        "photos",
        "school",
        "teachers",
        "parents",
        "privacy",
        "passwords",
        "chat",
        "videos",
        "bullying",
        "reports",
        "settings",
        "accounts",
        "location",
        "messages",
        "ads",
        "filters",
        "rules",
        "lessons",
        "help",
        "apps",
        "comments",
        "streams",
        "trust",
        "safety",
        "blocking",
        "sharing",
        "music",
        "homework",
        "sleep",
        "night",
        "fake",
        "news",
        "likes",
        "followers",
        "tablet",
        "brother",
        "sister",
        "library",
        "club",
        "football",
        "drawing",
        "cooking",
        "coding",
        "maths",
        "village",
        "city",
        "bus",
        "weekend",
        "laptop",
        "cousin",
        "grandma",
        "neighbour",
        "camera",
        "voice",
        "map",
        "money",
        "shop",
        "ticket",
        "garden",
        "river",
    ];
    let mut state = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let words: Vec<&str> = (0..10)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            WORDS[(state % 64) as usize]
        })
        .collect();
    words.join(" ")
}

/// A page without its islands' props: what a person sees, not the data the islands start from.
pub fn visible(html: &str) -> String {
    Regex::new(r#" data-props="[^"]*""#).unwrap().replace_all(html, "").into_owned()
}

/// The `name=value` part of the session cookie a response sets.
pub fn cookie(response: &reqwest::Response) -> Option<String> {
    set_cookie(response, "yc_staff=")
}

/// The `name=value` part of the device cookie a sign-in sets.
pub fn device_cookie(response: &reqwest::Response) -> Option<String> {
    set_cookie(response, "yc_device=")
}

fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.split(';').next())
        .find(|pair| pair.trim_start_matches("__Host-").starts_with(name))
        .map(str::to_owned)
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .map_or_else(String::new, |l| l.to_str().unwrap_or_default().to_owned())
}

/// What a test needs from the rendered form: its token and the fields with their values.
pub struct Form {
    pub token: String,
    /// (field name, input type, value) for each radio button and checkbox.
    pub choices: Vec<(String, String, String)>,
    pub textareas: Vec<String>,
}

impl Form {
    pub fn parse(html: &str) -> Self {
        let token = Regex::new(r#"name="token" value="([^"]+)""#).unwrap();
        let choice =
            Regex::new(r#"type="(radio|checkbox)" id="[^"]+" name="(q\d+)" value="(\d+)""#)
                .unwrap();
        let textarea = Regex::new(r#"<textarea id="(q\d+)""#).unwrap();
        Self {
            token: token.captures(html).expect("the form has a token")[1].to_owned(),
            choices: choice
                .captures_iter(html)
                .map(|c| (c[2].to_owned(), c[1].to_owned(), c[3].to_owned()))
                .collect(),
            textareas: textarea.captures_iter(html).map(|c| c[1].to_owned()).collect(),
        }
    }

    /// Names of the choice questions, in page order, with the given input type.
    pub fn questions(&self, kind: &str) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for (name, k, _) in &self.choices {
            if k == kind && !names.contains(name) {
                names.push(name.clone());
            }
        }
        names
    }

    pub fn options(&self, question: &str) -> Vec<String> {
        self.choices.iter().filter(|(n, _, _)| n == question).map(|(_, _, v)| v.clone()).collect()
    }

    /// A full, valid answer: first option of every radio group, two boxes, the text.
    pub fn complete_answer(&self, text: &str) -> Vec<(String, String)> {
        let mut fields = vec![
            ("token".to_owned(), self.token.clone()),
            ("age_band".to_owned(), "13-15".to_owned()),
            ("region".to_owned(), "arab_states".to_owned()),
            ("gender".to_owned(), "undisclosed".to_owned()),
        ];
        for q in self.questions("radio") {
            fields.push((q.clone(), self.options(&q)[0].clone()));
        }
        for q in self.questions("checkbox") {
            for value in self.options(&q).into_iter().take(2) {
                fields.push((q.clone(), value));
            }
        }
        for t in &self.textareas {
            fields.push((t.clone(), text.to_owned()));
        }
        fields
    }
}

/// Reads a greyscale picture the way a phone's camera would.
fn scan(side: usize, pixel: impl Fn(usize, usize) -> u8) -> String {
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, pixel);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the picture");
    grids[0].decode().expect("it decodes").1
}

pub fn scan_png(bytes: &[u8]) -> String {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
    let mut pixels = vec![0; decoder.output_buffer_size().unwrap()];
    let frame = decoder.next_frame(&mut pixels).unwrap();
    assert_eq!(frame.color_type, png::ColorType::Grayscale);
    let side = frame.width as usize;
    scan(side, |x, y| pixels[y * side + x])
}

/// Fills in the SVG's unit squares on a grid, as a browser draws them, and scans that.
pub fn scan_svg(svg: &str) -> String {
    const SCALE: usize = 4;
    let view_box = regex::Regex::new(r#"viewBox="0 0 (\d+) (\d+)""#).unwrap();
    let size: usize = view_box.captures(svg).expect("a viewBox")[1].parse().unwrap();
    let side = size * SCALE;
    let mut pixels = vec![255u8; side * side];
    for m in regex::Regex::new(r"M(\d+) (\d+)h1v1h-1z").unwrap().captures_iter(svg) {
        let (x, y): (usize, usize) = (m[1].parse().unwrap(), m[2].parse().unwrap());
        for row in y * SCALE..(y + 1) * SCALE {
            pixels[row * side + x * SCALE..row * side + (x + 1) * SCALE].fill(0);
        }
    }
    scan(side, |x, y| pixels[y * side + x])
}

/// Runs the server binary's command line on a database, with `stdin` as its input.
pub fn run_server(database_url: &str, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}
