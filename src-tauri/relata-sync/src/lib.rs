//! The pure half of shared registry sync: a workspace's rows against the sync base (what each
//! registry row looked like in the shared database when it was last pulled or pushed) and the
//! database's rows now, classified three ways. No I/O: relata-store reads and writes the
//! database and the workspace and asks this crate what to do.
//!
//! Relata's own data (modules, enum types, table extras, kept statements) travels the same way
//! as rows of a fourth table, `relata_extras` ([`extras`]).
//!
//! A row is known by its registry table and id (`table_id`, `signal_id`, `relationship_id`);
//! whether it changed is decided by a hash of its encoded fields but `updated_at`
//! ([`content_hash`]), so no edit log is needed: a row whose hash differs from the base's was
//! edited on that side. `updated_at` is the row's version for push's optimistic lock, not its
//! content: two sides holding the same fields agree whenever they were stamped.
//!
//! [`three_way`] merges a workspace that changed on disk while it was open, with the same rows.
//!
//! Architecture invariant: no I/O, no async, no database; rows are spelled by relata-codec, so
//! a synced row holds the bytes a registry folder and a `.relata` file hold.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use relata_model::hash::{fnv1a_64, Fnv64};
use relata_model::{Registry, Timestamp};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use relata_codec::rows::{self, Column};

pub mod extras;
pub mod three_way;

/// One of the tables sync moves: the three registry tables and `relata_extras`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistryTable {
    /// `table_overview`.
    TableOverview,
    /// `signal_registry`.
    SignalRegistry,
    /// `relationship_registry`.
    RelationshipRegistry,
    /// `relata_extras`: Relata's own data, one row per module, enum type, table with extras
    /// and kept statement ([`extras`]).
    RelataExtras,
}

impl RegistryTable {
    /// The tables, in the order sync reads and writes them (a table's extras after the table
    /// and its columns).
    pub const ALL: [RegistryTable; 4] = [
        RegistryTable::TableOverview,
        RegistryTable::SignalRegistry,
        RegistryTable::RelationshipRegistry,
        RegistryTable::RelataExtras,
    ];

    /// The PostgreSQL table name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TableOverview => "table_overview",
            Self::SignalRegistry => "signal_registry",
            Self::RelationshipRegistry => "relationship_registry",
            Self::RelataExtras => "relata_extras",
        }
    }

    /// The table's columns in DDL order (the first is the id).
    pub fn columns(self) -> &'static [Column] {
        match self {
            Self::TableOverview => rows::TABLE_OVERVIEW,
            Self::SignalRegistry => rows::SIGNAL_REGISTRY,
            Self::RelationshipRegistry => rows::RELATIONSHIP_REGISTRY,
            Self::RelataExtras => extras::RELATA_EXTRAS,
        }
    }

    /// The position of `updated_at` in [`Self::columns`].
    pub fn updated_at_column(self) -> usize {
        self.columns().iter().position(|c| c.name == "updated_at").expect("every registry table has updated_at")
    }
}

impl fmt::Display for RegistryTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A registry row's identity: its table and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RowKey {
    /// The registry table.
    pub table: RegistryTable,
    /// The row's id (first column).
    pub id: Uuid,
}

/// A row as encoded text fields in DDL order (`None` for NULL), as [`rows`] encodes it.
pub type Fields = Vec<Option<String>>;

/// Every row of `registry` by key, encoded: its registry rows and its `relata_extras` rows.
pub fn registry_rows(registry: &Registry) -> BTreeMap<RowKey, Fields> {
    let mut out = BTreeMap::new();
    for t in &registry.tables {
        out.insert(RowKey { table: RegistryTable::TableOverview, id: t.id.0 }, rows::encode_table(t));
    }
    for s in &registry.signals {
        out.insert(RowKey { table: RegistryTable::SignalRegistry, id: s.id.0 }, rows::encode_signal(s));
    }
    for r in &registry.relationships {
        out.insert(RowKey { table: RegistryTable::RelationshipRegistry, id: r.id.0 }, rows::encode_relationship(r));
    }
    for (id, fields) in extras::rows(registry) {
        out.insert(RowKey { table: RegistryTable::RelataExtras, id }, fields);
    }
    out
}

