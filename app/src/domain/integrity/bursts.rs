//! Bursts per address: how many responses one address sent lately, and whether it sent the same
//! one before. Schools and mobile carriers put many young people behind one address, so the limits
//! sit well above a class: 30 pupils answering within two minutes are ordinary traffic.
//!
//! Addresses are never kept: each is reduced to a keyed hash ([`AddressKey`]) under a key that
//! lives in memory only and is replaced daily, and the windows are in memory only too (so with
//! several instances each counts what reaches it).

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;

use crate::domain::lifecycle::UnixTime;

/// How far back an address's responses are remembered.
pub const WINDOW_SECS: i64 = 10 * 60;
/// More than this many in the window from one address is a burst: two whole classes fit.
pub const BURST: usize = 60;
/// More than this many in one minute from one address is refused: five a second, sustained, is
/// no school; it is a script.
pub const REFUSE_PER_MINUTE: usize = 300;
/// The same answers (choices and text) from one address are repeated only past this many in
/// the window: pupils of a class share the teacher's sentence and pick the same options, and a
/// young person resends after a dropped connection; a script replaying one answer goes past it.
pub const REPEATS: usize = 30;
/// Responses remembered per address; past [`BURST`] the exact number no longer matters.
const KEPT_PER_ADDRESS: usize = 2 * REFUSE_PER_MINUTE;
/// Addresses remembered at most; stale ones are swept first.
const MAX_ADDRESSES: usize = 200_000;
/// Stale addresses are swept once in this many calls.
const SWEEP_EVERY: u32 = 4096;

/// An address as a keyed hash: IPv4 by its whole address, IPv6 by its /64 (one household or
/// phone gets a whole /64 and can pick any address in it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AddressKey(u64);

impl AddressKey {
    pub fn of(address: IpAddr, key: &[u8; 32]) -> Self {
        let bytes: Vec<u8> = match address {
            IpAddr::V4(v4) => v4.octets().to_vec(),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.octets().to_vec(),
                None => v6.octets()[..8].to_vec(),
            },
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
        mac.update(&bytes);
        let digest = mac.finalize().into_bytes();
        Self(u64::from_le_bytes(digest[..8].try_into().expect("8 bytes")))
    }
}

/// What one address's recent responses say about the one arriving now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seen {
    /// The same while the address keeps sending: its held responses are reviewed together.
    pub group: i64,
    pub burst: bool,
    /// The same content came from this address more than [`REPEATS`] times within the window.
    pub repeated: bool,
    /// Refused: seconds until the address is below the limit again.
    pub refuse_for: Option<i64>,
}

struct Recent {
    group: i64,
    /// When each response arrived, with its content fingerprint if it has one; oldest first.
    arrivals: VecDeque<(UnixTime, Option<u64>)>,
}

#[derive(Default)]
pub struct Bursts {
    addresses: HashMap<AddressKey, Recent>,
    next_group: i64,
    calls: u32,
}

impl std::fmt::Debug for Bursts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bursts").field("addresses", &self.addresses.len()).finish()
    }
}

impl Bursts {
    /// `first_group`: where group numbers start (random, so groups of two instances or of two
    /// days do not share numbers).
    pub fn new(first_group: i64) -> Self {
        Self { next_group: first_group, ..Self::default() }
    }

    /// Records a response from `address` at `now` (unless it is refused) and says what was seen.
    pub fn see(&mut self, address: AddressKey, content: Option<u64>, now: UnixTime) -> Seen {
        self.sweep(now);
        let next_group = &mut self.next_group;
        let recent = self.addresses.entry(address).or_insert_with(|| {
            *next_group = next_group.wrapping_add(1);
            Recent { group: *next_group, arrivals: VecDeque::new() }
        });
        while recent.arrivals.front().is_some_and(|(t, _)| now - t >= WINDOW_SECS) {
            recent.arrivals.pop_front();
        }
        let last_minute: Vec<UnixTime> =
            recent.arrivals.iter().map(|(t, _)| *t).filter(|t| now - t < 60).collect();
        if last_minute.len() >= REFUSE_PER_MINUTE {
            let oldest = last_minute[last_minute.len() - REFUSE_PER_MINUTE];
            let refuse_for = (oldest + 60 - now).max(1);
            return Seen {
                group: recent.group,
                burst: true,
                repeated: false,
                refuse_for: Some(refuse_for),
            };
        }
        let repeated = content.is_some()
            && recent.arrivals.iter().filter(|(_, c)| *c == content).count() >= REPEATS;
        let burst = recent.arrivals.len() >= BURST;
        if recent.arrivals.len() == KEPT_PER_ADDRESS {
            recent.arrivals.pop_front();
        }
        recent.arrivals.push_back((now, content));
        Seen { group: recent.group, burst, repeated, refuse_for: None }
    }

