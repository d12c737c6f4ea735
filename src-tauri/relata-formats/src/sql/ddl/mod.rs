//! The DDL of a registry's tables: schemas, enum types, tables in dependency order with their
//! columns, keys, foreign keys, indexes and comments, printed by [`Ddl`].

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

use rustc_hash::FxHashMap;

use relata_model::{
    CheckConstraint, Index, IndexKey, IndexMethod, IndexPart, Registry, Relationship,
    RowType, Signal, Table, TableRef, UniqueConstraint,
};
use relata_rules::RuleSet;

use super::dialect::Dialect;
use crate::export::scope::Rows;
use super::order::table_order;

mod print;

pub(crate) use print::index_part_text;
use print::Printer;

/// The DDL that creates `registry`'s tables, printed with `{}`. Apply it in one transaction
/// (`psql --single-transaction -v ON_ERROR_STOP=1`); it does not say `BEGIN` itself, so a
/// migration tool can wrap it.
///
/// What it holds, in order:
/// - `CREATE SCHEMA IF NOT EXISTS` for every schema of a table or enum type (but those that
///   exist in a fresh database, such as `public`);
/// - `CREATE TYPE … AS ENUM` for `registry.enums`, by schema and name;
/// - `CREATE SEQUENCE` for each sequence a column default draws from
///   (`nextval('name'::regclass)`), so that such defaults apply;
/// - per table, parents before children (strongly connected components of the foreign-key
///   graph in topological order, ties broken by `schema.table`): `CREATE TABLE` with the
///   binding columns of `signal_registry` in ordinal order (type and default as written,
///   `NOT NULL`), the primary key, unique constraints, a unique constraint on the child columns
///   of each foreign key with `enforce_child_unique`, and the foreign keys to earlier tables
///   (and to itself); then its indexes, a child index per foreign key with
///   `create_child_index` (unless a key or index already starts with those columns), and
///   `COMMENT ON TABLE` / `COLUMN` from `purpose` and `semantic_description`;
/// - `ALTER TABLE … ADD CONSTRAINT` for foreign keys inside a dependency cycle.
///
/// Foreign keys are the relationships that are
/// [database-enforceable](Relationship::is_db_enforceable) and whose two tables are both in
/// the registry; one whose other table is missing (say, outside an export's scope) is named in
/// a comment instead. Names come from the rule set ([`RuleSet::foreign_key_name`] and its
/// siblings; primary keys are `{table}_pkey`), and every identifier longer than the dialect's
/// or the rule set's limit is shortened with [`shorten_identifier`] rather than left to the
/// database to truncate. The same registry always prints the same bytes.
pub struct Ddl<'a> {
    rows: Rows<'a>,
    dialect: &'a dyn Dialect,
    rules: &'a RuleSet,
}

impl<'a> Ddl<'a> {
    /// The DDL of `registry` in `dialect`, names from `rules`.
    pub fn new(registry: &'a Registry, dialect: &'a dyn Dialect, rules: &'a RuleSet) -> Self {
        Self::from_rows(Rows::all(registry), dialect, rules)
    }

    /// The DDL of `rows` (a registry or the part of one an export covers).
    pub(crate) fn from_rows(rows: Rows<'a>, dialect: &'a dyn Dialect, rules: &'a RuleSet) -> Self {
        Self { rows, dialect, rules }
    }
}

impl Ddl<'_> {
    /// Appends the script to `out`: what `Display` prints, without a copy.
    pub(crate) fn write(&self, out: &mut String) {
        let plan = Plan::new(&self.rows, self.dialect, self.rules);
        // About what the script takes (a column line and its comment, a foreign key, a table's
        // statements), so the output grows in place rather than by copies.
        out.reserve(160 * plan.columns.len() + 320 * self.rows.relationships.len() + 240 * plan.tables.len());
        let printer = Printer {
            dialect: self.dialect,
            limit: self.dialect.max_identifier_bytes().min(self.rules.max_identifier_bytes()),
        };
        printer.script(&plan, self.rows.enums, &self.rows.kept, out);
    }
}

