//! Maximum flow, the one algorithm the suppression checks need.

/// Edmonds–Karp on a dense capacity matrix: the networks have a few dozen nodes at most.
pub(super) struct MaxFlow {
    capacity: Vec<Vec<i128>>,
}

impl MaxFlow {
    pub(super) fn new(nodes: usize) -> Self {
        Self { capacity: vec![vec![0; nodes]; nodes] }
    }

    pub(super) fn add(&mut self, from: usize, to: usize, capacity: i128) {
        self.capacity[from][to] += capacity;
    }

    pub(super) fn run(&mut self, source: usize, sink: usize) -> i128 {
        let n = self.capacity.len();
        let mut total = 0;
        loop {
            let mut previous = vec![usize::MAX; n];
            previous[source] = source;
            let mut queue = std::collections::VecDeque::from([source]);
            while let Some(u) = queue.pop_front() {
                for (v, before) in previous.iter_mut().enumerate() {
                    if *before == usize::MAX && self.capacity[u][v] > 0 {
                        *before = u;
                        queue.push_back(v);
                    }
                }
            }
            if previous[sink] == usize::MAX {
                return total;
            }
            let mut push = i128::MAX;
            let mut v = sink;
            while v != source {
                push = push.min(self.capacity[previous[v]][v]);
                v = previous[v];
            }
            let mut v = sink;
            while v != source {
                let u = previous[v];
                self.capacity[u][v] -= push;
                self.capacity[v][u] += push;
                v = u;
            }
            total += push;
        }
    }
}
