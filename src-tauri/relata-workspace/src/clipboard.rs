//! Copy and paste of tables: what a front end puts on the system clipboard for a set of tables
//! (a Relata payload, plus their DBML for any text editor), and the one edit that pastes such a
//! payload into a workspace, the same one or another window's.
//!
//! A copy takes the tables, their columns and the relationships among them; a relationship to a
//! table not copied is left behind and counted, so the front end can say so. A paste gives every
//! entry a fresh id; a table whose schema and name the workspace has already is renamed with
//! `_copy` (then `_copy_2`, …), and so are its schema-wide names (primary key, unique
//! constraints, indexes) that carry its name, so the copy clashes with nothing PostgreSQL would
//! refuse. Everything goes in as one `Edit::Batch`: one undo takes the paste back.

use std::collections::{HashMap, HashSet};

use relata_formats::export::{export, ExportFormat, ExportOptions};
use relata_model::edit::Edit;
use relata_model::{Module, Registry, Relationship, RelationshipId, Signal, SignalId, Table, TableId, TableRef, Timestamp};
use relata_rules::RuleSet;
use serde::{Deserialize, Serialize};

use crate::{Error, ErrorKind, Workspace};

/// The version of the payload a copy writes; a paste refuses others by name.
pub const PAYLOAD_VERSION: u32 = 1;

/// What a copy of tables holds: the Relata payload a paste reads back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Copied {
    /// [`PAYLOAD_VERSION`]: marks the text as Relata's and says which shape it has.
    pub relata_tables: u32,
    /// The tables, in the order asked for.
    pub tables: Vec<Table>,
    /// Where each table was drawn (left, top in diagram units), parallel to `tables` when the
    /// front end said; a paste at a point keeps their arrangement.
    #[serde(default)]
    pub places: Vec<(f64, f64)>,
    /// Their columns, in registry order.
    pub signals: Vec<Signal>,
    /// The relationships with both ends among the tables.
    pub relationships: Vec<Relationship>,
    /// The declared modules the tables belong to (their colours and notes).
    #[serde(default)]
    pub modules: Vec<Module>,
    /// How many relationships joined a copied table to one not copied: left behind.
    pub left_behind: usize,
}

/// A copy as a front end puts it on the clipboard.
#[derive(Debug, Clone, PartialEq)]
pub struct ClipboardCopy {
    /// The Relata payload (JSON of [`Copied`]).
    pub payload: String,
    /// The tables as DBML, for a paste into a text editor.
    pub dbml: String,
    /// How many tables were copied.
    pub tables: usize,
    /// How many relationships came with them.
    pub relationships: usize,
    /// How many relationships to tables not copied were left behind.
    pub left_behind: usize,
}

/// What a paste does: the edit to apply and what it did, for a front end to say.
#[derive(Debug, Clone, PartialEq)]
pub struct Paste {
    /// One batch: the modules missing, the tables, their columns, the relationships, the pins.
    pub edit: Edit,
    /// The new tables, in the payload's order.
    pub tables: Vec<TableRef>,
    /// The tables renamed on a clash: the name copied, and the name pasted.
    pub renamed: Vec<(TableRef, TableRef)>,
    /// How many relationships came along.
    pub relationships: usize,
    /// How many relationships the copy left behind (to tables not copied).
    pub left_behind: usize,
}

impl Workspace {
    /// The clipboard's content for `tables` (with their drawn `places`, when given, parallel to
    /// them); see [`copy`].
    pub fn copy_tables(&self, tables: &[TableRef], places: &[(f64, f64)]) -> Result<ClipboardCopy, Error> {
        copy(self.registry(), &self.rules, tables, places)
    }

    /// The edit that pastes `payload` (a copy's [`ClipboardCopy::payload`]) into this workspace, the
    /// tables pinned around diagram point `at` when given; see [`paste`].
    pub fn paste_tables(&self, payload: &str, at: Option<(f64, f64)>) -> Result<Paste, Error> {
        let copied = read_payload(payload)?;
        paste(self.registry(), &self.rules, &copied, at, crate::now())
    }
}

