//! Lines between blocks and the special cases: every line leaves its child row and enters its
//! parent row horizontally, turns in the free channels beside tables, and runs between
//! blocks in the corridors the packing leaves (beside a block, between shelves).

use crate::geometry::{Point, Rect, Side};
use crate::input::{EdgeInput, LayoutInput, LayoutOptions};
use crate::layered::simplify;
use crate::layout::{BlockView, EdgeRoute, Exit as TableExit, Placed as PlacedBlock};

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
    routes
        .into_iter()
        .enumerate()
        .map(|(e, r)| r.or_else(|| reuse(e)).unwrap_or_else(|| route_one(input, options, scene, e)))
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
    let x = x + offset.clamp(-options.rank_gap / 4.0, options.rank_gap / 4.0);
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

/// A small per-line offset so lines sharing a corridor run side by side, not on top of
/// each other; deterministic in the edge index.
fn track_offset(e: usize) -> f64 {
    let h = (e as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 59;
    (h % 7) as f64 * 4.0 - 12.0
}
