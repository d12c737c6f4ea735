//! The adapter from the model: a [`Registry`] (or some of its modules) as a [`LayoutInput`],
//! partitions listed in their partitioned table's box rather than drawn as boxes.

use std::collections::HashMap;

use relata_model::mermaid::MermaidEnd;
use relata_model::{Cardinality, Registry, RelationshipType, Table, TableRef};

use crate::geometry::Point;
use crate::input::{short_bound, ColumnInput, EdgeInput, EndMarker, GroupInput, LayoutInput, LineStyle, PartitionInput, TableInput, TableKind, MAX_PARTITION_ROWS};

/// Which part of a registry to draw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistryOptions {
    /// Only tables of these modules (and relationships between them); empty for all.
    pub modules: Vec<String>,
}

/// Which tables and relationships of a registry a diagram draws, and where: each drawn
/// table once (a partition is not drawn: it is listed in the box of the table at the root of
/// its partition tree), each relationship whose two ends are drawn, by registry index.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn<'r> {
    /// The drawn tables, in registry order: the layout's tables are indexed the same way.
    pub tables: Vec<&'r Table>,
    /// Per drawn table, its partitions (and theirs, depth first, in registry order), each with
    /// its depth under the drawn table (0: a partition of it).
    pub partitions: Vec<Vec<(&'r Table, usize)>>,
    /// The relationships drawn (indices into `registry.relationships`), in registry order, with
    /// the drawn tables their child and parent are: a relationship of a partition is drawn to
    /// or from the box its partition is listed in.
    pub relationships: Vec<(usize, usize, usize)>,
    /// The diagram-only lines drawn (indices into `registry.mermaid.lines` of lines with no
    /// relationship), in their order, with the drawn tables their child and parent are
    /// ([`relata_model::mermaid::MermaidLine::child_and_parent`]): their edges come after the
    /// relationships'.
    pub lines: Vec<(usize, usize, usize)>,
}

/// What the diagram of `registry` restricted by `options` draws (see [`Drawn`]). A partition
/// whose root is not drawn (its module is filtered out) stands as a box of its own, so the
/// filter never hides it.
pub fn drawn<'r>(registry: &'r Registry, options: &RegistryOptions) -> Drawn<'r> {
    let wanted = |module: &str| options.modules.is_empty() || options.modules.iter().any(|m| m == module);
    let by_ref: HashMap<TableRef, &Table> = registry.tables.iter().rev().map(|t| (t.table_ref(), t)).collect();
    // The root of each table's partition tree (itself when it is no partition), with a guard
    // against a cycle of `partition_of`, which the model does not forbid.
    let root_of = |t: &'r Table| -> (&'r Table, usize) {
        let mut at = t;
        let mut depth = 0;
        while let Some(parent) = at.partition_of.as_ref().and_then(|p| by_ref.get(&p.parent)) {
            if depth > registry.tables.len() || std::ptr::eq(*parent, t) {
                // A cycle: the table stands as a box of its own.
                return (t, 0);
            }
            at = parent;
            depth += 1;
        }
        (at, depth)
    };
    let mut tables: Vec<&Table> = Vec::new();
    let mut index: HashMap<TableRef, usize> = HashMap::new();
    let mut folded: Vec<(&Table, &Table)> = Vec::new();
    for t in &registry.tables {
        if !wanted(&t.module) {
            continue;
        }
        let (root, depth) = root_of(t);
        if depth > 0 && wanted(&root.module) {
            folded.push((t, root));
            continue;
        }
        index.entry(t.table_ref()).or_insert(tables.len());
        tables.push(t);
    }
    let mut partitions: Vec<Vec<(&Table, usize)>> = vec![Vec::new(); tables.len()];
    for (t, root) in &folded {
        if let Some(&i) = index.get(&root.table_ref()) {
            index.entry(t.table_ref()).or_insert(i);
        }
    }
    // Depth first under each drawn table: a sub-partition right after its partition.
    let mut children: HashMap<TableRef, Vec<&Table>> = HashMap::new();
    for (t, _) in &folded {
        if let Some(p) = &t.partition_of {
            children.entry(p.parent.clone()).or_default().push(t);
        }
    }
    for (i, t) in tables.iter().enumerate() {
        let mut stack: Vec<(&Table, usize)> = children.get(&t.table_ref()).map(|c| c.iter().rev().map(|c| (*c, 0)).collect()).unwrap_or_default();
        while let Some((p, depth)) = stack.pop() {
            if partitions[i].len() > folded.len() {
                break;
            }
            partitions[i].push((p, depth));
            if let Some(c) = children.get(&p.table_ref()) {
                stack.extend(c.iter().rev().map(|c| (*c, depth + 1)));
            }
        }
    }
    let relationships = registry
        .relationships
        .iter()
        .enumerate()
        .filter_map(|(r, rel)| Some((r, *index.get(&rel.child.table_ref())?, *index.get(&rel.parent.table_ref())?)))
        .collect();
    let lines = registry
        .mermaid
        .diagram_only_lines()
        .filter_map(|(l, line)| {
            let (child, parent) = line.child_and_parent();
            Some((l, *index.get(child)?, *index.get(parent)?))
        })
        .collect();
    Drawn { tables, partitions, relationships, lines }
}

