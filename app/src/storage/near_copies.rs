//! Near-copies of free text across a consultation (`domain::integrity::near_copy`), found by
//! every instance on one database: each stored text leaves its signature in `text_signatures`,
//! and candidates are found by the signature's bands. PostgreSQL keeps the bands in
//! `text_bands`, shared by its instances. SQLite, whose writer is one process, keeps them in
//! memory ([`Bands`]): in the table, each text's 8 bands went to random places in its index,
//! about 250 pages written for every group commit of 32 responses, half of the commit's time.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use sqlx::{Any, FromRow, Transaction};

use super::responses::{NewResponse, execute_rows, json};
use crate::domain::integrity::near_copy::{CAMPAIGN_COPIES, CAMPAIGN_WINDOW_SECS, Signature};
use crate::domain::integrity::{HoldReason, HoldReasons};
use crate::domain::lifecycle::UnixTime;

#[derive(FromRow)]
struct Candidate {
    i: i64,
    response_id: i64,
    hold_group: Option<i64>,
    hold_reasons: i64,
    signature: String,
}

/// SQLite's bands, read from `text_signatures` as texts are stored there, by this process or any
/// other on the same file, so nothing stored is missed and nothing rolled back is kept. Withdrawn
/// and purged texts stay listed until a restart; the candidates' query no longer finds them.
/// Also, on both databases, when each copy group's recent copies arrived (in memory, like the
/// door's windows: with several instances each counts what reaches it).
#[derive(Debug, Default)]
pub struct Bands(Mutex<Known>);

/// Copy groups remembered at most; past it, those with no copy in the window are forgotten.
const MAX_GROUPS: usize = 100_000;

#[derive(Debug, Default)]
struct Known {
    /// The `text_signatures` row read last (rowid, response id): read again each time, since a
    /// rowid freed by withdrawing the newest text is given to the next one. (Should the two
    /// newest both be withdrawn between two reads, the text after them is not found as an
    /// original until a restart; it is still checked as a copy of the others.)
    last: Option<(i64, i64)>,
    /// [`key`] → the first response with it; the others in `more`.
    first: HashMap<u64, i64>,
    more: HashMap<u64, Vec<i64>>,
    /// Copy group → when its copies arrived, within [`CAMPAIGN_WINDOW_SECS`], oldest first.
    copies: HashMap<i64, VecDeque<UnixTime>>,
    /// A copy's response → its copy group, so a copy of a copy (counted, so with no hold group
    /// stored) joins the same group.
    group_of: HashMap<i64, i64>,
}

/// A band within its consultation, in 8 bytes instead of 16 (a third less memory for the map).
/// Two that meet by chance only add a candidate, which the candidates' query drops.
fn key(consultation_id: i64, band: i64) -> u64 {
    (consultation_id as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29) ^ band as u64
}

impl Bands {
    fn known(&self) -> std::sync::MutexGuard<'_, Known> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records response `id`, a copy in `group` arriving at `now`; whether the group is a
    /// campaign: it already had [`CAMPAIGN_COPIES`] copies in the window.
    pub(super) fn campaign(&self, id: i64, group: i64, now: UnixTime) -> bool {
        let mut known = self.known();
        if known.group_of.len() >= MAX_GROUPS * 10 {
            // Forgetting only splits a campaign in two, each still counted.
            known.group_of.clear();
        }
        known.group_of.insert(id, group);
        if known.copies.len() >= MAX_GROUPS && !known.copies.contains_key(&group) {
            known
                .copies
                .retain(|_, times| times.back().is_some_and(|t| now - t < CAMPAIGN_WINDOW_SECS));
        }
        let times = known.copies.entry(group).or_default();
        while times.front().is_some_and(|t| now - t >= CAMPAIGN_WINDOW_SECS) {
            times.pop_front();
        }
        let campaign = times.len() >= CAMPAIGN_COPIES;
        if !campaign {
            times.push_back(now);
        }
        campaign
    }

