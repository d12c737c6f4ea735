//! The DDL of a registry's tables: schemas, enum types, tables in dependency order with their
//! columns, keys, foreign keys, indexes and comments, printed by [`Ddl`].

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt::{self, Write as _};
use std::ops::Range;

use rustc_hash::FxHashMap;

use relata_model::{
    CheckConstraint, EnumType, ExclusionConstraint, Index, IndexKey, IndexMethod, IndexPart, KeptKind, KeptObject, KeptPhase, Registry, Relationship,
    RowType, Signal, Table, TableRef, UniqueConstraint,
};
use relata_rules::{shorten_identifier, RuleSet};

use super::dialect::{Dialect, Postgres};
use crate::export::scope::Rows;
use super::order::table_order;

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

/// Writes a [`Plan`] in a dialect.
struct Printer<'a> {
    dialect: &'a dyn Dialect,
    /// The identifier limit in bytes: the smaller of the dialect's and the rule set's.
    limit: usize,
}

impl Printer<'_> {
    /// An identifier, shortened to the limit and quoted as the dialect needs; borrowed when
    /// it is written as it is (the usual case).
    fn ident<'n>(&self, name: &'n str) -> Cow<'n, str> {
        match shorten_identifier(name, self.limit) {
            Cow::Borrowed(short) => self.dialect.quote_identifier(short),
            Cow::Owned(short) => Cow::Owned(self.dialect.quote_identifier(&short).into_owned()),
        }
    }

    /// Appends [`Printer::ident`]`(name)` to `out`.
    fn push_ident(&self, out: &mut String, name: &str) {
        out.push_str(&self.ident(name));
    }

    /// Appends `schema.name`, or just `name` in a dialect without schemas.
    fn push_qualified(&self, out: &mut String, schema: &str, name: &str) {
        if self.dialect.supports_schemas() {
            self.push_ident(out, schema);
            out.push('.');
        }
        self.push_ident(out, name);
    }

    /// Appends `a, b, c`: the columns as identifiers.
    fn push_column_list<S: AsRef<str>>(&self, out: &mut String, columns: &[S]) {
        for (n, c) in columns.iter().enumerate() {
            if n > 0 {
                out.push_str(", ");
            }
            self.push_ident(out, c.as_ref());
        }
    }

    fn script(&self, plan: &Plan, enums: &[EnumType], kept: &[&KeptObject], out: &mut String) {
        let fks = plan.tables.iter().map(|t| t.foreign_keys.len()).sum::<usize>() + plan.late.len();
        let _ = writeln!(
            out,
            "-- {} DDL generated by Relata: {}, {}.\n\
             -- Apply in one transaction: psql --single-transaction -v ON_ERROR_STOP=1 -f <file>",
            self.dialect.name(),
            count(plan.tables.len(), "table", "tables"),
            count(fks, "foreign key", "foreign keys")
        );
        // Schemas the source created itself come first, as written (with their owners and
        // options); then the others the tables need; then extensions, which may name a schema.
        self.kept_where(kept, |k| k.kind == KeptKind::Schema, "Kept as written in the source: its schemas.", out);
        let schemas: Vec<&&str> = plan
            .schemas
            .iter()
            .filter(|s| !self.dialect.schema_exists_by_default(s))
            .filter(|s| !kept.iter().any(|k| k.kind == KeptKind::Schema && k.name == **s))
            .collect();
        if self.dialect.supports_schemas() && !schemas.is_empty() {
            out.push('\n');
            for s in schemas {
                out.push_str("CREATE SCHEMA IF NOT EXISTS ");
                self.push_ident(out, s);
                out.push_str(";\n");
            }
        }
        self.kept_where(kept, |k| k.kind == KeptKind::Extension, "Kept as written in the source: its extensions.", out);
        if self.dialect.supports_enum_types() && !enums.is_empty() {
            out.push('\n');
            // By schema and name, like the tables' tie-breaks: the same registry gives the same
            // bytes whatever order its enum types were loaded in.
            let mut sorted: Vec<&EnumType> = enums.iter().collect();
            sorted.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
            for e in sorted {
                out.push_str("CREATE TYPE ");
                self.push_qualified(out, &e.schema, &e.name);
                out.push_str(" AS ENUM (");
                for (n, v) in e.values.iter().enumerate() {
                    if n > 0 {
                        out.push_str(", ");
                    }
                    self.dialect.push_string_literal(out, &v.name);
                }
                out.push_str(");\n");
            }
        }
        self.kept(kept, KeptPhase::BeforeTables, out);
        // Sequences the source created itself are among the kept statements, as written.
        let own: Vec<&String> = plan.sequences.iter().filter(|s| !kept.iter().any(|k| is_kept_sequence(k, s))).collect();
        if !own.is_empty() {
            out.push('\n');
            for s in own {
                // The name is SQL already (see sequence_of_default), resolved as the default
                // will resolve it.
                let _ = writeln!(out, "CREATE SEQUENCE {s};");
            }
        }
        // Buffers every table reuses: its quoted name and its columns' quoted names.
        let mut table = String::new();
        let mut names = Vec::new();
        for t in &plan.tables {
            out.push('\n');
            table.clear();
            self.push_qualified(&mut table, &t.table.schema, &t.table.name);
            self.table(t, &plan.columns[t.columns.clone()], &table, &mut names, out);
        }
        if !plan.late.is_empty() {
            out.push_str("\n-- Foreign keys inside dependency cycles, added once every table of the cycle exists.\n");
            for (table, fk) in &plan.late {
                out.push_str("ALTER TABLE ");
                self.push_qualified(out, &table.schema, &table.name);
                out.push_str("\n    ADD ");
                self.foreign_key(fk, "    ", out);
                out.push_str(";\n");
            }
        }
        let partitions: Vec<&Table> = plan.tables.iter().map(|t| t.table).filter(|t| t.partition_of.is_some()).collect();
        if !partitions.is_empty() {
            out.push_str("\n-- Partitions, attached once every table and index exists (their indexes attach too).\n");
            for t in partitions {
                let Some(of) = &t.partition_of else { continue };
                out.push_str("ALTER TABLE ONLY ");
                self.push_qualified(out, &of.parent.schema, &of.parent.table);
                out.push_str(" ATTACH PARTITION ");
                self.push_qualified(out, &t.schema, &t.name);
                out.push(' ');
                out.push_str(&of.bound);
                out.push_str(";\n");
            }
        }
        // Views before what is kept after the tables: their indexes, comments, owners and
        // grants are among that.
        let mut path = KeptPath::default();
        for view in &plan.views {
            let Some(definition) = &view.view else { continue };
            if !path.started {
                out.push_str("\n-- Views, as written in the source.\n");
            }
            path.statement(&definition.sql, &definition.search_path, out);
        }
        path.finish(out);
        self.kept(kept, KeptPhase::AfterTables, out);
        if !plan.outside.is_empty() {
            out.push_str("\n-- Not created: foreign keys to or from tables outside this script.\n");
            for fk in &plan.outside {
                let r = fk.relationship;
                let _ = writeln!(
                    out,
                    "-- {} on {}.{} ({}) references {}.{} ({}).",
                    shorten_identifier(&fk.name, self.limit),
                    r.child.schema,
                    r.child.table,
                    r.child.columns.join(", "),
                    r.parent.schema,
                    r.parent.table,
                    r.parent.columns.join(", ")
                );
            }
        }
    }

    /// Appends `t`'s CREATE TABLE, indexes and comments. `table` is its quoted name;
    /// `columns` its column signals; `names` a buffer for their quoted names (quoted once, used
    /// again by the comments).
    fn table<'n>(&self, t: &TablePlan, columns: &[&'n Signal], table: &str, names: &mut Vec<Cow<'n, str>>, out: &mut String) {
        names.clear();
        names.extend(columns.iter().map(|s| self.ident(&s.column)));
        let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        out.push_str("CREATE TABLE ");
        out.push_str(table);
        out.push_str(" (\n");
        // Items are separated by `,\n`, each on a line of its own indented by four spaces.
        let mut first = true;
        let mut item = |out: &mut String| {
            out.push_str(if std::mem::take(&mut first) { "    " } else { ",\n    " });
        };
        for (s, name) in columns.iter().zip(names.iter()) {
            item(out);
            self.column(t.table, s, name, width, true, out);
        }
        if let Some(pk) = &t.primary_key {
            item(out);
            self.primary_key(pk, out);
        }
        for u in &t.uniques {
            item(out);
            self.unique(u, out);
        }
        for check in t.table.checks.iter().filter(|c| c.column.is_none() && !c.not_valid) {
            item(out);
            self.check(check, out);
        }
        for exclusion in &t.table.exclusions {
            item(out);
            self.exclusion(exclusion, out);
        }
        for fk in &t.foreign_keys {
            item(out);
            self.foreign_key(fk, "    ", out);
        }
        out.push_str("\n)");
        if let Some(key) = &t.table.partition_by {
            let _ = write!(out, " PARTITION BY {} ({})", key.strategy.sql(), key.key);
        }
        out.push_str(";\n");
        // A NOT VALID constraint can only be added to a table that exists.
        for check in t.table.checks.iter().filter(|c| c.not_valid) {
            out.push_str("ALTER TABLE ");
            out.push_str(table);
            out.push_str(" ADD ");
            self.check(check, out);
            out.push_str(";\n");
        }
        for (s, name) in columns.iter().zip(names.iter()) {
            if let Some(storage) = &s.spec.storage {
                let _ = writeln!(out, "ALTER TABLE ONLY {table} ALTER COLUMN {name} SET STORAGE {storage};");
            }
            if let Some(statistics) = s.spec.statistics {
                let _ = writeln!(out, "ALTER TABLE ONLY {table} ALTER COLUMN {name} SET STATISTICS {statistics};");
            }
        }
        for i in &t.indexes {
            self.index(table, i, out);
        }
        if self.dialect.supports_comments() {
            if let Some(purpose) = &t.table.purpose {
                out.push_str("COMMENT ON TABLE ");
                out.push_str(table);
                out.push_str(" IS ");
                self.dialect.push_string_literal(out, purpose);
                out.push_str(";\n");
            }
            for (s, name) in columns.iter().zip(names.iter()) {
                if let Some(description) = &s.description {
                    out.push_str("COMMENT ON COLUMN ");
                    out.push_str(table);
                    out.push('.');
                    out.push_str(name);
                    out.push_str(" IS ");
                    self.dialect.push_string_literal(out, description);
                    out.push_str(";\n");
                }
            }
        }
    }

    /// Appends one column as CREATE TABLE declares it: name (padded to `width` characters),
    /// type, collation, NOT NULL, identity, generation or default, and with `checks` the
    /// CHECKs written on it.
    fn column(&self, table: &Table, s: &Signal, name: &str, width: usize, checks: bool, out: &mut String) {
        let start = out.len();
        // `name`, padded with spaces to the longest name (in characters), then the type.
        out.push_str(name);
        push_spaces(out, width.saturating_sub(name.chars().count()) + 1);
        out.push_str(&self.dialect.column_type(&s.data_type));
        if let Some(collation) = &s.spec.collation {
            out.push_str(" COLLATE ");
            out.push_str(collation);
        }
        if !s.nullable {
            out.push_str(" NOT NULL");
        }
        self.column_value(s, out);
        if checks {
            for check in table.checks.iter().filter(|c| c.column.as_deref() == Some(s.column.as_str()) && !c.not_valid) {
                out.push(' ');
                self.check(check, out);
            }
        }
        // No trailing whitespace (an empty type, a default ending in a space).
        let kept = out[start..].trim_end().len();
        out.truncate(start + kept);
    }

    /// Appends where a column's values come from: ` GENERATED … AS IDENTITY (…)`, ` GENERATED
    /// ALWAYS AS (…) STORED` or ` DEFAULT …` (PostgreSQL refuses a default beside the others).
    fn column_value(&self, s: &Signal, out: &mut String) {
        match (&s.spec.identity, &s.spec.generated, &s.default) {
            (Some(identity), ..) => {
                out.push_str(if identity.always { " GENERATED ALWAYS AS IDENTITY" } else { " GENERATED BY DEFAULT AS IDENTITY" });
                if let Some(options) = &identity.options {
                    let _ = write!(out, " ({options})");
                }
            }
            (None, Some(expression), _) => {
                let _ = write!(out, " GENERATED ALWAYS AS ({expression}) STORED");
            }
            (None, None, Some(default)) => {
                out.push_str(" DEFAULT ");
                out.push_str(default);
            }
            (None, None, None) => {}
        }
    }

    /// Appends `CONSTRAINT name PRIMARY KEY (…)`.
    fn primary_key(&self, pk: &Key, out: &mut String) {
        out.push_str("CONSTRAINT ");
        self.push_ident(out, &pk.name);
        out.push_str(" PRIMARY KEY (");
        self.push_column_list(out, pk.columns);
        out.push(')');
    }

    /// Appends `CONSTRAINT name UNIQUE [NULLS NOT DISTINCT] (…) [INCLUDE (…)] [DEFERRABLE …]`.
    fn unique(&self, u: &Key, out: &mut String) {
        out.push_str("CONSTRAINT ");
        self.push_ident(out, &u.name);
        out.push_str(" UNIQUE");
        if u.constraint.is_some_and(|c| c.nulls_not_distinct) {
            out.push_str(" NULLS NOT DISTINCT");
        }
        out.push_str(" (");
        self.push_column_list(out, u.columns);
        out.push(')');
        if let Some(c) = u.constraint {
            if !c.include.is_empty() {
                out.push_str(" INCLUDE (");
                self.push_column_list(out, &c.include);
                out.push(')');
            }
            out.push_str(c.deferral.sql());
        }
    }

    /// Appends `[CONSTRAINT name] EXCLUDE …`.
    fn exclusion(&self, exclusion: &ExclusionConstraint, out: &mut String) {
        if let Some(name) = &exclusion.name {
            out.push_str("CONSTRAINT ");
            self.push_ident(out, name);
            out.push(' ');
        }
        out.push_str("EXCLUDE ");
        out.push_str(&exclusion.definition);
    }

    /// Appends `CONSTRAINT name FOREIGN KEY (…)` and its clauses, continued lines indented by
    /// `indent` more than the first.
    fn foreign_key(&self, fk: &ForeignKey, indent: &str, out: &mut String) {
        let r = fk.relationship;
        out.push_str("CONSTRAINT ");
        self.push_ident(out, &fk.name);
        out.push_str(" FOREIGN KEY (");
        self.push_column_list(out, &r.child.columns);
        out.push_str(")\n    ");
        out.push_str(indent);
        out.push_str("REFERENCES ");
        self.push_qualified(out, &r.parent.schema, &r.parent.table);
        out.push_str(" (");
        self.push_column_list(out, &r.parent.columns);
        out.push(')');
        // The clauses, on one continued line when there are any.
        let mut first = true;
        let mut clause = |out: &mut String| {
            if std::mem::take(&mut first) {
                out.push_str("\n    ");
                out.push_str(indent);
            } else {
                out.push(' ');
            }
        };
        if let Some(m) = self.dialect.match_clause(r.match_type) {
            clause(out);
            out.push_str(m);
        }
        if let Some(a) = self.dialect.referential_action(r.on_delete) {
            clause(out);
            out.push_str("ON DELETE ");
            out.push_str(a);
        }
        if let Some(a) = self.dialect.referential_action(r.on_update) {
            clause(out);
            out.push_str("ON UPDATE ");
            out.push_str(a);
        }
        if r.deferrable && self.dialect.supports_deferrable() {
            clause(out);
            out.push_str(if r.initially_deferred { "DEFERRABLE INITIALLY DEFERRED" } else { "DEFERRABLE" });
        }
    }

    fn index(&self, table: &str, i: &IndexPlan, out: &mut String) {
        if let Some(asked) = i.instead_of {
            let _ = writeln!(
                out,
                "-- {} cannot index several columns here, so this index is a B-tree.",
                relata_model::Vocabulary::as_str(asked)
            );
        }
        out.push_str(if i.unique { "CREATE UNIQUE INDEX " } else { "CREATE INDEX " });
        self.push_ident(out, &i.name);
        out.push_str(" ON ");
        out.push_str(table);
        match i.index.and_then(|x| x.other_method.as_deref()) {
            Some(method) => {
                out.push_str(" USING ");
                out.push_str(method);
            }
            None => {
                if let Some(method) = self.dialect.index_method_clause(i.method) {
                    out.push(' ');
                    out.push_str(&method);
                }
            }
        }
        out.push_str(" (");
        for (n, part) in i.parts.iter().enumerate() {
            if n > 0 {
                out.push_str(", ");
            }
            match part {
                Part::Column(c) => self.push_ident(out, c),
                Part::Expression(e) => out.push_str(e),
                Part::Full(p) => self.index_part(p, out),
            }
        }
        out.push(')');
        if let Some(index) = i.index {
            if !index.include.is_empty() {
                out.push_str(" INCLUDE (");
                self.push_column_list(out, &index.include);
                out.push(')');
            }
            if index.nulls_not_distinct {
                out.push_str(" NULLS NOT DISTINCT");
            }
            if let Some(with) = &index.with {
                let _ = write!(out, " WITH ({with})");
            }
        }
        match i.predicate {
            Some(p) if self.dialect.supports_partial_indexes() => {
                let _ = writeln!(out, " WHERE {p};");
            }
            _ => out.push_str(";\n"),
        }
    }
}

