//! "+ Relationship to…" as the window receives it: `relata_workspace::propose`'s relationship
//! (one `Edit::Batch` of the child columns it adds and the relationship) with its id as text.

use relata_model::edit::Edit;
use relata_model::{Registry, TableRef, Timestamp};
use relata_rules::RuleSet;
use relata_workspace::ProposalError;
use serde::Serialize;

/// What "+ Relationship to…" adds: the edit, and what it did for the window to say.
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
}

impl From<relata_workspace::RelationshipProposal> for RelationshipProposal {
    fn from(p: relata_workspace::RelationshipProposal) -> Self {
        Self { edit: p.edit, relationship: p.relationship.to_string(), key: p.key, reused: p.reused, created: p.created }
    }
}

/// The relationship from `child` to `parent` (`relata_workspace::propose`), for the window.
pub fn propose(registry: &Registry, rules: &RuleSet, child: &TableRef, parent: &TableRef, now: Timestamp) -> Result<RelationshipProposal, ProposalError> {
    relata_workspace::propose(registry, rules, child, parent, now).map(Into::into)
}
