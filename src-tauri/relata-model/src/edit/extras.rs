//! The format extras' share of an edit: what a DBML or Mermaid import kept about a table,
//! column or relationship ([`crate::DbmlExtras`], [`crate::MermaidExtras`]) names it by
//! schema, table, column or key, so an edit that renames or deletes it carries the kept
//! entries along (or drops them) in the same [`Change`]s, and undo restores them with the rest.
//!
//! Without this a rename left the kept alias, partial injection, Mermaid label or ref colour
//! under the old name, and the next export lost it without a word.

use super::change::{Change, Splice};
use crate::dbml::{
    dbml_ident, edit_view_list, index_key, records_with_columns, records_without_column, rename_in_records, DbmlItem, DbmlItemKind, DbmlTable,
    RecordsEdit, ViewName,
};
use crate::ids::{RelationshipId, TableRef};
use crate::mermaid::{printed_name, MermaidEntity, MermaidLine};
use crate::registry::Registry;
use crate::relationship::Relationship;
use crate::table::Table;

/// The changes that carry a table's rename (or move to another schema) from `from` to `to`
/// into the extras.
pub(super) fn table_renamed(registry: &Registry, from: &TableRef, to: &TableRef) -> Vec<Change> {
    let dbml = &registry.dbml;
    let mermaid = &registry.mermaid;
    let follow = |t: &TableRef| if t == from { to.clone() } else { t.clone() };
    let mut changes = Vec::new();
    changes.extend(rewrite(&dbml.tables, |t| Some(DbmlTable { table: follow(&t.table), ..t.clone() })).map(Change::DbmlTables));
    changes.extend(
        rewrite(&dbml.items, |item| {
            let mut item = item.clone();
            if item.kind == DbmlItemKind::DiagramView {
                let name = |parts: &[String]| match view_table(parts) {
                    Some(t) if t == *from => {
                        let schema = (parts.len() == 2 || to.schema != DBML_SCHEMA).then(|| format!("{}.", dbml_ident(&to.schema)));
                        ViewName::Replace(format!("{}{}", schema.unwrap_or_default(), dbml_ident(&to.table)))
                    }
                    _ => ViewName::Keep,
                };
                if let Some(text) = edit_view_list(&item.text, "Tables", name) {
                    item.text = text;
                }
            }
            if item.table.as_ref() == Some(from) {
                item.table = Some(to.clone());
                // A top-level `Records` names its table in its header; one in the table's body
                // does not.
                if !item.in_table {
                    if let Some(text) = rename_in_records(&item.text, Some((from, to)), None) {
                        item.text = text;
                    }
                }
            }
            Some(item)
        })
        .map(Change::DbmlItems),
    );

    // The entity's written name reads back as the table, so it follows the rename; `style`
    // statements name entities by that written name.
    let mut renamed_entities: Vec<(String, String)> = Vec::new();
    changes.extend(
        rewrite(&mermaid.entities, |e| {
            if e.table != *from {
                return Some(e.clone());
            }
            let entity = renamed_entity(e, from, to);
            if entity.name != e.name {
                renamed_entities.push((e.name.clone(), entity.name.clone()));
            }
            Some(entity)
        })
        .map(Change::MermaidEntities),
    );
    changes.extend(
        rewrite(&mermaid.lines, |l| {
            let mut line = l.clone();
            line.left = follow(&l.left);
            line.right = follow(&l.right);
            Some(line)
        })
        .map(Change::MermaidLines),
    );
    changes.extend(
        rewrite(&mermaid.subgraphs, |s| {
            let mut subgraph = s.clone();
            subgraph.entities = s.entities.iter().map(follow).collect();
            Some(subgraph)
        })
        .map(Change::MermaidSubgraphs),
    );
    if !renamed_entities.is_empty() {
        changes.extend(
            rewrite(&mermaid.styles, |s| {
                let mut style = s.clone();
                for name in &mut style.names {
                    if let Some((_, new)) = renamed_entities.iter().find(|(old, _)| old == name) {
                        name.clone_from(new);
                    }
                }
                Some(style)
            })
            .map(Change::MermaidStyles),
        );
    }
    changes
}

/// The schema DBML puts a table written without one in.
const DBML_SCHEMA: &str = "public";

/// The table a `DiagramView`'s `Tables` list names with `parts`.
fn view_table(parts: &[String]) -> Option<TableRef> {
    match parts {
        [table] => Some(TableRef::new(DBML_SCHEMA, table)),
        [schema, table] => Some(TableRef::new(schema, table)),
        _ => None,
    }
}

