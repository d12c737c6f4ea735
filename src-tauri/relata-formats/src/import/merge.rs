//! Merging an imported model into an existing registry: what an import would add or change,
//! shown before anything is written ([`Merge::changes`]), and the registry it gives
//! ([`Merge::registry`]). No I/O.
//!
//! Entries are matched by what names them, not by id (an importer derives its ids from
//! names, a workspace keeps its own): tables by `schema.table`, columns by
//! `schema.table.column` (concepts by name), relationships by their two ends (tables and
//! columns), else by `relationship_key`.
//!
//! A text format describes a schema's shape, not the registry around it. So on a matched
//! entry only the [shape fields](SHAPE_FIELDS) an import carries replace the registry's (types,
//! nullability, defaults, keys, descriptions, a relationship's columns, cardinality and
//! clauses, the referential actions only of a relationship that is a database FK), and an
//! empty incoming field never erases a value. What architects curate
//! (status, module, prefix, owners, roles, concepts, lifecycle, enforcement, tenant scoping,
//! generator flags, notes) stays as it is. Entries the import does not mention are kept and
//! listed ([`ChangeKind::OnlyInWorkspace`]): an import may cover part of a model.
//!
//! What a DBML or Mermaid import kept beyond the registries (aliases, partials, ref colours,
//! `Records`, sticky notes; the Mermaid diagram's own data) is merged too: the import's replaces
//! what was kept of the same tables, refs and names, and [`Merge::extras`] says what changed.

use std::collections::{HashMap, HashSet};

use relata_model::dbml::DbmlRef;
use relata_model::{DbmlExtras, Registry, Relationship, Table, TableRef, Timestamp};
use relata_rules::{shorten_identifier, RuleSet};

use relata_codec::folder::signal_key;
use relata_codec::rows::{
    decode_relationship, decode_signal, decode_table, encode_relationship, encode_signal, encode_table, Column,
    RELATIONSHIP_REGISTRY, SIGNAL_REGISTRY, TABLE_OVERVIEW,
};

/// The registry columns an import may change on an entry the registry already has, by
/// registry table. Everything else on a matched entry is kept.
pub const SHAPE_FIELDS: [(&str, &[&str]); 3] = [
    ("table_overview", &["purpose", "primary_key_columns"]),
    ("signal_registry", &["ordinal_position", "data_type", "is_nullable", "column_default", "semantic_description"]),
    (
        "relationship_registry",
        &[
            "constraint_name",
            "cardinality",
            "is_required",
            "enforce_child_unique",
            "match_type",
            "deferrable",
            "initially_deferred",
            "on_delete",
            "on_update",
            "create_child_index",
            "child_index_name",
            "child_index_method",
        ],
    ),
];

/// The kind of entry a change concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryKind {
    /// A `table_overview` row (with its indexes and unique constraints).
    Table,
    /// A `signal_registry` row.
    Column,
    /// A `relationship_registry` row.
    Relationship,
    /// A module (a TableGroup).
    Module,
    /// An enum type.
    Enum,
}

impl EntryKind {
    /// The word for it in a preview.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Table => "table",
            EntryKind::Column => "column",
            EntryKind::Relationship => "relationship",
            EntryKind::Module => "module",
            EntryKind::Enum => "enum",
        }
    }
}

/// One field an import changes: its registry column, the registry's value and the import's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The registry column (`data_type`), or `indexes` / `unique_constraints` / `values`.
    pub field: String,
    /// The registry's value (`None`: NULL or absent).
    pub from: Option<String>,
    /// The import's value.
    pub to: Option<String>,
}

/// What happens to one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// New: the import has it, the registry does not.
    Added,
    /// Both have it and these fields change.
    Changed(Vec<FieldChange>),
    /// Only the registry has it; it is kept.
    OnlyInWorkspace,
}

/// One entry's change, named for people (`core.orders`, `core.orders.amount`, a
/// relationship's key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryChange {
    /// What kind of entry.
    pub kind: EntryKind,
    /// Its name.
    pub name: String,
    /// What happens to it.
    pub change: ChangeKind,
}

/// The outcome of [`merge`].
#[derive(Debug, Clone)]
pub struct Merge {
    /// The registry after the merge: the existing one with the import's additions and changes.
    pub registry: Registry,
    /// Every addition and change, then what only the registry has; in registry order.
    pub changes: Vec<EntryChange>,
    /// What the merge changes of the DBML and Mermaid extras (aliases, partials, ref colours,
    /// `Records`, entity labels, …), one line per kind for people; empty when it changes none.
    pub extras: Vec<String>,
}

