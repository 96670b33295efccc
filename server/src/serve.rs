//! Serving connections, with our own accept loop: `axum::serve` has no header-read timeout and no
//! cap on connections, so one address trickling its headers a line every few seconds could hold
//! every file descriptor, and then no one is served.
//!
//! - A connection must send a whole request head within `header_timeout`; a keep-alive connection
//!   that sends nothing for as long is closed too.
//! - Each address (a keyed hash, in memory only) may hold `per_address` connections, all of them
//!   together `total`, which sits below the descriptor limit. Past either, the connection gets a
//!   quick 503 with `Retry-After` and is closed. Our own reverse proxies (`TrustedProxies`) carry
//!   everyone's connections, so only the total holds them.
//! - At most `in_flight` requests run at once; past that, reading requests get a quick 503. An
//!   answer being sent is never shed: it carries what a young person typed, and the connection caps
//!   bound such requests anyway (one at a time per connection).

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::domain::integrity::bursts::AddressKey;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode, header};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tower::ServiceExt;

use crate::client::{ClientAddress, TrustedProxies};
use crate::headers::Security;

/// Descriptors kept back from connections: the database, the log, refusals being written.
const RESERVED_DESCRIPTORS: u64 = 128;
/// Refusals written at once; past this, a connection over a cap is closed without one.
const REFUSING_AT_ONCE: usize = 64;
/// What a refused client is told to wait, in seconds.
const RETRY_AFTER: &str = "5";
const BUSY: &str = "This site is busy. Please try again in a few seconds.\n";

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub per_address: usize,
    pub total: usize,
    pub in_flight: usize,
    pub header_timeout: Duration,
}

impl Limits {
    /// Raises the soft descriptor limit to the hard one (often 1,024 soft of 524,288 hard) and
    /// keeps the connections below it, so `accept` never runs out.
    pub fn for_this_process(
        per_address: usize,
        in_flight: usize,
        header_timeout: Duration,
    ) -> Self {
        let descriptors = rlimit::increase_nofile_limit(u64::MAX).unwrap_or_else(|error| {
            tracing::warn!(%error, "raising the descriptor limit");
            rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(1024, |(soft, _)| soft)
        });
        let total = descriptors.saturating_sub(RESERVED_DESCRIPTORS).max(16) as usize;
        let limits = Self {
            per_address: per_address.clamp(1, total),
            total,
            in_flight: in_flight.max(1),
            header_timeout,
        };
        tracing::info!(
            descriptors,
            connections = limits.total,
            per_address = limits.per_address,
            in_flight = limits.in_flight,
            "connection limits"
        );
        limits
    }
}

/// Serves `router` on `listener` until `shutdown`, then lets requests in flight finish (idle
/// connections close at once) for at most `grace`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    security: Security,
    proxies: Arc<TrustedProxies>,
    shutdown: impl Future<Output = ()>,
    grace: Duration,
) -> io::Result<()> {
    let gate = Arc::new(Gate::new(limits));
    let refusing = Arc::new(Semaphore::new(REFUSING_AT_ONCE));
    let in_flight = Arc::new(Semaphore::new(limits.in_flight));
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    // The timer also ends a keep-alive connection that sends no next request in time.
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    accept_failed(error).await;
                    continue;
                }
            },
        };
        let Some(admitted) = gate.admit(peer.ip(), proxies.trusts(peer.ip())) else {
            if let Ok(permit) = refusing.clone().try_acquire_owned() {
                tokio::spawn(async move {
                    refuse(stream, security).await;
                    drop(permit);
                });
            }
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = hyper::service::service_fn({
            let (router, in_flight, proxies) = (router.clone(), in_flight.clone(), proxies.clone());
            move |request: Request<Incoming>| {
                let client = ClientAddress(proxies.client(peer.ip(), request.headers()));
                handle(router.clone(), in_flight.clone(), security, client, request)
            }
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended");
            }
            drop(admitted);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(grace) => {
            tracing::warn!("requests still running after the shutdown grace period; exiting");
        }
    }
    Ok(())
}

async fn handle(
    router: Router,
    in_flight: Arc<Semaphore>,
    security: Security,
    client: ClientAddress,
    mut request: Request<Incoming>,
) -> Result<Response<Body>, std::convert::Infallible> {
    let permit = in_flight.try_acquire_owned().ok();
    if permit.is_none() && request.method() != Method::POST {
        return Ok(busy(security));
    }
    request.extensions_mut().insert(client);
    let response = router.oneshot(request).await;
    drop(permit);
    response
}

fn busy(security: Security) -> Response<Body> {
    let mut response = Response::new(Body::from(BUSY));
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    *response.headers_mut() = busy_headers(security);
    response
}

fn busy_headers(security: Security) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER));
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    security.apply(&mut headers);
    headers
}

