//! The PostgreSQL script that takes a database made from one registry's DDL to what another
//! registry's DDL makes. Both DDLs are taken apart object by object ([`Ddl::objects`]), so
//! what the script creates is exactly what the new registry's export would: a constraint,
//! index or foreign key whose text differs is dropped and added again, a column is altered in
//! place, a table or column with the same id under a new name is renamed (never dropped and
//! added), kept functions, procedures and views are replaced, kept types and domains (composite,
//! range) are dropped and made again with what depends on them, and what PostgreSQL cannot do
//! in place is a `-- manual step:` comment with a warning, never a silent gap.
//!
//! The script opens with its governance: each relationship that changes, with its `version`,
//! `change_reason` and `approved_by`, and a warning for a change to a relationship that is not
//! `active` or one that adds a dependency on a table that is not stable (R305's condition,
//! [`relata_rules::unstable_dependency`]); the warnings are in [`Migration::warnings`] too.
//!
//! Destructive statements (`DROP TABLE`, `DROP COLUMN`, a type change that can lose values)
//! are listed in [`Migration::destructive`] and written only when asked.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use relata_model::{AvailabilityStatus, KeptKind, KeptObject, KeptPhase, Registry, Relationship, SignalId, TableId, TableRef};
use relata_rules::RuleSet;

use crate::sql::ddl::{ColumnObject, Objects, TableObjects};
use crate::sql::{Ddl, Dialect, Postgres};

/// How a migration is made.
#[derive(Debug, Clone, Copy)]
pub struct MigrationOptions {
    /// Write the destructive statements too (`DROP TABLE`, `DROP COLUMN`, narrowing type
    /// changes); without it they are named in comments and left out.
    pub allow_destructive: bool,
    /// Open the script with the changed relationships' governance and its warnings (on by
    /// default). A drift gate turns it off: a database side holds no governance, so every
    /// relationship would look changed.
    pub governance: bool,
}

impl Default for MigrationOptions {
    fn default() -> Self {
        Self { allow_destructive: false, governance: true }
    }
}

/// A migration script and what a person must know about it.
#[derive(Debug, Clone, Default)]
pub struct Migration {
    /// The script: enum values first (in transactions of their own, since a value added by
    /// `ALTER TYPE … ADD VALUE` cannot be used before it commits), then one transaction.
    pub sql: String,
    /// The destructive statements, each as written (or left out).
    pub destructive: Vec<String>,
    /// What the script cannot do and leaves to a person, each as its comment says.
    pub manual: Vec<String>,
    /// Other things worth knowing: a likely rename the ids do not confirm, a kept statement
    /// that is gone, a change to a relationship that is not active, a new dependency on a
    /// table that is not stable.
    pub warnings: Vec<String>,
}

impl Migration {
    /// Whether the script changes nothing.
    pub fn is_empty(&self) -> bool {
        !self.sql.lines().any(|l| !l.trim().is_empty() && !l.starts_with("--") && l != "BEGIN;" && l != "COMMIT;")
    }
}

/// The statements of one phase of the script, in order.
#[derive(Default)]
struct Script {
    /// The header's lines on the relationships that change, without their `-- `.
    governance: Vec<String>,
    enum_values: Vec<String>,
    schemas: Vec<String>,
    view_drops: Vec<String>,
    /// Foreign keys that change or go: before any key they depend on is dropped.
    foreign_key_drops: Vec<String>,
    drops: Vec<String>,
    renames: Vec<String>,
    creates: Vec<String>,
    columns: Vec<String>,
    adds: Vec<String>,
    foreign_keys: Vec<String>,
    after: Vec<String>,
    /// `DROP TABLE`s, after the foreign keys that point at the tables are dropped.
    tables: Vec<String>,
}

/// The script that takes a database made by `old`'s SQL export to what `new`'s would make.
pub fn migration(old: &Registry, new: &Registry, rules: &RuleSet, options: &MigrationOptions) -> Migration {
    let (old_ddl, new_ddl) = (Ddl::new(old, &Postgres, rules), Ddl::new(new, &Postgres, rules));
    let (from, to) = (old_ddl.objects(), new_ddl.objects());
    let mut m = Migration::default();
    let mut s = Script::default();
    if options.governance {
        governance(old, new, rules, &mut s, &mut m);
    }
    let pairs = pair_tables(&from, &to, &mut m);
    enums(old, new, &mut s, &mut m);
    let new_sequences: Vec<&String> = to.sequences.iter().filter(|q| !from.sequences.contains(q)).collect();
    for q in new_sequences {
        s.creates.push(format!("CREATE SEQUENCE IF NOT EXISTS {q};"));
    }
    let had: HashSet<&str> = old.tables.iter().map(|t| t.schema.as_str()).chain(old.enums.iter().map(|e| e.schema.as_str())).collect();
    let mut schemas: Vec<&str> = new.tables.iter().map(|t| t.schema.as_str()).chain(new.enums.iter().map(|e| e.schema.as_str())).collect();
    schemas.sort_unstable();
    schemas.dedup();
    for schema in schemas.into_iter().filter(|x| !had.contains(x) && !Postgres.schema_exists_by_default(x)) {
        s.schemas.push(format!("CREATE SCHEMA IF NOT EXISTS {};", Postgres.quote_identifier(schema)));
    }
    let (rebuilt, detoured) = rebuilt_types(old, new, &pairs, &mut s, &mut m);
    // A column taken off a type and back cannot change while a view reads it.
    let remade = views(&from, &to, reshaped(&pairs) || detoured, &mut s);
    let rekeyed = rekeyed(&pairs);
    for (before, after) in &pairs {
        match (before, after) {
            (Some(o), Some(n)) => table(o, n, &rekeyed, options, &mut s, &mut m),
            (Some(o), None) => {
                for (name, clause) in &o.foreign_keys {
                    if clause.contains("REFERENCES") {
                        s.drops.push(format!("ALTER TABLE {} DROP CONSTRAINT IF EXISTS {name};", o.quoted));
                    }
                }
                destructive(&mut s.tables, &mut m, options, format!("DROP TABLE {};", o.quoted));
            }
            (None, Some(n)) => {
                s.creates.push(n.create.trim_end().to_owned());
                s.foreign_keys.extend(n.foreign_keys.iter().map(|(_, clause)| format!("ALTER TABLE {} ADD {clause};", n.quoted)));
            }
            (None, None) => {}
        }
    }
    // A table dropped before the foreign keys that point at it from tables that stay would
    // fail; those keys are among the drops above, and tables go after them.
    let dropped_tables = std::mem::take(&mut s.tables);
    s.drops.extend(dropped_tables);
    partitions(&pairs, &mut s);
    for v in to.views.iter().filter(|v| remade.contains(&v.table_ref()) || !from.views.iter().any(|o| o.table_ref() == v.table_ref())) {
        if let Some(definition) = &v.view {
            s.after.push(with_path(&definition.sql, &definition.search_path));
        }
    }
    kept(old, new, &remade, &rebuilt, &mut s, &mut m);
    m.sql = print(&s, &m, old, new);
    m
}

