//! What an export covers: the options every exporter (DBML, Mermaid, SQL) takes, and the
//! [`Scope`] they all print from, so every format selects the same tables and relationships.

use std::collections::{HashMap, HashSet};

use relata_model::{
    AvailabilityStatus, Registry, Relationship, Signal, Table, TableRef, TableStatus,
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

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Dbml => "dbml",
            Self::Mermaid => "mmd",
            Self::Sql | Self::RegistrySql => "sql",
        }
    }
}

/// Exports what `options` selects of `registry` as `format`; SQL names (generated constraint
/// and index names, their length limit) come from `rules`. The same input gives the same
/// bytes. This is the one entry point the CLI and the app call.
pub fn export(registry: &Registry, format: ExportFormat, options: &ExportOptions, rules: &RuleSet) -> String {
    match format {
        ExportFormat::Dbml => Dbml::new(registry, options).to_string(),
        ExportFormat::Mermaid => Mermaid::new(registry, options).to_string(),
        ExportFormat::Sql => with_scope(registry, options, |r| Ddl::new(r, &Postgres, rules).to_string()),
        ExportFormat::RegistrySql => {
            let options = ExportOptions { include_inactive: true, ..options.clone() };
            with_scope(registry, &options, |r| RegistryInserts::new(r, &Postgres).to_string())
        }
    }
}

/// Runs `print` on `registry` cut down to `options`; without a filter, on `registry` itself
/// (no copy).
fn with_scope(registry: &Registry, options: &ExportOptions, print: impl FnOnce(&Registry) -> String) -> String {
    if options.modules.is_empty() && options.statuses.is_empty() && options.include_inactive {
        print(registry)
    } else {
        print(&Scope::new(registry, options).to_registry())
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
}

/// The tables and relationships of one export, in the order every exporter prints them.
///
/// Tables are sorted by schema, then name (byte order), so the same registry gives the same
/// output whatever order its rows were loaded in. A relationship is in scope when both its
/// tables are, and it is active or [`ExportOptions::include_inactive`] is set; relationships
/// are sorted by child schema, child table, then `relationship_key`.
#[derive(Debug, Clone)]
pub struct Scope<'a> {
    /// The registry the scope was taken from (for modules and enums).
    pub registry: &'a Registry,
    /// Tables in scope, sorted by schema, then name.
    pub tables: Vec<&'a Table>,
    /// Relationships in scope, sorted by child schema, child table, key.
    pub relationships: Vec<&'a Relationship>,
    columns: HashMap<TableRef, Vec<&'a Signal>>,
}

impl<'a> Scope<'a> {
    /// Selects what `options` asks for from `registry`.
    pub fn new(registry: &'a Registry, options: &ExportOptions) -> Self {
        let mut tables: Vec<&Table> = registry
            .tables
            .iter()
            .filter(|t| options.modules.is_empty() || options.modules.contains(&t.module))
            .filter(|t| options.statuses.is_empty() || options.statuses.contains(&t.status))
            .collect();
        tables.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
        // The registry may list a table twice (a rule reports it); an export names it once.
        tables.dedup_by(|a, b| a.schema == b.schema && a.name == b.name);

        let in_scope: HashSet<TableRef> = tables.iter().map(|t| t.table_ref()).collect();
        let mut relationships: Vec<&Relationship> = registry
            .relationships
            .iter()
            .filter(|r| options.include_inactive || r.availability == AvailabilityStatus::Active)
            .filter(|r| {
                in_scope.contains(&r.child.table_ref()) && in_scope.contains(&r.parent.table_ref())
            })
            .collect();
        relationships.sort_by(|a, b| {
            (&a.child.schema, &a.child.table, &a.key).cmp(&(
                &b.child.schema,
                &b.child.table,
                &b.key,
            ))
        });

        // One pass over the signals instead of one per table: registries reach thousands of
        // tables and tens of thousands of signals.
        let mut columns: HashMap<TableRef, Vec<&Signal>> = HashMap::new();
        for signal in &registry.signals {
            if let Some(table) = signal.table.as_ref().filter(|t| in_scope.contains(*t)) {
                if signal.is_column_of(table) {
                    columns.entry(table.clone()).or_default().push(signal);
                }
            }
        }
        for list in columns.values_mut() {
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
            columns,
        }
    }

    /// The columns (binding signals) of `table`, by ordinal position, then name; each name once.
    pub fn columns(&self, table: &Table) -> &[&'a Signal] {
        self.columns
            .get(&table.table_ref())
            .map_or(&[], Vec::as_slice)
    }

    /// The column `name` of `table`, if the signal registry binds one.
    pub fn column(&self, table: &TableRef, name: &str) -> Option<&'a Signal> {
        self.columns
            .get(table)?
            .iter()
            .copied()
            .find(|s| s.column == name)
    }

    /// The scope as a registry of its own: the tables in scope with their signals (concepts
    /// kept), the relationships in scope, the modules those use, every enum type, and the pins
    /// of tables in scope — in the original registry's order.
    pub fn to_registry(&self) -> Registry {
        let tables: HashSet<TableRef> = self.tables.iter().map(|t| t.table_ref()).collect();
        // By identity, not key: a registry may (wrongly) hold two relationships with one key.
        let relationships: HashSet<*const Relationship> = self.relationships.iter().map(|r| *r as *const Relationship).collect();
        let r = self.registry;
        let tables_kept: Vec<Table> = r.tables.iter().filter(|t| tables.contains(&t.table_ref())).cloned().collect();
        let modules: HashSet<&str> = tables_kept.iter().map(|t| t.module.as_str()).collect();
        Registry {
            signals: r.signals.iter().filter(|s| s.table.as_ref().is_none_or(|t| tables.contains(t))).cloned().collect(),
            relationships: r.relationships.iter().filter(|x| relationships.contains(&(*x as *const Relationship))).cloned().collect(),
            modules: r.modules.iter().filter(|m| modules.contains(m.name.as_str())).cloned().collect(),
            enums: r.enums.clone(),
            pins: r.pins.iter().filter(|p| tables.contains(&p.table)).cloned().collect(),
            tables: tables_kept,
        }
    }

    /// Whether `table` binds every one of `columns`.
    pub fn has_columns(&self, table: &TableRef, columns: &[String]) -> bool {
        columns.iter().all(|c| self.column(table, c).is_some())
    }
}