/// A stable 64-bit FNV-1a hash ([`relata_model::hash`]) of a row's fields, as 16 hex digits. Stable across Rust
/// releases and platforms (unlike `std`'s hasher), so it can be stored in a workspace. NULL
/// and each field are framed so that no two different rows share their byte stream.
pub fn row_hash(fields: &[Option<String>]) -> String {
    let mut hash = Fnv64::new();
    for field in fields {
        match field {
            None => hash.write(&[0]),
            Some(text) => {
                hash.write(&[1]);
                hash.write(&(text.len() as u64).to_le_bytes());
                hash.write(text.as_bytes());
            }
        }
    }
    format!("{:016x}", hash.finish())
}

/// [`row_hash`]'s function over a file's bytes: how relata-store knows a file it loaded from
/// one that changed under it.
pub fn bytes_hash(bytes: &[u8]) -> String {
    format!("{:016x}", fnv1a_64(bytes))
}

/// [`row_hash`] of a row of `table` without its `updated_at`: what sync compares.
pub fn content_hash(table: RegistryTable, fields: &[Option<String>]) -> String {
    let skip = table.updated_at_column();
    let content: Vec<Option<String>> = fields.iter().enumerate().filter(|(n, _)| *n != skip).map(|(_, f)| f.clone()).collect();
    row_hash(&content)
}

/// What a row looked like in the shared database at the last pull or push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseRow {
    /// [`content_hash`] of the row then.
    pub hash: String,
    /// Its `updated_at` then; push writes only `WHERE updated_at = ` this.
    pub updated_at: String,
}

impl BaseRow {
    /// The base entry of a row as it is now.
    pub fn of(table: RegistryTable, fields: &[Option<String>]) -> Self {
        Self { hash: content_hash(table, fields), updated_at: fields[table.updated_at_column()].clone().unwrap_or_default() }
    }
}

/// The sync base of a workspace: the shared database it syncs with (a URL without password)
/// and every registry row as last seen there.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncBase {
    /// The database URL, never with a password.
    pub url: Option<String>,
    /// Rows as last pulled or pushed.
    pub rows: BTreeMap<RowKey, BaseRow>,
}

/// The JSON form of a [`SyncBase`] (`relata-sync.json`): rows as a list sorted by key.
#[derive(Serialize, Deserialize)]
struct SyncBaseJson {
    format: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    rows: Vec<SyncBaseRowJson>,
}

#[derive(Serialize, Deserialize)]
struct SyncBaseRowJson {
    table: RegistryTable,
    id: Uuid,
    hash: String,
    updated_at: String,
}

/// The `format` of `relata-sync.json`.
const BASE_FORMAT: &str = "relata-sync-base/1";

impl SyncBase {
    /// The base's JSON text (sorted, one row per line, so diffs stay readable).
    pub fn to_json(&self) -> String {
        let json = SyncBaseJson {
            format: BASE_FORMAT.to_owned(),
            url: self.url.clone(),
            rows: self
                .rows
                .iter()
                .map(|(k, b)| SyncBaseRowJson { table: k.table, id: k.id, hash: b.hash.clone(), updated_at: b.updated_at.clone() })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&json).expect("a sync base serializes");
        text.push('\n');
        text
    }

    /// Reads a base from its JSON text.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let json: SyncBaseJson = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if json.format != BASE_FORMAT {
            return Err(format!("unknown sync base format `{}` (expected {BASE_FORMAT})", json.format));
        }
        Ok(Self {
            url: json.url,
            rows: json
                .rows
                .into_iter()
                .map(|r| (RowKey { table: r.table, id: r.id }, BaseRow { hash: r.hash, updated_at: r.updated_at }))
                .collect(),
        })
    }
}

/// How one side's row differs from the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Same as the base (or absent on both).
    Unchanged,
    /// Not in the base, present now.
    Added,
    /// In the base, with other fields now.
    Modified,
    /// In the base, gone now.
    Deleted,
}

