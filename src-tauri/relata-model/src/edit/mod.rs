//! Edits as operations: every change a form makes to a [`Registry`] is an [`Edit`], applied
//! all or nothing by [`apply`], which hands back the exact inverse; [`History`] keeps the undo
//! and redo stacks that Ctrl+Z / Ctrl+Shift+Z walk.
//!
//! **Which checks live here.** An edit is refused ([`EditError`]) when its target is missing,
//! when it would give a registry that the folder loader rejects (a duplicate id or key — the
//! DDL's PRIMARY KEY and UNIQUE constraints —, an empty NOT NULL text, a broken CHECK of
//! `table_overview` or `signal_registry`), or when it would leave an entry that no form reaches:
//! a signal, relationship end or pin naming a table that does not exist. Everything else —
//! primary-key, index and relationship columns that are not registered, types, prefixes,
//! the relationship CHECKs the loader also lets through — is a house rule that `relata-rules`
//! reports and an edit never refuses, so a form may be filled in any order. References are only
//! checked where an edit sets them: an entry loaded with a dangling reference can still be
//! edited.
//!
//! **Why undo is exact.** Undo does not run an edit backwards (a cascade such as renaming a
//! column cannot tell the names it renamed from names that were already the new one). Every
//! edit lowers to [`Change`]s — splices of the registry's entry lists that record what they
//! remove — and its inverse is the same splices swapped and reversed, which restores every
//! entry at its old position, byte for byte.
//!
//! **Format extras follow.** What a DBML or Mermaid import kept ([`crate::DbmlExtras`],
//! [`crate::MermaidExtras`]) names tables, columns and relationship keys; the edits that rename
//! or delete those carry the kept entries along in the same changes (`extras.rs`), so an
//! export after the edit still writes them and undo puts them back.

mod change;
mod error;
mod extras;
mod history;
mod plan;

use serde::{Deserialize, Serialize};

use crate::ids::{RelationshipId, SignalId, TableId, TableRef};
use crate::registry::{EnumType, Module, Registry};
use crate::relationship::Relationship;
use crate::signal::Signal;
use crate::table::{Index, Table, UniqueConstraint};

pub use change::{Change, Splice, Swap};
pub use error::{EditError, EditErrorKind};
pub use history::{History, HistoryOptions};

