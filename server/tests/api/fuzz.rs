//! Hostile input over every route and server function: a seeded, reproducible stream of 10,000
//! malformed requests (odd methods, ids, slugs, queries, bodies, encodings, headers and cookies,
//! as staff and as nobody) gets no 5xx, no dropped connection and no panic, and the server is up
//! after.
//! `YC_FUZZ_SEED=n` replays a stream or explores another one; a failure prints its seed.

use std::sync::{Mutex, Once};

use futures::StreamExt;

use app::domain::staff::Role;

use crate::helpers::{TestApp, spawn_app};

const REQUESTS: usize = 10_000;
const DEFAULT_SEED: u64 = 0x59_43_46_55_5a_5a; // "YCFUZZ"

/// Every path the server answers, with `{…}` filled in per request. Server functions sit
/// under `/api/`.
const ROUTES: &[&str] = &[
    "/",
    "/c/{slug}",
    "/c/{slug}/withdraw",
    "/c/{slug}/summary",
    "/c/{slug}/summary.json",
    "/c/{slug}/summary.csv",
    "/c/{slug}/calendar.ics",
    "/c/{slug}/qr.svg",
    "/c/{slug}/qr.png",
    "/share.png",
    "/summary.css",
    "/healthz",
    "/login",
    "/login/code",
    "/login/setup",
    "/login/setup/qr.svg",
    "/logout",
    "/moderate",
    "/moderate/items/{id}",
    "/moderate/history",
    "/moderate/held",
    "/moderate/held/{id}/{id}",
    "/admin",
    "/admin/staff",
    "/admin/staff/{id}",
    "/admin/audit",
    "/admin/helplines",
    "/admin/consultations",
    "/admin/consultations/new",
    "/admin/consultations/{id}",
    "/admin/consultations/{id}/preview",
    "/admin/consultations/{id}/summary",
    "/admin/consultations/{id}/live",
    "/admin/consultations/{id}/publish",
    "/admin/consultations/{id}/questions",
    "/admin/consultations/{id}/questions/{id}",
    "/admin/consultations/{id}/partners",
    "/admin/consultations/{id}/partners/{id}",
    "/admin/consultations/{id}/partners/{id}/qr.svg",
    "/admin/consultations/{id}/partners/{id}/qr.png",
    "/admin/consultations/{id}/translations/{lang}",
    "/pkg/{slug}",
    "/{slug}",
    "/api/respond/consultation",
    "/api/summary",
    "/api/admin/summary",
    "/api/moderate/queue",
    "/api/moderate/item",
    "/api/moderate/history",
    "/api/moderate/held",
    "/api/consultations",
    "/api/admin/staff",
    "/api/admin/audit",
    "/api/admin/consultations",
    "/api/admin/gate",
    "/api/admin/consultation-form",
    "/api/admin/questions",
    "/api/admin/preview",
    "/api/admin/helplines",
    "/api/admin/partners",
    "/api/admin/live",
    "/api/admin/translation",
    "/api/admin/translation-progress",
];

const METHODS: &[&str] = &["GET", "GET", "POST", "POST", "POST", "HEAD", "PUT", "DELETE", "PATCH"];

const SLUGS: &[&str] = &[
    "demo",
    "closed",
    "unknown",
    "DEMO",
    "dem%6F",
    "%E2%80%AEomed",
    "%D8%A7%D8%B3%D8%AA%D8%B4%D8%A7%D8%B1%D8%A9",
    "..",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "demo%00",
    "%FF%FE",
    "a.b",
    "app.wasm",
    "x%20y",
];

const IDS: &[&str] = &[
    "1",
    "2",
    "0",
    "-1",
    "999999",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551616",
    "1e3",
    "1.5",
    "0x10",
    "abc",
    "%00",
    "%D9%A1",
    "1;DROP TABLE responses",
];

const LANGUAGES: &[&str] = &["ar", "en", "fr", "ru", "zh", "es", "xx", "EN", "ar-EG", "%00"];

/// Field names the forms and server functions read, and some they do not.
const FIELDS: &[&str] = &[
    "token",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
    "q6",
    "website",
    "receipt",
    "code",
    "email",
    "password",
    "action",
    "decision",
    "flag",
    "quote",
    "theme",
    "new_themes",
    "status",
    "text",
    "title",
    "slug",
    "description",
    "window",
    "start",
    "day",
    "length_hours",
    "grace_minutes",
    "time_zone",
    "language",
    "languages",
    "min_cell_size",
    "retention_days",
    "meeting_name",
    "meeting_date",
    "kind",
    "prompt",
    "options",
    "required",
    "max_chars",
    "low_label",
    "high_label",
    "helplines",
    "role",
    "name",
    "concern",
    "question",
    "consultation",
    "id",
    "slug",
    "via",
    "reader",
    "lang",
    "page",
    "before",
    "filter",
    "q1[]",
    "a[b][c]",
    "",
];

