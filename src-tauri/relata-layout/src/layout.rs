//! The layout in levels: tables split into blocks (a group's tables, a component of
//! ungrouped tables, or the loose ungrouped tables), each block placed on its own by the
//! layered placement, then blocks packed in shelves in the order of the graph of blocks, pinned
//! blocks first where the user put them, and finally every line routed.

use std::sync::Arc;

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;

use crate::geometry::{Point, Rect, Side};
use crate::input::{LayoutInput, LayoutOptions};
use crate::blocks::{Block, BlockKey, Exit, Placed};
use crate::layered::{self, Link, Node, Spacing};
use crate::route::EdgeRoute;

/// A computed diagram: where every table, frame and line goes.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Box of each table, indexed as [`LayoutInput::tables`].
    pub tables: Vec<Rect>,
    /// Frame of each group, indexed as [`LayoutInput::groups`]; `None` for a group without
    /// tables.
    pub frames: Vec<Option<Rect>>,
    /// Route of each relationship, indexed as [`LayoutInput::edges`].
    pub edges: Vec<EdgeRoute>,
    /// The smallest rectangle holding every table, frame and line.
    pub bounds: Rect,
    /// Pinned tables that could not stay exactly where they were pinned because their
    /// group's frame would have overlapped another pinned group; they moved right together.
    pub moved_pins: Vec<usize>,
    cache: Cache,
}

/// Lays out `input`.
pub fn layout(input: &LayoutInput, options: &LayoutOptions) -> Layout {
    compute(input, options, None, &[])
}

impl Layout {
    /// Lays out `input` again after the tables in `changed` were moved (their pin changed),
    /// added, or had their rows or relationships changed. Blocks holding none of them keep
    /// their inner placement, and the packing keeps its order and shelves, so the rest of the
    /// diagram stays where it was unless the changed block needs more room. Tables of
    /// `input` must keep the indices they had; new tables come after the old ones.
    pub fn relayout(&self, input: &LayoutInput, options: &LayoutOptions, changed: &[usize]) -> Layout {
        compute(input, options, Some(&self.cache), changed)
    }

    /// This layout renumbered for an input whose table `i` was table `tables[i]` here and
    /// whose group `g` was group `groups[g]` (`None`: new), so that [`Layout::relayout`] of
    /// that input keeps what it can after tables or groups were deleted (or put back, by an
    /// undo, at their old places). Tables and groups not named are gone; the order of the old
    /// ones must be kept.
    pub fn reindexed(&self, tables: &[Option<usize>], groups: &[Option<usize>]) -> Layout {
        let mut table_of = vec![None; self.tables.len()];
        for (new, old) in tables.iter().enumerate() {
            if let Some(old) = *old {
                table_of[old] = Some(new);
            }
        }
        let mut group_of = vec![None; self.frames.len()];
        for (new, old) in groups.iter().enumerate() {
            if let Some(old) = *old {
                group_of[old] = Some(new);
            }
        }
        let t = |i: usize| table_of.get(i).copied().flatten();
        let key = |k: BlockKey| match k {
            BlockKey::Group(g) => group_of.get(g).copied().flatten().map(BlockKey::Group),
            BlockKey::Component(first) => t(first).map(BlockKey::Component),
            BlockKey::Pinned(p) => t(p).map(BlockKey::Pinned),
            BlockKey::Loose => Some(BlockKey::Loose),
        };
        let mut blocks: Vec<Arc<Block>> = Vec::new();
        for b in &self.cache.blocks {
            let Some(k) = key(b.key) else { continue };
            let keep: Vec<usize> = (0..b.members.len()).filter(|&i| t(b.members[i]).is_some()).collect();
            if keep.is_empty() {
                continue;
            }
            let pick = |i: &usize| *i;
            let block = Block {
                key: k,
                members: keep.iter().map(|&i| t(b.members[i]).expect("kept")).collect(),
                pins: keep.iter().map(pick).map(|i| b.pins[i]).collect(),
                framed: b.framed,
                rects: keep.iter().map(|&i| b.rects[i]).collect(),
                exits: keep.iter().map(|&i| b.exits[i]).collect(),
                routes: b.routes.iter().filter(|(e, _, _, _)| b.route_ends.iter().any(|&(x, c, p)| x == *e && t(c).is_some() && t(p).is_some())).cloned().collect(),
                width: b.width,
                height: b.height,
                // Unknown until the next re-layout compares the lines between its tables.
                signature: 0,
                moved: b.moved.iter().filter_map(|&m| t(m)).collect(),
                route_ends: b.route_ends.iter().filter_map(|&(e, c, p)| Some((e, t(c)?, t(p)?))).collect(),
                before_pin: b.before_pin.iter().filter_map(|&(m, r, x)| Some((t(m)?, r, x))).collect(),
                stash: b.stash.iter().filter(|(e, _, _, _)| b.route_ends.iter().any(|&(x, c, p)| x == *e && t(c).is_some() && t(p).is_some())).cloned().collect(),
                departed: b
                    .departed
                    .iter()
                    .cloned()
                    .chain((0..b.members.len()).filter(|&i| t(b.members[i]).is_none() && b.pins[i].is_none()).filter_map(|i| {
                        Some((self.cache.names.get(b.members[i])?.clone(), b.rects[i], b.exits[i]))
                    }))
                    .collect(),
            };
            blocks.push(Arc::new(block));
        }
        let block_of = |k: BlockKey| blocks.iter().find(|b| b.key == k).cloned();
        let cache = Cache {
            shelf_of: self.cache.shelf_of.iter().filter_map(|&(k, s)| Some((key(k)?, s))).collect(),
            origins: self.cache.origins.iter().filter_map(|&(k, o)| Some((key(k)?, o))).collect(),
            placements: self
                .cache
                .placements
                .iter()
                .filter_map(|p| Some(Placement { block: block_of(key(p.block.key)?)?, outer: p.outer, band: p.band, shelf: p.shelf, slot: p.slot }))
                .collect(),
            // Kept at their old line numbers (the next re-layout matches lines by their ends);
            // a line of a gone table matches nothing.
            routes: self.cache.routes.iter().map(|(c, p, r)| (t(*c).unwrap_or(usize::MAX), t(*p).unwrap_or(usize::MAX), r.clone())).collect(),
            tables: tables.iter().map(|old| old.and_then(|o| self.cache.tables.get(o).copied()).unwrap_or(Rect::new(f64::NAN, f64::NAN, 0.0, 0.0))).collect(),
            names: tables.iter().map(|old| old.and_then(|o| self.cache.names.get(o).cloned()).unwrap_or_default()).collect(),
            extra_gaps: self.cache.extra_gaps.clone(),
            blocks,
        };
        Layout {
            tables: tables.iter().map(|old| old.and_then(|o| self.tables.get(o).copied()).unwrap_or_default()).collect(),
            frames: groups.iter().map(|old| old.and_then(|o| self.frames.get(o).copied().flatten())).collect(),
            edges: self.edges.clone(),
            bounds: self.bounds,
            moved_pins: self.moved_pins.iter().filter_map(|&m| t(m)).collect(),
            cache,
        }
    }
}

/// What a re-layout reuses: each block's inner placement and the packing order.
#[derive(Debug, Clone, Default)]
struct Cache {
    blocks: Vec<Arc<Block>>,
    shelf_of: Vec<(BlockKey, usize)>,
    /// Where each block's content was, so a block that just got a pin keeps its place.
    origins: Vec<(BlockKey, Point)>,
    /// Each block's placement, to tell which blocks a re-layout left exactly as they were.
    placements: Vec<Placement>,
    /// Every line with its two tables and rows, reused when both blocks are unchanged.
    routes: Vec<(usize, usize, EdgeRoute)>,
    /// Every table's box, to tell which tables a re-layout moved.
    tables: Vec<Rect>,
    /// Every table's name, which a deleted table's place is remembered by.
    names: Vec<String>,
    /// Room added below each shelf (indexed by shelf) for the lines its gap must hold.
    extra_gaps: Vec<f64>,
}

