//! The last step of routing: every line the fast routes left lying (through a table, through
//! another line's end marker, along a frame border, or on top of another line) is routed again
//! by a shortest path on a sparse grid whose lanes run between tables, beside markers and
//! through the gaps between blocks, away from frame borders and from the other lines.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::geometry::{Point, Rect, Side};
use crate::input::LayoutInput;
use crate::layered::simplify;
use crate::layout::{BlockView, EdgeRoute};
use crate::lines::{self, marker_reach};
use crate::verify::{Violation, OVERLAP_DISTANCE};

/// How far a repaired line keeps from a table of its own blocks.
const TABLE_GAP: f64 = 5.0;
/// How far it keeps from a frame border it runs beside.
const FRAME_GAP: f64 = 4.0;
/// How far a line runs straight out of its row before it may turn: past every end marker.
const STUB: f64 = 23.0;
/// The spacing of the lanes in a free gap.
const LANE: f64 = 6.0;
/// The most lanes drawn through one gap.
const MAX_LANES: usize = 3;
/// How much the search trusts its estimate of the way left (weighted A*): above 1 it finds
/// a way a little longer than the shortest, many times faster.
const WEIGHT: f64 = 5.0;
/// The most states one search takes before it gives up on its window.
const MAX_STATES: usize = 60_000;
/// The states all searches of one layout may take together, per line: a bound on the time
/// repair adds to a layout, whatever the diagram. Lines past it keep their fast route, and
/// `verify` names what is left.
const BUDGET_PER_LINE: usize = 1_500;
/// The smallest budget: small diagrams can afford to search everything.
const MIN_BUDGET: usize = 300_000;
/// What one turn costs, in units of length.
const BEND: f64 = 30.0;
/// What running on top of another line costs per unit of length: a last resort.
const SHARED: f64 = 40.0;

/// Routes again every line of `routes` that [`lines::check`] finds lying, in order; each new
/// route keeps clear of the lines already there. A line with no better route keeps its own.
/// A line in `reused` (kept from the previous layout, already repaired then) is routed again
/// only when it now crosses something: so a re-layout that changes nothing changes no line.
pub(crate) fn repair(input: &LayoutInput, tables: &[Rect], blocks: &[BlockView], block_of: &[usize], reused: &[bool], routes: &mut [EdgeRoute]) {
    let frames: Vec<Option<Rect>> = blocks.iter().map(|b| b.framed.then_some(b.outer)).collect();
    let n = input.tables.len();
    let markers: Vec<(Rect, Point, usize, usize)> = input
        .edges
        .iter()
        .zip(routes.iter())
        .enumerate()
        .filter(|(_, (e, r))| e.child < n && e.parent < n && r.points.len() >= 2)
        .flat_map(|(i, (e, r))| {
            let first = r.points[0];
            let last = r.points[r.points.len() - 1];
            [
                (marker_rect(first, r.child_side, marker_reach(e.child_end)), first, i, block_of[e.child]),
                (marker_rect(last, r.parent_side, marker_reach(e.parent_end)), last, i, block_of[e.parent]),
            ]
        })
        .collect();
    // Lines with both ends on the same points (the same relationship twice, say) are one
    // line to the eye: they are repaired once and share the route.
    let mut twin_of: Vec<usize> = (0..routes.len()).collect();
    let mut first_with: HashMap<(i64, i64, i64, i64), usize> = HashMap::new();
    for (e, r) in routes.iter().enumerate() {
        if let (Some(a), Some(b)) = (r.points.first(), r.points.last()) {
            let key = ((a.x * 8.0).round() as i64, (a.y * 8.0).round() as i64, (b.x * 8.0).round() as i64, (b.y * 8.0).round() as i64);
            twin_of[e] = *first_with.entry(key).or_insert(e);
        }
    }
    let mut lines: Option<Occupancy> = None;
    let mut tried: HashSet<usize> = HashSet::new();
    let mut budget = (BUDGET_PER_LINE * routes.len()).max(MIN_BUDGET);
    // Later rounds take the few lines the earlier ones' new routes met.
    for round in 0..2 {
        let found = lines::check_parts(input, tables, &frames, routes);
        let bad: Vec<usize> = found
            .iter()
            .filter_map(|v| match v {
                Violation::LineThroughTable { edge, .. } | Violation::LineThroughMarker { edge, .. } | Violation::LineAlongFrame { edge, .. } => Some(*edge),
                Violation::LinesOverlap { a, b, .. } => {
                    let fresh = |e: usize| !reused.get(e).copied().unwrap_or(false);
                    match (fresh(*a), fresh(*b)) {
                        (_, true) if !tried.contains(b) => Some(*b),
                        (true, _) => Some(*a),
                        (false, true) => Some(*b),
                        (false, false) => None,
                    }
                }
                _ => None,
            })
            .collect();
        let mut bad: Vec<usize> = bad.into_iter().map(|e| twin_of[e]).collect();
        bad.sort_unstable();
        bad.dedup();
        if bad.is_empty() {
            return;
        }
        let lines = lines.get_or_insert_with(|| Occupancy::new(routes));
        for e in bad {
            if budget == 0 {
                return;
            }
            tried.insert(e);
            let edge = &input.edges[e];
            if edge.child >= n || edge.parent >= n || routes[e].points.len() < 2 {
                continue;
            }
            let route = &routes[e];
            let ends = (route.points[0], route.child_side, route.points[route.points.len() - 1], route.parent_side);
            let own = [block_of[edge.child], block_of[edge.parent]];
            let scene = Surroundings { tables, blocks, block_of, markers: &markers, own, twin_of: &twin_of };
            if let Some(points) = find(&scene, lines, e, ends, round > 0, &mut budget).filter(|p| well_formed(p, ends.1, ends.3)) {
                for twin in (e..routes.len()).filter(|&t| twin_of[t] == e) {
                    lines.replace(twin, &points);
                    routes[twin].points = points.clone();
                }
            }
        }
    }
}