const VALUES: &[&str] = &[
    "",
    "1",
    "0",
    "-1",
    "99999999999999999999999",
    "true",
    "null",
    "ar",
    "en",
    "approve",
    "reject",
    "publish",
    "admin",
    "moderator",
    "2026-11-24",
    "2026-13-45T25:61",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "=HYPERLINK(\"http://x\")",
    "\u{202e}txet\u{202c}",
    "\u{0}\u{1}\u{7f}",
    "لا أشعر بالأمان على الإنترنت",
    "%",
    "%%",
    "%ZZ",
    "+",
    "&&&",
    "===",
    "a@b",
    "{\"a\":1}",
];

const CONTENT_TYPES: &[Option<&str>] = &[
    Some("application/x-www-form-urlencoded"),
    Some("application/x-www-form-urlencoded"),
    Some("application/json"),
    Some("application/cbor"),
    Some("text/plain"),
    Some("multipart/form-data; boundary=x"),
    Some("multipart/form-data"),
    Some("application/x-www-form-urlencoded; charset=utf-16"),
    Some("nonsense"),
    None,
];

/// xorshift64*: small, fast and the same everywhere, so a seed names one stream.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// One request, described by value so a failure can say what it was.
#[derive(Debug)]
struct Request {
    method: &'static str,
    path: String,
    content_type: Option<&'static str>,
    cookie: Option<String>,
    same_origin: bool,
    accept_language: Option<&'static str>,
    body: Vec<u8>,
}

struct Sessions {
    admin: String,
    moderator: String,
}

fn fill(template: &str, rng: &mut Rng) -> String {
    let mut path = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').expect("closed placeholder") + start;
        path.push_str(&rest[..start]);
        let value = match &rest[start + 1..end] {
            "slug" if rng.one_in(8) => "s".repeat(rng.below(3000)),
            "slug" => rng.pick(SLUGS).to_string(),
            "lang" => rng.pick(LANGUAGES).to_string(),
            _ => rng.pick(IDS).to_string(),
        };
        path.push_str(&value);
        rest = &rest[end + 1..];
    }
    path.push_str(rest);
    if rng.one_in(2) {
        path.push('?');
        path.push_str(&form_pairs(rng));
    }
    path
}

/// `name=value&…` with names and values that are sometimes right and often not; percent
/// escapes are sometimes broken on purpose.
fn form_pairs(rng: &mut Rng) -> String {
    let pairs: Vec<String> = (0..rng.below(12))
        .map(|_| {
            let name = *rng.pick(FIELDS);
            let value = match rng.below(10) {
                0 => "x".repeat(rng.below(20_000)),
                1 => String::from_utf8_lossy(&rng.bytes(40)).into_owned(),
                _ => rng.pick(VALUES).to_string(),
            };
            if rng.one_in(4) {
                format!("{name}={value}")
            } else {
                form_urlencoded::Serializer::new(String::new()).append_pair(name, &value).finish()
            }
        })
        .collect();
    pairs.join("&")
}

fn body(content_type: Option<&str>, rng: &mut Rng) -> Vec<u8> {
    match rng.below(8) {
        0 => Vec::new(),
        1 => {
            let len = rng.below(4096);
            rng.bytes(len)
        }
        // Past the body limit (64 KiB).
        2 if rng.one_in(4) => vec![b'a'; 100 * 1024],
        3 => {
            let json =
                ["{}", "[]", "null", "{\"slug\":1}", "{\"slug\":\"demo\",\"reader\":\"xx\"}"];
            rng.pick(&json).as_bytes().to_vec()
        }
        _ if content_type.is_some_and(|t| t.starts_with("multipart")) => {
            b"--x\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nabc\r\n--x--\r\n"
                .to_vec()
        }
        _ => form_pairs(rng).into_bytes(),
    }
}

fn request(rng: &mut Rng, sessions: &Sessions) -> Request {
    let template = *rng.pick(ROUTES);
    let method = *rng.pick(METHODS);
    let path = fill(template, rng);
    let content_type = *rng.pick(CONTENT_TYPES);
    let cookie = match rng.below(6) {
        0 => Some(sessions.admin.clone()),
        1 => Some(sessions.moderator.clone()),
        2 => Some(format!("yc_staff={}", String::from_utf8_lossy(&rng.bytes(24)))),
        3 => Some("yc_staff=; yc_staff=1; =;;".into()),
        _ => None,
    };
    Request {
        method,
        content_type,
        cookie,
        // Mostly as a browser on the site sends; sometimes from elsewhere, which gets a 403.
        same_origin: !rng.one_in(10),
        accept_language: rng
            .pick(&[None, Some("ar"), Some("*"), Some("ru;q=x, ,;;"), Some("zz")])
            .to_owned(),
        body: body(content_type, rng),
        path,
    }
}

