//! Lines between blocks and the special cases: every line leaves its child row and enters its
//! parent row horizontally, turns in the free channels beside tables, and runs between
//! blocks in the corridors the packing leaves (beside a block, between shelves).
//!
//! A line between blocks on shelves is a chain of lanes: out of its row to the channel beside
//! its table, along the free strip between the block's inner shelves (or the frame's padding)
//! to the corridor beside the block, through the gaps between shelves and between the blocks
//! of every shelf it passes, and into the other block the same way. Each lane has a range
//! (the free channel it lies in, kept clear of frame borders and end markers) and the line
//! takes the first place in that range no earlier line runs along ([`Lanes`]), so lines
//! never cross a foreign table by construction and never run on top of each other while a
//! channel has room. Lines a re-layout keeps are taken first, so a line routed again never
//! moves another.

use std::collections::HashMap;

use crate::geometry::{Point, Rect, Side};
use crate::input::{EdgeInput, LayoutInput, LayoutOptions};
use crate::layered::simplify;
use crate::blocks::{BlockView, Exit as TableExit, Placed as PlacedBlock};
use crate::input::MARKER_REACH;


/// One relationship line. Points run from the child's anchor to the parent's; the first and
/// last segments are horizontal, so the line leaves and enters at the row.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeRoute {
    /// The polyline, orthogonal (every segment horizontal or vertical).
    pub points: Vec<Point>,
    /// The child's side the line starts on.
    pub child_side: Side,
    /// The parent's side the line ends on.
    pub parent_side: Side,
    /// Child rows the relationship joins (all columns of a composite key), to be marked.
    pub child_rows: Vec<usize>,
    /// Parent rows the relationship joins.
    pub parent_rows: Vec<usize>,
}

/// The placed diagram routing works on.
pub(crate) struct Scene<'a> {
    pub tables: &'a [Rect],
    pub exits: &'a [TableExit],
    pub placed: &'a [PlacedBlock],
    pub block_of: &'a [usize],
}

/// Routes every edge: lines placed with their block are moved into place, the rest routed here.
/// `reuse` gives the previous route of a line whose blocks did not change.
pub(crate) fn route_all(input: &LayoutInput, options: &LayoutOptions, scene: &Scene<'_>, reuse: &dyn Fn(usize) -> Option<EdgeRoute>) -> Vec<EdgeRoute> {
    let mut routes: Vec<Option<EdgeRoute>> = vec![None; input.edges.len()];
    for block in scene.placed {
        for (e, points, child_side, parent_side) in block.inner_routes() {
            let edge = &input.edges[e];
            routes[e] = Some(EdgeRoute { points, child_side, parent_side, child_rows: edge.child_rows.clone(), parent_rows: edge.parent_rows.clone() });
        }
    }
    for (e, route) in routes.iter_mut().enumerate() {
        if route.is_none() {
            *route = reuse(e);
        }
    }
    // The lanes every kept line holds are taken before any line is routed anew.
    let mut lanes = Lanes::default();
    for route in routes.iter().flatten() {
        lanes.take(&route.points);
    }
    let shelves = Shelves::of(options, scene);
    let mut ends = Ends::new();
    // Lines between the same two rows are drawn as one: the first one's route.
    let mut twins: HashMap<(usize, Option<usize>, usize, Option<usize>), EdgeRoute> = HashMap::new();
    let keep = |way: Lanned, lanes: &mut Lanes, ends: &mut Ends| {
        for (a, b, end) in way.pieces {
            lanes.take_piece(a, b, end);
        }
        for (key, at) in way.shared {
            ends.entry(key).or_insert(at);
        }
        way.route
    };
    routes
        .into_iter()
        .enumerate()
        .map(|(e, r)| {
            r.unwrap_or_else(|| {
                let edge = &input.edges[e];
                let twin = (edge.child, edge.child_row(), edge.parent, edge.parent_row());
                if let Some(route) = twins.get(&twin) {
                    return EdgeRoute { child_rows: edge.child_rows.clone(), parent_rows: edge.parent_rows.clone(), ..route.clone() };
                }
                // The sides facing each other first; when a channel on the way is full, the
                // other sides, and of all the ways the one that overflows fewest channels.
                let mut best: Option<Lanned> = None;
                let flips = [(false, false), (false, true), (true, false), (true, true)];
                for (flip, other_way) in flips.iter().map(|&f| (f, false)).chain(flips.iter().map(|&f| (f, true))) {
                    let Some(way) = route_in_lanes(input, options, scene, &shelves, &lanes, &ends, e, flip, other_way) else {
                        break;
                    };
                    let done = way.overflow == 0;
                    if best.as_ref().is_none_or(|b| way.overflow < b.overflow) {
                        best = Some(way);
                    }
                    if done {
                        break;
                    }
                }
                let route = match best {
                    Some(way) => keep(way, &mut lanes, &mut ends),
                    None => {
                        let route = route_one(input, options, scene, &lanes, e);
                        lanes.take(&route.points);
                        route
                    }
                };
                twins.insert(twin, route.clone());
                route
            })
        })
        .collect()
}