/// How `row` (one side's version of a row of `table`) differs from `base`.
pub fn classify(table: RegistryTable, base: Option<&BaseRow>, row: Option<&Fields>) -> Change {
    match (base, row) {
        (None, None) => Change::Unchanged,
        (None, Some(_)) => Change::Added,
        (Some(_), None) => Change::Deleted,
        (Some(b), Some(r)) if b.hash == content_hash(table, r) => Change::Unchanged,
        (Some(_), Some(_)) => Change::Modified,
    }
}

/// One field whose two versions differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDiff {
    /// The registry column.
    pub column: &'static str,
    /// The workspace's value (`None`: NULL, or the row is deleted there).
    pub local: Option<String>,
    /// The database's value.
    pub remote: Option<String>,
}

/// A row both sides changed differently since the base: neither version is overwritten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The row.
    pub key: RowKey,
    /// What people call the entry: `schema.table`, `schema.table.column` or the
    /// relationship_key.
    pub name: String,
    /// The workspace's change.
    pub local: Change,
    /// The database's change.
    pub remote: Change,
    /// The fields that differ, both versions (every field when one side deleted the row).
    pub fields: Vec<FieldDiff>,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = |c: Change| match c {
            Change::Added => "added",
            Change::Deleted => "deleted",
            Change::Modified | Change::Unchanged => "edited",
        };
        write!(
            f,
            "conflict: {} {}: {} in the workspace and {} in the database since the last sync",
            self.key.table,
            self.name,
            what(self.local),
            what(self.remote)
        )?;
        for d in &self.fields {
            let show = |v: &Option<String>| v.as_ref().map_or_else(|| "NULL".to_owned(), |v| format!("{v:?}"));
            write!(f, "\n    {}: workspace {}, database {}", d.column, show(&d.local), show(&d.remote))?;
        }
        Ok(())
    }
}

/// The name of a row's entry for messages, from its fields.
pub fn entry_name(table: RegistryTable, fields: &[Option<String>]) -> String {
    let f = |n: usize| fields.get(n).cloned().flatten().unwrap_or_default();
    match table {
        // schema_name, table_name
        RegistryTable::TableOverview => format!("{}.{}", f(3), f(1)),
        // schema_name, table_name, column_name
        RegistryTable::SignalRegistry if fields.get(2).is_some_and(Option::is_some) => format!("{}.{}.{}", f(1), f(2), f(3)),
        RegistryTable::SignalRegistry => f(3),
        // relationship_key
        RegistryTable::RelationshipRegistry => f(1),
        RegistryTable::RelataExtras => extras::entry_name(fields),
    }
}

/// The conflict between a workspace version and a database version of `key`.
pub fn conflict(key: RowKey, local: Option<&Fields>, remote: Option<&Fields>, base: Option<&BaseRow>) -> Conflict {
    let name = local.or(remote).map(|f| entry_name(key.table, f)).unwrap_or_else(|| key.id.to_string());
    let fields = match key.table {
        // A document's top-level fields are the fields, so a conflict on a table's CHECKs
        // says `checks`, not `document`.
        RegistryTable::RelataExtras => extras::field_diffs(local, remote),
        table => table
            .columns()
            .iter()
            .enumerate()
            .filter_map(|(n, c)| {
                let l = local.and_then(|f| f[n].clone());
                let r = remote.and_then(|f| f[n].clone());
                (l != r).then_some(FieldDiff { column: c.name, local: l, remote: r })
            })
            .collect(),
    };
    Conflict { key, name, local: classify(key.table, base, local), remote: classify(key.table, base, remote), fields }
}

/// What a pull did to a workspace.
#[derive(Debug, Clone, Default)]
pub struct Pulled {
    /// The workspace's registry with the database's changes merged in.
    pub registry: Registry,
    /// The new sync base.
    pub base: SyncBase,
    /// Rows the database added that are now in the workspace.
    pub added: Vec<String>,
    /// Rows the database changed that were updated in the workspace.
    pub updated: Vec<String>,
    /// Rows the database deleted that were removed from the workspace.
    pub removed: Vec<String>,
    /// Rows changed on both sides differently: the workspace keeps its version.
    pub conflicts: Vec<Conflict>,
    /// Conflicts settled by the [`Resolve`] asked for, by name.
    pub resolved: Vec<String>,
    /// Rows edited only in the workspace, waiting for a push.
    pub local_changes: usize,
}

