//! Minimum cell size k: no published count describes fewer than k young people (it reads "fewer
//! than k"), and no hidden count can be worked out from the shown counts and totals.
//!
//! Every published breakdown is a table whose margins are published too: options × groups, with
//! the options' overall counts as row totals and the groups' sizes as column totals. A reader
//! knows every shown number, that a "fewer than k" cell holds 1 to k − 1 (zeros are shown as 0)
//! and that a cell hidden only to protect another holds k or more. A hidden cell is safe when the
//! counts could differ there and still agree with everything shown. Tables of counts with their
//! totals are flows in a small network (each cell an edge, each row and column a node), so that
//! question is whether a circulation exists with the cell held away from its true value.

use serde::{Deserialize, Serialize};

mod max_flow;
mod network;

use network::Network;

/// What a table shows in one cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    Count(u64),
    /// 1 to k − 1 young people.
    FewerThanK,
    /// Hidden so that a "fewer than k" cell cannot be worked out by subtraction.
    Hidden,
}

impl Shown {
    pub fn count(self) -> Option<u64> {
        match self {
            Self::Count(n) => Some(n),
            Self::FewerThanK | Self::Hidden => None,
        }
    }

    /// How a withheld count reads; `None` for a shown one.
    pub fn withheld_text(self, k: u64) -> Option<String> {
        match self {
            Self::Count(_) => None,
            Self::FewerThanK => Some(format!("fewer than {k}")),
            Self::Hidden => Some("hidden".into()),
        }
    }

    fn of(value: u64, k: u64) -> Self {
        if (1..k).contains(&value) { Self::FewerThanK } else { Self::Count(value) }
    }
}

/// A count published alone, adding up to nothing else that is shown.
pub fn alone(value: u64, k: u64) -> Shown {
    Shown::of(value, k)
}

/// A count withheld whatever its size, because shown it would give others away.
pub fn hidden(value: u64, k: u64) -> Shown {
    match Shown::of(value, k) {
        Shown::Count(0) => Shown::Count(0),
        Shown::Count(_) => Shown::Hidden,
        small => small,
    }
}

/// A list of counts and their total, as shown; the total is shown. `None` when no choice of
/// hidden counts keeps the list safe (a total of 11 made of 1 and 10 can only be that).
pub fn protect_list(counts: &[u64], k: u64) -> Option<Vec<Shown>> {
    let total: u64 = counts.iter().sum();
    let mut net = Network::new(2, k);
    for &count in counts {
        net.cell(0, 1, count, None);
    }
    net.cell(1, 0, total, Some(Shown::Count(total)));
    net.protect()?;
    net.shown.truncate(counts.len());
    Some(net.shown)
}

