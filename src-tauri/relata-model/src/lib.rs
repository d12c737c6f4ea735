//! The Relata model: the three registries of the registry design (`table_overview`,
//! `signal_registry`, `relationship_registry`) as typed, validated data, plus the diagnostics
//! every other crate reports with.
//!
//! Architecture invariant: this crate does no I/O, knows no file format, database or UI.

pub mod codes;
pub mod dbml;
pub mod derived_ids;
pub mod diagnostic;
pub mod edit;
pub mod generate;
pub mod hash;
pub mod ids;
pub mod kept;
pub mod mermaid;
pub mod registry;
pub mod relationship;
pub mod signal;
pub mod table;
pub mod time;
pub mod vocab;

#[cfg(test)]
mod typescript;

pub use dbml::DbmlExtras;
pub use diagnostic::{Diagnostic, EntryRef, Location, Named, RegistryKind, Severity};
pub use edit::{Applied, Edit, EditError, EditErrorKind, History, HistoryOptions};
pub use ids::{RelationshipId, SignalId, TableId, TableRef};
pub use kept::{KeptKind, KeptObject, KeptPhase};
pub use mermaid::MermaidExtras;
pub use registry::{EnumType, EnumValue, Module, Pin, Registry};
pub use relationship::{Relationship, RelationshipEnd};
pub use signal::{ColumnSpec, Identity, Signal};
pub use table::{
    CheckConstraint, Deferral, ExclusionConstraint, Index, IndexKey, IndexPart, PartitionKey, PartitionOf, PartitionStrategy, Table,
    ViewDefinition,
    UniqueConstraint,
};
pub use time::Timestamp;
pub use vocab::*;
