//! What a re-layout keeps of the last one: a block moved whole where only its pins changed,
//! or extended in place where tables joined it, its tables and lines renumbered to the new input.

use std::sync::Arc;

use crate::geometry::{Point, Rect, Side};
use crate::input::{LayoutInput, LayoutOptions};
use crate::blocks::{Block, BlockKey, Exit};

use super::{marker_zone, signature, Cache};

/// The previous placement of a block whose only change is that some members got pinned (the
/// user dragged them): the other members stay exactly where they were, lines that touch a
/// newly pinned table are routed again later. `None` when a pin lands on another member.
pub(super) fn repinned(cache: &Cache, key: BlockKey, members: &[usize], pins: &[Option<Point>], signature: u64, sizes: &[(f64, f64)], options: &LayoutOptions) -> Option<Arc<Block>> {
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
pub(super) fn unpinned(cache: &Cache, key: BlockKey, members: &[usize], pins: &[Option<Point>], signature: u64) -> Option<Arc<Block>> {
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
pub(super) fn edge_map(cache: &Cache, input: &LayoutInput) -> Vec<Option<usize>> {
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
pub(super) fn renumbered(block: Arc<Block>, map: &[Option<usize>]) -> Arc<Block> {
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
pub(super) fn extended(
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
pub(super) fn hole(taken: &[Rect], routes: &[(usize, Vec<Point>, Side, Side)], width: f64, height: f64, w: f64, h: f64, options: &LayoutOptions) -> Option<Rect> {
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
pub(super) fn near(a: &Rect, b: &Rect) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() < 1e-6;
    close(a.x, b.x) && close(a.y, b.y) && close(a.width, b.width) && close(a.height, b.height)
}

/// Whether the axis-parallel segment `a`–`b` touches `r`.
pub(super) fn segment_hits(a: Point, b: Point, r: &Rect) -> bool {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    x1 >= r.x && x0 <= r.right() && y1 >= r.y && y0 <= r.bottom()
}

/// Whether line `e`, whose ends are listed in `ends`, touches one of `tables`.
pub(super) fn cache_touches(tables: &[usize], e: usize, ends: &[(usize, usize, usize)]) -> bool {
    ends.iter().any(|&(edge, child, parent)| edge == e && (tables.contains(&child) || tables.contains(&parent)))
}
