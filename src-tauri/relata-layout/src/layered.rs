//! The layered (Sugiyama-style) placement of one connected set of tables, left to right:
//! parents in earlier ranks, children in later ones, long edges through dummy slots so every
//! line runs in free space, and rows aligned so lines stay straight where they can.
//!
//! layout-rs's `VisualGraph` was measured for this step (see `benches/layout.rs` and
//! `docs/benchmarks.md`): it takes about as long for one 40-table group as this module takes
//! for a whole 1,000-table registry, and its ports do not steer placement, so the step is ours.

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::Dfs;

use crate::geometry::{Point, Side};

/// One node to place: a table's box size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub width: f64,
    pub height: f64,
}

/// One line between two nodes. `from` is the parent, which the ranking puts to the left.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Link {
    pub from: usize,
    pub to: usize,
    /// The anchor's y below the top of `from`.
    pub from_y: f64,
    /// The anchor's y below the top of `to`.
    pub to_y: f64,
}

/// Spacing the placement needs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spacing {
    pub node_gap: f64,
    pub rank_gap: f64,
    pub sweeps: usize,
}

/// A routed link: points run from `from`'s anchor to `to`'s anchor.
#[derive(Debug, Clone)]
pub(crate) struct RoutedLink {
    pub points: Vec<Point>,
    pub from_side: Side,
    pub to_side: Side,
}

/// The placement: top-left corners relative to (0, 0), exits, routes and the total size.
#[derive(Debug, Clone)]
pub(crate) struct Placement {
    pub positions: Vec<Point>,
    /// Per node, the x of the free channel left and right of it (its rank gaps), where lines
    /// leaving the group turn without crossing a table.
    pub exits: Vec<(f64, f64)>,
    pub routes: Vec<RoutedLink>,
    pub width: f64,
    pub height: f64,
}

const DUMMY_HEIGHT: f64 = 8.0;
const DUMMY_GAP: f64 = 6.0;
const TRACK_SPACING: f64 = 7.0;
/// How far a turning track keeps from the tables beside its gap: past the end markers.
const MARKER_CLEARANCE: f64 = 25.0;
/// The space kept between two runs that share a track.
const TRACK_CLEARANCE: f64 = 12.0;

/// Places `nodes` in ranks left to right and routes every link through the rank gaps.
pub(crate) fn place(nodes: &[Node], links: &[Link], spacing: Spacing) -> Placement {
    let n = nodes.len();
    if n == 0 {
        return Placement { positions: Vec::new(), exits: Vec::new(), routes: Vec::new(), width: 0.0, height: 0.0 };
    }
    let oriented = orient(n, links);
    let mut rank = ranks(n, links, &oriented);
    wrap_tall_ranks(nodes, links, &oriented, &mut rank, spacing.node_gap);
    let mut graph = VirtualGraph::build(nodes, links, &oriented, &rank);
    graph.order(spacing.sweeps);
    graph.assign_y(spacing.node_gap);
    graph.assign_x(spacing.rank_gap);
    graph.finish(n, links, &oriented)
}

/// Whether each link keeps its direction (`true`) or is reversed to break a cycle. Inside a
/// strongly connected component links follow the depth-first preorder; between components
/// they follow the condensation, which is acyclic, so the result is acyclic.
fn orient(n: usize, links: &[Link]) -> Vec<bool> {
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(n, links.len());
    for _ in 0..n {
        graph.add_node(());
    }
    for l in links {
        graph.add_edge(NodeIndex::new(l.from), NodeIndex::new(l.to), ());
    }
    let mut component = vec![0usize; n];
    for (c, members) in petgraph::algo::tarjan_scc(&graph).iter().enumerate() {
        for m in members {
            component[m.index()] = c;
        }
    }
    let mut preorder = vec![usize::MAX; n];
    let mut next = 0;
    let mut dfs = Dfs::empty(&graph);
    for start in 0..n {
        if preorder[start] != usize::MAX {
            continue;
        }
        dfs.move_to(NodeIndex::new(start));
        while let Some(v) = dfs.next(&graph) {
            if preorder[v.index()] == usize::MAX {
                preorder[v.index()] = next;
                next += 1;
            }
        }
    }
    links
        .iter()
        .map(|l| component[l.from] != component[l.to] || preorder[l.from] < preorder[l.to])
        .collect()
}

