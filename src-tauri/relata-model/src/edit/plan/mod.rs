//! Lowering an [`Edit`] to [`Change`]s: the checks, the cascades and the label of each edit,
//! computed from the registry before anything is mutated.

use super::change::{Change, Splice};
use super::error::EditErrorKind;
use super::{extras, Edit};
use crate::ids::{RelationshipId, SignalId, TableId, TableRef};
use crate::mermaid::MermaidLine;
use crate::registry::{EnumType, Module, Pin, Registry};
use crate::relationship::Relationship;
use crate::signal::Signal;
use crate::table::{Index, IndexKey, Table, UniqueConstraint};
use crate::vocab::RowType;

mod check;
mod names;

use check::{check_relationship, check_signal, check_table, optional, required};
use names::{
    count, index_name, key_entry, relationship_by_id, signal_by_id, signal_entry, table_by_id, table_name, unique_name,
};

type Result<T> = std::result::Result<T, EditErrorKind>;

/// What `edit` does, in words, for menus and error messages.
pub(super) fn label(registry: &Registry, edit: &Edit) -> String {
    let verb = |exists: bool| if exists { "Edit" } else { "Add" };
    match edit {
        Edit::PutTable { table } => {
            format!("{} table {}", verb(registry.tables.iter().any(|t| t.id == table.id)), table.table_ref())
        }
        Edit::DeleteTable { table } => format!("Delete {}", table_by_id(registry, *table)),
        Edit::RenameTable { table, schema, name } => {
            format!("Rename {} → {}", table_by_id(registry, *table), TableRef::new(schema, name))
        }
        Edit::PutSignal { signal } => {
            format!("{} {}", verb(registry.signals.iter().any(|s| s.id == signal.id)), signal_entry(signal))
        }
        Edit::DeleteSignal { signal } => format!("Delete {}", signal_by_id(registry, *signal)),
        Edit::MoveSignal { signal, to_ordinal } => {
            format!("Move {} to position {to_ordinal}", signal_by_id(registry, *signal))
        }
        Edit::RenameColumn { table, from, to } => {
            let entry = match find_signal(registry, table.as_ref(), from) {
                Some(i) => signal_entry(&registry.signals[i]),
                None => key_entry(table.as_ref(), from),
            };
            format!("Rename {entry} → {to}")
        }
        Edit::PutIndex { table, position, index } => {
            let exists = registry.tables.iter().find(|t| t.id == *table).is_some_and(|t| *position < t.indexes.len());
            format!("{} {} on {}", verb(exists), index_name(index.name.as_deref(), *position), table_name(registry, *table))
        }
        Edit::DeleteIndex { table, position } => {
            let name = registry.tables.iter().find(|t| t.id == *table).and_then(|t| t.indexes.get(*position)).and_then(|i| i.name.as_deref());
            format!("Delete {} of {}", index_name(name, *position), table_name(registry, *table))
        }
        Edit::PutUniqueConstraint { table, position, constraint } => {
            let exists = registry.tables.iter().find(|t| t.id == *table).is_some_and(|t| *position < t.unique_constraints.len());
            format!("{} {} on {}", verb(exists), unique_name(constraint.name.as_deref(), *position), table_name(registry, *table))
        }
        Edit::DeleteUniqueConstraint { table, position } => {
            let name = registry.tables.iter().find(|t| t.id == *table).and_then(|t| t.unique_constraints.get(*position)).and_then(|u| u.name.as_deref());
            format!("Delete {} of {}", unique_name(name, *position), table_name(registry, *table))
        }
        Edit::PutRelationship { relationship } => {
            let exists = registry.relationships.iter().any(|r| r.id == relationship.id);
            format!("{} relationship {}", verb(exists), relationship.key)
        }
        Edit::DeleteRelationship { relationship } => {
            format!("Delete {}", relationship_by_id(registry, *relationship))
        }
        Edit::PutModule { module } => format!("{} module {}", verb(registry.module(&module.name).is_some()), module.name),
        Edit::RenameModule { from, to } => format!("Rename module {from} → {to}"),
        Edit::DeleteModule { name } => format!("Delete module {name}"),
        Edit::PutEnum { enum_type } => {
            let exists = find_enum(registry, &enum_type.schema, &enum_type.name).is_some();
            format!("{} enum type {}.{}", verb(exists), enum_type.schema, enum_type.name)
        }
        Edit::DeleteEnum { schema, name } => format!("Delete enum type {schema}.{name}"),
        Edit::PutPartial { name, signals, .. } => {
            let tables: std::collections::BTreeSet<_> = signals.iter().filter_map(|s| s.table.as_ref()).collect();
            format!("Edit partial ~{name} ({})", count(tables.len(), "table"))
        }
        Edit::OverridePartialColumn { table, column } => format!("Define {table}.{column} in the table, over its partial"),
        Edit::SetPin { table, position: Some(_) } => format!("Pin table {table}"),
        Edit::SetPin { table, position: None } => format!("Unpin table {table}"),
        Edit::LinkDiagramLine { position, relationship } => match registry.mermaid.lines.get(*position) {
            Some(line) => format!("Link diagram line between {} and {} to {}", line.left, line.right, relationship_by_id(registry, *relationship)),
            None => format!("Link diagram line {} to {}", position + 1, relationship_by_id(registry, *relationship)),
        },
        Edit::DeleteDiagramLine { position } => match registry.mermaid.lines.get(*position) {
            Some(line) if !line.label.is_empty() => format!("Delete diagram line {} between {} and {}", line.label, line.left, line.right),
            Some(line) => format!("Delete diagram line between {} and {}", line.left, line.right),
            None => format!("Delete diagram line {}", position + 1),
        },
        Edit::Batch { label, .. } | Edit::Restore { label, .. } => label.clone(),
    }
}