/// Where a block was placed, as a re-layout compares it.
#[derive(Debug, Clone)]
struct Placement {
    block: Arc<Block>,
    outer: Rect,
    band: (f64, f64),
    shelf: Option<usize>,
    slot: usize,
}

impl Placement {
    fn of(p: &Placed) -> Self {
        Placement { block: p.block.clone(), outer: p.outer, band: p.band, shelf: p.shelf, slot: p.slot }
    }

    /// The same block (not merely an equal one) in the same place.
    fn same(&self, p: &Placed) -> bool {
        Arc::ptr_eq(&self.block, &p.block) && self.outer == p.outer && self.band == p.band && self.shelf == p.shelf && self.slot == p.slot
    }
}

fn compute(input: &LayoutInput, options: &LayoutOptions, previous: Option<&Cache>, changed: &[usize]) -> Layout {
    let sizes: Vec<(f64, f64)> = input.tables.iter().map(|t| options.table_size(t)).collect();
    let keys = partition(input);
    let mut members_of: std::collections::BTreeMap<BlockKey, Vec<usize>> = std::collections::BTreeMap::new();
    for (t, key) in keys.iter().enumerate() {
        members_of.entry(*key).or_default().push(t);
    }
    let mut block_of = vec![0usize; input.tables.len()];
    let mut blocks: Vec<Arc<Block>> = Vec::with_capacity(members_of.len());
    let edge_map = previous.map(|cache| edge_map(cache, input)).unwrap_or_default();
    for (key, members) in members_of {
        for &m in &members {
            block_of[m] = blocks.len();
        }
        let signature = signature(input, &members);
        let pins: Vec<Option<Point>> = members.iter().map(|&m| input.tables[m].pin).collect();
        let reused = previous.and_then(|cache| {
            cache
                .blocks
                .iter()
                .find(|b| b.key == key && b.members == members && b.pins == pins && b.signature == signature)
                .filter(|_| !members.iter().any(|m| changed.contains(m)))
                .cloned()
                .or_else(|| repinned(cache, key, &members, &pins, signature, &sizes, options))
                .or_else(|| unpinned(cache, key, &members, &pins, signature))
                .or_else(|| extended(cache, input, key, &members, &pins, changed, &sizes, options))
        })
        .map(|block| renumbered(block, &edge_map));
        // A pin removed where this layout cannot put the table back as it was (the pin came
        // with the workspace or before a Re-layout): the diagram is laid out afresh, which is
        // where it was before it was pinned.
        let unpinned_lost = reused.is_none()
            && previous.is_some_and(|cache| {
                members.iter().zip(&pins).any(|(m, p)| {
                    p.is_none() && cache.blocks.iter().any(|b| b.members.binary_search(m).is_ok_and(|i| b.pins[i].is_some()))
                })
            });
        if unpinned_lost {
            return compute(input, options, None, &[]);
        }
        blocks.push(reused.unwrap_or_else(|| Arc::new(lay_out_block(input, options, &sizes, key, members, pins, signature))));
    }
    let Some(previous) = previous else {
        // A fresh layout: where the lines between far groups need more lanes than a gap
        // between shelves holds, the shelves below it move down by what is missing, and the
        // lines are routed again (a re-layout keeps those gaps, so nothing moves back).
        let mut packing = Cache::default();
        let mut result = finish(input, options, None, blocks.clone(), &block_of, &edge_map, &packing);
        for _ in 0..GAP_PASSES {
            let Some(extra) = crowded_gaps(&result, &packing.extra_gaps) else { break };
            packing = Cache { shelf_of: result.cache.shelf_of.clone(), extra_gaps: extra, ..Cache::default() };
            result = finish(input, options, None, blocks.clone(), &block_of, &edge_map, &packing);
        }
        return result;
    };
    finish(input, options, Some(previous), blocks, &block_of, &edge_map, previous)
}

/// How many times a fresh layout widens the gaps between shelves that ran out of lanes.
const GAP_PASSES: usize = 3;

/// Lanes added to a crowded gap beyond those its lines were counted to need.
const GAP_SPARE: usize = 4;

/// The extra room below each shelf (indexed by shelf) where the horizontal lines in the gap
/// below it need more lanes than the gap holds, on top of `extra` (what earlier passes gave);
/// `None` when every gap between shelves holds its lines.
fn crowded_gaps(layout: &Layout, extra: &[f64]) -> Option<Vec<f64>> {
    let mut bands: Vec<(f64, f64)> = Vec::new();
    for p in &layout.cache.placements {
        if let Some(s) = p.shelf {
            if bands.len() <= s {
                bands.resize(s + 1, (f64::NAN, f64::NAN));
            }
            bands[s] = if bands[s].0.is_nan() { p.band } else { (bands[s].0.min(p.band.0), bands[s].1.max(p.band.1)) };
        }
    }
    let mut out: Vec<f64> = (0..bands.len()).map(|s| extra.get(s).copied().unwrap_or(0.0)).collect();
    let mut any = false;
    for s in 0..bands.len().saturating_sub(1) {
        let (top, bottom) = (bands[s].1, bands[s + 1].0);
        // A band that is not known (NaN) or a gap a grown band closed has no lanes to count.
        if top.is_nan() || bottom.is_nan() || top >= bottom {
            continue;
        }
        // The pieces of line along the gap, each widened by half the clearance lanes keep
        // between pieces in one lane; the most that overlap at one x need a lane each.
        let mut events: Vec<(f64, i32)> = Vec::new();
        for e in &layout.edges {
            for w in e.points.windows(2) {
                let y = w[0].y;
                if (w[1].y - y).abs() < 1e-9 && y > top && y < bottom {
                    let (lo, hi) = (w[0].x.min(w[1].x), w[0].x.max(w[1].x));
                    events.push((lo - crate::route::LANE_CLEARANCE / 2.0, 1));
                    events.push((hi + crate::route::LANE_CLEARANCE / 2.0, -1));
                }
            }
        }
        events.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        let (mut depth, mut most) = (0i32, 0i32);
        for (_, d) in events {
            depth += d;
            most = most.max(depth);
        }
        let lanes = crate::route::gap_lanes(bottom - top);
        if most as usize > lanes {
            // A few lanes to spare: lines that found the gap full took other ways, and come
            // back once it has room.
            out[s] += (most as usize - lanes + GAP_SPARE) as f64 * crate::route::LANE_STEP;
            any = true;
        }
    }
    any.then_some(out)
}

