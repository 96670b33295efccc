//! The door every response passes: it reads the signals of `domain::integrity` and says whether
//! to store the response as it is, hold it for a moderator, or refuse it. The address of the
//! person is used here and nowhere else: reduced at once to a keyed hash under a key kept in memory
//! only and replaced daily, never stored or logged.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use crate::domain::integrity::bursts::{AddressKey, Bursts};
use crate::domain::integrity::fill_time::FillTime;
use crate::domain::integrity::{Signals, Verdict};
use crate::domain::lifecycle::UnixTime;

/// How long one address key lives; after it, yesterday's hashes cannot be matched to today's.
const KEY_LIFETIME_SECS: i64 = 24 * 60 * 60;
/// Sources whose flags are counted at most; past it the count starts again (a flood of sources
/// that large ranks them all first, as if none had flagged before).
const MAX_FLAGGING_SOURCES: usize = 100_000;

#[derive(Debug)]
pub struct Door {
    inner: Mutex<Inner>,
}

#[derive(Debug)]
struct Inner {
    key: AddressSecret,
    made_at: UnixTime,
    bursts: Bursts,
    /// Flagged responses per source today, to rank them in the flagged lane.
    flags: HashMap<AddressKey, u32>,
}

/// Never shown: `Debug` is redacted.
struct AddressSecret([u8; 32]);

impl std::fmt::Debug for AddressSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AddressSecret([redacted])")
    }
}

/// One response as the door sees it.
pub struct Arrival {
    pub address: IpAddr,
    pub started_at: UnixTime,
    pub answered: usize,
    pub honeypot_filled: bool,
    /// `domain::integrity::fingerprint::of`.
    pub content: Option<i64>,
    /// The safeguarding detector flagged its text (or has yet to read it for meaning).
    pub flagged: bool,
}

/// What the door decided about one response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Judged {
    pub verdict: Verdict,
    /// A flagged response: how many flagged responses its source sent today, this one included
    /// (1 when not flagged). The flagged lane takes every source's first before anyone's second.
    pub flag_rank: u32,
}

impl Door {
    pub fn new(now: UnixTime) -> Self {
        Self { inner: Mutex::new(Inner::fresh(now)) }
    }

    pub fn judge(&self, arrival: &Arrival, now: UnixTime) -> Judged {
        let mut inner = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if now - inner.made_at >= KEY_LIFETIME_SECS {
            // The windows are keyed by the old key: they go with it.
            *inner = Inner::fresh(now);
        }
        let address = AddressKey::of(arrival.address, &inner.key.0);
        let content = arrival.content.map(|c| c as u64);
        let seen = inner.bursts.see(address, content, now);
        let verdict = Signals {
            fill: FillTime { secs: now - arrival.started_at, answered: arrival.answered },
            honeypot_filled: arrival.honeypot_filled,
            address: seen,
        }
        .verdict();
        let flag_rank = match verdict {
            Verdict::Refuse { .. } => 1,
            _ if arrival.flagged => inner.flag(address),
            _ => 1,
        };
        Judged { verdict, flag_rank }
    }
}

impl Inner {
    fn fresh(now: UnixTime) -> Self {
        Self {
            key: AddressSecret(rand::random()),
            made_at: now,
            bursts: Bursts::new(rand::random()),
            flags: HashMap::new(),
        }
    }

    /// Counts a flagged response from `source`; its rank among the source's flags today.
    fn flag(&mut self, source: AddressKey) -> u32 {
        if self.flags.len() >= MAX_FLAGGING_SOURCES && !self.flags.contains_key(&source) {
            self.flags.clear();
        }
        let rank = self.flags.entry(source).or_default();
        *rank = rank.saturating_add(1);
        *rank
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::integrity::HoldReason;
    use crate::domain::integrity::bursts::REPEATS;

    fn arrival(last: u8, started_at: UnixTime) -> Arrival {
        Arrival {
            address: IpAddr::from([198, 51, 100, last]),
            started_at,
            answered: 3,
            honeypot_filled: false,
            content: Some(42),
            flagged: false,
        }
    }

    #[test]
    fn a_new_day_forgets_yesterday_s_addresses() {
        let door = Door::new(0);
        for i in 0..REPEATS as i64 {
            assert_eq!(door.judge(&arrival(1, 0), 100 + i).verdict, Verdict::Accept);
        }
        let Verdict::Hold { reasons, .. } = door.judge(&arrival(1, 0), 200).verdict else {
            panic!("the same content again, past a class's worth, is held");
        };
        assert!(reasons.contains(HoldReason::Repeated));
        assert_eq!(door.judge(&arrival(1, 0), KEY_LIFETIME_SECS + 300).verdict, Verdict::Accept);
    }

    #[test]
    fn each_source_s_flags_are_ranked_apart_and_a_new_day_starts_again() {
        let door = Door::new(0);
        let flagged = |last, started_at| Arrival { flagged: true, ..arrival(last, started_at) };
        let ranks: Vec<u32> =
            (0..3).map(|i| door.judge(&flagged(1, i), 100 + i).flag_rank).collect();
        assert_eq!(ranks, [1, 2, 3]);
        assert_eq!(door.judge(&arrival(1, 5), 105).flag_rank, 1, "not flagged: no rank");
        assert_eq!(door.judge(&flagged(2, 0), 106).flag_rank, 1, "another source's first");
        assert_eq!(door.judge(&flagged(1, 0), KEY_LIFETIME_SECS + 300).flag_rank, 1);
    }
}