/// Longest-path ranks over the oriented links, then sources pulled right next to their
/// nearest child so a lookup table does not sit ranks away from its only user.
fn ranks(n: usize, links: &[Link], oriented: &[bool]) -> Vec<usize> {
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for (l, &keep) in links.iter().zip(oriented) {
        let (a, b) = if keep { (l.from, l.to) } else { (l.to, l.from) };
        if a != b {
            succ[a].push(b);
            indegree[b] += 1;
        }
    }
    // Kahn's algorithm in index order: deterministic.
    let mut topo = Vec::with_capacity(n);
    let mut remaining = indegree.clone();
    let mut queue: std::collections::VecDeque<usize> = (0..n).filter(|&v| remaining[v] == 0).collect();
    while let Some(v) = queue.pop_front() {
        topo.push(v);
        for &w in &succ[v] {
            remaining[w] -= 1;
            if remaining[w] == 0 {
                queue.push_back(w);
            }
        }
    }
    let mut rank = vec![0usize; n];
    for &v in &topo {
        for &w in &succ[v] {
            rank[w] = rank[w].max(rank[v] + 1);
        }
    }
    for &v in topo.iter().rev() {
        if indegree[v] == 0 {
            if let Some(nearest) = succ[v].iter().map(|&w| rank[w]).min() {
                rank[v] = nearest.saturating_sub(1).max(rank[v]);
            }
        }
    }
    rank
}

/// Moves childless tables out of ranks far taller than the group is wide (a star of 300
/// tables around one parent would otherwise be one column 300 tables high) into the ranks
/// after them: a table without children may sit in any rank after its parents.
fn wrap_tall_ranks(nodes: &[Node], links: &[Link], oriented: &[bool], rank: &mut [usize], node_gap: f64) {
    let area: f64 = nodes.iter().map(|v| (v.width + node_gap) * (v.height + node_gap)).sum();
    let tallest = nodes.iter().map(|v| v.height).fold(0.0, f64::max);
    let limit = (2.0 * area.sqrt()).max(tallest + node_gap);
    let mut has_child = vec![false; nodes.len()];
    for (l, &keep) in links.iter().zip(oriented) {
        let parent = if keep { l.from } else { l.to };
        let child = if keep { l.to } else { l.from };
        if parent != child {
            has_child[parent] = true;
        }
    }
    let mut height: Vec<f64> = Vec::new();
    for (v, &r) in rank.iter().enumerate() {
        if height.len() <= r {
            height.resize(r + 1, 0.0);
        }
        height[r] += nodes[v].height + node_gap;
    }
    let mut r = 0;
    while r < height.len() {
        if height[r] > limit {
            for v in 0..nodes.len() {
                if rank[v] == r && !has_child[v] && height[r] > limit {
                    let h = nodes[v].height + node_gap;
                    let mut to = r + 1;
                    while to < height.len() && height[to] + h > limit {
                        to += 1;
                    }
                    if to == height.len() {
                        height.push(0.0);
                    }
                    height[r] -= h;
                    height[to] += h;
                    rank[v] = to;
                }
            }
        }
        r += 1;
    }
}

/// Real nodes plus one dummy per rank a long link passes, in layers.
struct VirtualGraph {
    /// Per virtual node: rank, width, height, and whether it is a dummy.
    rank: Vec<usize>,
    width: Vec<f64>,
    height: Vec<f64>,
    dummy: Vec<bool>,
    /// Per link, its chain of virtual nodes from the left end to the right end.
    chains: Vec<Vec<usize>>,
    /// Per link, the anchor offsets at its left and right ends.
    anchors: Vec<(f64, f64)>,
    /// Neighbours in the previous and the next layer: (node, own anchor y, neighbour anchor y).
    left: Vec<Vec<(usize, f64, f64)>>,
    right: Vec<Vec<(usize, f64, f64)>>,
    layers: Vec<Vec<usize>>,
    /// Position of each virtual node inside its layer.
    position: Vec<usize>,
    y: Vec<f64>,
    x: Vec<f64>,
    rank_x: Vec<f64>,
    rank_width: Vec<f64>,
    /// Per rank gap (after rank r), the x of each track in use, by link segment.
    gap_tracks: Vec<Vec<(usize, usize, f64)>>,
}