impl Merge {
    /// How many entries are added, changed, and only in the workspace.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for c in &self.changes {
            match c.change {
                ChangeKind::Added => counts.0 += 1,
                ChangeKind::Changed(_) => counts.1 += 1,
                ChangeKind::OnlyInWorkspace => counts.2 += 1,
            }
        }
        counts
    }

    /// Whether the merge adds or changes anything (entries or extras).
    pub fn is_empty(&self) -> bool {
        let (added, changed, _) = self.counts();
        added == 0 && changed == 0 && self.extras.is_empty()
    }
}

/// Merges `incoming` (an import) into `existing`; changed entries get `updated_at = now`.
/// `rules` names what the registry leaves to its templates (foreign-key and child-index
/// names): an import that spells out such a generated name changes nothing.
pub fn merge(existing: &Registry, incoming: &Registry, rules: &RuleSet, now: &Timestamp) -> Merge {
    let mut registry = existing.clone();
    let mut changes = Vec::new();

    // Tables, by schema.table.
    let tables: HashMap<(&str, &str), usize> =
        existing.tables.iter().enumerate().map(|(i, t)| ((t.schema.as_str(), t.name.as_str()), i)).collect();
    let mut seen_tables = HashSet::new();
    for t in &incoming.tables {
        let name = format!("{}.{}", t.schema, t.name);
        match tables.get(&(t.schema.as_str(), t.name.as_str())) {
            Some(&i) => {
                seen_tables.insert(i);
                let none = |_: &str, _: &str| false;
                let (merged, mut fields) = merge_row(&existing.tables[i], t, Codec::TABLE, 0, none, now);
                let mut merged = merged.unwrap_or_else(|| existing.tables[i].clone());
                // Child indexes the DDL created for this table's foreign keys, by name.
                let generated: Vec<String> = existing
                    .relationships
                    .iter()
                    .filter(|r| r.create_child_index && r.child.schema == t.schema && r.child.table == t.name)
                    .map(|r| shorten_identifier(&rules.child_index_name(r), rules.max_identifier_bytes().min(63)).into_owned())
                    .collect();
                fields.extend(merge_extras(&mut merged, t, &generated));
                if !fields.is_empty() {
                    merged.updated_at = now.clone();
                    registry.tables[i] = merged;
                    changes.push(EntryChange { kind: EntryKind::Table, name, change: ChangeKind::Changed(fields) });
                }
            }
            None => {
                registry.tables.push(t.clone());
                changes.push(EntryChange { kind: EntryKind::Table, name, change: ChangeKind::Added });
            }
        }
    }

    // Columns (and concepts), by schema.table.column.
    let signals: HashMap<String, usize> = existing.signals.iter().enumerate().map(|(i, s)| (signal_key(s), i)).collect();
    let mut seen_signals = HashSet::new();
    for s in &incoming.signals {
        let name = signal_key(s);
        match signals.get(&name) {
            Some(&i) => {
                seen_signals.insert(i);
                let none = |_: &str, _: &str| false;
                let (merged, fields) = merge_row(&existing.signals[i], s, Codec::SIGNAL, 1, none, now);
                if let (Some(merged), false) = (merged, fields.is_empty()) {
                    registry.signals[i] = merged;
                    changes.push(EntryChange { kind: EntryKind::Column, name, change: ChangeKind::Changed(fields) });
                }
            }
            None => {
                registry.signals.push(s.clone());
                changes.push(EntryChange { kind: EntryKind::Column, name, change: ChangeKind::Added });
            }
        }
    }

    // Relationships, by their ends, else by key.
    let ends: HashMap<String, usize> = existing.relationships.iter().enumerate().map(|(i, r)| (ends_of(r), i)).collect();
    let keys: HashMap<&str, usize> = existing.relationships.iter().enumerate().map(|(i, r)| (r.key.as_str(), i)).collect();
    let mut seen_relationships = HashSet::new();
    for r in &incoming.relationships {
        match ends.get(&ends_of(r)).or_else(|| keys.get(r.key.as_str())) {
            Some(&i) => {
                seen_relationships.insert(i);
                let ours = &existing.relationships[i];
                // A generated name spelled out, or the child index named after the index that
                // already served it, is what the registry meant.
                let child_table = existing.tables.iter().find(|t| t.schema == ours.child.schema && t.name == ours.child.table);
                // As the DDL printed it: shortened past the identifier limit.
                let printed = |name: String| shorten_identifier(&name, rules.max_identifier_bytes().min(63)).into_owned();
                let generated = |field: &str, to: &str| match field {
                    "constraint_name" => printed(rules.foreign_key_name(ours)) == to,
                    "child_index_name" => {
                        printed(rules.child_index_name(ours)) == to
                            || child_table.is_some_and(|t| t.indexes.iter().any(|x| x.name.as_deref() == Some(to)))
                    }
                    _ => false,
                };
                // Referential actions belong to a database FK: no format prints them for a
                // relationship that emits none, so what an import says of them (DBML's
                // silence reads as NO ACTION) is no change.
                let kept_actions;
                let r = if ours.emits_foreign_key() {
                    r
                } else {
                    kept_actions = Relationship { on_delete: ours.on_delete, on_update: ours.on_update, ..r.clone() };
                    &kept_actions
                };
                let (merged, fields) = merge_row(ours, r, Codec::RELATIONSHIP, 2, generated, now);
                if let (Some(merged), false) = (merged, fields.is_empty()) {
                    registry.relationships[i] = merged;
                    let name = existing.relationships[i].key.clone();
                    changes.push(EntryChange { kind: EntryKind::Relationship, name, change: ChangeKind::Changed(fields) });
                }
            }
            None => {
                registry.relationships.push(r.clone());
                changes.push(EntryChange { kind: EntryKind::Relationship, name: r.key.clone(), change: ChangeKind::Added });
            }
        }
    }

    // Modules the added tables use, and enum types: added when new, values replaced.
    for m in &incoming.modules {
        if !registry.modules.iter().any(|e| e.name == m.name) {
            registry.modules.push(m.clone());
            // An implicit module is no group a person made: it comes with its tables unsaid.
            if !m.implicit {
                changes.push(EntryChange { kind: EntryKind::Module, name: m.name.clone(), change: ChangeKind::Added });
            }
        }
    }
    for e in &incoming.enums {
        let name = format!("{}.{}", e.schema, e.name);
        match registry.enums.iter_mut().find(|x| x.schema == e.schema && x.name == e.name) {
            // By value names: formats may not hold a value's note.
            Some(x) if !x.values.iter().map(|v| &v.name).eq(e.values.iter().map(|v| &v.name)) => {
                let list = |values: &[relata_model::EnumValue]| values.iter().map(|v| v.name.as_str()).collect::<Vec<_>>().join(", ");
                let field = FieldChange { field: "values".into(), from: Some(list(&x.values)), to: Some(list(&e.values)) };
                x.values = e.values.clone();
                changes.push(EntryChange { kind: EntryKind::Enum, name, change: ChangeKind::Changed(vec![field]) });
            }
            Some(_) => {}
            None => {
                registry.enums.push(e.clone());
                changes.push(EntryChange { kind: EntryKind::Enum, name, change: ChangeKind::Added });
            }
        }
    }

    // What a Mermaid import kept describes the diagram just read: it replaces the old one,
    // its lines pointing at the merged relationships that join the same columns.
    if !incoming.mermaid.is_empty() {
        let mut kept = incoming.mermaid.clone();
        for line in &mut kept.lines {
            let Some(id) = line.relationship else { continue };
            let ends = |r: &relata_model::Relationship| (r.child.table_ref(), r.child.columns.clone(), r.parent.table_ref(), r.parent.columns.clone());
            let Some(theirs) = incoming.relationships.iter().find(|r| r.id == id).map(ends) else { continue };
            line.relationship = registry.relationships.iter().find(|r| ends(r) == theirs).map(|r| r.id);
        }
        registry.mermaid = kept;
    }
    if !incoming.dbml.is_empty() {
        registry.dbml = merge_dbml(&existing.dbml, incoming, &registry);
    }
    let extras = extras_changes(existing, &registry);

    // What only the workspace has.
    let only = |kind, name: String| EntryChange { kind, name, change: ChangeKind::OnlyInWorkspace };
    changes.extend(
        existing.tables.iter().enumerate().filter(|(i, _)| !seen_tables.contains(i)).map(|(_, t)| only(EntryKind::Table, format!("{}.{}", t.schema, t.name))),
    );
    changes.extend(
        existing
            .signals
            .iter()
            .enumerate()
            // Columns of tables the import has: of the others it said nothing.
            .filter(|(i, s)| {
                !seen_signals.contains(i)
                    && s.table.as_ref().is_some_and(|t| {
                        tables.get(&(t.schema.as_str(), t.table.as_str())).is_some_and(|n| seen_tables.contains(n))
                    })
            })
            .map(|(_, s)| only(EntryKind::Column, signal_key(s))),
    );
    changes.extend(
        existing
            .relationships
            .iter()
            .enumerate()
            .filter(|(i, _)| !seen_relationships.contains(i))
            .map(|(_, r)| only(EntryKind::Relationship, r.key.clone())),
    );
    Merge { registry, changes, extras }
}

