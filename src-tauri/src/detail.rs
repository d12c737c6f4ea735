//! What the window shows of one table (the inspector) and of the workspace's findings (the
//! rules panel). Serializable because they cross IPC; the projections from a `Registry` are
//! plain functions, tested without Tauri.

use std::collections::{HashMap, HashSet};

use relata_model::{
    AvailabilityStatus, Cardinality, ConnectionType, Diagnostic, EnforcementMode, EntryRef, IndexMethod, LineageKind, Location, MatchType,
    ReferentialAction, Registry, Relationship, RelationshipId, RelationshipType, RowType, Severity, Signal, SignalId, SignalRole, Table, TableId, TableRef,
    TableStatus, Vocabulary,
};
use serde::Serialize;

/// One table with its columns, relationships and findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TableDetail {
    /// The whole table_overview entry, which the table form edits and sends back.
    #[cfg_attr(test, ts(type = "Table"))]
    pub entry: Table,
    /// `schema_name`.
    pub schema: String,
    /// `table_name`.
    pub name: String,
    /// `table_prefix`, when set.
    pub prefix: Option<String>,
    /// `module_name`: the table group.
    pub module: String,
    /// Lifecycle status.
    #[cfg_attr(test, ts(type = "TableStatus"))]
    pub status: &'static str,
    /// `purpose`.
    pub purpose: Option<String>,
    /// `notes`.
    pub notes: Option<String>,
    /// Primary key columns in order.
    pub primary_key: Vec<String>,
    /// The table's columns (binding signals) in ordinal order.
    pub columns: Vec<ColumnDetail>,
    /// Relationships in which the table is the child or the parent (self-references once).
    pub relationships: Vec<RelationshipSummary>,
    /// Diagram-only lines at the table (lines of a Mermaid diagram that say no join columns):
    /// the form lists them, and deletes one (`Edit::DeleteDiagramLine`) to answer rule R320.
    pub diagram_lines: Vec<DiagramLineSummary>,
    /// Findings about the table, its columns or its relationships, each with the relationship
    /// it points at (so a relationship form shows its own, whatever its key).
    pub diagnostics: Vec<Finding>,
    /// A partitioned table's own partitions (in registry order), each with its bound: the
    /// form lists them, and a click opens one.
    pub partitions: Vec<PartitionSummary>,
}

/// One partition of a partitioned table, as its form lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PartitionSummary {
    /// The partition's schema.
    pub schema: String,
    /// The partition's name.
    pub table: String,
    /// Its bound as PostgreSQL writes it (`FOR VALUES …` or `DEFAULT`).
    pub bound: String,
    /// Whether it is itself partitioned (its own form lists its partitions).
    pub partitioned: bool,
}

/// One column as the inspector lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ColumnDetail {
    /// The whole signal_registry entry, which the column grid edits and sends back.
    #[cfg_attr(test, ts(type = "Signal"))]
    pub entry: Signal,
    /// `column_name`.
    pub name: String,
    /// `data_type`, as written.
    pub data_type: String,
    /// `is_nullable`.
    pub nullable: bool,
    /// `column_default`, as written.
    pub default: Option<String>,
    /// `signal_role`.
    #[cfg_attr(test, ts(type = "SignalRole"))]
    pub role: &'static str,
    /// Part of the primary key.
    pub primary_key: bool,
    /// A child column of some relationship.
    pub foreign_key: bool,
    /// `semantic_description`.
    pub description: Option<String>,
    /// The DBML partial that brings the column into the table, when one does.
    pub partial: Option<PartialDetail>,
}

/// Where a column a DBML `TablePartial` brings comes from, as the table form marks it
/// ("from partial ~timestamps (used by 3 tables)").
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PartialDetail {
    /// The partial's name, without the `~`.
    pub name: String,
    /// How many tables inject it with this column (this one included): what editing the
    /// column's type, nullability, default or description changes.
    pub tables: u32,
    /// Whether such an edit rewrites the partial; when not, each of those tables defines
    /// the column itself from then on, overriding the partial.
    pub rewrites: bool,
}

