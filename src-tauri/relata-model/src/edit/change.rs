//! The primitive every edit lowers to: a [`Change`] splices one of the registry's entry lists
//! and records what it removes, so its inverse is itself with old and new swapped.

use serde::{Deserialize, Serialize};

use super::error::EditErrorKind;
use crate::dbml::{DbmlExtras, DbmlItem, DbmlPartial, DbmlRef, DbmlTable};
use crate::kept::KeptObject;
use crate::mermaid::{MermaidEntity, MermaidExtras, MermaidLine, MermaidStyle, MermaidSubgraph};
use crate::registry::{EnumType, Module, Pin, Registry};
use crate::relationship::Relationship;
use crate::signal::Signal;
use crate::table::Table;

/// At position `at` of an entry list, the entries `old` are replaced by `new`.
///
/// An insert has no `old`, a removal no `new`. Applying checks that the list holds exactly
/// `old` at `at`, so a change recorded on another state of the registry is refused instead of
/// corrupting it (an insert can only check that its position exists).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Splice<T> {
    /// Position in the list, before the change.
    pub at: usize,
    /// The entries removed, in order.
    pub old: Vec<T>,
    /// The entries put in their place, in order.
    pub new: Vec<T>,
}

impl<T> Splice<T> {
    /// The splice that undoes this one.
    pub fn inverse(self) -> Self {
        Self { at: self.at, old: self.new, new: self.old }
    }
}

/// The value `old` replaced by `new` whole: for what is one value rather than a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Swap<T> {
    /// The value before the change.
    pub old: T,
    /// The value after it.
    pub new: T,
}

impl<T> Swap<T> {
    /// The swap that undoes this one.
    pub fn inverse(self) -> Self {
        Self { old: self.new, new: self.old }
    }
}

/// One splice of one of the registry's entry lists, in JSON tagged by the list's name
/// (`{"entries": "signals", "at": 4, "old": [...], "new": [...]}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "entries", rename_all = "snake_case")]
pub enum Change {
    /// A splice of [`Registry::tables`].
    Tables(Splice<Table>),
    /// A splice of [`Registry::signals`].
    Signals(Splice<Signal>),
    /// A splice of [`Registry::relationships`].
    Relationships(Splice<Relationship>),
    /// A splice of [`Registry::modules`].
    Modules(Splice<Module>),
    /// A splice of [`Registry::enums`].
    Enums(Splice<EnumType>),
    /// A splice of [`Registry::pins`].
    Pins(Splice<Pin>),
    /// A splice of [`Registry::kept`]: kept statements, as a merge with changes on disk brings.
    Kept(Splice<KeptObject>),
    /// A splice of the DBML extras' tables ([`crate::DbmlExtras::tables`]).
    DbmlTables(Splice<DbmlTable>),
    /// A splice of the DBML extras' refs.
    DbmlRefs(Splice<DbmlRef>),
    /// A splice of the DBML extras' `TablePartial`s.
    DbmlPartials(Splice<DbmlPartial>),
    /// A splice of the DBML extras' whole-diagram items (sticky notes, `Records`, views).
    DbmlItems(Splice<DbmlItem>),
    /// A splice of the Mermaid extras' entities ([`crate::MermaidExtras::entities`]).
    MermaidEntities(Splice<MermaidEntity>),
    /// A splice of the Mermaid extras' lines.
    MermaidLines(Splice<MermaidLine>),
    /// A splice of the Mermaid extras' `style` statements.
    MermaidStyles(Splice<MermaidStyle>),
    /// A splice of the Mermaid extras' subgraphs.
    MermaidSubgraphs(Splice<MermaidSubgraph>),
    /// All of [`Registry::dbml`] replaced: what an import merged in (edits splice its lists).
    Dbml(Box<Swap<DbmlExtras>>),
    /// All of [`Registry::mermaid`] replaced, likewise.
    Mermaid(Box<Swap<MermaidExtras>>),
}

/// Calls `$m!` with every variant of [`Change`], so the matches over all of them are written
/// once.
macro_rules! each_variant {
    ($m:ident) => {
        $m! {
            Tables: tables "tables",
            Signals: signals "signals",
            Relationships: relationships "relationships",
            Modules: modules "modules",
            Enums: enums "enums",
            Pins: pins "pins",
            Kept: kept "kept",
            DbmlTables: dbml.tables "dbml_tables",
            DbmlRefs: dbml.refs "dbml_refs",
            DbmlPartials: dbml.partials "dbml_partials",
            DbmlItems: dbml.items "dbml_items",
            MermaidEntities: mermaid.entities "mermaid_entities",
            MermaidLines: mermaid.lines "mermaid_lines",
            MermaidStyles: mermaid.styles "mermaid_styles",
            MermaidSubgraphs: mermaid.subgraphs "mermaid_subgraphs",
        }
    };
}

