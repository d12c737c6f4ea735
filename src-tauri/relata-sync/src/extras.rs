//! Relata's own data in team sync: the rows of `relata_extras`
//! (`registries/ddl/relata_extras.sql`), one per module, enum type, table with extras and kept
//! statement, and one for what a Mermaid diagram kept (`mermaid`), each a JSON document whose top-level fields are what a conflict lists.
//!
//! The granularity is chosen so that people editing different entries never meet: a table's
//! extras (its unique constraints, indexes, CHECK and EXCLUDE constraints, partitioning,
//! primary key name, colour, pin and its columns' `ColumnSpec`s) are one row keyed by its
//! `table_id`, so two people editing two tables' CHECKs touch two rows, and a conflict on one
//! table's CHECKs names the `checks` field with both versions. A partition is a table like any
//! other, so its `partition_of` travels in its own row; a view travels as a table row whose
//! extras hold its `view` (its statement), so the other side knows it for a view.
//!
//! Ids: a table's row has the table's id; the others have an id derived from their kind and
//! key (a 128-bit FNV-1a hash stamped as a version-8 UUID, like the importers' name-derived
//! ids), so two people adding the same module make the same row.

use std::collections::{BTreeMap, HashMap};

use relata_model::{
    CheckConstraint, ColumnSpec, DbmlExtras, EnumType, EnumValue, ExclusionConstraint, Index, KeptKind, KeptObject, MermaidExtras, Module,
    PartitionKey, PartitionOf, Pin, Registry, RowType, TableRef, UniqueConstraint, ViewDefinition,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use relata_codec::extras::ColumnExtras;
use relata_codec::json;
use relata_codec::rows::{Column, Kind};

use crate::{FieldDiff, Fields};

/// The columns of `relata_extras` in DDL order (the first is the id).
pub const RELATA_EXTRAS: &[Column] = &[
    Column { name: "entry_id", kind: Kind::Uuid, required: true },
    Column { name: "entry_kind", kind: Kind::Text, required: true },
    Column { name: "entry_key", kind: Kind::Text, required: true },
    Column { name: "document", kind: Kind::Json, required: true },
    Column { name: "updated_at", kind: Kind::Timestamp, required: true },
];

const KIND: usize = 1;
const KEY: usize = 2;
pub(super) const DOCUMENT: usize = 3;

/// What a `relata_extras` row describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A module (its colour and note); the key is its name.
    Module,
    /// An enum type (its values); the key is `schema.name`.
    Enum,
    /// A table's extras; the key is its `table_id`.
    Table,
    /// A kept statement; the key names its kind, object and table.
    Kept,
    /// The DBML-only data (`Registry::dbml`), one row; the key is `dbml`.
    Dbml,
    /// What a Mermaid diagram said that the registries have no column for; one row, keyed
    /// `diagram`.
    Mermaid,
}

impl EntryKind {
    /// The `entry_kind` spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Module => "module",
            Self::Enum => "enum",
            Self::Table => "table",
            Self::Kept => "kept",
            Self::Dbml => "dbml",
            Self::Mermaid => "mermaid",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Self::Module, Self::Enum, Self::Table, Self::Kept, Self::Dbml, Self::Mermaid].into_iter().find(|k| k.as_str() == text)
    }
}

/// Every top-level field a document may have: a conflict names these.
const DOCUMENT_FIELDS: &[&str] = &[
    "color",
    "note",
    "implicit",
    "values",
    "unique_constraints",
    "indexes",
    "primary_key_name",
    "checks",
    "exclusions",
    "partition_by",
    "partition_of",
    "view",
    "columns",
    "pin",
    "position",
    "kind",
    "schema",
    "name",
    "on",
    "sql",
    "search_path",
    "project",
    "imported",
    "tables",
    "refs",
    "partials",
    "items",
    "front_matter",
    "direction",
    "acc_title",
    "acc_descr",
    "entities",
    "lines",
    "class_defs",
    "styles",
    "subgraphs",
];

