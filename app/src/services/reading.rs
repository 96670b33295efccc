//! Reading free text for meaning (the safeguarding detector's encoder) costs milliseconds of CPU
//! an answer, so one thread does it, below the priority of serving pages. When it is free, an
//! answer is read before it is stored, and a young person whose words may disclose harm sees
//! urgent help first. When it is busy (a school's burst, a flood), the answer is stored at once,
//! marked as awaiting, and the thread reads it as soon as it is free: never skipped, and found
//! again after a restart (`storage::reading`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::time::Duration;
use tokio::sync::{Notify, oneshot};

use crate::domain::safeguarding::{Detector, Reading};
use crate::domain::submission::Submission;
use crate::storage::Db;
use crate::storage::reading::{self, Awaiting};

/// Jobs waiting beside the one being read: none. A job is handed over only when the thread is
/// idle, so an arriving answer never waits behind another's reading (under load, niced, it would
/// wait long): busy, the answer is stored awaiting instead.
const WAITING: usize = 0;
/// Stored answers read in one job: small, so an arriving answer is not kept waiting behind many.
const STORED_PER_JOB: u32 = 4;
/// The thread's nice value: a burst's pages are served first, the reading catches up after.
const NICENESS: i32 = 10;

enum Job {
    /// An answer not yet stored: back with its flags and its texts' embeddings (dropped
    /// unanswered if reading failed).
    Arriving { submission: Submission, done: oneshot::Sender<(Submission, Vec<Vec<f32>>)> },
    /// Answers stored awaiting meaning: what was found in each.
    Stored { texts: Vec<String>, done: oneshot::Sender<Vec<Reading>> },
}

/// What became of an answer sent to be read before it is stored.
pub enum Read {
    /// Read: its flags are set; its free-text answers' embeddings, in order.
    Now(Submission, Vec<Vec<f32>>),
    /// The reader is busy: store it as awaiting meaning.
    Later(Submission),
}

/// The handle to the reading thread; cloning it shares the one thread.
#[derive(Clone, Debug)]
pub struct Reader {
    jobs: SyncSender<Job>,
    /// Told when answers were stored awaiting meaning.
    stored: Arc<Notify>,
}

impl Reader {
    /// Starts the reading thread, and the task that feeds it what was stored awaiting meaning;
    /// none when the detector cannot read for meaning (the encoder is not installed).
    pub fn start(detector: Arc<Detector>, db: Db) -> Option<Self> {
        detector.meaning()?;
        let (jobs, queue) = sync_channel(WAITING);
        std::thread::Builder::new()
            .name("reading".into())
            .spawn(move || read(&detector, &queue))
            .expect("starting the reading thread");
        let reader = Self { jobs, stored: Arc::default() };
        tokio::spawn(read_stored(db, reader.clone()));
        Some(reader)
    }

    /// Reads an arriving answer's text that no rule flagged, if the thread is free.
    pub async fn read(&self, submission: Submission) -> Read {
        let unread = submission.clone();
        let (done, read) = oneshot::channel();
        if self.jobs.try_send(Job::Arriving { submission, done }).is_err() {
            return Read::Later(unread);
        }
        match read.await {
            Ok((read, vectors)) => Read::Now(read, vectors),
            Err(_) => Read::Later(unread),
        }
    }

    /// Answers were stored awaiting meaning.
    pub fn stored(&self) {
        self.stored.notify_one();
    }
}

/// The reading thread: one job at a time, until the server stops.
fn read(detector: &Detector, queue: &Receiver<Job>) {
    lower_priority();
    while let Ok(job) = queue.recv() {
        // A failure drops the job's answer channel: an arriving answer is then stored awaiting,
        // and stored ones are tried again.
        let read = catch_unwind(AssertUnwindSafe(|| match job {
            Job::Arriving { mut submission, done } => {
                let vectors = submission.read_meaning(detector);
                let _ = done.send((submission, vectors));
            }
            Job::Stored { texts, done } => {
                let read =
                    texts.iter().map(|t| detector.read_meaning(t).unwrap_or_default()).collect();
                let _ = done.send(read);
            }
        }));
        if read.is_err() {
            tracing::error!("reading for meaning failed");
        }
    }
}

fn lower_priority() {
    // SAFETY: setpriority only reads its arguments; on Linux, PRIO_PROCESS with 0 is the calling
    // thread alone (setpriority(2), NOTES).
    #[cfg(target_os = "linux")]
    if unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, NICENESS) } != 0 {
        tracing::warn!("could not lower the reading thread's priority");
    }
}

/// Feeds the thread the answers stored awaiting meaning, oldest first, whenever it has room;
/// waits to be told of more (or a minute, in case) when none is left.
async fn read_stored(db: Db, reader: Reader) {
    loop {
        match read_some_stored(&db, &reader).await {
            Ok(0) => {
                let _ =
                    tokio::time::timeout(Duration::from_secs(60), reader.stored.notified()).await;
            }
            Ok(_) => {}
            Err(error) => {
                tracing::warn!(%error, "reading stored answers for meaning; trying again");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// Reads one job's worth of stored answers; how many.
async fn read_some_stored(db: &Db, reader: &Reader) -> Result<usize, sqlx::Error> {
    let awaiting: Vec<Awaiting> = reading::awaiting(db, STORED_PER_JOB).await?;
    if awaiting.is_empty() {
        return Ok(0);
    }
    let (done, found) = oneshot::channel();
    let mut job = Job::Stored { texts: awaiting.iter().map(|a| a.text.clone()).collect(), done };
    // Arriving answers take the room first; this waits its turn.
    loop {
        match reader.jobs.try_send(job) {
            Ok(()) => break,
            Err(TrySendError::Full(back)) => {
                job = back;
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            Err(TrySendError::Disconnected(_)) => return Err(sqlx::Error::WorkerCrashed),
        }
    }
    let read = found.await.map_err(|_| sqlx::Error::WorkerCrashed)?;
    let n = awaiting.len();
    reading::record(db, &awaiting.into_iter().zip(read).collect::<Vec<_>>()).await?;
    Ok(n)
}
