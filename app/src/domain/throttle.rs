//! Repeated failed sign-ins slow down guessing: after a few failures in one bucket, further
//! attempts in it wait. Buckets are an account tried from browsers it does not know, one client
//! address (a keyed hash), or one browser the account signed in from before (OWASP's device
//! cookies), so guesses from elsewhere never lock the real person out of their own browser.
//! Kept in memory only, and bounded.

use std::collections::HashMap;

use super::lifecycle::UnixTime;

pub const MAX_FAILURES: usize = 5;
pub const WINDOW_SECS: i64 = 15 * 60;
/// Buckets kept at most; past it the quiet ones go first. Each is a few dozen bytes, so a flood
/// of made-up e-mail addresses or addresses cannot grow the map without end.
pub const MAX_BUCKETS: usize = 10_000;

/// Where failures are counted. Clients and devices are keyed hashes, never an address.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Bucket {
    /// An account, tried from a browser it has not signed in from.
    Account(String),
    /// A client address (keyed hash).
    Client(String),
    /// A browser the account signed in from before (the device cookie's nonce).
    Device(String),
}

/// An attempt let through: its failure is already counted in every bucket, so attempts sent at
/// once cannot all pass the check before any of them fails. Success takes it back.
#[derive(Debug, PartialEq, Eq)]
#[must_use = "a let-through attempt is counted as failed until it succeeds"]
pub struct Attempt {
    buckets: Vec<Bucket>,
    at: UnixTime,
}

#[derive(Debug, Default)]
pub struct Throttle {
    failures: HashMap<Bucket, Vec<UnixTime>>,
}

impl Throttle {
    /// Checks every bucket and counts the attempt as failed in each, in one step; `Err(minutes)`
    /// to wait when one of them failed too often within the window.
    pub fn admit(&mut self, buckets: Vec<Bucket>, now: UnixTime) -> Result<Attempt, i64> {
        if let Some(minutes) = buckets.iter().filter_map(|b| self.wait_minutes(b, now)).max() {
            return Err(minutes);
        }
        for bucket in &buckets {
            self.fail(bucket, now);
        }
        self.keep_bounded(now);
        Ok(Attempt { buckets, at: now })
    }

    /// The attempt's step succeeded: its failure is taken back. It stays counted when it failed.
    pub fn forgive(&mut self, attempt: &Attempt) {
        for bucket in &attempt.buckets {
            if let Some(times) = self.failures.get_mut(bucket)
                && let Some(i) = times.iter().position(|t| *t == attempt.at)
            {
                times.swap_remove(i);
            }
        }
    }

    /// Signed in: the account's and the browser's earlier failures are forgiven too (not the
    /// address's, which others may share).
    pub fn signed_in(&mut self, attempt: &Attempt) {
        self.forgive(attempt);
        for bucket in &attempt.buckets {
            if !matches!(bucket, Bucket::Client(_)) {
                self.failures.remove(bucket);
            }
        }
    }

    pub fn buckets(&self) -> usize {
        self.failures.len()
    }

    fn wait_minutes(&self, bucket: &Bucket, now: UnixTime) -> Option<i64> {
        let recent: Vec<UnixTime> = self.recent(bucket, now).collect();
        if recent.len() < MAX_FAILURES {
            return None;
        }
        let oldest = recent.iter().min().copied().unwrap_or(now);
        Some((oldest + WINDOW_SECS - now + 59) / 60)
    }

    fn fail(&mut self, bucket: &Bucket, now: UnixTime) {
        let kept: Vec<UnixTime> = self.recent(bucket, now).chain([now]).collect();
        self.failures.insert(bucket.clone(), kept);
    }

    /// Past the bound, forgets buckets with nothing in the window; if that is not enough (a flood
    /// within the window), the buckets whose last failure is oldest, down to nine tenths.
    fn keep_bounded(&mut self, now: UnixTime) {
        if self.failures.len() <= MAX_BUCKETS {
            return;
        }
        self.failures.retain(|_, times| times.iter().any(|t| now - t < WINDOW_SECS));
        if self.failures.len() <= MAX_BUCKETS {
            return;
        }
        let mut last: Vec<(UnixTime, Bucket)> = self
            .failures
            .iter()
            .map(|(bucket, times)| (times.iter().copied().max().unwrap_or(0), bucket.clone()))
            .collect();
        last.sort_unstable_by_key(|(t, _)| *t);
        let excess = self.failures.len() - MAX_BUCKETS * 9 / 10;
        for (_, bucket) in last.into_iter().take(excess) {
            self.failures.remove(&bucket);
        }
    }