/// The changes that carry out `edit` (neither a batch nor a restore), or why it is refused.
pub(super) fn changes(registry: &Registry, edit: Edit) -> Result<Vec<Change>> {
    if let Some((view, what)) = view_change(registry, &edit) {
        return Err(EditErrorKind::ReadOnly { entry: format!("table {}", view.table_ref()), what });
    }
    match edit {
        Edit::PutTable { table } => put_table(registry, table),
        Edit::DeleteTable { table } => delete_table(registry, table),
        Edit::RenameTable { table, schema, name } => rename_table(registry, table, TableRef { schema, table: name }),
        Edit::PutSignal { signal } => put_signal(registry, signal),
        Edit::DeleteSignal { signal } => delete_signal(registry, signal),
        Edit::MoveSignal { signal, to_ordinal } => move_signal(registry, signal, to_ordinal),
        Edit::RenameColumn { table, from, to } => rename_column(registry, table, &from, to),
        Edit::PutIndex { table, position, index } => put_table_part(registry, table, "index", position, |t| &mut t.indexes, index),
        Edit::DeleteIndex { table, position } => delete_table_part::<Index>(registry, table, "index", position, |t| &mut t.indexes),
        Edit::PutUniqueConstraint { table, position, constraint } => {
            put_table_part(registry, table, "unique constraint", position, |t| &mut t.unique_constraints, constraint)
        }
        Edit::DeleteUniqueConstraint { table, position } => {
            delete_table_part::<UniqueConstraint>(registry, table, "unique constraint", position, |t| &mut t.unique_constraints)
        }
        Edit::PutRelationship { relationship } => put_relationship(registry, relationship),
        Edit::DeleteRelationship { relationship } => delete_relationship(registry, relationship),
        Edit::PutModule { module } => put_module(registry, module),
        Edit::RenameModule { from, to } => rename_module(registry, &from, to),
        Edit::DeleteModule { name } => delete_module(registry, &name),
        Edit::PutEnum { enum_type } => put_enum(registry, enum_type),
        Edit::DeleteEnum { schema, name } => delete_enum(registry, &schema, &name),
        Edit::SetPin { table, position } => set_pin(registry, table, position),
        Edit::DeleteDiagramLine { position } => delete_diagram_line(registry, position),
        Edit::LinkDiagramLine { position, relationship } => link_diagram_line(registry, position, relationship),
        Edit::PutPartial { name, text, signals } => put_partial(registry, &name, text, signals),
        Edit::OverridePartialColumn { table, column } => override_partial_column(registry, &table, &column),
        Edit::Batch { .. } | Edit::Restore { .. } => unreachable!("apply handles batches and restores"),
    }
}

/// The view `edit` would change in what its statement decides, and what that is: a view's
/// name, columns (their names, order, types, nullability, defaults) and keys and indexes are
/// its statement's. Its registry fields (status, module, purpose, notes, colour, a column's
/// description) stay editable, and deleting it or adding one is fine.
fn view_change<'r>(registry: &'r Registry, edit: &Edit) -> Option<(&'r Table, &'static str)> {
    let view_by_id = |id: TableId| registry.tables.iter().find(|t| t.id == id && t.is_view());
    let view_of = |table: Option<&TableRef>| table.and_then(|t| registry.table(t)).filter(|t| t.is_view());
    let column_of = |id: SignalId| registry.signals.iter().find(|s| s.id == id).and_then(|s| view_of(s.table.as_ref()));
    match edit {
        Edit::PutTable { table } => {
            let old = view_by_id(table.id)?;
            let same = old.primary_key == table.primary_key
                && old.primary_key_name == table.primary_key_name
                && old.unique_constraints == table.unique_constraints
                && old.indexes == table.indexes
                && old.checks == table.checks
                && old.exclusions == table.exclusions
                && old.partition_by == table.partition_by
                && old.partition_of == table.partition_of
                && old.view == table.view;
            (!same).then_some((old, "keys, constraints and statement"))
        }
        Edit::RenameTable { table, .. } => view_by_id(*table).map(|v| (v, "name and schema")),
        Edit::PutSignal { signal } => {
            let view = view_of(signal.table.as_ref())?;
            let same = registry.signals.iter().find(|s| s.id == signal.id).is_some_and(|old| {
                old.data_type == signal.data_type
                    && old.nullable == signal.nullable
                    && old.default == signal.default
                    && old.ordinal == signal.ordinal
                    && old.spec == signal.spec
            });
            (!same).then_some((view, "columns"))
        }
        Edit::DeleteSignal { signal } | Edit::MoveSignal { signal, .. } => column_of(*signal).map(|v| (v, "columns")),
        Edit::RenameColumn { table, .. } => view_of(table.as_ref()).map(|v| (v, "columns")),
        Edit::PutIndex { table, .. }
        | Edit::DeleteIndex { table, .. }
        | Edit::PutUniqueConstraint { table, .. }
        | Edit::DeleteUniqueConstraint { table, .. } => view_by_id(*table).map(|v| (v, "keys and indexes")),
        _ => None,
    }
}