/// Reads a copy's payload, with an error in Relata's words when the text is not one.
pub fn read_payload(payload: &str) -> Result<Copied, Error> {
    let copied: Copied = serde_json::from_str(payload)
        .map_err(|e| Error::new(ErrorKind::InvalidRequest, format!("the clipboard holds no Relata tables (at line {}, column {}: {e})", e.line(), e.column())))?;
    if copied.relata_tables != PAYLOAD_VERSION {
        return Err(Error::new(
            ErrorKind::InvalidRequest,
            format!("the clipboard holds Relata tables of payload version {}, which this Relata does not read (it reads {PAYLOAD_VERSION})", copied.relata_tables),
        ));
    }
    Ok(copied)
}

/// The clipboard's content for `tables` of `registry`: the payload and the DBML (its names as
/// `rules` shorten them). Refused for a
/// table the registry does not have, or for none at all.
pub fn copy(registry: &Registry, rules: &RuleSet, tables: &[TableRef], places: &[(f64, f64)]) -> Result<ClipboardCopy, Error> {
    if tables.is_empty() {
        return Err(Error::new(ErrorKind::InvalidRequest, "no table is selected to copy"));
    }
    let mut picked: Vec<Table> = Vec::with_capacity(tables.len());
    for t in tables {
        let table = registry
            .table(t)
            .ok_or_else(|| Error::about(ErrorKind::UnknownTable, format!("the workspace has no table `{}.{}`", t.schema, t.table), t.to_string()))?;
        if !picked.iter().any(|p| p.id == table.id) {
            picked.push(table.clone());
        }
    }
    let chosen: HashSet<TableRef> = picked.iter().map(Table::table_ref).collect();
    let signals: Vec<Signal> = registry.signals.iter().filter(|s| s.table.as_ref().is_some_and(|t| chosen.contains(t))).cloned().collect();
    let end_in = |schema: &str, table: &str| chosen.contains(&TableRef::new(schema, table));
    let (mut among, mut left_behind) = (Vec::new(), 0);
    for r in &registry.relationships {
        match (end_in(&r.child.schema, &r.child.table), end_in(&r.parent.schema, &r.parent.table)) {
            (true, true) => among.push(r.clone()),
            (true, false) | (false, true) => left_behind += 1,
            (false, false) => {}
        }
    }
    let used: HashSet<&str> = picked.iter().map(|t| t.module.as_str()).collect();
    let modules: Vec<Module> = registry.modules.iter().filter(|m| used.contains(m.name.as_str())).cloned().collect();
    let places = if places.len() == picked.len() { places.to_vec() } else { Vec::new() };
    let copied = Copied { relata_tables: PAYLOAD_VERSION, tables: picked, places, signals, relationships: among, modules, left_behind };
    let dbml = dbml_of(registry, rules, &copied);
    let payload = serde_json::to_string(&copied).map_err(|e| Error::new(ErrorKind::InvalidRequest, format!("the tables cannot be written as JSON: {e}")))?;
    Ok(ClipboardCopy { payload, dbml, tables: copied.tables.len(), relationships: copied.relationships.len(), left_behind })
}

/// The copied tables as DBML: a registry of just them (with the enum types their columns use)
/// through the DBML export, every relationship among them included whatever its status.
fn dbml_of(registry: &Registry, rules: &RuleSet, copied: &Copied) -> String {
    let types: HashSet<&str> = copied.signals.iter().map(|s| s.data_type.trim()).collect();
    let enums = registry
        .enums
        .iter()
        .filter(|e| types.contains(e.name.as_str()) || types.contains(format!("{}.{}", e.schema, e.name).as_str()))
        .cloned()
        .collect();
    let only = Registry {
        tables: copied.tables.clone(),
        signals: copied.signals.clone(),
        relationships: copied.relationships.clone(),
        modules: copied.modules.clone(),
        enums,
        ..Registry::default()
    };
    let options = ExportOptions { include_inactive: true, ..ExportOptions::default() };
    export(&only, ExportFormat::Dbml, &options, rules)
}