/// Packs the blocks (by `packing`: the previous layout's shelves for a re-layout) and routes
/// the lines.
#[allow(clippy::too_many_arguments)]
fn finish(
    input: &LayoutInput,
    options: &LayoutOptions,
    previous: Option<&Cache>,
    blocks: Vec<Arc<Block>>,
    block_of: &[usize],
    edge_map: &[Option<usize>],
    packing: &Cache,
) -> Layout {
    let (placed, moved_pins, shelf_of) = pack(input, options, &blocks, block_of, packing);
    let origins = placed.iter().map(|p| (p.block.key, p.origin)).collect();

    let mut tables = vec![Rect::default(); input.tables.len()];
    let mut exits = vec![Exit { left: 0.0, right: 0.0, left_outer: true, right_outer: true }; input.tables.len()];
    for p in &placed {
        for (i, &m) in p.block.members.iter().enumerate() {
            let (dx, dy) = if p.block.pins[i].is_some() { (0.0, 0.0) } else { (p.origin.x, p.origin.y) };
            tables[m] = p.block.rects[i].offset(dx, dy);
            let e = p.block.exits[i];
            exits[m] = Exit { left: e.left + dx, right: e.right + dx, ..e };
        }
    }
    let mut frames = vec![None; input.groups.len()];
    for p in &placed {
        if let (BlockKey::Group(g), Some(frame)) = (p.block.key, p.frame) {
            frames[g] = Some(frame);
        }
    }
    // A line between two blocks that are exactly where they were keeps its route: only lines
    // touching a re-placed or moved block are routed again.
    let unchanged: Vec<bool> = placed
        .iter()
        .map(|p| {
            previous.is_some_and(|c| c.placements.iter().any(|q| q.same(p)))
        })
        .collect();
    // A line whose two tables and blocks' outlines stay where they were keeps its route too,
    // unless a table that moved (or came) now lies on it: a pin moves only its table's lines.
    let mut old_of = vec![None; input.edges.len()];
    for (old, new) in edge_map.iter().enumerate() {
        if let Some(new) = *new {
            old_of[new] = Some(old);
        }
    }
    let previous_tables = previous.map_or(&[][..], |c| &c.tables[..]);
    let still = |t: usize| previous_tables.get(t) == Some(&tables[t]);
    let moved_rects: Vec<Rect> = (0..tables.len()).filter(|&t| !still(t)).map(|t| marker_zone(&tables[t], options.node_gap / 2.0)).collect();
    let outer_kept: Vec<bool> =
        placed.iter().map(|p| previous.is_some_and(|c| c.placements.iter().any(|q| q.block.key == p.block.key && near(&q.outer, &p.outer)))).collect();
    let changed_frames: Vec<Rect> = placed
        .iter()
        .zip(&outer_kept)
        .filter(|(p, kept)| !**kept && p.frame.is_some() && previous.is_some_and(|c| c.placements.iter().any(|q| q.block.key == p.block.key)))
        .map(|(p, _)| p.outer.inflate(crate::violation::OVERLAP_DISTANCE + 1.0))
        .collect();
    let reuse = |e: usize| -> Option<EdgeRoute> {
        let edge = &input.edges[e];
        let (child, parent, route) = previous?.routes.get(old_of[e]?)?;
        let same = *child == edge.child && *parent == edge.parent && route.child_rows == edge.child_rows && route.parent_rows == edge.parent_rows;
        let inside = edge.child < block_of.len() && edge.parent < block_of.len();
        let fixed = inside && unchanged[block_of[edge.child]] && unchanged[block_of[edge.parent]];
        let kept = inside && still(edge.child) && still(edge.parent) && outer_kept[block_of[edge.child]] && outer_kept[block_of[edge.parent]];
        // Lines run through the strips and channels inside blocks: a table that moved or came
        // may now stand on one whose blocks stayed put.
        // So may a frame that grew or moved (around a pin): a line kept along its new border
        // or through it would lie about which tables the frame holds.
        let clear = || route.points.windows(2).all(|s| moved_rects.iter().chain(&changed_frames).all(|r| !segment_hits(s[0], s[1], r)));
        (same && (fixed || kept) && clear()).then(|| route.clone())
    };
    let edges = crate::route::route_all(input, options, &crate::route::Scene { tables: &tables, exits: &exits, placed: &placed, block_of }, &reuse);
    let placements = placed.iter().map(Placement::of).collect();
    let routes = input.edges.iter().zip(&edges).map(|(e, r)| (e.child, e.parent, r.clone())).collect();
    let mut bounds = Rect::bounding(tables.iter().chain(frames.iter().flatten())).unwrap_or_default();
    for e in &edges {
        for p in &e.points {
            bounds = bounds.union(&Rect::new(p.x, p.y, 0.0, 0.0));
        }
    }
    let names = input.tables.iter().map(|t| t.name.clone()).collect();
    let cache = Cache { blocks, shelf_of, origins, placements, routes, tables: tables.clone(), names, extra_gaps: packing.extra_gaps.clone() };
    Layout { tables, frames, edges, bounds, moved_pins, cache }
}

/// `rect` grown by `margin`, and sideways at least as far as the widest end marker reaches
/// out of it: a line kept through that zone would pass through a marker of the table.
fn marker_zone(rect: &Rect, margin: f64) -> Rect {
    let reach = crate::input::MARKER_REACH.max(margin);
    Rect::new(rect.x - reach, rect.y - margin, rect.width + 2.0 * reach, rect.height + 2.0 * margin)
}

/// The previous placement of a block whose only change is that some members got pinned (the
/// user dragged them): the other members stay exactly where they were, lines that touch a
/// newly pinned table are routed again later. `None` when a pin lands on another member.
fn repinned(cache: &Cache, key: BlockKey, members: &[usize], pins: &[Option<Point>], signature: u64, sizes: &[(f64, f64)], options: &LayoutOptions) -> Option<Arc<Block>> {
    let old = cache.blocks.iter().find(|b| b.key == key && b.members == members && b.signature == signature)?;
    if old.pins.iter().zip(pins).any(|(was, now)| was.is_some() && now.is_none()) || old.pins[..] == pins[..] {
        return None;
    }
    let origin = cache.origins.iter().find(|(k, _)| *k == key).map(|&(_, o)| o)?;
    let mut block = (**old).clone();
    let gap = options.rank_gap;
    let mut repinned_members = Vec::new();
    for (i, pin) in pins.iter().enumerate() {
        if let Some(pin) = pin.filter(|p| old.pins[i] != Some(*p)) {
            let pin = &pin;
            if old.pins[i].is_none() {
                block.before_pin.push((members[i], old.rects[i], old.exits[i]));
            }
            let (w, h) = sizes[members[i]];
            block.rects[i] = Rect::new(pin.x, pin.y, w, h);
            // A table nudged within the channels it had keeps them (they run clear of the
            // block's other tables); one moved past them gets channels beside its new box.
            let unpinned_exit = if old.pins[i].is_none() { Some(old.exits[i]) } else { old.before_pin.iter().find(|(m, _, _)| *m == members[i]).map(|&(_, _, e)| e) };
            let kept = unpinned_exit
                .map(|e| Exit { left: e.left + origin.x, right: e.right + origin.x, ..e })
                .filter(|e| e.left + 1.0 < pin.x && pin.x + w + 1.0 < e.right);
            // New channels open outside the block only where no other table of it stands
            // beside the pinned one: else a line would run straight out through that table.
            let boxes: Vec<Rect> = (0..members.len())
                .filter(|&j| j != i)
                .map(|j| if pins[j].is_some() { pins[j].map_or(block.rects[j], |p| Rect::new(p.x, p.y, block.rects[j].width, block.rects[j].height)) } else { block.rects[j].offset(origin.x, origin.y) })
                .filter(|r| r.y < pin.y + h && pin.y < r.bottom())
                .collect();
            let left_outer = boxes.iter().all(|r| r.x >= pin.x + w);
            let right_outer = boxes.iter().all(|r| r.right() <= pin.x);
            block.exits[i] = kept.unwrap_or(Exit { left: pin.x - gap / 2.0, right: pin.x + w + gap / 2.0, left_outer, right_outer });
            block.pins[i] = Some(*pin);
            repinned_members.push(members[i]);
        }
    }
    // A pin may come closer to another table than the placement's gap (the user put it
    // there; its lines are routed again), but not onto it: then the block is placed again.
    let clear = |r: &Rect| (0..members.len()).filter(|&j| block.pins[j].is_none()).all(|j| !block.rects[j].offset(origin.x, origin.y).overlaps(r));
    let pinned_ok = (0..members.len()).filter(|&i| block.pins[i].is_some()).all(|i| clear(&block.rects[i]))
        && (0..members.len()).filter(|&i| block.pins[i].is_some()).all(|i| {
            (0..members.len()).filter(|&j| j != i && block.pins[j].is_some()).all(|j| !block.rects[i].overlaps(&block.rects[j]))
        });
    if !pinned_ok {
        return None;
    }
    // The pinned tables' lines are routed again, and so is any line of the block that a
    // pinned table now stands on (it would pass through it); the block's other lines stay.
    // A line counts as stood on where it runs through the pinned table's end markers too.
    let landed: Vec<Rect> = repinned_members.iter().map(|&m| marker_zone(&block.rects[members.binary_search(&m).expect("a member")], 1.0)).collect();
    let (gone, kept): (Vec<_>, Vec<_>) = block.routes.drain(..).partition(|(e, points, _, _)| {
        cache_touches(&repinned_members, *e, &block.route_ends)
            || points.windows(2).any(|s| landed.iter().any(|r| segment_hits(s[0].offset(origin.x, origin.y), s[1].offset(origin.x, origin.y), r)))
    });
    block.routes = kept;
    block.stash.extend(gone);
    Some(Arc::new(block))
}