fn put_table(registry: &Registry, table: Table) -> Result<Vec<Change>> {
    check_table(&table)?;
    let name = table.table_ref();
    match registry.tables.iter().position(|t| t.id == table.id) {
        Some(i) => {
            let old = registry.tables[i].table_ref();
            if old != name {
                return Err(EditErrorKind::KeyChange { entry: format!("table {old}"), field: "schema_name and table_name", instead: "rename_table" });
            }
            let mut changes = extras::table_parts_changed(registry, &registry.tables[i], &table);
            changes.extend(replace(&registry.tables, i, table).map(Change::Tables));
            Ok(changes)
        }
        None => {
            if registry.table(&name).is_some() {
                return Err(EditErrorKind::AlreadyExists { entry: format!("table {name}") });
            }
            Ok(vec![Change::Tables(insert(registry.tables.len(), table))])
        }
    }
}

/// Replaces the part at `position` of a table's list (indexes or unique constraints), or adds
/// `part` at the end when `position` is the list's length. Lowered to a replace of the table
/// entry, so undo restores the table byte for byte.
fn put_table_part<T: Clone + PartialEq>(
    registry: &Registry,
    id: TableId,
    what: &str,
    position: usize,
    list: impl Fn(&mut Table) -> &mut Vec<T>,
    part: T,
) -> Result<Vec<Change>> {
    let i = find_table(registry, id)?;
    let mut table = registry.tables[i].clone();
    let parts = list(&mut table);
    match position.cmp(&parts.len()) {
        std::cmp::Ordering::Less => parts[position] = part,
        std::cmp::Ordering::Equal => parts.push(part),
        std::cmp::Ordering::Greater => {
            return Err(EditErrorKind::NotFound { entry: format!("{what} {} of table {}", position + 1, registry.tables[i].table_ref()) })
        }
    }
    let mut changes = extras::table_parts_changed(registry, &registry.tables[i], &table);
    changes.extend(replace(&registry.tables, i, table).map(Change::Tables));
    Ok(changes)
}

/// Deletes the part at `position` of a table's indexes or unique constraints.
fn delete_table_part<T>(
    registry: &Registry,
    id: TableId,
    what: &str,
    position: usize,
    list: impl Fn(&mut Table) -> &mut Vec<T>,
) -> Result<Vec<Change>> {
    let i = find_table(registry, id)?;
    let mut table = registry.tables[i].clone();
    let parts = list(&mut table);
    if position >= parts.len() {
        return Err(EditErrorKind::NotFound { entry: format!("{what} {} of table {}", position + 1, registry.tables[i].table_ref()) });
    }
    parts.remove(position);
    let mut changes = extras::table_parts_changed(registry, &registry.tables[i], &table);
    changes.push(Change::Tables(Splice { at: i, old: vec![registry.tables[i].clone()], new: vec![table] }));
    Ok(changes)
}

fn delete_table(registry: &Registry, id: TableId) -> Result<Vec<Change>> {
    let i = find_table(registry, id)?;
    let name = registry.tables[i].table_ref();
    let relationships = indices(&registry.relationships, |r| r.child.table_ref() == name || r.parent.table_ref() == name);
    let signals = indices(&registry.signals, |s| s.table.as_ref() == Some(&name));
    let pins = indices(&registry.pins, |p| p.table == name);
    let mut changes: Vec<Change> = remove(&registry.relationships, &relationships).into_iter().map(Change::Relationships).collect();
    changes.extend(remove(&registry.signals, &signals).into_iter().map(Change::Signals));
    changes.extend(remove(&registry.pins, &pins).into_iter().map(Change::Pins));
    changes.extend(remove(&registry.tables, &[i]).into_iter().map(Change::Tables));
    let deleted: Vec<&Relationship> = relationships.iter().map(|&r| &registry.relationships[r]).collect();
    changes.extend(extras::table_deleted(registry, &name, &deleted));
    Ok(changes)
}

