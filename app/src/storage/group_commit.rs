//! Group commit: every request's response goes to one queue; a writer task takes whatever has
//! arrived meanwhile and stores it in one transaction. A synced commit costs about as much for a
//! hundred responses as for one, so this is what lets thousands of young people answer in the
//! same second. Each request is answered only after the commit that holds its response.

use std::sync::Arc;
use tokio::sync::{Mutex, mpsc, oneshot};

use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use sqlx::Any;
use sqlx::pool::PoolConnection;

use super::near_copies::Bands;
use super::responses::{self, NewResponse, Stored};
use super::{Db, is_sqlite, writer_connection};

/// Responses in one transaction at most; more wait for the next one.
const MAX_BATCH: usize = 256;
/// Requests waiting beyond this wait to be queued (back-pressure, not an error).
const QUEUE: usize = 4 * MAX_BATCH;

struct Job {
    response: NewResponse,
    done: oneshot::Sender<Result<Stored, sqlx::Error>>,
}

/// The handle requests store responses through; cloning it shares the one writer.
#[derive(Clone, Debug)]
pub struct ResponseWriter {
    jobs: mpsc::Sender<Job>,
    pub stats: WriterStats,
}

/// How the writer is doing, for `/metrics`: the size of each group it committed, and how long
/// storing and committing it took.
#[derive(Clone, Debug)]
pub struct WriterStats {
    pub batch_size: Histogram,
    pub commit_seconds: Histogram,
}

impl Default for WriterStats {
    fn default() -> Self {
        Self {
            batch_size: Histogram::new(exponential_buckets(1.0, 2.0, 9)), // 1 to MAX_BATCH
            commit_seconds: Histogram::new(exponential_buckets(0.0005, 2.0, 15)),
        }
    }
}

impl ResponseWriter {
    /// Starts the writer tasks on the current Tokio runtime; they end when every handle is gone.
    pub fn start(db: Db) -> Self {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let queue = Arc::new(Mutex::new(queue));
        let stats = WriterStats::default();
        let bands = Arc::new(Bands::default());
        for _ in 0..writers(&db) {
            tokio::spawn(write(db.clone(), queue.clone(), stats.clone(), bands.clone()));
        }
        Self { jobs, stats }
    }

    /// Stores one response with all its answers, or none of it; returns once it is committed.
    pub async fn store(&self, response: NewResponse) -> Result<Stored, sqlx::Error> {
        let (done, stored) = oneshot::channel();
        self.jobs.send(Job { response, done }).await.map_err(|_| sqlx::Error::WorkerCrashed)?;
        stored.await.map_err(|_| sqlx::Error::WorkerCrashed)?
    }
}

/// SQLite lets one connection write at a time. PostgreSQL commits in parallel, so while one batch
/// waits for its commit to reach the disk a second writer stores the next (+10 % answers/s; they
/// take the rows of `choice_counts` in one order, see `responses::count_in`). More than two only
/// shared the same two cores.
fn writers(db: &Db) -> usize {
    if is_sqlite(db) { 1 } else { 2 }
}

/// Each writer takes whatever has arrived when it is free, and keeps one connection, so its page
/// cache stays warm from one batch to the next (a connection taken from the pool each time would
/// often be another one, its cache cold).
async fn write(
    db: Db,
    queue: Arc<Mutex<mpsc::Receiver<Job>>>,
    stats: WriterStats,
    bands: Arc<Bands>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut held: Option<PoolConnection<Any>> = None;
    while queue.lock().await.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let responses: Vec<&NewResponse> = batch.iter().map(|j| &j.response).collect();
        let started = std::time::Instant::now();
        let stored = match writer_connection(&db, &mut held).await {
            Ok(conn) => responses::insert_batch(conn, &bands, &responses).await,
            Err(error) => Err(error),
        };
        if stored.is_err() {
            // It may be broken: the next batch takes another (and the pool closes it if it is
            // left inside a transaction, `storage::connect`).
            held = None;
        }
        tracing::debug!(responses = batch.len(), elapsed = ?started.elapsed(), "batch written");
        match stored {
            Ok(stored) => {
                stats.batch_size.observe(batch.len() as f64);
                stats.commit_seconds.observe(started.elapsed().as_secs_f64());
                for (job, stored) in batch.drain(..).zip(stored) {
                    let _ = job.done.send(Ok(stored));
                }
            }
            // One response the database refuses must not sink the others (and a failed statement
            // aborts a PostgreSQL transaction): store each alone, each with its own outcome.
            Err(error) => {
                tracing::warn!(%error, responses = batch.len(), "batch refused; storing one by one");
                for job in batch.drain(..) {
                    let _ = job.done.send(responses::insert(&db, &bands, &job.response).await);
                }
            }
        }
    }
}
