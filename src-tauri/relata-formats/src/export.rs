//! What an export covers: the options every exporter (DBML, Mermaid, SQL) takes, and the
//! [`Scope`] they all print from, so every format selects the same tables and relationships.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use relata_model::{
    AvailabilityStatus, Diagnostic, EnumType, KeptObject, Location, Registry, RegistryKind, Relationship, RowType,
    Signal, Table, TableRef, TableStatus,
};
use relata_rules::RuleSet;

use crate::dbml::Dbml;
use crate::mermaid::Mermaid;
use crate::sql::{Ddl, Postgres, RegistryInserts};

/// The text formats a registry exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// DBML as dbdiagram.io reads it (@dbml/core's dbmlv2 grammar).
    Dbml,
    /// A Mermaid `erDiagram`.
    Mermaid,
    /// PostgreSQL DDL: schemas, enum types, tables, keys, FKs, indexes, comments.
    Sql,
    /// The registries themselves as `INSERT`s for `registries/ddl/`. Every relationship in
    /// scope is written whatever its availability: these are registry rows, not constraints.
    RegistrySql,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [ExportFormat; 4] = [Self::Dbml, Self::Mermaid, Self::Sql, Self::RegistrySql];

    /// The name `relata export --to` takes: `dbml`, `mermaid`, `sql`, `registry-sql`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Dbml => "dbml",
            Self::Mermaid => "mermaid",
            Self::Sql => "sql",
            Self::RegistrySql => "registry-sql",
        }
    }

    /// The tool that reads this format's output, as a message names it: what
    /// [`breaking_findings`] says would fail.
    pub fn consumer(self) -> &'static str {
        match self {
            Self::Dbml => "@dbml/core (dbdiagram.io)",
            Self::Mermaid => "Mermaid",
            Self::Sql => "PostgreSQL",
            Self::RegistrySql => "the registry tables of registries/ddl",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Dbml => "dbml",
            Self::Mermaid => "mmd",
            Self::Sql | Self::RegistrySql => "sql",
        }
    }
}

impl ExportFormat {
    /// The format named `name` as `relata export --to` spells it (`dbml`, `mermaid`, `sql`,
    /// `registry-sql`).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Why an export request names something the registry or Relata does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// No export format has this name.
    UnknownFormat(String),
    /// The registry has no module of this name.
    UnknownModule {
        /// The name asked for.
        module: String,
        /// The registry's modules.
        known: Vec<String>,
    },
    /// Not a table status.
    UnknownStatus(relata_model::UnknownValue),
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownFormat(name) => write!(f, "unknown export format `{name}`; use dbml, mermaid, sql or registry-sql"),
            Self::UnknownModule { module, known } => {
                write!(f, "no module named `{module}`; the modules are: {}", known.join(", "))
            }
            Self::UnknownStatus(e) => write!(f, "unknown status `{}`; use one of: {}", e.value, e.expected),
        }
    }
}

impl std::error::Error for RequestError {}

impl ExportOptions {
    /// Options from what a person typed or picked: module names checked against `registry`,
    /// statuses parsed. The CLI and the app's export dialog both build their options here.
    pub fn checked(registry: &Registry, modules: &[String], statuses: &[String], include_inactive: bool) -> Result<Self, RequestError> {
        let known = registry.module_names();
        if let Some(module) = modules.iter().find(|m| !known.contains(&m.as_str())) {
            return Err(RequestError::UnknownModule { module: module.clone(), known: known.iter().map(|k| (*k).to_owned()).collect() });
        }
        let statuses = statuses
            .iter()
            .map(|s| <TableStatus as relata_model::Vocabulary>::parse(s).map_err(RequestError::UnknownStatus))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { modules: modules.to_vec(), statuses, include_inactive, ..Self::default() })
    }
}

