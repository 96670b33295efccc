//! Availability under a cheap attack (`server::serve`): connections that trickle their headers,
//! idle keep-alive connections and too many connections from one address cannot keep anyone else
//! out, and a spike of requests becomes quick 503s that say when to come back.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

use crate::helpers::{empty_database, spawn_app_with};

/// A connection to `address` from the loopback address `from` (127.0.0.2 is another "machine").
async fn connect_from(from: [u8; 4], address: &str) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind((std::net::Ipv4Addr::from(from), 0).into())?;
    socket.connect(address.parse().expect("an address")).await
}

/// What the server sends until it closes the connection (or `wait` passes), as text; a reset
/// counts as closed.
async fn read_until_closed(stream: &mut TcpStream, wait: Duration) -> Option<String> {
    let mut sent = Vec::new();
    match tokio::time::timeout(wait, stream.read_to_end(&mut sent)).await {
        Ok(_) => Some(String::from_utf8_lossy(&sent).into_owned()),
        Err(_) => None,
    }
}

fn is_busy_reply(reply: &str) -> bool {
    reply.starts_with("HTTP/1.1 503") && reply.to_ascii_lowercase().contains("retry-after: 5")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_trickle_of_1100_connections_from_one_address_cannot_keep_another_client_out() {
    // The test holds 1,100 connections itself.
    rlimit::increase_nofile_limit(4096).expect("raising the test's descriptor limit");
    let dir = tempfile::tempdir().unwrap();
    let (_postgres, database_url) = empty_database(dir.path(), "slowloris").await;
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let address = format!("127.0.0.1:{port}");
    let server = |args: &str| {
        // The common limit of a host: 1,024 descriptors, soft and hard.
        let mut command = Command::new("sh");
        command
            .args(["-c", &format!("ulimit -Sn 1024 && ulimit -Hn 1024 && exec \"$0\" {args}")])
            .arg(env!("CARGO_BIN_EXE_server"))
            .env("DATABASE_URL", &database_url)
            .env("YC_LISTEN", &address)
            .env("YC_HEADER_TIMEOUT_SECS", "4")
            .env("RUST_LOG", "info");
        command
    };
    let seeded = server("seed-demo --opens-in-minutes -1").stdout(Stdio::null()).status();
    assert!(seeded.unwrap().success());
    let log = dir.path().join("server.log");
    let mut child = server("serve")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("server starts");
    let client = reqwest::Client::new();
    let base = format!("http://{address}");
    let mut up = false;
    for _ in 0..200 {
        if client.get(format!("{base}/healthz")).send().await.is_ok_and(|r| r.status() == 200) {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(up, "the server started");

    // 1,100 connections from 127.0.0.2, each sending its request head a line at a time. Each one
    // is read on its own, so the moment the server closes it is seen.
    let started = Instant::now();
    let (mut writers, mut readers) = (Vec::new(), Vec::new());
    for _ in 0..1100 {
        let stream = connect_from([127, 0, 0, 2], &address).await.expect("connects");
        let (mut read, mut write) = stream.into_split();
        let _ = write.write_all(b"GET /c/demo HTTP/1.1\r\nHost: x\r\n").await;
        writers.push(write);
        readers.push(tokio::spawn(async move {
            let mut sent = Vec::new();
            let ended = tokio::time::timeout(Duration::from_secs(10), read.read_to_end(&mut sent));
            let closed = ended.await.is_ok().then(|| started.elapsed());
            (String::from_utf8_lossy(&sent).into_owned(), closed)
        }));
    }
    let trickle = tokio::spawn(async move {
        for _ in 0..3 {
            tokio::time::sleep(Duration::from_secs(1)).await;
            for stream in &mut writers {
                let _ = stream.write_all(b"X-Still-Here: yes\r\n").await;
            }
        }
        writers
    });

    // Meanwhile another client is served, at once.
    for path in ["/healthz", "/c/demo"] {
        let asked = Instant::now();
        let response = tokio::time::timeout(
            Duration::from_secs(2),
            reqwest::Client::new().get(format!("{base}{path}")).send(),
        )
        .await;
        let status = response.map(|r| r.map(|r| r.status().as_u16()));
        assert!(
            matches!(status, Ok(Ok(200))),
            "{path} answered within 2 s during the trickle: {status:?} after {:?}",
            asked.elapsed()
        );
    }

    // Past its share (256), the address was turned away at once: a quick 503 while at most 64
    // refusals are being written, closed past that. The connections it was allowed are closed
    // by the header timeout (4 s), never earlier, since they keep sending.
    let _writers = trickle.await.unwrap();
    let (mut refused, mut turned_away, mut timed_out) = (0, 0, 0);
    for reader in readers {
        let (reply, closed) = reader.await.unwrap();
        let closed = closed.unwrap_or_else(|| panic!("a trickling connection stayed open"));
        assert!(
            reply.is_empty() || is_busy_reply(&reply) || reply.starts_with("HTTP/1.1 408"),
            "a trickling connection got {reply:?}"
        );
        refused += usize::from(is_busy_reply(&reply));
        if closed < Duration::from_secs(3) {
            turned_away += 1;
        } else {
            timed_out += 1;
        }
    }
    assert!(started.elapsed() < Duration::from_secs(12), "closed in time: {:?}", started.elapsed());
    assert!(timed_out <= 256, "{timed_out} held until the header timeout, {turned_away} not");
    assert!(refused >= 64, "only {refused} of those turned away were told to come back later");

    let _ = child.kill();
    let _ = child.wait();
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(!log.contains("Too many open files"), "the server ran out of descriptors:\n{log}");
    assert!(log.contains("connection limits"), "the limits are logged at start:\n{log}");
}

#[tokio::test]
async fn an_address_past_its_connections_gets_a_quick_503_while_others_get_in() {
    let app = spawn_app_with(|c| c.connections_per_address = 2).await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let _first = connect_from([127, 0, 0, 3], &address).await.unwrap();
    let _second = connect_from([127, 0, 0, 3], &address).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;

    let mut third = connect_from([127, 0, 0, 3], &address).await.unwrap();
    third.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let reply = read_until_closed(&mut third, Duration::from_secs(2)).await;
    assert!(reply.as_deref().is_some_and(is_busy_reply), "{reply:?}");

    let mut elsewhere = connect_from([127, 0, 0, 4], &address).await.unwrap();
    elsewhere
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let reply = read_until_closed(&mut elsewhere, Duration::from_secs(2)).await;
    assert!(reply.as_deref().is_some_and(|r| r.starts_with("HTTP/1.1 200")), "{reply:?}");
}

#[tokio::test]
async fn a_half_sent_head_and_an_idle_keep_alive_connection_are_closed_after_the_timeout() {
    let app = spawn_app_with(|c| c.header_timeout_secs = 1).await;
    let address = app.address.trim_start_matches("http://").to_owned();

    let mut half = TcpStream::connect(&address).await.unwrap();
    half.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await.unwrap();

    let mut idle = TcpStream::connect(&address).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();

    let started = Instant::now();
    let half = read_until_closed(&mut half, Duration::from_secs(5)).await;
    assert!(half.as_deref().is_some_and(|r| !r.contains("200 OK")), "{half:?}");
    let idle = read_until_closed(&mut idle, Duration::from_secs(5)).await;
    assert!(idle.as_deref().is_some_and(|r| r.starts_with("HTTP/1.1 200")), "{idle:?}");
    assert!(started.elapsed() < Duration::from_secs(4), "closed after {:?}", started.elapsed());
}

#[tokio::test]
async fn past_the_requests_in_flight_pages_get_a_quick_503_and_answers_still_go_through() {
    let app = spawn_app_with(|c| c.requests_in_flight = 1).await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let post = |body_len: usize| {
        format!(
            "POST /c/nowhere/withdraw HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: \
             application/x-www-form-urlencoded\r\nContent-Length: {body_len}\r\n\r\n"
        )
    };
    let body = b"receipt=ABCD-EFGH-JKLM";

    // One request in flight: its body is half sent.
    let mut slow = TcpStream::connect(&address).await.unwrap();
    slow.write_all(post(body.len()).as_bytes()).await.unwrap();
    slow.write_all(&body[..5]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    let busy = app.get("/healthz").await;
    assert_eq!(busy.status(), 503);
    assert_eq!(busy.headers()["retry-after"], "5");

    let mut answer = TcpStream::connect(&address).await.unwrap();
    answer.write_all(post(body.len()).as_bytes()).await.unwrap();
    answer.write_all(body).await.unwrap();
    let reply = read_until_closed(&mut answer, Duration::from_secs(5)).await;
    assert!(
        reply.as_deref().is_some_and(|r| r.starts_with("HTTP/1.1 404")),
        "never shed: {reply:?}"
    );

    slow.write_all(&body[5..]).await.unwrap();
    let reply = read_until_closed(&mut slow, Duration::from_secs(5)).await;
    assert!(reply.as_deref().is_some_and(|r| r.starts_with("HTTP/1.1 404")), "{reply:?}");
    assert_eq!(app.get("/healthz").await.status(), 200, "served again once it finished");
}