/// One operation on a registry, as a form produces it. In JSON an edit is an object tagged by
/// `op`, e.g. `{"op": "rename_table", "table": "6f…", "schema": "core", "name": "order_header"}`.
///
/// "Put" edits insert or replace the entry with the same identity (id for tables, signals
/// and relationships; name for modules and enum types): a new entry goes at the end of its
/// list (a new column after the last signal of its table), a replaced one keeps its position.
/// A put never changes what other entries refer to an entry by; the rename edits do, with
/// their cascades.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "op", rename_all = "snake_case")]
// Edits are made one at a time by forms, so the size of the largest (a whole relationship)
// costs nothing, while boxing it would burden every form that builds one.
#[allow(clippy::large_enum_variant)]
pub enum Edit {
    /// Adds `table`, or replaces the table with its id. Refused when another table has its
    /// schema and name, or when it would change the schema or name of an existing table
    /// (use [`Edit::RenameTable`]).
    PutTable {
        /// The whole entry, as the table form holds it.
        table: Table,
    },
    /// Deletes a table with everything that belongs to it: its signals, the relationships with
    /// the table at either end, and its pin. Undo restores them all at their positions.
    DeleteTable {
        /// The table.
        table: TableId,
    },
    /// Renames a table or moves it to another schema, updating its signals, the relationship
    /// ends that name it and its pin.
    RenameTable {
        /// The table.
        table: TableId,
        /// The new schema.
        schema: String,
        /// The new table name.
        name: String,
    },
    /// Adds `signal` (a column of an existing table, or a concept), or replaces the signal
    /// with its id. A put never changes a signal's table or column name: use
    /// [`Edit::RenameColumn`], or delete and add to move a column to another table.
    PutSignal {
        /// The whole entry, as the column grid holds its row.
        signal: Signal,
    },
    /// Deletes a signal. When it is a column, the later columns of its table move up one
    /// position, so ordinals keep running 1..n.
    DeleteSignal {
        /// The signal.
        signal: SignalId,
    },
    /// Moves a column to another position of its table, renumbering the table's columns
    /// 1..n in their new order.
    MoveSignal {
        /// The column.
        signal: SignalId,
        /// Its new 1-based position.
        to_ordinal: u32,
    },
    /// Renames the signal `from` of `table` (`null` for a concept outside any table), updating
    /// what names it: the table's primary key, unique constraints and index columns, and the
    /// column lists of relationship ends at that table; for a concept, the bindings that store it.
    RenameColumn {
        /// The signal's table; `None` for a concept outside any table.
        table: Option<TableRef>,
        /// The current column (or concept) name.
        from: String,
        /// The new name.
        to: String,
    },
    /// Replaces the index at `position` of a table's indexes, or adds `index` at the end when
    /// `position` is their number. Only that index changes, so the form never sends a table
    /// entry it may hold stale; its columns are the rules' business (R107).
    PutIndex {
        /// The table.
        table: TableId,
        /// 0-based position in the table's indexes; their number to add one.
        #[cfg_attr(test, ts(type = "number"))]
        position: usize,
        /// The whole index: name, key parts in order, method, unique, predicate, note.
        index: Index,
    },
    /// Deletes the index at `position` of a table; the later ones move up.
    DeleteIndex {
        /// The table.
        table: TableId,
        /// 0-based position in the table's indexes.
        #[cfg_attr(test, ts(type = "number"))]
        position: usize,
    },
    /// Replaces the unique constraint at `position` of a table, or adds one at the end when
    /// `position` is their number.
    PutUniqueConstraint {
        /// The table.
        table: TableId,
        /// 0-based position in the table's unique constraints; their number to add one.
        #[cfg_attr(test, ts(type = "number"))]
        position: usize,
        /// The constraint: name and ordered columns.
        constraint: UniqueConstraint,
    },
    /// Deletes the unique constraint at `position` of a table.
    DeleteUniqueConstraint {
        /// The table.
        table: TableId,
        /// 0-based position in the table's unique constraints.
        #[cfg_attr(test, ts(type = "number"))]
        position: usize,
    },
    /// Adds `relationship`, or replaces the relationship with its id. The tables of both ends
    /// must exist; its columns are the rules' business.
    PutRelationship {
        /// The whole entry, every relationship_registry field.
        relationship: Relationship,
    },
    /// Deletes a relationship.
    DeleteRelationship {
        /// The relationship.
        relationship: RelationshipId,
    },
    /// Declares `module`, or replaces the declared module with its name.
    PutModule {
        /// The module with its colour and note.
        module: Module,
    },
    /// Renames a module (declared, or only used), updating the tables and relationships
    /// it owns. Refused when the new name is declared or used already.
    RenameModule {
        /// The current name.
        from: String,
        /// The new name.
        to: String,
    },
    /// Deletes a declared module. Refused while tables or relationships use it.
    DeleteModule {
        /// The module's name.
        name: String,
    },
    /// Declares `enum_type`, or replaces the enum type with its schema and name.
    PutEnum {
        /// The enum type with its values.
        enum_type: EnumType,
    },
    /// Deletes an enum type. Columns still using it are reported by the rules (unknown
    /// data type), not refused, because `data_type` is free SQL text.
    DeleteEnum {
        /// The type's schema.
        schema: String,
        /// The type's name.
        name: String,
    },
    /// Pins a table at a position (left, top in diagram units), or unpins it with `None`.
    SetPin {
        /// The table.
        table: TableRef,
        /// Where to pin it; `None` unpins.
        position: Option<(f64, f64)>,
    },
    /// Deletes a diagram-only line: a line of a Mermaid diagram that says no join columns
    /// (no relationship), at `position` in `MermaidExtras::lines` — what rule R320 offers
    /// besides saying its columns. Refused when the line there is a relationship's (delete
    /// the relationship) or there is none.
    DeleteDiagramLine {
        /// Its position in the diagram's lines.
        position: usize,
    },
    /// Makes the diagram-only line at `position` the line of `relationship`, which says its
    /// columns (the other answer to rule R320): the line keeps its ends and label, and the
    /// Mermaid export writes them for the relationship. Refused unless the relationship joins
    /// the line's two tables and no other line is already its own.
    LinkDiagramLine {
        /// The line's position in the diagram's lines.
        position: usize,
        /// The relationship that says its columns.
        relationship: RelationshipId,
    },
    /// Edits a DBML `TablePartial`: its verbatim text becomes `text`, and each of `signals` (a
    /// column the partial brings, in a table that injects it) is put as given, the tables still
    /// leaving the column to the partial. One undo step for the partial and every table using it.
    /// Refused when the partial is not kept, or a signal is not a column it brought.
    PutPartial {
        /// The partial's name (`~name`).
        name: String,
        /// Its new text, from `TablePartial` to its closing `}`.
        text: String,
        /// The columns it brings, as they are to be, one per table that injects it.
        signals: Vec<Signal>,
    },
    /// Makes `table` define `column` itself instead of leaving it to the DBML partial that
    /// brought it (DBML lets a table's own column override a partial's): the column stays as
    /// it is, and the table's export writes it.
    OverridePartialColumn {
        /// The table.
        table: TableRef,
        /// The column a partial brought.
        column: String,
    },
    /// Several edits as one, applied in order, all or nothing; one undo step.
    Batch {
        /// What the batch does, for menus ("Add table core.orders with 4 columns").
        label: String,
        /// The edits.
        edits: Vec<Edit>,
    },
    /// Restores a recorded state: the changes an [`Applied::inverse`] holds. Refused, changing
    /// nothing, when the registry is not in the state the changes were recorded on.
    // Left out of the window's declarations: only the shell makes one (undo, redo, an applied
    // import); no form sends it, and declaring it would bring every entry list's splice along.
    // Nor does it deserialize: a window (or any caller of the IPC) that sent one would apply
    // raw splices past every check the other edits make.
    #[cfg_attr(test, ts(skip))]
    #[serde(skip_deserializing)]
    Restore {
        /// The label of the edit whose effect this undoes (or redoes).
        label: String,
        /// The changes, applied in order.
        changes: Vec<Change>,
    },
}

