//! "+ Relationship to…" and a relationship drawn on the canvas as the window receives them:
//! `relata_workspace::propose`'s or `propose_drop`'s relationship (one edit of the child columns
//! it adds and the relationship) with its id as text and the findings the rules would have on it.

use relata_model::edit::Edit;
use relata_model::Diagnostic;
use serde::{Deserialize, Serialize};

/// What "+ Relationship to…" or a drop on the canvas adds: the edit, and what it did for the
/// window to say.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RelationshipProposal {
    /// One batch: the child columns to add (if any), then the relationship.
    #[cfg_attr(test, ts(type = "Edit"))]
    pub edit: Edit,
    /// The new relationship's id, whose form the window opens.
    pub relationship: String,
    /// Its key.
    pub key: String,
    /// The child's columns the relationship reuses, in key order.
    pub reused: Vec<String>,
    /// The child columns it adds, `name type` each, in key order.
    pub created: Vec<String>,
    /// What the rules would say of the new relationship (only its own findings, checked against
    /// its two tables): the canvas shows them before the drop.
    #[cfg_attr(test, ts(type = "Array<Diagnostic>"))]
    pub findings: Vec<Diagnostic>,
}

impl From<relata_workspace::RelationshipProposal> for RelationshipProposal {
    fn from(p: relata_workspace::RelationshipProposal) -> Self {
        Self { edit: p.edit, relationship: p.relationship.to_string(), key: p.key, reused: p.reused, created: p.created, findings: p.findings }
    }
}

/// Which end of a relationship's line a handle drags, as the window names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LineEnd {
    /// The child (referencing) end.
    Child,
    /// The parent (referenced) end.
    Parent,
}

impl From<LineEnd> for relata_workspace::LineEnd {
    fn from(end: LineEnd) -> Self {
        match end {
            LineEnd::Child => Self::Child,
            LineEnd::Parent => Self::Parent,
        }
    }
}