/// Whether `points` is an orthogonal line that leaves its first point and enters its last
/// one horizontally, outwards from the sides given.
fn well_formed(points: &[Point], child: Side, parent: Side) -> bool {
    let n = points.len();
    n >= 2
        && points.windows(2).all(|w| (w[0].x - w[1].x).abs() < 1e-9 || (w[0].y - w[1].y).abs() < 1e-9)
        && (points[0].y - points[1].y).abs() < 1e-9
        && (points[1].x - points[0].x) * child.sign() > 0.0
        && (points[n - 1].y - points[n - 2].y).abs() < 1e-9
        && (points[n - 2].x - points[n - 1].x) * parent.sign() > 0.0
}

fn marker_rect(at: Point, side: Side, reach: f64) -> Rect {
    let x = if side == Side::Right { at.x } else { at.x - reach };
    Rect::new(x, at.y - 6.0, reach, 12.0)
}

/// What a repaired route must avoid.
struct Surroundings<'a> {
    tables: &'a [Rect],
    blocks: &'a [BlockView],
    block_of: &'a [usize],
    /// Every end marker: its box, its anchor, its line and the block of its table.
    markers: &'a [(Rect, Point, usize, usize)],
    /// The blocks of the line's two tables: their tables are avoided one by one, other
    /// blocks as a whole.
    own: [usize; 2],
    /// Per line, the first line with both ends on the same points.
    twin_of: &'a [usize],
}

/// Every line's straight pieces, by position across, to price running on top of them.
struct Occupancy {
    /// (y, x from, x to, edge) of horizontal pieces, by y.
    horizontal: Vec<(f64, f64, f64, usize)>,
    /// (x, y from, y to, edge) of vertical pieces, by x.
    vertical: Vec<(f64, f64, f64, usize)>,
}

impl Occupancy {
    fn new(routes: &[EdgeRoute]) -> Self {
        let mut o = Occupancy { horizontal: Vec::new(), vertical: Vec::new() };
        for (e, r) in routes.iter().enumerate() {
            o.add(e, &r.points);
        }
        let by = |a: &(f64, f64, f64, usize), b: &(f64, f64, f64, usize)| a.0.total_cmp(&b.0);
        o.horizontal.sort_by(by);
        o.vertical.sort_by(by);
        o
    }

    fn add(&mut self, e: usize, points: &[Point]) {
        for w in points.windows(2) {
            if (w[0].y - w[1].y).abs() < 1e-9 {
                insert_sorted(&mut self.horizontal, (w[0].y, w[0].x.min(w[1].x), w[0].x.max(w[1].x), e));
            } else {
                insert_sorted(&mut self.vertical, (w[0].x, w[0].y.min(w[1].y), w[0].y.max(w[1].y), e));
            }
        }
    }