/// The edit that changes a column a partial brings, in every table using the partial, and
/// what it does; the window applies the edit as any other.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PartialEditProposal {
    /// One undoable edit: a `put_partial`, or a batch of puts when the partial's text cannot
    /// be rewritten.
    #[cfg_attr(test, ts(type = "Edit"))]
    pub edit: relata_model::Edit,
    /// Whether it rewrites the partial (else every table using it overrides it).
    pub rewrites: bool,
}

/// The edit giving `column` of `table` (brought by a DBML partial) the type, nullability,
/// default, description and identity of `signal` in every table using the partial; `None`
/// when no partial brought it.
pub fn partial_edit(registry: &Registry, table: &TableRef, column: &str, signal: &Signal) -> Option<PartialEditProposal> {
    use relata_formats::dbml::partials::{column_edit, PartialEdit};
    Some(match column_edit(registry, table, column, signal)? {
        PartialEdit::Rewrite(edit) => PartialEditProposal { edit, rewrites: true },
        PartialEdit::Override(edit) => PartialEditProposal { edit, rewrites: false },
    })
}

/// A relationship seen from one of its tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RelationshipSummary {
    /// The whole relationship_registry entry, which the relationship form edits.
    #[cfg_attr(test, ts(type = "Relationship"))]
    pub entry: Relationship,
    /// `relationship_key`.
    pub key: String,
    /// `child` when the table holds the referencing columns, `parent` otherwise.
    pub side: RelationshipSide,
    /// The table at the other end, `schema.table`.
    pub other: String,
    /// This table's columns, in order.
    pub columns: Vec<String>,
    /// The other table's columns, in order.
    pub other_columns: Vec<String>,
    /// `relationship_type`.
    #[cfg_attr(test, ts(type = "RelationshipType"))]
    pub relationship_type: &'static str,
    /// `cardinality`, when set.
    #[cfg_attr(test, ts(type = "Cardinality | null"))]
    pub cardinality: Option<&'static str>,
    /// `availability_status`.
    #[cfg_attr(test, ts(type = "AvailabilityStatus"))]
    pub availability: &'static str,
}

/// A diagram-only line seen from one of its tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DiagramLineSummary {
    /// Its position in the workspace's Mermaid lines (what `delete_diagram_line` takes).
    pub position: usize,
    /// `child` when the table would hold the join columns (the end R320 points at).
    pub side: RelationshipSide,
    /// The table at the other end, `schema.table`.
    pub other: String,
    /// The line's label (empty when it has none).
    pub label: String,
}

/// Which end of a relationship a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum RelationshipSide {
    /// The table holds the referencing columns.
    Child,
    /// The table is referenced.
    Parent,
}