/// The one edit that pastes `copied` into `registry` (see the module's documentation), stamped
/// `now`; with `at`, each table is pinned where it was drawn relative to the others, the
/// top-left of them all at `at`.
pub fn paste(registry: &Registry, rules: &RuleSet, copied: &Copied, at: Option<(f64, f64)>, now: Timestamp) -> Result<Paste, Error> {
    if copied.tables.is_empty() {
        return Err(Error::new(ErrorKind::InvalidRequest, "the clipboard's Relata payload holds no table"));
    }
    let mut taken: HashSet<TableRef> = registry.tables.iter().map(Table::table_ref).collect();
    let mut names: HashMap<TableRef, TableRef> = HashMap::new();
    let mut renamed = Vec::new();
    let mut edits = Vec::new();

    for m in &copied.modules {
        if registry.module(&m.name).is_none() {
            edits.push(Edit::PutModule { module: m.clone() });
        }
    }
    let mut tables = Vec::with_capacity(copied.tables.len());
    for t in &copied.tables {
        let from = t.table_ref();
        let name = free_name(&t.schema, &t.name, &taken);
        let to = TableRef::new(&t.schema, &name);
        taken.insert(to.clone());
        if to != from {
            renamed.push((from.clone(), to.clone()));
        }
        names.insert(from, to.clone());
        tables.push(renamed_table(t, &name, now.clone()));
    }
    // A partition of a copied table is a partition of its copy.
    for t in &mut tables {
        if let Some(p) = t.partition_of.as_mut() {
            if let Some(to) = names.get(&p.parent) {
                p.parent = to.clone();
            }
        }
    }
    let pasted: Vec<TableRef> = tables.iter().map(Table::table_ref).collect();
    edits.extend(tables.into_iter().map(|table| Edit::PutTable { table }));

    for s in &copied.signals {
        let Some(to) = s.table.as_ref().and_then(|t| names.get(t)) else { continue };
        let mut signal = s.clone();
        signal.id = SignalId::new_random();
        signal.table = Some(to.clone());
        signal.created_at = now.clone();
        signal.updated_at = now.clone();
        edits.push(Edit::PutSignal { signal });
    }

    let mut keys: HashSet<String> = registry.relationships.iter().map(|r| r.key.clone()).collect();
    let mut relationships = 0;
    for r in &copied.relationships {
        let child_from = TableRef::new(&r.child.schema, &r.child.table);
        let parent_from = TableRef::new(&r.parent.schema, &r.parent.table);
        let (Some(child), Some(parent)) = (names.get(&child_from), names.get(&parent_from)) else { continue };
        let mut relationship = r.clone();
        relationship.id = RelationshipId::new_random();
        relationship.child.table = child.table.clone();
        relationship.parent.table = parent.table.clone();
        relationship.created_at = now.clone();
        relationship.updated_at = now.clone();
        relationship.approved_at = None;
        relationship.approved_by = None;
        if child != &child_from {
            // The child index is a schema-wide name; the constraint's is the child table's own.
            relationship.child_index_name = relationship.child_index_name.map(|n| schema_wide(&n, &child_from.table, &child.table));
            relationship.constraint_name = relationship.constraint_name.map(|n| n.replace(&child_from.table, &child.table));
        }
        let key = rules.relationship_key(&relationship);
        let key = if key.is_empty() { key } else { free_key(&key, &keys) };
        keys.insert(key.clone());
        relationship.key = key;
        edits.push(Edit::PutRelationship { relationship });
        relationships += 1;
    }

    if let Some((x, y)) = at {
        if copied.places.len() == copied.tables.len() {
            let left = copied.places.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
            let top = copied.places.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
            for (table, place) in pasted.iter().zip(&copied.places) {
                edits.push(Edit::SetPin { table: table.clone(), position: Some(((x + place.0 - left).round(), (y + place.1 - top).round())) });
            }
        } else {
            // No arrangement came along: a row from the point, one table's width apart.
            for (k, table) in pasted.iter().enumerate() {
                edits.push(Edit::SetPin { table: table.clone(), position: Some(((x + 300.0 * k as f64).round(), y.round())) });
            }
        }
    }

    let label = match (pasted.as_slice(), relationships) {
        ([one], _) => format!("Paste table {one}"),
        (many, 0) => format!("Paste {} tables", many.len()),
        (many, n) => format!("Paste {} tables with {n} relationship{}", many.len(), if n == 1 { "" } else { "s" }),
    };
    Ok(Paste { edit: Edit::Batch { label, edits }, tables: pasted, renamed, relationships, left_behind: copied.left_behind })
}