/// The DBML extras after merging those of `incoming` (a DBML import) into `existing`, where
/// `merged` is the merged registry. What the import brings replaces what was kept of the same
/// thing: the entries of its tables (a table of it with no entry has none any more), the
/// settings of its refs (by the merged relationship joining the same columns, whose key the
/// workspace keeps), its partials and whole-diagram items by name, and its `Project` when it
/// has one. Everything else kept stays.
fn merge_dbml(existing: &DbmlExtras, incoming: &Registry, merged: &Registry) -> DbmlExtras {
    let theirs = &incoming.dbml;
    let mut out = existing.clone();
    // A `Project` is the import's to give, unless it is the one Relata's export writes for a
    // workspace that has none (a round trip of the workspace's own DBML), which says nothing.
    if theirs.project.as_ref().is_some_and(|p| !is_generated_project(p, incoming)) {
        out.project.clone_from(&theirs.project);
        out.imported = true;
    }

    let brought: HashSet<TableRef> = incoming.tables.iter().map(Table::table_ref).collect();
    // In place where the workspace had an entry, so a merge of the same file changes nothing.
    out.tables.retain(|t| !brought.contains(&t.table) || theirs.table(&t.table).is_some());
    for table in &theirs.tables {
        match out.tables.iter_mut().find(|t| t.table == table.table) {
            Some(kept) => kept.clone_from(table),
            None => out.tables.push(table.clone()),
        }
    }

    // A ref's settings are kept by relationship key: the import's key names its own
    // relationship, which the merge matched to the workspace's by its ends.
    let ends = |r: &Relationship| (r.child.table_ref(), r.child.columns.clone(), r.parent.table_ref(), r.parent.columns.clone());
    let merged_key = |r: &Relationship| {
        let theirs = ends(r);
        merged.relationships.iter().find(|m| ends(m) == theirs).or_else(|| merged.relationships.iter().find(|m| m.key == r.key)).map(|m| m.key.clone())
    };
    let keys: Vec<(String, String)> = incoming.relationships.iter().filter_map(|r| Some((r.key.clone(), merged_key(r)?))).collect();
    out.refs.retain(|kept| !keys.iter().any(|(_, ours)| *ours == kept.key));
    for r in &theirs.refs {
        if let Some((_, ours)) = keys.iter().find(|(key, _)| *key == r.key) {
            out.refs.push(DbmlRef { key: ours.clone(), ..r.clone() });
        }
    }

    for partial in &theirs.partials {
        match out.partials.iter_mut().find(|p| p.name == partial.name) {
            Some(kept) => kept.clone_from(partial),
            None => out.partials.push(partial.clone()),
        }
    }

    // `Records` go with their table; sticky notes and diagram views are one per name.
    out.items.retain(|i| {
        !i.table.as_ref().is_some_and(|t| brought.contains(t))
            && !theirs.items.iter().any(|t| t.table.is_none() && i.table.is_none() && t.kind == i.kind && item_name(&t.text) == item_name(&i.text))
    });
    out.items.extend(theirs.items.iter().cloned());
    out
}