/// The inspector's view of `table`, or `None` when the registry has no such table.
pub fn table_detail(registry: &Registry, diagnostics: &[Diagnostic], table: &TableRef) -> Option<TableDetail> {
    let t = registry.table(table)?;
    let relationships: Vec<&Relationship> = registry
        .relationships
        .iter()
        .filter(|r| r.child.table_ref() == *table || r.parent.table_ref() == *table)
        .collect();
    let columns = registry
        .columns_of(table)
        .into_iter()
        .map(|s| ColumnDetail {
            entry: s.clone(),
            name: s.column.clone(),
            data_type: s.data_type.clone(),
            nullable: s.nullable,
            default: s.default.clone(),
            role: s.role.as_str(),
            primary_key: t.primary_key.contains(&s.column),
            foreign_key: relationships.iter().any(|r| r.child.table_ref() == *table && r.child.columns.contains(&s.column)),
            description: s.description.clone(),
            partial: relata_formats::dbml::partials::partial_of(registry, table, &s.column).map(|p| PartialDetail {
                name: p.partial,
                tables: u32::try_from(p.tables).unwrap_or(u32::MAX),
                rewrites: p.rewritable,
            }),
        })
        .collect();
    let mine = Mine {
        table: t,
        signals: registry.signals.iter().filter(|s| s.table.as_ref() == Some(table)).map(|s| s.id).collect(),
        relationships: relationships.iter().map(|r| r.id).collect(),
    };
    Some(TableDetail {
        entry: t.clone(),
        schema: t.schema.clone(),
        name: t.name.clone(),
        prefix: t.prefix.clone(),
        module: t.module.clone(),
        status: t.status.as_str(),
        purpose: t.purpose.clone(),
        notes: t.notes.clone(),
        primary_key: t.primary_key.clone(),
        columns,
        relationships: relationships.iter().map(|r| summary(r, table)).collect(),
        diagram_lines: registry
            .mermaid
            .diagram_only_lines()
            .filter_map(|(position, line)| {
                let (child, parent) = line.child_and_parent();
                let (side, other) = if child == table {
                    (RelationshipSide::Child, parent)
                } else if parent == table {
                    (RelationshipSide::Parent, child)
                } else {
                    return None;
                };
                Some(DiagramLineSummary { position, side, other: other.to_string(), label: line.label.clone() })
            })
            .collect(),
        diagnostics: findings(registry, &diagnostics.iter().filter(|d| mine.concerns(d)).cloned().collect::<Vec<_>>()),
        partitions: registry
            .tables
            .iter()
            .filter_map(|p| {
                let of = p.partition_of.as_ref().filter(|o| o.parent == *table)?;
                Some(PartitionSummary { schema: p.schema.clone(), table: p.name.clone(), bound: of.bound.clone(), partitioned: p.partition_by.is_some() })
            })
            .collect(),
    })
}

/// A diagnostic as the rules panel lists it, with the table (and relationship) to open when it
/// is clicked. Its
/// fields are the diagnostic's, spelled out rather than `#[serde(flatten)]`ed (the same JSON):
/// ts-rs can only flatten a type that implements `TS` here, and the model's types do so only in
/// the model's own tests.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Finding {
    /// Stable code, e.g. `R101`.
    pub code: &'static str,
    /// How bad it is.
    #[cfg_attr(test, ts(type = "Severity"))]
    pub severity: Severity,
    /// Where it points.
    #[cfg_attr(test, ts(type = "Location"))]
    pub location: Location,
    /// What is wrong and, where possible, how to fix it.
    pub message: String,
    /// The table the finding concerns (a relationship's child table), when there is one.
    #[cfg_attr(test, ts(type = "TableRef | null"))]
    pub table: Option<TableRef>,
    /// The relationship a relationship_registry finding points at (by the id in its location),
    /// so the window opens its form by id.
    #[cfg_attr(test, ts(type = "RelationshipId | null"))]
    pub relationship: Option<RelationshipId>,
}

/// Every finding, errors first, then warnings and notes, each in the order they were found.
pub fn findings(registry: &Registry, diagnostics: &[Diagnostic]) -> Vec<Finding> {
    let entries = Entries::of(registry);
    by_severity(diagnostics.to_vec())
        .into_iter()
        .map(|d| {
            let relationship = entries.relationship_of(&d);
            let table = match relationship {
                Some(r) => Some(r.child.table_ref()),
                None => entries.table_of(&d),
            };
            let relationship = relationship.map(|r| r.id);
            // Every field, so a new one of `Diagnostic` does not compile until it is here too.
            let Diagnostic { code, severity, location, message } = d;
            Finding { code, severity, location, message, table, relationship }
        })
        .collect()
}

/// Errors first, then warnings, then notes; stable, so findings of one severity keep the
/// rules' order (registry order).
fn by_severity(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(|d| d.severity);
    diagnostics
}

/// The registry's entries by id, made once for all findings: a search of every table per
/// finding took minutes at 10,000 tables.
struct Entries<'r> {
    /// Every table.
    tables: HashMap<TableId, &'r Table>,
    /// The table of every signal that has one.
    signals: HashMap<SignalId, &'r TableRef>,
    /// Every relationship.
    relationships: HashMap<RelationshipId, &'r Relationship>,
}

