//! "+ Relationship to…" and a relationship drawn on the canvas: the relationship a front end adds
//! from a child table to a parent, built so the rules accept it.
//!
//! To a table ([`propose`], also a drop on a table's header, [`propose_drop`] without a parent
//! column) it joins on the parent's primary key; for each key column it reuses the child's
//! matching column (`{parent_singular}_{key}`, e.g. `order_id` for `orders.id`, or the key
//! column's own name) when its type is the key column's type, and otherwise adds a column with
//! that type. A column dragged onto the header takes the key column of its name, or the only
//! one, whatever its type (the user pointed at it; a mismatch is R303's to say). To a column
//! ([`propose_drop`] with a parent column) it joins those two columns. Its key is the rule
//! set's deterministic key (R307). Everything goes in as one edit, so one undo takes the
//! relationship and the columns it added back; the proposal carries the findings the rules
//! would have on the new relationship (`relata_rules::check_candidate`), which the canvas shows
//! while the pointer is still down.

use relata_model::edit::Edit;
use relata_model::{
    Cardinality, ColumnSpec, ConnectionType, Diagnostic, Registry, Relationship, RelationshipEnd, RelationshipId, RowType, Signal, SignalId, SignalRole,
    Table, TableRef, Timestamp,
};
use relata_rules::RuleSet;

use crate::{Error, ErrorKind, Workspace};

/// What "+ Relationship to…" adds: the edit, and what it did for a front end to say.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationshipProposal {
    /// One batch: the child columns to add (if any), then the relationship.
    pub edit: Edit,
    /// The new relationship's id, whose form a front end opens.
    pub relationship: RelationshipId,
    /// Its key.
    pub key: String,
    /// The child's columns the relationship reuses, in key order.
    pub reused: Vec<String>,
    /// The child columns it adds, `name type` each, in key order.
    pub created: Vec<String>,
    /// What the rules would say of the new relationship (only its own findings, checked against
    /// its two tables): the canvas shows them before the drop.
    pub findings: Vec<Diagnostic>,
}

/// Why no relationship can be proposed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProposalError {
    /// The table is not in the registry.
    UnknownTable(TableRef),
    /// The parent has no primary key to join on: the user sets one first.
    NoParentKey(TableRef),
    /// A column the drop names is not a registered column of its table.
    UnknownColumn(TableRef, String),
    /// The relationship is not in the registry.
    UnknownRelationship(RelationshipId),
    /// One column of a composite end was dragged to another table: the end's other columns
    /// would stay behind on the old one.
    CompositeElsewhere(String),
}

impl std::fmt::Display for ProposalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownTable(t) => write!(f, "table {t} is not in the workspace"),
            Self::NoParentKey(t) => {
                write!(f, "{t} has no primary key to relate to; choose its key columns in its table form first")
            }
            Self::UnknownColumn(t, c) => write!(f, "{t} has no registered column {c}"),
            Self::UnknownRelationship(id) => write!(f, "the workspace has no relationship {id}"),
            Self::CompositeElsewhere(key) => write!(
                f,
                "{key} joins several columns: one of them cannot move to another table on the canvas; change its tables in its form"
            ),
        }
    }
}

impl Workspace {
    /// The relationship "+ Relationship to…" adds from `child` to `parent` (see
    /// [`propose`]), stamped now; a front end applies its edit.
    pub fn propose_relationship(&self, child: &TableRef, parent: &TableRef) -> Result<RelationshipProposal, Error> {
        propose(self.registry(), &self.rules, child, parent, crate::now()).map_err(proposal_error)
    }

    /// The relationship a drag on the canvas draws from `child_column` of `child` to `parent`
    /// (see [`propose_drop`]), stamped now, with the findings the rules would have on it.
    pub fn propose_drop(
        &self,
        child: &TableRef,
        child_column: &str,
        parent: &TableRef,
        parent_column: Option<&str>,
    ) -> Result<RelationshipProposal, Error> {
        propose_drop(self.registry(), &self.rules, child, child_column, parent, parent_column, crate::now()).map_err(proposal_error)
    }
}

/// Which end of a relationship a line's handle moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    /// The child (referencing) end.
    Child,
    /// The parent (referenced) end.
    Parent,
}

