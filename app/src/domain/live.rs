//! What organizers watch during the window: how many answered so far, and from where. Counts of
//! every counted response (spam is only set aside later, by moderators), and beside them those the
//! integrity checks held back; staff only, never public while the window is open.

use serde::{Deserialize, Serialize};

use super::demographics::{AgeBand, Region};
use super::ids::PartnerId;
use super::language::Language;
use super::lifecycle::UnixTime;

/// Responses sharing one hour, age band, region, language and partner code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group {
    pub hour: UnixTime,
    pub age_band: Option<AgeBand>,
    pub region: Option<Region>,
    pub language: Language,
    pub partner_id: Option<PartnerId>,
    pub count: u64,
}

/// Each breakdown lists every category, zeros included: a region with no answers yet is what an
/// organizer most needs to see. `None` is "did not say" (the question was skipped).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveCounts {
    pub total: u64,
    /// Hours with answers, oldest first.
    pub by_hour: Vec<(UnixTime, u64)>,
    pub by_age_band: Vec<(Option<AgeBand>, u64)>,
    pub by_region: Vec<(Option<Region>, u64)>,
    pub by_language: Vec<(Language, u64)>,
    /// Partner ids as stored; `None` for answers that came through no partner's link.
    pub by_partner: Vec<(Option<PartnerId>, u64)>,
    /// Held back by the integrity checks and not released: in none of the figures above.
    pub held: u64,
}

impl LiveCounts {
    /// `partners`: every partner of the consultation, listed even before its first answer.
    pub fn from_groups(groups: &[Group], partners: &[PartnerId]) -> Self {
        let sum = |pick: &dyn Fn(&Group) -> bool| -> u64 {
            groups.iter().filter(|g| pick(g)).map(|g| g.count).sum()
        };
        let mut hours: Vec<UnixTime> = groups.iter().map(|g| g.hour).collect();
        hours.sort_unstable();
        hours.dedup();
        let partner_keys = partners.iter().copied().map(Some).chain([None]);
        Self {
            total: sum(&|_| true),
            by_hour: hours.into_iter().map(|h| (h, sum(&|g| g.hour == h))).collect(),
            by_age_band: with_unsaid(&AgeBand::ALL)
                .into_iter()
                .map(|a| (a, sum(&|g| g.age_band == a)))
                .collect(),
            by_region: with_unsaid(&Region::ALL)
                .into_iter()
                .map(|r| (r, sum(&|g| g.region == r)))
                .collect(),
            by_language: Language::ALL.map(|l| (l, sum(&|g| g.language == l))).to_vec(),
            by_partner: partner_keys.map(|p| (p, sum(&|g| g.partner_id == p))).collect(),
            held: 0,
        }
    }

    /// Answers that came through partner `id`'s link.
    pub fn of_partner(&self, id: PartnerId) -> u64 {
        self.by_partner.iter().find(|(p, _)| *p == Some(id)).map_or(0, |(_, n)| *n)
    }
}

/// A count as the room view projects it while answers still arrive: under k, "fewer than k";
/// else rounded down to a multiple of k. Two views half a minute apart then never tell which
/// age band or region the latest young person is in, as exact counts would.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rounded {
    FewerThan(u64),
    AtLeast(u64),
}

impl Rounded {
    pub fn of(count: u64, k: u64) -> Self {
        let k = k.max(1);
        if count < k { Self::FewerThan(k) } else { Self::AtLeast(count / k * k) }
    }
}

/// The answers so far for a room of delegates: the total, by age band and by region (with
/// "did not say"), each [`Rounded`]. Nothing by hour, language or partner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomCounts {
    pub total: Rounded,
    pub by_age_band: Vec<(Option<AgeBand>, Rounded)>,
    pub by_region: Vec<(Option<Region>, Rounded)>,
}

impl RoomCounts {
    pub fn of(live: &LiveCounts, k: u64) -> Self {
        fn round<C: Copy>(counts: &[(C, u64)], k: u64) -> Vec<(C, Rounded)> {
            counts.iter().map(|&(c, n)| (c, Rounded::of(n, k))).collect()
        }
        Self {
            total: Rounded::of(live.total, k),
            by_age_band: round(&live.by_age_band, k),
            by_region: round(&live.by_region, k),
        }
    }
}

/// Every category, then "did not say".
fn with_unsaid<C: Copy>(all: &[C]) -> Vec<Option<C>> {
    all.iter().copied().map(Some).chain([None]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(
        hour: UnixTime,
        region: Option<Region>,
        partner_id: Option<PartnerId>,
        count: u64,
    ) -> Group {
        Group { hour, age_band: None, region, language: Language::Ar, partner_id, count }
    }

    fn total<K>(breakdown: &[(K, u64)]) -> u64 {
        breakdown.iter().map(|(_, n)| n).sum()
    }

    #[test]
    fn every_breakdown_adds_up_to_the_total_and_lists_empty_categories() {
        let groups = [
            group(7200, Some(Region::ArabStates), Some(PartnerId(1)), 3),
            group(3600, Some(Region::Africa), None, 2),
            group(7200, None, Some(PartnerId(1)), 1),
        ];
        let counts = LiveCounts::from_groups(&groups, &[PartnerId(1), PartnerId(2)]);

        assert_eq!(counts.total, 6);
        assert_eq!(counts.by_hour, vec![(3600, 2), (7200, 4)]);
        assert_eq!(total(&counts.by_age_band), 6);
        assert_eq!(total(&counts.by_region), 6);
        assert_eq!(total(&counts.by_language), 6);
        assert_eq!(total(&counts.by_partner), 6);
        assert!(counts.by_region.contains(&(Some(Region::Europe), 0)), "no answers yet is shown");
        assert!(counts.by_region.contains(&(None, 1)));
        assert_eq!(counts.by_age_band.last(), Some(&(None, 6)));
        assert_eq!(counts.by_language[0], (Language::Ar, 6));
        assert_eq!(
            counts.by_partner,
            vec![(Some(PartnerId(1)), 4), (Some(PartnerId(2)), 0), (None, 2)]
        );
        assert_eq!(counts.of_partner(PartnerId(1)), 4);
        assert_eq!(counts.of_partner(PartnerId(9)), 0);
    }

    #[test]
    fn the_room_sees_counts_rounded_down_to_k_so_one_more_answer_rarely_shows() {
        assert_eq!(Rounded::of(0, 10), Rounded::FewerThan(10));
        assert_eq!(Rounded::of(9, 10), Rounded::FewerThan(10));
        assert_eq!(Rounded::of(10, 10), Rounded::AtLeast(10));
        assert_eq!(Rounded::of(37, 10), Rounded::AtLeast(30));
        let groups = [
            group(3600, Some(Region::Africa), None, 37),
            group(3600, Some(Region::Europe), None, 4),
        ];
        let live = LiveCounts::from_groups(&groups, &[]);
        let room = RoomCounts::of(&live, 10);
        assert_eq!(room.total, Rounded::AtLeast(40));
        assert!(room.by_region.contains(&(Some(Region::Africa), Rounded::AtLeast(30))));
        assert!(room.by_region.contains(&(Some(Region::Europe), Rounded::FewerThan(10))));
        // One more young person from Europe: nothing the room sees changes.
        let more = [groups[0], group(3600, Some(Region::Europe), None, 5)];
        assert_eq!(RoomCounts::of(&LiveCounts::from_groups(&more, &[]), 10), room);
    }
}