/// The placement a block had before some of its members were pinned, when the only change
/// is that those pins are gone again (undo): they go back to their boxes and lines.
fn unpinned(cache: &Cache, key: BlockKey, members: &[usize], pins: &[Option<Point>], signature: u64) -> Option<Arc<Block>> {
    let old = cache.blocks.iter().find(|b| b.key == key && b.members == members && b.signature == signature)?;
    let mut block = (**old).clone();
    let mut any = false;
    for i in 0..members.len() {
        match (old.pins[i], pins[i]) {
            (Some(_), None) => {
                let &(_, rect, exit) = old.before_pin.iter().find(|(m, _, _)| *m == members[i])?;
                block.rects[i] = rect;
                block.exits[i] = exit;
                block.pins[i] = None;
                block.before_pin.retain(|(m, _, _)| *m != members[i]);
                any = true;
            }
            (was, now) if was != now => return None,
            _ => {}
        }
    }
    if !any {
        return None;
    }
    let free = |t: usize| members.binary_search(&t).is_ok_and(|j| block.pins[j].is_none());
    let ends = block.route_ends.clone();
    let (back, still): (Vec<_>, Vec<_>) = block.stash.drain(..).partition(|(e, _, _, _)| ends.iter().any(|&(x, c, p)| x == *e && free(c) && free(p)));
    block.stash = still;
    block.routes.extend(back);
    block.routes.sort_by_key(|r| r.0);
    Some(Arc::new(block))
}

/// Where each line of the previous layout is now: its index in `input.edges`, matched by its
/// tables and rows (the n-th old line with those ends is the n-th new one), so a reused block
/// keeps its lines' routes when relationships elsewhere were added or deleted.
fn edge_map(cache: &Cache, input: &LayoutInput) -> Vec<Option<usize>> {
    type Ends<'a> = (usize, usize, &'a [usize], &'a [usize]);
    let mut now: std::collections::HashMap<Ends<'_>, std::collections::VecDeque<usize>> = std::collections::HashMap::new();
    for (e, edge) in input.edges.iter().enumerate() {
        now.entry((edge.child, edge.parent, &edge.child_rows, &edge.parent_rows)).or_default().push_back(e);
    }
    cache
        .routes
        .iter()
        .map(|(child, parent, route)| now.get_mut(&(*child, *parent, &route.child_rows[..], &route.parent_rows[..])).and_then(|q| q.pop_front()))
        .collect()
}

/// `block` with its lines numbered as the current input numbers them (`map`, from
/// [`edge_map`]); a line that is gone loses its route.
fn renumbered(block: Arc<Block>, map: &[Option<usize>]) -> Arc<Block> {
    let same = block.route_ends.iter().all(|&(e, _, _)| map.get(e).copied().flatten() == Some(e))
        && block.stash.iter().all(|&(e, _, _, _)| map.get(e).copied().flatten() == Some(e));
    if same {
        return block;
    }
    let mut b = (*block).clone();
    let new = |e: usize| map.get(e).copied().flatten();
    b.routes = b.routes.into_iter().filter_map(|(e, pts, cs, ps)| Some((new(e)?, pts, cs, ps))).collect();
    b.route_ends = b.route_ends.into_iter().filter_map(|(e, c, p)| Some((new(e)?, c, p))).collect();
    b.stash = b.stash.into_iter().filter_map(|(e, pts, cs, ps)| Some((new(e)?, pts, cs, ps))).collect();
    Arc::new(b)
}

/// The previous placement of a block that only gained tables (new tables, or tables moved
/// into its group): the old members stay exactly where they were and each new one goes below
/// the content, or, where growing down would make the block taller than its shelf and it ends
/// its shelf, to the right, so the packing keeps every other block in place. `None` when an
/// old member changed (its rows, its pin, a line between old members) or a new one is pinned.
#[allow(clippy::too_many_arguments)]
fn extended(
    cache: &Cache,
    input: &LayoutInput,
    key: BlockKey,
    members: &[usize],
    pins: &[Option<Point>],
    changed: &[usize],
    sizes: &[(f64, f64)],
    options: &LayoutOptions,
) -> Option<Arc<Block>> {
    let old = cache.blocks.iter().find(|b| b.key == key)?;
    let added: Vec<usize> = members.iter().copied().filter(|m| old.members.binary_search(m).is_err()).collect();
    let removed: Vec<usize> = old.members.iter().copied().filter(|m| members.binary_search(m).is_err()).collect();
    let stays = |m: &usize| members.binary_search(m).is_ok();
    if old.members.iter().filter(|m| stays(m)).any(|m| changed.contains(m)) {
        return None;
    }
    if added.iter().any(|&m| input.tables[m].pin.is_some()) {
        return None;
    }
    // The lines between the tables that stay must be the ones the block was placed with.
    let inner_same = if removed.is_empty() && signature(input, &old.members) == old.signature {
        true
    } else {
        let mut before: Vec<(usize, usize, &[usize], &[usize])> = cache
            .routes
            .iter()
            .filter(|(c, p, _)| stays(c) && stays(p) && old.members.binary_search(c).is_ok() && old.members.binary_search(p).is_ok())
            .map(|(c, p, r)| (*c, *p, &r.child_rows[..], &r.parent_rows[..]))
            .collect();
        let mut now: Vec<(usize, usize, &[usize], &[usize])> = input
            .edges
            .iter()
            .filter(|e| old.members.binary_search(&e.child).is_ok() && old.members.binary_search(&e.parent).is_ok() && stays(&e.child) && stays(&e.parent))
            .map(|e| (e.child, e.parent, &e.child_rows[..], &e.parent_rows[..]))
            .collect();
        before.sort();
        now.sort();
        before == now
    };
    if !inner_same {
        return None;
    }
    let unchanged = old.members.iter().enumerate().filter(|(_, m)| stays(m)).all(|(i, &m)| {
        let (w, h) = sizes[m];
        old.pins[i] == input.tables[m].pin && old.rects[i].width == w && old.rects[i].height == h
    });
    if !unchanged {
        return None;
    }
    // Lines of a table that left the block leave with it.
    let gone = |e: usize| old.route_ends.iter().any(|&(x, c, p)| x == e && (removed.contains(&c) || removed.contains(&p)));
    let routes: Vec<(usize, Vec<Point>, Side, Side)> = old.routes.iter().filter(|r| !gone(r.0)).cloned().collect();
    // Growing down is free while the block stays within its shelf's band; growing right is
    // free for the last block of a shelf.
    let placement = cache.placements.iter().find(|p| p.block.key == key);
    let last_in_shelf = placement.is_some_and(|p| {
        p.shelf.is_some() && !cache.placements.iter().any(|q| q.shelf == p.shelf && q.slot > p.slot)
    });
    let (mut width, mut height) = (old.width, old.height);
    let mut placed: Vec<(usize, Rect)> = Vec::with_capacity(added.len());
    let mut taken: Vec<Rect> =
        old.rects.iter().zip(&old.pins).zip(&old.members).filter(|((_, p), m)| p.is_none() && stays(m)).map(|((r, _), _)| *r).collect();
    let mut departed = old.departed.clone();
    let mut returned: Vec<(usize, Exit)> = Vec::new();
    for &m in &added {
        let (w, h) = sizes[m];
        // A table put back (undo of a delete) goes back to its old place while that is free.
        let back = departed.iter().position(|(name, r, _)| {
            *name == input.tables[m].name && r.width == w && r.height == h && taken.iter().all(|t| !t.overlaps(&r.inflate(options.node_gap / 2.0)))
        });
        if let Some(i) = back {
            let (_, rect, exit) = departed.remove(i);
            taken.push(rect);
            placed.push((m, rect));
            returned.push((m, exit));
            continue;
        }
        if let Some(rect) = hole(&taken, &routes, width, height, w, h, options) {
            taken.push(rect);
            placed.push((m, rect));
            continue;
        }
        let below = Rect::new(0.0, if height > 0.0 { height + options.node_gap } else { 0.0 }, w, h);
        let fits_band = placement.is_none_or(|p| p.shelf.is_none() || p.outer.bottom() + (below.bottom() - height) <= p.band.1);
        let rect = if fits_band || !last_in_shelf { below } else { Rect::new(width + options.rank_gap, 0.0, w, h) };
        width = width.max(rect.right());
        height = height.max(rect.bottom());
        taken.push(rect);
        placed.push((m, rect));
    }
    let gap = options.rank_gap;
    let mut block = Block {
        key,
        members: members.to_vec(),
        pins: pins.to_vec(),
        framed: old.framed,
        rects: Vec::with_capacity(members.len()),
        exits: Vec::with_capacity(members.len()),
        routes,
        width,
        height,
        signature: signature(input, members),
        moved: old.moved.iter().copied().filter(|m| stays(m)).collect(),
        route_ends: old.route_ends.clone(),
        before_pin: old.before_pin.iter().copied().filter(|(m, _, _)| stays(m)).collect(),
        stash: old.stash.iter().filter(|r| !gone(r.0)).cloned().collect(),
        departed,
    };
    for &m in members {
        match old.members.binary_search(&m) {
            Ok(i) => {
                block.rects.push(old.rects[i]);
                block.exits.push(old.exits[i]);
            }
            Err(_) => {
                let r = placed.iter().find(|(t, _)| *t == m).map(|&(_, r)| r).expect("an added member");
                block.rects.push(r);
                match returned.iter().find(|(t, _)| *t == m) {
                    Some(&(_, exit)) => block.exits.push(exit),
                    None => block.exits.push(Exit { left: r.x - gap / 2.0, right: r.right() + gap / 2.0, left_outer: r.x <= 0.0, right_outer: r.right() >= width }),
                }
            }
        }
    }
    // A table placed beside one whose channel opened outside the block closes that channel.
    for i in 0..block.rects.len() {
        let r = block.rects[i];
        let beside = |toward_right: bool| {
            placed.iter().any(|&(t, o)| t != block.members[i] && o.y < r.bottom() && r.y < o.bottom() && if toward_right { o.x >= r.right() } else { o.right() <= r.x })
        };
        if block.exits[i].right_outer && beside(true) {
            block.exits[i].right_outer = false;
        }
        if block.exits[i].left_outer && beside(false) {
            block.exits[i].left_outer = false;
        }
    }
    Some(Arc::new(block))
}