impl Workspace {
    /// `relationship` with its `end` moved from `from_column` to `to_column` of `to` (see
    /// [`repoint`]), stamped now, with the findings the rules would have on it.
    pub fn repoint_relationship(
        &self,
        relationship: RelationshipId,
        end: LineEnd,
        from_column: &str,
        to: &TableRef,
        to_column: &str,
    ) -> Result<RelationshipProposal, Error> {
        repoint(self.registry(), &self.rules, relationship, end, from_column, to, to_column, crate::now()).map_err(proposal_error)
    }
}

/// A relationship's end dragged from `from_column` onto `to_column` of `to` (a line's handle
/// dropped on a column's row): in the same table, that column of the end is replaced, keeping its
/// place in the key; on another table, a one-column end moves there (a composite end cannot move
/// one column away from the others). A key the rule set generated follows the new columns; a key
/// the user wrote stays. One edit, with the findings the rules would have on the result.
#[allow(clippy::too_many_arguments)] // One per thing the drop says, as the command receives them.
pub fn repoint(
    registry: &Registry,
    rules: &RuleSet,
    relationship: RelationshipId,
    end: LineEnd,
    from_column: &str,
    to: &TableRef,
    to_column: &str,
    now: Timestamp,
) -> Result<RelationshipProposal, ProposalError> {
    let old = registry.relationships.iter().find(|r| r.id == relationship).ok_or(ProposalError::UnknownRelationship(relationship))?;
    let target = registry.table(to).ok_or_else(|| ProposalError::UnknownTable(to.clone()))?;
    if !registry.columns_of(to).iter().any(|s| s.column == to_column) {
        return Err(ProposalError::UnknownColumn(to.clone(), to_column.to_owned()));
    }
    let mut new = old.clone();
    let side = match end {
        LineEnd::Child => &mut new.child,
        LineEnd::Parent => &mut new.parent,
    };
    let at = side.columns.iter().position(|c| c == from_column).ok_or_else(|| ProposalError::UnknownColumn(side.table_ref(), from_column.to_owned()))?;
    if side.table_ref() == *to {
        side.columns[at] = to_column.to_owned();
    } else if side.columns.len() == 1 {
        side.db_engine = target.db_engine.clone();
        side.db_name = target.db_name.clone();
        side.schema = target.schema.clone();
        side.table = target.name.clone();
        side.columns = vec![to_column.to_owned()];
    } else {
        return Err(ProposalError::CompositeElsewhere(old.key.clone()));
    }
    if old.key == rules.relationship_key(old) {
        new.key = rules.relationship_key(&new);
    }
    new.updated_at = now;
    let which = match end {
        LineEnd::Child => "child",
        LineEnd::Parent => "parent",
    };
    let label = format!("Move {}'s {which} end to {to}.{to_column}", old.key);
    let findings = relata_rules::check_candidate(registry, rules, &new, &[]);
    let (id, key) = (new.id, new.key.clone());
    Ok(RelationshipProposal {
        edit: Edit::Batch { label, edits: vec![Edit::PutRelationship { relationship: new }] },
        relationship: id,
        key,
        reused: vec![to_column.to_owned()],
        created: Vec::new(),
        findings,
    })
}

/// A proposal that cannot be made, as the workspace's error.
fn proposal_error(e: ProposalError) -> Error {
    match e {
        ProposalError::UnknownTable(t) => {
            Error::about(ErrorKind::UnknownTable, format!("the workspace has no table `{}.{}`", t.schema, t.table), t.to_string())
        }
        ProposalError::NoParentKey(_) | ProposalError::UnknownColumn(..) | ProposalError::UnknownRelationship(_) | ProposalError::CompositeElsewhere(_) => {
            Error::new(ErrorKind::InvalidRequest, e.to_string())
        }
    }
}

/// The relationship from `child` to `parent` (see the module's documentation), with fresh ids
/// and `now` as its timestamps.
pub fn propose(registry: &Registry, rules: &RuleSet, child: &TableRef, parent: &TableRef, now: Timestamp) -> Result<RelationshipProposal, ProposalError> {
    to_key(registry, rules, child, None, parent, now)
}