/// The relationships that differ (paired as [`super::changes`] pairs them), each with its
/// version, change reason and approver (the new side's, the old one's for a removal); a
/// warning for one that is not `active` on either side, and for one the change makes a
/// dependency (added, on another parent, or no longer deprecated) on a table that is not
/// stable, in R305's words.
fn governance(old: &Registry, new: &Registry, rules: &RuleSet, s: &mut Script, m: &mut Migration) {
    let pairs = super::pair(&old.relationships, &new.relationships, |r: &Relationship| r.id.0, |r| r.key.clone());
    for (o, n) in pairs {
        let Some(change) = super::change("relationship", o, n, |r| r.key.clone()) else { continue };
        let Some(r) = n.or(o) else { continue };
        let what = match change.kind {
            super::ChangeKind::Added => "added".to_owned(),
            super::ChangeKind::Removed => "removed".to_owned(),
            super::ChangeKind::Changed => {
                let fields: Vec<&str> = change.fields.iter().map(|f| f.field.as_str()).collect();
                format!("changed ({})", fields.join(", "))
            }
        };
        let or_none = |v: Option<&str>| v.map_or_else(|| "(none)".to_owned(), |v| v.replace('\n', " "));
        s.governance.push(format!(
            "relationship {} {what}: version {}, change_reason {}, approved_by {}",
            change.name,
            r.version,
            or_none(r.change_reason.as_deref()),
            or_none(r.approved_by.as_deref())
        ));
        let inactive = [o, n].into_iter().flatten().map(|x| x.availability).find(|a| *a != AvailabilityStatus::Active);
        if let Some(availability) = inactive {
            m.warnings.push(format!("relationship `{}` ({what}) is `{availability}`, not `active`: make sure its change is meant to ship", change.name));
        }
        let Some(n) = n else { continue };
        // A deprecated relationship is on its way out: made anything else, it depends again.
        let deprecated = AvailabilityStatus::Deprecated;
        let adds = o.is_none_or(|o| o.parent.table_ref() != n.parent.table_ref() || o.availability == deprecated && n.availability != deprecated);
        let parent = new.table(&n.parent.table_ref());
        if let Some(warning) = parent.filter(|_| adds).and_then(|p| relata_rules::unstable_dependency(n, p, rules, true)) {
            m.warnings.push(warning);
        }
    }
}

/// The tables of both sides, paired by id, else by name when neither side's id is on the
/// other side; unpaired tables with most columns in common are named as a likely rename.
fn pair_tables<'a>(from: &'a Objects<'a>, to: &'a Objects<'a>, m: &mut Migration) -> Vec<(Option<&'a TableObjects<'a>>, Option<&'a TableObjects<'a>>)> {
    let new_ids: HashSet<TableId> = to.tables.iter().map(|t| t.table.id).collect();
    let old_ids: HashSet<TableId> = from.tables.iter().map(|t| t.table.id).collect();
    let mut taken: HashSet<usize> = HashSet::new();
    let mut pairs = Vec::new();
    for n in &to.tables {
        let by_id = from.tables.iter().position(|o| o.table.id == n.table.id);
        let by_name = || {
            from.tables
                .iter()
                .position(|o| o.table.table_ref() == n.table.table_ref() && !new_ids.contains(&o.table.id) && !old_ids.contains(&n.table.id))
        };
        match by_id.or_else(by_name).filter(|i| !taken.contains(i)) {
            Some(i) => {
                taken.insert(i);
                pairs.push((Some(&from.tables[i]), Some(n)));
            }
            None => pairs.push((None, Some(n))),
        }
    }
    let gone: Vec<&TableObjects> = (0..from.tables.len()).filter(|i| !taken.contains(i)).map(|i| &from.tables[i]).collect();
    for o in &gone {
        let names: HashSet<&str> = o.columns.iter().map(|c| c.signal.column.as_str()).collect();
        let added = pairs.iter().filter_map(|(before, after)| before.is_none().then_some(*after).flatten());
        for n in added {
            let shared = n.columns.iter().filter(|c| names.contains(c.signal.column.as_str())).count();
            if !names.is_empty() && shared * 5 >= names.len() * 4 && shared * 5 >= n.columns.len() * 4 {
                m.warnings.push(format!(
                    "`{}` is dropped and `{}` added: they look like one table renamed, but their table_ids differ (a rename keeps the id)",
                    o.table.table_ref(),
                    n.table.table_ref()
                ));
            }
        }
    }
    pairs.splice(0..0, gone.into_iter().map(|o| (Some(o), None)));
    pairs
}

