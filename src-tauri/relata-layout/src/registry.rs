//! The adapter from the model: a [`Registry`] (or some of its modules) as a [`LayoutInput`].

use relata_model::{Cardinality, Registry, RelationshipType, TableRef};

use crate::geometry::Point;
use crate::input::{ColumnInput, EdgeInput, EndMarker, GroupInput, LayoutInput, LineStyle, TableInput};

/// Which part of a registry to draw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistryOptions {
    /// Only tables of these modules (and relationships between them); empty for all.
    pub modules: Vec<String>,
}

impl LayoutInput {
    /// The tables of `registry` (in registry order) with their columns as rows, modules as
    /// groups (in [`Registry::module_names`] order, with their colours; an implicit module's
    /// tables in no group), every relationship
    /// whose two tables are drawn, and the registry's pins.
    pub fn from_registry(registry: &Registry, options: &RegistryOptions) -> LayoutInput {
        let wanted = |module: &str| options.modules.is_empty() || options.modules.iter().any(|m| m == module);
        let group_names: Vec<&str> = registry
            .module_names()
            .into_iter()
            .filter(|m| !m.is_empty() && wanted(m) && registry.tables.iter().any(|t| t.module == *m))
            // An implicit module (one no source declared) has no frame: its tables are ungrouped.
            .filter(|m| !registry.module(m).is_some_and(|m| m.implicit))
            .collect();
        let groups = group_names
            .iter()
            .map(|&name| GroupInput { name: name.to_owned(), color: registry.module(name).and_then(|m| m.color.clone()) })
            .collect();
        let drawn: Vec<&relata_model::Table> = registry.tables.iter().filter(|t| wanted(&t.module)).collect();
        let mut index: std::collections::HashMap<TableRef, usize> = std::collections::HashMap::with_capacity(drawn.len());
        for (i, t) in drawn.iter().enumerate() {
            index.entry(t.table_ref()).or_insert(i);
        }
        // Columns of every drawn table in one pass over the signals, in ordinal order.
        let mut columns: Vec<Vec<&relata_model::Signal>> = vec![Vec::new(); drawn.len()];
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
            .iter()
            .zip(&columns)
            .map(|(t, cols)| TableInput {
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
            })
            .collect();
        let row_of = |tables: &[TableInput], t: usize, column: &str| tables[t].columns.iter().position(|c| c.name == column);
        let mut edges = Vec::new();
        for r in &registry.relationships {
            let (Some(&child), Some(&parent)) = (index.get(&r.child.table_ref()), index.get(&r.parent.table_ref())) else { continue };
            let child_rows: Vec<usize> = r.child.columns.iter().filter_map(|c| row_of(&tables, child, c)).collect();
            let parent_rows: Vec<usize> = r.parent.columns.iter().filter_map(|c| row_of(&tables, parent, c)).collect();
            for &row in &child_rows {
                tables[child].columns[row].foreign_key = true;
            }
            let (child_end, parent_end) = markers(r.cardinality, r.is_required);
            let dashed = r.relationship_type == RelationshipType::Logical || r.lineage_kind().is_lineage();
            edges.push(EdgeInput { child, child_rows, parent, parent_rows, child_end, parent_end, style: if dashed { LineStyle::Dashed } else { LineStyle::Solid } });
        }
        for pin in &registry.pins {
            if let Some(&t) = index.get(&pin.table) {
                tables[t].pin = Some(Point::new(pin.x, pin.y));
            }
        }
        LayoutInput { tables, groups, edges }
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