    fn recent(&self, bucket: &Bucket, now: UnixTime) -> impl Iterator<Item = UnixTime> + '_ {
        self.failures
            .get(bucket)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |t| now - t < WINDOW_SECS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ana() -> Bucket {
        Bucket::Account("ana@example.org".into())
    }

    fn client(name: &str) -> Bucket {
        Bucket::Client(name.into())
    }

    /// `n` attempts that fail.
    fn fail(t: &mut Throttle, buckets: &[Bucket], n: usize, at: UnixTime) {
        for _ in 0..n {
            let _failed = t.admit(buckets.to_vec(), at).expect("let through");
        }
    }

    #[test]
    fn a_few_failures_are_allowed() {
        let mut t = Throttle::default();
        fail(&mut t, &[ana()], MAX_FAILURES - 1, 100);
        assert!(t.admit(vec![ana()], 200).is_ok());
    }

    #[test]
    fn too_many_failures_wait_until_the_oldest_leaves_the_window() {
        let mut t = Throttle::default();
        fail(&mut t, &[ana()], MAX_FAILURES, 1000);
        assert_eq!(t.admit(vec![ana()], 1000), Err(15));
        assert_eq!(t.admit(vec![ana()], 1000 + 10 * 60), Err(5));
        assert!(t.admit(vec![ana()], 1000 + WINDOW_SECS).is_ok());
        assert!(t.admit(vec![client("bob")], 1000).is_ok(), "other buckets are not affected");
    }

    #[test]
    fn attempts_sent_at_once_are_counted_before_any_of_them_is_checked() {
        let mut t = Throttle::default();
        let let_through: Vec<Attempt> =
            (0..20).filter_map(|_| t.admit(vec![ana(), client("x")], 1000).ok()).collect();
        assert_eq!(let_through.len(), MAX_FAILURES);
    }

    #[test]
    fn a_success_takes_back_its_own_failure_only() {
        let mut t = Throttle::default();
        fail(&mut t, &[ana()], MAX_FAILURES - 1, 1000);
        let attempt = t.admit(vec![ana()], 1001).unwrap();
        t.forgive(&attempt);
        assert!(t.admit(vec![ana()], 1002).is_ok(), "four failures and this one");
        assert!(t.admit(vec![ana()], 1003).is_err());
    }

    #[test]
    fn signing_in_clears_the_account_but_not_the_shared_address() {
        let mut t = Throttle::default();
        fail(&mut t, &[ana(), client("school")], MAX_FAILURES - 1, 1000);
        let attempt = t.admit(vec![ana(), client("school")], 1001).unwrap();
        t.signed_in(&attempt);
        fail(&mut t, &[ana()], MAX_FAILURES - 1, 1002);
        assert!(t.admit(vec![ana()], 1003).is_ok(), "the account starts again");
        let _fifth = t.admit(vec![client("school")], 1003).expect("the address's fifth");
        assert!(t.admit(vec![client("school")], 1003).is_err(), "the address kept its four");
    }

    #[test]
    fn a_known_browser_keeps_its_own_allowance_while_the_account_is_locked_to_others() {
        let mut t = Throttle::default();
        fail(&mut t, &[ana(), client("elsewhere")], MAX_FAILURES, 1000);
        assert!(t.admit(vec![ana(), client("office")], 1001).is_err());
        assert!(t.admit(vec![Bucket::Device("ana's laptop".into())], 1001).is_ok());
    }

    #[test]
    fn the_buckets_stay_bounded_under_a_flood_of_made_up_accounts() {
        let mut t = Throttle::default();
        for i in 0..MAX_BUCKETS * 3 {
            let _failed = t.admit(vec![Bucket::Account(format!("{i}@x.org"))], i as i64);
            assert!(t.buckets() <= MAX_BUCKETS);
        }
        let latest = Bucket::Account(format!("{}@x.org", MAX_BUCKETS * 3 - 1));
        assert!(t.failures.contains_key(&latest), "the newest buckets are kept");
    }

    #[test]
    fn quiet_buckets_are_forgotten_first() {
        let mut t = Throttle::default();
        fail(&mut t, &[ana()], MAX_FAILURES, 0);
        for i in 0..MAX_BUCKETS {
            let _failed = t.admit(vec![client(&i.to_string())], WINDOW_SECS + 1);
        }
        assert!(!t.failures.contains_key(&ana()), "out of the window, so gone first");
        assert_eq!(t.buckets(), MAX_BUCKETS);
    }
}