impl<'r> Entries<'r> {
    fn of(registry: &'r Registry) -> Self {
        Self {
            tables: registry.tables.iter().map(|t| (t.id, t)).collect(),
            signals: registry.signals.iter().filter_map(|s| Some((s.id, s.table.as_ref()?))).collect(),
            relationships: registry.relationships.iter().map(|r| (r.id, r)).collect(),
        }
    }

    /// The relationship a finding points at.
    fn relationship_of(&self, d: &Diagnostic) -> Option<&'r Relationship> {
        let Location::Entry { entry: EntryRef::Relationship { id }, .. } = &d.location else { return None };
        self.relationships.get(id).copied()
    }

    /// The table a finding about a table (its row or its data in relata.json) or one of its
    /// signals points at.
    fn table_of(&self, d: &Diagnostic) -> Option<TableRef> {
        let Location::Entry { entry, .. } = &d.location else { return None };
        match entry {
            EntryRef::Table { id } => self.tables.get(id).map(|t| t.table_ref()),
            EntryRef::Signal { id } => self.signals.get(id).map(|t| (*t).clone()),
            _ => None,
        }
    }
}

/// A table's entries: itself, its signals and the relationships it takes part in.
struct Mine<'r> {
    table: &'r Table,
    signals: HashSet<SignalId>,
    relationships: HashSet<RelationshipId>,
}

impl Mine<'_> {
    /// Whether a finding points at one of the table's entries.
    fn concerns(&self, d: &Diagnostic) -> bool {
        let Location::Entry { entry, .. } = &d.location else { return false };
        match entry {
            EntryRef::Table { id } => *id == self.table.id,
            EntryRef::UnregisteredTable { table } => *table == self.table.table_ref(),
            EntryRef::Signal { id } => self.signals.contains(id),
            EntryRef::Relationship { id } => self.relationships.contains(id),
            EntryRef::Module { .. } | EntryRef::Row { .. } => false,
        }
    }
}

fn summary(r: &Relationship, table: &TableRef) -> RelationshipSummary {
    let is_child = r.child.table_ref() == *table;
    let (this, other) = if is_child { (&r.child, &r.parent) } else { (&r.parent, &r.child) };
    RelationshipSummary {
        entry: r.clone(),
        key: r.key.clone(),
        side: if is_child { RelationshipSide::Child } else { RelationshipSide::Parent },
        other: format!("{}.{}", other.schema, other.table),
        columns: this.columns.clone(),
        other_columns: other.columns.clone(),
        relationship_type: r.relationship_type.as_str(),
        cardinality: r.cardinality.map(Vocabulary::as_str),
        availability: r.availability.as_str(),
    }
}

/// Everything the command palette can jump to, sent once per open workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SearchIndex {
    /// Every table.
    pub tables: Vec<TableEntry>,
    /// Every column of every table.
    pub columns: Vec<ColumnEntry>,
    /// Every relationship.
    pub relationships: Vec<RelationshipEntry>,
}

/// A table in the palette.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TableEntry {
    /// `table_id`: finds the table again after a rename.
    #[cfg_attr(test, ts(type = "TableId"))]
    pub id: relata_model::TableId,
    /// `schema_name`.
    pub schema: String,
    /// `table_name`.
    pub name: String,
    /// `module_name`.
    pub module: String,
}

/// A column in the palette.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ColumnEntry {
    /// The column's table.
    #[cfg_attr(test, ts(type = "TableRef"))]
    pub table: TableRef,
    /// `column_name`.
    pub column: String,
    /// `data_type`.
    pub data_type: String,
}

/// A relationship in the palette; choosing it opens the child table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RelationshipEntry {
    /// `relationship_id`: finds the relationship again after its key or ends change.
    #[cfg_attr(test, ts(type = "RelationshipId"))]
    pub id: relata_model::RelationshipId,
    /// `relationship_key`.
    pub key: String,
    /// The child table.
    #[cfg_attr(test, ts(type = "TableRef"))]
    pub child: TableRef,
    /// The parent table.
    #[cfg_attr(test, ts(type = "TableRef"))]
    pub parent: TableRef,
}

