//! Every export: [`ExportFormat`] names the formats and [`export`] writes one, from the
//! [`Scope`] every exporter prints from (`scope`, which the DBML, Mermaid and SQL printers use
//! without knowing this dispatcher); [`breaking_findings`] says which rule findings make an
//! export's consumer reject it.

pub mod scope;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use relata_model::{Diagnostic, EntryRef, Location, Registry, RegistryKind};
use relata_rules::RuleSet;

pub use scope::{ExportOptions, RequestError, Scope};

use crate::dbml::Dbml;
use crate::mermaid::Mermaid;
use crate::sql::{Ddl, Postgres, RegistryInserts};
use scope::Rows;

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
    // The entries the export writes, by id; each signal says whether it is a concept (no table).
    let tables: HashSet<EntryRef> = scope.tables.iter().map(|t| EntryRef::Table { id: t.id }).collect();
    let signals: HashMap<EntryRef, bool> = scope.rows().signals.iter().map(|s| (EntryRef::Signal { id: s.id }, s.table.is_none())).collect();
    let relationships: HashSet<EntryRef> = scope
        .relationships
        .iter()
        .filter(|r| format == ExportFormat::RegistrySql || r.is_db_enforceable())
        .map(|r| EntryRef::Relationship { id: r.id })
        .collect();
    let breaks = |d: &Diagnostic| {
        let Location::Entry { registry: kind, entry, .. } = &d.location else { return false };
        let written = match kind {
            RegistryKind::TableOverview => tables.contains(entry),
            RegistryKind::SignalRegistry => signals.contains_key(entry),
            RegistryKind::RelationshipRegistry => relationships.contains(entry),
            RegistryKind::Relata => false,
        };
        let code = d.code;
        written
            && match format {
                ExportFormat::Sql => match kind {
                    RegistryKind::RelationshipRegistry => [R302, R303, R310, R311, R314].contains(&code),
                    RegistryKind::TableOverview => [R106, R107].contains(&code),
                    // A concept is no column of the DDL.
                    RegistryKind::SignalRegistry => code == R202 && signals.get(entry) == Some(&false),
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