/// The key of the one `mermaid` row.
const MERMAID_KEY: &str = "diagram";

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModuleDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    implicit: bool,
}

/// Whether `value` is `false` (serde's test for leaving a flag out).
fn is_false(value: &bool) -> bool {
    !*value
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EnumDoc {
    values: Vec<EnumValue>,
}

/// A table's extras, as `relata.json`'s `tables` entry has them (without its name, which the
/// table row holds) plus its pin.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableDoc {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    unique_constraints: Vec<UniqueConstraint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    indexes: Vec<Index>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    primary_key_name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    checks: Vec<CheckConstraint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    exclusions: Vec<ExclusionConstraint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    partition_by: Option<PartitionKey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    partition_of: Option<PartitionOf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    view: Option<ViewDefinition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    columns: Vec<ColumnExtras>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pin: Option<PinDoc>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PinDoc {
    x: f64,
    y: f64,
}

/// A kept statement and its place among the registry's kept statements (an export writes
/// them in that order).
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeptDoc {
    position: usize,
    kind: KeptKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    schema: Option<String>,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    on: Option<TableRef>,
    sql: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    search_path: Vec<String>,
}

impl TableDoc {
    fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// The id of a row that is not a table's: a hash of its kind and key, as the importers derive
/// ids from names.
fn derived_id(kind: EntryKind, key: &str) -> Uuid {
    relata_model::derived_ids::entry(kind.as_str(), key)
}

/// A name part, quoted where a dot or quote inside it would make `schema.name` ambiguous.
fn part(name: &str) -> String {
    if name.contains(['.', '"']) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_owned()
    }
}

fn enum_key(e: &EnumType) -> String {
    format!("{}.{}", part(&e.schema), part(&e.name))
}

/// The keys of `kept`, in order: its kind, object and table, numbered from the second
/// statement with the same words on.
fn kept_keys(kept: &[KeptObject]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    kept.iter()
        .map(|k| {
            let mut key = k.kind.as_str().to_owned();
            key.push(' ');
            if let Some(schema) = &k.schema {
                key.push_str(&part(schema));
                key.push('.');
            }
            key.push_str(&k.name);
            if let Some(on) = &k.on {
                key.push_str(&format!(" on {}.{}", part(&on.schema), part(&on.table)));
            }
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                key.push_str(&format!(" #{n}"));
            }
            key
        })
        .collect()
}

fn document<T: Serialize>(doc: &T) -> String {
    json::canonical(&serde_json::to_value(doc).expect("an extras document is plain data"))
}

fn row(id: Uuid, kind: EntryKind, key: String, doc: String) -> (Uuid, Fields) {
    (id, vec![Some(id.to_string()), Some(kind.as_str().to_owned()), Some(key), Some(doc), None])
}