/// The same rows (a question's answers) counted by one or more groupings (age bands, regions):
/// `tables[t][row][column]`. Every table adds up to the same row totals, already published as
/// `row_totals`, and its column totals are shown (groups too small to show are combined into one
/// column before this). The tables are protected together, because a reader can combine them.
/// `None` when no choice of hidden cells keeps them safe.
pub fn protect_tables(
    tables: &[Vec<Vec<u64>>],
    row_totals: &[Shown],
    k: u64,
) -> Option<Vec<Vec<Vec<Shown>>>> {
    let rows = row_totals.len();
    assert!(tables.iter().all(|t| t.len() == rows));
    if tables.is_empty() {
        return Some(vec![]);
    }
    // Two tables sharing their row totals are one circulation: the second table's columns feed
    // the rows, the rows feed the first table's columns. Nodes: the first table's columns and
    // their total, each row as an entry and an exit, the second table's columns and their total.
    let widths: Vec<usize> = tables.iter().map(|t| t.first().map_or(0, Vec::len)).collect();
    assert!(tables.len() <= 2, "at most two groupings share rows in one network");
    let first_total = widths[0];
    let entry = |i: usize| first_total + 1 + i;
    let exit = |i: usize| first_total + 1 + rows + i;
    let second_column = |j: usize| first_total + 1 + 2 * rows + j;
    let second_total = first_total + 1 + 2 * rows + widths.get(1).copied().unwrap_or(0);
    let mut net = Network::new(second_total + 1, k);
    let mut cells = 0;
    for (t, table) in tables.iter().enumerate() {
        for (i, row) in table.iter().enumerate() {
            for (j, &value) in row.iter().enumerate() {
                match t {
                    0 => net.cell(exit(i), j, value, None),
                    _ => net.cell(second_column(j), entry(i), value, None),
                }
                cells += 1;
            }
        }
    }
    let grand: u64 = tables[0].iter().flatten().sum();
    for (i, &shown) in row_totals.iter().enumerate() {
        let sum = tables[0][i].iter().sum();
        net.cell(entry(i), exit(i), sum, Some(shown));
    }
    for (t, table) in tables.iter().enumerate() {
        for j in 0..widths[t] {
            let sum: u64 = table.iter().map(|row| row[j]).sum();
            match t {
                0 => net.cell(j, first_total, sum, Some(Shown::Count(sum))),
                _ => net.cell(second_total, second_column(j), sum, Some(Shown::Count(sum))),
            }
        }
    }
    // With one table, its total flows straight back into the rows' entries.
    if tables.len() == 1 {
        for i in 0..rows {
            net.edges[cells + i].0 = second_total;
        }
    }
    net.cell(first_total, second_total, grand, Some(Shown::Count(grand)));
    net.protect()?;
    net.shown.truncate(cells);
    let mut shown = net.shown.into_iter();
    Some(
        tables
            .iter()
            .zip(&widths)
            .map(|(table, &width)| {
                (0..table.len()).map(|_| shown.by_ref().take(width).collect()).collect()
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use Shown::{Count, FewerThanK, Hidden};
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    #[test]
    fn a_small_count_and_the_next_smallest_are_hidden() {
        assert_eq!(protect_list(&[3, 40, 50], 10).unwrap(), [FewerThanK, Hidden, Count(50)]);
    }

    #[test]
    fn small_counts_whose_sum_is_below_k_hide_one_more() {
        // 3 + 4 = 7 would be a group of fewer than 10.
        assert_eq!(
            protect_list(&[3, 4, 50, 60], 10).unwrap(),
            [FewerThanK, FewerThanK, Hidden, Count(60)]
        );
    }

    #[test]
    fn zeros_and_large_counts_are_shown() {
        assert_eq!(protect_list(&[0, 12, 30], 10).unwrap(), [Count(0), Count(12), Count(30)]);
    }

    #[test]
    fn hidden_counts_that_could_only_be_one_way_hide_more() {
        // 1 + 10 = 11, one being "1 to 9" and the other "10 or more": only 1 and 10 fit.
        assert_eq!(protect_list(&[1, 10, 40], 10).unwrap(), [FewerThanK, Hidden, Hidden]);
    }

    #[test]
    fn a_list_that_can_only_be_one_way_is_refused() {
        assert_eq!(protect_list(&[1, 10], 10), None);
    }

    #[test]
    fn a_table_hides_the_smallest_rectangle_around_a_small_cell() {
        let cells = vec![vec![3, 30, 40], vec![30, 35, 45]];
        let shown = protect_tables(&[cells], &[Count(73), Count(110)], 10).unwrap();
        assert_eq!(
            shown[0],
            [[FewerThanK, Hidden, Count(40)], [Hidden, Hidden, Count(45)]],
            "3 with its row and column partners and the corner they share"
        );
    }

    #[test]
    fn a_table_with_nothing_to_hide_hides_nothing() {
        let cells = vec![vec![10, 20], vec![30, 0]];
        let shown = protect_tables(&[cells], &[Count(30), Count(30)], 10).unwrap();
        assert_eq!(shown[0], [[Count(10), Count(20)], [Count(30), Count(0)]]);
    }

    #[test]
    fn a_table_that_cannot_be_protected_is_refused() {
        // One small cell; the only other cell in its row and column is zero.
        let cells = vec![vec![3, 0], vec![0, 40]];
        assert_eq!(protect_tables(&[cells], &[FewerThanK, Hidden], 10), None);
    }

    #[test]
    fn a_grouping_without_small_cells_stays_whole_beside_one_with_some() {
        let by_age = vec![vec![4, 20, 30], vec![26, 25, 35]];
        let by_region = vec![vec![27, 27], vec![40, 46]];
        let shown = protect_tables(&[by_age, by_region], &[Count(54), Count(86)], 10).unwrap();
        assert_eq!(shown[0][0][0], FewerThanK);
        assert!(shown[1].iter().flatten().all(|s| s.count().is_some()), "{shown:?}");
    }

    /// Every way to fill the hidden cells that agrees with what a reader knows, by brute force:
    /// a check independent of the flow network above. It records, for every cell and every row
    /// total, the values it takes across all those ways.
    struct Search<'a> {
        /// Cells of every table in order: table, row, column.
        places: Vec<(usize, usize, usize)>,
        shown: Vec<Shown>,
        tables: &'a [Vec<Vec<u64>>],
        rows: &'a [Shown],
        k: u64,
        total: u64,
        trial: Vec<u64>,
        /// Cells, then row totals.
        seen: Vec<BTreeSet<u64>>,
    }

    impl Search<'_> {
        fn range(&self, s: Shown) -> std::ops::RangeInclusive<u64> {
            match s {
                Count(v) => v..=v,
                FewerThanK => 1..=self.k - 1,
                Hidden => self.k..=self.total,
            }
        }

        /// Sum of the trial cells of table `t` passing `keep`; cells not tried yet are zero.
        fn sum(&self, t: usize, keep: impl Fn(usize, usize) -> bool) -> u64 {
            let cells = self.places.iter().zip(&self.trial);
            cells.filter(|((tt, i, j), _)| *tt == t && keep(*i, *j)).map(|(_, v)| v).sum()
        }

        fn fill(&mut self, at: usize) {
            if at == self.trial.len() {
                for (c, &v) in self.trial.iter().enumerate() {
                    self.seen[c].insert(v);
                }
                for i in 0..self.rows.len() {
                    let sum = self.sum(0, |ii, _| ii == i);
                    self.seen[self.trial.len() + i].insert(sum);
                }
                return;
            }
            let (t, i, j) = self.places[at];
            let table = &self.tables[t];
            let column_total: u64 = table.iter().map(|row| row[j]).sum();
            let row_range = self.range(self.rows[i]);
            for v in self.range(self.shown[at]) {
                self.trial[at] = v;
                let row = self.sum(t, |ii, _| ii == i);
                let column = self.sum(t, |_, jj| jj == j);
                if row > *row_range.end() || column > column_total {
                    break;
                }
                let row_done = j + 1 == table[i].len();
                let row_fits = !row_done
                    || (row_range.contains(&row)
                        && (t == 0 || row == self.sum(0, |ii, _| ii == i)));
                let column_fits = i + 1 < table.len() || column == column_total;
                if row_fits && column_fits {
                    self.fill(at + 1);
                }
            }
            self.trial[at] = 0;
        }
    }

    fn possible_values(
        tables: &[Vec<Vec<u64>>],
        shown: &[Vec<Vec<Shown>>],
        rows: &[Shown],
        k: u64,
    ) -> Vec<BTreeSet<u64>> {
        let places: Vec<_> = tables
            .iter()
            .enumerate()
            .flat_map(|(t, table)| {
                table
                    .iter()
                    .enumerate()
                    .flat_map(move |(i, row)| (0..row.len()).map(move |j| (t, i, j)))
            })
            .collect();
        let size = places.len();
        let mut search = Search {
            places,
            shown: shown.iter().flatten().flatten().copied().collect(),
            tables,
            rows,
            k,
            total: tables[0].iter().flatten().sum(),
            trial: vec![0; size],
            seen: vec![BTreeSet::new(); size + rows.len()],
        };
        search.fill(0);
        search.seen
    }

    /// One or two small tables of the same rows, the second splitting each row total anew.
    fn small_tables() -> impl Strategy<Value = (Vec<Vec<Vec<u64>>>, u64)> {
        (1usize..=3, 2usize..=3, 0usize..=3, 3u64..=4).prop_flat_map(|(rows, width, second, k)| {
            let first = prop::collection::vec(prop::collection::vec(0u64..=7, width), rows);
            let cuts = prop::collection::vec(
                prop::collection::vec(0u64..=1000, second.saturating_sub(1)),
                rows,
            );
            (first, cuts, Just(second), Just(k)).prop_map(|(first, cuts, second, k)| {
                let mut tables = vec![first.clone()];
                if second >= 2 {
                    let split = first.iter().zip(cuts).map(|(row, cuts)| {
                        let total: u64 = row.iter().sum();
                        let mut bounds: Vec<u64> = cuts.iter().map(|c| c * total / 1000).collect();
                        bounds.extend([0, total]);
                        bounds.sort();
                        bounds.windows(2).map(|w| w[1] - w[0]).collect::<Vec<u64>>()
                    });
                    tables.push(split.collect());
                }
                (tables, k)
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn no_shown_count_of_a_list_describes_fewer_than_k(
            counts in prop::collection::vec(0u64..40, 1..8),
            k in 5u64..=12,
        ) {
            let Some(shown) = protect_list(&counts, k) else { return Ok(()) };
            for (s, &value) in shown.iter().zip(&counts) {
                match s {
                    Count(v) => prop_assert!(*v == value && (value == 0 || value >= k)),
                    FewerThanK => prop_assert!((1..k).contains(&value)),
                    Hidden => prop_assert!(value >= k),
                }
            }
            let hidden: u64 = shown.iter().zip(&counts).filter(|(s, _)| s.count().is_none()).map(|(_, v)| v).sum();
            prop_assert!(hidden == 0 || hidden >= k, "the hidden counts add up to {hidden}");
        }

        #[test]
        fn no_hidden_count_of_a_list_can_be_worked_out(
            counts in prop::collection::vec(0u64..=12, 1..=4),
            k in 3u64..=5,
        ) {
            let Some(shown) = protect_list(&counts, k) else { return Ok(()) };
            // A list is a table of one column whose total is shown.
            let table: Vec<Vec<u64>> = counts.iter().map(|&c| vec![c]).collect();
            let cells: Vec<Vec<Shown>> = shown.iter().map(|&s| vec![s]).collect();
            let possible = possible_values(&[table], &[cells], &shown, k);
            for ((s, &value), possible) in shown.iter().zip(&counts).zip(&possible) {
                prop_assert!(possible.contains(&value));
                if s.count().is_none() {
                    prop_assert!(possible.len() > 1, "{value} can be worked out from {shown:?}");
                }
            }
        }

        #[test]
        fn no_hidden_cell_of_tables_can_be_worked_out((tables, k) in small_tables()) {
            let row_sums: Vec<u64> = tables[0].iter().map(|r| r.iter().sum()).collect();
            let Some(rows) = protect_list(&row_sums, k) else { return Ok(()) };
            if let Some(shown) = protect_tables(&tables, &rows, k) {
                let possible = possible_values(&tables, &shown, &rows, k);
                let values = tables.iter().flatten().flatten().chain(&row_sums);
                let published = shown.iter().flatten().flatten().chain(&rows);
                for ((&value, &s), possible) in values.zip(published).zip(&possible) {
                    prop_assert!(possible.contains(&value));
                    match s {
                        Count(v) => prop_assert!(v == value && (value == 0 || value >= k)),
                        FewerThanK | Hidden => prop_assert!(
                            possible.len() > 1,
                            "{value} can be worked out: {possible:?} in {shown:?} {rows:?}"
                        ),
                    }
                }
            }
        }
    }
}