/// Enum types: new ones created, values added (each in a transaction of its own, before the
/// rest); a value removed or reordered is a manual step.
fn enums(old: &Registry, new: &Registry, s: &mut Script, m: &mut Migration) {
    let quote = |schema: &str, name: &str| format!("{}.{}", Postgres.quote_identifier(schema), Postgres.quote_identifier(name));
    for e in &new.enums {
        let name = quote(&e.schema, &e.name);
        let literal = |v: &str| Postgres.string_literal(v);
        match old.enums.iter().find(|o| o.schema == e.schema && o.name == e.name) {
            None => {
                let values: Vec<String> = e.values.iter().map(|v| literal(&v.name)).collect();
                s.creates.insert(0, format!("CREATE TYPE {name} AS ENUM ({});", values.join(", ")));
            }
            Some(o) => {
                let had: Vec<&str> = o.values.iter().map(|v| v.name.as_str()).collect();
                let kept: Vec<&str> = e.values.iter().map(|v| v.name.as_str()).filter(|v| had.contains(v)).collect();
                if kept != had {
                    manual(&mut s.columns, m, format!("enum type {name} loses or reorders values ({} → {}); PostgreSQL cannot remove an enum value: make a new type and convert the columns", had.join(", "), kept.join(", ")));
                }
                // Values are added in order, so the one before a new value is there when it comes
                // (old, or added just before it); a first value goes before the first old one.
                for (i, v) in e.values.iter().enumerate().filter(|(_, v)| !had.contains(&v.name.as_str())) {
                    let place = match i.checked_sub(1).map(|p| &e.values[p]) {
                        Some(before) => format!(" AFTER {}", literal(&before.name)),
                        None => e.values.iter().find(|x| had.contains(&x.name.as_str())).map(|next| format!(" BEFORE {}", literal(&next.name))).unwrap_or_default(),
                    };
                    s.enum_values.push(format!("ALTER TYPE {name} ADD VALUE IF NOT EXISTS {}{place};", literal(&v.name)));
                }
            }
        }
    }
    for o in old.enums.iter().filter(|o| !new.enums.iter().any(|e| e.schema == o.schema && e.name == o.name)) {
        s.after.push(format!("DROP TYPE IF EXISTS {};", quote(&o.schema, &o.name)));
    }
}

/// Whether a table's columns are renamed, dropped or retyped: PostgreSQL refuses those
/// while a view reads the column, so the views are made again around them.
fn reshaped(pairs: &[(Option<&TableObjects>, Option<&TableObjects>)]) -> bool {
    pairs.iter().any(|(o, n)| match (o, n) {
        // PostgreSQL follows a rename itself; a view reads tables and columns by their ids.
        (Some(o), Some(n)) => !retyped(o, n).is_empty() || o.columns.iter().any(|oc| !n.columns.iter().any(|nc| nc.signal.id == oc.signal.id || nc.signal.column == oc.signal.column)),
        (Some(_), None) => true,
        _ => false,
    })
}

/// Views whose statement changed or that are gone are dropped first (a column they read may
/// change), and all of them when `reshaped`; returns the views to make again (by name),
/// which are made after everything else with what was kept about them.
fn views(from: &Objects, to: &Objects, reshaped: bool, s: &mut Script) -> HashSet<TableRef> {
    let mut remade = HashSet::new();
    // In reverse order of creation: a view may read an earlier one.
    for v in from.views.iter().rev() {
        let same = to.views.iter().any(|n| n.table_ref() == v.table_ref() && n.view == v.view);
        let Some(definition) = &v.view else { continue };
        if same && !reshaped {
            continue;
        }
        let kind = if definition.materialized { "MATERIALIZED VIEW" } else { "VIEW" };
        let name = format!("{}.{}", Postgres.quote_identifier(&v.schema), Postgres.quote_identifier(&v.name));
        s.view_drops.push(format!("DROP {kind} IF EXISTS {name};"));
        remade.insert(v.table_ref());
    }
    remade
}

/// The tables (by their new quoted name) whose keys, unique constraints or unique indexes are
/// dropped and made again: a foreign key that references one must go first and come back.
fn rekeyed(pairs: &[(Option<&TableObjects>, Option<&TableObjects>)]) -> HashSet<String> {
    let mut out = HashSet::new();
    for (o, n) in pairs {
        let (Some(o), Some(n)) = (o, n) else { continue };
        let keys = |t: &TableObjects| -> Vec<(String, String)> {
            let unique_indexes = t.indexes.iter().filter(|(_, s)| s.starts_with("CREATE UNIQUE")).map(|(n, s)| (n.clone(), s.replacen(&t.quoted, "", 1)));
            t.constraints.iter().filter(|(_, c)| c.contains(" PRIMARY KEY ") || c.contains(" UNIQUE")).cloned().chain(unique_indexes).collect()
        };
        if keys(o) != keys(n) {
            out.insert(n.quoted.clone());
        }
    }
    out
}

/// The columns of `n` (quoted) whose type or collation differs from their `o` counterpart
/// (same id, else same name): a CHECK that reads one is rewritten by PostgreSQL with casts,
/// so it is made again.
fn retyped(o: &TableObjects, n: &TableObjects) -> Vec<String> {
    n.columns
        .iter()
        .filter(|nc| {
            let oc = o.columns.iter().find(|c| c.signal.id == nc.signal.id).or_else(|| o.columns.iter().find(|c| c.signal.column == nc.signal.column));
            oc.is_some_and(|oc| oc.data_type != nc.data_type || oc.signal.spec.collation != nc.signal.spec.collation)
        })
        .map(|c| c.quoted.clone())
        .collect()
}

/// Whether `clause` names one of `columns` (quoted) as a word.
fn mentions(clause: &str, columns: &[String]) -> bool {
    columns.iter().any(|c| {
        clause.match_indices(c.as_str()).any(|(at, _)| {
            let before = clause[..at].chars().next_back();
            let after = clause[at + c.len()..].chars().next();
            let word = |ch: Option<char>| ch.is_some_and(|ch| ch.is_alphanumeric() || ch == '_');
            !word(before) && !word(after)
        })
    })
}

/// Whether a foreign key clause references one of `tables` (quoted names).
fn references_any(clause: &str, tables: &HashSet<String>) -> bool {
    tables.iter().any(|t| clause.contains(&format!("REFERENCES {t} (")))
}