fn rename_table(registry: &Registry, id: TableId, to: TableRef) -> Result<Vec<Change>> {
    let i = find_table(registry, id)?;
    let from = registry.tables[i].table_ref();
    let entry = || format!("table {from}");
    required(entry, "schema_name", &to.schema)?;
    required(entry, "table_name", &to.table)?;
    if from == to {
        return Ok(Vec::new());
    }
    if registry.table(&to).is_some() {
        return Err(EditErrorKind::AlreadyExists { entry: format!("table {to}") });
    }
    // Signals or a pin loaded under the new name (dangling until now) are adopted by the
    // renamed table; refuse where two would then share a key.
    let moving = indices(&registry.signals, |s| s.table.as_ref() == Some(&from));
    for &s in &moving {
        let column = &registry.signals[s].column;
        if let Some(taken) = find_signal(registry, Some(&to), column) {
            return Err(EditErrorKind::AlreadyExists { entry: signal_entry(&registry.signals[taken]) });
        }
    }
    let pins = indices(&registry.pins, |p| p.table == from);
    if !pins.is_empty() && registry.pins.iter().any(|p| p.table == to) {
        return Err(EditErrorKind::AlreadyExists { entry: format!("pin of table {to}") });
    }

    let mut table = registry.tables[i].clone();
    table.schema.clone_from(&to.schema);
    table.name.clone_from(&to.table);
    let mut changes: Vec<Change> = replace(&registry.tables, i, table).map(Change::Tables).into_iter().collect();
    let signals = moving.into_iter().map(|s| {
        let mut signal = registry.signals[s].clone();
        signal.table = Some(to.clone());
        (s, signal)
    });
    changes.extend(replace_each(&registry.signals, signals).map(Change::Signals));
    let relationships = registry.relationships.iter().enumerate().filter_map(|(r, old)| {
        let mut relationship = old.clone();
        for end in [&mut relationship.child, &mut relationship.parent] {
            if end.table_ref() == from {
                end.schema.clone_from(&to.schema);
                end.table.clone_from(&to.table);
            }
        }
        (relationship != *old).then_some((r, relationship))
    });
    changes.extend(replace_each(&registry.relationships, relationships).map(Change::Relationships));
    let pins = pins.into_iter().map(|p| (p, Pin { table: to.clone(), ..registry.pins[p].clone() }));
    changes.extend(replace_each(&registry.pins, pins).map(Change::Pins));
    changes.extend(extras::table_renamed(registry, &from, &to));
    Ok(changes)
}

fn put_signal(registry: &Registry, signal: Signal) -> Result<Vec<Change>> {
    check_signal(&signal)?;
    match registry.signals.iter().position(|s| s.id == signal.id) {
        Some(i) => {
            let old = &registry.signals[i];
            if old.table != signal.table || old.column != signal.column {
                return Err(EditErrorKind::KeyChange {
                    entry: signal_entry(old),
                    field: "schema_name, table_name and column_name",
                    instead: "rename_column (or delete_signal and put_signal to move it to another table)",
                });
            }
            // A column a DBML partial brought is written by the partial's `~name`; once this
            // table's column says something else, the table defines it itself (as DBML lets a
            // table override a partial's column), or the export would write the old definition.
            let mut changes: Vec<Change> = Vec::new();
            if let Some(table) = signal.table.as_ref().filter(|_| dbml_column_differs(old, &signal)) {
                changes.extend(extras::column_changed(registry, table, &signal.column, false));
            }
            changes.extend(replace(&registry.signals, i, signal).map(Change::Signals));
            Ok(changes)
        }
        None => {
            if let Some(taken) = find_signal(registry, signal.table.as_ref(), &signal.column) {
                return Err(EditErrorKind::AlreadyExists { entry: signal_entry(&registry.signals[taken]) });
            }
            if let Some(table) = signal.table.as_ref().filter(|t| registry.table(t).is_none()) {
                return Err(EditErrorKind::UnknownTable { entry: signal_entry(&signal), table: table.to_string() });
            }
            // A new column goes after the last signal of its table, where a reader of the
            // registry file looks for it.
            let at = registry.signals.iter().rposition(|s| s.table == signal.table).map_or(registry.signals.len(), |i| i + 1);
            let mut changes = match (&signal.table, signal.row_type) {
                (Some(table), RowType::Binding) => extras::columns_reordered(registry, table),
                _ => Vec::new(),
            };
            changes.push(Change::Signals(insert(at, signal)));
            Ok(changes)
        }
    }
}

fn delete_signal(registry: &Registry, id: SignalId) -> Result<Vec<Change>> {
    let i = find_signal_by_id(registry, id)?;
    let signal = &registry.signals[i];
    let mut changes = Vec::new();
    if let (Some(table), Some(ordinal), RowType::Binding) = (&signal.table, signal.ordinal, signal.row_type) {
        // The later columns move up one position, so the table's ordinals keep running 1..n.
        let later = registry.signals.iter().enumerate().filter_map(|(j, s)| match s.ordinal {
            Some(n) if j != i && n > ordinal && s.is_column_of(table) => Some((j, Signal { ordinal: Some(n - 1), ..s.clone() })),
            _ => None,
        });
        changes.extend(replace_each(&registry.signals, later).map(Change::Signals));
    }
    changes.extend(remove(&registry.signals, &[i]).into_iter().map(Change::Signals));
    if let (Some(table), RowType::Binding) = (&signal.table, signal.row_type) {
        changes.extend(extras::column_changed(registry, table, &signal.column, true));
    }
    Ok(changes)
}