/// The changes for module `from` renamed to `to`, or deleted (`None`): the `TableGroups`
/// lists of the DBML `DiagramView`s name groups.
pub(super) fn module_renamed(registry: &Registry, from: &str, to: Option<&str>) -> Vec<Change> {
    rewrite(&registry.dbml.items, |i| {
        if i.kind != DbmlItemKind::DiagramView {
            return Some(i.clone());
        }
        let name = |parts: &[String]| match (parts, to) {
            ([group], Some(to)) if group == from => ViewName::Replace(dbml_ident(to)),
            ([group], None) if group == from => ViewName::Remove,
            _ => ViewName::Keep,
        };
        Some(match edit_view_list(&i.text, "TableGroups", name) {
            Some(text) => DbmlItem { text, ..i.clone() },
            None => i.clone(),
        })
    })
    .map(Change::DbmlItems)
    .into_iter()
    .collect()
}

/// The entity `e` of table `from` once the table is `to`. An entity written as the table's
/// name takes the new name while the schema stays; one written as Relata's printer writes
/// (`schema__table["schema.table"]`) takes the new printed name and label. A plain name reads
/// back only into the importer's default schema, so a table moved to another schema gets the
/// printed form (which replaces a label of the entity's own: the label is what says the schema).
fn renamed_entity(e: &MermaidEntity, from: &TableRef, to: &TableRef) -> MermaidEntity {
    let mut entity = MermaidEntity { table: to.clone(), ..e.clone() };
    let printed = e.label.as_deref() == Some(&format!("{}.{}", from.schema, from.table))
        && e.name.starts_with(&printed_name(&from.schema, &from.table));
    if printed || (e.name == from.table && from.schema != to.schema) {
        entity.name = printed_name(&to.schema, &to.table);
        entity.label = Some(format!("{}.{}", to.schema, to.table));
    } else if e.name == from.table {
        entity.name.clone_from(&to.table);
    }
    entity
}

/// The changes that drop the extras of the table `table`, deleted with the relationships
/// `relationships` (those with the table at either end).
pub(super) fn table_deleted(registry: &Registry, table: &TableRef, relationships: &[&Relationship]) -> Vec<Change> {
    let dbml = &registry.dbml;
    let mermaid = &registry.mermaid;
    let ids: Vec<RelationshipId> = relationships.iter().map(|r| r.id).collect();
    let mut changes = Vec::new();
    changes.extend(refs_deleted(registry, relationships));
    changes.extend(rewrite(&dbml.tables, |t| (t.table != *table).then(|| t.clone())).map(Change::DbmlTables));
    changes.extend(
        rewrite(&dbml.items, |i| {
            if i.table.as_ref() == Some(table) {
                return None;
            }
            let gone = |parts: &[String]| if view_table(parts).as_ref() == Some(table) { ViewName::Remove } else { ViewName::Keep };
            match edit_view_list(&i.text, "Tables", gone).filter(|_| i.kind == DbmlItemKind::DiagramView) {
                Some(text) => Some(DbmlItem { text, ..i.clone() }),
                None => Some(i.clone()),
            }
        })
        .map(Change::DbmlItems),
    );
    let names: Vec<&str> = mermaid.entities.iter().filter(|e| e.table == *table).map(|e| e.name.as_str()).collect();
    changes.extend(rewrite(&mermaid.entities, |e| (e.table != *table).then(|| e.clone())).map(Change::MermaidEntities));
    // Diagram-only lines (no relationship) to the table go too: they have nothing to join.
    let keep = |l: &MermaidLine| l.left != *table && l.right != *table && !l.relationship.is_some_and(|id| ids.contains(&id));
    changes.extend(rewrite(&mermaid.lines, |l| keep(l).then(|| l.clone())).map(Change::MermaidLines));
    changes.extend(
        rewrite(&mermaid.subgraphs, |s| {
            let mut subgraph = s.clone();
            subgraph.entities.retain(|e| e != table);
            Some(subgraph)
        })
        .map(Change::MermaidSubgraphs),
    );
    if !names.is_empty() {
        changes.extend(
            rewrite(&mermaid.styles, |s| {
                let mut style = s.clone();
                style.names.retain(|n| !names.contains(&n.as_str()));
                (!style.names.is_empty()).then_some(style)
            })
            .map(Change::MermaidStyles),
        );
    }
    changes
}