impl Printer<'_> {
    /// Appends `[CONSTRAINT name] CHECK (expression) [NO INHERIT] [NOT VALID]`.
    fn check(&self, check: &CheckConstraint, out: &mut String) {
        if let Some(name) = &check.name {
            out.push_str("CONSTRAINT ");
            self.push_ident(out, name);
            out.push(' ');
        }
        let _ = write!(out, "CHECK ({})", check.expression);
        if check.no_inherit {
            out.push_str(" NO INHERIT");
        }
        if check.not_valid {
            out.push_str(" NOT VALID");
        }
    }

    /// Appends an index part with its collation, operator class and order.
    fn index_part(&self, part: &IndexPart, out: &mut String) {
        match &part.key {
            IndexKey::Column(c) => self.push_ident(out, c),
            IndexKey::Expression(e) => out.push_str(e),
        }
        push_part_options(part, out);
    }

    /// Appends the kept statements `which` picks, in source order, each ended by `;`, under
    /// the comment `heading`.
    fn kept_where(&self, kept: &[&KeptObject], which: impl Fn(&KeptObject) -> bool, heading: &str, out: &mut String) {
        let mut path = KeptPath::default();
        for k in kept.iter().filter(|k| which(k)) {
            if !path.started {
                let _ = writeln!(out, "\n-- {heading}");
            }
            path.statement(&k.sql, &k.search_path, out);
        }
        path.finish(out);
    }

    /// Appends the kept statements of `phase` but schemas and extensions (written first, by
    /// [`Printer::kept_where`]), in source order, each ended by `;`.
    fn kept(&self, kept: &[&KeptObject], phase: KeptPhase, out: &mut String) {
        let early = |k: &KeptObject| matches!(k.kind, KeptKind::Schema | KeptKind::Extension);
        let mut path = KeptPath::default();
        for k in kept.iter().filter(|k| k.kind.phase() == phase && !early(k)) {
            if !path.started {
                out.push_str(match phase {
                    KeptPhase::BeforeTables => "\n-- Kept as written in the source: what the tables use.\n",
                    KeptPhase::AfterTables => "\n-- Kept as written in the source: what uses the tables.\n",
                });
                // pg_dump's own setting: function bodies that name tables made later are
                // checked when called, not when created.
                if phase == KeptPhase::BeforeTables
                    && kept.iter().any(|k| matches!(k.kind, KeptKind::Function | KeptKind::Procedure))
                {
                    out.push_str("SET check_function_bodies = false;\n");
                }
            }
            path.statement(&k.sql, &k.search_path, out);
        }
        path.finish(out);
    }
}

