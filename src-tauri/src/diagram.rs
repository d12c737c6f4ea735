//! The diagram the window shows: the registry (or some modules, or a chosen set of tables)
//! laid out by `relata-layout`, sent as geometry — table boxes with their rows, group frames,
//! routed lines — which the window's `diagram/` view projects and draws itself (hover,
//! drag-to-pin, focus and collapsed groups are views of this one geometry).

use relata_layout::{EndMarker, LineStyle, Point, Rect, Side};
use relata_model::{Registry, RelationshipId, TableRef};
use relata_workspace::{Drew, Laid};
use serde::Serialize;

/// A laid-out diagram, in diagram units (one unit is one CSS pixel at 100 %).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Diagram {
    /// Drawn tables; an edge's `child`/`parent` and the window's `data-index` index this list.
    pub tables: Vec<DiagramTable>,
    /// Groups (modules) in layout order; a table's `group` indexes this list.
    pub groups: Vec<DiagramGroup>,
    /// Relationships drawn, then the diagram-only lines (lines a Mermaid diagram drew without
    /// join columns).
    pub edges: Vec<DiagramEdge>,
    /// The box around everything drawn.
    pub bounds: Box2,
    /// The sizes the layout used, so the window draws rows where lines attach.
    pub metrics: Metrics,
}

/// One table's box.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DiagramTable {
    /// Schema (with `table`, the table's `TableRef`; spelled out rather than a flattened
    /// `TableRef`, which ts-rs could not declare: the same JSON).
    pub schema: String,
    /// Table name.
    pub table: String,
    /// Index into `groups`.
    pub group: Option<usize>,
    /// Its header colour: its own, else its group's, else a neutral grey
    /// (`relata_layout::table_color`; the window keeps no palette of its own).
    pub color: String,
    /// Left, top, width, height.
    pub rect: Box2,
    /// Whether the registry pins it (the layout kept it at the pinned place).
    pub pinned: bool,
    /// Rows: the table's columns in ordinal order.
    pub columns: Vec<DiagramColumn>,
    /// A table, a view or a materialized view.
    pub kind: TableKind,
    /// Its partitions (and theirs, depth first), listed under its columns: a partition is
    /// never a box of its own. A click on one opens it.
    pub partitions: Vec<DiagramPartition>,
    /// Partitions not listed (past `relata_layout::MAX_PARTITION_ROWS`): the last row counts
    /// them, and the table's form lists them all.
    pub more_partitions: usize,
}

/// What a box stands for (`relata_layout::TableKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// A table.
    Table,
    /// A view (dashed, read-only).
    View,
    /// A materialized view (dashed, read-only).
    MaterializedView,
}

impl From<relata_layout::TableKind> for TableKind {
    fn from(k: relata_layout::TableKind) -> Self {
        match k {
            relata_layout::TableKind::Table => TableKind::Table,
            relata_layout::TableKind::View => TableKind::View,
            relata_layout::TableKind::MaterializedView => TableKind::MaterializedView,
        }
    }
}

/// One partition row of a partitioned table's box.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DiagramPartition {
    /// The partition's schema.
    pub schema: String,
    /// The partition's name.
    pub table: String,
    /// Its bound as the row shows it (`relata_layout::short_bound`).
    pub bound: String,
    /// 0 for a partition of the box's table, 1 for one of a partition, and so on.
    pub depth: usize,
}

/// One row of a table box.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DiagramColumn {
    /// Column name.
    pub name: String,
    /// SQL type as written in the registry.
    pub data_type: String,
    /// Part of the primary key.
    pub pk: bool,
    /// The child side of a relationship.
    pub fk: bool,
    /// NULL allowed.
    pub nullable: bool,
}

/// One group frame.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DiagramGroup {
    /// Module name.
    pub name: String,
    /// The module's colour, else the palette's for its place (`relata_layout::group_color`).
    pub color: String,
    /// The frame around its tables (none when it has no drawn table).
    pub frame: Option<Box2>,
}

/// One routed relationship line, from the child row to the parent row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DiagramEdge {
    /// Child table (index into `tables`).
    pub child: usize,
    /// Parent table.
    pub parent: usize,
    /// Rows of the child the relationship joins.
    pub child_rows: Vec<usize>,
    /// Rows of the parent.
    pub parent_rows: Vec<usize>,
    /// The orthogonal polyline, child end first.
    pub points: Vec<[f64; 2]>,
    /// Side of the child box the line leaves from.
    pub child_side: BoxSide,
    /// Side of the parent box the line arrives at.
    pub parent_side: BoxSide,
    /// Crow's-foot end at the child.
    pub child_end: End,
    /// End at the parent.
    pub parent_end: End,
    /// Logical and lineage relationships are dashed.
    pub dashed: bool,
    /// The relationship the line draws (`relationship_registry.relationship_id`): a click on
    /// the line opens it. `None` for a diagram-only line.
    #[cfg_attr(test, ts(type = "RelationshipId | null"))]
    pub relationship: Option<RelationshipId>,
    /// For a diagram-only line (drawn dotted and grey, header to header, with its label; a
    /// click opens its child table, where rule R320 asks for its columns), its index in the
    /// workspace's Mermaid lines; `None` for a relationship.
    pub diagram_line: Option<usize>,
    /// The text drawn along the line (a diagram-only line's label).
    pub label: Option<String>,
}

