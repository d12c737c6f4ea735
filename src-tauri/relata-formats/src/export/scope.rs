//! What an export covers: the options every exporter (DBML, Mermaid, SQL) takes, and the
//! [`Scope`] they all print from, so every format selects the same tables and relationships.

use std::collections::{HashMap, HashSet};

use relata_model::{
    AvailabilityStatus, EnumType, KeptObject, Registry, Relationship, RowType, Signal, Table, TableRef, TableStatus,
};

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

/// Registry rows, borrowed and in registry order: all of a registry's ([`Rows::all`]) or
/// those a scope keeps ([`Scope::rows`]). The SQL printers read these, so an export with a
/// filter does not copy the registry.
#[derive(Debug, Clone)]
pub struct Rows<'a> {
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