impl Change {
    /// The change that undoes this one.
    pub fn inverse(self) -> Self {
        macro_rules! inverse {
            ($($variant:ident: $($field:ident).+ $name:literal,)*) => {
                match self {
                    $(Self::$variant(s) => Self::$variant(s.inverse()),)*
                    Self::Dbml(s) => Self::Dbml(Box::new(s.inverse())),
                    Self::Mermaid(s) => Self::Mermaid(Box::new(s.inverse())),
                }
            };
        }
        each_variant!(inverse)
    }

    /// Applies the change and returns its inverse; refused, changing nothing, when the list
    /// does not hold `old` at `at`.
    fn apply(self, registry: &mut Registry) -> Result<Change, EditErrorKind> {
        fn splice<T: Clone + PartialEq>(list: &mut Vec<T>, splice: &Splice<T>, name: &'static str) -> Result<(), EditErrorKind> {
            let end = splice.at.checked_add(splice.old.len()).filter(|&end| end <= list.len());
            match end {
                Some(end) if list[splice.at..end] == splice.old[..] => {
                    list.splice(splice.at..end, splice.new.iter().cloned());
                    Ok(())
                }
                _ => Err(EditErrorKind::StaleChange { entries: name, at: splice.at }),
            }
        }
        fn swap<T: Clone + PartialEq>(value: &mut T, swap: &Swap<T>, name: &'static str) -> Result<(), EditErrorKind> {
            if *value != swap.old {
                return Err(EditErrorKind::StaleChange { entries: name, at: 0 });
            }
            value.clone_from(&swap.new);
            Ok(())
        }
        macro_rules! apply {
            ($($variant:ident: $($field:ident).+ $name:literal,)*) => {
                match &self {
                    $(Self::$variant(s) => splice(&mut registry.$($field).+, s, $name)?,)*
                    Self::Dbml(s) => swap(&mut registry.dbml, s, "dbml")?,
                    Self::Mermaid(s) => swap(&mut registry.mermaid, s, "mermaid")?,
                }
            };
        }
        each_variant!(apply);
        Ok(self.inverse())
    }

    /// Whether this change and `then`, applied one after the other, amount to one splice,
    /// which this one becomes. Consecutive edits of one entry (typing in a field) merge so.
    fn absorb(&mut self, then: &mut Change) -> bool {
        fn absorb<T: PartialEq>(a: &mut Splice<T>, b: &mut Splice<T>) -> bool {
            if a.at == b.at && a.new == b.old {
                a.new = std::mem::take(&mut b.new);
                true
            } else {
                false
            }
        }
        fn absorb_swap<T: PartialEq + Default>(a: &mut Swap<T>, b: &mut Swap<T>) -> bool {
            if a.new == b.old {
                a.new = std::mem::take(&mut b.new);
                true
            } else {
                false
            }
        }
        macro_rules! absorb {
            ($($variant:ident: $($field:ident).+ $name:literal,)*) => {
                match (self, then) {
                    $((Self::$variant(a), Self::$variant(b)) => absorb(a, b),)*
                    (Self::Dbml(a), Self::Dbml(b)) => absorb_swap(a, b),
                    (Self::Mermaid(a), Self::Mermaid(b)) => absorb_swap(a, b),
                    _ => false,
                }
            };
        }
        each_variant!(absorb)
    }

    /// Whether applying the change leaves the list as it is.
    fn is_identity(&self) -> bool {
        macro_rules! is_identity {
            ($($variant:ident: $($field:ident).+ $name:literal,)*) => {
                match self {
                    $(Self::$variant(s) => s.old == s.new,)*
                    Self::Dbml(s) => s.old == s.new,
                    Self::Mermaid(s) => s.old == s.new,
                }
            };
        }
        each_variant!(is_identity)
    }
}

/// Applies `changes` in order, all or nothing, and returns the changes that undo them (in the
/// order they must be applied).
pub(crate) fn apply_changes(registry: &mut Registry, changes: Vec<Change>) -> Result<Vec<Change>, EditErrorKind> {
    let mut inverse = Vec::with_capacity(changes.len());
    for change in changes {
        match change.apply(registry) {
            Ok(undo) => inverse.push(undo),
            Err(kind) => {
                inverse.reverse();
                undo_applied(registry, inverse);
                return Err(kind);
            }
        }
    }
    inverse.reverse();
    Ok(inverse)
}

/// Applies `inverse`, the changes that undo changes just applied, in order.
pub(crate) fn undo_applied(registry: &mut Registry, inverse: Vec<Change>) {
    for undo in inverse {
        // Each inverse was made from the list it now finds unchanged, so it always applies.
        undo.apply(registry).expect("the inverse of a change just applied matches the registry");
    }
}

/// The changes of `first` followed by those of `then`, with a splice of `then` merged into the
/// last of `first` where the two touch the same entries, and splices that cancel out dropped.
pub(crate) fn compose(first: Vec<Change>, then: Vec<Change>) -> Vec<Change> {
    let mut out = first;
    for mut change in then {
        let absorbed = out.last_mut().is_some_and(|last| last.absorb(&mut change));
        if !absorbed {
            out.push(change);
        } else if out.last().is_some_and(Change::is_identity) {
            out.pop();
        }
    }
    out
}
