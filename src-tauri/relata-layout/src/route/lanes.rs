//! The lanes lines take: the pieces of line already laid (so a new one finds its neighbours in
//! constant time and keeps clear of them) and the shelves of blocks with the corridors between them.

use std::collections::HashMap;

use crate::geometry::Point;
use crate::input::LayoutOptions;
use crate::blocks::BlockView;

use super::{side_margin, strips, Scene, BORDER_CLEARANCE, LANE_CLEARANCE, LANE_NEAR, LANE_STEP};

/// The pieces of line already laid, by orientation, bucketed by their rounded position
/// across, so a new piece finds its neighbours in constant time.
#[derive(Default)]
pub(super) struct Lanes {
    pub(super) horizontal: HashMap<i64, Vec<Piece>>,
    pub(super) vertical: HashMap<i64, Vec<Piece>>,
}

/// A piece of line laid: where across, from and to along, and the row end it leaves from
/// when it is on the lanes lines out of one row share (else `None`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Piece {
    pub(super) at: f64,
    pub(super) lo: f64,
    pub(super) hi: f64,
    pub(super) end: Option<EndKey>,
}

/// A row end: table, right side, y in 1/16 units.
pub(super) type EndKey = (usize, bool, i64);

impl Lanes {
    /// Records every piece of `points`, none of them on shared lanes.
    pub(super) fn take(&mut self, points: &[Point]) {
        for w in points.windows(2) {
            self.take_piece(w[0], w[1], None);
        }
    }

    pub(super) fn take_piece(&mut self, a: Point, b: Point, end: Option<EndKey>) {
        if (a.y - b.y).abs() < 1e-9 && (a.x - b.x).abs() > 1e-9 {
            self.horizontal.entry(a.y.round() as i64).or_default().push(Piece { at: a.y, lo: a.x.min(b.x), hi: a.x.max(b.x), end });
        } else if (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() > 1e-9 {
            self.vertical.entry(a.x.round() as i64).or_default().push(Piece { at: a.x, lo: a.y.min(b.y), hi: a.y.max(b.y), end });
        }
    }

    /// Whether a piece at `at` across, from `lo` to `hi` along, lies clear of every piece laid
    /// but those on the shared lanes out of row end `except`.
    pub(super) fn free(&self, vertical: bool, at: f64, lo: f64, hi: f64, except: Option<EndKey>) -> bool {
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
    pub(super) fn place(&self, vertical: bool, lane: Lane, lo: f64, hi: f64) -> (f64, bool) {
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
pub(super) type Ends = HashMap<EndKey, Vec<f64>>;

/// Where one piece of a line may lie across: its range and the place it would like.
#[derive(Debug, Clone, Copy)]
pub(super) struct Lane {
    pub(super) want: f64,
    pub(super) lo: f64,
    pub(super) hi: f64,
}

impl Lane {
    pub(super) fn fixed(at: f64) -> Lane {
        Lane { want: at, lo: at, hi: at }
    }

    /// The range from `a` to `b` (either order), wanting its middle; one point when empty.
    pub(super) fn between(a: f64, b: f64) -> Lane {
        let (lo, hi) = (a.min(b), a.max(b));
        Lane { want: (lo + hi) / 2.0, lo, hi }
    }

    /// The lane in a channel from `a` to `b`, `margin` in from both: its middle alone when the
    /// channel is too narrow.
    pub(super) fn inside(a: f64, b: f64, margin: (f64, f64)) -> Lane {
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
pub(super) struct Shelves {
    pub(super) bands: Vec<(f64, f64)>,
    pub(super) ways: Vec<Vec<Lane>>,
    /// Per block: its place on its shelf (the way left of it has that index).
    pub(super) at: Vec<usize>,
    pub(super) strips: Vec<Vec<Lane>>,
}

impl Shelves {
    pub(super) fn of(options: &LayoutOptions, scene: &Scene<'_>) -> Shelves {
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
