//! The promises a layout makes, as the `verify` pass and the line checks (`lines`) report a
//! broken one: [`Violation`], and the distances two lines may come to each other.

use std::fmt;

use crate::input::LayoutInput;

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