/// Exports what `options` selects of `registry` as `format`; SQL names (generated constraint
/// and index names, their length limit) come from `rules`. The same input gives the same
/// bytes. This is the one entry point the CLI and the app call.
pub fn export(registry: &Registry, format: ExportFormat, options: &ExportOptions, rules: &RuleSet) -> String {
    let mut out = String::new();
    match format {
        ExportFormat::Dbml => {
            Dbml::new(registry, options).write(&mut out);
            left_out_views(registry, options, "//", &mut out);
        }
        ExportFormat::Mermaid => {
            Mermaid::new(registry, options).write(&mut out);
            left_out_views(registry, options, "%%", &mut out);
        }
        ExportFormat::Sql => Ddl::from_rows(rows(registry, options), &Postgres, rules).write(&mut out),
        ExportFormat::RegistrySql => {
            let options = ExportOptions { include_inactive: true, ..options.clone() };
            RegistryInserts::from_rows(rows(registry, &options), &Postgres).write(&mut out);
        }
    }
    out
}

/// Appends a comment (`comment` opens it) naming the views of what `options` selects, which
/// a language without views leaves out: the reader learns they exist, and nothing says they
/// are tables.
fn left_out_views(registry: &Registry, options: &ExportOptions, comment: &str, out: &mut String) {
    let views: Vec<String> =
        Scope::new(registry, options).tables.iter().filter(|t| t.is_view()).map(|t| t.table_ref().to_string()).collect();
    if !views.is_empty() {
        let _ = writeln!(out, "{comment} Not written, as this language has no views: {}.", views.join(", "));
    }
}

/// The findings of `findings` (the rules' diagnostics of `registry`) that make `format`'s
/// export of what `options` selects fail in the tool that reads it, in their given order.
/// The CLI refuses to write such an export without `--force`; the app's export dialog lists
/// them and asks before it writes.
///
/// Only a finding on an entry the export writes counts, and only one of a code that really
/// breaks that format's consumer, whatever severity the rule set gave it (PostgreSQL refuses
/// the constraint all the same):
/// - [`ExportFormat::Sql`] (PostgreSQL applying the DDL): on a foreign key the DDL writes (a
///   database-enforced relationship whose two tables are exported), an unknown column (R302),
///   incompatible column types (R303: "foreign key constraint … cannot be implemented"), no
///   columns (R310), column lists of different lengths (R311) and parent columns that are no
///   key (R314: "there is no unique constraint matching given keys"); on an exported table, a
///   primary-key, index or unique-constraint column that is not a column (R106, R107); a
///   column registered twice (R202: "column specified more than once"). Not the names past
///   the identifier limit (R109, R110, R207, R308): the DDL shortens every one of them with
///   [`relata_rules::shorten_identifier`]. Not a relationship to a table that is not exported
///   (R301): the DDL names it in a comment. Not R309 (a required cycle) or R313 (`set null` on
///   a NOT NULL column): PostgreSQL creates those constraints and fails only on later rows.
/// - [`ExportFormat::RegistrySql`] (the INSERTs loading into `registries/ddl/`): what breaks
///   the design's constraints there — a table or signal registered twice (R105, R202), a
///   `relationship_key` used twice (R306), no columns (R310), lists of different lengths
///   (R311), `initially_deferred` without `deferrable` (R312).
/// - [`ExportFormat::Dbml`] and [`ExportFormat::Mermaid`]: none. The DBML export writes a
///   `Ref` or index @dbml/core would refuse as a comment and each table and column once;
///   Mermaid relates entities, not columns.
pub fn breaking_findings<'d>(
    registry: &Registry,
    format: ExportFormat,
    options: &ExportOptions,
    findings: &'d [Diagnostic],
) -> Vec<&'d Diagnostic> {
    use relata_rules::codes::*;
    let options = match format {
        ExportFormat::Dbml | ExportFormat::Mermaid => return Vec::new(),
        ExportFormat::Sql => options.clone(),
        ExportFormat::RegistrySql => ExportOptions { include_inactive: true, ..options.clone() },
    };
    let scope = Scope::new(registry, &options);
    // The entry keys the export writes, spelt as the rules spell them.
    let tables: HashSet<String> = scope.tables.iter().map(|t| relata_rules::table_key(&t.table_ref())).collect();
    let signals: HashSet<String> = scope.rows().signals.iter().map(|s| relata_rules::signal_key(s)).collect();
    let relationships: HashSet<String> = scope
        .relationships
        .iter()
        .filter(|r| format == ExportFormat::RegistrySql || r.is_db_enforceable())
        .map(|r| relata_rules::relationship_key(r))
        .collect();
    let breaks = |d: &Diagnostic| {
        let Location::Entry { registry: kind, key, .. } = &d.location else { return false };
        let written = match kind {
            RegistryKind::TableOverview => tables.contains(key),
            RegistryKind::SignalRegistry => signals.contains(key),
            RegistryKind::RelationshipRegistry => relationships.contains(key),
            RegistryKind::Relata => false,
        };
        let code = d.code;
        written
            && match format {
                ExportFormat::Sql => match kind {
                    RegistryKind::RelationshipRegistry => [R302, R303, R310, R311, R314].contains(&code),
                    RegistryKind::TableOverview => [R106, R107].contains(&code),
                    // A concept is no column of the DDL.
                    RegistryKind::SignalRegistry => code == R202 && !key.starts_with("concept:"),
                    RegistryKind::Relata => false,
                },
                ExportFormat::RegistrySql => [R105, R202, R306, R310, R311, R312].contains(&code),
                ExportFormat::Dbml | ExportFormat::Mermaid => false,
            }
    };
    findings.iter().filter(|d| breaks(d)).collect()
}