/// One table's share of the DDL, object by object: what a migration compares. Names are
/// as the script writes them (shortened to the limit, quoted where needed).
pub(crate) struct TableObjects<'a> {
    /// The registry's table.
    pub table: &'a Table,
    /// `schema.name`, quoted.
    pub quoted: String,
    /// Its `CREATE TABLE` without foreign keys, and what the script writes after it: NOT
    /// VALID CHECKs, storage, statistics, indexes and comments.
    pub create: String,
    /// Its columns, in order.
    pub columns: Vec<ColumnObject<'a>>,
    /// Primary key, unique, CHECK and EXCLUDE constraints: (quoted name, what follows
    /// `ALTER TABLE … ADD`). An unnamed CHECK or EXCLUDE has the name PostgreSQL gives it.
    pub constraints: Vec<(String, String)>,
    /// Foreign keys of which it is the child: (quoted name, what follows `ADD`).
    pub foreign_keys: Vec<(String, String)>,
    /// Indexes: (quoted name, the `CREATE INDEX` statement).
    pub indexes: Vec<(String, String)>,
}

/// One column of [`TableObjects`].
pub(crate) struct ColumnObject<'a> {
    /// Its signal.
    pub signal: &'a Signal,
    /// Its name, quoted.
    pub quoted: String,
    /// `name type [COLLATE c] [NOT NULL] [identity, generation or default]`: what `ADD
    /// COLUMN` takes.
    pub definition: String,
    /// The type as the script writes it.
    pub data_type: String,
    /// ` GENERATED … AS IDENTITY …`, ` GENERATED ALWAYS AS (…) STORED`, ` DEFAULT …` or empty.
    pub value: String,
}

/// A registry's DDL object by object ([`Ddl::objects`]).
pub(crate) struct Objects<'a> {
    /// Tables (views left out), in the script's order.
    pub tables: Vec<TableObjects<'a>>,
    /// Views, in registry order.
    pub views: Vec<&'a Table>,
    /// The sequences the script creates for serial defaults.
    pub sequences: Vec<String>,
}

impl<'a> Ddl<'a> {
    /// The script's objects, table by table, as a migration from one registry's DDL to
    /// another's compares them.
    pub(crate) fn objects(&self) -> Objects<'a> {
        let mut plan = Plan::new(&self.rows, self.dialect, self.rules);
        let printer = Printer {
            dialect: self.dialect,
            limit: self.dialect.max_identifier_bytes().min(self.rules.max_identifier_bytes()),
        };
        let mut late: FxHashMap<*const Table, Vec<ForeignKey<'a>>> = FxHashMap::default();
        for (table, fk) in std::mem::take(&mut plan.late) {
            late.entry(table as *const Table).or_default().push(fk);
        }
        let mut tables = Vec::with_capacity(plan.tables.len());
        let mut names = Vec::new();
        for t in &mut plan.tables {
            let mut quoted = String::new();
            printer.push_qualified(&mut quoted, &t.table.schema, &t.table.name);
            let mut fks = std::mem::take(&mut t.foreign_keys);
            fks.extend(late.remove(&(t.table as *const Table)).unwrap_or_default());
            let signals = &plan.columns[t.columns.clone()];
            let mut create = String::new();
            printer.table(t, signals, &quoted, &mut names, &mut create);
            let text = |write: &dyn Fn(&mut String)| {
                let mut out = String::new();
                write(&mut out);
                out
            };
            let columns = signals
                .iter()
                .map(|s| ColumnObject {
                    signal: s,
                    quoted: printer.ident(&s.column).into_owned(),
                    definition: text(&|out| printer.column(t.table, s, &printer.ident(&s.column), 0, false, out)),
                    data_type: self.dialect.column_type(&s.data_type).into_owned(),
                    value: text(&|out| printer.column_value(s, out)),
                })
                .collect();
            let mut constraints = Vec::new();
            if let Some(pk) = &t.primary_key {
                constraints.push((printer.ident(&pk.name).into_owned(), text(&|out| printer.primary_key(pk, out))));
            }
            for u in &t.uniques {
                constraints.push((printer.ident(&u.name).into_owned(), text(&|out| printer.unique(u, out))));
            }
            for check in &t.table.checks {
                let name = check.name.clone().unwrap_or_else(|| match &check.column {
                    Some(column) => format!("{}_{column}_check", t.table.name),
                    None => format!("{}_check", t.table.name),
                });
                let named = CheckConstraint { name: Some(name.clone()), ..check.clone() };
                constraints.push((printer.ident(&name).into_owned(), text(&|out| printer.check(&named, out))));
            }
            for x in &t.table.exclusions {
                let name = x.name.clone().unwrap_or_else(|| format!("{}_excl", t.table.name));
                constraints.push((printer.ident(&name).into_owned(), text(&|out| printer.exclusion(x, out))));
            }
            let foreign_keys =
                fks.iter().map(|fk| (printer.ident(&fk.name).into_owned(), text(&|out| printer.foreign_key(fk, "", out)))).collect();
            let indexes = t.indexes.iter().map(|i| (printer.ident(&i.name).into_owned(), text(&|out| printer.index(&quoted, i, out)))).collect();
            tables.push(TableObjects { table: t.table, quoted, create, columns, constraints, foreign_keys, indexes });
        }
        Objects { tables, views: plan.views, sequences: plan.sequences }
    }
}

