//! What a reader takes from the lines, checked: a line that crosses a table or another line's
//! end marker, runs on top of another line or along a frame border says something false. The
//! `verify` pass calls [`check`]; [`bundles`] names the lines that leave one row together and
//! are drawn as one line with their count, the only lines allowed to share a run.

use std::collections::HashMap;

use crate::geometry::{Point, Rect, Side};
use crate::input::{marker_reach, LayoutInput};
use crate::layout::Layout;
use crate::route::EdgeRoute;
use crate::violation::{Violation, OVERLAP_DISTANCE, OVERLAP_LENGTH};

/// Lines that end at one point of one table's side: they leave (or enter) one row together and
/// may share their first run, which is drawn once with the number of lines beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    /// The table the lines end at.
    pub table: usize,
    /// The side of the table they end on.
    pub side: Side,
    /// The shared end point, on the table's side.
    pub at: Point,
    /// The relationships, in input order (at least two).
    pub edges: Vec<usize>,
}

/// Every bundle of `layout`: ends of two or more lines at one point, in order of their first
/// relationship.
pub fn bundles(input: &LayoutInput, layout: &Layout) -> Vec<Bundle> {
    let mut by_anchor: HashMap<(usize, bool, i64), usize> = HashMap::new();
    let mut out: Vec<Bundle> = Vec::new();
    for (e, (edge, route)) in input.edges.iter().zip(&layout.edges).enumerate() {
        let (Some(&first), Some(&last)) = (route.points.first(), route.points.last()) else { continue };
        let ends = [(edge.child, route.child_side, first), (edge.parent, route.parent_side, last)];
        // A self-reference with both ends on one point is one line, not a bundle.
        let count = if edge.child == edge.parent && route.child_side == route.parent_side && same_point(first, last) { 1 } else { 2 };
        for &(table, side, at) in &ends[..count] {
            let key = (table, side == Side::Right, (at.y * 16.0).round() as i64);
            match by_anchor.get(&key) {
                Some(&b) => {
                    if out[b].edges.last() != Some(&e) {
                        out[b].edges.push(e);
                    }
                }
                None => {
                    by_anchor.insert(key, out.len());
                    out.push(Bundle { table, side, at, edges: vec![e] });
                }
            }
        }
    }
    out.retain(|b| b.edges.len() > 1);
    out
}

/// Half the height of an end marker.
const MARKER_HALF_HEIGHT: f64 = 6.0;

/// How far a line keeps clear of a foreign table's border: a line on the border reads as
/// the border, one inside reads as joining a row.
const TABLE_CLEARANCE: f64 = 1.0;

const EPS: f64 = 1e-6;

/// One straight piece of a line.
#[derive(Debug, Clone, Copy)]
struct Piece {
    edge: usize,
    a: Point,
    b: Point,
}

impl Piece {
    fn horizontal(&self) -> bool {
        (self.a.y - self.b.y).abs() < EPS
    }

    fn bbox(&self) -> Rect {
        let (x, y) = (self.a.x.min(self.b.x), self.a.y.min(self.b.y));
        Rect::new(x, y, (self.a.x - self.b.x).abs(), (self.a.y - self.b.y).abs())
    }

    /// Whether the piece meets the interior of `r` (touching its border does not count).
    fn meets(&self, r: &Rect) -> bool {
        let b = self.bbox();
        let (lo_x, hi_x) = (b.x.max(r.x), b.right().min(r.right()));
        let (lo_y, hi_y) = (b.y.max(r.y), b.bottom().min(r.bottom()));
        if self.horizontal() {
            b.y > r.y + EPS && b.y < r.bottom() - EPS && hi_x - lo_x > EPS
        } else {
            b.x > r.x + EPS && b.x < r.right() - EPS && hi_y - lo_y > EPS
        }
    }
}

/// Rectangles bucketed in square cells, so a piece is tested only against its neighbours.
struct Grid {
    origin: Point,
    cell: f64,
    cols: usize,
    rows: usize,
    cells: Vec<Vec<u32>>,
}