/// Whether `project` is the one the DBML export makes up for a workspace with none: named
/// after the tables' common `db_name` (or `relata`), for PostgreSQL, with no note.
fn is_generated_project(project: &relata_model::dbml::DbmlProject, incoming: &Registry) -> bool {
    let db_name = incoming.tables.first().and_then(|t| t.db_name.as_deref());
    let name = match db_name {
        Some(name) if incoming.tables.iter().all(|t| t.db_name.as_deref() == Some(name)) => name,
        _ => "relata",
    };
    let settings = &project.settings;
    project.name.as_deref() == Some(name)
        && project.note.is_none()
        && matches!(&settings[..], [s] if s.name == "database_type" && s.value == "'PostgreSQL'")
}

/// The name of a sticky note or diagram view (`Note shipping {` → `shipping`), as written.
fn item_name(text: &str) -> &str {
    let rest = text.trim_start_matches(|c: char| c.is_alphabetic()).trim_start();
    let end = rest.find(|c: char| c.is_whitespace() || c == '[' || c == '{').unwrap_or(rest.len());
    &rest[..end]
}

/// One line for each kind of extras the merge changes, for the preview.
fn extras_changes(existing: &Registry, merged: &Registry) -> Vec<String> {
    let (a, b) = (&existing.dbml, &merged.dbml);
    let mut out = Vec::new();
    let mut note = |what: &str, changed: bool| {
        if changed {
            out.push(what.to_owned());
        }
    };
    note("DBML Project", a.project != b.project);
    note("DBML table settings (aliases, partial injections, index spellings)", a.tables != b.tables);
    note("DBML ref colours", a.refs != b.refs);
    note("DBML TablePartials", a.partials != b.partials);
    note("DBML sticky notes, Records and DiagramViews", a.items != b.items);
    note("Mermaid diagram (entity names, labels, lines, styles)", existing.mermaid != merged.mermaid);
    out
}

