//! The three-way merge of a workspace that changed on disk while it was open: the registry as
//! it was loaded (the base), the window's registry (ours) and the registry on disk now
//! (theirs), merged field by field. No I/O: relata-store notices the change and reads the
//! three; this module decides.
//!
//! Rows are the rows sync moves ([`registry_rows`]): the three registry tables and Relata's own
//! data as `relata_extras` rows. A field changed on one side only is taken from that side; the
//! same change on both sides agrees; different changes to one field are a [`MergeConflict`]
//! that keeps both versions, and the merged registry holds ours until a [`Choice`] says
//! otherwise. A `relata_extras` row merges by its document's top-level fields (`checks`,
//! `indexes`, `pin`, …), the granularity a sync conflict names. An entry deleted on one side
//! and changed on the other is a conflict of the whole entry: neither the deletion nor the
//! change is lost until someone chooses.
//!
//! `updated_at` is a row's stamp, not its content: when both sides changed a row, the merged
//! row carries the later stamp.

use std::collections::{BTreeMap, BTreeSet};

use relata_model::Registry;
use serde_json::Value;

use crate::extras::{self, DOCUMENT};
use crate::{content_hash, entry_name, put_entry, registry_rows, remove_entry, Fields, RegistryTable, RowKey};

/// Which side a [`Choice`] takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// The window's version.
    Ours,
    /// The version on disk.
    Theirs,
}

/// The user's answer to one conflicting field (or, with `field` `None`, a whole-entry
/// conflict): take `side`'s version.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Choice {
    /// The row.
    pub key: RowKey,
    /// The field (a registry column, or a top-level field of a `relata_extras` document);
    /// `None` for an entry deleted on one side and changed on the other.
    pub field: Option<String>,
    /// The version taken.
    pub side: Side,
}

/// How an entry conflicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// Both sides changed the same fields differently.
    Fields,
    /// Ours deleted the entry; theirs changed it.
    DeletedByUs,
    /// Theirs deleted the entry; ours changed it.
    DeletedByThem,
}

/// One field's three versions (`None`: NULL, absent, or the entry deleted on that side).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldVersions {
    /// The registry column, or the top-level field of a `relata_extras` document.
    pub field: String,
    /// As loaded.
    pub base: Option<String>,
    /// The window's version.
    pub ours: Option<String>,
    /// The version on disk.
    pub theirs: Option<String>,
}

/// An entry both sides changed differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeConflict {
    /// The row.
    pub key: RowKey,
    /// What people call the entry (`schema.table`, `schema.table.column`, the relationship key,
    /// `module Billing`, …).
    pub name: String,
    /// How it conflicts.
    pub kind: ConflictKind,
    /// For [`ConflictKind::Fields`], each conflicting field; for a deletion, the fields the other
    /// side changed.
    pub fields: Vec<FieldVersions>,
}

/// The outcome of [`merge`].
#[derive(Debug, Clone)]
pub struct FileMerge {
    /// Ours with every one-sided change from theirs, and each conflict settled as the choices
    /// say (ours where they say nothing).
    pub registry: Registry,
    /// The entries changed on disk only, now taken into the registry, by name.
    pub taken: Vec<String>,
    /// The entries changed differently on both sides, choices or not.
    pub conflicts: Vec<MergeConflict>,
}

impl FileMerge {
    /// Whether a conflict is not yet answered by a choice in `choices`.
    pub fn unanswered(&self, choices: &[Choice]) -> usize {
        let answered: BTreeSet<(RowKey, Option<&str>)> = choices.iter().map(|c| (c.key, c.field.as_deref())).collect();
        self.conflicts
            .iter()
            .map(|c| match c.kind {
                ConflictKind::Fields => c.fields.iter().filter(|f| !answered.contains(&(c.key, Some(f.field.as_str())))).count(),
                ConflictKind::DeletedByUs | ConflictKind::DeletedByThem => usize::from(!answered.contains(&(c.key, None))),
            })
            .sum()
    }
}

