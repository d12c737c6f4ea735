//! Lines between blocks and the special cases: every line leaves its child row and enters its
//! parent row horizontally, turns in the free channels beside tables, and runs between
//! blocks in the corridors the packing leaves (beside a block, between shelves).

use crate::geometry::{Point, Rect, Side};
use crate::input::{EdgeInput, LayoutInput, LayoutOptions};
use crate::layered::simplify;
use crate::layout::{EdgeRoute, Exit as TableExit, Placed as PlacedBlock};

/// The placed diagram routing works on.
pub(crate) struct Scene<'a> {
    pub tables: &'a [Rect],
    pub exits: &'a [TableExit],
    pub placed: &'a [PlacedBlock],
    pub block_of: &'a [usize],
}

/// Routes every edge: lines placed with their block are moved into place, the rest routed here.
pub(crate) fn route_all(input: &LayoutInput, options: &LayoutOptions, scene: &Scene<'_>) -> Vec<EdgeRoute> {
    let mut routes: Vec<Option<EdgeRoute>> = vec![None; input.edges.len()];
    for block in scene.placed {
        for (e, points, child_side, parent_side) in block.inner_routes() {
            let edge = &input.edges[e];
            routes[e] = Some(EdgeRoute { points, child_side, parent_side, child_rows: edge.child_rows.clone(), parent_rows: edge.parent_rows.clone() });
        }
    }
    routes
        .into_iter()
        .enumerate()
        .map(|(e, r)| r.unwrap_or_else(|| route_one(input, options, scene, e)))
        .collect()
}

fn route_one(input: &LayoutInput, options: &LayoutOptions, scene: &Scene<'_>, e: usize) -> EdgeRoute {
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
        // A loop on the right side; a loop on one row splits its ends within the row.
        if (ya - yb).abs() < 1.0 {
            ya -= options.row_height * 0.25;
            yb += options.row_height * 0.25;
        }
        let x = a.right() + 14.0 + offset.abs() / 2.0;
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
                x + offset.clamp(-options.rank_gap / 4.0, options.rank_gap / 4.0)
            }
        };
        let xa = exit_x(edge.child, sa, &va.outer);
        let xb = exit_x(edge.parent, sb, &vb.outer);
        let start = Point::new(sa.x_of(&a), ya);
        let end = Point::new(sb.x_of(&b), yb);
        let same_block = scene.block_of[edge.child] == scene.block_of[edge.parent];
        let neighbours = va.shelf.is_some() && va.shelf == vb.shelf && va.slot.abs_diff(vb.slot) == 1;
        let facing = scene.exits[edge.child].x(sa).1 && scene.exits[edge.parent].x(sb).1;
        let points = if same_block {
            // A pinned table and its group: out, over both tables, and in.
            let hy = a.y.min(b.y) - options.node_gap / 2.0 + offset / 4.0;
            vec![start, Point::new(xa, ya), Point::new(xa, hy), Point::new(xb, hy), Point::new(xb, yb), end]
        } else if neighbours && facing {
            // Side by side in a shelf: one turn in the corridor between the two blocks.
            let xm = (sa.x_of(&va.outer) + sb.x_of(&vb.outer)) / 2.0 + offset;
            vec![start, Point::new(xm, ya), Point::new(xm, yb), end]
        } else {
            let half = options.block_gap / 2.0;
            let above = va.band.0 - half + offset / 2.0;
            let below = va.band.1 + half + offset / 2.0;
            // Towards the other block's shelf; within one band, whichever way is shorter.
            let go_up = if vb.band.0 >= va.band.1 {
                false
            } else {
                vb.band.1 <= va.band.0 || (ya - above).abs() + (yb - above).abs() < (ya - below).abs() + (yb - below).abs()
            };
            let hy = if go_up { above } else { below };
            vec![start, Point::new(xa, ya), Point::new(xa, hy), Point::new(xb, hy), Point::new(xb, yb), end]
        };
        (points, sa, sb)
    };
    EdgeRoute { points: simplify(points), child_side: sa, parent_side: sb, child_rows: edge.child_rows.clone(), parent_rows: edge.parent_rows.clone() }
}

/// A small per-line offset so lines sharing a corridor run side by side, not on top of
/// each other; deterministic in the edge index.
fn track_offset(e: usize) -> f64 {
    let h = (e as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 59;
    (h % 7) as f64 * 4.0 - 12.0
}