/// What a pull does with a row changed differently on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Resolve {
    /// Report it and keep the workspace's version and the old base, so every later pull and
    /// push reports it again.
    #[default]
    Report,
    /// Keep the workspace's version and move the base to the database's: the next push
    /// writes the workspace's version over it.
    Workspace,
    /// Take the database's version, dropping the workspace's edit.
    Database,
}

/// Merges the database's rows (`remote`, decoded into a registry) into the workspace's
/// `local` registry against `base`: see [`pull_rows`].
pub fn pull(local: &Registry, base: &SyncBase, remote: &Registry, url: Option<String>, resolve: Resolve) -> Pulled {
    pull_rows(local, base, &registry_rows(remote), url, resolve)
}

/// Merges the database's rows (`remote`, encoded as [`registry_rows`] encodes them: the
/// registry tables' and `relata_extras`') into the workspace's `local` registry against
/// `base`: changes on one side only win, changes made the same way on both sides agree, and
/// different changes on both sides are conflicts, settled as `resolve` says (by default
/// reported, keeping the local version and the old base). A table's extras merge as their own
/// row, so a table row taken from the database keeps the workspace's extras unless the
/// database changed those too.
pub fn pull_rows(
    local: &Registry,
    base: &SyncBase,
    remote_rows: &BTreeMap<RowKey, Fields>,
    url: Option<String>,
    resolve: Resolve,
) -> Pulled {
    let local_rows = registry_rows(local);
    // Sorted by table first, so a table and its columns are merged before its extras.
    let keys: BTreeSet<RowKey> = local_rows.keys().chain(remote_rows.keys()).chain(base.rows.keys()).copied().collect();
    let mut merge = extras::Merge::new(local.clone());
    let mut out = Pulled { base: SyncBase { url, rows: BTreeMap::new() }, ..Pulled::default() };
    for key in keys {
        let (b, l, r) = (base.rows.get(&key), local_rows.get(&key), remote_rows.get(&key));
        let (lc, rc) = (classify(key.table, b, l), classify(key.table, b, r));
        let same = l.map(|f| content_hash(key.table, f)) == r.map(|f| content_hash(key.table, f));
        let keep_base = |out: &mut Pulled| {
            if let Some(b) = b {
                out.base.rows.insert(key, b.clone());
            }
        };
        let name = |merge: &extras::Merge| {
            let fields = r.or(l);
            fields
                .and_then(|f| (key.table == RegistryTable::RelataExtras).then(|| extras::name_in(&merge.registry, key.id, f)).flatten())
                .or_else(|| fields.map(|f| entry_name(key.table, f)))
                .unwrap_or_default()
        };
        if lc == Change::Unchanged && rc == Change::Unchanged {
            keep_base(&mut out);
        } else if same {
            // Both sides agree (or neither has the row any more); the workspace takes the
            // database's updated_at too, so the two hold the same row.
            if let Some(r) = r {
                if l.map(|f| row_hash(f)) != Some(row_hash(r)) {
                    put_entry(&mut merge, key, r);
                }
                out.base.rows.insert(key, BaseRow::of(key.table, r));
            }
        } else if lc == Change::Unchanged {
            let name = name(&merge);
            match r {
                Some(r) => {
                    put_entry(&mut merge, key, r);
                    out.base.rows.insert(key, BaseRow::of(key.table, r));
                    if l.is_some() {
                        out.updated.push(name)
                    } else {
                        out.added.push(name)
                    }
                }
                None => {
                    remove_entry(&mut merge, key);
                    out.removed.push(name);
                }
            }
        } else if rc == Change::Unchanged {
            out.local_changes += 1;
            keep_base(&mut out);
        } else {
            let mut c = conflict(key, l, r, b);
            c.name = name(&merge);
            match resolve {
                Resolve::Report => {
                    out.conflicts.push(c);
                    keep_base(&mut out);
                }
                Resolve::Workspace => {
                    if let Some(r) = r {
                        out.base.rows.insert(key, BaseRow::of(key.table, r));
                    }
                    out.resolved.push(c.name);
                }
                Resolve::Database => {
                    match r {
                        Some(r) => {
                            put_entry(&mut merge, key, r);
                            out.base.rows.insert(key, BaseRow::of(key.table, r));
                        }
                        None => remove_entry(&mut merge, key),
                    }
                    out.resolved.push(c.name);
                }
            }
        }
    }
    out.registry = merge.finish();
    out
}