/// A relationship's ends as one key: `child table (columns) -> parent table (columns)`.
fn ends_of(r: &Relationship) -> String {
    format!(
        "{}.{}({}) -> {}.{}({})",
        r.child.schema,
        r.child.table,
        r.child.columns.join(","),
        r.parent.schema,
        r.parent.table,
        r.parent.columns.join(",")
    )
}

/// A row decoder of `rows` (`decode_table` and its siblings).
type Decode<T> = fn(&[Option<&str>]) -> Result<T, Vec<relata_codec::rows::FieldError>>;

/// How entries of one registry table become rows and back.
struct Codec<T: 'static> {
    encode: fn(&T) -> Vec<Option<String>>,
    decode: Decode<T>,
    columns: &'static [Column],
}

impl Codec<Table> {
    const TABLE: &'static Codec<Table> = &Codec { encode: encode_table, decode: decode_table, columns: TABLE_OVERVIEW };
}

impl Codec<relata_model::Signal> {
    const SIGNAL: &'static Codec<relata_model::Signal> =
        &Codec { encode: encode_signal, decode: decode_signal, columns: SIGNAL_REGISTRY };
}

impl Codec<Relationship> {
    const RELATIONSHIP: &'static Codec<Relationship> =
        &Codec { encode: encode_relationship, decode: decode_relationship, columns: RELATIONSHIP_REGISTRY };
}

/// Merges the shape fields (of registry table number `which` in [`SHAPE_FIELDS`]) of
/// `incoming` into `existing` through their encoded rows: the merged entry (`None` when
/// nothing changed or the row would not decode) and the changed fields. `generated(field,
/// to)` says when an import's value for an empty field is what the registry generates.
fn merge_row<T>(
    existing: &T,
    incoming: &T,
    codec: &Codec<T>,
    which: usize,
    generated: impl Fn(&str, &str) -> bool,
    now: &Timestamp,
) -> (Option<T>, Vec<FieldChange>) {
    let Codec { encode, decode, columns } = codec;
    let shape = SHAPE_FIELDS[which].1;
    let mut row = encode(existing);
    let theirs = encode(incoming);
    let mut fields = Vec::new();
    for (n, column) in columns.iter().enumerate() {
        if !shape.contains(&column.name) {
            continue;
        }
        if let Some(to) = &theirs[n] {
            let same = match row[n].as_deref() {
                None => generated(column.name, to),
                Some(from) => same_value(column.name, from, to, columns, &row),
            };
            if !same {
                fields.push(FieldChange { field: column.name.to_owned(), from: row[n].clone(), to: Some(to.clone()) });
                row[n] = Some(to.clone());
            }
        }
    }
    if fields.is_empty() {
        return (None, fields);
    }
    if let Some(n) = columns.iter().position(|c| c.name == "updated_at") {
        row[n] = Some(now.as_str().to_owned());
    }
    let borrowed: Vec<Option<&str>> = row.iter().map(Option::as_deref).collect();
    match decode(&borrowed) {
        Ok(merged) => (Some(merged), fields),
        // An import's value the registry cannot hold (it decoded once already, so this is not
        // expected): keep the entry as it was rather than lose it.
        Err(_) => (None, Vec::new()),
    }
}