    fn replace(&mut self, e: usize, new: &[Point]) {
        self.horizontal.retain(|p| p.3 != e);
        self.vertical.retain(|p| p.3 != e);
        self.add(e, new);
    }
}

fn insert_sorted(list: &mut Vec<(f64, f64, f64, usize)>, item: (f64, f64, f64, usize)) {
    let at = list.partition_point(|p| p.0 < item.0);
    list.insert(at, item);
}

/// The best route from `ends`' child anchor to its parent anchor, or `None`.
/// `patient` searches wider and longer: for the few lines a first, quick search left lying.
fn find(scene: &Surroundings<'_>, lines: &Occupancy, e: usize, ends: (Point, Side, Point, Side), patient: bool, budget: &mut usize) -> Option<Vec<Point>> {
    let (s, sa, t, sb) = ends;
    let whole = scene.blocks.iter().map(|b| b.outer).chain(scene.tables.iter().copied()).fold(Rect::new(s.x, s.y, 0.0, 0.0), |a, r| a.union(&r)).inflate(80.0);
    // One window around both ends, wide enough to go round a block or two: a smaller one
    // first fails too often (and its search is wasted), a larger one builds a larger grid.
    let (margins, states): (&[f64], usize) = if patient { (&[2400.0, 8000.0], 8 * MAX_STATES) } else { (&[800.0], MAX_STATES) };
    for &margin in margins {
        let reach = |p: Point, side: Side| Point::new(p.x + side.sign() * STUB, p.y);
        let (s1, t1) = (reach(s, sa), reach(t, sb));
        let window = Rect::new(s1.x.min(t1.x), s1.y.min(t1.y), (s1.x - t1.x).abs(), (s1.y - t1.y).abs()).inflate(margin);
        match search(scene, lines, e, (s, sa, t, sb), window, states.min(*budget), budget) {
            Search::Found(path) => return Some(path),
            Search::Walled => return None,
            Search::NoWay if window.contains(&whole) => return None,
            Search::NoWay => {}
        }
    }
    None
}

/// What one search found.
enum Search {
    Found(Vec<Point>),
    /// An end cannot leave its row: no window helps.
    Walled,
    /// No way inside the window.
    NoWay,
}