/// How close two parallel pieces of line may lie before they read as one (a little more
/// than verify's limit, so rounding never brings two lanes within it).
const LANE_NEAR: f64 = 2.25;
/// The narrowest band free of a block's tables that lines run along to leave the block.
const MIN_STRIP: f64 = 30.0;
/// The distance between neighbouring lanes of one channel.
pub(crate) const LANE_STEP: f64 = 2.5;
/// How far apart two pieces in one lane must end, so they never read as one line.
pub(crate) const LANE_CLEARANCE: f64 = 6.0;
/// How far a lane keeps from a frame border or a table border beside it.
const BORDER_CLEARANCE: f64 = 4.0;
/// How far a lane keeps from the side of a table with no frame around it: past its end
/// markers (21 wide).
const MARKER_CLEARANCE: f64 = 24.0;
/// How far a lane in a rank gap may move from the gap's middle at most.
const CHANNEL_REACH: f64 = 40.0;
/// How far a lane in a rank gap may move from the gap's middle while staying clear of the
/// end markers of the tables on both sides (the narrowest gap is 56 wide).
const RANK_GAP_REACH: f64 = 6.0;

/// The pieces of line already laid, by orientation, bucketed by their rounded position
/// across, so a new piece finds its neighbours in constant time.
#[derive(Default)]
struct Lanes {
    horizontal: HashMap<i64, Vec<Piece>>,
    vertical: HashMap<i64, Vec<Piece>>,
}

/// A piece of line laid: where across, from and to along, and the row end it leaves from
/// when it is on the lanes lines out of one row share (else `None`).
#[derive(Debug, Clone, Copy)]
struct Piece {
    at: f64,
    lo: f64,
    hi: f64,
    end: Option<EndKey>,
}

/// A row end: table, right side, y in 1/16 units.
type EndKey = (usize, bool, i64);

impl Lanes {
    /// Records every piece of `points`, none of them on shared lanes.
    fn take(&mut self, points: &[Point]) {
        for w in points.windows(2) {
            self.take_piece(w[0], w[1], None);
        }
    }

    fn take_piece(&mut self, a: Point, b: Point, end: Option<EndKey>) {
        if (a.y - b.y).abs() < 1e-9 && (a.x - b.x).abs() > 1e-9 {
            self.horizontal.entry(a.y.round() as i64).or_default().push(Piece { at: a.y, lo: a.x.min(b.x), hi: a.x.max(b.x), end });
        } else if (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() > 1e-9 {
            self.vertical.entry(a.x.round() as i64).or_default().push(Piece { at: a.x, lo: a.y.min(b.y), hi: a.y.max(b.y), end });
        }
    }

    /// Whether a piece at `at` across, from `lo` to `hi` along, lies clear of every piece laid
    /// but those on the shared lanes out of row end `except`.
    fn free(&self, vertical: bool, at: f64, lo: f64, hi: f64, except: Option<EndKey>) -> bool {
        let map = if vertical { &self.vertical } else { &self.horizontal };
        let (from, to) = ((at - LANE_NEAR).floor() as i64, (at + LANE_NEAR).ceil() as i64);
        (from..=to).all(|k| {
            map.get(&k).is_none_or(|pieces| {
                pieces.iter().all(|p| (p.at - at).abs() > LANE_NEAR || p.hi.min(hi) - p.lo.max(lo) < -LANE_CLEARANCE || (except.is_some() && p.end == except))
            })
        })
    }

    /// The place for a piece in `lane` from `lo` to `hi` along: the wanted place if free, else
    /// the nearest free one in the lane's range, stepping outwards. When the range is full,
    /// the wanted place and `false` (verify then names the overlap).
    fn place(&self, vertical: bool, lane: Lane, lo: f64, hi: f64) -> (f64, bool) {
        let want = lane.want.clamp(lane.lo, lane.hi);
        let mut k = 0.0;
        loop {
            let (below, above) = (want - k * LANE_STEP, want + k * LANE_STEP);
            if below < lane.lo - 1e-9 && above > lane.hi + 1e-9 {
                return (want, false);
            }
            for at in [above, below] {
                if at >= lane.lo - 1e-9 && at <= lane.hi + 1e-9 && self.free(vertical, at, lo, hi, None) {
                    return (at, true);
                }
            }
            k += 1.0;
        }
    }
}

/// The lanes taken by the first line out of each row (table, right side, y in 1/16 units):
/// from the row to the corridor beside the block, in that order.
type Ends = HashMap<EndKey, Vec<f64>>;

/// Where one piece of a line may lie across: its range and the place it would like.
#[derive(Debug, Clone, Copy)]
struct Lane {
    want: f64,
    lo: f64,
    hi: f64,
}

impl Lane {
    fn fixed(at: f64) -> Lane {
        Lane { want: at, lo: at, hi: at }
    }

