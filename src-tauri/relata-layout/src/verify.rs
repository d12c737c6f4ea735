//! The `verify` pass: checks a layout against the promises the layout makes. Tests run it on
//! every layout they compute; the app may run it in debug builds.

use std::fmt;

use crate::geometry::{Rect, Side};
use crate::input::{LayoutInput, LayoutOptions};
use crate::layout::Layout;

/// One broken promise.
#[derive(Debug, Clone, PartialEq)]
pub enum Violation {
    /// The layout's vectors do not match the input's.
    WrongShape {
        /// What differs.
        what: &'static str,
    },
    /// A table, frame or point with a NaN or infinite coordinate, or a negative size.
    NotFinite {
        /// What holds it.
        what: String,
    },
    /// Two tables overlap.
    TablesOverlap(usize, usize),
    /// A table is not inside its group's frame.
    OutsideFrame {
        /// The table.
        table: usize,
        /// Its group.
        group: usize,
    },
    /// A group with tables has no frame.
    MissingFrame(usize),
    /// Two frames overlap.
    FramesOverlap(usize, usize),
    /// A table overlaps the frame of a group it does not belong to.
    ForeignTableInFrame {
        /// The table.
        table: usize,
        /// The frame's group.
        group: usize,
    },
    /// A line does not start or end on the side of its row, horizontally.
    EndOffRow {
        /// The relationship.
        edge: usize,
        /// `"child"` or `"parent"`.
        end: &'static str,
    },
    /// A line with a segment that is neither horizontal nor vertical, or fewer than 2 points.
    BadRoute(usize),
    /// A table that was pinned is not at its pin, and the layout did not report it moved.
    PinIgnored(usize),
    /// A line passes through (or along the border of) a table it does not join, as if it
    /// pointed at one of that table's rows.
    LineThroughTable {
        /// The relationship.
        edge: usize,
        /// The table it passes through.
        table: usize,
    },
    /// A line passes through the end marker of another line, so the marker reads as its own.
    LineThroughMarker {
        /// The relationship whose line passes.
        edge: usize,
        /// The relationship whose marker it passes through.
        marker_of: usize,
        /// `"child"` or `"parent"`: which end of `marker_of`.
        end: &'static str,
    },
    /// Two different lines run on top of each other (collinear within
    /// [`OVERLAP_DISTANCE`]) for more than [`OVERLAP_LENGTH`] and are not one bundle (lines
    /// leaving one row together, drawn with their count).
    LinesOverlap {
        /// One relationship.
        a: usize,
        /// The other relationship.
        b: usize,
        /// Length of the longest shared run, in diagram units.
        length: f64,
    },
    /// A line runs along a group frame's border (within [`OVERLAP_DISTANCE`], for more than
    /// [`OVERLAP_LENGTH`]) instead of in the gap between frames.
    LineAlongFrame {
        /// The relationship.
        edge: usize,
        /// The frame's group.
        group: usize,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::WrongShape { what } => write!(f, "layout does not match input: {what}"),
            Violation::NotFinite { what } => write!(f, "{what} has a coordinate that is not a finite number"),
            Violation::TablesOverlap(a, b) => write!(f, "tables {a} and {b} overlap"),
            Violation::OutsideFrame { table, group } => write!(f, "table {table} is outside the frame of its group {group}"),
            Violation::MissingFrame(g) => write!(f, "group {g} has tables but no frame"),
            Violation::FramesOverlap(a, b) => write!(f, "frames of groups {a} and {b} overlap"),
            Violation::ForeignTableInFrame { table, group } => write!(f, "table {table} overlaps the frame of group {group}, which it is not in"),
            Violation::EndOffRow { edge, end } => write!(f, "the {end} end of line {edge} is not on its row"),
            Violation::BadRoute(e) => write!(f, "line {e} is not an orthogonal polyline"),
            Violation::PinIgnored(t) => write!(f, "pinned table {t} moved without being reported"),
            Violation::LineThroughTable { edge, table } => write!(f, "line {edge} passes through table {table}, which it does not join"),
            Violation::LineThroughMarker { edge, marker_of, end } => write!(f, "line {edge} passes through the {end} end marker of line {marker_of}"),
            Violation::LinesOverlap { a, b, length } => write!(f, "lines {a} and {b} run on top of each other for {length:.0} units"),
            Violation::LineAlongFrame { edge, group } => write!(f, "line {edge} runs along the border of the frame of group {group}"),
        }
    }
}

impl Violation {
    /// The broken promise in plain words, naming tables, groups and relationships by their
    /// names in `input` (the `Display` form names them by index).
    pub fn describe(&self, input: &LayoutInput) -> String {
        let table = |t: usize| input.tables.get(t).map_or_else(|| format!("table #{t}"), |t| format!("table {}", t.name));
        let group = |g: usize| input.groups.get(g).map_or_else(|| format!("group #{g}"), |g| format!("group {}", g.name));
        let line = |e: usize| match input.edges.get(e) {
            Some(edge) => {
                let name = |t: usize| input.tables.get(t).map_or_else(|| format!("#{t}"), |t| t.name.clone());
                format!("the line from {} to {}", name(edge.child), name(edge.parent))
            }
            None => format!("line #{e}"),
        };
        match self {
            Violation::TablesOverlap(a, b) => format!("{} and {} overlap", table(*a), table(*b)),
            Violation::OutsideFrame { table: t, group: g } => format!("{} is drawn outside the frame of its {}", table(*t), group(*g)),
            Violation::MissingFrame(g) => format!("{} has tables but no frame", group(*g)),
            Violation::FramesOverlap(a, b) => format!("the frames of {} and {} overlap", group(*a), group(*b)),
            Violation::ForeignTableInFrame { table: t, group: g } => format!("{} lies in the frame of {}, which it is not in", table(*t), group(*g)),
            Violation::EndOffRow { edge, end } => format!("the {end} end of {} is not on its row", line(*edge)),
            Violation::BadRoute(e) => format!("{} is not made of horizontal and vertical pieces", line(*e)),
            Violation::PinIgnored(t) => format!("pinned {} moved without being reported", table(*t)),
            Violation::LineThroughTable { edge, table: t } => format!("{} passes through {}, as if it joined it", line(*edge), table(*t)),
            Violation::LineThroughMarker { edge, marker_of, end } => {
                format!("{} passes through the {end} end marker of {}", line(*edge), line(*marker_of))
            }
            Violation::LinesOverlap { a, b, length } => format!("{} and {} run on top of each other for {length:.0} px", line(*a), line(*b)),
            Violation::LineAlongFrame { edge, group: g } => format!("{} runs along the border of the frame of {}", line(*edge), group(*g)),
            Violation::WrongShape { .. } | Violation::NotFinite { .. } => self.to_string(),
        }
    }
}

/// How close two parallel pieces of line may run before they count as one on top of the
/// other (and how close a line may run to a frame border).
pub const OVERLAP_DISTANCE: f64 = 2.0;

/// How long two lines may run on top of each other (or a line along a frame border) before
/// a reader can no longer tell them apart.
pub const OVERLAP_LENGTH: f64 = 20.0;

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