/// A free place for a `w`×`h` table inside a block's content (`width`×`height`): below or
/// right of one of the `taken` boxes, clear of every box and line by the gaps the placement
/// keeps; the first in reading order.
fn hole(taken: &[Rect], routes: &[(usize, Vec<Point>, Side, Side)], width: f64, height: f64, w: f64, h: f64, options: &LayoutOptions) -> Option<Rect> {
    let mut candidates: Vec<Rect> = taken
        .iter()
        .flat_map(|r| [Rect::new(r.x, r.bottom() + options.node_gap, w, h), Rect::new(r.right() + options.rank_gap, r.y, w, h)])
        .filter(|c| c.x >= 0.0 && c.y >= 0.0 && c.right() <= width && c.bottom() <= height)
        .collect();
    candidates.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let clear = |c: &Rect| {
        let around = c.inflate(options.node_gap);
        let wide = Rect::new(c.x - options.rank_gap / 2.0, c.y - options.node_gap, c.width + options.rank_gap, c.height + 2.0 * options.node_gap);
        taken.iter().all(|t| !t.overlaps(&around))
            && routes.iter().all(|(_, points, _, _)| points.windows(2).all(|s| !segment_hits(s[0], s[1], &wide)))
    };
    candidates.into_iter().find(|c| clear(c))
}

/// Whether `a` and `b` are the same rectangle but for rounding (a pinned block's frame is
/// computed by another sum than a packed one's).
fn near(a: &Rect, b: &Rect) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() < 1e-6;
    close(a.x, b.x) && close(a.y, b.y) && close(a.width, b.width) && close(a.height, b.height)
}

/// Whether the axis-parallel segment `a`–`b` touches `r`.
fn segment_hits(a: Point, b: Point, r: &Rect) -> bool {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    x1 >= r.x && x0 <= r.right() && y1 >= r.y && y0 <= r.bottom()
}

/// Whether line `e`, whose ends are listed in `ends`, touches one of `tables`.
fn cache_touches(tables: &[usize], e: usize, ends: &[(usize, usize, usize)]) -> bool {
    ends.iter().any(|&(edge, child, parent)| edge == e && (tables.contains(&child) || tables.contains(&parent)))
}

/// The block each table belongs to.
fn partition(input: &LayoutInput) -> Vec<BlockKey> {
    let n = input.tables.len();
    let group_of = |t: usize| input.tables[t].group.filter(|&g| g < input.groups.len());
    let free = |t: usize| group_of(t).is_none() && input.tables[t].pin.is_none();
    let mut components = UnionFind::<usize>::new(n);
    let mut linked = vec![false; n];
    for e in &input.edges {
        if e.child < n && e.parent < n && e.child != e.parent && free(e.child) && free(e.parent) {
            components.union(e.child, e.parent);
            linked[e.child] = true;
            linked[e.parent] = true;
        }
    }
    let mut first_of = vec![usize::MAX; n];
    for t in 0..n {
        let root = components.find(t);
        first_of[root] = first_of[root].min(t);
    }
    (0..n)
        .map(|t| match group_of(t) {
            Some(g) => BlockKey::Group(g),
            None if input.tables[t].pin.is_some() => BlockKey::Pinned(t),
            None if linked[t] => BlockKey::Component(first_of[components.find(t)]),
            None => BlockKey::Loose,
        })
        .collect()
}

/// A cheap fingerprint of what a block's placement depends on besides its members and pins:
/// their sizes and the lines between them (a line to another block is routed outside, so it
/// does not move the block's tables).
fn signature(input: &LayoutInput, members: &[usize]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for &m in members {
        let t = &input.tables[m];
        t.name.len().hash(&mut h);
        t.columns.len().hash(&mut h);
        t.partitions.len().hash(&mut h);
    }
    for e in &input.edges {
        if members.binary_search(&e.child).is_ok() && members.binary_search(&e.parent).is_ok() {
            (e.child, e.parent, e.child_row(), e.parent_row()).hash(&mut h);
        }
    }
    h.finish()
}

