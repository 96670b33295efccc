//! A choice question's results: each answer counted overall and by group, each breakdown
//! protected with the participation list it adds up to.

use std::collections::HashMap;

use super::{Answer, Breakdown, ChoiceResult, ChoiceRow, Dimension, Group, Part, Table};
use crate::domain::ids::QuestionId;
use crate::domain::question::{QuestionKind, SCALE};
use crate::domain::suppression::{Shown, protect_list, protect_tables};

use super::aggregate::{Column, GroupList, age_group, mostly_hidden, region_group};
use super::tallies::{ChoiceKey, Tallies};

/// One row of a choice question: what was answered, counted overall and by group.
struct Counted {
    answer: Answer,
    total: u64,
    by_group: HashMap<(Dimension, Group), u64>,
}

pub(super) fn choice(
    question_id: QuestionId,
    kind: &QuestionKind,
    tallies: &Tallies,
    n: u64,
    breakdowns: &[&GroupList],
    k: u64,
) -> ChoiceResult {
    let rows: Vec<(ChoiceKey, Answer)> = match kind {
        QuestionKind::Scale { low_label, high_label } => SCALE
            .map(|value| {
                let label = match value {
                    1 => Some(low_label.clone()),
                    5 => Some(high_label.clone()),
                    _ => None,
                };
                (ChoiceKey::Scale(value), Answer::Scale { value, label })
            })
            .collect(),
        kind => kind
            .options()
            .iter()
            .map(|o| (ChoiceKey::Option(o.id), Answer::Option(o.label.clone())))
            .collect(),
    };
    let mut counted: Vec<Counted> = rows
        .into_iter()
        .map(|(key, answer)| {
            let mut row = Counted { answer, total: 0, by_group: HashMap::new() };
            for t in
                tallies.choices.iter().filter(|t| t.question_id == question_id && t.choice == key)
            {
                row.total += t.count;
                let age = (Dimension::AgeBand, age_group(t.age_band));
                *row.by_group.entry(age).or_default() += t.count;
                let region = (Dimension::Region, region_group(t.region));
                *row.by_group.entry(region).or_default() += t.count;
            }
            row
        })
        .collect();
    let multiple = matches!(kind, QuestionKind::MultipleChoice { .. });
    let (rows, breakdowns) = if multiple {
        multiple_choice(&counted, n, breakdowns, k)
    } else {
        // Those who did not answer complete each column to its group's size.
        let mut no_answer =
            Counted { answer: Answer::NoAnswer, total: 0, by_group: HashMap::new() };
        no_answer.total = n - counted.iter().map(|r| r.total).sum::<u64>();
        for list in breakdowns {
            for &group in &list.groups {
                let answered: u64 =
                    counted.iter().map(|r| r.in_groups(list.dimension, &[group])).sum();
                no_answer.by_group.insert((list.dimension, group), list.size(group) - answered);
            }
        }
        counted.push(no_answer);
        single_choice(&counted, breakdowns, k)
    };
    ChoiceResult { multiple, base: n, rows, breakdowns }
}

/// Each person gave one row: the rows add up to everyone, overall and in every group.
fn single_choice(
    counted: &[Counted],
    lists: &[&GroupList],
    k: u64,
) -> (Part<Vec<ChoiceRow>>, Vec<Breakdown<Table>>) {
    let totals: Vec<u64> = counted.iter().map(|r| r.total).collect();
    let Some(shown) = protect_list(&totals, k) else {
        return (Part::LeftOut, left_out(lists));
    };
    let rows = counted
        .iter()
        .zip(&shown)
        .map(|(r, &count)| ChoiceRow { answer: r.answer.clone(), count })
        .collect();
    let table = |list: &GroupList, columns: &[Column]| -> Vec<Vec<u64>> {
        let row =
            |r: &Counted| columns.iter().map(|c| r.in_groups(list.dimension, &c.members)).collect();
        counted.iter().map(row).collect()
    };
    (Part::Shown(rows), breakdown_tables(lists, &shown, table, k))
}

