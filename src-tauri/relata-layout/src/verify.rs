//! The `verify` pass: checks a layout against the promises the layout makes. Tests run it on
//! every layout they compute; the app may run it in debug builds.

use crate::geometry::{Rect, Side};
use crate::input::{LayoutInput, LayoutOptions};
use crate::layout::Layout;
use crate::violation::Violation;

const EPS: f64 = 1e-6;

/// Checks `layout` against `input`: no overlapping tables, every table inside its frame,
/// frames disjoint and free of foreign tables, every line orthogonal with its ends on the
/// side of their exact rows, pins honoured; and the lines never lie: no line through a table
/// it does not join or through another line's end marker, no two lines on top of each other
/// unless they are one bundle (see [`crate::bundles`]), no line along a frame border. Empty
/// when all holds.
pub fn verify(input: &LayoutInput, layout: &Layout, options: &LayoutOptions) -> Vec<Violation> {
    let mut out = Vec::new();
    if layout.tables.len() != input.tables.len() {
        out.push(Violation::WrongShape { what: "table count" });
    }
    if layout.frames.len() != input.groups.len() {
        out.push(Violation::WrongShape { what: "frame count" });
    }
    if layout.edges.len() != input.edges.len() {
        out.push(Violation::WrongShape { what: "edge count" });
    }
    if !out.is_empty() {
        return out;
    }
    let finite = |r: &Rect| r.x.is_finite() && r.y.is_finite() && r.width.is_finite() && r.height.is_finite() && r.width >= 0.0 && r.height >= 0.0;
    for (t, r) in layout.tables.iter().enumerate() {
        if !finite(r) {
            out.push(Violation::NotFinite { what: format!("table {t}") });
        }
    }
    for (g, r) in layout.frames.iter().enumerate() {
        if r.as_ref().is_some_and(|r| !finite(r)) {
            out.push(Violation::NotFinite { what: format!("frame {g}") });
        }
    }
    for (a, b) in overlapping_pairs(&layout.tables) {
        out.push(Violation::TablesOverlap(a, b));
    }
    let frames: Vec<Rect> = layout.frames.iter().map(|f| f.unwrap_or(Rect::new(f64::NAN, f64::NAN, 0.0, 0.0))).collect();
    for (a, b) in overlapping_pairs(&frames) {
        out.push(Violation::FramesOverlap(a, b));
    }
    for (t, table) in input.tables.iter().enumerate() {
        let rect = layout.tables[t];
        if let Some(g) = table.group.filter(|&g| g < input.groups.len()) {
            match layout.frames[g] {
                Some(frame) if frame.contains(&rect) => {}
                Some(_) => out.push(Violation::OutsideFrame { table: t, group: g }),
                None => out.push(Violation::MissingFrame(g)),
            }
        }
        if let Some(pin) = table.pin {
            let at_pin = (rect.x - pin.x).abs() < EPS && (rect.y - pin.y).abs() < EPS;
            if !at_pin && !layout.moved_pins.contains(&t) {
                out.push(Violation::PinIgnored(t));
            }
        }
    }
    // Foreign tables in frames: sweep over both sorted by x.
    let mut items: Vec<(f64, f64, usize, bool)> = Vec::new();
    for (t, r) in layout.tables.iter().enumerate() {
        items.push((r.x, r.right(), t, false));
    }
    for (g, f) in layout.frames.iter().enumerate() {
        if let Some(f) = f {
            items.push((f.x, f.right(), g, true));
        }
    }
    let all: Vec<Rect> = items.iter().map(|&(_, _, i, frame)| if frame { frames[i] } else { layout.tables[i] }).collect();
    for (i, j) in overlapping_pairs(&all) {
        let (a, b) = (items[i], items[j]);
        let (table, group) = match (a.3, b.3) {
            (false, true) => (a.2, b.2),
            (true, false) => (b.2, a.2),
            _ => continue,
        };
        if input.tables[table].group != Some(group) {
            out.push(Violation::ForeignTableInFrame { table, group });
        }
    }
    for (e, (edge, route)) in input.edges.iter().zip(&layout.edges).enumerate() {
        if edge.child >= input.tables.len() || edge.parent >= input.tables.len() {
            continue;
        }
        let pts = &route.points;
        if pts.len() < 2 || pts.iter().any(|p| !p.x.is_finite() || !p.y.is_finite()) {
            out.push(Violation::BadRoute(e));
            continue;
        }
        if pts.windows(2).any(|w| (w[0].x - w[1].x).abs() > EPS && (w[0].y - w[1].y).abs() > EPS) {
            out.push(Violation::BadRoute(e));
        }
        let on_row = |p0: crate::geometry::Point, p1: crate::geometry::Point, table: usize, row: Option<usize>, side: Side| {
            let rect = layout.tables[table];
            let rows = input.tables[table].columns.len();
            let centre = options.row_center_y(&rect, row, rows);
            let half = if row.is_some_and(|r| r < rows) { options.row_height / 2.0 } else { options.header_height / 2.0 };
            let outward = (p1.x - p0.x) * side.sign() > EPS;
            (p0.x - side.x_of(&rect)).abs() < EPS && (p0.y - centre).abs() <= half + EPS && (p1.y - p0.y).abs() < EPS && outward
        };
        if !on_row(pts[0], pts[1], edge.child, edge.child_row(), route.child_side) {
            out.push(Violation::EndOffRow { edge: e, end: "child" });
        }
        let n = pts.len();
        if !on_row(pts[n - 1], pts[n - 2], edge.parent, edge.parent_row(), route.parent_side) {
            out.push(Violation::EndOffRow { edge: e, end: "parent" });
        }
    }
    out.extend(crate::lines::check(input, layout));
    out
}

/// Pairs of overlapping rectangles (interiors meeting), by a sweep over x: near-linear for
/// diagrams, where few rectangles share a column.
pub(crate) fn overlapping_pairs(rects: &[Rect]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..rects.len()).filter(|&i| rects[i].x.is_finite()).collect();
    order.sort_by(|&a, &b| rects[a].x.total_cmp(&rects[b].x).then(a.cmp(&b)));
    let mut active: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    for &i in &order {
        let r = rects[i];
        active.retain(|&j| rects[j].right() > r.x);
        for &j in &active {
            if rects[j].overlaps(&r) {
                pairs.push((j.min(i), j.max(i)));
            }
        }
        active.push(i);
    }
    pairs.sort_unstable();
    pairs
}