    /// Reads the signatures stored since last time.
    async fn catch_up(&self, tx: &mut Transaction<'_, Any>) -> Result<(), sqlx::Error> {
        let from = self.known().last.map_or(0, |(rowid, _)| rowid);
        let stored: Vec<(i64, i64, i64, String)> = sqlx::query_as(
            "SELECT s.rowid, r.consultation_id, s.response_id, s.signature FROM text_signatures s \
             JOIN responses r ON r.id = s.response_id WHERE s.rowid >= $1 ORDER BY s.rowid",
        )
        .bind(from)
        .fetch_all(&mut **tx)
        .await?;
        let mut guard = self.known();
        let known = &mut *guard;
        for (rowid, consultation_id, response_id, hex) in stored {
            if known.last == Some((rowid, response_id)) {
                continue;
            }
            known.last = Some((rowid, response_id));
            let bands = Signature::from_hex(&hex).map(|s| s.bands()).unwrap_or_default();
            for band in bands {
                let key = key(consultation_id, band);
                match known.first.entry(key) {
                    Entry::Vacant(first) => {
                        first.insert(response_id);
                    }
                    Entry::Occupied(_) => known.more.entry(key).or_default().push(response_id),
                }
            }
        }
        Ok(())
    }

    /// (offered index, stored response, consultation) for each stored text that may share a band
    /// with an offered one.
    fn sharing(&self, probes: &[(usize, i64, i64)]) -> Vec<(usize, i64, i64)> {
        let known = self.known();
        let mut found: Vec<(usize, i64, i64)> = probes
            .iter()
            .flat_map(|&(i, band, consultation_id)| {
                let key = key(consultation_id, band);
                let more = known.more.get(&key).into_iter().flatten();
                let ids = known.first.get(&key).into_iter().chain(more);
                ids.map(move |&id| (i, id, consultation_id))
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// For each offered response, the group of the text it nearly copies: one stored before (by any
/// instance) or earlier in this batch. A copy joins its original's copy group, so a whole
/// copy-paste campaign is one group; the group of a first copy is its original's id.
pub(super) async fn copy_groups(
    tx: &mut Transaction<'_, Any>,
    rows_of: &str,
    bands: &Bands,
    offered: &[(i64, &NewResponse)],
) -> Result<Vec<Option<i64>>, sqlx::Error> {
    let probes: Vec<(usize, i64, i64)> = offered
        .iter()
        .enumerate()
        .flat_map(|(i, (_, n))| {
            let bands = n.text.as_ref().map(Signature::bands).unwrap_or_default();
            bands.into_iter().map(move |b| (i, b, n.consultation_id))
        })
        .collect();
    // The closest stored original of each: most slots agreeing, then the earliest.
    let mut best: Vec<Option<(usize, i64, i64)>> = vec![None; offered.len()];
    if !probes.is_empty() {
        let candidates = if is_postgres(tx) {
            shared_candidates(tx, rows_of, &probes).await?
        } else {
            bands.catch_up(tx).await?;
            candidates(tx, rows_of, &bands.sharing(&probes)).await?
        };
        for c in candidates {
            let i = c.i as usize;
            let (Some(theirs), Some(mine)) =
                (Signature::from_hex(&c.signature), &offered[i].1.text)
            else {
                continue;
            };
            let agreeing = theirs.agreeing(mine);
            if !mine.is_near_copy_of(&theirs) {
                continue;
            }
            let group = bands.known().group_of.get(&c.response_id).copied().unwrap_or_else(|| {
                copy_group(c.response_id, c.hold_group, HoldReasons::from_bits(c.hold_reasons))
            });
            let closer = best[i].is_none_or(|(a, id, _)| (agreeing, -c.response_id) > (a, -id));
            if closer {
                best[i] = Some((agreeing, c.response_id, group));
            }
        }
    }
    let mut groups: Vec<Option<i64>> = best.into_iter().map(|b| b.map(|(_, _, g)| g)).collect();
    // Earlier in this batch: a copy of a copy joins the same group.
    for i in 0..offered.len() {
        let (_, new) = offered[i];
        let Some(mine) = &new.text else { continue };
        if groups[i].is_some() {
            continue;
        }
        let earlier = (0..i).find(|&j| {
            let other = offered[j].1;
            other.consultation_id == new.consultation_id
                && other.text.as_ref().is_some_and(|theirs| mine.is_near_copy_of(theirs))
        });
        groups[i] = earlier.map(|j| groups[j].unwrap_or(offered[j].0));
    }
    Ok(groups)
}

fn is_postgres(tx: &Transaction<'_, Any>) -> bool {
    tx.backend_name() == "PostgreSQL"
}

/// The stored texts sharing a band with a probe (offered index, band, consultation), by
/// `text_bands`.
async fn shared_candidates(
    tx: &mut Transaction<'_, Any>,
    rows_of: &str,
    probes: &[(usize, i64, i64)],
) -> Result<Vec<Candidate>, sqlx::Error> {
    let sql = format!(
        "SELECT DISTINCT x.i, t.response_id, r.hold_group, r.hold_reasons, s.signature \
         FROM (SELECT CAST(value ->> 0 AS BIGINT) AS i, CAST(value ->> 1 AS BIGINT) AS band, \
         CAST(value ->> 2 AS BIGINT) AS consultation_id FROM {rows_of}) x \
         JOIN text_bands t ON t.consultation_id = x.consultation_id AND t.band = x.band \
         JOIN responses r ON r.id = t.response_id \
         JOIN text_signatures s ON s.response_id = t.response_id"
    );
    sqlx::query_as(&sql).bind(json(probes)?).fetch_all(&mut **tx).await
}

/// The stored texts `sharing` names (offered index, response, consultation), those still stored
/// in that consultation.
async fn candidates(
    tx: &mut Transaction<'_, Any>,
    rows_of: &str,
    sharing: &[(usize, i64, i64)],
) -> Result<Vec<Candidate>, sqlx::Error> {
    if sharing.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT x.i, r.id AS response_id, r.hold_group, r.hold_reasons, s.signature \
         FROM (SELECT CAST(value ->> 0 AS BIGINT) AS i, CAST(value ->> 1 AS BIGINT) AS id, \
         CAST(value ->> 2 AS BIGINT) AS consultation_id FROM {rows_of}) x \
         JOIN responses r ON r.id = x.id AND r.consultation_id = x.consultation_id \
         JOIN text_signatures s ON s.response_id = x.id"
    );
    sqlx::query_as(&sql).bind(json(sharing)?).fetch_all(&mut **tx).await
}

/// The copy group a copy of response `id` joins: the one it is in, if it was held as a copy
/// (alone); else a new one named after it.
fn copy_group(id: i64, hold_group: Option<i64>, reasons: HoldReasons) -> i64 {
    let copy_only = HoldReasons::default().with(HoldReason::Duplicate);
    match hold_group {
        Some(group) if reasons == copy_only => group,
        _ => id,
    }
}

/// The signatures of the responses stored, and on PostgreSQL their bands, so later copies find
/// them (SQLite's [`Bands`] read the signatures).
pub(super) async fn insert(
    tx: &mut Transaction<'_, Any>,
    rows_of: &str,
    fresh: &[(i64, &NewResponse)],
) -> Result<(), sqlx::Error> {
    let signed: Vec<(i64, i64, &Signature)> = fresh
        .iter()
        .filter_map(|(id, n)| n.text.as_ref().map(|s| (*id, n.consultation_id, s)))
        .collect();
    let signatures: Vec<(i64, String)> =
        signed.iter().map(|(id, _, s)| (*id, s.to_hex())).collect();
    let sql = format!(
        "INSERT INTO text_signatures (response_id, signature) \
         SELECT CAST(value ->> 0 AS BIGINT), value ->> 1 FROM {rows_of} WHERE true"
    );
    execute_rows(tx, &sql, &signatures).await?;
    if !is_postgres(tx) {
        return Ok(());
    }
    let bands: Vec<(i64, i64, i64)> = signed
        .iter()
        .flat_map(|(id, consultation_id, s)| {
            s.bands().into_iter().map(move |b| (*consultation_id, b, *id))
        })
        .collect();
    let sql = format!(
        "INSERT INTO text_bands (consultation_id, band, response_id) \
         SELECT CAST(value ->> 0 AS BIGINT), CAST(value ->> 1 AS BIGINT), \
         CAST(value ->> 2 AS BIGINT) FROM {rows_of} WHERE true"
    );
    execute_rows(tx, &sql, &bands).await
}