/// The changes that carry the rename of column `from` of `table` to `to` into the extras.
/// `old` and `new` are the table's entry before and after the rename, whose unnamed indexes the
/// DBML extras key by their columns.
pub(super) fn column_renamed(
    registry: &Registry,
    table: &TableRef,
    from: &str,
    to: &str,
    tables: Option<(&Table, &Table)>,
) -> Vec<Change> {
    let mut changes = Vec::new();
    changes.extend(
        rewrite(&registry.dbml.tables, |t| {
            if t.table != *table {
                return Some(t.clone());
            }
            let mut entry = if brought_by_partial(t, from) { own_columns(t) } else { t.clone() };
            if let Some((old, new)) = tables {
                // Keys of unnamed indexes spell their columns: rekey them as the index is now.
                let keys: Vec<(String, String)> =
                    old.indexes.iter().zip(&new.indexes).map(|(o, n)| (index_key(o), index_key(n))).filter(|(o, n)| o != n).collect();
                for key in entry.typed_btree.iter_mut().chain(entry.partial_indexes.iter_mut()) {
                    if let Some((_, new)) = keys.iter().find(|(old, _)| old == key) {
                        key.clone_from(new);
                    }
                }
            }
            Some(entry)
        })
        .map(Change::DbmlTables),
    );
    changes.extend(
        rewrite(&registry.dbml.items, |i| {
            let mut item = i.clone();
            if i.table.as_ref() == Some(table) {
                if let Some(text) = rename_in_records(&i.text, None, Some((from, to))) {
                    item.text = text;
                }
            }
            Some(item)
        })
        .map(Change::DbmlItems),
    );
    changes.extend(
        rewrite(&registry.mermaid.entities, |e| {
            let mut entity = e.clone();
            if e.table == *table {
                for keys in entity.keys.iter_mut().filter(|k| k.column == from) {
                    keys.column = to.to_owned();
                }
            }
            Some(entity)
        })
        .map(Change::MermaidEntities),
    );
    changes
}

/// The changes for column `column` of `table` being deleted, or (`deleted` false) defined
/// anew by a put that changes what DBML writes of it. A deleted column the partial still
/// brings ends the table's partials; a changed one the table defines itself from then on,
/// overriding the partial's (as DBML allows), while the partial keeps bringing the others.
pub(super) fn column_changed(registry: &Registry, table: &TableRef, column: &str, deleted: bool) -> Vec<Change> {
    let mut changes = Vec::new();
    changes.extend(
        rewrite(&registry.dbml.tables, |t| {
            if t.table != *table || !brought_by_partial(t, column) {
                return Some(t.clone());
            }
            if deleted {
                return Some(own_columns(t));
            }
            let mut entry = t.clone();
            for injection in &mut entry.injects {
                injection.columns.retain(|c| c != column);
            }
            Some(entry)
        })
        .map(Change::DbmlTables),
    );
    if deleted {
        // The column's values leave the table's `Records` with it: @dbml/core refuses rows
        // that name a column the table lacks, or have more values than its columns.
        changes.extend(
            rewrite(&registry.dbml.items, |i| {
                if !is_records_of(i, table) {
                    return Some(i.clone());
                }
                let pinned = pinned(registry, i, table);
                let item = pinned.as_ref().unwrap_or(i);
                match records_without_column(&item.text, column) {
                    RecordsEdit::Unchanged => Some(item.clone()),
                    RecordsEdit::Text(text) => Some(DbmlItem { text, ..item.clone() }),
                    RecordsEdit::Dropped => None,
                }
            })
            .map(Change::DbmlItems),
        );
        changes.extend(
            rewrite(&registry.mermaid.entities, |e| {
                let mut entity = e.clone();
                if e.table == *table {
                    entity.keys.retain(|k| k.column != column);
                }
                Some(entity)
            })
            .map(Change::MermaidEntities),
        );
    }
    changes
}

/// The changes for the entry of table `old` becoming `new` (a put of the table, or of one of
/// its indexes): an index or `checks` entry a partial brought that the table no longer has
/// as the partial says it ends the table's partials, since `~partial` would still bring it
/// (DBML has no way for a table to drop or change a partial's index or check); the table is
/// written whole from then on.
pub(super) fn table_parts_changed(registry: &Registry, old: &Table, new: &Table) -> Vec<Change> {
    let table = old.table_ref();
    let Some(kept) = registry.dbml.table(&table) else { return Vec::new() };
    let same_index = |key: &String| {
        let find = |t: &Table| t.indexes.iter().find(|i| index_key(i) == *key).cloned();
        find(old) == find(new)
    };
    let same_check = |expression: &String| {
        let find = |t: &Table| t.checks.iter().find(|c| c.column.is_none() && c.expression == *expression).cloned();
        find(old) == find(new)
    };
    if kept.partial_indexes.iter().all(same_index) && kept.partial_checks.iter().all(same_check) {
        return Vec::new();
    }
    rewrite(&registry.dbml.tables, |t| Some(if t.table == table { own_columns(t) } else { t.clone() }))
        .map(Change::DbmlTables)
        .into_iter()
        .collect()
}

