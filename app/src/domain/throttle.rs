//! Repeated failed sign-ins slow down guessing: after a few failures for one account or from
//! one client, further attempts wait. Kept in memory only; keys for clients are keyed hashes.

use std::collections::HashMap;

use super::lifecycle::UnixTime;

pub const MAX_FAILURES: usize = 5;
pub const WINDOW_SECS: i64 = 15 * 60;

#[derive(Debug, Default)]
pub struct Throttle {
    failures: HashMap<String, Vec<UnixTime>>,
}

impl Throttle {
    /// `Err(minutes)` to wait when `key` failed too often within the window.
    pub fn check(&self, key: &str, now: UnixTime) -> Result<(), i64> {
        let recent: Vec<UnixTime> = self.recent(key, now).collect();
        if recent.len() < MAX_FAILURES {
            return Ok(());
        }
        let oldest = recent.iter().min().copied().unwrap_or(now);
        let wait_secs = oldest + WINDOW_SECS - now;
        Err((wait_secs + 59) / 60)
    }

    pub fn fail(&mut self, key: &str, now: UnixTime) {
        let kept: Vec<UnixTime> = self.recent(key, now).chain([now]).collect();
        self.failures.insert(key.to_owned(), kept);
    }

    pub fn clear(&mut self, key: &str) {
        self.failures.remove(key);
    }

    fn recent(&self, key: &str, now: UnixTime) -> impl Iterator<Item = UnixTime> + '_ {
        self.failures.get(key).into_iter().flatten().copied().filter(move |t| now - t < WINDOW_SECS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_failures_are_allowed() {
        let mut t = Throttle::default();
        for i in 0..MAX_FAILURES - 1 {
            t.fail("ana", 100 + i as i64);
        }
        assert_eq!(t.check("ana", 200), Ok(()));
    }

    #[test]
    fn too_many_failures_wait_until_the_oldest_leaves_the_window() {
        let mut t = Throttle::default();
        for _ in 0..MAX_FAILURES {
            t.fail("ana", 1000);
        }
        assert_eq!(t.check("ana", 1000), Err(15));
        assert_eq!(t.check("ana", 1000 + 10 * 60), Err(5));
        assert_eq!(t.check("ana", 1000 + WINDOW_SECS), Ok(()));
        assert_eq!(t.check("bob", 1000), Ok(()), "other keys are not affected");
    }

    #[test]
    fn success_clears_the_count() {
        let mut t = Throttle::default();
        for _ in 0..MAX_FAILURES {
            t.fail("ana", 1000);
        }
        t.clear("ana");
        assert_eq!(t.check("ana", 1000), Ok(()));
    }
}
