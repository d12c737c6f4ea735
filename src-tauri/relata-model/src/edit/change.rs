//! The primitive every edit lowers to: a [`Change`] splices one of the registry's entry lists
//! (or swaps one of its single values, the DBML and Mermaid extras) and records what it
//! removes, so its inverse is itself with old and new swapped.

use serde::{Deserialize, Serialize};

use super::error::EditErrorKind;
use crate::dbml::DbmlExtras;
use crate::kept::KeptObject;
use crate::mermaid::MermaidExtras;
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

/// A single value of the registry replaced whole: `old` by `new`. Applying checks that the
/// registry holds `old`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Swap<T> {
    /// The value replaced.
    pub old: Box<T>,
    /// The value put in its place.
    pub new: Box<T>,
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
    /// A splice of [`Registry::kept`].
    Kept(Splice<KeptObject>),
    /// [`Registry::dbml`] replaced.
    Dbml(Swap<DbmlExtras>),
    /// [`Registry::mermaid`] replaced.
    Mermaid(Swap<MermaidExtras>),
}

/// Calls `$body` with the splice of any [`Change`] and the registry list it splices.
macro_rules! with_list {
    ($change:expr, $registry:expr, |$splice:ident, $list:ident, $name:ident| $body:expr) => {
        match $change {
            Change::Tables($splice) => { let $list = &mut $registry.tables; let $name = "tables"; $body }
            Change::Signals($splice) => { let $list = &mut $registry.signals; let $name = "signals"; $body }
            Change::Relationships($splice) => { let $list = &mut $registry.relationships; let $name = "relationships"; $body }
            Change::Modules($splice) => { let $list = &mut $registry.modules; let $name = "modules"; $body }
            Change::Enums($splice) => { let $list = &mut $registry.enums; let $name = "enums"; $body }
            Change::Pins($splice) => { let $list = &mut $registry.pins; let $name = "pins"; $body }
            Change::Kept($splice) => { let $list = &mut $registry.kept; let $name = "kept"; $body }
            Change::Dbml(_) | Change::Mermaid(_) => unreachable!("a swap is not a list"),
        }
    };
}

impl Change {
    /// The change that undoes this one.
    pub fn inverse(self) -> Self {
        match self {
            Self::Tables(s) => Self::Tables(s.inverse()),
            Self::Signals(s) => Self::Signals(s.inverse()),
            Self::Relationships(s) => Self::Relationships(s.inverse()),
            Self::Modules(s) => Self::Modules(s.inverse()),
            Self::Enums(s) => Self::Enums(s.inverse()),
            Self::Pins(s) => Self::Pins(s.inverse()),
            Self::Kept(s) => Self::Kept(s.inverse()),
            Self::Dbml(s) => Self::Dbml(s.inverse()),
            Self::Mermaid(s) => Self::Mermaid(s.inverse()),
        }
    }

    /// Applies the change and returns its inverse; refused, changing nothing, when the list
    /// does not hold `old` at `at`.
    fn apply(self, registry: &mut Registry) -> Result<Change, EditErrorKind> {
        macro_rules! swap {
            ($swap:expr, $value:expr, $name:literal) => {{
                if *$value != *$swap.old {
                    return Err(EditErrorKind::StaleChange { entries: $name, at: 0 });
                }
                *$value = (*$swap.new).clone();
            }};
        }
        match &self {
            Change::Dbml(s) => {
                swap!(s, &mut registry.dbml, "dbml");
                return Ok(self.inverse());
            }
            Change::Mermaid(s) => {
                swap!(s, &mut registry.mermaid, "mermaid");
                return Ok(self.inverse());
            }
            _ => {}
        }
        with_list!(&self, registry, |splice, list, name| {
            let end = splice.at.checked_add(splice.old.len()).filter(|&end| end <= list.len());
            match end {
                Some(end) if list[splice.at..end] == splice.old[..] => {
                    list.splice(splice.at..end, splice.new.iter().cloned());
                }
                _ => return Err(EditErrorKind::StaleChange { entries: name, at: splice.at }),
            }
        });
        Ok(self.inverse())
    }

    /// Whether this change and `then`, applied one after the other, amount to one splice,
    /// which this one becomes. Consecutive edits of one entry (typing in a field) merge so.
    fn absorb(&mut self, then: &mut Change) -> bool {
        macro_rules! absorb {
            ($a:expr, $b:expr) => {{
                if $a.at == $b.at && $a.new == $b.old {
                    $a.new = std::mem::take(&mut $b.new);
                    true
                } else {
                    false
                }
            }};
        }
        match (self, then) {
            (Self::Tables(a), Self::Tables(b)) => absorb!(a, b),
            (Self::Signals(a), Self::Signals(b)) => absorb!(a, b),
            (Self::Relationships(a), Self::Relationships(b)) => absorb!(a, b),
            (Self::Modules(a), Self::Modules(b)) => absorb!(a, b),
            (Self::Enums(a), Self::Enums(b)) => absorb!(a, b),
            (Self::Pins(a), Self::Pins(b)) => absorb!(a, b),
            (Self::Kept(a), Self::Kept(b)) => absorb!(a, b),
            (Self::Dbml(a), Self::Dbml(b)) if a.new == b.old => {
                a.new = b.new.clone();
                true
            }
            (Self::Mermaid(a), Self::Mermaid(b)) if a.new == b.old => {
                a.new = b.new.clone();
                true
            }
            _ => false,
        }
    }

    /// Whether applying the change leaves the list as it is.
    fn is_identity(&self) -> bool {
        match self {
            Self::Tables(s) => s.old == s.new,
            Self::Signals(s) => s.old == s.new,
            Self::Relationships(s) => s.old == s.new,
            Self::Modules(s) => s.old == s.new,
            Self::Enums(s) => s.old == s.new,
            Self::Pins(s) => s.old == s.new,
            Self::Kept(s) => s.old == s.new,
            Self::Dbml(s) => s.old == s.new,
            Self::Mermaid(s) => s.old == s.new,
        }
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