fn lay_out_block(
    input: &LayoutInput,
    options: &LayoutOptions,
    sizes: &[(f64, f64)],
    key: BlockKey,
    members: Vec<usize>,
    pins: Vec<Option<Point>>,
    signature: u64,
) -> Block {
    let framed = matches!(key, BlockKey::Group(_));
    let local_index = |t: usize| members.binary_search(&t).ok();
    let free: Vec<usize> = (0..members.len()).filter(|&i| pins[i].is_none()).collect();
    let mut slot_of = vec![usize::MAX; members.len()];
    for (s, &i) in free.iter().enumerate() {
        slot_of[i] = s;
    }
    // Components among the unpinned members, linked by relationships inside the block.
    let mut uf = UnionFind::<usize>::new(free.len());
    let mut inner: Vec<(usize, usize, usize)> = Vec::new();
    for (e, edge) in input.edges.iter().enumerate() {
        let (Some(c), Some(p)) = (local_index(edge.child), local_index(edge.parent)) else { continue };
        if c == p || slot_of[c] == usize::MAX || slot_of[p] == usize::MAX {
            continue;
        }
        uf.union(slot_of[c], slot_of[p]);
        inner.push((e, slot_of[c], slot_of[p]));
    }
    let mut comp_members: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for s in 0..free.len() {
        comp_members.entry(uf.find(s)).or_default().push(s);
    }
    let spacing = Spacing { node_gap: options.node_gap, rank_gap: options.rank_gap, sweeps: options.ordering_sweeps };
    let mut items: Vec<Item> = Vec::new();
    for slots in comp_members.into_values() {
        if slots.len() == 1 {
            let (w, h) = sizes[members[free[slots[0]]]];
            items.push(Item { slots, positions: vec![Point::default()], exits: None, routes: Vec::new(), width: w, height: h });
            continue;
        }
        let nodes: Vec<Node> = slots.iter().map(|&s| {
            let (width, height) = sizes[members[free[s]]];
            Node { width, height }
        }).collect();
        let position_in = |s: usize| slots.binary_search(&s).expect("slot of this component");
        let mut edge_ids = Vec::new();
        let mut links = Vec::new();
        for &(e, c, p) in &inner {
            if uf.find(c) != uf.find(slots[0]) {
                continue;
            }
            let edge = &input.edges[e];
            let child = &input.tables[edge.child];
            let parent = &input.tables[edge.parent];
            let anchor = |rows: usize, row: Option<usize>| options.row_center_y(&Rect::default(), row, rows);
            links.push(Link {
                from: position_in(p),
                to: position_in(c),
                from_y: anchor(parent.columns.len(), edge.parent_row()),
                to_y: anchor(child.columns.len(), edge.child_row()),
            });
            edge_ids.push(e);
        }
        let placement = layered::place(&nodes, &links, spacing);
        let exits = placement
            .exits
            .iter()
            .map(|&(l, r)| {
                let left_outer = l < 0.0;
                let right_outer = r > placement.width;
                Exit {
                    left: if left_outer { -options.rank_gap / 2.0 } else { l },
                    right: if right_outer { placement.width + options.rank_gap / 2.0 } else { r },
                    left_outer,
                    right_outer,
                }
            })
            .collect();
        let routes = edge_ids
            .into_iter()
            .zip(placement.routes)
            .map(|(e, r)| {
                let mut points = r.points;
                points.reverse();
                (e, points, r.to_side, r.from_side)
            })
            .collect();
        items.push(Item { slots, positions: placement.positions, exits: Some(exits), routes, width: placement.width, height: placement.height });
    }
    // Components first, largest first; then single tables, tallest first, packed in shelves.
    items.sort_by(|a, b| {
        let multi = |i: &Item| i.slots.len() > 1;
        multi(b)
            .cmp(&multi(a))
            .then_with(|| if multi(a) { (b.width * b.height).total_cmp(&(a.width * a.height)) } else { b.height.total_cmp(&a.height) })
            .then(a.slots[0].cmp(&b.slots[0]))
    });
    let gap = options.rank_gap;
    let item_sizes: Vec<(f64, f64)> = items.iter().map(|i| (i.width, i.height)).collect();
    let order: Vec<usize> = (0..items.len()).collect();
    let shelves = shelf_pack(&item_sizes, &order, target_width(&item_sizes, gap, options.aspect_ratio), gap, &[], &[], Point::default(), &[]);

    let mut rects = vec![Rect::default(); members.len()];
    let mut exits = vec![Exit { left: 0.0, right: 0.0, left_outer: true, right_outer: true }; members.len()];
    let mut routes = Vec::new();
    let (mut width, mut height) = (0.0f64, 0.0f64);
    let mut shelf_len = vec![0usize; shelves.bands.len()];
    for &sh in &shelves.shelf {
        shelf_len[sh] += 1;
    }
    for (k, (item, at)) in items.iter().zip(&shelves.positions).enumerate() {
        // A channel opens outside the block only beside the first and last item of a shelf;
        // between items it is the gap between them.
        let first = shelves.slot[k] == 0;
        let last = shelves.slot[k] + 1 == shelf_len[shelves.shelf[k]];
        width = width.max(at.x + item.width);
        height = height.max(at.y + item.height);
        for (j, &s) in item.slots.iter().enumerate() {
            let i = free[s];
            let (w, h) = sizes[members[i]];
            let p = item.positions[j];
            rects[i] = Rect::new(at.x + p.x, at.y + p.y, w, h);
            exits[i] = match &item.exits {
                Some(ex) => Exit {
                    left: ex[j].left + at.x,
                    right: ex[j].right + at.x,
                    left_outer: ex[j].left_outer && first,
                    right_outer: ex[j].right_outer && last,
                },
                None => Exit { left: rects[i].x - gap / 2.0, right: rects[i].right() + gap / 2.0, left_outer: first, right_outer: last },
            };
        }
        for (e, points, cs, ps) in &item.routes {
            routes.push((*e, points.iter().map(|p| p.offset(at.x, at.y)).collect(), *cs, *ps));
        }
    }
    // Pinned tables where the user put them; one pinned onto an earlier one moves right
    // just past it (and is reported), since both cannot be honoured.
    let mut moved = Vec::new();
    let mut pinned_rects: Vec<Rect> = Vec::new();
    for (i, pin) in pins.iter().enumerate() {
        if let Some(pin) = pin {
            let (w, h) = sizes[members[i]];
            let mut r = Rect::new(pin.x, pin.y, w, h);
            while let Some(right) = pinned_rects.iter().filter(|o| o.overlaps(&r)).map(|o| o.right()).reduce(f64::max) {
                r.x = right + options.node_gap;
            }
            if r.x != pin.x {
                moved.push(members[i]);
            }
            pinned_rects.push(r);
            rects[i] = r;
            exits[i] = Exit { left: r.x - gap / 2.0, right: r.right() + gap / 2.0, left_outer: true, right_outer: true };
        }
    }
    let route_ends = routes.iter().map(|(e, _, _, _)| (*e, input.edges[*e].child, input.edges[*e].parent)).collect();
    Block { key, members, pins, framed, rects, exits, routes, width, height, signature, moved, route_ends, before_pin: Vec::new(), stash: Vec::new(), departed: Vec::new() }
}

struct Item {
    slots: Vec<usize>,
    positions: Vec<Point>,
    exits: Option<Vec<Exit>>,
    routes: Vec<(usize, Vec<Point>, Side, Side)>,
    width: f64,
    height: f64,
}

/// The frame around content `c`: padding on every side plus the title band on top.
fn frame_around(c: &Rect, options: &LayoutOptions) -> Rect {
    let p = options.frame_padding;
    Rect::new(c.x - p, c.y - p - options.frame_title_height, c.width + 2.0 * p, c.height + 2.0 * p + options.frame_title_height)
}

/// Offset of the content origin inside a block's outer rectangle.
fn content_offset(framed: bool, options: &LayoutOptions) -> Point {
    if framed {
        Point::new(options.frame_padding, options.frame_padding + options.frame_title_height)
    } else {
        Point::default()
    }
}

/// Width the shelves aim at: a rectangle of the wanted aspect ratio with the items' area.
fn target_width(sizes: &[(f64, f64)], gap: f64, aspect: f64) -> f64 {
    let area: f64 = sizes.iter().map(|(w, h)| (w + gap) * (h + gap)).sum();
    let widest = sizes.iter().map(|s| s.0).fold(0.0, f64::max);
    (area * aspect).sqrt().max(widest)
}

struct Shelves {
    positions: Vec<Point>,
    shelf: Vec<usize>,
    slot: Vec<usize>,
    bands: Vec<(f64, f64)>,
}