impl VirtualGraph {
    fn build(nodes: &[Node], links: &[Link], oriented: &[bool], rank: &[usize]) -> Self {
        let n = nodes.len();
        let mut g = VirtualGraph {
            rank: rank.to_vec(),
            width: nodes.iter().map(|v| v.width).collect(),
            height: nodes.iter().map(|v| v.height).collect(),
            dummy: vec![false; n],
            chains: Vec::with_capacity(links.len()),
            anchors: Vec::with_capacity(links.len()),
            left: Vec::new(),
            right: Vec::new(),
            layers: Vec::new(),
            position: Vec::new(),
            y: Vec::new(),
            x: Vec::new(),
            rank_x: Vec::new(),
            rank_width: Vec::new(),
            gap_tracks: Vec::new(),
        };
        // Long lines from the same row share their dummies: they run as one trunk and part
        // only before their own table, so a column referenced by many tables costs one slot
        // per rank, not one per line.
        let mut shared: std::collections::BTreeMap<(usize, u64, usize), usize> = std::collections::BTreeMap::new();
        for (l, &keep) in links.iter().zip(oriented) {
            let (a, ay, b, by) = if keep { (l.from, l.from_y, l.to, l.to_y) } else { (l.to, l.to_y, l.from, l.from_y) };
            let mut chain = vec![a];
            for r in rank[a] + 1..rank[b] {
                let d = *shared.entry((a, ay.to_bits(), r)).or_insert_with(|| {
                    g.rank.push(r);
                    g.width.push(0.0);
                    g.height.push(DUMMY_HEIGHT);
                    g.dummy.push(true);
                    g.rank.len() - 1
                });
                chain.push(d);
            }
            chain.push(b);
            g.chains.push(chain);
            g.anchors.push((ay, by));
        }
        let total = g.rank.len();
        g.left = vec![Vec::new(); total];
        g.right = vec![Vec::new(); total];
        for (chain, &(ay, by)) in g.chains.iter().zip(&g.anchors) {
            for (i, pair) in chain.windows(2).enumerate() {
                let (p, q) = (pair[0], pair[1]);
                let py = if i == 0 { ay } else { DUMMY_HEIGHT / 2.0 };
                let qy = if i + 2 == chain.len() { by } else { DUMMY_HEIGHT / 2.0 };
                g.right[p].push((q, py, qy));
                g.left[q].push((p, qy, py));
            }
        }
        let layers = g.rank.iter().max().map_or(0, |m| m + 1);
        g.layers = vec![Vec::new(); layers];
        for v in 0..total {
            g.layers[g.rank[v]].push(v);
        }
        g.position = vec![0; total];
        g.renumber();
        g
    }

    fn renumber(&mut self) {
        for layer in &self.layers {
            for (i, &v) in layer.iter().enumerate() {
                self.position[v] = i;
            }
        }
    }

    /// Barycentric ordering sweeps, port-aware: a neighbour counts at its position plus the
    /// fraction of its height where the row sits, so lines from upper rows pull up.
    fn order(&mut self, sweeps: usize) {
        let mut best = self.layers.clone();
        let mut best_crossings = self.crossings();
        for sweep in 0..sweeps {
            let down = sweep % 2 == 0;
            let ranks: Vec<usize> = if down { (1..self.layers.len()).collect() } else { (0..self.layers.len().saturating_sub(1)).rev().collect() };
            for r in ranks {
                let mut keyed: Vec<(f64, usize, usize)> = self.layers[r]
                    .iter()
                    .map(|&v| {
                        let neighbours = if down { &self.left[v] } else { &self.right[v] };
                        let key = if neighbours.is_empty() {
                            self.position[v] as f64
                        } else {
                            let sum: f64 = neighbours
                                .iter()
                                .map(|&(w, _, wy)| self.position[w] as f64 + (wy / self.height[w].max(1.0)).clamp(0.0, 0.99))
                                .sum();
                            sum / neighbours.len() as f64
                        };
                        (key, self.position[v], v)
                    })
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                self.layers[r] = keyed.into_iter().map(|k| k.2).collect();
                for (i, &v) in self.layers[r].iter().enumerate() {
                    self.position[v] = i;
                }
            }
            let crossings = self.crossings();
            if crossings < best_crossings {
                best_crossings = crossings;
                best = self.layers.clone();
            }
        }
        self.layers = best;
        self.renumber();
    }

