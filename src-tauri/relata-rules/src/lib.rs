//! House rules over Relata registries: [`check`] a [`Registry`] against a [`RuleSet`] and get
//! diagnostics with stable [`codes`], a severity from the rule set, the registry entry and
//! field they point at, and a message that says how to fix them.
//!
//! Rule sets are data (`presets/*.json`, or a user's JSON), not code paths: `zayaz` holds the
//! seed's conventions (prefixes, prefix → schema, `rl_` join tables), `conventional` the common
//! "plural snake_case, `id uuid`, `{singular}_id`" style.
//!
//! Architecture invariant: no I/O, no async; the crate sees only `relata-model` values.
//!
//! Generated names, used where a registry leaves a name empty, come from the rule set's
//! `names` templates; both presets use `{child_table}__{child_columns}__{parent_table}` for
//! relationship keys, and the zayaz preset `fk_{child_table}__{parent_table}__{child_columns}`
//! for foreign keys, `idx_{child_table}__{child_columns}` for child indexes and
//! `idx_{table}__{columns}` / `uq_{table}__{columns}` for table indexes and unique
//! constraints (columns joined by `_`). [`RuleSet::foreign_key_name`] and its siblings give
//! the same names to generators. A generated name over the identifier limit is a warning
//! (R317), not an error: exporters shorten it with [`shorten_identifier`]; a name the registry
//! gives explicitly (R308, R109) is the user's choice and stays an error when it does not fit.

#![warn(missing_docs)]

pub mod codes;
mod context;
mod conventional;
pub mod names;
mod relationships;
mod ruleset;
mod signals;
mod tables;
mod types;
mod words;

use relata_model::{Diagnostic, EntryRef, Location, Named, Registry, RegistryKind, Relationship, Signal};

pub use names::shorten_identifier;
pub use ruleset::{Level, Prefix, RuleSet, RuleSetError, RuleSetErrorKind};

/// Whether a foreign key from a child column typed `child` to a parent column typed `parent`
/// compares the same type (no R303 error and no R316 warning), with `rules`' extra type names.
/// "+ Relationship to…" reuses a child column only when this holds.
pub fn foreign_key_types_match(child: &str, parent: &str, rules: &RuleSet) -> bool {
    let extra = &rules.data.types.extra;
    types::PgType::parse(child, extra).fit(&types::PgType::parse(parent, extra)) == types::Fit::Same
}

/// R305 (`dependency_on_unstable_table`) on one relationship: its message when `relationship`
/// is a new dependency on `parent` (its parent table) that is not stable, or an active one on a
/// table that is retiring. `added` says a change brings the relationship in, which makes even an
/// `active` one a new dependency: a migration's header warns with it.
pub fn unstable_dependency(relationship: &Relationship, parent: &relata_model::Table, rules: &RuleSet, added: bool) -> Option<String> {
    relationships::dependency_finding(relationship, &Named::relationship(relationship).label, parent, rules, added)
}

/// Checks `registry` against `rules`. The result is sorted by location (registry, entry label,
/// field), then code, then message, and holds no two equal diagnostics, so the same input
/// always gives the same list.
pub fn check(registry: &Registry, rules: &RuleSet) -> Vec<Diagnostic> {
    let mut cx = context::Context::new(registry, rules);
    tables::check(&mut cx);
    signals::check(&mut cx);
    relationships::check(&mut cx);
    conventional::check(&mut cx);
    cx.finish()
}

/// What [`check`] would say of `candidate`, a relationship not yet in `registry`, once it is
/// added together with `new_columns` (the child columns it brings): only its own findings
/// (R303 for a type mismatch, R306 for a key another relationship of its child table has, …).
/// It looks only at the candidate's two tables, their columns and the relationships of its child
/// table, so the answer keeps up with a pointer dragging a relationship over a 10,000-table
/// workspace; a cycle of required foreign keys through other tables (R309) is the full check's.
pub fn check_candidate(registry: &Registry, rules: &RuleSet, candidate: &Relationship, new_columns: &[Signal]) -> Vec<Diagnostic> {
    let ends = [candidate.child.table_ref(), candidate.parent.table_ref()];
    let mut near = Registry { modules: registry.modules.clone(), enums: registry.enums.clone(), ..Registry::default() };
    near.tables = registry.tables.iter().filter(|t| ends.contains(&t.table_ref())).cloned().collect();
    near.signals = registry
        .signals
        .iter()
        .filter(|s| s.table.as_ref().is_some_and(|t| ends.contains(t)))
        .chain(new_columns)
        .cloned()
        .collect();
    near.relationships = registry.relationships.iter().filter(|r| r.child.table_ref() == ends[0] && r.id != candidate.id).cloned().collect();
    near.relationships.push(candidate.clone());
    let entry = EntryRef::Relationship { id: candidate.id };
    check(&near, rules)
        .into_iter()
        .filter(|d| matches!(&d.location, Location::Entry { registry: RegistryKind::RelationshipRegistry, entry: e, .. } if *e == entry))
        .collect()
}