/// Merges the window's registry (`ours`) and the registry on disk now (`theirs`) against the
/// registry both started from (`base`), settling conflicts as `choices` say.
pub fn merge(base: &Registry, ours: &Registry, theirs: &Registry, choices: &[Choice]) -> FileMerge {
    let (b_rows, o_rows, t_rows) = (registry_rows(base), registry_rows(ours), registry_rows(theirs));
    let chosen: BTreeMap<(RowKey, Option<&str>), Side> = choices.iter().map(|c| ((c.key, c.field.as_deref()), c.side)).collect();
    let keys: BTreeSet<RowKey> = b_rows.keys().chain(o_rows.keys()).chain(t_rows.keys()).copied().collect();
    let mut registry = extras::Merge::new(ours.clone());
    let mut taken = Vec::new();
    let mut conflicts = Vec::new();
    for key in keys {
        let (b, o, t) = (b_rows.get(&key), o_rows.get(&key), t_rows.get(&key));
        let same = |x: Option<&Fields>, y: Option<&Fields>| x.map(|f| content_hash(key.table, f)) == y.map(|f| content_hash(key.table, f));
        if same(o, t) || same(t, b) {
            // Theirs agrees with ours, or did not change: ours stands.
            continue;
        }
        let name = t.or(o).or(b).map(|f| row_name(&registry.registry, key, f)).unwrap_or_else(|| key.id.to_string());
        if same(o, b) {
            set(&mut registry, key, t);
            taken.push(name);
            continue;
        }
        // Both sides changed the row, differently.
        match (o, t) {
            (Some(o), Some(t)) => {
                let (row, fields) = merge_fields(key.table, b, o, t, |field| chosen.get(&(key, Some(field))).copied());
                if row != *o {
                    set(&mut registry, key, Some(&row));
                }
                if !fields.is_empty() {
                    conflicts.push(MergeConflict { key, name, kind: ConflictKind::Fields, fields });
                }
            }
            (None, Some(t)) => {
                if chosen.get(&(key, None)) == Some(&Side::Theirs) {
                    set(&mut registry, key, Some(t));
                }
                let fields = changed_fields(key.table, b, Some(t));
                conflicts.push(MergeConflict { key, name, kind: ConflictKind::DeletedByUs, fields });
            }
            (Some(o), None) => {
                if chosen.get(&(key, None)) == Some(&Side::Theirs) {
                    set(&mut registry, key, None);
                }
                let fields = changed_fields(key.table, b, Some(o));
                conflicts.push(MergeConflict { key, name, kind: ConflictKind::DeletedByThem, fields });
            }
            // Both deleted the row: `same` took it above.
            (None, None) => {}
        }
    }
    FileMerge { registry: registry.finish(), taken, conflicts }
}

/// The entry's name for messages.
fn row_name(registry: &Registry, key: RowKey, fields: &Fields) -> String {
    if key.table == RegistryTable::RelataExtras {
        if let Some(name) = extras::name_in(registry, key.id, fields) {
            return name;
        }
    }
    entry_name(key.table, fields)
}

fn set(merge: &mut extras::Merge, key: RowKey, fields: Option<&Fields>) {
    match fields {
        Some(f) => put_entry(merge, key, f),
        None => remove_entry(merge, key),
    }
}

/// A row's fields by name: a registry row's columns (without `updated_at`), or a
/// `relata_extras` row's kind and key followed by its document's top-level fields as canonical
/// JSON.
fn named_fields(table: RegistryTable, row: Option<&Fields>) -> BTreeMap<String, Option<String>> {
    let Some(row) = row else { return BTreeMap::new() };
    if table == RegistryTable::RelataExtras {
        let mut out: BTreeMap<String, Option<String>> = BTreeMap::new();
        for (n, column) in table.columns().iter().enumerate().filter(|(n, _)| *n != DOCUMENT && *n != table.updated_at_column()) {
            out.insert(column.name.to_owned(), row[n].clone());
        }
        for (name, value) in document(row) {
            out.insert(name, Some(relata_codec::json::canonical(&value)));
        }
        return out;
    }
    let skip = table.updated_at_column();
    table.columns().iter().enumerate().filter(|(n, _)| *n != skip).map(|(n, c)| (c.name.to_owned(), row[n].clone())).collect()
}

