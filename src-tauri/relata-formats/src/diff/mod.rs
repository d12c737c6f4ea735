//! What changed between two versions of a registry: entry by entry and field by field
//! ([`changes`], for people and for CI), and as a PostgreSQL migration ([`migration`]).
//!
//! Entries are matched by their stable ids (a table renamed keeps its `table_id`, a column its
//! `signal_id`, a relationship its `relationship_id`), and by name when an entry's id is on
//! neither side (two imports of the same schema at different times). Kept statements are
//! matched by kind, schema, name and table; modules and enum types by name.

mod migration;

use std::collections::{HashMap, HashSet};
use std::fmt;

use relata_model::{KeptObject, Registry, Relationship, Signal, Table, TableRef};
use serde::Serialize;
use serde_json::Value;

pub use migration::{migration, Migration, MigrationOptions};

/// What happened to one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only the new version has it.
    Added,
    /// Only the old version has it.
    Removed,
    /// Both have it, with different fields (its name among them for a rename).
    Changed,
}

/// One field's two values, as JSON text (a string without its quotes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The field, as the registry files name it (`data_type`, `checks`, …).
    pub field: String,
    /// Its old value.
    pub old: String,
    /// Its new value.
    pub new: String,
}

/// One entry that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `table`, `column`, `relationship`, `module`, `enum`, `kept`.
    pub entry: &'static str,
    /// The entry's name in the new version (the old one for a removal).
    pub name: String,
    /// What happened.
    pub kind: ChangeKind,
    /// For a change, the fields that differ.
    pub fields: Vec<FieldChange>,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = match self.kind {
            ChangeKind::Added => '+',
            ChangeKind::Removed => '-',
            ChangeKind::Changed => '~',
        };
        write!(f, "{sign} {} {}", self.entry, self.name)?;
        for c in &self.fields {
            write!(f, "\n    {}: {} -> {}", c.field, c.old, c.new)?;
        }
        Ok(())
    }
}

/// Fields that change with every save and say nothing of the design.
const IGNORED: &[&str] = &["updated_at", "created_at"];

/// Every entry of `old` and `new` that differs, in order: tables, each followed by its
/// columns, then relationships, modules, enum types and kept statements.
pub fn changes(old: &Registry, new: &Registry) -> Vec<Change> {
    let mut out = Vec::new();
    let tables = pair(&old.tables, &new.tables, |t: &Table| t.id.0, |t| t.table_ref().to_string());
    let (old_columns, new_columns) = (old.columns_by_table(), new.columns_by_table());
    for (o, n) in &tables {
        out.extend(change("table", *o, *n, |t| t.table_ref().to_string()));
        let columns = |by: &HashMap<&TableRef, Vec<&'_ Signal>>, t: Option<&Table>| -> Vec<Signal> {
            let Some(t) = t.map(Table::table_ref) else { return Vec::new() };
            by.get(&t).map(|c| c.iter().map(|s| (*s).clone()).collect()).unwrap_or_default()
        };
        let (before, after) = (columns(&old_columns, *o), columns(&new_columns, *n));
        if before == after {
            continue;
        }
        for (oc, nc) in pair(&before, &after, |s: &Signal| s.id.0, column_name) {
            // A column's `table` changes with its table's name, which the table's change says.
            let mut c = change("column", oc, nc, column_name);
            if let Some(c) = &mut c {
                c.fields.retain(|f| f.field != "table");
            }
            out.extend(c.filter(|c| c.kind != ChangeKind::Changed || !c.fields.is_empty()));
        }
    }
    let concepts = |r: &Registry| -> Vec<Signal> { r.signals.iter().filter(|s| s.table.is_none()).cloned().collect() };
    let (before, after) = (concepts(old), concepts(new));
    for (o, n) in pair(&before, &after, |s: &Signal| s.id.0, column_name) {
        out.extend(change("concept", o, n, column_name));
    }
    for (o, n) in pair(&old.relationships, &new.relationships, |r: &Relationship| r.id.0, |r| r.key.clone()) {
        out.extend(change("relationship", o, n, |r| r.key.clone()));
    }
    for (o, n) in pair(&old.modules, &new.modules, |_| uuid::Uuid::nil(), |m| m.name.clone()) {
        out.extend(change("module", o, n, |m| m.name.clone()));
    }
    for (o, n) in pair(&old.enums, &new.enums, |_| uuid::Uuid::nil(), |e| format!("{}.{}", e.schema, e.name)) {
        out.extend(change("enum", o, n, |e| format!("{}.{}", e.schema, e.name)));
    }
    for (o, n) in pair(&old.kept, &new.kept, |_| uuid::Uuid::nil(), kept_name) {
        out.extend(change("kept", o, n, kept_name));
    }
    out
}