/// The `search_path` while kept statements are written: each runs under the one it had in
/// the source, and the default comes back after them.
#[derive(Default)]
struct KeptPath<'a> {
    started: bool,
    current: &'a [String],
}

impl<'a> KeptPath<'a> {
    /// Appends statement `sql` with the `SET search_path` it needs first (`search_path`).
    fn statement(&mut self, sql: &str, search_path: &'a [String], out: &mut String) {
        self.started = true;
        if search_path != self.current {
            if search_path.is_empty() {
                out.push_str("RESET search_path;\n");
            } else {
                let names: Vec<String> = search_path.iter().map(|s| Postgres.quote_identifier(s).into_owned()).collect();
                let _ = writeln!(out, "SET search_path = {};", names.join(", "));
            }
            self.current = search_path;
        }
        out.push_str(sql);
        out.push_str(";\n");
    }

    /// Appends `RESET search_path` when a statement set one.
    fn finish(self, out: &mut String) {
        if !self.current.is_empty() {
            out.push_str("RESET search_path;\n");
        }
    }
}

/// Whether `kept` creates the sequence a default names as `sql_name` (`seq`, `app.seq`,
/// `"Sales Ops".seq`; unqualified means `public`).
fn is_kept_sequence(kept: &KeptObject, sql_name: &str) -> bool {
    if kept.kind != KeptKind::Sequence {
        return false;
    }
    let parts = name_parts(sql_name);
    let (schema, name) = match parts.as_slice() {
        [name] => ("public", name.as_str()),
        [schema, name] => (schema.as_str(), name.as_str()),
        _ => return false,
    };
    kept.name == name && kept.schema.as_deref().unwrap_or("public") == schema
}

