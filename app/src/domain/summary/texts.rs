//! A free-text question's results: its themes, each counted alone, with their quotes.

use super::{Dimension, Group, QUOTES_PER_THEME, Quote, TextResult, ThemeResult};
use crate::domain::ids::QuestionId;
use crate::domain::suppression::alone;

use super::aggregate::{GroupList, age_group, region_group};
use super::tallies::{ParticipantTally, QuoteTally, Tallies};

/// Themes overlap (an answer can have several), so each theme's count stands alone.
pub(super) fn text(
    question_id: QuestionId,
    tallies: &Tallies,
    lists: &[GroupList],
    k: u64,
) -> TextResult {
    let approved = tallies.approved.iter().filter(|(q, _)| *q == question_id).map(|(_, n)| n).sum();
    let mut themes: Vec<ThemeResult> = tallies
        .themes
        .iter()
        .filter(|t| t.question_id == question_id)
        .map(|t| ThemeResult { name: t.name.clone(), count: alone(t.count, k), quotes: vec![] })
        .collect();
    // Shown counts first, largest first; hidden ones by name, so their order says nothing.
    themes.sort_by(|a, b| {
        let rank = |t: &ThemeResult| std::cmp::Reverse(t.count.count().map_or(0, |c| c + 1));
        rank(a).cmp(&rank(b)).then_with(|| a.name.cmp(&b.name))
    });
    let mut other_quotes = vec![];
    for q in tallies.quotes.iter().filter(|q| q.question_id == question_id) {
        let groups = quote_groups(q, lists, &tallies.participants, k);
        let quote = Quote::new(q.text.clone(), groups, q.language);
        let mut placed = false;
        for theme in themes.iter_mut().filter(|t| q.themes.contains(&t.name)) {
            if theme.quotes.len() < QUOTES_PER_THEME {
                theme.quotes.push(quote.clone());
            }
            placed = true;
        }
        if !placed && other_quotes.len() < QUOTES_PER_THEME {
            other_quotes.push(quote);
        }
    }
    TextResult { approved: alone(approved, k), themes, other_quotes }
}

/// The groups a quote may carry: each of at least k young people, and both together too.
fn quote_groups(
    quote: &QuoteTally,
    lists: &[GroupList],
    participants: &[ParticipantTally],
    k: u64,
) -> Vec<Group> {
    let size = |dimension: Dimension, group: Group| {
        lists.iter().find(|l| l.dimension == dimension).map_or(0, |l| l.size(group))
    };
    let age = Some(age_group(quote.age_band))
        .filter(|g| *g != Group::NotStated && size(Dimension::AgeBand, *g) >= k);
    let region = Some(region_group(quote.region))
        .filter(|g| *g != Group::NotStated && size(Dimension::Region, *g) >= k);
    match (age, region) {
        (Some(a), Some(r)) => {
            let both: u64 = participants
                .iter()
                .filter(|p| {
                    age_group(p.profile.age_band) == a && region_group(p.profile.region) == r
                })
                .map(|p| p.count)
                .sum();
            if both >= k { vec![a, r] } else { vec![a] }
        }
        (a, r) => a.into_iter().chain(r).collect(),
    }
}