fn column_name(s: &Signal) -> String {
    match &s.table {
        Some(t) => format!("{t}.{}", s.column),
        None => s.column.clone(),
    }
}

fn kept_name(k: &KeptObject) -> String {
    let name = if k.name.is_empty() { k.sql.lines().next().unwrap_or_default().to_owned() } else { k.name.clone() };
    match (&k.schema, &k.on) {
        (_, Some(on)) => format!("{} {name} on {on}", k.kind.as_str()),
        (Some(schema), None) if !k.name.is_empty() => format!("{} {schema}.{name}", k.kind.as_str()),
        _ => format!("{} {name}", k.kind.as_str()),
    }
}

/// The entries of both sides paired: by id where an id is given (not nil) and found, else by
/// name when the name's entry on the other side is not claimed by its id; then the old
/// entries left over (removed), in their order.
fn pair<'a, T>(
    old: &'a [T],
    new: &'a [T],
    id: impl Fn(&T) -> uuid::Uuid,
    name: impl Fn(&T) -> String,
) -> Vec<(Option<&'a T>, Option<&'a T>)> {
    let new_ids: HashSet<uuid::Uuid> = new.iter().map(&id).filter(|i| !i.is_nil()).collect();
    let old_by_id: HashMap<uuid::Uuid, usize> =
        old.iter().enumerate().map(|(i, o)| (id(o), i)).filter(|(i, _)| !i.is_nil()).collect();
    // Names only where an id does not pair: most entries keep their ids.
    let mut old_by_name: Option<HashMap<String, Vec<usize>>> = None;
    let mut taken = vec![false; old.len()];
    let mut out = Vec::new();
    for n in new {
        let nid = id(n);
        let by_id = (!nid.is_nil()).then(|| old_by_id.get(&nid).copied()).flatten();
        let by_name = || {
            let names = old_by_name.get_or_insert_with(|| {
                let mut names: HashMap<String, Vec<usize>> = HashMap::new();
                for (i, o) in old.iter().enumerate() {
                    names.entry(name(o)).or_default().push(i);
                }
                names
            });
            let claimed = !nid.is_nil() && old_by_id.contains_key(&nid);
            names.get(&name(n))?.iter().copied().find(|&i| !claimed && (id(&old[i]).is_nil() || !new_ids.contains(&id(&old[i]))))
        };
        match by_id.or_else(by_name).filter(|&i| !taken[i]) {
            Some(i) => {
                taken[i] = true;
                out.push((Some(&old[i]), Some(n)));
            }
            None => out.push((None, Some(n))),
        }
    }
    out.extend(old.iter().zip(&taken).filter(|(_, t)| !**t).map(|(o, _)| (Some(o), None)));
    out
}

/// The change between `old` and `new` of one entry, if any.
fn change<T: Serialize + PartialEq>(entry: &'static str, old: Option<&T>, new: Option<&T>, name: impl Fn(&T) -> String) -> Option<Change> {
    match (old, new) {
        (None, Some(n)) => Some(Change { entry, name: name(n), kind: ChangeKind::Added, fields: Vec::new() }),
        (Some(o), None) => Some(Change { entry, name: name(o), kind: ChangeKind::Removed, fields: Vec::new() }),
        (Some(o), Some(n)) if o == n => None,
        (Some(o), Some(n)) => {
            let fields = fields(&serde_json::to_value(o).unwrap_or_default(), &serde_json::to_value(n).unwrap_or_default());
            (!fields.is_empty()).then(|| Change { entry, name: name(n), kind: ChangeKind::Changed, fields })
        }
        (None, None) => None,
    }
}

/// The top-level fields of two JSON objects that differ, in the new object's order, then
/// those only the old one has.
fn fields(old: &Value, new: &Value) -> Vec<FieldChange> {
    let (Value::Object(o), Value::Object(n)) = (old, new) else { return Vec::new() };
    let text = |v: Option<&Value>| match v {
        None | Some(Value::Null) => "(none)".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let mut out = Vec::new();
    let keys = n.keys().chain(o.keys().filter(|k| !n.contains_key(*k)));
    for key in keys {
        if IGNORED.contains(&key.as_str()) || o.get(key) == n.get(key) {
            continue;
        }
        out.push(FieldChange { field: key.clone(), old: text(o.get(key)), new: text(n.get(key)) });
    }
    out
}
