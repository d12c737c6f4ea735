//! What the layout takes: tables with their rows, groups, relationships anchored to rows,
//! pinned positions, and the options that size and space everything.

use crate::geometry::{Point, Rect};

/// Everything a layout is computed from. Indices in edges and tables refer into these vectors.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutInput {
    /// The tables, in a stable order (the layout's result is indexed the same way).
    pub tables: Vec<TableInput>,
    /// Table groups (modules); a table names at most one.
    pub groups: Vec<GroupInput>,
    /// Relationships between tables, anchored to column rows.
    pub edges: Vec<EdgeInput>,
}

/// One table box: a header with the name, then one row per column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableInput {
    /// Name shown in the header, e.g. `core_data.fact_order`.
    pub name: String,
    /// Index into [`LayoutInput::groups`]; `None` for a table that stands alone.
    pub group: Option<usize>,
    /// Rows in display order.
    pub columns: Vec<ColumnInput>,
    /// Header colour overriding the group colour, `#rrggbb`.
    pub color: Option<String>,
    /// Top-left corner the user placed the table at; the layout keeps it there.
    pub pin: Option<Point>,
    /// A table, a view or a materialized view (views are drawn with a dashed border and a
    /// label in the header).
    pub kind: TableKind,
    /// The table's partitions (and theirs, one level deeper each), listed under its columns:
    /// a partitioned table is drawn once, never as one box per partition.
    pub partitions: Vec<PartitionInput>,
    /// Partitions past [`MAX_PARTITION_ROWS`], not listed: one row says how many more.
    pub more_partitions: usize,
}

/// What a box stands for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TableKind {
    /// A table (partitioned or not).
    #[default]
    Table,
    /// A view: read-only, its columns are those of its query.
    View,
    /// A materialized view.
    MaterializedView,
}

impl TableKind {
    /// The label drawn in a view's header; `None` for a table.
    pub fn label(self) -> Option<&'static str> {
        match self {
            TableKind::Table => None,
            TableKind::View => Some("view"),
            TableKind::MaterializedView => Some("materialized view"),
        }
    }
}

/// One partition row of a partitioned table's box.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PartitionInput {
    /// The partition's name (its schema when it differs from the parent's).
    pub name: String,
    /// Its bound as drawn ([`short_bound`]): `FROM ('2025-01-01') TO ('2026-01-01')`,
    /// `IN ('US')`, `WITH (MODULUS 2, REMAINDER 0)` or `DEFAULT`.
    pub bound: String,
    /// 0 for a partition of the drawn table, 1 for a partition of a partition, and so on.
    pub depth: usize,
}

/// The most partition rows a box lists: a table with more (a year of daily partitions) lists
/// the first `MAX_PARTITION_ROWS - 1` and a row "… N more", so its box stays a box.
pub const MAX_PARTITION_ROWS: usize = 12;

/// The most characters of a partition's bound a box shows; a longer bound ends in `…`.
pub const BOUND_CHARS: usize = 44;

/// `bound` as a partition row shows it: without the `FOR VALUES` every bound but `DEFAULT`
/// starts with, whitespace collapsed, at most [`BOUND_CHARS`] characters.
pub fn short_bound(bound: &str) -> String {
    let words: Vec<&str> = bound.split_whitespace().collect();
    let skip = if words.len() > 2 && words[0].eq_ignore_ascii_case("for") && words[1].eq_ignore_ascii_case("values") { 2 } else { 0 };
    let collapsed = words[skip..].join(" ");
    if collapsed.chars().count() <= BOUND_CHARS {
        return collapsed;
    }
    let mut s: String = collapsed.chars().take(BOUND_CHARS - 1).collect();
    s.push('…');
    s
}

/// One column row of a table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnInput {
    /// Column name.
    pub name: String,
    /// Type as shown, e.g. `varchar(255)`.
    pub data_type: String,
    /// Part of the primary key.
    pub primary_key: bool,
    /// Part of a relationship's child columns.
    pub foreign_key: bool,
    /// Nullable column (drawn lighter in the renderer).
    pub nullable: bool,
}

/// A table group, drawn as a titled frame around its tables.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupInput {
    /// Title of the frame.
    pub name: String,
    /// Frame and header colour, `#rrggbb`.
    pub color: Option<String>,
}

/// A relationship: one line from the child's first column row to the parent's.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeInput {
    /// The referencing table.
    pub child: usize,
    /// Row indices of the child's columns in key order; the line starts at the first.
    /// Empty (or unknown columns) anchors the line at the header.
    pub child_rows: Vec<usize>,
    /// The referenced table.
    pub parent: usize,
    /// Row indices of the parent's columns in key order; the line ends at the first.
    pub parent_rows: Vec<usize>,
    /// Marker drawn at the child end.
    pub child_end: EndMarker,
    /// Marker drawn at the parent end.
    pub parent_end: EndMarker,
    /// Solid for enforced references, dashed for logical and lineage ones, dotted for a
    /// diagram line that says no join columns.
    pub style: LineStyle,
    /// Text drawn along the line (a diagram-only line's label); `None` draws none.
    pub label: Option<String>,
}

/// Crow's-foot notation for one end of a relationship line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndMarker {
    /// Exactly one: two bars.
    One,
    /// Zero or one: a circle and a bar.
    ZeroOrOne,
    /// One or many: a bar and a crow's foot.
    OneOrMany,
    /// Zero or many: a circle and a crow's foot.
    ZeroOrMany,
}

