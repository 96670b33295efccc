//! Graceful shutdown (what SIGTERM triggers): requests in flight finish, new connections are
//! refused, and idle keep-alive connections do not hold the exit up.

use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{spawn_app, spawn_app_with};

/// Reads until the end of the response head.
async fn read_head(stream: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).await.expect("read") == 0 {
            break;
        }
        head.push(byte[0]);
    }
    String::from_utf8_lossy(&head).into_owned()
}

#[tokio::test]
async fn shutdown_finishes_requests_in_flight_refuses_new_ones_and_does_not_wait_for_idle_ones() {
    let mut app = spawn_app().await;
    let address = app.address.trim_start_matches("http://").to_owned();

    // An idle keep-alive connection: one request answered, then nothing.
    let mut idle = TcpStream::connect(&address).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    assert!(read_head(&mut idle).await.starts_with("HTTP/1.1 200"));

    // A request in flight: its body is half sent when the signal comes.
    let body = b"receipt=ABCD-EFGH-JKLM";
    let mut busy = TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST /c/nowhere/withdraw HTTP/1.1\r\nHost: x\r\nContent-Type: \
         application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    busy.write_all(head.as_bytes()).await.unwrap();
    busy.write_all(&body[..5]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    app.stop.take().unwrap().send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    assert!(TcpStream::connect(&address).await.is_err(), "no new connections");
    busy.write_all(&body[5..]).await.unwrap();
    let answered = read_head(&mut busy).await;
    assert!(
        answered.starts_with("HTTP/1.1 404"),
        "the request in flight got its answer: {answered}"
    );

    let exited = tokio::time::timeout(Duration::from_secs(5), &mut app.server).await;
    assert!(matches!(exited, Ok(Ok(Ok(())))), "exited cleanly and promptly: {exited:?}");
    // Only the earlier answer's body was left to read, then the end: the server closed it.
    let mut rest = Vec::new();
    idle.read_to_end(&mut rest).await.unwrap();
    assert_eq!(rest, b"ok", "the idle connection was closed");
}

#[tokio::test]
async fn a_request_that_never_ends_holds_the_exit_up_only_for_the_grace_period() {
    let mut app = spawn_app_with(|config| config.shutdown_grace_secs = 1).await;
    let address = app.address.trim_start_matches("http://").to_owned();

    // Promises a body it never sends: in flight until the 30 s request timeout.
    let mut stuck = TcpStream::connect(&address).await.unwrap();
    let head = "POST /c/nowhere/withdraw HTTP/1.1\r\nHost: x\r\nContent-Type: \
                application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nreceipt=";
    stuck.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    let signalled = std::time::Instant::now();
    app.stop.take().unwrap().send(()).unwrap();
    let exited = tokio::time::timeout(Duration::from_secs(5), &mut app.server).await;
    let waited = signalled.elapsed();

    assert!(matches!(exited, Ok(Ok(Ok(())))), "exited cleanly: {exited:?}");
    assert!(waited >= Duration::from_millis(900), "waited for the request first: {waited:?}");
    assert!(waited < Duration::from_secs(3), "then gave up on it: {waited:?}");
}