/// Shelf packing: items in `order` left to right, a new shelf when the row is full, moving
/// right past any obstacle. `fixed_shelf` (per item, may be empty) keeps items on the shelf
/// they had, so a re-layout does not reflow the diagram.
#[allow(clippy::too_many_arguments)]
fn shelf_pack(sizes: &[(f64, f64)], order: &[usize], width: f64, gap: f64, extra: &[f64], obstacles: &[Rect], start: Point, fixed_shelf: &[Option<usize>]) -> Shelves {
    let mut out = Shelves { positions: vec![Point::default(); sizes.len()], shelf: vec![0; sizes.len()], slot: vec![0; sizes.len()], bands: Vec::new() };
    let mut shelf_y = start.y;
    let mut shelf_h: f64 = 0.0;
    let mut x = start.x;
    let mut count = 0usize;
    let mut shelf = 0usize;
    for &i in order {
        let (w, h) = sizes[i];
        let wants_new = match fixed_shelf.get(i).copied().flatten() {
            Some(s) => s > shelf && count > 0,
            None => count > 0 && x + w > start.x + width,
        };
        if wants_new {
            out.bands.push((shelf_y, shelf_y + shelf_h));
            shelf_y += shelf_h + gap + extra.get(shelf).copied().unwrap_or(0.0);
            shelf_h = 0.0;
            x = start.x;
            count = 0;
            shelf += 1;
        }
        // Move right past obstacles (pinned blocks); the gap keeps corridors around them.
        loop {
            let candidate = Rect::new(x, shelf_y, w, h).inflate(gap - 1e-6);
            match obstacles.iter().filter(|o| o.overlaps(&candidate)).map(|o| o.right()).fold(None, |m: Option<f64>, r| Some(m.map_or(r, |m| m.max(r)))) {
                Some(right) => x = right + gap,
                None => break,
            }
        }
        out.positions[i] = Point::new(x, shelf_y);
        out.shelf[i] = shelf;
        out.slot[i] = count;
        x += w + gap;
        shelf_h = shelf_h.max(h);
        count += 1;
    }
    out.bands.push((shelf_y, shelf_y + shelf_h));
    out
}

/// Places blocks: pinned ones where their pins are (moved right only where they would
/// overlap each other), free ones in shelves ordered by the graph of blocks.
fn pack(
    input: &LayoutInput,
    options: &LayoutOptions,
    blocks: &[Arc<Block>],
    block_of: &[usize],
    previous: &Cache,
) -> (Vec<Placed>, Vec<usize>, Vec<(BlockKey, usize)>) {
    // A block that got a pin in a re-layout and still has unpinned tables keeps its slot in
    // its shelf (at the size of its unpinned content), so no block after it slides into the
    // place it leaves, and its frame grows around the pin into the free gap around it: no
    // other table or frame moves for it. Where the grown frame would overlap another block,
    // the frames would lie about which tables belong together, so that block is placed
    // as a pinned one instead (the blocks after it make room).
    let mut slotted: Vec<bool> = blocks
        .iter()
        .map(|block| {
            block.pins.iter().any(Option::is_some)
                && block.pins.iter().any(Option::is_none)
                && previous.shelf_of.iter().any(|(k, _)| *k == block.key)
                && previous.origins.iter().find(|(k, _)| *k == block.key).is_some_and(|&(_, o)| {
                    // The unpinned tables stay where they were only while no pin covers them.
                    let pinned: Vec<&Rect> = block.rects.iter().zip(&block.pins).filter(|(_, p)| p.is_some()).map(|(r, _)| r).collect();
                    block.rects.iter().zip(&block.pins).filter(|(_, p)| p.is_none()).all(|(r, _)| {
                        let at = r.offset(o.x, o.y);
                        pinned.iter().all(|p| !p.overlaps(&at))
                    })
                })
        })
        .collect();
    loop {
        let result = pack_with(input, options, blocks, block_of, previous, &slotted);
        let clash: Vec<usize> = (0..blocks.len())
            .filter(|&b| slotted[b] && result.0.iter().enumerate().any(|(o, p)| o != b && p.outer.overlaps(&result.0[b].outer)))
            .collect();
        if clash.is_empty() {
            return result;
        }
        for b in clash {
            slotted[b] = false;
        }
    }
}