/// Every `relata_extras` row of `registry` by id, encoded (`updated_at` is `None`: the
/// workspace does not stamp its extras; the sync base holds the database's stamp).
pub fn rows(registry: &Registry) -> BTreeMap<Uuid, Fields> {
    let mut out = BTreeMap::new();
    for m in &registry.modules {
        let doc = ModuleDoc { color: m.color.clone(), note: m.note.clone(), implicit: m.implicit };
        let (id, fields) = row(derived_id(EntryKind::Module, &m.name), EntryKind::Module, m.name.clone(), document(&doc));
        out.insert(id, fields);
    }
    for e in &registry.enums {
        let key = enum_key(e);
        let (id, fields) = row(derived_id(EntryKind::Enum, &key), EntryKind::Enum, key, document(&EnumDoc { values: e.values.clone() }));
        out.insert(id, fields);
    }
    let mut columns = ColumnExtras::by_table(registry);
    let pins: HashMap<&TableRef, &Pin> = registry.pins.iter().map(|p| (&p.table, p)).collect();
    for t in &registry.tables {
        let table = t.table_ref();
        let mut cols = columns.remove(&table).unwrap_or_default();
        cols.sort_by(|a, b| a.column.cmp(&b.column));
        let doc = TableDoc {
            unique_constraints: t.unique_constraints.clone(),
            indexes: t.indexes.clone(),
            color: t.color.clone(),
            primary_key_name: t.primary_key_name.clone(),
            checks: t.checks.clone(),
            exclusions: t.exclusions.clone(),
            partition_by: t.partition_by.clone(),
            partition_of: t.partition_of.clone(),
            view: t.view.clone(),
            columns: cols,
            pin: pins.get(&table).map(|p| PinDoc { x: p.x, y: p.y }),
        };
        if !doc.is_empty() {
            let (id, fields) = row(t.id.0, EntryKind::Table, t.id.0.to_string(), document(&doc));
            out.insert(id, fields);
        }
    }
    for (position, (k, key)) in registry.kept.iter().zip(kept_keys(&registry.kept)).enumerate() {
        let doc = KeptDoc {
            position,
            kind: k.kind,
            schema: k.schema.clone(),
            name: k.name.clone(),
            on: k.on.clone(),
            sql: k.sql.clone(),
            search_path: k.search_path.clone(),
        };
        let (id, fields) = row(derived_id(EntryKind::Kept, &key), EntryKind::Kept, key, document(&doc));
        out.insert(id, fields);
    }
    if !registry.dbml.is_empty() {
        let key = EntryKind::Dbml.as_str().to_owned();
        let (id, fields) = row(derived_id(EntryKind::Dbml, &key), EntryKind::Dbml, key, document(&registry.dbml));
        out.insert(id, fields);
    }
    if !registry.mermaid.is_empty() {
        let key = MERMAID_KEY.to_owned();
        let (id, fields) = row(derived_id(EntryKind::Mermaid, &key), EntryKind::Mermaid, key, document(&registry.mermaid));
        out.insert(id, fields);
    }
    out
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| format!("document: {e}"))
}

/// A database row spelled as the workspace spells it (canonical JSON), after checking that its
/// kind is known and its document reads as one of that kind (an unknown field — say, one a
/// newer Relata wrote — is an error rather than a silent loss).
pub fn canonical(fields: &[Option<String>]) -> Result<Fields, String> {
    if fields.len() != RELATA_EXTRAS.len() {
        return Err(format!("expected {} fields, found {}", RELATA_EXTRAS.len(), fields.len()));
    }
    let text = |n: usize| fields[n].as_deref().ok_or_else(|| format!("{} is NULL", RELATA_EXTRAS[n].name));
    let kind_text = text(KIND)?;
    let kind = EntryKind::parse(kind_text).ok_or_else(|| format!("entry_kind: unknown kind `{kind_text}`"))?;
    let doc = text(DOCUMENT)?;
    let doc = match kind {
        EntryKind::Module => document(&parse::<ModuleDoc>(doc)?),
        EntryKind::Enum => document(&parse::<EnumDoc>(doc)?),
        EntryKind::Table => document(&parse::<TableDoc>(doc)?),
        EntryKind::Kept => document(&parse::<KeptDoc>(doc)?),
        EntryKind::Dbml => document(&parse::<DbmlExtras>(doc)?),
        EntryKind::Mermaid => document(&parse::<MermaidExtras>(doc)?),
    };
    let mut out = fields.to_vec();
    out[DOCUMENT] = Some(doc);
    Ok(out)
}

/// The name of a row for messages: `module Billing`, `enum app.state`, `kept function
/// app.touch()`; a table's row is named by its id here and by its table where a registry is at
/// hand ([`name_in`]).
pub fn entry_name(fields: &[Option<String>]) -> String {
    let f = |n: usize| fields.get(n).cloned().flatten().unwrap_or_default();
    match f(KIND).as_str() {
        "kept" => f(KEY),
        kind => format!("{kind} {}", f(KEY)),
    }
}