impl fmt::Display for Ddl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

/// A key or unique constraint: its name and ordered columns, and the constraint's own options
/// when it is one the registry states.
#[derive(Debug, Clone)]
struct Key<'a> {
    name: String,
    columns: &'a [String],
    constraint: Option<&'a UniqueConstraint>,
}

/// A foreign key to declare.
#[derive(Debug, Clone)]
struct ForeignKey<'a> {
    name: String,
    relationship: &'a Relationship,
}

/// An index to create.
#[derive(Debug, Clone)]
struct IndexPlan<'a> {
    name: String,
    unique: bool,
    method: IndexMethod,
    parts: Parts<'a>,
    predicate: Option<&'a str>,
    /// The method the registry asked for, when the dialect cannot use it here.
    instead_of: Option<IndexMethod>,
    /// The registry's index, for what only it has (another access method, `INCLUDE`,
    /// `NULLS NOT DISTINCT`, storage parameters); `None` for a foreign key's child index.
    index: Option<&'a Index>,
}

impl IndexPlan<'_> {
    /// Falls back to B-tree when the dialect cannot index several columns with the method.
    fn fit_method(mut self, dialect: &dyn Dialect) -> Self {
        let other_method = self.index.is_some_and(|i| i.other_method.is_some());
        if !other_method && self.parts.len() > 1 && !dialect.supports_multicolumn_index(self.method) {
            self.instead_of = Some(self.method);
            self.method = IndexMethod::Btree;
        }
        self
    }
}