/// [`pack`] with the blocks that keep their shelf slot named in `slotted`.
fn pack_with(
    input: &LayoutInput,
    options: &LayoutOptions,
    blocks: &[Arc<Block>],
    block_of: &[usize],
    previous: &Cache,
    slotted: &[bool],
) -> (Vec<Placed>, Vec<usize>, Vec<(BlockKey, usize)>) {
    let previous_shelves = previous.shelf_of.as_slice();
    let gap = options.block_gap;
    let mut placed: Vec<Option<Placed>> = (0..blocks.len()).map(|_| None).collect();
    let mut moved = Vec::new();
    let mut obstacles: Vec<Rect> = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        if block.pins.iter().all(Option::is_none) || slotted[b] {
            continue;
        }
        let pinned = Rect::bounding(block.rects.iter().zip(&block.pins).filter(|(_, p)| p.is_some()).map(|(r, _)| r)).expect("a pinned member");
        let has_free = block.pins.iter().any(Option::is_none);
        // The unpinned tables stay where the block was (the user moved one table, not the
        // group) unless the pins now cover that place; else they go right of the pins.
        let beside = Point::new(pinned.right() + options.rank_gap, pinned.y);
        let origin = previous
            .origins
            .iter()
            .find(|(k, _)| *k == block.key)
            .map(|&(_, o)| o)
            .filter(|o| {
                let pinned: Vec<&Rect> = block.rects.iter().zip(&block.pins).filter(|(_, p)| p.is_some()).map(|(r, _)| r).collect();
                block.rects.iter().zip(&block.pins).filter(|(_, p)| p.is_none()).all(|(r, _)| {
                    let at = r.offset(o.x, o.y).inflate(options.node_gap);
                    pinned.iter().all(|p| !p.overlaps(&at))
                })
            })
            .unwrap_or(beside);
        let content = if has_free { pinned.union(&Rect::new(origin.x, origin.y, block.width, block.height)) } else { pinned };
        let mut outer = if block.framed { frame_around(&content, options) } else { content };
        let mut shift = 0.0;
        while let Some(right) = obstacles.iter().filter(|o| o.overlaps(&outer.inflate(gap / 2.0))).map(|o| o.right()).reduce(f64::max) {
            let dx = right + gap - outer.x;
            shift += dx;
            outer = outer.offset(dx, 0.0);
        }
        let mut block = block.clone();
        moved.extend(block.moved.iter().copied());
        if shift > 0.0 {
            let b = Arc::make_mut(&mut block);
            for (i, pin) in b.pins.iter().enumerate() {
                if pin.is_some() {
                    b.rects[i] = b.rects[i].offset(shift, 0.0);
                    b.exits[i].left += shift;
                    b.exits[i].right += shift;
                    if !b.moved.contains(&b.members[i]) {
                        moved.push(b.members[i]);
                    }
                }
            }
        }
        obstacles.push(outer);
        let frame = block.framed.then_some(outer);
        placed[b] = Some(Placed { block, origin: origin.offset(shift, 0.0), outer, frame, band: (outer.y, outer.bottom()), shelf: None, slot: 0 });
    }
    let free: Vec<usize> = (0..blocks.len()).filter(|&b| placed[b].is_none() && !slotted[b]).collect();
    let outer_size = |b: usize| {
        let block = &blocks[b];
        let off = content_offset(block.framed, options);
        let extra = if block.framed { options.frame_padding } else { 0.0 };
        (block.width + off.x + extra, block.height + off.y + extra)
    };
    let sizes: Vec<(f64, f64)> = (0..blocks.len()).map(outer_size).collect();
    let order = block_order(input, blocks, block_of, &free);
    let fixed_shelf: Vec<Option<usize>> = (0..blocks.len())
        .map(|b| previous_shelves.iter().find(|(k, _)| *k == blocks[b].key).map(|(_, s)| *s))
        .collect();
    let order = if previous_shelves.is_empty() {
        order
    } else {
        // Keep the previous order: blocks that had a shelf in shelf order, new ones last.
        let mut o = order;
        o.sort_by_key(|&b| {
            let prev = previous_shelves.iter().position(|(k, _)| *k == blocks[b].key);
            (prev.is_none(), prev.unwrap_or(0))
        });
        o
    };
    let free_sizes: Vec<(f64, f64)> = free.iter().map(|&b| sizes[b]).collect();
    // The slotted blocks join the packing in their old place in the order (the order of a
    // re-layout is the previous one, so `block_order` need not know them).
    let order = if slotted.iter().any(|&s| s) {
        let mut o = order;
        o.extend((0..blocks.len()).filter(|&b| slotted[b]));
        o.sort_by_key(|&b| {
            let prev = previous_shelves.iter().position(|(k, _)| *k == blocks[b].key);
            (prev.is_none(), prev.unwrap_or(0))
        });
        o
    } else {
        order
    };
    let start = Point::new(0.0, 0.0);
    let target = target_width(&free_sizes, gap, options.aspect_ratio);
    // Shelves leave ragged ends, so the width from the area alone gives drawings taller than
    // wanted; try a few widths around it and keep the one closest to the aspect ratio.
    let candidates: &[f64] = if previous_shelves.is_empty() { &[0.8, 0.9, 1.0, 1.1, 1.2, 1.35, 1.5, 1.7] } else { &[1.0] };
    let aspect_miss = |s: &Shelves| {
        let width = order.iter().map(|&b| s.positions[b].x + sizes[b].0).fold(0.0, f64::max) - start.x;
        let height = s.bands.last().map_or(0.0, |b| b.1) - start.y;
        if width <= 0.0 || height <= 0.0 {
            return 0.0;
        }
        ((width / height) / options.aspect_ratio).ln().abs()
    };
    let shelves = candidates
        .iter()
        .map(|f| shelf_pack(&sizes, &order, target * f, gap, &previous.extra_gaps, &obstacles, start, &fixed_shelf))
        .min_by(|a, b| aspect_miss(a).total_cmp(&aspect_miss(b)))
        .expect("a candidate width");
    let mut shelf_of = Vec::new();
    for &b in &order {
        let at = shelves.positions[b];
        let block = blocks[b].clone();
        if slotted[b] {
            shelf_of.push((block.key, shelves.shelf[b]));
            placed[b] = Some(slotted_block(block, at, &shelves, b, previous, options));
            continue;
        }
        let (w, h) = sizes[b];
        let outer = Rect::new(at.x, at.y, w, h);
        let off = content_offset(block.framed, options);
        let frame = block.framed.then_some(outer);
        shelf_of.push((block.key, shelves.shelf[b]));
        placed[b] = Some(Placed {
            block,
            origin: at.offset(off.x, off.y),
            outer,
            frame,
            band: shelves.bands[shelves.shelf[b]],
            shelf: Some(shelves.shelf[b]),
            slot: shelves.slot[b],
        });
    }
    // A pinned block keeps the shelf and order it had, so removing its pins (undo) puts it back
    // in its slot rather than after every other block.
    let pinned_now = |k: &BlockKey| blocks.iter().any(|b| b.key == *k && b.pins.iter().any(Option::is_some));
    let mut kept: Vec<(BlockKey, usize)> = previous_shelves
        .iter()
        .filter_map(|&(k, s)| match shelf_of.iter().find(|(n, _)| *n == k) {
            Some(&now) => Some(now),
            None => pinned_now(&k).then_some((k, s)),
        })
        .collect();
    kept.extend(shelf_of.iter().filter(|(k, _)| !previous_shelves.iter().any(|(p, _)| p == k)));
    let shelf_of = kept;
    moved.sort_unstable();
    moved.dedup();
    (placed.into_iter().map(|p| p.expect("every block placed")).collect(), moved, shelf_of)
}

/// A block with pinned and unpinned tables that keeps the shelf slot at `at` it had: the
/// unpinned tables stay at their previous origin,
/// the frame holds them and the pins. It keeps its shelf for routing, its band grown to hold
/// its outline, while the gaps to the shelves above and below keep room for lanes (the
/// packing already keeps its outline off every other block); past that it is routed around
/// like a pinned block, whose lines take the fast routes.
fn slotted_block(block: Arc<Block>, at: Point, shelves: &Shelves, b: usize, previous: &Cache, options: &LayoutOptions) -> Placed {
    let off = content_offset(block.framed, options);
    let origin = previous.origins.iter().find(|(k, _)| *k == block.key).map_or(at.offset(off.x, off.y), |&(_, o)| o);
    let pinned = Rect::bounding(block.rects.iter().zip(&block.pins).filter(|(_, p)| p.is_some()).map(|(r, _)| r)).expect("a pinned member");
    let content = pinned.union(&Rect::new(origin.x, origin.y, block.width, block.height));
    let outer = if block.framed { frame_around(&content, options) } else { content };
    let shelf = shelves.shelf[b];
    let band = shelves.bands[shelf];
    let room = options.block_gap / 4.0;
    let above = shelf.checked_sub(1).map_or(f64::INFINITY, |s| outer.y - shelves.bands[s].1);
    let below = shelves.bands.get(shelf + 1).map_or(f64::INFINITY, |n| n.0 - outer.bottom());
    let frame = block.framed.then_some(outer);
    if above >= room && below >= room {
        let band = (band.0.min(outer.y), band.1.max(outer.bottom()));
        Placed { block, origin, outer, frame, band, shelf: Some(shelf), slot: shelves.slot[b] }
    } else {
        Placed { block, origin, outer, frame, band: (outer.y, outer.bottom()), shelf: None, slot: 0 }
    }
}

/// Free blocks in packing order: start from the most connected, then always the block most
/// connected to those already placed (so linked groups sit near each other), the loose
/// tables last.
fn block_order(input: &LayoutInput, blocks: &[Arc<Block>], block_of: &[usize], free: &[usize]) -> Vec<usize> {
    let mut quotient: UnGraph<(), u32> = UnGraph::with_capacity(blocks.len(), 0);
    for _ in blocks {
        quotient.add_node(());
    }
    let mut pairs: Vec<(usize, usize)> = input
        .edges
        .iter()
        .filter(|e| e.child < block_of.len() && e.parent < block_of.len())
        .map(|e| (block_of[e.child], block_of[e.parent]))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.min(b), a.max(b)))
        .collect();
    pairs.sort_unstable();
    for run in pairs.chunk_by(|a, b| a == b) {
        quotient.add_edge(NodeIndex::new(run[0].0), NodeIndex::new(run[0].1), run.len() as u32);
    }
    let is_free = {
        let mut v = vec![false; blocks.len()];
        for &b in free {
            v[b] = true;
        }
        v
    };
    let mut link = vec![0u64; blocks.len()];
    let mut done = vec![false; blocks.len()];
    let mut order = Vec::with_capacity(free.len());
    let loose = free.iter().copied().find(|&b| blocks[b].key == BlockKey::Loose);
    let candidates: Vec<usize> = free.iter().copied().filter(|&b| Some(b) != loose).collect();
    for _ in 0..candidates.len() {
        let next = candidates
            .iter()
            .copied()
            .filter(|&b| !done[b])
            .max_by(|&a, &b| link[a].cmp(&link[b]).then(blocks[a].members.len().cmp(&blocks[b].members.len())).then(b.cmp(&a)))
            .expect("a block left");
        done[next] = true;
        order.push(next);
        for e in quotient.edges(NodeIndex::new(next)) {
            use petgraph::visit::EdgeRef;
            let other = if e.source().index() == next { e.target().index() } else { e.source().index() };
            if is_free[other] && !done[other] {
                link[other] += u64::from(*e.weight());
            }
        }
    }
    order.extend(loose);
    order
}