/// [`entry_name`], with a table's row named by the table `registry` has under its id.
pub fn name_in(registry: &Registry, id: Uuid, fields: &[Option<String>]) -> Option<String> {
    (fields.get(KIND).cloned().flatten().as_deref() == Some("table"))
        .then(|| registry.tables.iter().find(|t| t.id.0 == id).map(|t| format!("table {}", t.table_ref())))
        .flatten()
}

fn top_level(fields: Option<&Fields>) -> serde_json::Map<String, Value> {
    fields
        .and_then(|f| f.get(DOCUMENT).cloned().flatten())
        .and_then(|doc| serde_json::from_str::<Value>(&doc).ok())
        .and_then(|v| match v {
            Value::Object(map) => Some(map),
            _ => None,
        })
        .unwrap_or_default()
}

/// The fields in which two versions of a row differ: the row's kind and key, then its
/// document's top-level fields (`checks`, `indexes`, …), each as canonical JSON.
pub fn field_diffs(local: Option<&Fields>, remote: Option<&Fields>) -> Vec<FieldDiff> {
    let mut out = Vec::new();
    for n in [KIND, KEY] {
        let (l, r) = (local.and_then(|f| f[n].clone()), remote.and_then(|f| f[n].clone()));
        if l != r {
            out.push(FieldDiff { column: RELATA_EXTRAS[n].name, local: l, remote: r });
        }
    }
    let (l, r) = (top_level(local), top_level(remote));
    for &name in DOCUMENT_FIELDS {
        let show = |v: Option<&Value>| v.map(json::canonical);
        let (lv, rv) = (show(l.get(name)), show(r.get(name)));
        if lv != rv {
            out.push(FieldDiff { column: name, local: lv, remote: rv });
        }
    }
    out
}

/// The part of a registry a pull merges `relata_extras` rows into: the registry, and its kept
/// statements by id with their positions (rebuilt into the list in order at the end).
pub(super) struct Merge {
    pub(super) registry: Registry,
    kept: BTreeMap<Uuid, (usize, KeptObject)>,
}

impl Merge {
    pub(super) fn new(registry: Registry) -> Self {
        let kept = kept_keys(&registry.kept)
            .into_iter()
            .zip(registry.kept.iter().cloned())
            .enumerate()
            .map(|(position, (key, object))| (derived_id(EntryKind::Kept, &key), (position, object)))
            .collect();
        Self { registry, kept }
    }

    /// The merged registry, its kept statements in position order (ties by id, so both sides
    /// of a sync order them alike).
    pub(super) fn finish(mut self) -> Registry {
        let mut kept: Vec<(usize, Uuid, KeptObject)> = self.kept.into_iter().map(|(id, (p, k))| (p, id, k)).collect();
        kept.sort_by_key(|(p, id, _)| (*p, *id));
        self.registry.kept = kept.into_iter().map(|(_, _, k)| k).collect();
        self.registry
    }