/// The rows of `registry` that `options` selects: without a filter, all of them.
fn rows<'a>(registry: &'a Registry, options: &ExportOptions) -> Rows<'a> {
    let mut rows = if options.modules.is_empty() && options.statuses.is_empty() && options.include_inactive {
        Rows::all(registry)
    } else {
        Scope::new(registry, options).rows()
    };
    if options.no_owner || options.no_privileges {
        rows.kept.retain(|k| match k.kind {
            relata_model::KeptKind::Owner => !options.no_owner,
            relata_model::KeptKind::Grant => !options.no_privileges,
            _ => true,
        });
    }
    rows
}

/// Registry rows, borrowed and in registry order: all of a registry's ([`Rows::all`]) or
/// those a scope keeps ([`Scope::rows`]). The SQL printers read these, so an export with a
/// filter does not copy the registry.
#[derive(Debug, Clone)]
pub(crate) struct Rows<'a> {
    /// `table_overview` rows.
    pub tables: Vec<&'a Table>,
    /// `signal_registry` rows.
    pub signals: Vec<&'a Signal>,
    /// `relationship_registry` rows.
    pub relationships: Vec<&'a Relationship>,
    /// The enum types (a scope keeps them all).
    pub enums: &'a [EnumType],
    /// The kept statements: a scope keeps those of no table and those of its tables.
    pub kept: Vec<&'a KeptObject>,
}

impl<'a> Rows<'a> {
    /// Every row of `registry`.
    pub fn all(registry: &'a Registry) -> Self {
        Self {
            tables: registry.tables.iter().collect(),
            signals: registry.signals.iter().collect(),
            relationships: registry.relationships.iter().collect(),
            enums: &registry.enums,
            kept: registry.kept.iter().collect(),
        }
    }
}

/// Which part of a registry an export covers. An empty list means "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Only tables owned by these modules (`module_name`); empty: every module.
    pub modules: Vec<String>,
    /// Only tables with these lifecycle statuses; empty: every status.
    pub statuses: Vec<TableStatus>,
    /// Also export relationships whose `availability_status` is not `active` (the seed:
    /// "only active relationships are enforced or emitted by default").
    pub include_inactive: bool,
    /// Leave out the kept `ALTER … OWNER TO` statements (SQL), as `pg_dump --no-owner` does.
    pub no_owner: bool,
    /// Leave out the kept `GRANT` / `REVOKE` and default privileges (SQL), as `pg_dump
    /// --no-privileges` does.
    pub no_privileges: bool,
}