    /// Crossings between consecutive layers, counting by positions only (inversions).
    fn crossings(&self) -> usize {
        let mut total = 0;
        for layer in &self.layers {
            let mut pairs: Vec<(usize, usize)> = Vec::new();
            for &v in layer {
                for &(w, _, _) in &self.right[v] {
                    pairs.push((self.position[v], self.position[w]));
                }
            }
            pairs.sort_unstable();
            // Inversions of the second coordinate by merge sort: O(E log E).
            let mut seq: Vec<usize> = pairs.iter().map(|p| p.1).collect();
            total += inversions(&mut seq);
        }
        total
    }

    /// Top edges per layer: stacked, then pulled towards the anchors of their neighbours by
    /// isotonic regression (the order and the gaps stay), alternating directions.
    fn assign_y(&mut self, node_gap: f64) {
        self.y = vec![0.0; self.rank.len()];
        for layer in &self.layers {
            let mut y = 0.0;
            for (i, &v) in layer.iter().enumerate() {
                if i > 0 {
                    y += self.gap_between(layer[i - 1], v, node_gap);
                }
                self.y[v] = y;
                y += self.height[v];
            }
        }
        let passes = [Dir::Left, Dir::Right, Dir::Left, Dir::Right, Dir::Both, Dir::Both];
        for dir in passes {
            let order: Vec<usize> = match dir {
                Dir::Right => (0..self.layers.len()).rev().collect(),
                _ => (0..self.layers.len()).collect(),
            };
            for r in order {
                self.align_layer(r, dir, node_gap);
            }
        }
        let top = self.y.iter().copied().fold(f64::INFINITY, f64::min);
        if top.is_finite() {
            for y in &mut self.y {
                *y -= top;
            }
        }
    }

    fn gap_between(&self, a: usize, b: usize, node_gap: f64) -> f64 {
        if self.dummy[a] || self.dummy[b] {
            DUMMY_GAP
        } else {
            node_gap
        }
    }

    fn align_layer(&mut self, r: usize, dir: Dir, node_gap: f64) {
        let layer = &self.layers[r];
        let mut offset = 0.0;
        let mut targets = Vec::with_capacity(layer.len());
        let mut weights = Vec::with_capacity(layer.len());
        let mut offsets = Vec::with_capacity(layer.len());
        for (i, &v) in layer.iter().enumerate() {
            if i > 0 {
                offset += self.height[layer[i - 1]] + self.gap_between(layer[i - 1], v, node_gap);
            }
            let mut sum = 0.0;
            let mut count = 0.0;
            let mut add = |list: &Vec<(usize, f64, f64)>| {
                for &(w, own, theirs) in list {
                    sum += self.y[w] + theirs - own;
                    count += 1.0;
                }
            };
            match dir {
                Dir::Left => add(&self.left[v]),
                Dir::Right => add(&self.right[v]),
                Dir::Both => {
                    add(&self.left[v]);
                    add(&self.right[v]);
                }
            }
            let (target, weight) = if count > 0.0 { (sum / count, count) } else { (self.y[v], 0.05) };
            // Dummies bend lines less when they give way, so they yield to real tables.
            let weight = if self.dummy[v] { weight * 0.5 } else { weight };
            targets.push(target - offset);
            weights.push(weight);
            offsets.push(offset);
        }
        let z = isotonic(&targets, &weights);
        for (i, &v) in layer.iter().enumerate() {
            self.y[v] = z[i] + offsets[i];
        }
    }