/// The changes for a column about to be added to `table`, or moved in it: its `Records`
/// written without a column list get the list of the columns as they are now, so their values
/// keep to their columns.
pub(super) fn columns_reordered(registry: &Registry, table: &TableRef) -> Vec<Change> {
    rewrite(&registry.dbml.items, |i| Some(if is_records_of(i, table) { pinned(registry, i, table).unwrap_or_else(|| i.clone()) } else { i.clone() }))
        .map(Change::DbmlItems)
        .into_iter()
        .collect()
}

fn is_records_of(item: &DbmlItem, table: &TableRef) -> bool {
    item.kind == DbmlItemKind::Records && item.table.as_ref() == Some(table)
}

/// A table's own `Records` written without a column list, moved out of the table's body with
/// the list of the table's columns as they are now; `None` for any other item.
fn pinned(registry: &Registry, item: &DbmlItem, table: &TableRef) -> Option<DbmlItem> {
    if !item.in_table {
        return None;
    }
    let columns = registry.columns_of(table);
    let names: Vec<&str> = columns.iter().map(|s| s.column.as_str()).collect();
    let text = records_with_columns(&item.text, table, &names)?;
    Some(DbmlItem { text, in_table: false, ..item.clone() })
}

/// Whether a partial the table injects brought the column `column`.
pub(crate) fn brought_by_partial(table: &DbmlTable, column: &str) -> bool {
    table.injects.iter().any(|i| i.columns.iter().any(|c| c == column))
}

/// `table` with no partials: a table whose partial columns no longer match the partials
/// (one renamed or deleted here) is written whole, every column its own. The
/// partials' indexes and checks are the table's from then on too; which partial brought which
/// is not kept, so all go, as the DBML export does for such a table.
fn own_columns(table: &DbmlTable) -> DbmlTable {
    DbmlTable { injects: Vec::new(), partial_indexes: Vec::new(), partial_checks: Vec::new(), ..table.clone() }
}

/// The changes for `old` becoming `new` (a put of an existing relationship): the DBML ref
/// settings are kept by key.
pub(super) fn relationship_changed(registry: &Registry, old: &Relationship, new: &Relationship) -> Vec<Change> {
    if old.key == new.key {
        return Vec::new();
    }
    rewrite(&registry.dbml.refs, |r| {
        let mut kept = r.clone();
        if r.key == old.key {
            kept.key.clone_from(&new.key);
        }
        Some(kept)
    })
    .map(Change::DbmlRefs)
    .into_iter()
    .collect()
}

/// The changes that drop the extras of `relationships`, being deleted.
pub(super) fn relationships_deleted(registry: &Registry, relationships: &[&Relationship]) -> Vec<Change> {
    let ids: Vec<RelationshipId> = relationships.iter().map(|r| r.id).collect();
    let mut changes: Vec<Change> = refs_deleted(registry, relationships).into_iter().collect();
    changes.extend(
        rewrite(&registry.mermaid.lines, |l| (!l.relationship.is_some_and(|id| ids.contains(&id))).then(|| l.clone()))
            .map(Change::MermaidLines),
    );
    changes
}

/// The change that drops the DBML ref settings of `relationships`.
fn refs_deleted(registry: &Registry, relationships: &[&Relationship]) -> Option<Change> {
    rewrite(&registry.dbml.refs, |r| (!relationships.iter().any(|d| d.key == r.key)).then(|| r.clone())).map(Change::DbmlRefs)
}

/// One splice that turns `list` into `f` of each entry (`None` drops it), or `None` when
/// nothing changes. It spans from the first entry that changes to the last, so one splice
/// covers both replacements and removals.
pub(super) fn rewrite<T: Clone + PartialEq>(list: &[T], f: impl FnMut(&T) -> Option<T>) -> Option<Splice<T>> {
    let mapped: Vec<Option<T>> = list.iter().map(f).collect();
    let changed = |i: &usize| mapped[*i].as_ref() != Some(&list[*i]);
    let first = (0..list.len()).find(changed)?;
    let last = (0..list.len()).rev().find(changed)?;
    Some(Splice { at: first, old: list[first..=last].to_vec(), new: mapped[first..=last].iter().flatten().cloned().collect() })
}