/// The relationship a drag on the canvas draws from `child_column` of `child`: to
/// `parent_column` of `parent` when it was dropped on that column's row, else (dropped on the
/// header) to the parent's primary key as [`propose`] builds it, `child_column` taking the key
/// column of its name, or the only one.
pub fn propose_drop(
    registry: &Registry,
    rules: &RuleSet,
    child: &TableRef,
    child_column: &str,
    parent: &TableRef,
    parent_column: Option<&str>,
    now: Timestamp,
) -> Result<RelationshipProposal, ProposalError> {
    let child_table = registry.table(child).ok_or_else(|| ProposalError::UnknownTable(child.clone()))?;
    let child_columns = registry.columns_of(child);
    let Some(dragged) = child_columns.iter().find(|s| s.column == child_column) else {
        return Err(ProposalError::UnknownColumn(child.clone(), child_column.to_owned()));
    };
    let Some(parent_column) = parent_column else {
        return to_key(registry, rules, child, Some(child_column), parent, now);
    };
    let parent_table = registry.table(parent).ok_or_else(|| ProposalError::UnknownTable(parent.clone()))?;
    if !registry.columns_of(parent).iter().any(|s| s.column == parent_column) {
        return Err(ProposalError::UnknownColumn(parent.clone(), parent_column.to_owned()));
    }
    let mut relationship =
        new_relationship(child_table, vec![child_column.to_owned()], parent_table, vec![parent_column.to_owned()], now);
    relationship.is_required = !dragged.nullable;
    relationship.key = rules.relationship_key(&relationship);
    let findings = relata_rules::check_candidate(registry, rules, &relationship, &[]);
    let (id, key) = (relationship.id, relationship.key.clone());
    Ok(RelationshipProposal {
        edit: Edit::PutRelationship { relationship },
        relationship: id,
        key,
        reused: vec![child_column.to_owned()],
        created: Vec::new(),
        findings,
    })
}

/// A one-to-many relationship with the registry's defaults from `child_columns` of `child` to
/// `parent_columns` of `parent`, in the child's module; its key is left to the caller.
fn new_relationship(child: &Table, child_columns: Vec<String>, parent: &Table, parent_columns: Vec<String>, now: Timestamp) -> Relationship {
    let end = |table: &Table, columns: Vec<String>| RelationshipEnd {
        db_engine: table.db_engine.clone(),
        db_name: table.db_name.clone(),
        schema: table.schema.clone(),
        table: table.name.clone(),
        columns,
    };
    let mut relationship =
        Relationship::with_defaults(RelationshipId::new_random(), "", child.module.clone(), end(child, child_columns), end(parent, parent_columns), now);
    relationship.cardinality = Some(Cardinality::OneToMany);
    relationship
}

/// [`propose`], with `dragged` (a column of the child) taking the key column of its name, or
/// the only key column.
fn to_key(
    registry: &Registry,
    rules: &RuleSet,
    child: &TableRef,
    dragged: Option<&str>,
    parent: &TableRef,
    now: Timestamp,
) -> Result<RelationshipProposal, ProposalError> {
    let child_table = registry.table(child).ok_or_else(|| ProposalError::UnknownTable(child.clone()))?;
    let parent_table = registry.table(parent).ok_or_else(|| ProposalError::UnknownTable(parent.clone()))?;
    if parent_table.primary_key.is_empty() {
        return Err(ProposalError::NoParentKey(parent.clone()));
    }
    let child_columns = registry.columns_of(child);
    let parent_columns = registry.columns_of(parent);
    let stem = singular(parent_table.name.strip_prefix(parent_table.prefix.as_deref().unwrap_or("")).unwrap_or(&parent_table.name));
    let stem = if stem.is_empty() { singular(&parent_table.name) } else { stem };
    let self_reference = child == parent;
    // The key column the dragged column takes: the one of its name, or the only one.
    let dragged_key = dragged.and_then(|d| {
        let key = &parent_table.primary_key;
        key.iter().find(|k| k.as_str() == d).or(if key.len() == 1 { key.first() } else { None })
    });

    let mut taken: Vec<String> = child_columns.iter().map(|s| s.column.clone()).collect();
    let mut joined = Vec::new();
    let (mut reused, mut created, mut added) = (Vec::new(), Vec::new(), Vec::new());
    for key in &parent_table.primary_key {
        // A key column the parent does not register has no type to copy: `text`, which the
        // rules then report under the parent (R106), not under the new relationship.
        let data_type = parent_columns.iter().find(|s| s.column == *key).map_or("text", |s| s.data_type.as_str());
        let wanted = child_type(data_type);
        if let (Some(column), Some(k)) = (dragged, dragged_key) {
            if k == key {
                reused.push(column.to_owned());
                joined.push(column.to_owned());
                continue;
            }
        }
        let prefixed = format!("{stem}_{key}");
        // A self-reference never joins a key column to itself.
        let names: Vec<&str> = if self_reference { vec![prefixed.as_str()] } else { vec![prefixed.as_str(), key.as_str()] };
        let reuse = names.iter().find_map(|name| {
            child_columns.iter().find(|s| {
                s.column == *name
                    && !joined.contains(&s.column)
                    // The dragged column is its key column's, not another's.
                    && (dragged_key.is_none() || dragged != Some(s.column.as_str()))
                    && relata_rules::foreign_key_types_match(&s.data_type, data_type, rules)
            })
        });
        if let Some(column) = reuse {
            reused.push(column.column.clone());
            joined.push(column.column.clone());
            continue;
        }
        let base = if self_reference || key == "id" || taken.contains(key) { prefixed.clone() } else { key.clone() };
        let name = fresh(&base, &taken);
        taken.push(name.clone());
        created.push(format!("{name} {wanted}"));
        added.push(column(child_table, &name, &wanted, child_columns.len() + added.len() + 1, &now));
        joined.push(name);
    }

    let mut relationship = new_relationship(child_table, joined, parent_table, parent_table.primary_key.clone(), now);
    // The columns it adds may be null (rows without a parent), so the relationship is then
    // optional; reusing NOT NULL columns, it is required, as those rows always have a parent.
    relationship.is_required = reused_required(&child_columns, &reused, added.is_empty());
    relationship.key = rules.relationship_key(&relationship);
    let label = if created.is_empty() {
        format!("Add relationship {}", relationship.key)
    } else {
        format!("Add relationship {} with column{} {}", relationship.key, if created.len() == 1 { "" } else { "s" }, created.join(", "))
    };
    let (id, key) = (relationship.id, relationship.key.clone());
    let findings = relata_rules::check_candidate(registry, rules, &relationship, &added);
    let mut edits: Vec<Edit> = added.into_iter().map(|signal| Edit::PutSignal { signal }).collect();
    edits.push(Edit::PutRelationship { relationship });
    Ok(RelationshipProposal { edit: Edit::Batch { label, edits }, relationship: id, key, reused, created, findings })
}