/// How a relationship line is stroked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStyle {
    /// A database-enforced (or enforceable) reference.
    Solid,
    /// A logical or lineage relationship: documented, not enforced.
    Dashed,
    /// A line a diagram (a Mermaid erDiagram) drew between two tables without saying which
    /// columns join them: no registry relationship, only Relata's record of the line. It runs
    /// header to header and is drawn dotted and grey, with its label, so nobody reads it as a
    /// foreign key.
    DiagramOnly,
}

/// Sizes and spacing, in diagram units (one unit is one SVG pixel at scale 1).
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    /// Estimated advance of one character of the renderer's font (DejaVu Sans at 12 px
    /// averages 6.9 px per character for identifiers; 7.2 leaves a margin).
    pub char_width: f64,
    /// Height of one column row.
    pub row_height: f64,
    /// Height of the header row with the table name.
    pub header_height: f64,
    /// Smallest table width.
    pub min_table_width: f64,
    /// Horizontal padding inside a table, on each side of a row's text.
    pub text_padding: f64,
    /// Gap between the name and the type text in a row.
    pub type_gap: f64,
    /// Vertical gap between tables in one rank.
    pub node_gap: f64,
    /// Smallest horizontal gap between ranks (grows with the lines that turn in it).
    pub rank_gap: f64,
    /// Space between a group frame and its tables.
    pub frame_padding: f64,
    /// Height of a frame's title band above its tables.
    pub frame_title_height: f64,
    /// Gap between frames (and free-standing tables): the corridors lines run in.
    pub block_gap: f64,
    /// Width over height the packing of groups aims at.
    pub aspect_ratio: f64,
    /// Sweeps of the barycentric ordering inside a group.
    pub ordering_sweeps: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            char_width: 7.2,
            row_height: 20.0,
            header_height: 26.0,
            min_table_width: 120.0,
            text_padding: 22.0,
            type_gap: 18.0,
            node_gap: 18.0,
            rank_gap: 56.0,
            frame_padding: 26.0,
            frame_title_height: 26.0,
            block_gap: 64.0,
            aspect_ratio: 1.6,
            ordering_sweeps: 6,
        }
    }
}

impl LayoutOptions {
    /// The size of `table`'s box: the longest `name type` row (or the name), a header and
    /// one row per column (at least one row, so an empty table still has a body).
    /// A partitioned table adds a title row ("3 partitions") and one row per partition, and a
    /// view's header also holds its label.
    pub fn table_size(&self, table: &TableInput) -> (f64, f64) {
        let label = table.kind.label().map_or(0, |l| l.chars().count() + 2) as f64 * self.char_width * 0.85;
        let name_chars = table.name.chars().count() as f64 * self.char_width * 1.08 + label;
        let widest_row = table
            .columns
            .iter()
            .map(|c| (c.name.chars().count() + c.data_type.chars().count()) as f64 * self.char_width + self.type_gap)
            .fold(0.0, f64::max);
        let widest_partition = table
            .partitions
            .iter()
            .map(|p| (2 * p.depth + p.name.chars().count()) as f64 * self.char_width + p.bound.chars().count() as f64 * self.char_width * 0.9 + self.type_gap)
            .fold(0.0, f64::max);
        let width = (name_chars.max(widest_row).max(widest_partition) + 2.0 * self.text_padding).max(self.min_table_width).ceil();
        let rows = table.columns.len().max(1) as f64;
        (width, self.header_height + rows * self.row_height + self.partition_rows(table) as f64 * self.row_height)
    }

    /// How many rows the partition section of `table` takes: none, or its title, one per
    /// listed partition and, when some are not listed, the row that counts them.
    pub fn partition_rows(&self, table: &TableInput) -> usize {
        if table.partitions.is_empty() {
            0
        } else {
            table.partitions.len() + 1 + usize::from(table.more_partitions > 0)
        }
    }

    /// The top of the partition section of `table` (its title row) in a box at `rect`: under
    /// the column rows.
    pub fn partitions_top(&self, rect: &Rect, table: &TableInput) -> f64 {
        rect.y + self.header_height + table.columns.len().max(1) as f64 * self.row_height
    }

    /// The y of the centre of row `row` of a table whose box is `rect`, measured in the
    /// diagram; `None` (or a row past the end) gives the header's centre.
    pub fn row_center_y(&self, rect: &Rect, row: Option<usize>, rows: usize) -> f64 {
        match row {
            Some(r) if r < rows => rect.y + self.header_height + (r as f64 + 0.5) * self.row_height,
            _ => rect.y + self.header_height / 2.0,
        }
    }
}

impl EdgeInput {
    /// The row the line starts at on the child.
    pub fn child_row(&self) -> Option<usize> {
        self.child_rows.first().copied()
    }

    /// The row the line ends at on the parent.
    pub fn parent_row(&self) -> Option<usize> {
        self.parent_rows.first().copied()
    }
}

/// How far an end marker of `kind` reaches out from its table (the SVG draws it so).
pub(crate) fn marker_reach(kind: EndMarker) -> f64 {
    match kind {
        EndMarker::One => 12.0,
        EndMarker::ZeroOrOne => 20.0,
        EndMarker::OneOrMany => 16.0,
        EndMarker::ZeroOrMany => 21.0,
    }
}

/// How far the widest end marker reaches out from its table, with a unit to spare.
pub(crate) const MARKER_REACH: f64 = 22.0;
