//! The door every response passes: it reads the signals of `domain::integrity` and says whether
//! to store the response as it is, hold it for a moderator, or refuse it. The address of the
//! person is used here and nowhere else: reduced at once to a keyed hash under a key kept in memory
//! only and replaced daily, never stored or logged.

use std::net::IpAddr;
use std::sync::Mutex;

use crate::domain::integrity::bursts::{AddressKey, Bursts};
use crate::domain::integrity::fill_time::FillTime;
use crate::domain::integrity::{Signals, Verdict};
use crate::domain::lifecycle::UnixTime;

/// How long one address key lives; after it, yesterday's hashes cannot be matched to today's.
const KEY_LIFETIME_SECS: i64 = 24 * 60 * 60;

#[derive(Debug)]
pub struct Door {
    inner: Mutex<Inner>,
}

#[derive(Debug)]
struct Inner {
    key: AddressSecret,
    made_at: UnixTime,
    bursts: Bursts,
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
}

impl Door {
    pub fn new(now: UnixTime) -> Self {
        Self { inner: Mutex::new(Inner::fresh(now)) }
    }

    pub fn judge(&self, arrival: &Arrival, now: UnixTime) -> Verdict {
        let mut inner = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if now - inner.made_at >= KEY_LIFETIME_SECS {
            // The windows are keyed by the old key: they go with it.
            *inner = Inner::fresh(now);
        }
        let address = AddressKey::of(arrival.address, &inner.key.0);
        let content = arrival.content.map(|c| c as u64);
        let seen = inner.bursts.see(address, content, now);
        Signals {
            fill: FillTime { secs: now - arrival.started_at, answered: arrival.answered },
            honeypot_filled: arrival.honeypot_filled,
            address: seen,
        }
        .verdict()
    }
}

impl Inner {
    fn fresh(now: UnixTime) -> Self {
        Self {
            key: AddressSecret(rand::random()),
            made_at: now,
            bursts: Bursts::new(rand::random()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::integrity::HoldReason;

    fn arrival(last: u8, started_at: UnixTime) -> Arrival {
        Arrival {
            address: IpAddr::from([198, 51, 100, last]),
            started_at,
            answered: 3,
            honeypot_filled: false,
            content: Some(42),
        }
    }

    #[test]
    fn a_new_day_forgets_yesterday_s_addresses() {
        let door = Door::new(0);
        assert_eq!(door.judge(&arrival(1, 0), 100), Verdict::Accept);
        let Verdict::Hold { reasons, .. } = door.judge(&arrival(1, 0), 200) else {
            panic!("the same content again is held");
        };
        assert!(reasons.contains(HoldReason::Repeated));
        assert_eq!(door.judge(&arrival(1, 0), KEY_LIFETIME_SECS + 300), Verdict::Accept);
    }
}