    /// Rank columns: each as wide as its widest table, gaps wide enough for the tracks of the
    /// lines that turn in them. Tracks keep clear of the end markers drawn beside tables, and
    /// two turns share a track only where their vertical runs are far apart; lines of one
    /// trunk (the same pair of virtual nodes) share theirs, so they stay one bundle.
    fn assign_x(&mut self, rank_gap: f64) {
        let layers = self.layers.len();
        self.rank_width = self.layers.iter().map(|l| l.iter().map(|&v| self.width[v]).fold(0.0, f64::max)).collect();
        self.gap_tracks = vec![Vec::new(); layers.saturating_sub(1)];
        let mut turning: Vec<Vec<Turn>> = vec![Vec::new(); layers.saturating_sub(1)];
        for (link, chain) in self.chains.iter().enumerate() {
            let (ay, by) = self.anchors[link];
            for (i, pair) in chain.windows(2).enumerate() {
                let (p, q) = (pair[0], pair[1]);
                let py = self.y[p] + if i == 0 { ay } else { DUMMY_HEIGHT / 2.0 };
                let qy = self.y[q] + if i + 2 == chain.len() { by } else { DUMMY_HEIGHT / 2.0 };
                if (py - qy).abs() > 1e-9 {
                    // Only a pair between dummies is a shared trunk; a real end has its own row.
                    // Dummies are shared only by lines from one row, so a pair from or between
                    // dummies is a trunk; a pair into a real table is one only for one row.
                    let key = if self.dummy[q] {
                        (p, q, 0)
                    } else if self.dummy[p] {
                        (p, q, by.to_bits())
                    } else {
                        (usize::MAX - link, i, 0)
                    };
                    turning[self.rank[p]].push((link, i, py, qy, key));
                }
            }
        }
        self.rank_x = Vec::with_capacity(layers);
        let mut x = 0.0;
        for (r, segments) in turning.iter_mut().enumerate().chain(std::iter::once((layers - 1, &mut Vec::new()))) {
            self.rank_x.push(x);
            x += self.rank_width[r];
            if r + 1 < layers {
                // Lines going down take the left tracks in order of their start, lines going
                // up the right ones, so the vertical pieces cross each other as little as can be.
                segments.sort_by(|a, b| {
                    let da = a.3 > a.2;
                    let db = b.3 > b.2;
                    db.cmp(&da).then(a.2.total_cmp(&b.2)).then(a.3.total_cmp(&b.3)).then(a.0.cmp(&b.0))
                });
                // Greedy interval colouring in that order: each turn takes the first track
                // whose runs keep TRACK_CLEARANCE away from its own.
                let mut track_runs: Vec<Vec<(f64, f64)>> = Vec::new();
                let mut keyed: std::collections::HashMap<(usize, usize, u64), usize> = std::collections::HashMap::new();
                let mut slots = Vec::with_capacity(segments.len());
                for s in segments.iter() {
                    if let Some(&k) = keyed.get(&s.4) {
                        slots.push(k);
                        continue;
                    }
                    let (lo, hi) = (s.2.min(s.3) - TRACK_CLEARANCE, s.2.max(s.3) + TRACK_CLEARANCE);
                    let k = track_runs.iter().position(|runs| runs.iter().all(|&(a, b)| b < lo || a > hi)).unwrap_or_else(|| {
                        track_runs.push(Vec::new());
                        track_runs.len() - 1
                    });
                    track_runs[k].push((lo, hi));
                    keyed.insert(s.4, k);
                    slots.push(k);
                }
                let tracks = track_runs.len();
                let gap = (rank_gap + tracks.saturating_sub(1) as f64 * TRACK_SPACING).max(2.0 * MARKER_CLEARANCE + tracks.saturating_sub(1) as f64 * TRACK_SPACING);
                for (s, &k) in segments.iter().zip(&slots) {
                    let tx = if tracks <= 1 { x + gap / 2.0 } else { x + MARKER_CLEARANCE + (gap - 2.0 * MARKER_CLEARANCE) * k as f64 / (tracks - 1) as f64 };
                    self.gap_tracks[r].push((s.0, s.1, tx));
                }
                x += gap;
            }
        }
        self.x = (0..self.rank.len()).map(|v| self.rank_x[self.rank[v]] + (self.rank_width[self.rank[v]] - self.width[v]) / 2.0).collect();
    }

