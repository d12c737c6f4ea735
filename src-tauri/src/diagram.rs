//! The diagram the window shows: the registry (or some modules, or a chosen set of tables)
//! laid out by `relata-layout`, sent as geometry — table boxes with their rows, group frames,
//! routed lines — which the window's `diagram/` view projects and draws itself (hover,
//! drag-to-pin, focus and collapsed groups are views of this one geometry).

use relata_layout::{EndMarker, GroupInput, Layout, LayoutInput, LayoutOptions, LineStyle, Point, Rect, RegistryOptions, Side, TableInput};
use relata_model::{Registry, RelationshipId, TableId, TableRef};
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

/// What an edge of the layout input draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drew {
    /// A relationship of the registry.
    Relationship(RelationshipId),
    /// A diagram-only line: its index in `MermaidExtras::lines`.
    Line(usize),
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
    let keep = only.map(|only| move |t: &relata_model::Table| only.contains(&t.table_ref()));
    let (input, refs, relationships) = layout_input(registry, modules, keep.as_ref().map(|k| k as &dyn Fn(&relata_model::Table) -> bool));
    let options = LayoutOptions::default();
    let layout = relata_layout::layout(&input, &options);
    project(&input, refs, relationships, &layout, &options)
}

/// A layout the shell keeps between revisions, so the next diagram of the same modules
/// changes only what the edits changed (`Layout::relayout`).
#[derive(Debug, Clone)]
pub struct Laid {
    modules: Vec<String>,
    /// The drawn tables' ids in layout order: a re-layout needs every old table at its old
    /// index, new ones after.
    ids: Vec<TableId>,
    input: LayoutInput,
    layout: Layout,
}

/// Lays out `modules` of `registry` (all when empty) as an update of `previous` when it drew
/// the same modules and the tables it drew that are left keep their order (tables added,
/// edited, deleted or put back by an undo, pins, relationships, modules changed): only what
/// changed is placed again, and a group that gained or lost tables keeps the others where
/// they were. Otherwise (another filter, tables reordered) it lays out from scratch. Returns
/// the diagram and the layout to keep for the next call.
pub fn diagram_kept(registry: &Registry, modules: &[String], previous: Option<&Laid>) -> (Diagram, Laid) {
    let (mut input, refs, relationships) = layout_input(registry, modules, None);
    let ids: Vec<TableId> = relata_layout::drawn(registry, &RegistryOptions { modules: modules.to_vec() }).tables.iter().map(|t| t.id).collect();
    let options = LayoutOptions::default();
    let layout = match previous.filter(|p| p.modules == modules).and_then(|p| update(p, &mut input, &ids, &options)) {
        Some(layout) => layout,
        None => relata_layout::layout(&input, &options),
    };
    let diagram = project(&input, refs, relationships, &layout, &options);
    (diagram, Laid { modules: modules.to_vec(), ids, input, layout })
}

/// `previous`'s layout updated to `input` (whose tables are `ids`), with `input`'s groups put
/// in the order the kept layout knows them; `None` when the old tables changed order.
fn update(previous: &Laid, input: &mut LayoutInput, ids: &[TableId], options: &LayoutOptions) -> Option<Layout> {
    let old_index: std::collections::HashMap<TableId, usize> = previous.ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let tables: Vec<Option<usize>> = ids.iter().map(|id| old_index.get(id).copied()).collect();
    let kept: Vec<usize> = tables.iter().flatten().copied().collect();
    if kept.windows(2).any(|w| w[0] >= w[1]) {
        return None;
    }
    let groups = keep_group_order(input, &previous.input.groups);
    let mut group_now = vec![None; previous.input.groups.len()];
    for (new, old) in groups.iter().enumerate() {
        if let Some(old) = *old {
            group_now[old] = Some(new);
        }
    }
    // What places a table: its name and rows (its size and where lines attach), its group and
    // its pin; key badges and colours are only drawn.
    let rows = |t: &TableInput| t.columns.iter().map(|c| (c.name.clone(), c.data_type.clone())).collect::<Vec<_>>();
    let same = |old: &TableInput, now: &TableInput| {
        old.name == now.name
            && rows(old) == rows(now)
            && old.partitions == now.partitions
            && old.more_partitions == now.more_partitions
            && old.kind == now.kind
            && old.pin == now.pin
            && old.group.and_then(|g| group_now[g]) == now.group
    };
    let changed: Vec<usize> =
        (0..input.tables.len()).filter(|&i| !tables[i].is_some_and(|old| same(&previous.input.tables[old], &input.tables[i]))).collect();
    let identity = tables.len() >= previous.ids.len()
        && tables.iter().take(previous.ids.len()).enumerate().all(|(i, t)| *t == Some(i))
        && groups.iter().take(previous.input.groups.len()).enumerate().all(|(g, o)| *o == Some(g))
        && groups.len() >= previous.input.groups.len();
    Some(if identity {
        previous.layout.relayout(input, options, &changed)
    } else {
        previous.layout.reindexed(&tables, &groups).relayout(input, options, &changed)
    })
}