/// A key part: a column (an identifier) or an expression (written as is), with its
/// collation, operator class and order when it has its own.
#[derive(Debug, Clone, Copy)]
enum Part<'a> {
    Column(&'a str),
    Expression(&'a str),
    /// A part with options of its own.
    Full(&'a IndexPart),
}

/// An index's parts, borrowed from the registry: an index's own, or a foreign key's child
/// columns.
#[derive(Debug, Clone, Copy)]
enum Parts<'a> {
    Index(&'a [IndexPart]),
    Columns(&'a [String]),
}

impl<'a> Parts<'a> {
    fn len(&self) -> usize {
        match self {
            Parts::Index(parts) => parts.len(),
            Parts::Columns(columns) => columns.len(),
        }
    }

    fn iter(&self) -> impl Iterator<Item = Part<'a>> + Clone + 'a {
        let (index, columns) = match *self {
            Parts::Index(parts) => (parts, &[][..]),
            Parts::Columns(columns) => (&[][..], columns),
        };
        index
            .iter()
            .map(|p| match &p.key {
                _ if !p.is_plain() => Part::Full(p),
                IndexKey::Column(c) => Part::Column(c),
                IndexKey::Expression(e) => Part::Expression(e),
            })
            .chain(columns.iter().map(|c| Part::Column(c)))
    }
}

/// One table's share of the script.
struct TablePlan<'a> {
    table: &'a Table,
    /// Where its column signals (ordinal order) are in [`Plan::columns`].
    columns: Range<usize>,
    primary_key: Option<Key<'a>>,
    uniques: Vec<Key<'a>>,
    foreign_keys: Vec<ForeignKey<'a>>,
    indexes: Vec<IndexPlan<'a>>,
}

/// Everything the script creates, decided before anything is printed.
struct Plan<'a> {
    /// Sorted, each once.
    schemas: Vec<&'a str>,
    sequences: Vec<String>,
    /// The binding signals of every table, by table and ordinal; each [`TablePlan`] has a
    /// range of them.
    columns: Vec<&'a Signal>,
    tables: Vec<TablePlan<'a>>,
    /// Foreign keys inside a dependency cycle, added after every table exists.
    late: Vec<(&'a Table, ForeignKey<'a>)>,
    /// Enforceable relationships left out because one of their tables is not in the registry.
    outside: Vec<ForeignKey<'a>>,
    /// Views and materialized views, in registry order (the source's, which is one their
    /// dependencies on each other allow).
    views: Vec<&'a Table>,
}

impl<'a> Plan<'a> {
    fn new(registry: &Rows<'a>, dialect: &dyn Dialect, rules: &'a RuleSet) -> Self {
        // The first row of each schema.table, as the rules read duplicates. Tables are known
        // by their index in `tables` from here on; names are looked up once, through `index`.
        let mut index: FxHashMap<(&str, &str), usize> =
            FxHashMap::with_capacity_and_hasher(registry.tables.len(), Default::default());
        let mut tables: Vec<&Table> = Vec::new();
        let mut views: Vec<&Table> = Vec::new();
        for &t in &registry.tables {
            if t.is_view() {
                views.push(t);
                continue;
            }
            index.entry((t.schema.as_str(), t.name.as_str())).or_insert_with(|| {
                tables.push(t);
                tables.len() - 1
            });
        }
        let position = |schema: &str, name: &str| index.get(&(schema, name)).copied();
        let mut outside = Vec::new();
        let mut edges = Vec::new();
        let mut enforced: Vec<(usize, usize, ForeignKey)> = Vec::new();
        for &r in registry.relationships.iter().filter(|r| r.is_db_enforceable()) {
            let fk = ForeignKey { name: rules.foreign_key_name(r), relationship: r };
            match (position(&r.child.schema, &r.child.table), position(&r.parent.schema, &r.parent.table)) {
                (Some(child), Some(parent)) => {
                    edges.push((child, parent));
                    enforced.push((child, parent, fk));
                }
                _ => outside.push(fk),
            }
        }
        let names: Vec<(&str, &str)> = tables.iter().map(|t| (t.schema.as_str(), t.name.as_str())).collect();
        let order = table_order(&names, &edges);

        // The binding signals of each table in one pass (as `Registry::columns_by_table`),
        // trying the previous signal's table first: a table's signals usually sit together.
        // One flat list, sorted by table and ordinal (stable: equal ordinals keep registry
        // order), so a table's columns are a range of it.
        let mut columns: Vec<(usize, u32, &Signal)> = Vec::with_capacity(registry.signals.len());
        let mut last: Option<(&TableRef, Option<usize>)> = None;
        for &s in &registry.signals {
            let (Some(table), RowType::Binding) = (&s.table, s.row_type) else { continue };
            let found = match last {
                Some((seen, found)) if seen == table => found,
                _ => {
                    let found = position(&table.schema, &table.table);
                    last = Some((table, found));
                    found
                }
            };
            if let Some(t) = found {
                columns.push((t, s.ordinal.unwrap_or(u32::MAX), s));
            }
        }
        columns.sort_by_key(|&(t, ordinal, _)| (t, ordinal));
        let mut starts = Vec::with_capacity(tables.len() + 1);
        let mut next = 0;
        for t in 0..tables.len() {
            starts.push(next);
            next += columns[next..].iter().take_while(|&&(of, ..)| of == t).count();
        }
        starts.push(next);
        let columns: Vec<&Signal> = columns.into_iter().map(|(.., s)| s).collect();
        let mut plans: Vec<TablePlan> = tables
            .iter()
            .enumerate()
            .map(|(i, t)| TablePlan::new(starts[i]..starts[i + 1], dialect, rules, t))
            .collect();
        let mut late = Vec::new();
        // Foreign keys by name, so a table's constraints read in a stable, findable order
        // (a stable sort: equal names keep registry order).
        enforced.sort_by(|(.., a), (.., b)| a.name.cmp(&b.name));
        // Child indexes come after every key is known, in the same order.
        let child_indexes: Vec<(usize, &Relationship)> = enforced.iter().map(|(child, _, fk)| (*child, fk.relationship)).collect();
        for (child, parent, fk) in enforced {
            let r = fk.relationship;
            let plan = &mut plans[child];
            plan.add_child_unique(rules, r);
            let inline = if child == parent {
                // A self-reference can stay inside CREATE TABLE when its target is a key
                // declared there too; a unique index only exists once the table does.
                plan.has_key_on(&r.parent.columns)
            } else {
                order.component[child] != order.component[parent]
            };
            if inline {
                plan.foreign_keys.push(fk);
            } else {
                late.push((tables[child], fk));
            }
        }
        for (child, r) in child_indexes {
            plans[child].add_child_index(dialect, rules, r);
        }

        let mut schemas: Vec<&str> = tables.iter().chain(&views).map(|t| t.schema.as_str()).collect();
        schemas.extend(registry.enums.iter().map(|e| e.schema.as_str()));
        schemas.sort_unstable();
        schemas.dedup();
        // Each sequence once, in the order the tables first use them.
        let mut sequences: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for &t in &order.order {
            for s in &columns[plans[t].columns.clone()] {
                if let Some(sequence) = s.default.as_deref().and_then(sequence_of_default) {
                    if seen.insert(sequence.clone()) {
                        sequences.push(sequence);
                    }
                }
            }
        }
        let mut by_order: Vec<Option<TablePlan>> = plans.into_iter().map(Some).collect();
        let tables = order.order.iter().map(|&t| by_order[t].take().expect("each table once")).collect();
        Plan { schemas, sequences, columns, tables, late, outside, views }
    }
}

impl<'a> TablePlan<'a> {
    /// The plan of `table`, whose column signals are `columns` of [`Plan::columns`].
    fn new(columns: Range<usize>, dialect: &dyn Dialect, rules: &'a RuleSet, table: &'a Table) -> Self {
        let primary_key = (!table.primary_key.is_empty()).then(|| Key {
            name: table.primary_key_name.clone().unwrap_or_else(|| format!("{}_pkey", table.name)),
            columns: &table.primary_key,
            constraint: None,
        });
        let uniques = table
            .unique_constraints
            .iter()
            .map(|u| Key { name: rules.unique_constraint_name(table, u), columns: &u.columns, constraint: Some(u) })
            .collect();
        let indexes = table.indexes.iter().map(|i| index_plan(rules, table, i).fit_method(dialect)).collect();
        TablePlan { table, columns, primary_key, uniques, foreign_keys: Vec::new(), indexes }
    }

    /// Whether the primary key or a unique constraint (declared in CREATE TABLE) has exactly
    /// these columns, in any order.
    fn has_key_on(&self, columns: &[String]) -> bool {
        self.primary_key.iter().chain(&self.uniques).any(|k| same_set(k.columns.iter().map(String::as_str), columns))
    }

    /// Whether a key, unique constraint or full unique index already makes these columns
    /// unique.
    fn is_unique_on(&self, columns: &[String]) -> bool {
        self.has_key_on(columns)
            || self.indexes.iter().any(|i| {
                i.unique
                    && i.predicate.is_none()
                    && i.parts.iter().all(|p| matches!(p, Part::Column(_)))
                    && same_set(i.parts.iter().filter_map(column_of_part), columns)
            })
    }

    /// `enforce_child_unique`: a unique constraint on the child columns, unless they already
    /// are unique.
    fn add_child_unique(&mut self, rules: &RuleSet, r: &'a Relationship) {
        if r.enforce_child_unique && !self.is_unique_on(&r.child.columns) {
            let constraint = UniqueConstraint::new(None, r.child.columns.clone());
            let name = rules.unique_constraint_name(self.table, &constraint);
            self.uniques.push(Key { name, columns: &r.child.columns, constraint: None });
        }
    }

    /// `create_child_index`: an index on the child columns, unless a key or a full index of the
    /// same method already serves lookups by them (a B-tree whose leading columns they are,
    /// or another method on exactly them).
    fn add_child_index(&mut self, dialect: &dyn Dialect, rules: &RuleSet, r: &'a Relationship) {
        if !r.create_child_index {
            return;
        }
        let wanted = r.child.columns.as_slice();
        let mut index = IndexPlan {
            // Named below, once it is known to be needed: names from the rule set's templates
            // are not free.
            name: String::new(),
            unique: false,
            method: r.child_index_method,
            parts: Parts::Columns(wanted),
            predicate: None,
            instead_of: None,
            index: None,
        }
        .fit_method(dialect);
        let method = index.method;
        // Whether an index of `method_of` whose leading columns are `leading` serves lookups
        // by the wanted columns: a B-tree when they are its first columns, another method
        // when they are exactly its columns.
        let serves = |method_of: IndexMethod, leading: &mut dyn Iterator<Item = &str>| {
            method_of == method
                && wanted.iter().all(|w| leading.next() == Some(w.as_str()))
                && (method == IndexMethod::Btree || leading.next().is_none())
        };
        let by_key = self
            .primary_key
            .iter()
            .chain(&self.uniques)
            .any(|k| serves(IndexMethod::Btree, &mut k.columns.iter().map(String::as_str)));
        let by_index = self.indexes.iter().any(|i| {
            i.predicate.is_none() && serves(i.method, &mut i.parts.iter().map_while(column_of_part))
        });
        if !by_key && !by_index {
            index.name = rules.child_index_name(r);
            self.indexes.push(index);
        }
    }
}

/// The column of a part, if it is a plain one.
fn column_of_part(part: Part<'_>) -> Option<&str> {
    match part {
        Part::Column(c) => Some(c),
        Part::Expression(_) | Part::Full(_) => None,
    }
}

/// Whether `these` and `those` hold the same columns as sets (order and repeats aside),
/// without building sets: keys have a handful of columns.
fn same_set<'s>(these: impl Iterator<Item = &'s str> + Clone, those: &[String]) -> bool {
    these.clone().all(|c| those.iter().any(|o| o == c)) && those.iter().all(|o| these.clone().any(|c| c == o))
}