fn document(row: &Fields) -> serde_json::Map<String, Value> {
    match row.get(DOCUMENT).cloned().flatten().and_then(|d| serde_json::from_str::<Value>(&d).ok()) {
        Some(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

/// The fields in which `row` differs from `base`, for a deletion conflict.
fn changed_fields(table: RegistryTable, base: Option<&Fields>, row: Option<&Fields>) -> Vec<FieldVersions> {
    let (b, r) = (named_fields(table, base), named_fields(table, row));
    let names: BTreeSet<&String> = b.keys().chain(r.keys()).collect();
    names
        .into_iter()
        .filter_map(|name| {
            let (bv, rv) = (b.get(name).cloned().flatten(), r.get(name).cloned().flatten());
            (bv != rv).then(|| FieldVersions { field: name.clone(), base: bv.clone(), ours: rv.clone(), theirs: rv })
        })
        .collect()
}

/// Merges two changed versions of a row field by field. Returns the merged row (conflicting
/// fields as `choose` says, ours by default) and the conflicting fields.
fn merge_fields(
    table: RegistryTable,
    base: Option<&Fields>,
    ours: &Fields,
    theirs: &Fields,
    choose: impl Fn(&str) -> Option<Side>,
) -> (Fields, Vec<FieldVersions>) {
    let (b, o, t) = (named_fields(table, base), named_fields(table, Some(ours)), named_fields(table, Some(theirs)));
    let names: BTreeSet<&String> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    let mut merged: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut conflicts = Vec::new();
    for name in names {
        let get = |m: &BTreeMap<String, Option<String>>| m.get(name).cloned().flatten();
        let (bv, ov, tv) = (get(&b), get(&o), get(&t));
        let value = if ov == tv || tv == bv {
            ov
        } else if ov == bv {
            tv
        } else {
            let take = choose(name);
            conflicts.push(FieldVersions { field: name.clone(), base: bv, ours: ov.clone(), theirs: tv.clone() });
            if take == Some(Side::Theirs) {
                tv
            } else {
                ov
            }
        };
        merged.insert(name.clone(), value);
    }
    let stamp = table.updated_at_column();
    let later = match (&ours[stamp], &theirs[stamp]) {
        (Some(o), Some(t)) => Some(o.max(t).clone()),
        (o, t) => o.clone().or_else(|| t.clone()),
    };
    let mut row = ours.clone();
    if table == RegistryTable::RelataExtras {
        let mut doc = serde_json::Map::new();
        for (n, column) in table.columns().iter().enumerate() {
            if n != DOCUMENT && n != stamp {
                row[n] = merged.remove(column.name).flatten();
            }
        }
        for (name, value) in merged {
            if let Some(value) = value.and_then(|v| serde_json::from_str::<Value>(&v).ok()) {
                doc.insert(name, value);
            }
        }
        row[DOCUMENT] = Some(relata_codec::json::canonical(&Value::Object(doc)));
        // A document built from two valid ones field by field reads back as its kind; if it
        // somehow did not, ours stands and every differing field is reported.
        match extras::canonical(&row) {
            Ok(canonical) => row = canonical,
            Err(_) => return (ours.clone(), changed_both(table, base, ours, theirs)),
        }
    } else {
        for (n, column) in table.columns().iter().enumerate() {
            if n != stamp {
                row[n] = merged.remove(column.name).flatten();
            }
        }
    }
    row[stamp] = later;
    (row, conflicts)
}

fn changed_both(table: RegistryTable, base: Option<&Fields>, ours: &Fields, theirs: &Fields) -> Vec<FieldVersions> {
    let (b, o, t) = (named_fields(table, base), named_fields(table, Some(ours)), named_fields(table, Some(theirs)));
    o.keys()
        .chain(t.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter_map(|name| {
            let get = |m: &BTreeMap<String, Option<String>>| m.get(name).cloned().flatten();
            let (ov, tv) = (get(&o), get(&t));
            (ov != tv).then(|| FieldVersions { field: name.clone(), base: get(&b), ours: ov, theirs: tv })
        })
        .collect()
}
