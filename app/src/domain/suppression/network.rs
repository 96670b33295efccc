//! The shown and hidden counts of published tables as one circulation network, and the test of
//! whether a hidden count is safe: could it differ and still agree with everything shown?

use super::Shown;
use super::max_flow::MaxFlow;

/// Counts as edges of a circulation: each node's incoming counts equal its outgoing ones.
pub(super) struct Network {
    nodes: usize,
    k: u64,
    pub(super) edges: Vec<(usize, usize)>,
    values: Vec<u64>,
    pub(super) shown: Vec<Shown>,
    /// Published elsewhere already: never hidden here.
    fixed: Vec<bool>,
}

impl Network {
    pub(super) fn new(nodes: usize, k: u64) -> Self {
        Self { nodes, k, edges: vec![], values: vec![], shown: vec![], fixed: vec![] }
    }

    pub(super) fn cell(&mut self, from: usize, to: usize, value: u64, fixed: Option<Shown>) {
        self.edges.push((from, to));
        self.values.push(value);
        self.shown.push(fixed.unwrap_or(Shown::of(value, self.k)));
        self.fixed.push(fixed.is_some());
    }

    /// Hides further cells until every hidden one is safe; `None` if that is impossible.
    pub(super) fn protect(&mut self) -> Option<()> {
        loop {
            let chosen = if let Some(cell) = (0..self.edges.len()).find(|&c| !self.safe(c)) {
                let (from, to) = self.edges[cell];
                let cycle = self.cheapest_cycle(cell);
                if cycle.is_empty() {
                    // Already on a cycle of hidden cells whose values are pinned by their bounds.
                    vec![*self.hide_candidates(&[from, to]).first()?]
                } else {
                    cycle
                }
            } else if let Some(node) = (0..self.nodes).find(|&n| self.small_hidden_sum(n)) {
                vec![*self.hide_candidates(&[node]).first()?]
            } else {
                return Some(());
            };
            for c in chosen {
                self.shown[c] = Shown::Hidden;
            }
        }
    }

    /// The shown cells to hide so that `cell` lies on a cycle of hidden cells, along which counts
    /// can shift while every total stays the same: the cheapest such path between its two ends,
    /// where a hidden cell costs nothing and a shown one its count. Empty if none is needed or
    /// none exists.
    fn cheapest_cycle(&self, cell: usize) -> Vec<usize> {
        let (start, goal) = self.edges[cell];
        let mut cost = vec![u64::MAX; self.nodes];
        let mut via: Vec<Option<usize>> = vec![None; self.nodes];
        let mut done = vec![false; self.nodes];
        cost[start] = 0;
        while let Some(node) =
            (0..self.nodes).filter(|&n| !done[n] && cost[n] < u64::MAX).min_by_key(|&n| cost[n])
        {
            done[node] = true;
            for (c, &(a, b)) in self.edges.iter().enumerate() {
                let step = match self.shown[c] {
                    _ if c == cell => continue,
                    Shown::FewerThanK | Shown::Hidden => 0,
                    Shown::Count(v) if v > 0 && !self.fixed[c] => v,
                    Shown::Count(_) => continue,
                };
                let next = match node {
                    n if n == a => b,
                    n if n == b => a,
                    _ => continue,
                };
                if cost[node] + step < cost[next] {
                    cost[next] = cost[node] + step;
                    via[next] = Some(c);
                }
            }
        }
        let mut path = vec![];
        let mut node = goal;
        while let Some(c) = via[node] {
            if self.shown[c].count().is_some() {
                path.push(c);
            }
            let (a, b) = self.edges[c];
            node = if node == a { b } else { a };
        }
        path
    }

    /// Shown, non-zero cells at these nodes that may still be hidden, smallest first.
    fn hide_candidates(&self, nodes: &[usize]) -> Vec<usize> {
        let mut candidates: Vec<usize> = (0..self.edges.len())
            .filter(|&c| {
                let (from, to) = self.edges[c];
                !self.fixed[c]
                    && matches!(self.shown[c], Shown::Count(v) if v > 0)
                    && (nodes.contains(&from) || nodes.contains(&to))
            })
            .collect();
        candidates.sort_by_key(|&c| self.values[c]);
        candidates
    }

    /// When every hidden cell at a node is on the same side, their sum can be worked out: hidden
    /// small groups whose sum is itself below k would show that sum.
    fn small_hidden_sum(&self, node: usize) -> bool {
        let (mut incoming, mut outgoing) = ((0, 0u64), (0, 0u64));
        for (c, &(from, to)) in self.edges.iter().enumerate() {
            if self.shown[c].count().is_some() {
                continue;
            }
            for (end, side) in [(to, &mut incoming), (from, &mut outgoing)] {
                if end == node {
                    side.0 += 1;
                    side.1 += self.values[c];
                }
            }
        }
        let sum = match (incoming.0, outgoing.0) {
            (0, 0) => return false,
            (_, 0) => incoming.1,
            (0, _) => outgoing.1,
            _ => return false,
        };
        (1..self.k).contains(&sum)
    }

    /// Shown cells are safe; a hidden one is safe if its value could be different.
    fn safe(&self, cell: usize) -> bool {
        if let Shown::Count(_) = self.shown[cell] {
            return true;
        }
        let value = self.values[cell];
        let (low, high) = self.bounds(cell);
        (low < value && self.feasible(cell, (low, value - 1)))
            || (value < high && self.feasible(cell, (value + 1, high)))
    }

    /// What a reader knows a cell holds.
    fn bounds(&self, cell: usize) -> (u64, u64) {
        match self.shown[cell] {
            Shown::Count(v) => (v, v),
            Shown::FewerThanK => (1, self.k - 1),
            Shown::Hidden => (self.k, UNBOUNDED),
        }
    }

    /// Whether counts exist that agree with everything shown, with `cell` within `range`.
    /// A circulation with lower bounds, checked as a maximum flow from a source to a sink.
    fn feasible(&self, cell: usize, range: (u64, u64)) -> bool {
        let (source, sink) = (self.nodes, self.nodes + 1);
        let mut flow = MaxFlow::new(self.nodes + 2);
        let mut excess = vec![0i128; self.nodes];
        for (c, &(from, to)) in self.edges.iter().enumerate() {
            let (low, high) = if c == cell { range } else { self.bounds(c) };
            flow.add(from, to, i128::from(high - low));
            excess[to] += i128::from(low);
            excess[from] -= i128::from(low);
        }
        let mut needed = 0;
        for (node, &e) in excess.iter().enumerate() {
            if e > 0 {
                flow.add(source, node, e);
                needed += e;
            } else if e < 0 {
                flow.add(node, sink, -e);
            }
        }
        flow.run(source, sink) == needed
    }
}

/// Larger than any count, small enough to add up without overflow.
const UNBOUNDED: u64 = 1 << 48;