/// Each option is its own yes or no: chosen by some, not by the rest of everyone.
fn multiple_choice(
    counted: &[Counted],
    n: u64,
    lists: &[&GroupList],
    k: u64,
) -> (Part<Vec<ChoiceRow>>, Vec<Breakdown<Table>>) {
    let mut rows = vec![];
    // Per dimension, the table's rows so far; `None` once any option's table is left out.
    let mut tables: Vec<Option<Table>> = lists
        .iter()
        .map(|_| Some(Table { groups: vec![], sizes: vec![], cells: vec![] }))
        .collect();
    for r in counted {
        let Some(shown) = protect_list(&[r.total, n - r.total], k) else {
            return (Part::LeftOut, left_out(lists));
        };
        rows.push(ChoiceRow { answer: r.answer.clone(), count: shown[0] });
        let table = |list: &GroupList, columns: &[Column]| -> Vec<Vec<u64>> {
            let chosen: Vec<u64> =
                columns.iter().map(|c| r.in_groups(list.dimension, &c.members)).collect();
            let sizes = columns.iter().map(|c| list.size_of(&c.members));
            let not_chosen = sizes.zip(&chosen).map(|(size, c)| size - c).collect();
            vec![chosen, not_chosen]
        };
        for (so_far, breakdown) in tables.iter_mut().zip(breakdown_tables(lists, &shown, table, k))
        {
            match (breakdown.part, so_far.as_mut()) {
                (Part::Shown(table), Some(so_far)) => {
                    so_far.groups = table.groups;
                    so_far.sizes = table.sizes;
                    so_far.cells.push(table.cells[0].clone());
                }
                _ => *so_far = None,
            }
        }
    }
    let breakdowns = lists
        .iter()
        .zip(tables)
        .map(|(list, table)| Breakdown {
            dimension: list.dimension,
            part: table.map_or(Part::LeftOut, Part::Shown),
        })
        .collect();
    (Part::Shown(rows), breakdowns)
}

fn left_out(lists: &[&GroupList]) -> Vec<Breakdown<Table>> {
    lists.iter().map(|l| Breakdown { dimension: l.dimension, part: Part::LeftOut }).collect()
}

impl Counted {
    fn in_groups(&self, dimension: Dimension, groups: &[Group]) -> u64 {
        groups.iter().map(|&g| self.by_group.get(&(dimension, g)).copied().unwrap_or(0)).sum()
    }
}

/// The tables of one set of rows by each dimension, protected together; a dimension whose list
/// is left out, or whose table would be mostly hidden, is left out.
fn breakdown_tables(
    lists: &[&GroupList],
    row_totals: &[Shown],
    table: impl Fn(&GroupList, &[Column]) -> Vec<Vec<u64>>,
    k: u64,
) -> Vec<Breakdown<Table>> {
    let kept: Vec<(&GroupList, Vec<Column>)> =
        lists.iter().filter_map(|l| Some((*l, l.columns(l.shown()?)))).collect();
    let cells: Vec<Vec<Vec<u64>>> = kept.iter().map(|(l, columns)| table(l, columns)).collect();
    // Together if possible; else the first grouping that can be shown alone.
    let protected = protect_tables(&cells, row_totals, k).or_else(|| {
        (0..cells.len()).find_map(|t| {
            let alone = protect_tables(&cells[t..=t], row_totals, k)?;
            Some((0..cells.len()).map(|u| if u == t { alone[0].clone() } else { vec![] }).collect())
        })
    });
    lists
        .iter()
        .map(|list| {
            let at = kept.iter().position(|(l, _)| l.dimension == list.dimension);
            let part = match (at, &protected) {
                (Some(t), Some(shown))
                    if !shown[t].is_empty() && !mostly_hidden_table(&cells[t], &shown[t]) =>
                {
                    let (list, columns) = &kept[t];
                    Part::Shown(Table {
                        groups: columns.iter().map(|c| c.group).collect(),
                        sizes: columns.iter().map(|c| list.size_of(&c.members)).collect(),
                        cells: shown[t].clone(),
                    })
                }
                _ => Part::LeftOut,
            };
            Breakdown { dimension: list.dimension, part }
        })
        .collect()
}

fn mostly_hidden_table(cells: &[Vec<u64>], shown: &[Vec<Shown>]) -> bool {
    let cells: Vec<u64> = cells.iter().flatten().copied().collect();
    let shown: Vec<Shown> = shown.iter().flatten().copied().collect();
    mostly_hidden(&cells, &shown)
}