/// The tables and relationships of one export, in the order every exporter prints them.
///
/// Tables are sorted by schema, then name (byte order), so the same registry gives the same
/// output whatever order its rows were loaded in. A relationship is in scope when both its
/// tables are, and it is active or [`ExportOptions::include_inactive`] is set; relationships
/// are sorted by child schema, child table, then `relationship_key`.
///
/// Tables are known by their position in [`Scope::tables`] (sorted, each once): columns and
/// relationship ends are stored by that index, so exporters look nothing up by name.
#[derive(Debug, Clone)]
pub struct Scope<'a> {
    /// The registry the scope was taken from (for modules and enums).
    pub registry: &'a Registry,
    /// Tables in scope, sorted by schema, then name.
    pub tables: Vec<&'a Table>,
    /// Relationships in scope, sorted by child schema, child table, key.
    pub relationships: Vec<&'a Relationship>,
    /// The child and parent table of each relationship, as indices into `tables`.
    ends: Vec<(usize, usize)>,
    /// The columns of each table, indexed like `tables`.
    columns: Vec<Vec<&'a Signal>>,
    /// Where each table is in `tables`, by schema and name.
    positions: HashMap<(&'a str, &'a str), usize>,
}

impl<'a> Scope<'a> {
    /// Selects what `options` asks for from `registry`.
    pub fn new(registry: &'a Registry, options: &ExportOptions) -> Self {
        Self::select(registry, options, true)
    }

    /// Selects what `options` asks for from `registry`, but its views: what a language
    /// without views writes.
    pub fn tables(registry: &'a Registry, options: &ExportOptions) -> Self {
        Self::select(registry, options, false)
    }

    fn select(registry: &'a Registry, options: &ExportOptions, views: bool) -> Self {
        let mut tables: Vec<&Table> = registry
            .tables
            .iter()
            .filter(|t| views || !t.is_view())
            .filter(|t| options.modules.is_empty() || options.modules.contains(&t.module))
            .filter(|t| options.statuses.is_empty() || options.statuses.contains(&t.status))
            .collect();
        tables.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
        // The registry may list a table twice (a rule reports it); an export names it once.
        tables.dedup_by(|a, b| a.schema == b.schema && a.name == b.name);

        let positions: HashMap<(&str, &str), usize> =
            tables.iter().enumerate().map(|(i, t)| ((t.schema.as_str(), t.name.as_str()), i)).collect();
        let position = |schema: &str, name: &str| positions.get(&(schema, name)).copied();
        let mut found: Vec<(&Relationship, (usize, usize))> = registry
            .relationships
            .iter()
            .filter(|r| options.include_inactive || r.availability == AvailabilityStatus::Active)
            .filter_map(|r| {
                let child = position(&r.child.schema, &r.child.table)?;
                let parent = position(&r.parent.schema, &r.parent.table)?;
                Some((r, (child, parent)))
            })
            .collect();
        // The child's index orders as its schema and name do, since `tables` is sorted and
        // holds each name once. The sort is stable: equal keys keep registry order.
        found.sort_by(|(a, (a_child, _)), (b, (b_child, _))| (a_child, &a.key).cmp(&(b_child, &b.key)));
        let (relationships, ends) = found.into_iter().unzip();

        // One pass over the signals instead of one per table: registries reach thousands of
        // tables and tens of thousands of signals.
        let mut columns: Vec<Vec<&Signal>> = vec![Vec::new(); tables.len()];
        // The signals of one table usually sit together, so the last table found is tried
        // before the map.
        let mut last: Option<(&TableRef, Option<usize>)> = None;
        for signal in &registry.signals {
            let (Some(table), RowType::Binding) = (&signal.table, signal.row_type) else {
                continue;
            };
            let index = match last {
                Some((seen, index)) if seen == table => index,
                _ => {
                    let index = position(&table.schema, &table.table);
                    last = Some((table, index));
                    index
                }
            };
            if let Some(index) = index {
                columns[index].push(signal);
            }
        }
        for list in &mut columns {
            list.sort_by(|a, b| {
                (a.ordinal.unwrap_or(u32::MAX), &a.column)
                    .cmp(&(b.ordinal.unwrap_or(u32::MAX), &b.column))
            });
            list.dedup_by(|a, b| a.column == b.column);
        }
        Self {
            registry,
            tables,
            relationships,
            ends,
            columns,
            positions,
        }
    }

    /// Where the table `schema.name` is in [`Scope::tables`], if it is in scope.
    pub fn table_index(&self, schema: &str, name: &str) -> Option<usize> {
        self.positions.get(&(schema, name)).copied()
    }