/// The layout's sizes the drawing depends on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Metrics {
    /// Height of a table's name band.
    pub header_height: f64,
    /// Height of one row.
    pub row_height: f64,
    /// Horizontal padding of a row's text.
    pub text_padding: f64,
    /// Padding between a frame and its tables.
    pub frame_padding: f64,
    /// Height of a frame's title band.
    pub frame_title_height: f64,
}

/// Lays out `modules` of `registry` (all when empty) from scratch. With `only`, just those
/// tables and the relationships between them are laid out afresh, pins ignored: the focus view.
pub fn diagram(registry: &Registry, modules: &[String], only: Option<&[TableRef]>) -> Diagram {
    project(&relata_workspace::layout(registry, modules, only))
}

/// Lays out `modules` of `registry` as an update of `previous` (`relata_workspace::layout_kept`);
/// returns the diagram and the layout to keep for the next call.
pub fn diagram_kept(registry: &Registry, modules: &[String], previous: Option<&Laid>) -> (Diagram, Laid) {
    let laid = relata_workspace::layout_kept(registry, modules, previous);
    (project(laid.diagram()), laid)
}

/// The geometry the window draws: the workspace's laid-out `diagram`, as the window's types.
pub fn project(diagram: &relata_workspace::Diagram) -> Diagram {
    let relata_workspace::Diagram { input, layout, options, tables: refs, lines: relationships } = diagram;
    let tables = input
        .tables
        .iter()
        .zip(refs.iter().cloned())
        .zip(&layout.tables)
        .enumerate()
        .map(|(i, ((t, (table, partitions)), rect))| DiagramTable {
            schema: table.schema,
            table: table.table,
            kind: t.kind.into(),
            partitions: partitions
                .into_iter()
                .zip(&t.partitions)
                .map(|(r, p)| DiagramPartition { schema: r.schema, table: r.table, bound: p.bound.clone(), depth: p.depth })
                .collect(),
            more_partitions: t.more_partitions,
            group: t.group,
            color: relata_layout::table_color(input, i),
            rect: (*rect).into(),
            pinned: t.pin.is_some(),
            columns: t
                .columns
                .iter()
                .map(|c| DiagramColumn { name: c.name.clone(), data_type: c.data_type.clone(), pk: c.primary_key, fk: c.foreign_key, nullable: c.nullable })
                .collect(),
        })
        .collect();
    let groups = input
        .groups
        .iter()
        .zip(&layout.frames)
        .enumerate()
        .map(|(i, (g, frame))| DiagramGroup { name: g.name.clone(), color: relata_layout::group_color(input, i), frame: frame.map(Into::into) })
        .collect();
    let edges = input
        .edges
        .iter()
        .zip(&layout.edges)
        .zip(relationships.iter().copied())
        .map(|((e, r), relationship)| DiagramEdge {
            child: e.child,
            parent: e.parent,
            child_rows: r.child_rows.clone(),
            parent_rows: r.parent_rows.clone(),
            points: r.points.iter().map(|p: &Point| [p.x, p.y]).collect(),
            child_side: r.child_side.into(),
            parent_side: r.parent_side.into(),
            child_end: e.child_end.into(),
            parent_end: e.parent_end.into(),
            dashed: e.style == LineStyle::Dashed,
            relationship: match relationship {
                Drew::Relationship(id) => Some(id),
                Drew::Line(_) => None,
            },
            diagram_line: match relationship {
                Drew::Line(l) => Some(l),
                Drew::Relationship(_) => None,
            },
            label: e.label.clone(),
        })
        .collect();
    let metrics = Metrics {
        header_height: options.header_height,
        row_height: options.row_height,
        text_padding: options.text_padding,
        frame_padding: options.frame_padding,
        frame_title_height: options.frame_title_height,
    };
    Diagram { tables, groups, edges, bounds: layout.bounds.into(), metrics }
}

/// A rectangle as the window reads it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "Box"))]
pub struct Box2 {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl From<Rect> for Box2 {
    fn from(r: Rect) -> Self {
        Box2 { x: r.x, y: r.y, width: r.width, height: r.height }
    }
}

impl DiagramTable {
    /// The table's schema and name.
    pub fn table_ref(&self) -> TableRef {
        TableRef::new(self.schema.clone(), self.table.clone())
    }
}

/// A side of a table box, as the window reads it (`relata_layout::Side`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "Side"))]
#[serde(rename_all = "snake_case")]
pub enum BoxSide {
    /// The left edge.
    Left,
    /// The right edge.
    Right,
}

impl From<Side> for BoxSide {
    fn from(s: Side) -> Self {
        match s {
            Side::Left => BoxSide::Left,
            Side::Right => BoxSide::Right,
        }
    }
}

/// A line's end marker, as the window reads it (`relata_layout::EndMarker`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "EndMarker"))]
#[serde(rename_all = "snake_case")]
pub enum End {
    /// Exactly one.
    One,
    /// Zero or one.
    ZeroOrOne,
    /// One or many.
    OneOrMany,
    /// Zero or many.
    ZeroOrMany,
}

impl From<EndMarker> for End {
    fn from(m: EndMarker) -> Self {
        match m {
            EndMarker::One => End::One,
            EndMarker::ZeroOrOne => End::ZeroOrOne,
            EndMarker::OneOrMany => End::OneOrMany,
            EndMarker::ZeroOrMany => End::ZeroOrMany,
        }
    }
}
