//! The security headers on every kind of response (`server::headers`): pages, errors, the
//! cross-origin refusal, files, data, the quick 503s written before routing; HSTS where the site
//! is served over HTTPS.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

const SECURITY: [&str; 4] =
    ["content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"];

fn assert_secure(what: &str, headers: &reqwest::header::HeaderMap, https: bool) {
    for name in SECURITY {
        assert!(headers.contains_key(name), "{what} lacks {name}: {headers:?}");
    }
    let hsts = headers.get("strict-transport-security").and_then(|v| v.to_str().ok());
    if https {
        let max_age = hsts.and_then(|v| v.strip_prefix("max-age=")?.parse::<u64>().ok());
        assert!(max_age.is_some_and(|s| s >= 365 * 24 * 3600), "{what}: HSTS {hsts:?}");
    } else {
        assert_eq!(hsts, None, "{what}: no HSTS over plain HTTP");
    }
}

/// One response of each kind, with what it is.
async fn every_kind(app: &TestApp) -> Vec<(&'static str, reqwest::Response)> {
    app.seed("demo", -1, 60).await;
    let pkg = app.site_root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("probe.css"), "body{}").unwrap();
    let cross_origin = app
        .client
        .post(format!("{}/c/demo", app.address))
        .header("Origin", "https://elsewhere.example")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("token=x")
        .send()
        .await
        .unwrap();
    assert_eq!(cross_origin.status(), 403);
    let mut kinds = vec![
        ("a page", app.get("/c/demo").await),
        ("the home page", app.get("/").await),
        ("a page not found", app.get("/c/nowhere").await),
        ("a route not found", app.get("/no/such/thing").await),
        ("a file", app.get("/pkg/probe.css").await),
        ("a file not found", app.get("/pkg/missing.js").await),
        ("the health check", app.get("/healthz").await),
        ("the calendar file", app.get("/c/demo/calendar.ics").await),
        ("a QR code", app.get("/c/demo/qr.svg").await),
        ("an invalid answer", app.post_raw("/c/demo", "token=forged".into()).await),
        ("the cross-origin refusal", cross_origin),
    ];
    kinds.push(("the sign-in page", app.get("/login").await));
    kinds
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers_and_hsts_over_https() {
    // The test configuration's public address is https://consult.example.
    let app = spawn_app().await;
    for (what, response) in every_kind(&app).await {
        assert_secure(what, response.headers(), true);
    }
}

#[tokio::test]
async fn no_hsts_when_the_site_is_plain_http() {
    let app = spawn_app_with(|c| c.public_url = Some("http://127.0.0.1:3000".into())).await;
    for (what, response) in every_kind(&app).await {
        assert_secure(what, response.headers(), false);
    }
}

#[tokio::test]
async fn the_quick_503s_carry_them_too() {
    // Past the requests in flight (one, held by a half-sent body).
    let app = spawn_app_with(|c| c.requests_in_flight = 1).await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut slow = TcpStream::connect(&address).await.unwrap();
    let head = "POST /c/x/withdraw HTTP/1.1\r\nHost: x\r\nContent-Type: \
                application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\nab";
    slow.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let shed = app.get("/healthz").await;
    assert_eq!(shed.status(), 503);
    assert_secure("a request shed", shed.headers(), true);

    // Past the connections of one address: written by hand, before any routing.
    let app = spawn_app_with(|c| c.connections_per_address = 1).await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let _held = TcpStream::connect(&address).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let mut refused = TcpStream::connect(&address).await.unwrap();
    refused.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let mut reply = String::new();
    refused.read_to_string(&mut reply).await.unwrap();
    let (head, _) = reply.split_once("\r\n\r\n").expect("a whole reply");
    assert!(head.starts_with("HTTP/1.1 503"), "{head}");
    let mut headers = reqwest::header::HeaderMap::new();
    for line in head.lines().skip(1) {
        let (name, value) = line.split_once(": ").expect("a header line");
        headers.insert(
            reqwest::header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
    }
    assert_secure("a connection refused", &headers, true);
    assert_eq!(headers["retry-after"], "5");
}
