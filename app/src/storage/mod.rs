//! All SQL lives here, in small functions that take a pool or a transaction. One portable
//! dialect (`$n` parameters, BIGINT ids made by the application, Unix-second times) runs on
//! SQLite and PostgreSQL through sqlx's `Any` driver.

pub mod audit;
pub mod briefs;
pub mod consultations;
pub mod group_commit;
pub mod held;
mod ids;
pub mod live;
pub mod moderation;
pub mod near_copies;
pub mod partners;
pub mod reading;
pub mod responses;
pub mod retention;
pub mod sessions;
pub mod settings;
pub mod staff;
pub mod summary;
pub mod themes;
pub mod translations;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Connection, Executor, Transaction};
use std::str::FromStr;
use std::time::Duration;

pub type Db = AnyPool;

pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let sqlite = url.starts_with("sqlite:");
    let url = if sqlite && !url.contains("mode=") {
        // Created on first start: zero set-up.
        create_parent_dir(url)?;
        format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
    } else {
        url.to_owned()
    };
    let options = AnyConnectOptions::from_str(&url)?;
    AnyPoolOptions::new()
        .max_connections(if sqlite { 8 } else { 16 })
        .acquire_timeout(Duration::from_secs(10))
        // A transaction whose end failed can leave a connection inside it (SQLite rolls back by
        // itself on a full disk, so sqlx's own ROLLBACK fails and it still counts one open); its
        // next "commit" would only release a savepoint and every answer after it would be lost.
        // Such a connection is closed, never handed out again.
        .before_acquire(|conn, _| Box::pin(async move { Ok(!conn.is_in_transaction()) }))
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if sqlite {
                    // WAL lets readers run beside the writer; FULL makes an acknowledged answer
                    // survive a power cut, not only a crash of this process; secure_delete
                    // zeroes what a redaction or withdrawal removed instead of leaving it in
                    // free space.
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                         PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                         PRAGMA secure_delete = ON;",
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await
}

/// The connection the group-commit writer keeps (`held`, taken from the pool when empty), so its
/// page cache and prepared statements carry over from one batch to the next. On SQLite its
/// statement journals (the pages a statement changed, kept in case it must be undone) stay in
/// memory instead of a temporary file (+15 % answers/s), and it copies the write-ahead log into the
/// database every 4,000 pages (16 MiB) instead of 1,000: a page written by many batches in between
/// is copied once (+11 %; the log stays under 20 MiB, a copy holds a batch up to ~60 ms). Its page
/// cache is 16 MiB, not SQLite's 2 MiB (+10 % answers/s while the near-copy bands were written to
/// an index at random places; since they are kept in memory, runs with and without it differ by
/// less than their noise, ±15 %).
pub async fn writer_connection<'c>(
    db: &Db,
    held: &'c mut Option<PoolConnection<Any>>,
) -> Result<&'c mut AnyConnection, sqlx::Error> {
    if let Some(conn) = held {
        return Ok(conn);
    }
    let mut conn = db.acquire().await?;
    if is_sqlite(db) {
        conn.execute(
            "PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 4000; \
             PRAGMA cache_size = -16384;",
        )
        .await?;
    }
    Ok(held.insert(conn))
}

pub async fn migrate(db: &Db) -> Result<(), sqlx::migrate::MigrateError> {
    sqlx::migrate!("../migrations").run(db).await
}

/// After text was overwritten: SQLite's write-ahead log still holds the pages as they were when
/// the answer arrived, so copy it into the database and empty it. Best effort: a reader that is
/// still open keeps the log until the next checkpoint.
pub async fn forget_overwritten(db: &Db) {
    if !is_sqlite(db) {
        return;
    }
    if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(db).await {
        tracing::warn!(%error, "could not checkpoint the write-ahead log");
    }
}

fn is_sqlite(db: &Db) -> bool {
    db.connect_options().database_url.scheme() == "sqlite"
}

/// A transaction that writes. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`),
/// waiting its turn behind another writer: begun as a read, it fails at its first write when
/// another connection has committed since (SQLITE_BUSY_SNAPSHOT, without waiting), as the
/// answers' writer did beside the reading thread's writes under load.
pub async fn begin_write(db: &Db) -> Result<Transaction<'static, Any>, sqlx::Error> {
    db.begin_with(begin_statement(is_sqlite(db))).await
}

/// The same, on a connection of one's own.
pub async fn begin_write_on(conn: &mut AnyConnection) -> Result<Transaction<'_, Any>, sqlx::Error> {
    let sqlite = conn.backend_name() == "SQLite";
    conn.begin_with(begin_statement(sqlite)).await
}

fn begin_statement(sqlite: bool) -> &'static str {
    if sqlite { "BEGIN IMMEDIATE" } else { "BEGIN" }
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "this command copies SQLite databases; back up PostgreSQL with pg_dump (see the README)"
    )]
    NotSqlite,
    #[error("{0} already exists: choose a new file, a backup never overwrites one")]
    Exists(std::path::PathBuf),
    #[error("write the backup's path in UTF-8")]
    NotUtf8,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// A consistent copy of a live SQLite database, taken in one read transaction (`VACUUM INTO`)
/// while the server keeps reading and writing. Restoring is starting the server on the copy.
pub async fn backup(db: &Db, to: &std::path::Path) -> Result<(), BackupError> {
    if !is_sqlite(db) {
        return Err(BackupError::NotSqlite);
    }
    if to.exists() {
        return Err(BackupError::Exists(to.to_owned()));
    }
    let path = to.to_str().ok_or(BackupError::NotUtf8)?;
    sqlx::query("VACUUM INTO $1").bind(path).execute(db).await?;
    Ok(())
}

pub async fn ping(db: &Db) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1").execute(db).await.map(|_| ())
}

/// Random, so ids reveal neither order nor count of answers.
pub fn new_id() -> i64 {
    rand::random::<i64>() & i64::MAX
}

/// Ids for `n` rows written together: neighbours from a random start, handed out shuffled.
/// Fully random ids put every row of a group commit on a page of its own in each index, so a
/// commit wrote megabytes; these land on a few pages. Across batches they still reveal neither
/// order nor count, and within one not the order, only that the rows arrived together (SQLite's
/// hidden rowid records the order of every row anyway).
pub fn new_ids(n: usize) -> Vec<i64> {
    use rand::seq::SliceRandom;
    let start = rand::random_range(0..i64::MAX - n as i64);
    let mut ids: Vec<i64> = (start..start + n as i64).collect();
    ids.shuffle(&mut rand::rng());
    ids
}

/// `sqlite://data/x.db?mode=rwc` → make sure `data/` exists.
fn create_parent_dir(url: &str) -> Result<(), sqlx::Error> {
    let path = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    match std::path::Path::new(path).parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::new_ids;

    #[test]
    fn ids_for_a_batch_are_neighbours_in_no_particular_order() {
        let ids = new_ids(500);
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert!(sorted.windows(2).all(|w| w[1] == w[0] + 1), "neighbours");
        assert!(sorted[0] >= 0);
        assert_ne!(ids, sorted, "shuffled");
        assert_ne!(new_ids(500)[0..5], ids[0..5], "each batch starts elsewhere");
    }
}