/// The palette's index of `registry`, in registry order.
pub fn search_index(registry: &Registry) -> SearchIndex {
    SearchIndex {
        tables: registry
            .tables
            .iter()
            .map(|t| TableEntry { id: t.id, schema: t.schema.clone(), name: t.name.clone(), module: t.module.clone() })
            .collect(),
        columns: registry
            .signals
            .iter()
            .filter(|s| s.row_type == relata_model::RowType::Binding)
            .filter_map(|s| {
                let table = s.table.clone()?;
                Some(ColumnEntry { table, column: s.column.clone(), data_type: s.data_type.clone() })
            })
            .collect(),
        relationships: registry
            .relationships
            .iter()
            .map(|r| RelationshipEntry { id: r.id, key: r.key.clone(), child: r.child.table_ref(), parent: r.parent.table_ref() })
            .collect(),
    }
}

/// Every controlled vocabulary the forms offer as a select, keyed by the model field that
/// holds it (`action` for both `on_delete` and `on_update`), each in the seed's order: one
/// source of truth for the window's option lists. Its TypeScript names the model's generated
/// vocabulary types (ui/src/ipc/model.generated.ts), so a select's value is one of its words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Vocabularies {
    /// `Table::status`.
    #[cfg_attr(test, ts(type = "Array<TableStatus>"))]
    pub status: &'static [TableStatus],
    /// `Signal::role`.
    #[cfg_attr(test, ts(type = "Array<SignalRole>"))]
    pub role: &'static [SignalRole],
    /// `Signal::row_type`.
    #[cfg_attr(test, ts(type = "Array<RowType>"))]
    pub row_type: &'static [RowType],
    /// `Signal::connection`.
    #[cfg_attr(test, ts(type = "Array<ConnectionType>"))]
    pub connection: &'static [ConnectionType],
    /// `Relationship::availability`.
    #[cfg_attr(test, ts(type = "Array<AvailabilityStatus>"))]
    pub availability: &'static [AvailabilityStatus],
    /// `Relationship::relationship_type`.
    #[cfg_attr(test, ts(type = "Array<RelationshipType>"))]
    pub relationship_type: &'static [RelationshipType],
    /// `Relationship::enforcement`.
    #[cfg_attr(test, ts(type = "Array<EnforcementMode>"))]
    pub enforcement: &'static [EnforcementMode],
    /// `Relationship::cardinality`.
    #[cfg_attr(test, ts(type = "Array<Cardinality>"))]
    pub cardinality: &'static [Cardinality],
    /// `Relationship::match_type`.
    #[cfg_attr(test, ts(type = "Array<MatchType>"))]
    pub match_type: &'static [MatchType],
    /// `Relationship::on_delete` and `on_update`.
    #[cfg_attr(test, ts(type = "Array<ReferentialAction>"))]
    pub action: &'static [ReferentialAction],
    /// `Index::method` and `Relationship::child_index_method`.
    #[cfg_attr(test, ts(type = "Array<IndexMethod>"))]
    pub index_method: &'static [IndexMethod],
    /// `Relationship::lineage`.
    #[cfg_attr(test, ts(type = "Array<LineageKind>"))]
    pub lineage: &'static [LineageKind],
}

/// The vocabularies the forms offer.
pub fn vocabularies() -> Vocabularies {
    Vocabularies {
        status: TableStatus::ALL,
        role: SignalRole::ALL,
        row_type: RowType::ALL,
        connection: ConnectionType::ALL,
        availability: AvailabilityStatus::ALL,
        relationship_type: RelationshipType::ALL,
        enforcement: EnforcementMode::ALL,
        cardinality: Cardinality::ALL,
        match_type: MatchType::ALL,
        action: ReferentialAction::ALL,
        index_method: IndexMethod::ALL,
        lineage: LineageKind::ALL,
    }
}