/// `name`, or `name_copy`, `name_copy_2`, … — the first that `schema` does not have.
fn free_name(schema: &str, name: &str, taken: &HashSet<TableRef>) -> String {
    let free = |n: &str| !taken.contains(&TableRef::new(schema, n));
    if free(name) {
        return name.to_owned();
    }
    let copy = format!("{name}_copy");
    if free(&copy) {
        return copy;
    }
    (2..).map(|k| format!("{copy}_{k}")).find(|n| free(n)).unwrap_or(copy)
}

/// `key`, or `key_copy`, `key_copy_2`, … — the first no relationship has.
fn free_key(key: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(key) {
        return key.to_owned();
    }
    let copy = format!("{key}_copy");
    if !taken.contains(&copy) {
        return copy;
    }
    (2..).map(|k| format!("{copy}_{k}")).find(|n| !taken.contains(n)).unwrap_or(copy)
}

/// A schema-wide name (an index's, a key constraint's) of table `from` for its copy `to`: the
/// table's name in it replaced (`orders_pkey` → `orders_copy_pkey`), else `_copy` appended,
/// since the original keeps its name in the same schema.
fn schema_wide(name: &str, from: &str, to: &str) -> String {
    if name.contains(from) {
        name.replacen(from, to, 1)
    } else {
        format!("{name}_copy")
    }
}