/// The status of the response, once its body has been read in full.
async fn send(app: &TestApp, client: &reqwest::Client, request: &Request) -> Result<u16, String> {
    let method = reqwest::Method::from_bytes(request.method.as_bytes()).expect("a method");
    let mut builder = client.request(method, format!("{}{}", app.address, request.path));
    if let Some(content_type) = request.content_type {
        builder = builder.header("Content-Type", content_type);
    }
    // A cookie of bytes no header may carry is the client's to refuse, so it is not sent.
    let sendable = |c: &&str| c.bytes().all(|b| b.is_ascii_graphic() || b == b' ');
    if let Some(cookie) = request.cookie.as_deref().filter(sendable) {
        builder = builder.header("Cookie", cookie);
    }
    if let Some(language) = request.accept_language {
        builder = builder.header("Accept-Language", language);
    }
    let origin =
        if request.same_origin { app.address.as_str() } else { "https://elsewhere.example" };
    let response = builder.header("Origin", origin).body(request.body.clone()).send().await;
    match response {
        Ok(response) => {
            let status = response.status().as_u16();
            // Read the whole body: a handler that panics midway drops the connection here.
            response.bytes().await.map_err(|e| format!("body cut off: {e:?}"))?;
            Ok(status)
        }
        // The server decided before reading the whole body (a 404, 405 or 413) and closed the
        // connection; the client was still writing. That is an answer, not a failure.
        Err(error) if format!("{error:?}").contains("BodyWrite") => Ok(0),
        // A URI longer than any client may send is not a request.
        Err(error) if error.is_builder() => Ok(0),
        Err(error) => Err(format!("no response: {error:?}")),
    }
}

/// Panics outside the tests' own code since [`count_panics`]: one in a task the server spawned
/// ends that task without a 5xx, so the statuses alone would not show it.
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn count_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let place = info.location().map(ToString::to_string).unwrap_or_default();
            if !place.contains("tests/api/") {
                PANICS.lock().unwrap_or_else(|e| e.into_inner()).push(info.to_string());
            }
            previous(info);
        }));
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_thousand_malformed_requests_get_no_5xx_no_panic_and_the_server_stays_up() {
    let seed =
        std::env::var("YC_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(DEFAULT_SEED);
    count_panics();
    let app = spawn_app().await;
    app.seed("demo", -1, 60).await;
    app.seed("closed", -120, 60).await;
    app.staff("admin@example.org", Role::Admin).await;
    app.staff("moderator@example.org", Role::Moderator).await;
    let sessions = Sessions {
        admin: app.session_of("admin@example.org").await,
        moderator: app.session_of("moderator@example.org").await,
    };

    // A connection per request: a keep-alive connection the server is closing as the next
    // request goes out is a race of the client's, not a failure of the server.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let mut rng = Rng(seed | 1);
    let requests: Vec<Request> = (0..REQUESTS).map(|_| request(&mut rng, &sessions)).collect();
    let outcomes: Vec<(usize, Result<u16, String>)> =
        futures::stream::iter(requests.iter().enumerate())
            .map(|(i, request)| {
                let (app, client) = (&app, &client);
                async move { (i, send(app, client, request).await) }
            })
            .buffer_unordered(8)
            .collect()
            .await;

    let failures: Vec<String> = outcomes
        .iter()
        .filter_map(|(i, outcome)| match outcome {
            Ok(status) if *status < 500 => None,
            Ok(status) => Some(format!("#{i} {status}: {:?}", short(&requests[*i]))),
            Err(error) => Some(format!("#{i} {}: {:?}", cut(error), short(&requests[*i]))),
        })
        .collect();
    assert!(
        failures.is_empty(),
        "seed {seed}: {} of {REQUESTS} requests failed; the first:\n{}",
        failures.len(),
        failures.iter().take(15).cloned().collect::<Vec<_>>().join("\n")
    );

    let panics = PANICS.lock().unwrap().clone();
    assert!(panics.is_empty(), "seed {seed}: {} panics; the first: {}", panics.len(), panics[0]);
    assert_eq!(app.get("/healthz").await.status(), 200, "seed {seed}: up after the fuzz");
    let form = app.get("/c/demo?step=answer").await;
    assert_eq!(form.status(), 200, "seed {seed}: the demo form still loads");
}

/// A request as a failure message shows it: path and body cut to their start.
fn short(request: &Request) -> (&str, &str, Option<&str>, String) {
    let body = String::from_utf8_lossy(&request.body[..request.body.len().min(200)]).into_owned();
    (request.method, cut(&request.path), request.content_type, body)
}

fn cut(text: &str) -> &str {
    &text[..text.floor_char_boundary(300)]
}