fn index_plan<'a>(rules: &RuleSet, table: &'a Table, index: &'a Index) -> IndexPlan<'a> {
    IndexPlan {
        name: rules.index_name(table, index),
        unique: index.unique,
        method: index.method,
        parts: Parts::Index(&index.parts),
        predicate: index.predicate.as_deref(),
        instead_of: None,
        index: Some(index),
    }
}

/// The sequence a default draws from, when it is exactly `nextval('<name>'::regclass)` (how
/// PostgreSQL prints a serial column's default) and `<name>` is a plain or quoted, optionally
/// schema-qualified name: then the literal's text is itself SQL for the name.
pub(crate) fn sequence_of_default(default: &str) -> Option<String> {
    let literal = default.strip_prefix("nextval('")?.strip_suffix("'::regclass)")?;
    if literal.replace("''", "").contains('\'') {
        return None; // A lone quote: not one string literal.
    }
    let name = literal.replace("''", "'");
    is_qualified_name(&name).then_some(name)
}

/// Whether `text` is one or two dot-separated identifiers, each plain (`[A-Za-z_][A-Za-z0-9_$]*`)
/// or double-quoted with `""` for a quote.
fn is_qualified_name(text: &str) -> bool {
    let mut rest = text;
    for part in 0..2 {
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut chars = quoted.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                if c == '"' {
                    if quoted[i + 1..].starts_with('"') {
                        chars.next();
                    } else {
                        end = Some(i);
                        break;
                    }
                }
            }
            let Some(end) = end else { return false };
            if end == 0 {
                return false;
            }
            rest = &quoted[end + 1..];
        } else {
            let n = rest
                .char_indices()
                .take_while(|&(i, c)| c.is_ascii_alphabetic() || c == '_' || (i > 0 && (c.is_ascii_digit() || c == '$')))
                .count();
            if n == 0 {
                return false;
            }
            rest = &rest[n..];
        }
        match rest.strip_prefix('.') {
            Some(after) if part == 0 => rest = after,
            _ => break,
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::{is_qualified_name, sequence_of_default};

    #[test]
    fn serial_defaults_name_their_sequence() {
        assert_eq!(sequence_of_default("nextval('casbin_rules_id_seq'::regclass)").as_deref(), Some("casbin_rules_id_seq"));
        assert_eq!(sequence_of_default("nextval('auth.\"Odd Seq\"'::regclass)").as_deref(), Some("auth.\"Odd Seq\""));
        for not_one in ["now()", "nextval('a; DROP TABLE x'::regclass)", "nextval('a.b.c'::regclass)", "nextval('''x'::regclass)"] {
            assert_eq!(sequence_of_default(not_one), None, "{not_one}");
        }
        assert!(is_qualified_name("\"a\"\"b\".c") && !is_qualified_name("\"\"") && !is_qualified_name("1a"));
    }
}
