//! [`History`]: a registry with its undo and redo stacks, the document a window edits.

use std::collections::VecDeque;

use super::change::{self, Change};
use super::error::{lower_first, EditError};
use super::{apply, Edit};
use crate::registry::Registry;

/// How a [`History`] behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryOptions {
    /// The most undo steps kept; the oldest is forgotten when a new one would exceed it.
    pub limit: usize,
}

impl HistoryOptions {
    /// The default [`limit`](Self::limit): 1,000 steps, far beyond what anyone undoes, while
    /// a step holds only the entries it changed, so even a long session stays small.
    pub const DEFAULT_LIMIT: usize = 1_000;
}

impl Default for HistoryOptions {
    fn default() -> Self {
        Self { limit: Self::DEFAULT_LIMIT }
    }
}

/// A registry plus the undo and redo stacks of the edits made to it.
///
/// Every successful edit that changes something is one undo step (a batch is one step;
/// consecutive [coalescing](Self::apply_coalescing) edits with one key are one step). A new
/// step clears the redo stack. Undo and redo restore the registry exactly, entry order
/// included. Saves are tracked by state, so undoing back to the saved registry is clean again.
#[derive(Debug, Clone)]
pub struct History {
    registry: Registry,
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    limit: usize,
    /// Counts content changes: edits, undos and redos.
    revision: u64,
    /// Names the current content: each step's result gets a fresh id, so "the saved state" is
    /// an id that undo and redo can come back to.
    state: u64,
    next_state: u64,
    saved: Option<u64>,
    /// The coalescing key of the top undo step while later edits may still merge into it.
    open_key: Option<String>,
}

/// One undo (or redo) step.
#[derive(Debug, Clone)]
struct Step {
    label: String,
    /// Applied to the state `after`, gives the state `before` (for a redo step, the reverse).
    changes: Vec<Change>,
    before: u64,
    after: u64,
}

impl History {
    /// A history of `registry` with nothing to undo, clean (as just loaded or saved).
    pub fn new(registry: Registry) -> Self {
        Self::with_options(registry, HistoryOptions::default())
    }

    /// Like [`new`](Self::new) with explicit options.
    pub fn with_options(registry: Registry, options: HistoryOptions) -> Self {
        Self {
            registry,
            undo: VecDeque::new(),
            redo: Vec::new(),
            limit: options.limit.max(1),
            revision: 0,
            state: 0,
            next_state: 1,
            saved: Some(0),
            open_key: None,
        }
    }

    /// The current registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The current registry, dropping the history.
    pub fn into_registry(self) -> Registry {
        self.registry
    }

    /// Applies `edit` as a new undo step and returns its label. A refused edit changes
    /// nothing, history included; an edit that changes nothing adds no step.
    pub fn apply(&mut self, edit: Edit) -> Result<String, EditError> {
        self.open_key = None;
        let applied = apply(&mut self.registry, edit)?;
        let changes = restore_changes(applied.inverse);
        self.push(applied.label.clone(), changes);
        Ok(applied.label)
    }

    /// Applies `edit`, merging it into the previous step when that one was applied with the
    /// same `key` and nothing (another edit, an undo, a redo, a save,
    /// [`end_coalescing`](Self::end_coalescing)) came between.
    ///
    /// The UI passes a key naming the field being typed in (e.g. `"table/<id>/purpose"`), so
    /// typing a word is one undo step, not one per key press. Merging does not depend on time.
    pub fn apply_coalescing(&mut self, edit: Edit, key: &str) -> Result<String, EditError> {
        let open = self.open_key.as_deref() == Some(key);
        let applied = apply(&mut self.registry, edit)?;
        let label = applied.label.clone();
        let changes = restore_changes(applied.inverse);
        if changes.is_empty() {
            return Ok(label);
        }
        match self.undo.back_mut() {
            Some(step) if open => {
                // Undoing the merged step undoes the new edit, then the earlier ones.
                step.changes = change::compose(changes, std::mem::take(&mut step.changes));
                step.label.clone_from(&label);
                self.revision += 1;
                if step.changes.is_empty() {
                    // Typed back to where the step began: nothing left to undo.
                    self.state = step.before;
                    self.undo.pop_back();
                    self.open_key = None;
                } else {
                    step.after = self.next_state;
                    self.state = self.next_state;
                    self.next_state += 1;
                }
            }
            _ => {
                self.push(label.clone(), changes);
                self.open_key = Some(key.to_owned());
            }
        }
        Ok(label)
    }

