//! Integrity of the count: signals read at ingest that tell a person from a script, and what to
//! do with a response they doubt. No CAPTCHA and no account, and nothing that identifies anyone:
//! a doubtful response is *held* (stored, left out of the counts, reviewed as a group), because a
//! rule can be wrong about a human; it is refused at the door only when that is certain.

pub mod bursts;
pub mod fill_time;
pub mod fingerprint;
pub mod near_copy;

use serde::{Deserialize, Serialize};

use super::audit::AuditAction;
use super::keyed::keyed;

/// The honeypot: a field people never see or reach. Its name is one no browser autofills.
pub const HONEYPOT: &str = "leave_empty";

keyed! {
    /// Why a response was held. Stored as the bits of [`HoldReasons`]; never anything about the
    /// person or their address.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    pub enum HoldReason {
        /// Sent back faster than a person could read and answer the form.
        TooFast => "too_fast",
        /// The field people never see was filled in.
        Honeypot => "honeypot",
        /// Far more answers from one address in a few minutes than a class sends.
        Burst => "burst",
        /// The same choices and text from the same address, past a class's worth.
        Repeated => "repeated",
        /// Nearly the same free text as many others arriving faster than people write: a
        /// copy-paste campaign (`near_copy`). A copy alone is no reason: two young people may
        /// write the same sentence.
        Duplicate => "duplicate",
    }
}

impl HoldReason {
    /// The English name, as the CSV export has it.
    pub fn label(self) -> &'static str {
        match self {
            Self::TooFast => "Sent faster than a person reads",
            Self::Honeypot => "Hidden field filled in",
            Self::Burst => "Burst from one address",
            Self::Repeated => "Sent again and again from one address",
            Self::Duplicate => "Copy in a campaign of copies",
        }
    }

    fn bit(self) -> i64 {
        1 << (self as u8)
    }
}

/// A set of reasons, stored as one integer (`responses.hold_reasons`); empty when not held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct HoldReasons(i64);

impl HoldReasons {
    pub fn with(mut self, reason: HoldReason) -> Self {
        self.0 |= reason.bit();
        self
    }

    pub fn add_if(&mut self, reason: HoldReason, condition: bool) {
        if condition {
            *self = self.with(reason);
        }
    }

    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    pub fn contains(self, reason: HoldReason) -> bool {
        self.0 & reason.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = HoldReason> {
        HoldReason::ALL.into_iter().filter(move |r| self.contains(*r))
    }

    pub fn bits(self) -> i64 {
        self.0
    }

    /// Bits read back from the database; ones no reason has are dropped.
    pub fn from_bits(bits: i64) -> Self {
        Self(bits & HoldReason::ALL.iter().fold(0, |all, r| all | r.bit()))
    }
}

impl FromIterator<HoldReason> for HoldReasons {
    fn from_iter<I: IntoIterator<Item = HoldReason>>(reasons: I) -> Self {
        reasons.into_iter().fold(Self::default(), Self::with)
    }
}

keyed! {
    /// Where a held response stands. Not held at all is no row state (`NULL`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Hold {
        /// Waiting for a moderator; counts nowhere.
        Held => "held",
        /// A moderator found the group genuine: it counts like any other response.
        Released => "released",
        /// A moderator confirmed the group as not genuine: it never counts.
        Confirmed => "confirmed",
    }
}

keyed! {
    /// A moderator's one decision about a whole held group.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum GroupDecision {
        Release => "release",
        Confirm => "confirm",
    }
}

impl GroupDecision {
    pub fn outcome(self) -> Hold {
        match self {
            Self::Release => Hold::Released,
            Self::Confirm => Hold::Confirmed,
        }
    }

    /// The audit log's action for it.
    pub fn audit_action(self) -> AuditAction {
        match self {
            Self::Release => AuditAction::ReleasedHeldGroup,
            Self::Confirm => AuditAction::ConfirmedHeldGroup,
        }
    }
}

/// What the door does with a response, before it is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Accept,
    /// Stored, but held back from the counts for a moderator, in `group`.
    Hold {
        reasons: HoldReasons,
        group: i64,
    },
    /// Not stored: try again after this many seconds.
    Refuse {
        retry_after_secs: i64,
    },
}

/// What the door saw of one response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signals {
    pub fill: fill_time::FillTime,
    pub honeypot_filled: bool,
    pub address: bursts::Seen,
}

impl Signals {
    pub fn verdict(&self) -> Verdict {
        if let Some(retry_after_secs) = self.address.refuse_for {
            return Verdict::Refuse { retry_after_secs };
        }
        let mut reasons = HoldReasons::default();
        reasons.add_if(HoldReason::TooFast, self.fill.too_fast());
        reasons.add_if(HoldReason::Honeypot, self.honeypot_filled);
        reasons.add_if(HoldReason::Burst, self.address.burst);
        reasons.add_if(HoldReason::Repeated, self.address.repeated);
        if reasons.is_empty() {
            Verdict::Accept
        } else {
            Verdict::Hold { reasons, group: self.address.group }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bursts::Seen;
    use fill_time::FillTime;

    fn signals(fill_secs: i64, honeypot_filled: bool, address: Seen) -> Signals {
        Signals { fill: FillTime { secs: fill_secs, answered: 3 }, honeypot_filled, address }
    }

    fn quiet() -> Seen {
        Seen { group: 7, burst: false, repeated: false, refuse_for: None }
    }

    #[test]
    fn a_person_at_human_pace_is_accepted() {
        assert_eq!(signals(90, false, quiet()).verdict(), Verdict::Accept);
    }

    #[test]
    fn every_doubt_is_kept_as_a_reason_and_the_address_group_is_the_group() {
        let address = Seen { burst: true, repeated: true, ..quiet() };
        let Verdict::Hold { reasons, group } = signals(1, true, address).verdict() else {
            panic!("held");
        };
        assert_eq!(reasons.iter().collect::<Vec<_>>(), HoldReason::ALL[..4].to_vec());
        assert_eq!(group, 7);
    }

    #[test]
    fn refusal_wins_over_holding() {
        let address = Seen { refuse_for: Some(40), ..quiet() };
        assert_eq!(signals(1, true, address).verdict(), Verdict::Refuse { retry_after_secs: 40 });
    }

    #[test]
    fn reasons_survive_the_database_and_unknown_bits_are_dropped() {
        let reasons: HoldReasons = [HoldReason::Burst, HoldReason::Duplicate].into_iter().collect();
        assert_eq!(HoldReasons::from_bits(reasons.bits()), reasons);
        assert_eq!(HoldReasons::from_bits(reasons.bits() | 1 << 40), reasons);
        assert!(HoldReasons::from_bits(0).is_empty());
    }

    #[test]
    fn a_group_decision_reads_back_from_its_key() {
        for d in [GroupDecision::Release, GroupDecision::Confirm] {
            assert_eq!(GroupDecision::parse(d.key()), Some(d));
        }
        assert_eq!(GroupDecision::parse("delete"), None);
    }
}
