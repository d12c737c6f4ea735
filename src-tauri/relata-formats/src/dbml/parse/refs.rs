//! Refs into relationships: endpoints resolved against the tables (aliases included),
//! columns checked, the child and parent sides and cardinality taken from the operator,
//! settings (delete, update, color, inactive) checked, keys from the rule set.

use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap, FxHashSet};

use relata_model::{
    AvailabilityStatus, Cardinality, LineageKind, ReferentialAction, Relationship, RelationshipEnd,
};

use relata_model::dbml::DbmlRef;

use super::ast::{self, Op, Pos};
use relata_model::derived_ids as ids;
use super::lowering::{bad_value, unknown_setting, Lowering};
use crate::codes;

/// The relationships of `refs` (inline refs first, then `Ref` elements, each in text order).
pub(crate) fn lower_refs<'r>(cx: &mut Lowering<'_>, refs: impl Iterator<Item = &'r ast::Ref<'r>>) -> Vec<Relationship> {
    let mut out: Vec<Relationship> = Vec::new();
    let mut ends_seen: FxHashMap<(EndKey<'r>, EndKey<'r>), Pos> = FxHashMap::default();
    let mut keys: FxHashSet<String> = FxHashSet::default();
    for r in refs {
        let Some((relationship, color, child, parent)) = lower_ref(cx, r) else { continue };
        if child == parent {
            cx.report.error(codes::D113, r.pos, format!("this ref joins `{}` to itself: its two ends are the same columns", r.left));
            continue;
        }
        // A ref between the same ends in either direction is the same ref: the pair is kept
        // in one order so one lookup finds both.
        let pair = if child <= parent { (child, parent) } else { (parent, child) };
        match ends_seen.entry(pair) {
            Entry::Occupied(first) => {
                let message = format!("a ref between the same columns is already defined at {}", first.get());
                cx.report.error(codes::D113, r.pos, message);
                continue;
            }
            Entry::Vacant(e) => {
                e.insert(r.pos);
            }
        }
        let mut relationship = relationship;
        if !keys.insert(relationship.key.clone()) {
            // Only a rule set whose key template leaves out the columns can get here.
            let base = relationship.key.clone();
            let mut n = 2;
            while !keys.insert(format!("{base}__{n}")) {
                n += 1;
            }
            relationship.key = format!("{base}__{n}");
            relationship.id = ids::relationship(&relationship.key);
            cx.report.warning(
                codes::D113,
                r.pos,
                format!("the rule set's key `{base}` is taken by an earlier ref; this one is `{}`", relationship.key),
            );
        }
        if let Some(color) = color {
            cx.dbml.refs.push(DbmlRef { key: relationship.key.clone(), color: Some(color) });
        }
        out.push(relationship);
    }
    out
}

/// A ref end as @dbml/parse compares them: the table (its index among the drafts, which
/// are unique by schema and name) and the set of its columns, borrowed from the ref.
type EndKey<'r> = (usize, Vec<&'r str>);

fn end_key<'r>(table: usize, end: &'r ast::Endpoint<'_>) -> EndKey<'r> {
    let mut columns: Vec<&str> = end.columns.iter().map(|c| &*c.text).collect();
    columns.sort_unstable();
    columns.dedup();
    (table, columns)
}