/// Replaces (or appends) the entry `key` of the merged registry with the database's row
/// `fields`, keeping a table's extras and a column's `ColumnSpec` (they merge as the table's
/// `relata_extras` row). A row that does not decode is left alone: the store decoded every row
/// it read already.
fn put_entry(merge: &mut extras::Merge, key: RowKey, fields: &Fields) {
    let borrowed: Vec<Option<&str>> = fields.iter().map(Option::as_deref).collect();
    let registry = &mut merge.registry;
    match key.table {
        RegistryTable::TableOverview => {
            let Ok(mut new) = rows::decode_table(&borrowed) else { return };
            match registry.tables.iter_mut().find(|t| t.id.0 == key.id) {
                Some(old) => {
                    new.unique_constraints = std::mem::take(&mut old.unique_constraints);
                    new.indexes = std::mem::take(&mut old.indexes);
                    new.color = old.color.take();
                    new.primary_key_name = old.primary_key_name.take();
                    new.checks = std::mem::take(&mut old.checks);
                    new.exclusions = std::mem::take(&mut old.exclusions);
                    new.partition_by = old.partition_by.take();
                    new.partition_of = old.partition_of.take();
                    let (was, now) = (old.table_ref(), new.table_ref());
                    // A table renamed in the database keeps its pin.
                    registry.pins.iter_mut().filter(|p| p.table == was).for_each(|p| p.table = now.clone());
                    *old = new;
                }
                None => registry.tables.push(new),
            }
        }
        RegistryTable::SignalRegistry => {
            let Ok(mut new) = rows::decode_signal(&borrowed) else { return };
            match registry.signals.iter_mut().find(|s| s.id.0 == key.id) {
                Some(old) => {
                    new.spec = std::mem::take(&mut old.spec);
                    *old = new
                }
                None => registry.signals.push(new),
            }
        }
        RegistryTable::RelationshipRegistry => {
            let Ok(new) = rows::decode_relationship(&borrowed) else { return };
            match registry.relationships.iter_mut().find(|r| r.id.0 == key.id) {
                Some(old) => *old = new,
                None => registry.relationships.push(new),
            }
        }
        RegistryTable::RelataExtras => merge.put(key.id, fields),
    }
}

fn remove_entry(merge: &mut extras::Merge, key: RowKey) {
    let registry = &mut merge.registry;
    match key.table {
        RegistryTable::TableOverview => {
            if let Some(gone) = registry.tables.iter().find(|t| t.id.0 == key.id).map(|t| t.table_ref()) {
                registry.pins.retain(|p| p.table != gone);
            }
            registry.tables.retain(|t| t.id.0 != key.id)
        }
        RegistryTable::SignalRegistry => registry.signals.retain(|s| s.id.0 != key.id),
        RegistryTable::RelationshipRegistry => registry.relationships.retain(|r| r.id.0 != key.id),
        RegistryTable::RelataExtras => merge.remove(key.id),
    }
}

/// A row the workspace changed since the base, to be written by a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// The row.
    pub key: RowKey,
    /// The entry's name for messages.
    pub name: String,
    /// Added, modified or deleted in the workspace.
    pub change: Change,
    /// The workspace's fields (`None` when deleted).
    pub fields: Option<Fields>,
    /// The base entry (`None` when added).
    pub base: Option<BaseRow>,
}