    /// The range from `a` to `b` (either order), wanting its middle; one point when empty.
    fn between(a: f64, b: f64) -> Lane {
        let (lo, hi) = (a.min(b), a.max(b));
        Lane { want: (lo + hi) / 2.0, lo, hi }
    }

    /// The lane in a channel from `a` to `b`, `margin` in from both: its middle alone when the
    /// channel is too narrow.
    fn inside(a: f64, b: f64, margin: (f64, f64)) -> Lane {
        let (lo, hi) = (a + margin.0, b - margin.1);
        if lo <= hi {
            Lane::between(lo, hi)
        } else {
            Lane::fixed((a + b) / 2.0)
        }
    }
}

/// The shelves of the packing: each one's band, the ways through it (the corridors between
/// its blocks and past its ends, left to right) and where each block stands on it; and each
/// block's strips. Worked out once per routing, so a line only looks them up.
struct Shelves {
    bands: Vec<(f64, f64)>,
    ways: Vec<Vec<Lane>>,
    /// Per block: its place on its shelf (the way left of it has that index).
    at: Vec<usize>,
    strips: Vec<Vec<Lane>>,
}

impl Shelves {
    fn of(options: &LayoutOptions, scene: &Scene<'_>) -> Shelves {
        let mut blocks: Vec<Vec<usize>> = Vec::new();
        let mut bands = Vec::new();
        for (b, placed) in scene.placed.iter().enumerate() {
            let view = placed.view();
            if let Some(s) = view.shelf {
                if bands.len() <= s {
                    bands.resize(s + 1, (f64::NAN, f64::NAN));
                    blocks.resize(s + 1, Vec::new());
                }
                // A block whose pinned table grew its frame past the shelf's band (see
                // `slotted_block`) widens the band for all the lanes beside it.
                bands[s] = if bands[s].0.is_nan() { view.band } else { (bands[s].0.min(view.band.0), bands[s].1.max(view.band.1)) };
                blocks[s].push(b);
            }
        }
        let mut at = vec![0; scene.placed.len()];
        let mut ways: Vec<Vec<Lane>> = Vec::with_capacity(blocks.len());
        for shelf in &mut blocks {
            shelf.sort_by_key(|&b| scene.placed[b].view().slot);
            let views: Vec<BlockView> = shelf.iter().map(|&b| scene.placed[b].view()).collect();
            for (i, &b) in shelf.iter().enumerate() {
                at[b] = i;
            }
            ways.push(
                (0..=views.len())
                    .map(|i| match (i.checked_sub(1).map(|j| &views[j]), views.get(i)) {
                        (None, Some(n)) => Lane::inside(n.outer.x - options.block_gap, n.outer.x, (BORDER_CLEARANCE, side_margin(n))),
                        (Some(p), None) => Lane::inside(p.outer.right(), p.outer.right() + options.block_gap, (side_margin(p), BORDER_CLEARANCE)),
                        (Some(p), Some(n)) => Lane::inside(p.outer.right(), n.outer.x, (side_margin(p), side_margin(n))),
                        (None, None) => Lane::fixed(0.0),
                    })
                    .collect(),
            );
        }
        // A shelf whose every block left it (a re-layout placed its one block as a pinned one)
        // has no band of its own: it becomes a line across the middle of the gap its
        // neighbours leave, which lines cross anywhere along the diagram's width.
        if bands.iter().any(|b| b.0.is_nan()) {
            let known: Vec<(usize, (f64, f64))> = bands.iter().copied().enumerate().filter(|(_, b)| !b.0.is_nan()).collect();
            let (left, right) = scene.placed.iter().map(|p| p.view().outer).fold((0.0f64, 0.0f64), |(l, r), o| (l.min(o.x), r.max(o.right())));
            for s in 0..bands.len() {
                if !bands[s].0.is_nan() {
                    continue;
                }
                let above = known.iter().rev().find(|(k, _)| *k < s).map(|(_, b)| b.1);
                let below = known.iter().find(|(k, _)| *k > s).map(|(_, b)| b.0);
                let y = match (above, below) {
                    (Some(a), Some(b)) => (a + b) / 2.0,
                    (Some(a), None) => a + options.block_gap / 2.0,
                    (None, Some(b)) => b - options.block_gap / 2.0,
                    (None, None) => 0.0,
                };
                bands[s] = (y, y);
                ways[s] = vec![Lane::between(left - options.block_gap / 2.0, right + options.block_gap / 2.0)];
            }
        }
        let strips = (0..scene.placed.len()).map(|b| strips(options, scene, b)).collect();
        Shelves { bands, ways, at, strips }
    }
}

/// How far a lane beside a block's side keeps from it.
fn side_margin(view: &BlockView) -> f64 {
    if view.framed {
        BORDER_CLEARANCE
    } else {
        MARKER_CLEARANCE
    }
}

/// The corridor beside block `b` on `side`: between it and its neighbour on the shelf (or a
/// block gap wide past the shelf's end).
fn corridor(scene: &Scene<'_>, shelves: &Shelves, b: usize, side: Side) -> Lane {
    let shelf = scene.placed[b].view().shelf.expect("a shelved block");
    let at = shelves.at[b] + usize::from(side == Side::Right);
    shelves.ways[shelf][at]
}

/// How many lanes a gap of `width` between shelves holds (see [`shelf_gap`]).
pub(crate) fn gap_lanes(width: f64) -> usize {
    let free = width - 2.0 * BORDER_CLEARANCE;
    if free < 0.0 {
        1
    } else {
        (free / LANE_STEP).floor() as usize + 1
    }
}

/// The gap between shelf `s` and the one below it (`s + 1`), or past the first or last shelf.
fn shelf_gap(options: &LayoutOptions, shelves: &Shelves, above: Option<usize>, below: Option<usize>) -> Lane {
    let top = above.map(|s| shelves.bands[s].1);
    let bottom = below.map(|s| shelves.bands[s].0);
    let (top, bottom) = match (top, bottom) {
        (Some(t), Some(b)) => (t, b),
        (Some(t), None) => (t, t + options.block_gap),
        (None, Some(b)) => (b - options.block_gap, b),
        (None, None) => (0.0, 0.0),
    };
    Lane::inside(top, bottom, (BORDER_CLEARANCE, BORDER_CLEARANCE))
}

/// The way through shelf `s` nearest to `x`: a gap between two of its blocks or past its ends.
fn crossing(shelves: &Shelves, s: usize, x: f64) -> Lane {
    let ways = &shelves.ways[s];
    // Ways run left to right: the nearest is the first that ends past `x` or the one before.
    let first = ways.partition_point(|w| w.hi < x);
    let mut best: Option<(f64, Lane)> = None;
    for lane in ways[first.saturating_sub(1)..ways.len().min(first + 1)].iter() {
        let at = x.clamp(lane.lo, lane.hi);
        let miss = (at - x).abs();
        if best.is_none_or(|(m, _)| miss < m) {
            best = Some((miss, Lane { want: at, ..*lane }));
        }
    }
    best.map_or(Lane::fixed(x), |b| b.1)
}

/// The free horizontal strips of a block, top to bottom: its frame's padding above and below
/// its tables, and every band between them that no table of the block covers.
fn strips(options: &LayoutOptions, scene: &Scene<'_>, b: usize) -> Vec<Lane> {
    let placed = &scene.placed[b];
    let view = placed.view();
    let mut spans: Vec<(f64, f64)> = placed.members().iter().map(|&t| (scene.tables[t].y, scene.tables[t].bottom())).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for (lo, hi) in spans {
        match merged.last_mut() {
            // A gap between two tables of one rank holds too few lanes to be a strip.
            Some(last) if lo <= last.1 + MIN_STRIP => last.1 = last.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }
    let (Some(first), Some(last)) = (merged.first().copied(), merged.last().copied()) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(merged.len() + 1);
    if view.framed {
        out.push(Lane::inside(view.outer.y + options.frame_title_height, first.0, (BORDER_CLEARANCE, BORDER_CLEARANCE)));
    } else {
        out.push(Lane::inside(first.0 - options.block_gap, first.0, (BORDER_CLEARANCE, BORDER_CLEARANCE)));
    }
    for w in merged.windows(2) {
        out.push(Lane::inside(w[0].1, w[1].0, (BORDER_CLEARANCE, BORDER_CLEARANCE)));
    }
    if view.framed {
        out.push(Lane::inside(last.1, view.outer.bottom(), (BORDER_CLEARANCE, BORDER_CLEARANCE)));
    } else {
        out.push(Lane::inside(last.1, last.1 + options.block_gap, (BORDER_CLEARANCE, BORDER_CLEARANCE)));
    }
    out
}

/// The lanes from a row out of its block to the corridor beside it (that last lane not
/// included): the row itself, then, when the row's channel lies inside the block, the
/// channel and the strip above or below (towards `up` first) that reaches the block's side.
fn way_out(scene: &Scene<'_>, strips: &[Lane], table: usize, side: Side, y: f64, up: Option<bool>) -> Vec<Lane> {
    let (x, outer) = scene.exits[table].x(side);
    if outer {
        return vec![Lane::fixed(y)];
    }
    let rect = scene.tables[table];
    let above = strips.iter().rev().find(|l| l.hi <= rect.y);
    let below = strips.iter().find(|l| l.lo >= rect.bottom());
    let members = scene.placed[scene.block_of[table]].members();
    let view = scene.placed[scene.block_of[table]].view();
    let frame = view.framed.then_some(view.outer);
    // The channel from the row to a strip: between the nearest tables on either side over
    // that height, clear of their end markers; `None` when a table stands in the way.
    let channel = |strip: &Lane| {
        let (top, bottom) = (strip.lo.min(y), strip.hi.max(y));
        let (mut left, mut right) = (x - CHANNEL_REACH - MARKER_CLEARANCE, x + CHANNEL_REACH + MARKER_CLEARANCE);
        for &t in members {
            let r = scene.tables[t].inflate(1.0);
            if r.bottom() < top || r.y > bottom {
                continue;
            }
            if r.right() <= x {
                left = left.max(r.right());
            } else if r.x >= x {
                right = right.min(r.x);
            } else {
                return None;
            }
        }
        let (mut lo, mut hi) = (left + MARKER_CLEARANCE, right - MARKER_CLEARANCE);
        if let Some(frame) = frame {
            // Inside the frame, never along its border.
            (lo, hi) = (lo.max(frame.x + BORDER_CLEARANCE), hi.min(frame.right() - BORDER_CLEARANCE));
        }
        Some(if lo <= hi {
            Lane { want: x.clamp(lo, hi), lo, hi }
        } else {
            // A narrow gap (a table put beside another by a re-layout): its middle, clear
            // of the widest end marker on both sides where it can be.
            let reach = ((right - left) / 2.0 - MARKER_REACH).max(0.0);
            let mid = (left + right) / 2.0;
            Lane { want: mid, lo: mid - reach, hi: mid + reach }
        })
    };
    let nearer_up = match (above, below) {
        (Some(a), Some(b)) => (y - a.want) <= (b.want - y),
        (a, _) => a.is_some(),
    };
    let order = match up.unwrap_or(nearer_up) {
        true => [above, below],
        false => [below, above],
    };
    let found = order.iter().flatten().find_map(|&&strip| channel(&strip).map(|c| (c, strip)));
    // Where a table stands in the way, the channel's own place, never more than half way
    // towards the row's table (which a pin may have brought close to it).
    let inward = RANK_GAP_REACH.min(((x - side.x_of(&rect)) * side.sign()).max(0.0) / 2.0);
    let (lo, hi) = if side == Side::Right { (x - inward, x + RANK_GAP_REACH) } else { (x - RANK_GAP_REACH, x + inward) };
    let fallback = || order.iter().flatten().next().map(|&&strip| (Lane { want: x, lo, hi }, strip));
    match found.or_else(fallback) {
        Some((channel, strip)) => vec![Lane::fixed(y), channel, strip],
        None => vec![Lane::fixed(y)],
    }
}

/// Routes line `e` between two blocks on shelves through lanes; `None` for the lines this
/// does not handle (self-references, lines inside one block, pinned blocks).
/// A line routed through lanes: its route, how many of its lanes found their channel full,
/// and the lanes out of each of its rows, for the lines that share the row.
struct Lanned {
    route: EdgeRoute,
    overflow: usize,
    shared: [(EndKey, Vec<f64>); 2],
    pieces: Vec<(Point, Point, Option<EndKey>)>,
}

#[allow(clippy::too_many_arguments)]
fn route_in_lanes(
    input: &LayoutInput,
    options: &LayoutOptions,
    scene: &Scene<'_>,
    shelves: &Shelves,
    lanes: &Lanes,
    ends: &Ends,
    e: usize,
    flip: (bool, bool),
    other_way: bool,
) -> Option<Lanned> {
    let edge = &input.edges[e];
    let n = scene.tables.len();
    if edge.child >= n || edge.parent >= n || edge.child == edge.parent {
        return None;
    }
    let (ka, kb) = (scene.block_of[edge.child], scene.block_of[edge.parent]);
    let (va, vb) = (scene.placed[ka].view(), scene.placed[kb].view());
    let (Some(sha), Some(shb)) = (va.shelf, vb.shelf) else {
        return None;
    };
    let a = scene.tables[edge.child];
    let b = scene.tables[edge.parent];
    let ya = options.row_center_y(&a, edge.child_row(), input.tables[edge.child].columns.len());
    let yb = options.row_center_y(&b, edge.parent_row(), input.tables[edge.parent].columns.len());
    let (sa, sb) = if b.center_x() >= a.center_x() { (Side::Right, Side::Left) } else { (Side::Left, Side::Right) };
    let other = |s: Side| {
        if s == Side::Left {
            Side::Right
        } else {
            Side::Left
        }
    };
    let sa = if flip.0 { other(sa) } else { sa };
    let sb = if flip.1 { other(sb) } else { sb };
    // `other_way` tries the strips and the gap between shelves away from the other end.
    let up_a = (shb != sha).then_some((shb < sha) != other_way).or(other_way.then_some(true));
    let up_b = (shb != sha).then_some((sha < shb) != other_way).or(other_way.then_some(false));
    let mut chain = way_out(scene, &shelves.strips[ka], edge.child, sa, ya, up_a);
    let mut tail = way_out(scene, &shelves.strips[kb], edge.parent, sb, yb, up_b);
    let (ca, cb) = (corridor(scene, shelves, ka, sa), corridor(scene, shelves, kb, sb));
    // The lanes from the child's row to the corridor beside its block, that corridor included.
    let head_len = chain.len() + 1;
    // Neighbours facing each other share the corridor between them; so do two tables of one
    // block whose lines leave on one side.
    let facing = if ka == kb {
        sa == sb
    } else {
        sha == shb && va.slot.abs_diff(vb.slot) == 1 && ((sa == Side::Right) == (va.slot < vb.slot)) && ((sb == Side::Right) == (vb.slot < va.slot))
    };
    if facing {
        chain.push(ca);
    } else {
        chain.push(ca);
        if sha == shb {
            let last = |l: &[Lane]| l.last().expect("a lane").want;
            let (ha, hb) = (last(&chain[..chain.len() - 1]), last(&tail));
            let above = shelf_gap(options, shelves, sha.checked_sub(1), Some(sha));
            let below = shelf_gap(options, shelves, Some(sha), (sha + 1 < shelves.bands.len()).then_some(sha + 1));
            let go_up = ((ha - above.want).abs() + (hb - above.want).abs() <= (ha - below.want).abs() + (hb - below.want).abs()) != other_way;
            chain.push(if go_up { above } else { below });
        } else {
            let down = sha < shb;
            let mut s = sha;
            loop {
                let next = if down { s + 1 } else { s - 1 };
                chain.push(if down { shelf_gap(options, shelves, Some(s), Some(next)) } else { shelf_gap(options, shelves, Some(next), Some(s)) });
                if next == shb {
                    break;
                }
                chain.push(crossing(shelves, next, cb.want));
                s = next;
            }
        }
        chain.push(cb);
    }
    let tail_len = tail.len() + 1;
    tail.reverse();
    chain.extend(tail);
    let last = chain.len() - 1;
    // Lines that end at one row take the lanes the first of them took out of its block and
    // along the corridor beside it: one bundle, drawn with its count, not lines side by side
    // that crowd the corridor.
    let head_key = (edge.child, sa == Side::Right, (ya * 16.0).round() as i64);
    let tail_key = (edge.parent, sb == Side::Right, (yb * 16.0).round() as i64);
    let mut forced: Vec<Option<(f64, EndKey)>> = vec![None; chain.len()];
    let tail_known = ends.get(&tail_key).filter(|v| v.len() == tail_len);
    let head_known = ends.get(&head_key).filter(|v| v.len() == head_len);
    if let Some(shared) = tail_known {
        for (k, &v) in shared.iter().enumerate() {
            forced[last - k] = Some((v, tail_key));
        }
    }
    if let Some(shared) = head_known {
        for (k, &v) in shared.iter().enumerate() {
            forced[k] = forced[k].or(Some((v, head_key)));
        }
    }
    // Place every lane in turn: a piece runs from its predecessor (placed) towards the whole
    // range of its successor (not placed yet). A shared lane is taken only where it is free
    // of every line outside its bundle (else the piece before it may lie on another line, so
    // the way counts as overflowing); past the first that is not, the head's are not either.
    let mut at: Vec<f64> = Vec::with_capacity(chain.len());
    let mut overflow = 0;
    let mut head_shared = true;
    at.push(chain[0].want);
    for i in 1..chain.len() {
        let vertical = i % 2 == 1;
        let next = (i < last).then(|| forced[i + 1].map_or((chain[i + 1].lo, chain[i + 1].hi), |(v, _)| (v, v)));
        let (lo, hi) = match next {
            Some((l, h)) => (at[i - 1].min(l), at[i - 1].max(h)),
            None => (at[i - 1], at[i - 1]),
        };
        if i < head_len && !head_shared {
            forced[i] = forced[i].filter(|&(_, key)| key != head_key);
        }
        let shared = forced[i].filter(|&(v, key)| i == last || lanes.free(vertical, v, lo, hi, Some(key)));
        if forced[i].is_some() && shared.is_none() {
            overflow += 1;
            if forced[i].is_some_and(|(_, key)| key == head_key) {
                head_shared = false;
            }
        }
        let place = match shared {
            Some((v, _)) => v,
            None if i == last => chain[i].want,
            None => {
                let (place, free) = lanes.place(vertical, chain[i], lo, hi);
                overflow += usize::from(!free);
                place
            }
        };
        at.push(place);
    }
    let tail_shared = tail_known.is_none_or(|v| v.iter().enumerate().all(|(k, &x)| at[last - k] == x));
    let head_shared = head_known.is_none_or(|v| v.iter().enumerate().all(|(k, &x)| at[k] == x));
    let shared = [(head_key, at[..head_len].to_vec()), (tail_key, at[at.len() - tail_len..].iter().rev().copied().collect())];
    let mut points = vec![Point::new(sa.x_of(&a), at[0])];
    for i in 1..at.len() {
        points.push(if i % 2 == 1 { Point::new(at[i], at[i - 1]) } else { Point::new(at[i - 1], at[i]) });
    }
    points.push(Point::new(sb.x_of(&b), at[at.len() - 1]));
    // Piece j lies on lane j; those out of a row the line shares with its bundle say so.
    let pieces = points
        .windows(2)
        .enumerate()
        .map(|(j, w)| {
            let end = if j + tail_len > last && tail_shared {
                Some(tail_key)
            } else if j < head_len && head_shared {
                Some(head_key)
            } else {
                None
            };
            (w[0], w[1], end)
        })
        .collect();
    let route =
        EdgeRoute { points: simplify(points), child_side: sa, parent_side: sb, child_rows: edge.child_rows.clone(), parent_rows: edge.parent_rows.clone() };
    Some(Lanned { route, overflow, shared, pieces })
}

fn route_one(input: &LayoutInput, options: &LayoutOptions, scene: &Scene<'_>, lanes: &Lanes, e: usize) -> EdgeRoute {
    let edge = &input.edges[e];
    let n = scene.tables.len();
    let empty = |edge: &EdgeInput| EdgeRoute {
        points: Vec::new(),
        child_side: Side::Right,
        parent_side: Side::Left,
        child_rows: edge.child_rows.clone(),
        parent_rows: edge.parent_rows.clone(),
    };
    if edge.child >= n || edge.parent >= n {
        return empty(edge);
    }
    let a = scene.tables[edge.child];
    let b = scene.tables[edge.parent];
    let mut ya = options.row_center_y(&a, edge.child_row(), input.tables[edge.child].columns.len());
    let mut yb = options.row_center_y(&b, edge.parent_row(), input.tables[edge.parent].columns.len());
    let offset = track_offset(e);
    let (points, sa, sb) = if edge.child == edge.parent {
        // A loop on the right side; a loop on one row splits its ends within the row, far
        // enough apart that neither end's marker covers the other's line (markers are 12
        // high). It turns past the end markers of the rows it passes.
        if (ya - yb).abs() < 1.0 {
            ya -= options.row_height * 0.35;
            yb += options.row_height * 0.35;
        }
        // Past every end marker (21 wide) and short of the next rank's markers or the frame,
        // in a lane of its own.
        let (_, outer) = scene.exits[edge.child].x(Side::Right);
        let framed = scene.placed[scene.block_of[edge.child]].view().framed;
        let reach = if outer && framed { options.frame_padding - BORDER_CLEARANCE } else { options.rank_gap - LOOP_REACH };
        let lane = Lane { want: a.right() + LOOP_REACH, lo: a.right() + LOOP_REACH, hi: a.right() + reach.max(LOOP_REACH) };
        let x = lanes.place(true, lane, ya.min(yb), ya.max(yb)).0;
        (vec![Point::new(a.right(), ya), Point::new(x, ya), Point::new(x, yb), Point::new(b.right(), yb)], Side::Right, Side::Right)
    } else {
        let (ba, bb) = (&scene.placed[scene.block_of[edge.child]], &scene.placed[scene.block_of[edge.parent]]);
        let (va, vb) = (ba.view(), bb.view());
        let (sa, sb) = if b.center_x() >= a.center_x() { (Side::Right, Side::Left) } else { (Side::Left, Side::Right) };
        let exit_x = |t: usize, side: Side, outer: &Rect| {
            let (x, is_outer) = scene.exits[t].x(side);
            if is_outer {
                // The corridor beside the block, with the line's own track.
                side.x_of(outer) + side.sign() * (options.block_gap / 2.0 + offset)
            } else {
                turn_x(&scene.tables[t], side, x, offset, options)
            }
        };
        let start = Point::new(sa.x_of(&a), ya);
        let end = Point::new(sb.x_of(&b), yb);
        let points = if scene.block_of[edge.child] == scene.block_of[edge.parent] {
            // A pinned table and its group: out, over both tables, and in.
            let (xa, xb) = (exit_x(edge.child, sa, &va.outer), exit_x(edge.parent, sb, &vb.outer));
            let hy = a.y.min(b.y) - options.node_gap / 2.0 + offset / 4.0;
            vec![start, Point::new(xa, ya), Point::new(xa, hy), Point::new(xb, hy), Point::new(xb, yb), end]
        } else {
            // Each end escapes its block to the corridor beside it: straight out when its
            // channel opens outside, else up or down its rank gap to the free strip inside
            // the frame's padding and along it. The two corridor points are then joined in
            // the gap between neighbouring blocks, or through the corridor between shelves.
            let toward = |from: &BlockView, to: &BlockView| {
                if to.band.0 >= from.band.1 {
                    Some(false)
                } else if to.band.1 <= from.band.0 {
                    Some(true)
                } else {
                    None
                }
            };
            let mut head = escape(options, scene, edge.child, sa, ya, &va, toward(&va, &vb), offset);
            let mut tail = escape(options, scene, edge.parent, sb, yb, &vb, toward(&vb, &va), offset);
            let neighbours = va.shelf.is_some() && va.shelf == vb.shelf && va.slot.abs_diff(vb.slot) == 1;
            let facing = neighbours && ((sa == Side::Right) == (va.slot < vb.slot)) && ((sb == Side::Right) == (vb.slot < va.slot));
            let mut points = vec![start];
            if facing {
                let xm = (sa.x_of(&va.outer) + sb.x_of(&vb.outer)) / 2.0 + offset;
                head.last_mut().expect("an escape point").x = xm;
                tail.last_mut().expect("an escape point").x = xm;
                points.extend(head);
                points.extend(tail.into_iter().rev());
            } else {
                let half = options.block_gap / 2.0;
                let (ca, cb) = (*head.last().expect("an escape point"), *tail.last().expect("an escape point"));
                let above = va.band.0 - half + offset / 2.0;
                let below = va.band.1 + half + offset / 2.0;
                let go_up = match toward(&va, &vb) {
                    Some(up) => up,
                    None => (ca.y - above).abs() + (cb.y - above).abs() < (ca.y - below).abs() + (cb.y - below).abs(),
                };
                let hy = if go_up { above } else { below };
                points.extend(head);
                points.push(Point::new(ca.x, hy));
                points.push(Point::new(cb.x, hy));
                points.extend(tail.into_iter().rev());
            }
            points.push(end);
            points
        };
        (points, sa, sb)
    };
    EdgeRoute { points: simplify(points), child_side: sa, parent_side: sb, child_rows: edge.child_rows.clone(), parent_rows: edge.parent_rows.clone() }
}

/// The way from a row out of its block: points after the anchor, ending in the corridor
/// beside the block (outside its frame). `up` says which strip to use when the line must
/// first turn: towards the other block, or (`None`) the nearer one.
#[allow(clippy::too_many_arguments)]
fn escape(options: &LayoutOptions, scene: &Scene<'_>, table: usize, side: Side, y: f64, block: &BlockView, up: Option<bool>, offset: f64) -> Vec<Point> {
    let corridor = side.x_of(&block.outer) + side.sign() * (options.block_gap / 2.0 + offset);
    let (x, outer) = scene.exits[table].x(side);
    if outer {
        return vec![Point::new(corridor, y)];
    }
    let x = turn_x(&scene.tables[table], side, x, offset, options);
    let content = if block.framed {
        let p = options.frame_padding;
        let o = block.outer;
        Rect::new(o.x + p, o.y + p + options.frame_title_height, o.width - 2.0 * p, o.height - 2.0 * p - options.frame_title_height)
    } else {
        block.outer
    };
    let inset = if block.framed { options.frame_padding / 2.0 } else { options.block_gap / 4.0 };
    // Lines share the strip side by side: the offset spreads them over most of its height.
    let spread = offset * (inset * 0.7 / 12.0);
    let (top, bottom) = (content.y - inset + spread, content.bottom() + inset + spread);
    let strip = match up {
        Some(true) => top,
        Some(false) => bottom,
        None if (y - top).abs() <= (y - bottom).abs() => top,
        None => bottom,
    };
    vec![Point::new(x, y), Point::new(x, strip), Point::new(corridor, strip)]
}

/// Where a line out of `rect`'s `side` turns in the channel at `x` with its own track
/// `offset` (at most a quarter of the rank gap either way). Towards its own table the turn
/// goes at most half way to it: a table pinned close to the channel it kept (a nudge keeps
/// its channels) must still be left outwards along its row, not turned inside its own box.
fn turn_x(rect: &Rect, side: Side, x: f64, offset: f64, options: &LayoutOptions) -> f64 {
    let reach = options.rank_gap / 4.0;
    let inward = reach.min(((x - side.x_of(rect)) * side.sign()).max(0.0) / 2.0);
    x + side.sign() * (offset * side.sign()).clamp(-inward, reach)
}

/// How far right of its table a self-reference turns at the least: past every end marker
/// (21 wide).
const LOOP_REACH: f64 = 22.0;

/// A small per-line offset so lines sharing a corridor run side by side, not on top of
/// each other; deterministic in the edge index.
fn track_offset(e: usize) -> f64 {
    let h = (e as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 59;
    (h % 7) as f64 * 4.0 - 12.0
}