fn move_signal(registry: &Registry, id: SignalId, to_ordinal: u32) -> Result<Vec<Change>> {
    let i = find_signal_by_id(registry, id)?;
    let signal = &registry.signals[i];
    let table = match (&signal.table, signal.row_type) {
        (Some(table), RowType::Binding) => table,
        _ => {
            return Err(EditErrorKind::InvalidValue {
                entry: signal_entry(signal),
                field: "to_ordinal",
                reason: "cannot be set: only a column of a table has a position".into(),
            })
        }
    };
    let mut order = indices(&registry.signals, |s| s.is_column_of(table));
    order.sort_by_key(|&j| (registry.signals[j].ordinal.unwrap_or(u32::MAX), j));
    let count = order.len();
    if to_ordinal < 1 || to_ordinal as usize > count {
        return Err(EditErrorKind::InvalidValue {
            entry: signal_entry(signal),
            field: "to_ordinal",
            reason: format!("must be between 1 and {count}, the number of columns of table {table}, not {to_ordinal}"),
        });
    }
    order.retain(|&j| j != i);
    order.insert(to_ordinal as usize - 1, i);
    let mut renumbered: Vec<(usize, Signal)> = order
        .into_iter()
        .zip(1u32..)
        .filter(|&(j, n)| registry.signals[j].ordinal != Some(n))
        .map(|(j, n)| (j, Signal { ordinal: Some(n), ..registry.signals[j].clone() }))
        .collect();
    renumbered.sort_by_key(|(j, _)| *j);
    let mut changes = if renumbered.is_empty() { Vec::new() } else { extras::columns_reordered(registry, table) };
    changes.extend(replace_each(&registry.signals, renumbered).map(Change::Signals));
    Ok(changes)
}

fn rename_column(registry: &Registry, table: Option<TableRef>, from: &str, to: String) -> Result<Vec<Change>> {
    let Some(i) = find_signal(registry, table.as_ref(), from) else {
        return Err(EditErrorKind::NotFound { entry: key_entry(table.as_ref(), from) });
    };
    let signal = &registry.signals[i];
    required(|| signal_entry(signal), "column_name", &to)?;
    if from == to {
        return Ok(Vec::new());
    }
    if let Some(taken) = find_signal(registry, table.as_ref(), &to) {
        return Err(EditErrorKind::AlreadyExists { entry: signal_entry(&registry.signals[taken]) });
    }
    let rename = |name: &mut String| {
        if name == from {
            name.clone_from(&to);
        }
    };

    let mut signals = vec![(i, Signal { column: to.clone(), ..signal.clone() })];
    // A concept is named by the bindings that store it; unless another concept row keeps the
    // old name, they follow the rename.
    let concept_renamed = signal.row_type == RowType::Concept
        && !registry.signals.iter().enumerate().any(|(j, s)| j != i && s.row_type == RowType::Concept && s.column == from);
    if concept_renamed {
        for (j, s) in registry.signals.iter().enumerate() {
            if s.row_type == RowType::Binding && s.concept.as_deref() == Some(from) {
                signals.push((j, Signal { concept: Some(to.clone()), ..s.clone() }));
            }
        }
        signals.sort_by_key(|(j, _)| *j);
    }
    let mut changes: Vec<Change> = replace_each(&registry.signals, signals).map(Change::Signals).collect();

    if let Some(table) = &table {
        let mut entries = None;
        if let Some(t) = registry.tables.iter().position(|t| t.table_ref() == *table) {
            let mut updated = registry.tables[t].clone();
            updated.primary_key.iter_mut().for_each(rename);
            for unique in &mut updated.unique_constraints {
                unique.columns.iter_mut().for_each(rename);
            }
            for index in &mut updated.indexes {
                for part in &mut index.parts {
                    if let IndexKey::Column(name) = &mut part.key {
                        rename(name);
                    }
                }
            }
            changes.extend(replace(&registry.tables, t, updated.clone()).map(Change::Tables));
            entries = Some((&registry.tables[t], updated));
        }
        let relationships = registry.relationships.iter().enumerate().filter_map(|(r, old)| {
            let mut relationship = old.clone();
            for end in [&mut relationship.child, &mut relationship.parent] {
                if end.table_ref() == *table {
                    end.columns.iter_mut().for_each(rename);
                }
            }
            (relationship != *old).then_some((r, relationship))
        });
        changes.extend(replace_each(&registry.relationships, relationships).map(Change::Relationships));
        let entries = entries.as_ref().map(|(old, new)| (*old, new));
        changes.extend(extras::column_renamed(registry, table, from, &to, entries));
    }
    Ok(changes)
}