/// Orders `input`'s groups as `previous` (the groups of the kept layout, whose indices its
/// blocks remember) where they are still drawn, new ones after; returns, per group now, the
/// index it had in `previous` (`None`: new).
fn keep_group_order(input: &mut LayoutInput, previous: &[GroupInput]) -> Vec<Option<usize>> {
    let position = |name: &str| input.groups.iter().position(|g| g.name == name);
    let mut order: Vec<(usize, Option<usize>)> = Vec::with_capacity(input.groups.len());
    for (old, g) in previous.iter().enumerate() {
        if let Some(i) = position(&g.name) {
            order.push((i, Some(old)));
        }
    }
    let new: Vec<usize> = (0..input.groups.len()).filter(|i| !order.iter().any(|(o, _)| o == i)).collect();
    order.extend(new.into_iter().map(|i| (i, None)));
    let mut new_index = vec![0; order.len()];
    for (n, &(i, _)) in order.iter().enumerate() {
        new_index[i] = n;
    }
    input.groups = order.iter().map(|&(i, _)| input.groups[i].clone()).collect();
    for t in &mut input.tables {
        t.group = t.group.map(|g| new_index[g]);
    }
    order.into_iter().map(|(_, old)| old).collect()
}

/// The geometry the window draws: `layout` of `input`, whose tables are `refs` and whose
/// edges draw `relationships`.
fn project(input: &LayoutInput, refs: Vec<Drawn>, relationships: Vec<Drew>, layout: &Layout, options: &LayoutOptions) -> Diagram {
    let tables = input
        .tables
        .iter()
        .zip(refs)
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
        .zip(relationships)
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

/// A drawn table's `TableRef` and those of the partitions its box lists.
type Drawn = (TableRef, Vec<TableRef>);

/// The layout input of `modules` (all when empty), the `TableRef` of each of its tables (with
/// its partitions') and what each of its edges draws, narrowed, when `keep` is
/// given, to the tables it keeps (laid out afresh, unpinned).
fn layout_input(
    registry: &Registry,
    modules: &[String],
    keep: Option<&dyn Fn(&relata_model::Table) -> bool>,
) -> (LayoutInput, Vec<Drawn>, Vec<Drew>) {
    let options = RegistryOptions { modules: modules.to_vec() };
    let input = LayoutInput::from_registry(registry, &options);
    // The adapter draws the tables `drawn` lists, in its order, and a line per relationship
    // it lists, then per diagram-only line: the same list gives the table of each index and
    // what each edge draws.
    let drawn = relata_layout::drawn(registry, &options);
    let refs: Vec<Drawn> = drawn
        .tables
        .iter()
        .zip(&drawn.partitions)
        .map(|(t, parts)| (t.table_ref(), parts.iter().map(|(p, _)| p.table_ref()).collect()))
        .collect();
    let relationships: Vec<Drew> = drawn
        .relationships
        .iter()
        .map(|&(r, _, _)| Drew::Relationship(registry.relationships[r].id))
        .chain(drawn.lines.iter().map(|&(l, _, _)| Drew::Line(l)))
        .collect();
    debug_assert_eq!(relationships.len(), input.edges.len(), "one relationship or line per edge");
    match keep {
        None => (input, refs, relationships),
        Some(keep) => {
            let kept: Vec<usize> = (0..drawn.tables.len()).filter(|&i| keep(drawn.tables[i])).collect();
            subset(input, refs, relationships, &kept)
        }
    }
}

/// The tables `keep` (indexes, ascending) of `input` with the edges between them (and their
/// relationships) and only the groups they use, unpinned.
fn subset(
    input: LayoutInput,
    refs: Vec<Drawn>,
    relationships: Vec<Drew>,
    keep: &[usize],
) -> (LayoutInput, Vec<Drawn>, Vec<Drew>) {
    let mut new_index = vec![None; input.tables.len()];
    for (n, &i) in keep.iter().enumerate() {
        new_index[i] = Some(n);
    }
    let mut group_index = vec![None; input.groups.len()];
    let mut groups = Vec::new();
    let mut tables = Vec::with_capacity(keep.len());
    for &i in keep {
        let mut t = input.tables[i].clone();
        t.pin = None;
        t.group = t.group.map(|g| {
            *group_index[g].get_or_insert_with(|| {
                groups.push(input.groups[g].clone());
                groups.len() - 1
            })
        });
        tables.push(t);
    }
    let (edges, relationships) = input
        .edges
        .into_iter()
        .zip(relationships)
        .filter_map(|(mut e, id)| {
            e.child = new_index[e.child]?;
            e.parent = new_index[e.parent]?;
            Some((e, id))
        })
        .unzip();
    let refs = keep.iter().map(|&i| refs[i].clone()).collect();
    (LayoutInput { tables, groups, edges }, refs, relationships)
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
