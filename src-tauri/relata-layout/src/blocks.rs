//! Blocks, the units the layout places: a group's tables, a component of ungrouped tables or
//! the loose ones, each with its inner placement ([`Block`]), where the packing put it
//! ([`Placed`]) and what routing needs to know of it ([`BlockView`]), in a module of their
//! own so the layout and the routing both use them without importing each other.

use std::sync::Arc;

use crate::geometry::{Point, Rect, Side};

/// What a block is made of; equal keys across layouts are the same block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum BlockKey {
    Group(usize),
    Component(usize),
    Pinned(usize),
    Loose,
}

/// A block's inner placement, relative to its content origin (pinned members absolute).
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub(crate) key: BlockKey,
    pub(crate) members: Vec<usize>,
    pub(crate) pins: Vec<Option<Point>>,
    pub(crate) framed: bool,
    /// Per member: its box (relative for unpinned members, absolute for pinned ones).
    pub(crate) rects: Vec<Rect>,
    /// Per member: the x of the channels left and right of it, with whether the channel lies
    /// outside the block; same frame of reference as `rects`.
    pub(crate) exits: Vec<Exit>,
    /// Lines placed with the block: (edge, points child to parent, child side, parent side).
    pub(crate) routes: Vec<(usize, Vec<Point>, Side, Side)>,
    /// Size of the unpinned content.
    pub(crate) width: f64,
    pub(crate) height: f64,
    /// Rows and relationships taken into account, so a re-layout notices other changes.
    pub(crate) signature: u64,
    /// Pinned members moved off a pin that overlapped another pinned member.
    pub(crate) moved: Vec<usize>,
    /// Per line in `routes`: (edge, child table, parent table).
    pub(crate) route_ends: Vec<(usize, usize, usize)>,
    /// Members pinned by a re-layout with the box and channels they had before, and the
    /// lines it took from them, so removing the pin (undo) puts them back exactly.
    pub(crate) before_pin: Vec<(usize, Rect, Exit)>,
    pub(crate) stash: Vec<(usize, Vec<Point>, Side, Side)>,
    /// Tables deleted from the block (by name) with the box and channels they had, so an undo
    /// that puts one back gives it its old place while that is still free.
    pub(crate) departed: Vec<(String, Rect, Exit)>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Exit {
    pub(crate) left: f64,
    pub(crate) right: f64,
    pub(crate) left_outer: bool,
    pub(crate) right_outer: bool,
}

/// A block where the packing put it.
pub(crate) struct Placed {
    pub(crate) block: Arc<Block>,
    /// Offset added to relative positions.
    pub(crate) origin: Point,
    pub(crate) outer: Rect,
    pub(crate) frame: Option<Rect>,
    /// Vertical band of the shelf (or of the block itself when pinned) and the shelf index.
    pub(crate) band: (f64, f64),
    pub(crate) shelf: Option<usize>,
    /// Position of the block in its shelf, for finding neighbours.
    pub(crate) slot: usize,
}

/// What routing needs to know about a placed block.
pub(crate) struct BlockView {
    pub outer: Rect,
    pub band: (f64, f64),
    pub shelf: Option<usize>,
    pub slot: usize,
    pub framed: bool,
}

impl Placed {
    pub(crate) fn view(&self) -> BlockView {
        BlockView { outer: self.outer, band: self.band, shelf: self.shelf, slot: self.slot, framed: self.block.framed }
    }

    /// The tables of the block, as indices of the input.
    pub(crate) fn members(&self) -> &[usize] {
        &self.block.members
    }

    pub(crate) fn inner_routes(&self) -> impl Iterator<Item = (usize, Vec<Point>, Side, Side)> + '_ {
        let o = self.origin;
        self.block.routes.iter().map(move |(e, pts, cs, ps)| (*e, pts.iter().map(|p| p.offset(o.x, o.y)).collect(), *cs, *ps))
    }
}

impl Exit {
    pub(crate) fn x(&self, side: Side) -> (f64, bool) {
        match side {
            Side::Left => (self.left, self.left_outer),
            Side::Right => (self.right, self.right_outer),
        }
    }
}