fn put_relationship(registry: &Registry, relationship: Relationship) -> Result<Vec<Change>> {
    check_relationship(&relationship)?;
    let existing = registry.relationships.iter().position(|r| r.id == relationship.id);
    let old = existing.map(|i| &registry.relationships[i]);
    // Only ends the edit sets are checked, so a relationship loaded with a dangling end can
    // still have its other fields edited.
    for (end, old_end) in [(&relationship.child, old.map(|o| &o.child)), (&relationship.parent, old.map(|o| &o.parent))] {
        let name = end.table_ref();
        if old_end.is_none_or(|o| o.table_ref() != name) && registry.table(&name).is_none() {
            return Err(EditErrorKind::UnknownTable { entry: format!("relationship {}", relationship.key), table: name.to_string() });
        }
    }
    if old.is_none_or(|o| o.key != relationship.key) && registry.relationships.iter().any(|r| r.key == relationship.key) {
        return Err(EditErrorKind::AlreadyExists { entry: format!("relationship {}", relationship.key) });
    }
    Ok(match existing {
        Some(i) => {
            let mut changes = extras::relationship_changed(registry, &registry.relationships[i], &relationship);
            changes.extend(replace(&registry.relationships, i, relationship).map(Change::Relationships));
            changes
        }
        None => vec![Change::Relationships(insert(registry.relationships.len(), relationship))],
    })
}

fn delete_relationship(registry: &Registry, id: RelationshipId) -> Result<Vec<Change>> {
    let Some(i) = registry.relationships.iter().position(|r| r.id == id) else {
        return Err(EditErrorKind::NotFound { entry: format!("relationship with id {id}") });
    };
    let mut changes: Vec<Change> = remove(&registry.relationships, &[i]).into_iter().map(Change::Relationships).collect();
    changes.extend(extras::relationships_deleted(registry, &[&registry.relationships[i]]));
    Ok(changes)
}

fn put_module(registry: &Registry, module: Module) -> Result<Vec<Change>> {
    let entry = || format!("module {}", module.name);
    required(entry, "module_name", &module.name)?;
    optional(entry, "color", module.color.as_deref())?;
    optional(entry, "note", module.note.as_deref())?;
    Ok(match registry.modules.iter().position(|m| m.name == module.name) {
        Some(i) => replace(&registry.modules, i, module).map(Change::Modules).into_iter().collect(),
        None => vec![Change::Modules(insert(registry.modules.len(), module))],
    })
}

fn rename_module(registry: &Registry, from: &str, to: String) -> Result<Vec<Change>> {
    required(|| format!("module {from}"), "module_name", &to)?;
    let known = |name: &str| {
        registry.module(name).is_some()
            || registry.tables.iter().any(|t| t.module == name)
            || registry.relationships.iter().any(|r| r.module == name)
    };
    if !known(from) {
        return Err(EditErrorKind::NotFound { entry: format!("module {from}") });
    }
    if from == to {
        return Ok(Vec::new());
    }
    if known(&to) {
        return Err(EditErrorKind::AlreadyExists { entry: format!("module {to}") });
    }
    let mut changes = Vec::new();
    if let Some(i) = registry.modules.iter().position(|m| m.name == from) {
        changes.extend(replace(&registry.modules, i, Module { name: to.clone(), ..registry.modules[i].clone() }).map(Change::Modules));
    }
    let tables = registry.tables.iter().enumerate().filter(|(_, t)| t.module == from);
    changes.extend(replace_each(&registry.tables, tables.map(|(i, t)| (i, Table { module: to.clone(), ..t.clone() }))).map(Change::Tables));
    let relationships = registry.relationships.iter().enumerate().filter(|(_, r)| r.module == from);
    let relationships = relationships.map(|(i, r)| (i, Relationship { module: to.clone(), ..r.clone() }));
    changes.extend(replace_each(&registry.relationships, relationships).map(Change::Relationships));
    changes.extend(extras::module_renamed(registry, from, Some(&to)));
    Ok(changes)
}

fn delete_module(registry: &Registry, name: &str) -> Result<Vec<Change>> {
    let Some(i) = registry.modules.iter().position(|m| m.name == name) else {
        return Err(EditErrorKind::NotFound { entry: format!("module {name}") });
    };
    let tables: Vec<String> = registry.tables.iter().filter(|t| t.module == name).map(|t| t.table_ref().to_string()).collect();
    let relationships = registry.relationships.iter().filter(|r| r.module == name).count();
    if !tables.is_empty() || relationships > 0 {
        let mut users = Vec::new();
        if !tables.is_empty() {
            let shown: Vec<&str> = tables.iter().take(3).map(String::as_str).collect();
            let more = if tables.len() > 3 { ", …" } else { "" };
            users.push(format!("{} ({}{more})", count(tables.len(), "table"), shown.join(", ")));
        }
        if relationships > 0 {
            users.push(count(relationships, "relationship"));
        }
        return Err(EditErrorKind::InUse { entry: format!("module {name}"), users: users.join(" and ") });
    }
    let mut changes: Vec<Change> = remove(&registry.modules, &[i]).into_iter().map(Change::Modules).collect();
    changes.extend(extras::module_renamed(registry, name, None));
    Ok(changes)
}