impl LayoutInput {
    /// The tables of `registry` (in registry order, partitions listed in the box of their
    /// root, see [`drawn`]) with their columns as rows, modules as groups (in
    /// [`Registry::module_names`] order, with their colours; an implicit module's tables in no
    /// group), every relationship whose two tables are drawn, and the registry's pins.
    pub fn from_registry(registry: &Registry, options: &RegistryOptions) -> LayoutInput {
        let wanted = |module: &str| options.modules.is_empty() || options.modules.iter().any(|m| m == module);
        let drawn = drawn(registry, options);
        let group_names: Vec<&str> = registry
            .module_names()
            .into_iter()
            .filter(|m| !m.is_empty() && wanted(m) && drawn.tables.iter().any(|t| t.module == *m))
            // An implicit module (one no source declared) has no frame: its tables are ungrouped.
            .filter(|m| !registry.module(m).is_some_and(|m| m.implicit))
            .collect();
        let groups = group_names
            .iter()
            .map(|&name| GroupInput { name: name.to_owned(), color: registry.module(name).and_then(|m| m.color.clone()) })
            .collect();
        let mut index: HashMap<TableRef, usize> = HashMap::with_capacity(drawn.tables.len());
        for (i, t) in drawn.tables.iter().enumerate() {
            index.entry(t.table_ref()).or_insert(i);
        }
        // Columns of every drawn table in one pass over the signals, in ordinal order.
        let mut columns: Vec<Vec<&relata_model::Signal>> = vec![Vec::new(); drawn.tables.len()];
        for s in &registry.signals {
            if s.row_type != relata_model::RowType::Binding {
                continue;
            }
            if let Some(&i) = s.table.as_ref().and_then(|t| index.get(t)) {
                columns[i].push(s);
            }
        }
        for c in &mut columns {
            c.sort_by_key(|s| s.ordinal.unwrap_or(u32::MAX));
        }
        let mut tables: Vec<TableInput> = drawn
            .tables
            .iter()
            .zip(&columns)
            .zip(&drawn.partitions)
            .map(|((t, cols), parts)| TableInput {
                name: t.name.clone(),
                group: group_names.iter().position(|g| *g == t.module),
                columns: cols
                    .iter()
                    .map(|s| ColumnInput {
                        name: s.column.clone(),
                        data_type: s.data_type.clone(),
                        primary_key: t.primary_key.contains(&s.column),
                        foreign_key: false,
                        nullable: s.nullable,
                    })
                    .collect(),
                color: t.color.clone(),
                pin: None,
                kind: match &t.view {
                    None => TableKind::Table,
                    Some(v) if v.materialized => TableKind::MaterializedView,
                    Some(_) => TableKind::View,
                },
                more_partitions: parts.len() - listed_partitions(parts.len()),
                partitions: parts
                    .iter()
                    .take(listed_partitions(parts.len()))
                    .map(|(p, depth)| PartitionInput {
                        name: if p.schema == t.schema { p.name.clone() } else { format!("{}.{}", p.schema, p.name) },
                        bound: p.partition_of.as_ref().map(|o| short_bound(&o.bound)).unwrap_or_default(),
                        depth: *depth,
                    })
                    .collect(),
            })
            .collect();
        let row_of = |tables: &[TableInput], t: usize, column: &str| tables[t].columns.iter().position(|c| c.name == column);
        let mut edges = Vec::new();
        for &(r, child, parent) in &drawn.relationships {
            let r = &registry.relationships[r];
            let child_rows: Vec<usize> = r.child.columns.iter().filter_map(|c| row_of(&tables, child, c)).collect();
            let parent_rows: Vec<usize> = r.parent.columns.iter().filter_map(|c| row_of(&tables, parent, c)).collect();
            for &row in &child_rows {
                tables[child].columns[row].foreign_key = true;
            }
            let (child_end, parent_end) = markers(r.cardinality, r.is_required);
            let dashed = r.relationship_type == RelationshipType::Logical || r.lineage_kind().is_lineage();
            edges.push(EdgeInput {
                child,
                child_rows,
                parent,
                parent_rows,
                child_end,
                parent_end,
                style: if dashed { LineStyle::Dashed } else { LineStyle::Solid },
                label: None,
            });
        }
        // A diagram line with no join columns runs from header to header (no row is its
        // column), with the ends the diagram wrote.
        for &(l, child, parent) in &drawn.lines {
            let line = &registry.mermaid.lines[l];
            // The child is the `left` field itself, not merely an equal table (a self-line).
            let child_is_left = std::ptr::eq(line.child_and_parent().0, &line.left);
            let (child_end, parent_end) = if child_is_left { (line.left_end, line.right_end) } else { (line.right_end, line.left_end) };
            edges.push(EdgeInput {
                child,
                child_rows: Vec::new(),
                parent,
                parent_rows: Vec::new(),
                child_end: marker(child_end),
                parent_end: marker(parent_end),
                style: LineStyle::DiagramOnly,
                label: (!line.label.is_empty()).then(|| line.label.clone()),
            });
        }
        for pin in &registry.pins {
            if let Some(&t) = index.get(&pin.table) {
                tables[t].pin = Some(Point::new(pin.x, pin.y));
            }
        }
        LayoutInput { tables, groups, edges }
    }
}