/// Every row the workspace changed since `base`, by key.
pub fn outgoing(local: &Registry, base: &SyncBase) -> Vec<Outgoing> {
    let local_rows = registry_rows(local);
    let keys: BTreeSet<RowKey> = local_rows.keys().chain(base.rows.keys()).copied().collect();
    keys.into_iter()
        .filter_map(|key| {
            let (b, l) = (base.rows.get(&key), local_rows.get(&key));
            let change = classify(key.table, b, l);
            let named = |f: &Fields| extras::name_in(local, key.id, f).unwrap_or_else(|| entry_name(key.table, f));
            (change != Change::Unchanged).then(|| Outgoing {
                key,
                name: l.map(named).unwrap_or_else(|| key.id.to_string()),
                change,
                fields: l.cloned(),
                base: b.cloned(),
            })
        })
        .collect()
}

/// What to do with an [`Outgoing`] row once the database's current version is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// INSERT the row (it is new on both sides).
    Insert,
    /// UPDATE the row (the database still holds the base version).
    Update,
    /// DELETE the row (the database still holds the base version).
    Delete,
    /// The database already holds the workspace's version (whatever its `updated_at`): only
    /// the base moves, to the database's row.
    Agree,
    /// The database's row moved since the base: report, write nothing.
    Conflict(Conflict),
}

/// Decides an outgoing row against the database's version of it now (`remote`, encoded the
/// same way; `None` when the database has no such row).
pub fn decide(row: &Outgoing, remote: Option<&Fields>) -> Decision {
    let table = row.key.table;
    let remote_unmoved = classify(table, row.base.as_ref(), remote) == Change::Unchanged;
    let agree = row.fields.as_ref().map(|f| content_hash(table, f)) == remote.map(|f| content_hash(table, f));
    if agree {
        return Decision::Agree;
    }
    match (row.change, remote_unmoved) {
        (Change::Added, _) if remote.is_none() => Decision::Insert,
        (Change::Modified, true) => Decision::Update,
        (Change::Deleted, true) => Decision::Delete,
        _ => {
            let mut c = conflict(row.key, row.fields.as_ref(), remote, row.base.as_ref());
            if row.fields.is_some() {
                // The workspace's name for it (a table's extras by the table's name).
                c.name = row.name.clone();
            }
            Decision::Conflict(c)
        }
    }
}

/// After a committed push: the workspace's rows that were written take the database's new
/// `updated_at` (`written`: key → new `updated_at`, `None` for a deleted row), and the base
/// records every written or agreed row as the database now holds it. Rows in conflict keep
/// their old base.
pub fn after_push(
    local: &Registry,
    base: &SyncBase,
    written: &BTreeMap<RowKey, Option<Timestamp>>,
    url: Option<String>,
) -> (Registry, SyncBase) {
    let mut registry = local.clone();
    for (key, stamp) in written {
        let Some(stamp) = stamp else { continue };
        match key.table {
            RegistryTable::TableOverview => {
                registry.tables.iter_mut().filter(|t| t.id.0 == key.id).for_each(|t| t.updated_at = stamp.clone())
            }
            RegistryTable::SignalRegistry => {
                registry.signals.iter_mut().filter(|s| s.id.0 == key.id).for_each(|s| s.updated_at = stamp.clone())
            }
            RegistryTable::RelationshipRegistry => {
                registry.relationships.iter_mut().filter(|r| r.id.0 == key.id).for_each(|r| r.updated_at = stamp.clone())
            }
            // The workspace does not stamp its extras: only the base keeps their updated_at.
            RegistryTable::RelataExtras => {}
        }
    }
    let rows = registry_rows(&registry);
    let mut new_base = SyncBase { url, rows: base.rows.clone() };
    for (key, stamp) in written {
        match (rows.get(key), stamp) {
            (Some(fields), Some(stamp)) => {
                new_base.rows.insert(*key, BaseRow { hash: content_hash(key.table, fields), updated_at: stamp.as_str().to_owned() })
            }
            _ => new_base.rows.remove(key),
        };
    }
    (registry, new_base)
}

/// Records rows on which the database already agreed with the workspace (see
/// [`Decision::Agree`]) in `base`: the database's fields (`None`: it has no such row), so the
/// base holds the database's `updated_at`.
pub fn record_agreed(base: &mut SyncBase, agreed: &[(RowKey, Option<Fields>)]) {
    for (key, fields) in agreed {
        match fields {
            Some(f) => base.rows.insert(*key, BaseRow::of(key.table, f)),
            None => base.rows.remove(key),
        };
    }
}