    /// Ends the current coalescing run: the next edit is a new step whatever its key (e.g.
    /// when a text field loses focus).
    pub fn end_coalescing(&mut self) {
        self.open_key = None;
    }

    /// Undoes the last step and returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        self.open_key = None;
        let Some(mut step) = self.undo.pop_back() else { return Ok(None) };
        if let Err(error) = self.restore(&mut step) {
            self.undo.push_back(step);
            return Err(error);
        }
        let label = step.label.clone();
        self.state = step.before;
        self.redo.push(step);
        Ok(Some(label))
    }

    /// Redoes the last undone step and returns its label, or `None` when there is nothing to
    /// redo.
    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        self.open_key = None;
        let Some(mut step) = self.redo.pop() else { return Ok(None) };
        if let Err(error) = self.restore(&mut step) {
            self.redo.push(step);
            return Err(error);
        }
        let label = step.label.clone();
        self.state = step.after;
        self.undo.push_back(step);
        Ok(Some(label))
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The label of the step [`undo`](Self::undo) would undo, e.g. "Rename table core.orders
    /// → core.order_header".
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|s| s.label.as_str())
    }

    /// The label of the step [`redo`](Self::redo) would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// The Edit menu's undo item, e.g. "Undo rename table core.orders → core.order_header".
    pub fn undo_menu_text(&self) -> Option<String> {
        self.undo_label().map(|l| format!("Undo {}", lower_first(l)))
    }

    /// The Edit menu's redo item, e.g. "Redo rename table core.orders → core.order_header".
    pub fn redo_menu_text(&self) -> Option<String> {
        self.redo_label().map(|l| format!("Redo {}", lower_first(l)))
    }

    /// How many times the content changed (edits, undos, redos): the UI re-reads the registry
    /// when it moves.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Records that the current registry is saved.
    pub fn mark_saved(&mut self) {
        self.open_key = None;
        self.saved = Some(self.state);
    }

    /// Whether the registry differs from the last saved one (by history: undoing back to the
    /// saved state is clean, redoing away from it dirty again).
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.state)
    }

    /// Pushes a new undo step for changes just applied.
    fn push(&mut self, label: String, changes: Vec<Change>) {
        if changes.is_empty() {
            return;
        }
        self.redo.clear();
        self.revision += 1;
        let after = self.next_state;
        self.next_state += 1;
        self.undo.push_back(Step { label, changes, before: self.state, after });
        self.state = after;
        while self.undo.len() > self.limit {
            self.undo.pop_front();
        }
    }

    /// Applies a step's changes and leaves their inverse in the step, ready for the other
    /// stack. The history owns the registry, so a step always finds the state it was recorded
    /// on; an error would mean a bug, and leaves registry and step as they were.
    fn restore(&mut self, step: &mut Step) -> Result<(), EditError> {
        let edit = Edit::Restore { label: step.label.clone(), changes: step.changes.clone() };
        let applied = apply(&mut self.registry, edit)?;
        self.revision += 1;
        step.changes = restore_changes(applied.inverse);
        Ok(())
    }
}

/// The changes of an [`Applied::inverse`](super::Applied::inverse), which is always a restore.
fn restore_changes(inverse: Edit) -> Vec<Change> {
    match inverse {
        Edit::Restore { changes, .. } => changes,
        _ => unreachable!("apply returns a restore as the inverse"),
    }
}
