//! Near-copies of free text across a consultation (`domain::integrity::near_copy`), found by
//! every instance on one database: each stored text leaves its signature in `text_signatures`
//! and the signature's bands in `text_bands`, to find candidates by.

use sqlx::{Any, FromRow, Transaction};

use super::responses::{NewResponse, execute_rows, json};
use crate::domain::integrity::near_copy::Signature;
use crate::domain::integrity::{HoldReason, HoldReasons};

#[derive(FromRow)]
struct Candidate {
    i: i64,
    response_id: i64,
    hold_group: Option<i64>,
    hold_reasons: i64,
    signature: String,
}

/// For each offered response, the group of the text it nearly copies: one stored before (by any
/// instance) or earlier in this batch. A copy joins its original's copy group, so a whole
/// copy-paste campaign is one group; the group of a first copy is its original's id.
pub(super) async fn copy_groups(
    tx: &mut Transaction<'_, Any>,
    rows_of: &str,
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
        let sql = format!(
            "SELECT DISTINCT x.i, t.response_id, r.hold_group, r.hold_reasons, s.signature \
             FROM (SELECT CAST(value ->> 0 AS BIGINT) AS i, CAST(value ->> 1 AS BIGINT) AS band, \
             CAST(value ->> 2 AS BIGINT) AS consultation_id FROM {rows_of}) x \
             JOIN text_bands t ON t.consultation_id = x.consultation_id AND t.band = x.band \
             JOIN responses r ON r.id = t.response_id \
             JOIN text_signatures s ON s.response_id = t.response_id"
        );
        let candidates: Vec<Candidate> =
            sqlx::query_as(&sql).bind(json(&probes)?).fetch_all(&mut **tx).await?;
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
            let group =
                copy_group(c.response_id, c.hold_group, HoldReasons::from_bits(c.hold_reasons));
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

/// The copy group a copy of response `id` joins: the one it is in, if it was held as a copy
/// (alone); else a new one named after it.
fn copy_group(id: i64, hold_group: Option<i64>, reasons: HoldReasons) -> i64 {
    let copy_only = HoldReasons::default().with(HoldReason::Duplicate);
    match hold_group {
        Some(group) if reasons == copy_only => group,
        _ => id,
    }
}

/// The signatures and bands of the responses stored, so later copies find them.
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