/// The relationship of `r`, with its colour (one that is not a lineage colour) and the end keys of its child and parent.
fn lower_ref<'r>(cx: &mut Lowering<'_>, r: &'r ast::Ref<'_>) -> Option<(Relationship, Option<String>, EndKey<'r>, EndKey<'r>)> {
    let left = resolve_end(cx, &r.left);
    let right = resolve_end(cx, &r.right);
    let ((left_index, left), (right_index, right)) = (left?, right?);
    let left_key = end_key(left_index, &r.left);
    let right_key = end_key(right_index, &r.right);
    if left.columns.len() != right.columns.len() {
        cx.report.error(
            codes::D110,
            r.right.pos(),
            format!(
                "`{}` has {} column(s) but `{}` has {}: both ends of a ref need as many columns",
                r.left,
                left.columns.len(),
                r.right,
                right.columns.len()
            ),
        );
        return None;
    }
    let (child, parent, cardinality, child_index, keys) = match r.op {
        Op::ManyToOne => (left, right, Cardinality::OneToMany, left_index, (left_key, right_key)),
        Op::OneToMany => (right, left, Cardinality::OneToMany, right_index, (right_key, left_key)),
        Op::OneToOne => (left, right, Cardinality::OneToOne, left_index, (left_key, right_key)),
        Op::ManyToMany => {
            cx.report.warning(
                codes::D112,
                r.pos,
                format!(
                    "`{} <> {}` is imported as a many:many relationship, not as an rl_ join table; the house rules (R304) want a join table holding a ref to each side",
                    r.left, r.right
                ),
            );
            (left, right, Cardinality::ManyToMany, left_index, (left_key, right_key))
        }
    };
    let child_table = &cx.tables[child_index];
    let module = child_table.table.module.clone();
    // Required when no child column may be NULL: a row must then point at a parent.
    let required = child.columns.iter().all(|c| child_table.columns.iter().any(|col| &col.name == c && !col.nullable));
    let mut relationship = Relationship::with_defaults(ids::relationship(""), String::new(), module, child, parent, cx.options.now.clone());
    relationship.cardinality = Some(cardinality);
    relationship.is_required = required;
    // A ref that names no action has PostgreSQL's default, NO ACTION (and a DBML-to-SQL
    // tool writes no clause for it), not the registry's `restrict` default.
    relationship.on_delete = ReferentialAction::NoAction;
    relationship.on_update = ReferentialAction::NoAction;
    let mut color = None;
    for setting in &r.settings {
        match &*setting.name {
            "delete" | "update" => {
                let action = match &setting.value {
                    Some(ast::Value::Words(w)) => action(w),
                    _ => None,
                };
                match action {
                    Some(a) if setting.name == "delete" => relationship.on_delete = a,
                    Some(a) => relationship.on_update = a,
                    None => bad_value(
                        cx,
                        setting,
                        setting.value.as_ref(),
                        "cascade, restrict, set null, set default or no action",
                    ),
                }
            }
            "color" => match &setting.value {
                // Relata's own lineage colours read back as the lineage kind; any other colour
                // is kept as DBML-only data.
                Some(ast::Value::Color(c)) => match lineage_of(c) {
                    Some(kind) => relationship.lineage = Some(kind),
                    None => color = Some(c.to_string()),
                },
                other => bad_value(cx, setting, other.as_ref(), "a colour like #2980B9"),
            },
            "inactive" => {
                if let Some(value) = &setting.value {
                    bad_value(cx, setting, Some(value), "no value");
                }
                relationship.availability = AvailabilityStatus::Draft;
            }
            _ => unknown_setting(cx, setting, "ref", "`delete`, `update`, `color` and `inactive`"),
        }
    }
    relationship.key = cx.rules.relationship_key(&relationship);
    relationship.id = ids::relationship(&relationship.key);
    // A ref's name is its constraint's; a ref without one stays without one.
    relationship.constraint_name = r.name.as_ref().map(|n| n.text.to_string());
    Some((relationship, color, keys.0, keys.1))
}

/// The relationship end `end` names, with its table's index, or `None` after a D108/D109
/// error.
fn resolve_end(cx: &mut Lowering<'_>, end: &ast::Endpoint) -> Option<(usize, RelationshipEnd)> {
    let index = cx.resolve(&end.table)?;
    let draft = &cx.tables[index];
    if let Some(first) = end.columns.iter().find(|c| !draft.columns.iter().any(|col| col.name == c.text)) {
        let message = format!("table `{}` has no column `{}`", draft.table.table_ref(), first.text);
        cx.report.error(codes::D109, first.pos, message);
        return None;
    }
    Some((
        index,
        RelationshipEnd {
            db_engine: draft.table.db_engine.clone(),
            db_name: draft.table.db_name.clone(),
            schema: draft.table.schema.clone(),
            table: draft.table.name.clone(),
            columns: end.columns.iter().map(|c| c.text.to_string()).collect(),
        },
    ))
}

fn action(words: &str) -> Option<ReferentialAction> {
    // Compared in place: two per ref, not worth a lower-cased copy each.
    [
        ("cascade", ReferentialAction::Cascade),
        ("restrict", ReferentialAction::Restrict),
        ("set null", ReferentialAction::SetNull),
        ("set default", ReferentialAction::SetDefault),
        ("no action", ReferentialAction::NoAction),
    ]
    .into_iter()
    .find_map(|(spelling, action)| words.eq_ignore_ascii_case(spelling).then_some(action))
}

/// The lineage kind Relata's DBML printer draws in `color` (its `lineage_color`), if any.
fn lineage_of(color: &str) -> Option<LineageKind> {
    Some(match color.to_ascii_uppercase().as_str() {
        "#8E44AD" => LineageKind::DerivesFrom,
        "#2980B9" => LineageKind::Feeds,
        "#D35400" => LineageKind::Aggregates,
        "#7F8C8D" => LineageKind::DependsOn,
        _ => return None,
    })
}