fn search(scene: &Surroundings<'_>, lines: &Occupancy, e: usize, ends: (Point, Side, Point, Side), window: Rect, max_states: usize, budget: &mut usize) -> Search {
    let (s, sa, t, sb) = ends;
    // Obstacles: the tables of the line's own blocks one by one, other blocks whole (their
    // markers included), and the markers of other lines in the own blocks.
    let mut obstacles: Vec<Rect> = Vec::new();
    for (t_index, r) in scene.tables.iter().enumerate() {
        if scene.own.contains(&scene.block_of[t_index]) && r.inflate(TABLE_GAP).overlaps(&window) {
            obstacles.push(r.inflate(TABLE_GAP));
        }
    }
    let mut borders_x: Vec<f64> = Vec::new();
    let mut borders_y: Vec<f64> = Vec::new();
    for (b, block) in scene.blocks.iter().enumerate() {
        if block.framed && block.outer.inflate(FRAME_GAP).overlaps(&window) {
            borders_x.extend([block.outer.x, block.outer.right()]);
            borders_y.extend([block.outer.y, block.outer.bottom()]);
        }
        if scene.own.contains(&b) {
            continue;
        }
        // An unframed block's end markers reach past its tables.
        let grow = if block.framed { 2.0 * FRAME_GAP } else { 22.0 };
        let r = block.outer.inflate(grow);
        if r.overlaps(&window) {
            obstacles.push(r);
        }
    }
    // Each end runs straight out past the markers, to where its first turn keeps clear of
    // every frame border (a table at the edge of its group is a padding away from one).
    let stub = |p: Point, side: Side| {
        let clear = |x: f64| borders_x.iter().all(|&b| (x - b).abs() >= FRAME_GAP);
        let length = [STUB, STUB + 5.0, STUB + 10.0, STUB + 15.0].into_iter().find(|&l| clear(p.x + side.sign() * l)).unwrap_or(STUB);
        Point::new(p.x + side.sign() * length, p.y)
    };
    let (s1, t1) = (stub(s, sa), stub(t, sb));
    for &(r, at, owner, block) in scene.markers {
        // Markers of other blocks lie inside those blocks' obstacles.
        if owner == e || !scene.own.contains(&block) || same_point(at, s) || same_point(at, t) || !r.overlaps(&window) {
            continue;
        }
        obstacles.push(r.inflate(1.0));
    }
    let inside = |p: Point| obstacles.iter().any(|o| p.x > o.x + 1e-6 && p.x < o.right() - 1e-6 && p.y > o.y + 1e-6 && p.y < o.bottom() - 1e-6);
    if inside(s1) || inside(t1) {
        return Search::Walled;
    }
    let near_border = |v: f64, borders: &[f64]| borders.iter().any(|&b| (v - b).abs() < FRAME_GAP);
    let axis = |fixed: [f64; 2], lo: f64, hi: f64, pick: &dyn Fn(&Rect) -> [f64; 2], borders: &[f64]| {
        let mut v: Vec<f64> = vec![lo, hi];
        for o in &obstacles {
            v.extend(pick(o));
        }
        v.retain(|&c| c >= lo && c <= hi);
        v.sort_by(f64::total_cmp);
        v.dedup_by(|a, b| (*a - *b).abs() < 0.5);
        let mut lanes = Vec::with_capacity(v.len() * 3);
        for w in v.windows(2) {
            let gap = w[1] - w[0];
            // Wide gaps (corridors) get several lanes, narrow ones their middle.
            let count = if gap >= 4.0 * LANE { ((gap / LANE) as usize).saturating_sub(1).min(MAX_LANES) } else { usize::from(gap >= 2.0 * LANE) };
            lanes.extend((1..=count).map(|k| w[0] + gap * k as f64 / (count + 1) as f64));
        }
        v.extend(lanes);
        // The ends' own coordinates stay exact; lanes next to them give way.
        v.retain(|&c| !near_border(c, borders) && fixed.iter().all(|&f| (c - f).abs() >= 0.5));
        v.extend(fixed);
        v.sort_by(f64::total_cmp);
        v.dedup_by(|a, b| *a == *b);
        v
    };
    let xs = axis([s1.x, t1.x], window.x, window.right(), &|o: &Rect| [o.x, o.right()], &borders_x);
    let ys = axis([s1.y, t1.y], window.y, window.bottom(), &|o: &Rect| [o.y, o.bottom()], &borders_y);
    let (nx, ny) = (xs.len(), ys.len());
    let index = |v: f64, axis: &[f64]| axis.iter().position(|&c| (c - v).abs() < 0.5);
    let (Some(sx), Some(sy), Some(tx), Some(ty)) = (index(s1.x, &xs), index(s1.y, &ys), index(t1.x, &xs), index(t1.y, &ys)) else { return Search::NoWay };
    // Per grid row, the x ranges obstacles cover there, merged and sorted: a node is blocked
    // when its x lies strictly inside one. Cheaper than a flag per node on large grids.
    let mut rows: Vec<Vec<(f64, f64)>> = vec![Vec::new(); ny];
    for o in &obstacles {
        let (y0, y1) = (ys.partition_point(|&c| c <= o.y + 1e-6), ys.partition_point(|&c| c < o.bottom() - 1e-6));
        for row in &mut rows[y0..y1] {
            row.push((o.x + 1e-6, o.right() - 1e-6));
        }
    }
    for row in &mut rows {
        row.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut merged: Vec<(f64, f64)> = Vec::with_capacity(row.len());
        for &(a, b) in row.iter() {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        *row = merged;
    }
    let blocked = |node: usize| {
        let (x, row) = (xs[node % nx], &rows[node / nx]);
        let k = row.partition_point(|r| r.0 < x);
        k > 0 && x < row[k - 1].1
    };
    // The other lines' pieces along each grid row and column, so pricing a step scans only
    // the few pieces that lie on its own line.
    let near = |list: &[(f64, f64, f64, usize)], at: f64, lo: f64, hi: f64| -> Vec<(f64, f64)> {
        let start = list.partition_point(|p| p.0 < at - OVERLAP_DISTANCE);
        list[start..].iter().take_while(|p| p.0 <= at + OVERLAP_DISTANCE).filter(|p| scene.twin_of[p.3] != scene.twin_of[e] && p.2 > lo && p.1 < hi).map(|p| (p.1, p.2)).collect()
    };
    let along_rows: Vec<Vec<(f64, f64)>> = ys.iter().map(|&y| near(&lines.horizontal, y, window.x, window.right())).collect();
    let along_columns: Vec<Vec<(f64, f64)>> = xs.iter().map(|&x| near(&lines.vertical, x, window.y, window.bottom())).collect();
    let taken = |list: &[(f64, f64)], from: f64, to: f64| list.iter().map(|&(a, b)| b.min(to) - a.max(from)).fold(0.0, f64::max);
    // A* over (node, direction): 0 right, 1 left, 2 down, 3 up.
    let start_dir = if sa == Side::Right { 0 } else { 1 };
    let end_dir = if sb == Side::Right { 1 } else { 0 };
    let goal = ty * nx + tx;
    // Weighted A*: a little longer than the shortest way at times, found many times faster.
    let h = |node: usize| WEIGHT * ((xs[node % nx] - t1.x).abs() + (ys[node / nx] - t1.y).abs());
    // Only the states the search reaches are stored: a grid can be large, the search narrow.
    let mut best: HashMap<usize, (f64, usize), BuildHasherDefault<StateHasher>> = HashMap::default();
    let mut heap: BinaryHeap<Reverse<(Ordered, usize)>> = BinaryHeap::new();
    let start = (sy * nx + sx) * 4 + start_dir;
    best.insert(start, (0.0, usize::MAX));
    heap.push(Reverse((Ordered(h(sy * nx + sx)), start)));
    let mut done: HashSet<usize, BuildHasherDefault<StateHasher>> = HashSet::default();
    let mut found = None;
    while let Some(Reverse((_, state))) = heap.pop() {
        if !done.insert(state) {
            continue;
        }
        if done.len() > max_states {
            break;
        }
        let (node, dir) = (state / 4, state % 4);
        if node == goal {
            found = Some(state);
            break;
        }
        let (i, j) = (node % nx, node / nx);
        for d in 0..4 {
            let next = match d {
                0 if i + 1 < nx => node + 1,
                1 if i > 0 => node - 1,
                2 if j + 1 < ny => node + nx,
                3 if j > 0 => node - nx,
                _ => continue,
            };
            if (d ^ 1 == dir && d / 2 == dir / 2) || blocked(next) {
                continue;
            }
            let (a, b) = (Point::new(xs[i], ys[j]), Point::new(xs[next % nx], ys[next / nx]));
            let horizontal = d < 2;
            let (from, to) = if horizontal { (a.x.min(b.x), a.x.max(b.x)) } else { (a.y.min(b.y), a.y.max(b.y)) };
            let length = to - from;
            let shared = if horizontal { taken(&along_rows[j], from, to) } else { taken(&along_columns[i], from, to) };
            let mut cost = best[&state].0 + length + shared * SHARED;
            if d != dir {
                cost += BEND;
            }
            if next == goal && d != end_dir {
                cost += BEND;
            }
            let ns = next * 4 + d;
            if best.get(&ns).is_none_or(|b| cost < b.0) {
                best.insert(ns, (cost, state));
                heap.push(Reverse((Ordered(cost + h(next)), ns)));
            }
        }
    }
    *budget = budget.saturating_sub(done.len());
    let Some(mut state) = found else { return Search::NoWay };
    let mut nodes = vec![state / 4];
    while best[&state].1 != usize::MAX {
        state = best[&state].1;
        nodes.push(state / 4);
    }
    nodes.reverse();
    let mut points = vec![s];
    points.extend(nodes.into_iter().map(|node| Point::new(xs[node % nx], ys[node / nx])));
    points.push(t);
    Search::Found(simplify(points))
}

fn same_point(a: Point, b: Point) -> bool {
    (a.x - b.x).abs() < 0.5 && (a.y - b.y).abs() < 0.5
}

/// An `f64` ordered for the heap (costs are never NaN).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Ordered(f64);

impl Eq for Ordered {}

impl PartialOrd for Ordered {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ordered {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// A multiplicative hash for grid states (plain integers): the search hashes millions of
/// them, and SipHash's resistance to chosen keys is not needed here.
#[derive(Default)]
struct StateHasher(u64);

impl Hasher for StateHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}