/// Whether the relationship is required: when it reuses only NOT NULL columns (a row cannot
/// lack its parent), else optional.
fn reused_required(child_columns: &[&Signal], reused: &[String], all_reused: bool) -> bool {
    all_reused && reused.iter().all(|name| child_columns.iter().any(|s| s.column == *name && !s.nullable))
}

/// A new nullable key column of `table`.
fn column(table: &Table, name: &str, data_type: &str, ordinal: usize, now: &Timestamp) -> Signal {
    Signal {
        id: SignalId::new_random(),
        table: Some(table.table_ref()),
        column: name.to_owned(),
        ordinal: Some(u32::try_from(ordinal).unwrap_or(u32::MAX)),
        data_type: data_type.to_owned(),
        nullable: true,
        default: None,
        role: SignalRole::Key,
        row_type: RowType::Binding,
        concept: None,
        connection: ConnectionType::ReadWrite,
        description: None,
        created_at: now.clone(),
        updated_at: now.clone(),
        spec: ColumnSpec::default(),
    }
}

/// The type a child column referencing a column of `parent` type gets: the same, but a serial
/// type's plain integer (a referencing column draws no values from a sequence).
fn child_type(parent: &str) -> String {
    let lower = parent.trim().to_ascii_lowercase();
    match lower.as_str() {
        "serial" | "serial4" => "integer".to_owned(),
        "bigserial" | "serial8" => "bigint".to_owned(),
        "smallserial" | "serial2" => "smallint".to_owned(),
        _ => parent.trim().to_owned(),
    }
}

/// `base`, or `base_2`, `base_3`, … — the first that is not `taken`.
fn fresh(base: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == base) {
        return base.to_owned();
    }
    (2..).map(|n| format!("{base}_{n}")).find(|name| !taken.contains(name)).unwrap_or_else(|| base.to_owned())
}

/// An English singular of a snake_case table name, good enough for a column name: the last
/// word's plural ending dropped (`order_lines` → `order_line`, `categories` → `category`,
/// `addresses` → `address`).
fn singular(name: &str) -> String {
    let name = name.trim_matches('_');
    if let Some(stem) = name.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["sses", "xes", "ches", "shes", "zes"] {
        if let Some(stem) = name.strip_suffix(ending) {
            return format!("{stem}{}", &ending[..ending.len() - 2]);
        }
    }
    match name.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.is_empty() => stem.to_owned(),
        _ => name.to_owned(),
    }
}