    /// Addresses remembered now (for tests and the log).
    pub fn len(&self) -> usize {
        self.addresses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.addresses.is_empty()
    }

    fn sweep(&mut self, now: UnixTime) {
        self.calls = self.calls.wrapping_add(1);
        if !self.calls.is_multiple_of(SWEEP_EVERY) && self.addresses.len() < MAX_ADDRESSES {
            return;
        }
        self.addresses.retain(|_, r| r.arrivals.back().is_some_and(|(t, _)| now - t < WINDOW_SECS));
        if self.addresses.len() >= MAX_ADDRESSES {
            // More live addresses than memory allows: start again rather than grow without end.
            self.addresses.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    const KEY: [u8; 32] = [3; 32];

    fn v4(last: u8) -> AddressKey {
        AddressKey::of(IpAddr::V4(Ipv4Addr::new(192, 0, 2, last)), &KEY)
    }

    #[test]
    fn ipv6_addresses_in_one_64_are_one_address() {
        let a: Ipv6Addr = "2001:db8:1:2::1".parse().unwrap();
        let b: Ipv6Addr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let c: Ipv6Addr = "2001:db8:1:3::1".parse().unwrap();
        let key = |ip| AddressKey::of(IpAddr::V6(ip), &KEY);
        assert_eq!(key(a), key(b));
        assert_ne!(key(a), key(c));
    }

    #[test]
    fn an_ipv4_mapped_address_is_its_ipv4_address() {
        let mapped: Ipv6Addr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(AddressKey::of(IpAddr::V6(mapped), &KEY), v4(7));
    }

    #[test]
    fn another_day_s_key_gives_another_hash() {
        let ip = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
        assert_ne!(AddressKey::of(ip, &KEY), AddressKey::of(ip, &[4; 32]));
    }

    #[test]
    fn past_the_burst_limit_responses_are_a_burst_in_one_group() {
        let mut bursts = Bursts::new(100);
        let seen: Vec<Seen> = (0..BURST as i64 + 5).map(|i| bursts.see(v4(1), None, i)).collect();
        assert!(seen[..BURST].iter().all(|s| !s.burst && s.refuse_for.is_none()));
        assert!(seen[BURST..].iter().all(|s| s.burst));
        assert!(seen.iter().all(|s| s.group == seen[0].group));
        assert_ne!(
            bursts.see(v4(2), None, 0).group,
            seen[0].group,
            "another address, another group"
        );
    }

    #[test]
    fn the_window_forgets_old_responses() {
        let mut bursts = Bursts::new(0);
        for i in 0..BURST as i64 {
            bursts.see(v4(1), None, i);
        }
        assert!(!bursts.see(v4(1), None, WINDOW_SECS + BURST as i64).burst);
    }

    #[test]
    fn the_same_content_from_one_address_past_a_class_s_worth_is_repeated() {
        let mut bursts = Bursts::new(0);
        for i in 0..REPEATS as i64 {
            assert!(!bursts.see(v4(1), Some(9), i).repeated, "a class's worth, or a resend");
        }
        assert!(!bursts.see(v4(2), Some(9), 40).repeated, "another address");
        assert!(bursts.see(v4(1), Some(9), 41).repeated);
        assert!(!bursts.see(v4(1), Some(8), 42).repeated);
        assert!(!bursts.see(v4(1), None, 43).repeated, "no content to compare");
    }

    #[test]
    fn a_flood_in_one_minute_is_refused_until_it_slows() {
        let mut bursts = Bursts::new(0);
        for _ in 0..REFUSE_PER_MINUTE {
            assert_eq!(bursts.see(v4(1), None, 1000).refuse_for, None);
        }
        assert_eq!(bursts.see(v4(1), None, 1030).refuse_for, Some(30));
        assert_eq!(bursts.see(v4(1), None, 1060).refuse_for, None, "a minute later");
    }

    proptest! {
        /// A class of up to 40 behind one address, each with answers of their own, arriving
        /// within two minutes in any order: never a burst, never repeated, never refused.
        #[test]
        fn a_class_behind_one_address_is_never_held(
            arrivals in proptest::collection::vec(0i64..120, 1..=40),
        ) {
            let mut bursts = Bursts::new(0);
            let mut arrivals = arrivals;
            arrivals.sort_unstable();
            for (pupil, at) in arrivals.into_iter().enumerate() {
                let seen = bursts.see(v4(1), Some(pupil as u64), 5000 + at);
                prop_assert!(!seen.burst && !seen.repeated && seen.refuse_for.is_none());
            }
        }
    }
}