/// The parts of a dotted SQL name, unquoted (`"a""b".c` is `a"b`, `c`); unquoted parts fold
/// to lower case, as PostgreSQL folds them.
fn name_parts(sql_name: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = sql_name.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                current.push('"');
            }
            ('"', _) => {
                quoted = !quoted;
                was_quoted = true;
            }
            ('.', false) => {
                parts.push(if was_quoted { std::mem::take(&mut current) } else { std::mem::take(&mut current).to_lowercase() });
                was_quoted = false;
            }
            (c, _) => current.push(c),
        }
    }
    parts.push(if was_quoted { current } else { current.to_lowercase() });
    parts
}

/// An index part as PostgreSQL writes it: the column (quoted where needed) or the expression,
/// then its collation, operator class and order.
pub(crate) fn index_part_text(part: &IndexPart) -> String {
    let mut out = match &part.key {
        IndexKey::Column(c) => Postgres.quote_identifier(c).into_owned(),
        IndexKey::Expression(e) => e.clone(),
    };
    push_part_options(part, &mut out);
    out
}

/// Appends ` COLLATE c opclass DESC NULLS FIRST`, each only where the part has it.
fn push_part_options(part: &IndexPart, out: &mut String) {
    if let Some(collation) = &part.collation {
        out.push_str(" COLLATE ");
        out.push_str(collation);
    }
    if let Some(opclass) = &part.opclass {
        out.push(' ');
        out.push_str(opclass);
    }
    if part.descending {
        out.push_str(" DESC");
    }
    match part.nulls_first {
        Some(true) => out.push_str(" NULLS FIRST"),
        Some(false) => out.push_str(" NULLS LAST"),
        None => {}
    }
}

/// Appends `n` spaces.
fn push_spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let step = n.min(SPACES.len());
        out.push_str(&SPACES[..step]);
        n -= step;
    }
}

/// `1 table`, `2 tables`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