    /// The child and parent of `self.relationships[index]`, as indices into
    /// [`Scope::tables`].
    pub fn ends(&self, index: usize) -> (usize, usize) {
        self.ends[index]
    }

    /// The columns (binding signals) of `self.tables[index]`, by ordinal position, then name;
    /// each name once.
    pub fn columns_at(&self, index: usize) -> &[&'a Signal] {
        &self.columns[index]
    }

    /// The columns (binding signals) of `table`, by ordinal position, then name; each name once.
    pub fn columns(&self, table: &Table) -> &[&'a Signal] {
        self.table_index(&table.schema, &table.name)
            .map_or(&[], |i| self.columns_at(i))
    }

    /// The column `name` of `table`, if the signal registry binds one.
    pub fn column(&self, table: &TableRef, name: &str) -> Option<&'a Signal> {
        let index = self.table_index(&table.schema, &table.table)?;
        self.columns_at(index).iter().copied().find(|s| s.column == name)
    }

    /// The scope as a registry of its own: the tables in scope with their signals (concepts
    /// kept), the relationships in scope, the modules those use, every enum type, and the pins
    /// of tables in scope — in the original registry's order.
    pub fn to_registry(&self) -> Registry {
        let rows = self.rows();
        let r = self.registry;
        let modules: HashSet<&str> = rows.tables.iter().map(|t| t.module.as_str()).collect();
        Registry {
            tables: rows.tables.into_iter().cloned().collect(),
            signals: rows.signals.into_iter().cloned().collect(),
            relationships: rows.relationships.into_iter().cloned().collect(),
            modules: r.modules.iter().filter(|m| modules.contains(m.name.as_str())).cloned().collect(),
            enums: r.enums.clone(),
            kept: rows.kept.into_iter().cloned().collect(),
            pins: r.pins.iter().filter(|p| self.table_index(&p.table.schema, &p.table.table).is_some()).cloned().collect(),
            dbml: r.dbml.only_tables(|t| self.table_index(&t.schema, &t.table).is_some()),
            mermaid: r.mermaid.clone(),
        }
    }

    /// The registry rows of [`Scope::to_registry`], borrowed.
    pub(crate) fn rows(&self) -> Rows<'a> {
        // By identity, not key: a registry may (wrongly) hold two relationships with one key.
        let relationships: HashSet<*const Relationship> = self.relationships.iter().map(|r| *r as *const Relationship).collect();
        let r = self.registry;
        let in_scope = |schema: &str, name: &str| self.table_index(schema, name).is_some();
        Rows {
            tables: r.tables.iter().filter(|t| in_scope(&t.schema, &t.name)).collect(),
            signals: r.signals.iter().filter(|s| s.table.as_ref().is_none_or(|t| in_scope(&t.schema, &t.table))).collect(),
            relationships: r.relationships.iter().filter(|x| relationships.contains(&(*x as *const Relationship))).collect(),
            enums: &r.enums,
            kept: {
                // A statement on a table goes with it; one on something the registry has no
                // table for (a view, a materialized view) goes with every export.
                let tables: HashSet<(&str, &str)> = r.tables.iter().map(|t| (t.schema.as_str(), t.name.as_str())).collect();
                r.kept
                    .iter()
                    .filter(|k| {
                        k.on.as_ref().is_none_or(|t| in_scope(&t.schema, &t.table) || !tables.contains(&(t.schema.as_str(), t.table.as_str())))
                    })
                    .collect()
            },
        }
    }

    /// Whether `table` binds every one of `columns`.
    pub fn has_columns(&self, table: &TableRef, columns: &[String]) -> bool {
        match self.table_index(&table.schema, &table.table) {
            Some(index) => self.has_columns_at(index, columns),
            None => columns.is_empty(),
        }
    }

    /// Whether `self.tables[index]` binds every one of `columns`.
    pub fn has_columns_at(&self, index: usize, columns: &[String]) -> bool {
        let bound = self.columns_at(index);
        columns.iter().all(|c| bound.iter().any(|s| s.column == *c))
    }
}