    /// Puts a database row into the registry (a table's row only where the table is there: the
    /// extras of a table the workspace does not have have nowhere to go).
    pub(super) fn put(&mut self, id: Uuid, fields: &Fields) {
        let Ok(fields) = canonical(fields) else { return };
        let (Some(kind), Some(key), Some(doc)) =
            (fields[KIND].as_deref().and_then(EntryKind::parse), fields[KEY].clone(), fields[DOCUMENT].as_deref())
        else {
            return;
        };
        let registry = &mut self.registry;
        match kind {
            EntryKind::Module => {
                let Ok(doc) = parse::<ModuleDoc>(doc) else { return };
                let module = Module { name: key, color: doc.color, note: doc.note, implicit: doc.implicit };
                match registry.modules.iter_mut().find(|m| m.name == module.name) {
                    Some(old) => *old = module,
                    None => registry.modules.push(module),
                }
            }
            EntryKind::Enum => {
                let Ok(doc) = parse::<EnumDoc>(doc) else { return };
                match registry.enums.iter_mut().find(|e| enum_key(e) == key) {
                    Some(old) => old.values = doc.values,
                    None => {
                        // The key is `schema.name`; its parts come back from the quoting.
                        let (schema, name) = split_key(&key);
                        registry.enums.push(EnumType { schema, name, values: doc.values });
                    }
                }
            }
            EntryKind::Table => {
                let Ok(doc) = parse::<TableDoc>(doc) else { return };
                apply_table(registry, id, doc);
            }
            EntryKind::Kept => {
                let Ok(doc) = parse::<KeptDoc>(doc) else { return };
                let KeptDoc { position, kind, schema, name, on, sql, search_path } = doc;
                self.kept.insert(id, (position, KeptObject { kind, schema, name, on, sql, search_path }));
            }
            EntryKind::Dbml => {
                let Ok(doc) = parse::<DbmlExtras>(doc) else { return };
                registry.dbml = doc;
            }
            EntryKind::Mermaid => {
                let Ok(doc) = parse::<MermaidExtras>(doc) else { return };
                registry.mermaid = doc;
            }
        }
    }

    /// Removes the entry of a row the database no longer has.
    pub(super) fn remove(&mut self, id: Uuid) {
        let registry = &mut self.registry;
        registry.modules.retain(|m| derived_id(EntryKind::Module, &m.name) != id);
        registry.enums.retain(|e| derived_id(EntryKind::Enum, &enum_key(e)) != id);
        self.kept.remove(&id);
        if derived_id(EntryKind::Dbml, EntryKind::Dbml.as_str()) == id {
            registry.dbml = DbmlExtras::default();
        }
        if derived_id(EntryKind::Mermaid, MERMAID_KEY) == id {
            registry.mermaid = MermaidExtras::default();
        }
        if registry.tables.iter().any(|t| t.id.0 == id) {
            apply_table(registry, id, TableDoc::default());
        }
    }
}

fn split_key(key: &str) -> (String, String) {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = key.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                current.push('"');
            }
            '"' => quoted = !quoted,
            '.' if !quoted => parts.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    parts.push(current);
    let name = parts.pop().unwrap_or_default();
    (parts.join("."), name)
}

/// Sets the extras of table `id` (and its pin and columns' specs) to `doc`.
fn apply_table(registry: &mut Registry, id: Uuid, doc: TableDoc) {
    let Some(table) = registry.tables.iter_mut().find(|t| t.id.0 == id) else { return };
    let TableDoc {
        unique_constraints,
        indexes,
        color,
        primary_key_name,
        checks,
        exclusions,
        partition_by,
        partition_of,
        view,
        columns,
        pin,
    } = doc;
    table.unique_constraints = unique_constraints;
    table.indexes = indexes;
    table.color = color;
    table.primary_key_name = primary_key_name;
    table.checks = checks;
    table.exclusions = exclusions;
    table.partition_by = partition_by;
    table.partition_of = partition_of;
    table.view = view;
    let table_ref = table.table_ref();
    let mut specs: HashMap<String, ColumnSpec> = columns
        .into_iter()
        .map(|c| (c.column.clone(), c.spec()))
        .collect();
    for signal in registry.signals.iter_mut() {
        if signal.row_type == RowType::Binding && signal.table.as_ref() == Some(&table_ref) {
            signal.spec = specs.remove(&signal.column).unwrap_or_default();
        }
    }
    match (registry.pins.iter_mut().find(|p| p.table == table_ref), pin) {
        (Some(old), Some(pin)) => (old.x, old.y) = (pin.x, pin.y),
        (None, Some(pin)) => registry.pins.push(Pin { table: table_ref, x: pin.x, y: pin.y }),
        (Some(_), None) => registry.pins.retain(|p| p.table != table_ref),
        (None, None) => {}
    }
}