fn put_enum(registry: &Registry, enum_type: EnumType) -> Result<Vec<Change>> {
    let entry = || format!("enum type {}.{}", enum_type.schema, enum_type.name);
    required(entry, "schema", &enum_type.schema)?;
    required(entry, "name", &enum_type.name)?;
    Ok(match find_enum(registry, &enum_type.schema, &enum_type.name) {
        Some(i) => replace(&registry.enums, i, enum_type).map(Change::Enums).into_iter().collect(),
        None => vec![Change::Enums(insert(registry.enums.len(), enum_type))],
    })
}

fn delete_enum(registry: &Registry, schema: &str, name: &str) -> Result<Vec<Change>> {
    let Some(i) = find_enum(registry, schema, name) else {
        return Err(EditErrorKind::NotFound { entry: format!("enum type {schema}.{name}") });
    };
    Ok(remove(&registry.enums, &[i]).into_iter().map(Change::Enums).collect())
}

fn put_partial(registry: &Registry, name: &str, text: String, signals: Vec<Signal>) -> Result<Vec<Change>> {
    let Some(p) = registry.dbml.partials.iter().position(|p| p.name == name) else {
        return Err(EditErrorKind::NotFound { entry: format!("partial ~{name}") });
    };
    required(|| format!("partial ~{name}"), "text", &text)?;
    let mut updates = Vec::with_capacity(signals.len());
    for signal in signals {
        check_signal(&signal)?;
        let i = find_signal_by_id(registry, signal.id)?;
        let old = &registry.signals[i];
        let brought = old.table.as_ref().and_then(|t| registry.dbml.table(t)).is_some_and(|t| {
            t.injects.iter().any(|j| j.partial == name && j.columns.contains(&old.column))
        });
        if old.table != signal.table || old.column != signal.column || !brought {
            return Err(EditErrorKind::InvalidValue {
                entry: signal_entry(old),
                field: "signals",
                reason: format!("must be columns that ~{name} brings, under their own table and name"),
            });
        }
        if updates.iter().any(|(j, _)| *j == i) {
            return Err(EditErrorKind::InvalidValue { entry: signal_entry(old), field: "signals", reason: "must name each column once".into() });
        }
        updates.push((i, signal));
    }
    updates.sort_by_key(|(i, _)| *i);
    let updates: Vec<(usize, Signal)> = updates.into_iter().filter(|(i, s)| registry.signals[*i] != *s).collect();
    let mut changes: Vec<Change> = replace_each(&registry.signals, updates).map(Change::Signals).collect();
    let partial = crate::dbml::DbmlPartial { name: name.to_owned(), text };
    changes.extend(replace(&registry.dbml.partials, p, partial).map(Change::DbmlPartials));
    Ok(changes)
}

fn override_partial_column(registry: &Registry, table: &TableRef, column: &str) -> Result<Vec<Change>> {
    let brought = registry.dbml.table(table).is_some_and(|t| extras::brought_by_partial(t, column));
    if !brought {
        return Err(EditErrorKind::NotFound { entry: format!("column {table}.{column} brought by a partial") });
    }
    Ok(extras::column_changed(registry, table, column, false))
}

fn set_pin(registry: &Registry, table: TableRef, position: Option<(f64, f64)>) -> Result<Vec<Change>> {
    let existing = registry.pins.iter().position(|p| p.table == table);
    let Some((x, y)) = position else {
        return Ok(existing.map(|i| remove(&registry.pins, &[i]).into_iter().map(Change::Pins).collect()).unwrap_or_default());
    };
    if !(x.is_finite() && y.is_finite()) {
        // JSON has no infinity or NaN: such a pin could not be saved.
        return Err(EditErrorKind::InvalidValue { entry: format!("table {table}"), field: "position", reason: format!("must be finite numbers, not ({x}, {y})") });
    }
    match existing {
        Some(i) => Ok(replace(&registry.pins, i, Pin { table, x, y }).map(Change::Pins).into_iter().collect()),
        None if registry.table(&table).is_none() => Err(EditErrorKind::NotFound { entry: format!("table {table}") }),
        None => Ok(vec![Change::Pins(insert(registry.pins.len(), Pin { table, x, y }))]),
    }
}

/// Whether `new` changes what a DBML column definition says of `old`: its type, nullability,
/// default, note or auto-increment.
fn dbml_column_differs(old: &Signal, new: &Signal) -> bool {
    old.data_type != new.data_type
        || old.nullable != new.nullable
        || old.default != new.default
        || old.description != new.description
        || old.spec.identity != new.spec.identity
}