/// How many of a table's `count` partitions its box lists: all, or when they are more than
/// [`MAX_PARTITION_ROWS`], one row fewer, the last row counting the others.
fn listed_partitions(count: usize) -> usize {
    if count > MAX_PARTITION_ROWS {
        MAX_PARTITION_ROWS - 1
    } else {
        count
    }
}

/// The crow's-foot end of a Mermaid end (its `u`, a parent end, is exactly one).
fn marker(end: MermaidEnd) -> EndMarker {
    match end {
        MermaidEnd::ZeroOrOne => EndMarker::ZeroOrOne,
        MermaidEnd::ExactlyOne | MermaidEnd::Parent => EndMarker::One,
        MermaidEnd::ZeroOrMore => EndMarker::ZeroOrMany,
        MermaidEnd::OneOrMore => EndMarker::OneOrMany,
    }
}

/// Crow's-foot ends from the cardinality (seen from the parent) and `is_required`.
fn markers(cardinality: Option<Cardinality>, required: bool) -> (EndMarker, EndMarker) {
    let parent = if required { EndMarker::One } else { EndMarker::ZeroOrOne };
    match cardinality {
        Some(Cardinality::OneToOne) => (EndMarker::ZeroOrOne, parent),
        Some(Cardinality::ManyToMany) => (EndMarker::ZeroOrMany, EndMarker::ZeroOrMany),
        Some(Cardinality::OneToMany) | None => (EndMarker::ZeroOrMany, parent),
    }
}