/// One table on both sides: renames, then what changed of its constraints, indexes, foreign
/// keys, columns and comments.
fn table(o: &TableObjects, n: &TableObjects, rekeyed: &HashSet<String>, options: &MigrationOptions, s: &mut Script, m: &mut Migration) {
    let (old_ref, new_ref) = (o.table.table_ref(), n.table.table_ref());
    // Drops use the old names: they run before the renames.
    for (name, clause) in &o.foreign_keys {
        let kept = n.foreign_keys.iter().any(|(nn, nc)| nn == name && nc == clause && !references_any(nc, rekeyed));
        if !kept {
            s.foreign_key_drops.push(format!("ALTER TABLE {} DROP CONSTRAINT IF EXISTS {name};", o.quoted));
        }
    }
    let retyped = retyped(o, n);
    let remake = |clause: &str| clause.contains("CHECK (") && mentions(clause, &retyped);
    for (name, clause) in &o.constraints {
        if !n.constraints.iter().any(|(nn, nc)| nn == name && nc == clause && !remake(nc)) {
            s.drops.push(format!("ALTER TABLE {} DROP CONSTRAINT IF EXISTS {name};", o.quoted));
        }
    }
    let schema = Postgres.quote_identifier(&old_ref.schema).into_owned();
    for (name, statement) in &o.indexes {
        if !n.indexes.iter().any(|(nn, ns)| nn == name && same_index(ns, statement, &n.quoted, &o.quoted)) {
            s.drops.push(format!("DROP INDEX IF EXISTS {schema}.{name};"));
        }
    }
    if old_ref != new_ref {
        let mut at = o.quoted.clone();
        if old_ref.schema != new_ref.schema {
            s.renames.push(format!("ALTER TABLE {at} SET SCHEMA {};", Postgres.quote_identifier(&new_ref.schema)));
            at = format!("{}.{}", Postgres.quote_identifier(&new_ref.schema), Postgres.quote_identifier(&old_ref.table));
        }
        if old_ref.table != new_ref.table {
            s.renames.push(format!("ALTER TABLE {at} RENAME TO {};", Postgres.quote_identifier(&new_ref.table)));
        }
    }
    columns(o, n, options, s, m);
    for (name, clause) in &n.constraints {
        if !o.constraints.iter().any(|(on, oc)| on == name && oc == clause && !remake(clause)) {
            s.adds.push(format!("ALTER TABLE {} ADD {clause};", n.quoted));
        }
    }
    for (name, statement) in &n.indexes {
        if !o.indexes.iter().any(|(on, os)| on == name && same_index(statement, os, &n.quoted, &o.quoted)) {
            s.adds.push(statement.trim_end().to_owned());
        }
    }
    for (name, clause) in &n.foreign_keys {
        if !o.foreign_keys.iter().any(|(on, oc)| on == name && oc == clause && !references_any(clause, rekeyed)) {
            s.foreign_keys.push(format!("ALTER TABLE {} ADD {clause};", n.quoted));
        }
    }
    if o.table.purpose != n.table.purpose {
        s.after.push(format!("COMMENT ON TABLE {} IS {};", n.quoted, literal_or_null(n.table.purpose.as_deref())));
    }
    if o.table.partition_by != n.table.partition_by {
        manual(&mut s.columns, m, format!("{new_ref} changes its partitioning; PostgreSQL cannot repartition a table in place: make a new partitioned table and move the rows"));
    }
}

/// Whether two `CREATE INDEX` statements are the same once their table names are the same.
fn same_index(statement: &str, other: &str, table: &str, other_table: &str) -> bool {
    statement == other || statement.replacen(&format!(" ON {table} "), &format!(" ON {other_table} "), 1) == other
}

/// A table's columns: renames (same id, new name), drops, adds and changes in place.
fn columns(o: &TableObjects, n: &TableObjects, options: &MigrationOptions, s: &mut Script, m: &mut Migration) {
    let t = &n.quoted;
    let new_ids: HashSet<SignalId> = n.columns.iter().map(|c| c.signal.id).collect();
    let mut matched: HashMap<SignalId, &ColumnObject> = HashMap::new();
    let mut gone = Vec::new();
    for oc in &o.columns {
        let by_id = n.columns.iter().find(|c| c.signal.id == oc.signal.id);
        let by_name = || n.columns.iter().find(|c| c.signal.column == oc.signal.column && !o.columns.iter().any(|x| x.signal.id == c.signal.id));
        match by_id.or_else(by_name) {
            Some(nc) if !new_ids.contains(&oc.signal.id) || nc.signal.id == oc.signal.id => {
                matched.insert(nc.signal.id, oc);
            }
            _ => gone.push(oc),
        }
    }
    for oc in gone {
        destructive(&mut s.columns, m, options, format!("ALTER TABLE {t} DROP COLUMN {};", oc.quoted));
    }
    for nc in &n.columns {
        let Some(oc) = matched.get(&nc.signal.id) else {
            s.columns.push(format!("ALTER TABLE {t} ADD COLUMN {};", nc.definition));
            if let Some(description) = &nc.signal.description {
                s.after.push(format!("COMMENT ON COLUMN {t}.{} IS {};", nc.quoted, Postgres.string_literal(description)));
            }
            continue;
        };
        if oc.quoted != nc.quoted {
            s.renames.push(format!("ALTER TABLE {t} RENAME COLUMN {} TO {};", oc.quoted, nc.quoted));
        }
        identity_sequence(o, n, oc, nc, s);
        column(t, oc, nc, options, s, m);
    }
}

/// An identity column's sequence is named after its table and column when it is made
/// (`{table}_{column}_seq`), and PostgreSQL does not rename it with them: renamed here, after
/// the table and column, so the database holds what the new registry's export would make. A
/// sequence the options name is left alone.
fn identity_sequence(o: &TableObjects, n: &TableObjects, oc: &ColumnObject, nc: &ColumnObject, s: &mut Script) {
    let (Some(a), Some(b)) = (&oc.signal.spec.identity, &nc.signal.spec.identity) else { return };
    let named = |options: &Option<String>| options.as_deref().is_some_and(|x| x.to_ascii_uppercase().contains("SEQUENCE NAME"));
    if named(&a.options) || named(&b.options) {
        return;
    }
    let before = implicit_name(&o.table.name, &oc.signal.column, "seq");
    let after = implicit_name(&n.table.name, &nc.signal.column, "seq");
    if before != after {
        let schema = Postgres.quote_identifier(&n.table.schema);
        s.renames.push(format!("ALTER SEQUENCE {schema}.{} RENAME TO {};", Postgres.quote_identifier(&before), Postgres.quote_identifier(&after)));
    }
}