fn find_table(registry: &Registry, id: TableId) -> Result<usize> {
    registry.tables.iter().position(|t| t.id == id).ok_or_else(|| EditErrorKind::NotFound { entry: format!("table with id {id}") })
}

fn find_signal_by_id(registry: &Registry, id: SignalId) -> Result<usize> {
    registry.signals.iter().position(|s| s.id == id).ok_or_else(|| EditErrorKind::NotFound { entry: format!("signal with id {id}") })
}

/// The signal keyed `(table, column)`, as `sr_signal_uq` keys them.
fn find_signal(registry: &Registry, table: Option<&TableRef>, column: &str) -> Option<usize> {
    registry.signals.iter().position(|s| s.table.as_ref() == table && s.column == column)
}

fn find_enum(registry: &Registry, schema: &str, name: &str) -> Option<usize> {
    registry.enums.iter().position(|e| e.schema == schema && e.name == name)
}

/// Positions of the entries of `list` that satisfy `keep`, ascending.
fn indices<T>(list: &[T], keep: impl Fn(&T) -> bool) -> Vec<usize> {
    list.iter().enumerate().filter(|(_, e)| keep(e)).map(|(i, _)| i).collect()
}

/// Removes the diagram-only line at `position`; a line that is a relationship's goes with the
/// relationship, so it is not found here.
fn delete_diagram_line(registry: &Registry, position: usize) -> Result<Vec<Change>> {
    match registry.mermaid.lines.get(position) {
        Some(line) if line.relationship.is_none() => Ok(remove(&registry.mermaid.lines, &[position]).into_iter().map(Change::MermaidLines).collect()),
        _ => Err(EditErrorKind::NotFound { entry: format!("diagram-only line at position {position}") }),
    }
}

/// Sets the relationship of the diagram-only line at `position` (see [`Edit::LinkDiagramLine`]).
fn link_diagram_line(registry: &Registry, position: usize, id: RelationshipId) -> Result<Vec<Change>> {
    let line = match registry.mermaid.lines.get(position) {
        Some(line) if line.relationship.is_none() => line,
        _ => return Err(EditErrorKind::NotFound { entry: format!("diagram-only line at position {position}") }),
    };
    let r = registry.relationships.iter().find(|r| r.id == id).ok_or_else(|| EditErrorKind::NotFound { entry: relationship_by_id(registry, id) })?;
    let (child, parent) = (r.child.table_ref(), r.parent.table_ref());
    if !((child == line.left && parent == line.right) || (child == line.right && parent == line.left)) {
        return Err(EditErrorKind::InvalidValue {
            entry: format!("diagram line between {} and {}", line.left, line.right),
            field: "relationship",
            reason: format!("names relationship {}, which joins {child} and {parent}, not the line's tables", r.key),
        });
    }
    // The Mermaid export writes a relationship's line once: a second one would be lost.
    if registry.mermaid.line(id).is_some() {
        return Err(EditErrorKind::AlreadyExists { entry: format!("a diagram line of relationship {}", r.key) });
    }
    let linked = MermaidLine { relationship: Some(id), ..line.clone() };
    Ok(replace(&registry.mermaid.lines, position, linked).map(Change::MermaidLines).into_iter().collect())
}

fn insert<T>(at: usize, entry: T) -> Splice<T> {
    Splice { at, old: Vec::new(), new: vec![entry] }
}

/// Replaces entry `at` with `entry`; `None` when they are equal, so a put of an unchanged
/// entry changes nothing.
fn replace<T: Clone + PartialEq>(list: &[T], at: usize, entry: T) -> Option<Splice<T>> {
    (list[at] != entry).then(|| Splice { at, old: vec![list[at].clone()], new: vec![entry] })
}

/// Replaces the entries at ascending positions, one splice per run of neighbours.
fn replace_each<T: Clone>(list: &[T], updates: impl IntoIterator<Item = (usize, T)>) -> impl Iterator<Item = Splice<T>> {
    let mut runs: Vec<Splice<T>> = Vec::new();
    for (at, entry) in updates {
        match runs.last_mut() {
            Some(run) if run.at + run.old.len() == at => {
                run.old.push(list[at].clone());
                run.new.push(entry);
            }
            _ => runs.push(Splice { at, old: vec![list[at].clone()], new: vec![entry] }),
        }
    }
    runs.into_iter()
}

/// Removes the entries at ascending positions, one splice per run of neighbours, the last run
/// first so that each splice's position still holds when it is applied.
fn remove<T: Clone>(list: &[T], at: &[usize]) -> Vec<Splice<T>> {
    let mut runs: Vec<Splice<T>> = Vec::new();
    for &i in at {
        match runs.last_mut() {
            Some(run) if run.at + run.old.len() == i => run.old.push(list[i].clone()),
            _ => runs.push(Splice { at: i, old: vec![list[i].clone()], new: Vec::new() }),
        }
    }
    runs.reverse();
    runs
}