/// A connection over a cap: the same 503 written by hand (no HTTP machinery, no router), closed.
async fn refuse(mut stream: TcpStream, security: Security) {
    let mut reply = b"HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\n".to_vec();
    for (name, value) in &busy_headers(security) {
        reply.extend_from_slice(
            &[name.as_str().as_bytes(), b": ", value.as_bytes(), b"\r\n"].concat(),
        );
    }
    reply.extend_from_slice(format!("content-length: {}\r\n\r\n{BUSY}", BUSY.len()).as_bytes());
    let exchange = async {
        // Read what the client sent first: closing with it unread would reset the connection
        // before the client reads the reply.
        let mut sent = [0u8; 4096];
        let _ = tokio::time::timeout(Duration::from_millis(200), stream.read(&mut sent)).await;
        stream.write_all(&reply).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), exchange).await;
}

async fn accept_failed(error: io::Error) {
    use io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(error.kind(), ConnectionAborted | ConnectionRefused | ConnectionReset) {
        return; // that one connection is gone; the next may be fine
    }
    // Out of descriptors or memory: wait for connections to end instead of spinning.
    tracing::warn!(%error, "accepting a connection");
    tokio::time::sleep(Duration::from_millis(50)).await;
}

/// Open connections, counted per address and in all.
struct Gate {
    limits: Limits,
    /// Made at start, never stored: the counts cannot be matched to an address afterwards.
    secret: [u8; 32],
    open: Mutex<Open>,
}

#[derive(Default)]
struct Open {
    total: usize,
    by_address: HashMap<AddressKey, usize>,
}

/// One admitted connection; dropping it frees its place.
struct Admitted {
    gate: Arc<Gate>,
    address: AddressKey,
}

impl Gate {
    fn new(limits: Limits) -> Self {
        Self { limits, secret: rand::random(), open: Mutex::default() }
    }

    fn open(&self) -> std::sync::MutexGuard<'_, Open> {
        self.open.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `proxy`: the connection is one of our reverse proxies', shared by everyone behind it.
    fn admit(self: &Arc<Self>, ip: IpAddr, proxy: bool) -> Option<Admitted> {
        let address = AddressKey::of(ip, &self.secret);
        let mut open = self.open();
        let from_address = open.by_address.get(&address).copied().unwrap_or(0);
        let over_share = !proxy && from_address >= self.limits.per_address;
        if open.total >= self.limits.total || over_share {
            return None;
        }
        open.total += 1;
        open.by_address.insert(address, from_address + 1);
        Some(Admitted { gate: self.clone(), address })
    }
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut open = self.gate.open();
        open.total -= 1;
        // Addresses with nothing open are forgotten, so the map holds only what is open.
        if let Some(n) = open.by_address.get_mut(&self.address) {
            *n -= 1;
            if *n == 0 {
                open.by_address.remove(&self.address);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn gate(per_address: usize, total: usize) -> Arc<Gate> {
        Arc::new(Gate::new(Limits {
            per_address,
            total,
            in_flight: 1,
            header_timeout: Duration::from_secs(1),
        }))
    }

    fn v4(last: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(192, 0, 2, last))
    }

    #[test]
    fn an_address_holds_at_most_its_share_and_others_still_get_in() {
        let gate = gate(3, 100);
        let held: Vec<_> =
            (0..3).map(|_| gate.admit(v4(1), false).expect("within its share")).collect();
        assert!(gate.admit(v4(1), false).is_none());
        assert!(gate.admit(v4(2), false).is_some());
        drop(held);
        assert!(gate.admit(v4(1), false).is_some(), "places come back when connections end");
    }

    #[test]
    fn all_addresses_together_stay_under_the_total() {
        let gate = gate(10, 4);
        let held: Vec<_> =
            (1..=4).map(|i| gate.admit(v4(i), false).expect("under the total")).collect();
        assert!(gate.admit(v4(9), false).is_none());
        drop(held);
        assert!(gate.admit(v4(9), false).is_some());
    }

    #[test]
    fn a_whole_ipv6_64_is_one_address() {
        let gate = gate(1, 100);
        let one = |last| IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 1, 0, 0, 0, last));
        let _held = gate.admit(one(1), false).expect("first");
        assert!(gate.admit(one(2), false).is_none(), "another address in the same /64");
        assert!(
            gate.admit(IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 2, 0, 0, 0, 1)), false).is_some()
        );
    }

    #[test]
    fn our_proxy_holds_everyone_s_connections_within_the_total() {
        let gate = gate(2, 5);
        let held: Vec<_> = (0..5).map(|_| gate.admit(v4(1), true).expect("a proxy")).collect();
        assert!(gate.admit(v4(1), true).is_none(), "the total still holds");
        drop(held);
    }

    #[test]
    fn addresses_with_nothing_open_are_forgotten() {
        let gate = gate(5, 100);
        for i in 0..50 {
            drop(gate.admit(v4(i), false));
        }
        let open = gate.open();
        assert_eq!((open.total, open.by_address.len()), (0, 0));
    }
}