impl Grid {
    fn new(bounds: Rect, cell: f64) -> Self {
        let cols = ((bounds.width / cell) as usize + 1).min(1024);
        let rows = ((bounds.height / cell) as usize + 1).min(1024);
        let cell = cell.max(bounds.width / cols as f64).max(bounds.height / rows as f64).max(1.0);
        Grid { origin: Point::new(bounds.x, bounds.y), cell, cols, rows, cells: vec![Vec::new(); cols * rows] }
    }

    fn span(&self, r: &Rect) -> (usize, usize, usize, usize) {
        let at = |v: f64, o: f64, n: usize| (((v - o) / self.cell).floor().max(0.0) as usize).min(n - 1);
        (at(r.x, self.origin.x, self.cols), at(r.right(), self.origin.x, self.cols), at(r.y, self.origin.y, self.rows), at(r.bottom(), self.origin.y, self.rows))
    }

    fn insert(&mut self, id: usize, r: &Rect) {
        let (c0, c1, r0, r1) = self.span(r);
        for row in r0..=r1 {
            for col in c0..=c1 {
                self.cells[row * self.cols + col].push(id as u32);
            }
        }
    }

    /// Ids whose rectangles may meet `r`, each once, into `out` (cleared first).
    fn near(&self, r: &Rect, out: &mut Vec<usize>) {
        out.clear();
        let (c0, c1, r0, r1) = self.span(r);
        for row in r0..=r1 {
            for col in c0..=c1 {
                out.extend(self.cells[row * self.cols + col].iter().map(|&i| i as usize));
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

fn same_point(a: Point, b: Point) -> bool {
    (a.x - b.x).abs() < 0.5 && (a.y - b.y).abs() < 0.5
}

/// The lines' broken promises (see [`crate::verify`]).
pub(crate) fn check(input: &LayoutInput, layout: &Layout) -> Vec<Violation> {
    check_parts(input, &layout.tables, &layout.frames, &layout.edges)
}

/// [`check`] on the parts of a layout: table boxes, frames (by group) and routes.
pub(crate) fn check_parts(input: &LayoutInput, tables_at: &[Rect], frames_at: &[Option<Rect>], routes: &[EdgeRoute]) -> Vec<Violation> {
    let n = input.tables.len();
    let mut pieces: Vec<Piece> = Vec::new();
    for (e, (edge, route)) in input.edges.iter().zip(routes).enumerate() {
        if edge.child >= n || edge.parent >= n || route.points.iter().any(|p| !p.x.is_finite() || !p.y.is_finite()) {
            continue;
        }
        for w in route.points.windows(2) {
            let piece = Piece { edge: e, a: w[0], b: w[1] };
            let straight = (w[0].x - w[1].x).abs() < EPS || piece.horizontal();
            if straight && !same_point(w[0], w[1]) {
                pieces.push(piece);
            }
        }
    }
    let mut out = Vec::new();
    let Some(bounds) = Rect::bounding(pieces.iter().map(|p| p.bbox()).collect::<Vec<_>>().iter()) else { return out };
    let bounds = Rect::bounding(tables_at.iter().chain(frames_at.iter().flatten())).map_or(bounds, |b| b.union(&bounds)).inflate(32.0);
    let mut near = Vec::new();

    // Lines through foreign tables.
    let mut tables = Grid::new(bounds, 256.0);
    for (t, r) in tables_at.iter().enumerate() {
        tables.insert(t, &r.inflate(TABLE_CLEARANCE));
    }
    let mut through: Vec<(usize, usize)> = Vec::new();
    for p in &pieces {
        let edge = &input.edges[p.edge];
        tables.near(&p.bbox(), &mut near);
        for &t in &near {
            if t != edge.child && t != edge.parent && p.meets(&tables_at[t].inflate(TABLE_CLEARANCE)) {
                through.push((p.edge, t));
            }
        }
    }
    through.sort_unstable();
    through.dedup();
    out.extend(through.into_iter().map(|(edge, table)| Violation::LineThroughTable { edge, table }));

    // Lines through other lines' end markers.
    let mut markers: Vec<(Rect, usize, &'static str, Point)> = Vec::new();
    for (e, (edge, route)) in input.edges.iter().zip(routes).enumerate() {
        if edge.child >= n || edge.parent >= n || route.points.len() < 2 {
            continue;
        }
        let ends = [(route.points[0], route.child_side, edge.child_end, "child"), (route.points[route.points.len() - 1], route.parent_side, edge.parent_end, "parent")];
        for (at, side, kind, end) in ends {
            let reach = marker_reach(kind);
            let x = if side == Side::Right { at.x } else { at.x - reach };
            markers.push((Rect::new(x, at.y - MARKER_HALF_HEIGHT, reach, 2.0 * MARKER_HALF_HEIGHT), e, end, at));
        }
    }
    let mut grid = Grid::new(bounds, 256.0);
    for (m, (r, ..)) in markers.iter().enumerate() {
        grid.insert(m, r);
    }
    let mut crossed: Vec<(usize, usize, &'static str)> = Vec::new();
    for p in &pieces {
        grid.near(&p.bbox(), &mut near);
        for &m in &near {
            let (rect, owner, end, at) = markers[m];
            if owner == p.edge || !p.meets(&rect) {
                continue;
            }
            // A line ending at the same point is one of the marker's bundle.
            let route = &routes[p.edge].points;
            if same_point(route[0], at) || same_point(route[route.len() - 1], at) {
                continue;
            }
            crossed.push((p.edge, owner, end));
        }
    }
    crossed.sort_unstable();
    crossed.dedup();
    out.extend(crossed.into_iter().map(|(edge, marker_of, end)| Violation::LineThroughMarker { edge, marker_of, end }));

    // Lines on top of each other.
    out.extend(overlaps(routes, &pieces));

    // Lines along frame borders.
    let mut frames = Grid::new(bounds, 256.0);
    for (g, f) in frames_at.iter().enumerate() {
        if let Some(f) = f {
            frames.insert(g, &f.inflate(OVERLAP_DISTANCE));
        }
    }
    let mut along: Vec<(usize, usize)> = Vec::new();
    for p in &pieces {
        frames.near(&p.bbox(), &mut near);
        for &g in &near {
            let Some(f) = frames_at[g] else { continue };
            let b = p.bbox();
            let (at, lo, hi, borders, extent) = if p.horizontal() {
                (b.y, b.x, b.right(), [f.y, f.bottom()], (f.x, f.right()))
            } else {
                (b.x, b.y, b.bottom(), [f.x, f.right()], (f.y, f.bottom()))
            };
            let run = hi.min(extent.1) - lo.max(extent.0);
            if run > OVERLAP_LENGTH && borders.iter().any(|&border| (at - border).abs() <= OVERLAP_DISTANCE) {
                along.push((p.edge, g));
            }
        }
    }
    along.sort_unstable();
    along.dedup();
    out.extend(along.into_iter().map(|(edge, group)| Violation::LineAlongFrame { edge, group }));
    out
}

/// Pairs of different lines whose parallel pieces run within [`OVERLAP_DISTANCE`] of each
/// other for more than [`OVERLAP_LENGTH`], outside the run they share as one bundle.
fn overlaps(routes: &[EdgeRoute], pieces: &[Piece]) -> Vec<Violation> {
    // (position across, start, end, piece), by position across: pieces that may overlap are
    // neighbours in this order.
    let mut longest: HashMap<(usize, usize), f64> = HashMap::new();
    for horizontal in [true, false] {
        let mut runs: Vec<(f64, f64, f64, usize)> = pieces
            .iter()
            .enumerate()
            .filter(|(_, p)| p.horizontal() == horizontal)
            .map(|(i, p)| {
                let b = p.bbox();
                if horizontal { (b.y, b.x, b.right(), i) } else { (b.x, b.y, b.bottom(), i) }
            })
            .collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        for i in 0..runs.len() {
            let (at, lo, hi, pi) = runs[i];
            for &(at2, lo2, hi2, pj) in &runs[i + 1..] {
                if at2 - at > OVERLAP_DISTANCE {
                    break;
                }
                let (a, b) = (pieces[pi].edge, pieces[pj].edge);
                let (from, to) = (lo.max(lo2), hi.min(hi2));
                if a == b || to - from <= OVERLAP_LENGTH {
                    continue;
                }
                let shared = if (at - at2).abs() < EPS { shared_length(&routes[a].points, &routes[b].points, horizontal, at, from, to) } else { 0.0 };
                let length = to - from - shared;
                if length > OVERLAP_LENGTH {
                    let slot = longest.entry((a.min(b), a.max(b))).or_insert(0.0);
                    *slot = slot.max(length);
                }
            }
        }
    }
    let mut pairs: Vec<((usize, usize), f64)> = longest.into_iter().collect();
    pairs.sort_by_key(|p| p.0);
    pairs.into_iter().map(|((a, b), length)| Violation::LinesOverlap { a, b, length }).collect()
}

/// How much of the run from `from` to `to` (along x when `horizontal`, at `at` across) lies
/// on the piece two lines share from an end they have in common: a bundle drawn once.
fn shared_length(a: &[Point], b: &[Point], horizontal: bool, at: f64, from: f64, to: f64) -> f64 {
    let reversed = |p: &[Point]| p.iter().rev().copied().collect::<Vec<Point>>();
    let (ar, br) = (reversed(a), reversed(b));
    let mut best: f64 = 0.0;
    for (x, y) in [(a, b), (a, &br[..]), (&ar[..], b), (&ar[..], &br[..])] {
        if x.is_empty() || y.is_empty() || !same_point(x[0], y[0]) {
            continue;
        }
        for (p, q) in common_run(x, y) {
            let piece_horizontal = (p.y - q.y).abs() < EPS;
            if piece_horizontal != horizontal {
                continue;
            }
            let (across, lo, hi) = if horizontal { (p.y, p.x.min(q.x), p.x.max(q.x)) } else { (p.x, p.y.min(q.y), p.y.max(q.y)) };
            if (across - at).abs() < EPS {
                best = best.max(hi.min(to) - lo.max(from));
            }
        }
    }
    best
}

/// The pieces two polylines starting at one point follow together from it, until they part.
fn common_run(a: &[Point], b: &[Point]) -> Vec<(Point, Point)> {
    let mut out = Vec::new();
    let (mut i, mut j) = (1, 1);
    let mut at = a[0];
    while i < a.len() && j < b.len() {
        let (da, db) = (direction(at, a[i]), direction(at, b[j]));
        if da.is_none() {
            i += 1;
            continue;
        }
        if db.is_none() {
            j += 1;
            continue;
        }
        if da != db {
            break;
        }
        let (la, lb) = ((a[i].x - at.x).abs() + (a[i].y - at.y).abs(), (b[j].x - at.x).abs() + (b[j].y - at.y).abs());
        let next = if la <= lb { a[i] } else { b[j] };
        out.push((at, next));
        if (la - lb).abs() < EPS {
            i += 1;
            j += 1;
        } else if la < lb {
            i += 1;
        } else {
            j += 1;
        }
        at = next;
    }
    out
}

/// The axis direction from `p` to `q`, or `None` when they are the same point (or not on one
/// axis).
fn direction(p: Point, q: Point) -> Option<(i8, i8)> {
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    let sign = |v: f64| if v > EPS { 1 } else if v < -EPS { -1 } else { 0 };
    match (sign(dx), sign(dy)) {
        (0, 0) => None,
        (x, 0) => Some((x, 0)),
        (0, y) => Some((0, y)),
        _ => None,
    }
}