/// What [`apply`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// What the edit did, for menus and messages, e.g. "Rename table core.orders →
    /// core.order_header".
    pub label: String,
    /// The edit that undoes it exactly: an [`Edit::Restore`].
    pub inverse: Edit,
}

impl Applied {
    /// Whether the edit changed nothing (e.g. a put of an entry as it already is).
    pub fn is_noop(&self) -> bool {
        matches!(&self.inverse, Edit::Restore { changes, .. } if changes.is_empty())
    }
}

/// Applies `edit` to `registry`, all or nothing.
///
/// On success returns the label and the inverse edit: applying the inverse gives back the
/// registry as it was, equal in every entry and position. On failure the registry is
/// exactly as it was.
pub fn apply(registry: &mut Registry, edit: Edit) -> Result<Applied, EditError> {
    let (label, changes) = apply_inner(registry, edit)?;
    Ok(Applied { inverse: Edit::Restore { label: label.clone(), changes }, label })
}

/// Applies `edit` and returns its label and the changes that undo it.
fn apply_inner(registry: &mut Registry, edit: Edit) -> Result<(String, Vec<Change>), EditError> {
    let label = plan::label(registry, &edit);
    let changes = match edit {
        Edit::Batch { label, edits } => return apply_batch(registry, label, edits),
        Edit::Restore { changes, .. } => changes,
        edit => plan::changes(registry, edit).map_err(|kind| EditError::new(&label, kind))?,
    };
    let inverse = change::apply_changes(registry, changes).map_err(|kind| EditError::new(&label, kind))?;
    Ok((label, inverse))
}

/// Applies `edits` in order; on the first refusal, undoes those applied and returns its error.
fn apply_batch(registry: &mut Registry, label: String, edits: Vec<Edit>) -> Result<(String, Vec<Change>), EditError> {
    let mut inverses: Vec<Vec<Change>> = Vec::with_capacity(edits.len());
    for edit in edits {
        match apply_inner(registry, edit) {
            Ok((_, inverse)) => inverses.push(inverse),
            Err(error) => {
                for inverse in inverses.into_iter().rev() {
                    change::undo_applied(registry, inverse);
                }
                return Err(error);
            }
        }
    }
    Ok((label, inverses.into_iter().rev().flatten().collect()))
}