/// Whether an import's value `to` for `field` says what the registry's `from` says, given
/// what the formats cannot hold: a DBML note is a table's purpose and notes in one text
/// (`purpose\n\nnotes`), and DBML and Mermaid write a default without its cast
/// (`'draft'` for `'draft'::project_status`).
fn same_value(field: &str, from: &str, to: &str, columns: &[Column], row: &[Option<String>]) -> bool {
    if from == to {
        return true;
    }
    match field {
        "purpose" => {
            let notes = columns.iter().position(|c| c.name == "notes").and_then(|n| row[n].as_deref());
            notes.is_some_and(|notes| to.strip_prefix(from).and_then(|rest| rest.strip_prefix("\n\n")) == Some(notes))
        }
        "column_default" => {
            let split = |d: &'_ str| d.rsplit_once("::").filter(|(_, cast)| !cast.contains('\'')).map(|(v, cast)| (v.to_owned(), canonical_type(cast)));
            match (split(from), split(to)) {
                (Some((value, _)), None) => value == to,
                (Some(a), Some(b)) => a == b,
                _ => false,
            }
        }
        _ => false,
    }
}

/// A type name with PostgreSQL's long spellings made short (`character varying` is
/// `varchar`), so casts written either way compare equal.
fn canonical_type(name: &str) -> String {
    let name = name.trim();
    let (base, rest) = match name.find(['(', '[']) {
        Some(at) => (name[..at].trim_end(), &name[at..]),
        None => (name, ""),
    };
    let base = match base {
        "character varying" => "varchar",
        "character" => "char",
        "integer" | "int4" => "int",
        "bigint" => "int8",
        "smallint" => "int2",
        "boolean" => "bool",
        "double precision" => "float8",
        "real" => "float4",
        "timestamp with time zone" => "timestamptz",
        "timestamp without time zone" => "timestamp",
        "time with time zone" => "timetz",
        "time without time zone" => "time",
        "decimal" => "numeric",
        other => other,
    };
    format!("{base}{rest}")
}

/// Adds `incoming`'s indexes and unique constraints that `table` lacks (Relata-only data, not
/// in the row); the fields that changed. `generated` names the child indexes the registry's
/// foreign keys create on this table (a DDL import reads them back as indexes).
fn merge_extras(table: &mut Table, incoming: &Table, generated: &[String]) -> Vec<FieldChange> {
    let mut fields = Vec::new();
    // An index is known by its name, else by its parts (formats may not hold its method or
    // predicate, so those alone do not make it new). A unique index may be how a format wrote
    // a unique constraint (DBML has no constraints apart from indexes).
    let as_columns = |i: &relata_model::Index| -> Option<Vec<String>> {
        i.parts.iter().map(|p| p.as_column().map(str::to_owned)).collect()
    };
    let known = |i: &relata_model::Index| {
        i.name.as_ref().is_some_and(|n| generated.contains(n))
            || table.indexes.iter().any(|e| match (&e.name, &i.name) {
            (Some(a), Some(b)) => a == b,
            _ => e.parts == i.parts,
        }) || (i.unique
            && table.unique_constraints.iter().any(|u| {
                (u.name.is_some() && u.name == i.name) || as_columns(i).is_some_and(|columns| columns == u.columns)
            }))
    };
    let new_indexes: Vec<_> = incoming.indexes.iter().filter(|i| !known(i)).cloned().collect();
    if !new_indexes.is_empty() {
        let describe = |i: &relata_model::Index| i.name.clone().unwrap_or_else(|| format!("{:?}", i.parts));
        fields.push(FieldChange {
            field: "indexes".into(),
            from: None,
            to: Some(new_indexes.iter().map(describe).collect::<Vec<_>>().join(", ")),
        });
        table.indexes.extend(new_indexes);
    }
    // Columns already unique (a key, a unique constraint or a full unique index on them) need
    // no new constraint: formats spell uniqueness differently (a DBML column's `unique`).
    let unique_on = |columns: &[String]| {
        table.primary_key == columns
            || table.unique_constraints.iter().any(|e| e.columns == columns)
            || table.indexes.iter().any(|i| {
                i.unique
                    && i.predicate.is_none()
                    && i.parts.len() == columns.len()
                    && i.parts.iter().zip(columns).all(|(p, c)| p.plain_column() == Some(c.as_str()))
            })
    };
    let new_uniques: Vec<_> = incoming.unique_constraints.iter().filter(|u| !unique_on(&u.columns)).cloned().collect();
    if !new_uniques.is_empty() {
        fields.push(FieldChange {
            field: "unique_constraints".into(),
            from: None,
            to: Some(new_uniques.iter().map(|u| format!("({})", u.columns.join(", "))).collect::<Vec<_>>().join(", ")),
        });
        table.unique_constraints.extend(new_uniques);
    }
    fields
}