/// The name PostgreSQL makes for an implicit object (`makeObjectName`): `{name1}_{name2}_{label}`,
/// the longer of the two names shortened a character at a time until it fits 63 bytes.
fn implicit_name(name1: &str, name2: &str, label: &str) -> String {
    let room = 63 - (label.len() + 2);
    let (a, b): (Vec<char>, Vec<char>) = (name1.chars().collect(), name2.chars().collect());
    let bytes = |chars: &[char], n: usize| chars[..n].iter().map(|c| c.len_utf8()).sum::<usize>();
    let (mut n1, mut n2) = (a.len(), b.len());
    while bytes(&a, n1) + bytes(&b, n2) > room {
        if bytes(&a, n1) > bytes(&b, n2) {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    format!("{}_{}_{label}", a[..n1].iter().collect::<String>(), b[..n2].iter().collect::<String>())
}

/// One column on both sides, after any rename: its type, collation, nullability, value
/// (default, identity, generation), storage, statistics and comment.
fn column(t: &str, oc: &ColumnObject, nc: &ColumnObject, options: &MigrationOptions, s: &mut Script, m: &mut Migration) {
    let (o, n) = (oc.signal, nc.signal);
    let c = &nc.quoted;
    let at = format!("ALTER TABLE {t} ALTER COLUMN {c}");
    if oc.data_type != nc.data_type || o.spec.collation != n.spec.collation {
        let collate = n.spec.collation.as_ref().map(|x| format!(" COLLATE {x}")).unwrap_or_default();
        let statement = format!("{at} TYPE {}{collate} USING {c}::{};", nc.data_type, nc.data_type);
        if narrows(&oc.data_type, &nc.data_type) {
            destructive(&mut s.columns, m, options, statement);
        } else {
            s.columns.push(statement);
        }
    }
    if oc.value != nc.value {
        match ((&o.spec.identity, &o.spec.generated), (&n.spec.identity, &n.spec.generated)) {
            ((None, None), (None, None)) => s.columns.push(match &n.default {
                Some(default) => format!("{at} SET DEFAULT {default};"),
                None => format!("{at} DROP DEFAULT;"),
            }),
            ((None, None), (Some(_), None)) => {
                if o.default.is_some() {
                    s.columns.push(format!("{at} DROP DEFAULT;"));
                }
                s.columns.push(format!("{at} ADD{};", nc.value));
            }
            ((Some(_), None), (None, None)) => {
                s.columns.push(format!("{at} DROP IDENTITY;"));
                if let Some(default) = &n.default {
                    s.columns.push(format!("{at} SET DEFAULT {default};"));
                }
            }
            ((Some(a), None), (Some(b), None)) if a.options == b.options => {
                s.columns.push(format!("{at} SET GENERATED {};", if b.always { "ALWAYS" } else { "BY DEFAULT" }));
            }
            ((None, Some(_)), (None, None)) => {
                s.columns.push(format!("{at} DROP EXPRESSION;"));
                if let Some(default) = &n.default {
                    s.columns.push(format!("{at} SET DEFAULT {default};"));
                }
            }
            _ => manual(
                &mut s.columns,
                m,
                format!("{t}.{c} changes from{} to{}; PostgreSQL 15 cannot make that change in place", or_plain(&oc.value), or_plain(&nc.value)),
            ),
        }
    }
    if o.nullable != n.nullable && n.spec.identity.is_none() {
        s.columns.push(format!("{at} {} NOT NULL;", if n.nullable { "DROP" } else { "SET" }));
    }
    if o.spec.storage != n.spec.storage {
        // A column's storage back to its type's default is the type's own mode, which the
        // registry does not hold: PostgreSQL's default for most types is EXTENDED.
        let storage = n.spec.storage.as_deref().unwrap_or("EXTENDED");
        s.columns.push(format!("{at} SET STORAGE {storage};"));
    }
    if o.spec.statistics != n.spec.statistics {
        s.columns.push(format!("{at} SET STATISTICS {};", n.spec.statistics.unwrap_or(-1)));
    }
    if o.description != n.description {
        s.after.push(format!("COMMENT ON COLUMN {t}.{c} IS {};", literal_or_null(n.description.as_deref())));
    }
}

fn or_plain(value: &str) -> String {
    if value.is_empty() {
        " a plain column".to_owned()
    } else {
        value.to_owned()
    }
}

/// Whether changing a column from type `old` to `new` can lose or refuse values: a shorter
/// length or precision, a smaller integer, text into a bounded type, or any change between
/// kinds of type. Widening (integer → bigint, varchar(10) → varchar(20) or text, a larger
/// numeric) is safe.
pub(crate) fn narrows(old: &str, new: &str) -> bool {
    let parse = |t: &str| -> (String, Vec<u32>) {
        let t = t.trim().to_ascii_lowercase();
        match t.split_once('(') {
            Some((base, args)) => {
                let args = args.trim_end_matches(')').split(',').filter_map(|a| a.trim().parse().ok()).collect();
                (base.trim().to_owned(), args)
            }
            None => (t, Vec::new()),
        }
    };
    let ((ob, oa), (nb, na)) = (parse(old), parse(new));
    let integer = |b: &str| match b {
        "smallint" | "int2" => Some(2),
        "integer" | "int" | "int4" => Some(4),
        "bigint" | "int8" => Some(8),
        _ => None,
    };
    let text = |b: &str| matches!(b, "text" | "varchar" | "character varying" | "char" | "character" | "bpchar" | "citext");
    match (integer(&ob), integer(&nb)) {
        (Some(a), Some(b)) => return b < a,
        (Some(size), None) => return !(matches!(nb.as_str(), "numeric" | "decimal") && na.is_empty() || nb == "double precision" && size <= 4),
        _ => {}
    }
    if text(&ob) && text(&nb) {
        return match (oa.first(), na.first()) {
            (_, None) => !matches!(nb.as_str(), "text" | "varchar" | "character varying" | "citext") && nb != ob,
            (None, Some(_)) => true,
            (Some(a), Some(b)) => b < a,
        };
    }
    if matches!(ob.as_str(), "numeric" | "decimal") && matches!(nb.as_str(), "numeric" | "decimal") {
        return match (oa.as_slice(), na.as_slice()) {
            (_, []) => false,
            ([], _) => true,
            (o, n) => n[0] < o[0] || n.get(1).unwrap_or(&0) < o.get(1).unwrap_or(&0) || n[0] - n.get(1).unwrap_or(&0) < o[0] - o.get(1).unwrap_or(&0),
        };
    }
    ob != nb || oa != na && !na.is_empty()
}

/// Partitions attached to another parent or bound are detached and attached again; a table
/// that stops being a partition is detached, one that becomes one attached.
fn partitions(pairs: &[(Option<&TableObjects>, Option<&TableObjects>)], s: &mut Script) {
    let quote = |r: &TableRef| format!("{}.{}", Postgres.quote_identifier(&r.schema), Postgres.quote_identifier(&r.table));
    for (o, n) in pairs {
        let (Some(o), Some(n)) = (o, n) else {
            if let (None, Some(n)) = (o, n) {
                if let Some(of) = &n.table.partition_of {
                    s.after.insert(0, format!("ALTER TABLE ONLY {} ATTACH PARTITION {} {};", quote(&of.parent), n.quoted, of.bound));
                }
            }
            continue;
        };
        if o.table.partition_of == n.table.partition_of {
            continue;
        }
        if let Some(of) = &o.table.partition_of {
            s.drops.push(format!("ALTER TABLE {} DETACH PARTITION {};", quote(&of.parent), o.quoted));
        }
        if let Some(of) = &n.table.partition_of {
            s.after.insert(0, format!("ALTER TABLE ONLY {} ATTACH PARTITION {} {};", quote(&of.parent), n.quoted, of.bound));
        }
    }
}

/// Kept statements: new ones written; changed functions, procedures and views replaced; those
/// [`rebuilt_types`] made again left alone; other changes and removals left to a person, named.
fn kept(old: &Registry, new: &Registry, remade: &HashSet<TableRef>, rebuilt: &HashSet<KeptKey>, s: &mut Script, m: &mut Migration) {
    let key = kept_key;
    let before: HashMap<_, &KeptObject> = old.kept.iter().map(|k| (key(k), k)).collect();
    let after: HashSet<_> = new.kept.iter().map(key).collect();
    // What a view made again had: its indexes, comments, owner and grants.
    let of_remade = |k: &KeptObject| {
        k.on.as_ref().is_some_and(|on| remade.contains(on))
            || k.kind == KeptKind::Comment && remade.iter().any(|v| k.name == v.table && k.schema.as_deref().is_none_or(|s| s == v.schema))
    };
    for k in new.kept.iter().filter(|k| !rebuilt.contains(&key(k))) {
        match before.get(&key(k)) {
            Some(o) if o.sql == k.sql && !of_remade(k) => {}
            // A type or domain the tables may use is made before them.
            None if matches!(k.kind, KeptKind::Type | KeptKind::Domain) => s.creates.push(with_path(&k.sql, &k.search_path)),
            Some(_) if of_remade(k) => s.after.push(with_path(&k.sql, &k.search_path)),
            None => s.after.push(with_path(&k.sql, &k.search_path)),
            Some(_) if matches!(k.kind, KeptKind::Function | KeptKind::Procedure | KeptKind::View) => {
                s.after.push(with_path(&or_replace(&k.sql), &k.search_path));
            }
            Some(_) => manual(&mut s.after, m, format!("the {} {} changed; drop it and those that depend on it, then run: {}", k.kind.as_str(), k.name, first_line(&k.sql))),
        }
    }
    for k in old.kept.iter().filter(|k| !after.contains(&key(k))) {
        m.warnings.push(format!("the kept {} {} is gone from the new registry; the migration leaves it in the database", k.kind.as_str(), if k.name.is_empty() { first_line(&k.sql) } else { k.name.as_str() }));
    }
}

/// What identifies a kept statement on both sides: its kind, schema, name and table.
type KeptKey = (KeptKind, Option<String>, String, Option<TableRef>);

fn kept_key(k: &KeptObject) -> KeptKey {
    (k.kind, k.schema.clone(), k.name.clone(), k.on.clone())
}

/// Kept types and domains whose statement changed: PostgreSQL cannot replace them, so each is
/// dropped and made again with what depends on it, in dependency order. The columns that use
/// one are taken off it first (to `text`, a composite type's to `jsonb` by attribute name,
/// their defaults dropped) and put back on it once it is made again, so their rows stay;
/// kept functions, procedures (not overloaded), types, domains and views that name it are
/// dropped (in reverse source order) and made again (in the new registry's order), and its
/// comments, owners and grants written again; when anything else names it (a trigger, a
/// policy, an aggregate, an overloaded function, …), which would stop the `DROP`, nothing is
/// dropped: the change stays a manual step ([`kept`]'s) with a warning. Returns the kept
/// statements made again (by key) and whether any column was taken off a type (views are
/// then made again too).
fn rebuilt_types(old: &Registry, new: &Registry, pairs: &[(Option<&TableObjects>, Option<&TableObjects>)], s: &mut Script, m: &mut Migration) -> (HashSet<KeptKey>, bool) {
    let after: HashMap<KeptKey, &KeptObject> = new.kept.iter().map(|k| (kept_key(k), k)).collect();
    let changed = |k: &&KeptObject| matches!(k.kind, KeptKind::Type | KeptKind::Domain) && after.get(&kept_key(k)).is_some_and(|n| n.sql != k.sql);
    let mut dropped: Vec<&KeptObject> = old.kept.iter().filter(changed).collect();
    if dropped.is_empty() {
        return (HashSet::new(), false);
    }
    // Dropped by name alone: an aggregate's DROP needs its argument types, and an overloaded
    // function's too, so those are left to a person.
    let overloaded = |k: &KeptObject| old.kept.iter().filter(|x| x.kind == k.kind && x.schema == k.schema && x.name == k.name).count() > 1;
    let droppable = |k: &KeptObject| match k.kind {
        KeptKind::Type | KeptKind::Domain | KeptKind::View | KeptKind::MaterializedView => true,
        KeptKind::Function | KeptKind::Procedure => !overloaded(k),
        _ => false,
    };
    // What names a dropped object depends on it, and so on: to a fixed point, in source order.
    let mut again: Vec<&KeptObject> = Vec::new();
    loop {
        let names: Vec<String> = dropped.iter().filter(|k| !k.name.is_empty()).map(|k| Postgres.quote_identifier(&k.name).into_owned()).collect();
        let more: Vec<&KeptObject> = old
            .kept
            .iter()
            .filter(|k| !dropped.iter().any(|d| std::ptr::eq(*d, *k)) && !again.iter().any(|d| std::ptr::eq(*d, *k)))
            .filter(|k| mentions(&k.sql, &names))
            .collect();
        if more.is_empty() {
            break;
        }
        for k in more {
            if droppable(k) {
                dropped.push(k);
            } else {
                again.push(k);
            }
        }
    }
    dropped.sort_by_key(|d| old.kept.iter().position(|k| std::ptr::eq(k, *d)));
    // Comments, owners and grants go with their object and are written again; so is what
    // belongs to a kept view that is dropped (its indexes, triggers, rules).
    let rewritten = |k: &KeptObject| {
        matches!(k.kind, KeptKind::Comment | KeptKind::Owner | KeptKind::Grant)
            || k.on.as_ref().is_some_and(|on| {
                dropped.iter().any(|d| matches!(d.kind, KeptKind::View | KeptKind::MaterializedView) && d.name == on.table && d.schema.as_deref().unwrap_or("public") == on.schema)
            })
    };
    // Anything else that depends on them would stop the DROP: then it is all a person's.
    let blocked: Vec<&KeptObject> = again.iter().copied().filter(|k| !rewritten(k)).collect();
    if !blocked.is_empty() {
        let names: Vec<String> = blocked.iter().map(|k| format!("the {} {}", k.kind.as_str(), if k.name.is_empty() { first_line(&k.sql) } else { k.name.as_str() })).collect();
        m.warnings.push(format!(
            "{} depend(s) on a changed type or domain that must be dropped and made again; Relata cannot drop and make them again itself, so that change is a manual step",
            names.join(", ")
        ));
        return (HashSet::new(), false);
    }
    let types: Vec<&KeptObject> = dropped.iter().copied().filter(|k| matches!(k.kind, KeptKind::Type | KeptKind::Domain)).collect();
    let uses = |data_type: &str, k: &KeptObject| {
        let base = data_type.trim_end_matches("[]");
        let (schema, name) = match base.rsplit_once('.') {
            Some((schema, name)) => (Some(schema.trim_matches('"')), name.trim_matches('"')),
            None => (None, base.trim_matches('"')),
        };
        name == k.name && schema.is_none_or(|x| k.schema.as_deref().unwrap_or("public") == x)
    };
    let composite = |k: &KeptObject| {
        let upper = k.sql.to_ascii_uppercase();
        upper.split_once(" AS ").is_some_and(|(_, rest)| rest.trim_start().starts_with('('))
    };
    let mut detoured = false;
    for (o, n) in pairs {
        // A partition's columns follow its parent's: PostgreSQL refuses to retype them alone.
        let Some(o) = o.filter(|o| o.table.partition_of.is_none()) else { continue };
        for oc in &o.columns {
            let Some(k) = types.iter().find(|k| uses(&oc.data_type, k)) else { continue };
            detoured = true;
            let at = format!("ALTER TABLE {} ALTER COLUMN {}", o.quoted, oc.quoted);
            if oc.signal.default.is_some() {
                s.drops.push(format!("{at} DROP DEFAULT;"));
            }
            let json = composite(k) && !oc.data_type.ends_with("[]");
            s.drops.push(if json { format!("{at} TYPE jsonb USING to_jsonb({});", oc.quoted) } else { format!("{at} TYPE text USING {}::text;", oc.quoted) });
            // Back on the type where the new registry keeps the column on it; any other change
            // of the column is its own, from the text or JSON it now holds.
            let Some(n) = n else { continue };
            let Some(nc) = n.columns.iter().find(|c| c.signal.id == oc.signal.id).or_else(|| n.columns.iter().find(|c| c.signal.column == oc.signal.column)) else { continue };
            let at = format!("ALTER TABLE {} ALTER COLUMN {}", n.quoted, nc.quoted);
            if nc.data_type == oc.data_type {
                let back = if json { format!("jsonb_populate_record(NULL::{}, {})", nc.data_type, nc.quoted) } else { format!("{}::{}", nc.quoted, nc.data_type) };
                s.columns.push(format!("{at} TYPE {} USING {back};", nc.data_type));
            } else if json {
                // The column leaves the type: from its JSON through the old attribute names.
                manual(&mut s.columns, m, format!("{}.{} leaves the composite type {} while the type changes; it holds its values as jsonb: convert them", n.quoted, nc.quoted, k.name));
            }
            if let (Some(default), true) = (&nc.signal.default, nc.signal.default == oc.signal.default) {
                s.columns.push(format!("{at} SET DEFAULT {default};"));
            }
        }
    }
    let qualified = |k: &KeptObject| match &k.schema {
        Some(schema) => format!("{}.{}", Postgres.quote_identifier(schema), Postgres.quote_identifier(&k.name)),
        None => Postgres.quote_identifier(&k.name).into_owned(),
    };
    for k in dropped.iter().rev() {
        let what = match k.kind {
            KeptKind::Type => "TYPE",
            KeptKind::Domain => "DOMAIN",
            KeptKind::Function => "FUNCTION",
            KeptKind::Procedure => "PROCEDURE",
            KeptKind::View => "VIEW",
            _ => "MATERIALIZED VIEW",
        };
        s.drops.push(format!("DROP {what} IF EXISTS {};", qualified(k)));
    }
    let mut rebuilt = HashSet::new();
    let keys: HashSet<KeptKey> = dropped.iter().chain(&again).map(|k| kept_key(k)).collect();
    let routines = new.kept.iter().any(|k| keys.contains(&kept_key(k)) && matches!(k.kind, KeptKind::Function | KeptKind::Procedure));
    if routines {
        // As the export does: a body that names a table made later is checked when called.
        s.creates.push("SET LOCAL check_function_bodies = false;".to_owned());
    }
    for k in new.kept.iter().filter(|k| keys.contains(&kept_key(k))) {
        rebuilt.insert(kept_key(k));
        if droppable(k) && k.kind.phase() == KeptPhase::BeforeTables {
            s.creates.push(with_path(&k.sql, &k.search_path));
        } else {
            s.after.push(with_path(&k.sql, &k.search_path));
        }
    }
    for k in dropped.iter().filter(|k| !after.contains_key(&kept_key(k))) {
        m.warnings.push(format!("the kept {} {} is dropped with the type it depends on, and the new registry no longer has it", k.kind.as_str(), k.name));
    }
    (rebuilt, detoured)
}

fn first_line(sql: &str) -> &str {
    sql.lines().next().unwrap_or_default()
}

/// `CREATE FUNCTION …` as `CREATE OR REPLACE FUNCTION …`.
fn or_replace(sql: &str) -> String {
    let upper = sql.trim_start().to_ascii_uppercase();
    if upper.starts_with("CREATE ") && !upper.starts_with("CREATE OR REPLACE ") {
        format!("CREATE OR REPLACE {}", &sql.trim_start()["CREATE ".len()..])
    } else {
        sql.to_owned()
    }
}

/// `sql;` under `search_path`, and the default again after it.
fn with_path(sql: &str, search_path: &[String]) -> String {
    if search_path.is_empty() {
        return format!("{sql};");
    }
    let names: Vec<String> = search_path.iter().map(|s| Postgres.quote_identifier(s).into_owned()).collect();
    format!("SET search_path = {};\n{sql};\nRESET search_path;", names.join(", "))
}

fn literal_or_null(text: Option<&str>) -> String {
    text.map_or_else(|| "NULL".to_owned(), |t| Postgres.string_literal(t))
}

/// Writes `statement` where asked and lists it, or names it in a comment and leaves it out.
fn destructive(to: &mut Vec<String>, m: &mut Migration, options: &MigrationOptions, statement: String) {
    if options.allow_destructive {
        to.push(format!("-- destructive:\n{statement}"));
    } else {
        to.push(format!("-- destructive, left out (--allow-destructive writes it): {statement}"));
    }
    m.destructive.push(statement);
}

/// A `-- manual step:` comment, listed.
fn manual(to: &mut Vec<String>, m: &mut Migration, what: String) {
    to.push(format!("-- manual step: {what}"));
    m.manual.push(what);
}

fn print(s: &Script, m: &Migration, old: &Registry, new: &Registry) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "-- Migration generated by Relata: {} tables → {} tables.\n-- Apply with: psql -v ON_ERROR_STOP=1 -f <file>",
        old.tables.len(),
        new.tables.len()
    );
    if !s.governance.is_empty() {
        out.push_str("--\n-- Relationships that change (version, change reason, approval):\n");
        for line in &s.governance {
            let _ = writeln!(out, "--   {line}");
        }
    }
    if !m.warnings.is_empty() {
        out.push_str("--\n");
        for w in &m.warnings {
            let _ = writeln!(out, "-- warning: {}", w.replace('\n', " "));
        }
    }
    if !s.enum_values.is_empty() {
        out.push_str("\n-- Enum values first, each committed before anything uses it.\n");
        for v in &s.enum_values {
            out.push_str(v);
            out.push('\n');
        }
    }
    out.push_str("\nBEGIN;\n");
    for (heading, statements) in [
        ("Schemas.", &s.schemas),
        ("Views made again below.", &s.view_drops),
        ("Dropped: foreign keys that change or go, before the keys they depend on.", &s.foreign_key_drops),
        ("Dropped: constraints and indexes that change or go; kept types made again, their columns held as text or JSON meanwhile.", &s.drops),
        ("Renamed.", &s.renames),
        ("Created.", &s.creates),
        ("Columns.", &s.columns),
        ("Constraints and indexes.", &s.adds),
        ("Foreign keys.", &s.foreign_keys),
        ("Partitions, comments, views and kept statements.", &s.after),
    ] {
        if statements.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n-- {heading}");
        for statement in statements {
            out.push_str(statement);
            out.push('\n');
        }
    }
    out.push_str("\nCOMMIT;\n");
    out
}

#[cfg(test)]
mod tests {
    use super::narrows;

    #[test]
    fn widening_is_safe_and_narrowing_is_destructive() {
        for (old, new) in [
            ("integer", "bigint"),
            ("smallint", "integer"),
            ("varchar(10)", "varchar(20)"),
            ("varchar(10)", "text"),
            ("character varying(10)", "character varying"),
            ("numeric(10,2)", "numeric(12,2)"),
            ("numeric(10,2)", "numeric"),
            ("integer", "numeric"),
            ("integer", "double precision"),
        ] {
            assert!(!narrows(old, new), "{old} → {new} is safe");
        }
        for (old, new) in [
            ("bigint", "integer"),
            ("varchar(20)", "varchar(10)"),
            ("text", "varchar(10)"),
            ("numeric(12,2)", "numeric(10,2)"),
            ("numeric(12,4)", "numeric(12,2)"),
            ("numeric", "numeric(10,2)"),
            ("numeric(12,2)", "integer"),
            ("text", "integer"),
            ("bigint", "real"),
            ("timestamptz", "date"),
        ] {
            assert!(narrows(old, new), "{old} → {new} can lose values");
        }
    }
}