/// The copy of `t` named `name`, with a fresh id and `now` as its timestamps; when renamed, its
/// schema-wide names follow (see [`schema_wide`]), and its CHECK constraints' names that carry
/// the table's name too (PostgreSQL's own names do).
fn renamed_table(t: &Table, name: &str, now: Timestamp) -> Table {
    let mut table = t.clone();
    table.id = TableId::new_random();
    table.created_at = now.clone();
    table.updated_at = now;
    if name == t.name {
        return table;
    }
    table.name = name.to_owned();
    let wide = |n: &mut Option<String>| {
        if let Some(old) = n.as_mut() {
            *old = schema_wide(old, &t.name, name);
        }
    };
    wide(&mut table.primary_key_name);
    for u in &mut table.unique_constraints {
        wide(&mut u.name);
    }
    for i in &mut table.indexes {
        wide(&mut i.name);
    }
    for e in &mut table.exclusions {
        wide(&mut e.name);
    }
    for c in &mut table.checks {
        if let Some(n) = c.name.as_mut() {
            *n = n.replace(&t.name, name);
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use relata_model::edit::apply;

    fn example() -> Registry {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../registries/zayaz-compute-methods");
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(relata_store::load(&root)).expect("the bundled example loads").registry
    }

    fn rules() -> RuleSet {
        RuleSet::preset(crate::DEFAULT_PRESET).unwrap()
    }

    fn t(qualified: &str) -> TableRef {
        let (schema, table) = qualified.split_once('.').unwrap();
        TableRef::new(schema, table)
    }

    #[test]
    fn two_related_tables_pasted_into_their_own_workspace_are_renamed_with_new_ids_and_one_relationship() {
        let registry = example();
        let rules = rules();
        let (child, parent) = (t("core_metadata.ref_compute_method_latest"), t("core_metadata.ref_compute_method_registry"));
        let between = registry
            .relationships
            .iter()
            .filter(|r| (r.child.table == child.table && r.parent.table == parent.table) || (r.child.table == parent.table && r.parent.table == child.table))
            .count();
        let touching = registry
            .relationships
            .iter()
            .filter(|r| [&r.child.table, &r.parent.table].iter().any(|n| **n == child.table || **n == parent.table))
            .count();
        assert!(between >= 1, "the example relates the two tables");
        let copy = copy(&registry, &rules, &[child.clone(), parent.clone()], &[(100.0, 50.0), (400.0, 50.0)]).unwrap();
        assert_eq!((copy.tables, copy.relationships, copy.left_behind), (2, between, touching - between));
        assert!(copy.dbml.contains("Table core_metadata.ref_compute_method_latest"), "{}", copy.dbml);
        assert!(copy.dbml.contains("Ref"), "the relationship between them is in the DBML: {}", copy.dbml);

        let pasted = paste(&registry, &rules, &read_payload(&copy.payload).unwrap(), Some((1000.0, 2000.0)), crate::now()).unwrap();
        assert_eq!(pasted.tables, vec![t("core_metadata.ref_compute_method_latest_copy"), t("core_metadata.ref_compute_method_registry_copy")]);
        assert_eq!(pasted.renamed.len(), 2);
        assert_eq!((pasted.relationships, pasted.left_behind), (between, touching - between));
        let mut after = registry.clone();
        apply(&mut after, pasted.edit.clone()).expect("the paste is one valid edit");
        let copies: Vec<&Table> = pasted.tables.iter().map(|r| after.table(r).unwrap()).collect();
        for (copy, original) in copies.iter().zip([&child, &parent]) {
            let original = registry.table(original).unwrap();
            assert_ne!(copy.id, original.id);
            assert_eq!(after.columns_of(&copy.table_ref()).len(), registry.columns_of(&original.table_ref()).len());
            assert!(after.columns_of(&copy.table_ref()).iter().all(|s| registry.signals.iter().all(|o| o.id != s.id)));
        }
        let new: Vec<&Relationship> = after.relationships.iter().filter(|r| r.child.table.ends_with("_copy") || r.parent.table.ends_with("_copy")).collect();
        assert_eq!(new.len(), between);
        assert!(new.iter().all(|r| r.child.table.ends_with("_copy") && r.parent.table.ends_with("_copy")), "only relationships among the copies");
        assert!(new.iter().all(|r| registry.relationships.iter().all(|o| o.id != r.id && o.key != r.key)));
        // Pinned in their arrangement, the top-left at the point.
        let pin = |r: &TableRef| after.pins.iter().find(|p| p.table == *r).map(|p| (p.x, p.y));
        assert_eq!(pin(&pasted.tables[0]), Some((1000.0, 2000.0)));
        assert_eq!(pin(&pasted.tables[1]), Some((1300.0, 2000.0)));
        // Pasted again: `_copy_2`, and no rule finds a new error.
        let again = paste(&after, &rules, &read_payload(&copy.payload).unwrap(), None, crate::now()).unwrap();
        assert_eq!(again.tables[0], t("core_metadata.ref_compute_method_latest_copy_2"));
        let errors = |r: &Registry| relata_rules::check(r, &rules).iter().filter(|d| d.severity == relata_model::Severity::Error).count();
        apply(&mut after, again.edit).unwrap();
        assert_eq!(errors(&after), errors(&registry), "the copies bring no error finding");
    }

    #[test]
    fn one_undo_takes_a_paste_back_and_another_workspace_keeps_the_names() {
        let registry = example();
        let copy = copy(&registry, &rules(), &[t("core_metadata.ref_compute_method_registry")], &[]).unwrap();
        // Into a workspace without the table: the name stays, the module comes along.
        let empty = Registry::default();
        let pasted = paste(&empty, &rules(), &read_payload(&copy.payload).unwrap(), None, crate::now()).unwrap();
        assert!(pasted.renamed.is_empty());
        let mut history = relata_model::edit::History::new(registry.clone());
        history.apply(pasted_into(&registry, &copy.payload)).unwrap();
        assert_ne!(history.registry(), &registry);
        history.undo().unwrap();
        assert_eq!(history.registry(), &registry, "one undo takes the whole paste back");
        let mut other = empty;
        apply(&mut other, pasted.edit).unwrap();
        assert_eq!(other.tables.len(), 1);
        assert_eq!(other.tables[0].name, "ref_compute_method_registry");
    }

    fn pasted_into(registry: &Registry, payload: &str) -> Edit {
        paste(registry, &rules(), &read_payload(payload).unwrap(), None, crate::now()).unwrap().edit
    }

    #[test]
    fn text_that_is_no_payload_is_refused_in_relatas_words() {
        let e = read_payload("Table a { id int }").unwrap_err();
        assert!(e.message.contains("no Relata tables"), "{}", e.message);
        let e = read_payload(r#"{"relata_tables": 9, "tables": [], "signals": [], "relationships": [], "left_behind": 0}"#).unwrap_err();
        assert!(e.message.contains("version 9"), "{}", e.message);
    }
}
