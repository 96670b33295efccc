//! What operators watch at `/metrics`, in Prometheus' text format: counts and timings of the
//! whole service, never anything about a respondent. No label names an address, a receipt, a
//! text or a consultation; routes go by their template (`/c/{slug}`), methods and outcomes by
//! closed sets, so no client can grow the list of series.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::domain::moderation::QueueFilter;
use crate::storage::group_commit::WriterStats;
use crate::storage::{Db, held, moderation};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Request {
    pub route: String,
    pub method: &'static str,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Route {
    pub route: String,
    pub method: &'static str,
}

/// What became of an answer form that was sent.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub enum Answer {
    /// Stored and counted.
    Counted,
    /// Stored and held for moderators (`domain::integrity`).
    Held,
    /// The same form again: nothing more stored.
    Duplicate,
    /// Refused at the door: far too many from one address.
    Refused,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Outcome {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Lane {
    lane: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolState {
    state: &'static str,
}

type Histograms<L> = Family<L, Histogram, fn() -> Histogram>;

#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<Request, Counter>,
    latency: Histograms<Route>,
    answers: Family<Outcome, Counter>,
    queue: Family<Lane, Gauge>,
    pool: Family<PoolState, Gauge>,
    memory: Gauge,
}

/// From half a millisecond to about eight seconds, doubling.
fn seconds() -> Histogram {
    Histogram::new(exponential_buckets(0.0005, 2.0, 15))
}

impl Metrics {
    pub fn new(writer: &WriterStats) -> Self {
        let mut registry = Registry::with_prefix("yc");
        let requests = Family::<Request, Counter>::default();
        let latency: Histograms<Route> = Family::new_with_constructor(seconds);
        let answers = Family::<Outcome, Counter>::default();
        let queue = Family::<Lane, Gauge>::default();
        let pool = Family::<PoolState, Gauge>::default();
        let memory = Gauge::default();
        registry.register(
            "http_requests",
            "Requests answered, by route, method and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer a request",
            latency.clone(),
        );
        registry.register("answers", "Answer forms sent, by what became of them", answers.clone());
        registry.register(
            "writer_batch_responses",
            "Responses stored per group commit",
            writer.batch_size.clone(),
        );
        registry.register(
            "writer_commit_seconds",
            "Time to store and commit one group",
            writer.commit_seconds.clone(),
        );
        registry.register(
            "moderation_queue_answers",
            "Answers waiting: pending review, or held as suspect",
            queue.clone(),
        );
        registry.register("db_connections", "Database connections, busy or idle", pool.clone());
        registry.register(
            "process_resident_memory_bytes",
            "Resident memory of the server",
            memory.clone(),
        );
        Self { registry, requests, latency, answers, queue, pool, memory }
    }

    pub fn request(&self, route: &str, method: &axum::http::Method, status: u16, secs: f64) {
        let method = match *method {
            axum::http::Method::GET => "GET",
            axum::http::Method::HEAD => "HEAD",
            axum::http::Method::POST => "POST",
            _ => "other",
        };
        let route = route.to_owned();
        self.latency.get_or_create(&Route { route: route.clone(), method }).observe(secs);
        self.requests.get_or_create(&Request { route, method, status }).inc();
    }

    pub fn answer(&self, answer: Answer) {
        let outcome = match answer {
            Answer::Counted => "counted",
            Answer::Held => "held",
            Answer::Duplicate => "duplicate",
            Answer::Refused => "refused",
        };
        self.answers.get_or_create(&Outcome { outcome }).inc();
    }

    /// The text Prometheus scrapes, with the gauges read now.
    pub async fn render(&self, db: &Db) -> Result<String, sqlx::Error> {
        let pending = moderation::counts(db, &QueueFilter::default()).await?.pending;
        self.queue.get_or_create(&Lane { lane: "pending" }).set(pending);
        let held = held::count(db, None).await?;
        self.queue.get_or_create(&Lane { lane: "held" }).set(held as i64);
        let (size, idle) = (db.size() as i64, db.num_idle() as i64);
        self.pool.get_or_create(&PoolState { state: "busy" }).set(size - idle);
        self.pool.get_or_create(&PoolState { state: "idle" }).set(idle);
        if let Some(bytes) = resident_bytes() {
            self.memory.set(bytes);
        }
        let mut text = String::new();
        prometheus_client::encoding::prometheus_text::encode(&mut text, &self.registry)
            .expect("writing to a String cannot fail");
        Ok(text)
    }
}

/// Resident set size from `/proc/self/statm` (Linux; elsewhere the gauge stays at 0).
fn resident_bytes() -> Option<i64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: i64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}