    fn finish(&self, n: usize, links: &[Link], oriented: &[bool]) -> Placement {
        let width = match (self.rank_x.last(), self.rank_width.last()) {
            (Some(x), Some(w)) => x + w,
            _ => 0.0,
        };
        let height = (0..self.rank.len()).map(|v| self.y[v] + self.height[v]).fold(0.0, f64::max);
        let positions = (0..n).map(|v| Point::new(self.x[v], self.y[v])).collect();
        let layers = self.layers.len();
        let exits = (0..n)
            .map(|v| {
                let r = self.rank[v];
                // The first and last ranks open onto the outside (marked by a channel past
                // the placement's edge).
                let left = if r == 0 { -1.0 } else { (self.rank_x[r - 1] + self.rank_width[r - 1] + self.rank_x[r]) / 2.0 };
                let right = if r + 1 >= layers { width + 1.0 } else { (self.rank_x[r] + self.rank_width[r] + self.rank_x[r + 1]) / 2.0 };
                (left.min(self.x[v]), right.max(self.x[v] + self.width[v]))
            })
            .collect();
        let mut track_of = std::collections::BTreeMap::new();
        for tracks in &self.gap_tracks {
            for &(link, segment, tx) in tracks {
                track_of.insert((link, segment), tx);
            }
        }
        let routes = links
            .iter()
            .zip(oriented)
            .enumerate()
            .map(|(link, (_, &keep))| {
                let chain = &self.chains[link];
                let (ay, by) = self.anchors[link];
                let a = chain[0];
                let b = chain[chain.len() - 1];
                let mut points = vec![Point::new(self.x[a] + self.width[a], self.y[a] + ay)];
                for (i, pair) in chain.windows(2).enumerate() {
                    let q = pair[1];
                    let qy = self.y[q] + if i + 2 == chain.len() { by } else { DUMMY_HEIGHT / 2.0 };
                    if let Some(&tx) = track_of.get(&(link, i)) {
                        let py = points[points.len() - 1].y;
                        points.push(Point::new(tx, py));
                        points.push(Point::new(tx, qy));
                    }
                }
                points.push(Point::new(self.x[b], self.y[b] + by));
                let mut route = RoutedLink { points: simplify(points), from_side: Side::Right, to_side: Side::Left };
                // Points run from `from` to `to`; a link reversed to break a cycle was routed
                // the other way round.
                if !keep {
                    route.points.reverse();
                    route.from_side = Side::Left;
                    route.to_side = Side::Right;
                }
                route
            })
            .collect();
        Placement { positions, exits, routes, width, height }
    }
}

/// A line's turn in a rank gap: (link, segment, from y, to y, what shares its track: the
/// virtual pair of a trunk, or the line alone).
type Turn = (usize, usize, f64, f64, (usize, usize, u64));

#[derive(Debug, Clone, Copy)]
enum Dir {
    Left,
    Right,
    Both,
}

/// Drops repeated points and middle points of straight runs.
pub(crate) fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if let Some(last) = out.last() {
            if (last.x - p.x).abs() < 1e-9 && (last.y - p.y).abs() < 1e-9 {
                continue;
            }
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let collinear = ((a.x - b.x).abs() < 1e-9 && (b.x - p.x).abs() < 1e-9) || ((a.y - b.y).abs() < 1e-9 && (b.y - p.y).abs() < 1e-9);
            // Only a run that goes on in the same direction loses its middle point; a line
            // that doubles back keeps it, so its first and last segments keep their sense.
            let onward = (b.x - a.x) * (p.x - b.x) + (b.y - a.y) * (p.y - b.y) > 0.0;
            if collinear && onward {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// Weighted isotonic regression (pool adjacent violators): the non-decreasing sequence
/// closest to `targets` in weighted least squares.
fn isotonic(targets: &[f64], weights: &[f64]) -> Vec<f64> {
    // Blocks of (mean, weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(targets.len());
    for (&t, &w) in targets.iter().zip(weights) {
        blocks.push((t, w, 1));
        while blocks.len() >= 2 && blocks[blocks.len() - 2].0 > blocks[blocks.len() - 1].0 {
            let (m2, w2, c2) = blocks.pop().expect("two blocks");
            let (m1, w1, c1) = blocks.pop().expect("two blocks");
            let w = w1 + w2;
            blocks.push(((m1 * w1 + m2 * w2) / w, w, c1 + c2));
        }
    }
    blocks.into_iter().flat_map(|(m, _, c)| std::iter::repeat_n(m, c)).collect()
}

/// Counts inversions of `seq` by merge sort.
fn inversions(seq: &mut [usize]) -> usize {
    if seq.len() < 2 {
        return 0;
    }
    let mid = seq.len() / 2;
    let mut count = inversions(&mut seq[..mid]) + inversions(&mut seq[mid..]);
    let mut merged = Vec::with_capacity(seq.len());
    let (mut i, mut j) = (0, mid);
    while i < mid && j < seq.len() {
        if seq[i] <= seq[j] {
            merged.push(seq[i]);
            i += 1;
        } else {
            merged.push(seq[j]);
            count += mid - i;
            j += 1;
        }
    }
    merged.extend_from_slice(&seq[i..mid]);
    merged.extend_from_slice(&seq[j..]);
    seq.copy_from_slice(&merged);
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_pools_violators() {
        assert_eq!(isotonic(&[1.0, 3.0, 2.0, 4.0], &[1.0; 4]), vec![1.0, 2.5, 2.5, 4.0]);
    }

    #[test]
    fn inversions_counts_pairs_out_of_order() {
        assert_eq!(inversions(&mut [3, 1, 2]), 2);
    }
}
