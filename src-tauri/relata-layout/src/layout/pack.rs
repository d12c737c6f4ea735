//! Packing blocks in shelves: items left to right, a new shelf when a row is full, past
//! obstacles and pinned blocks, each item keeping its shelf across re-layouts.

use std::sync::Arc;

use crate::geometry::{Point, Rect, Side};
use crate::input::{LayoutInput, LayoutOptions};
use crate::blocks::{Block, BlockKey, Exit, Placed};

use super::{block_order, Cache};

pub(super) struct Item {
    pub(super) slots: Vec<usize>,
    pub(super) positions: Vec<Point>,
    pub(super) exits: Option<Vec<Exit>>,
    pub(super) routes: Vec<(usize, Vec<Point>, Side, Side)>,
    pub(super) width: f64,
    pub(super) height: f64,
}

/// The frame around content `c`: padding on every side plus the title band on top.
pub(super) fn frame_around(c: &Rect, options: &LayoutOptions) -> Rect {
    let p = options.frame_padding;
    Rect::new(c.x - p, c.y - p - options.frame_title_height, c.width + 2.0 * p, c.height + 2.0 * p + options.frame_title_height)
}

/// Offset of the content origin inside a block's outer rectangle.
pub(super) fn content_offset(framed: bool, options: &LayoutOptions) -> Point {
    if framed {
        Point::new(options.frame_padding, options.frame_padding + options.frame_title_height)
    } else {
        Point::default()
    }
}

/// Width the shelves aim at: a rectangle of the wanted aspect ratio with the items' area.
pub(super) fn target_width(sizes: &[(f64, f64)], gap: f64, aspect: f64) -> f64 {
    let area: f64 = sizes.iter().map(|(w, h)| (w + gap) * (h + gap)).sum();
    let widest = sizes.iter().map(|s| s.0).fold(0.0, f64::max);
    (area * aspect).sqrt().max(widest)
}

pub(super) struct Shelves {
    pub(super) positions: Vec<Point>,
    pub(super) shelf: Vec<usize>,
    pub(super) slot: Vec<usize>,
    pub(super) bands: Vec<(f64, f64)>,
}

/// Shelf packing: items in `order` left to right, a new shelf when the row is full, moving
/// right past any obstacle. `fixed_shelf` (per item, may be empty) keeps items on the shelf
/// they had, so a re-layout does not reflow the diagram.
#[allow(clippy::too_many_arguments)]
pub(super) fn shelf_pack(sizes: &[(f64, f64)], order: &[usize], width: f64, gap: f64, extra: &[f64], obstacles: &[Rect], start: Point, fixed_shelf: &[Option<usize>]) -> Shelves {
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
pub(super) fn pack(
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
pub(super) fn pack_with(
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
pub(super) fn slotted_block(block: Arc<Block>, at: Point, shelves: &Shelves, b: usize, previous: &Cache, options: &LayoutOptions) -> Placed {
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
