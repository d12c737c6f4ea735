//! Checks on `relationship_registry` rows (R3xx): ends that exist, compatible column types,
//! join tables, stable targets, keys and names, cycles of required foreign keys, and the
//! registry DDL's own CHECK constraints.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use relata_model::RegistryKind::RelationshipRegistry;
use relata_model::{
    AvailabilityStatus, Cardinality, Named, ReferentialAction, Relationship, RelationshipEnd,
    RelationshipType, Table, TableRef,
};

use crate::codes::{
    R301, R302, R303, R304, R305, R306, R307, R308, R309, R310, R311, R312, R313, R314, R315, R316, R317, R318,
    R319, R320,
};
use crate::context::{list, Context};
use crate::names::{shortened, too_long};
use crate::types::{Fit, PgType};
use crate::words;
use crate::RuleSet;

pub(crate) fn check(cx: &mut Context<'_>) {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let modules: BTreeSet<&str> = cx.registry.module_names().into_iter().collect();
    for r in &cx.registry.relationships {
        let key = Named::relationship(r);
        if let Some(first) = seen.insert(r.key.clone(), r.id.to_string()) {
            cx.report(
                R306,
                RelationshipRegistry,
                &key,
                Some("relationship_key"),
                format!(
                    "relationship_key `{}` is used by two relationships (relationship_id {first} and {}); keys must be unique: give this one its deterministic key `{}`",
                    r.key,
                    r.id,
                    cx.rules.relationship_key(r)
                ),
            );
        }
        if r.initially_deferred && !r.deferrable {
            cx.report(
                R312,
                RelationshipRegistry,
                &key,
                Some("initially_deferred"),
                "initially_deferred is true but deferrable is false; only a deferrable constraint can start deferred: set deferrable to true or initially_deferred to false".into(),
            );
        }
        if !modules.contains(r.module.as_str()) {
            cx.report(
                R315,
                RelationshipRegistry,
                &key,
                Some("module_name"),
                format!("module `{}` of relationship `{key}` is not declared and no table belongs to it; correct module_name or declare the module in relata.json", r.module),
            );
        }
        let child_exists = end_exists(cx, &key, &r.child, "child");
        let parent_exists = end_exists(cx, &key, &r.parent, "parent");
        dependency(cx, r, &key);
        many_to_many(cx, r, &key);
        names(cx, r, &key);
        if !column_lists(cx, r, &key) {
            continue;
        }
        if cx.rules.relationship_key(r) != r.key {
            cx.report(
                R307,
                RelationshipRegistry,
                &key,
                Some("relationship_key"),
                format!(
                    "relationship_key `{}` is not the deterministic key of this relationship; rename it to `{}` (pattern {})",
                    r.key,
                    cx.rules.relationship_key(r),
                    cx.rules.data.names.relationship_key
                ),
            );
        }
        let child_ok = child_exists && columns_exist(cx, &key, &r.child, "child");
        let parent_ok = parent_exists && columns_exist(cx, &key, &r.parent, "parent");
        if child_ok && parent_ok {
            types(cx, r, &key);
        }
        if child_ok {
            set_null(cx, r, &key);
        }
        if parent_ok {
            parent_unique(cx, r, &key);
        }
    }
    cycles(cx);
    diagram_lines(cx);
}

/// R320: a line of a Mermaid diagram that says no join columns is kept as a diagram line
/// only (drawn and exported back, no registry row); the finding asks for its columns. It
/// points at the table that would hold them (the child, read from the ends as the import
/// reads them), so the window opens that table.
fn diagram_lines(cx: &mut Context<'_>) {
    for (_, line) in cx.registry.mermaid.diagram_only_lines() {
        let (child, parent) = line.child_and_parent();
        let label = if line.label.is_empty() { String::from("with no label") } else { format!("`{}`", line.label) };
        cx.report(
            R320,
            relata_model::RegistryKind::Relata,
            &cx.table_entry(child),
            Some("mermaid_lines"),
            format!(
                "the diagram line {label} between `{child}` and `{parent}` says no join columns: it is drawn and exported to Mermaid, but it is not a foreign key; say which columns join them, or delete the line"
            ),
        );
    }
}


fn end_exists(cx: &mut Context<'_>, key: &Named, end: &RelationshipEnd, side: &str) -> bool {
    let table = end.table_ref();
    if cx.tables.contains_key(&table) {
        return true;
    }
    cx.report(
        R301,
        RelationshipRegistry,
        key,
        Some(if side == "child" { "child_table" } else { "parent_table" }),
        format!("{side} table `{table}` of relationship `{key}` is not in table_overview; register the table or correct {side}_schema and {side}_table"),
    );
    false
}

/// R310 and R311, the DDL's column-list CHECKs; whether the lists are usable pairwise.
fn column_lists(cx: &mut Context<'_>, r: &Relationship, key: &Named) -> bool {
    let mut ok = true;
    for (end, field) in [(&r.child, "child_columns"), (&r.parent, "parent_columns")] {
        if end.columns.is_empty() {
            ok = false;
            cx.report(
                R310,
                RelationshipRegistry,
                key,
                Some(field),
                format!("{field} is empty; a relationship needs at least one column on each side: list the columns of `{}` that take part", end.table_ref()),
            );
        }
    }
    if ok && r.child.columns.len() != r.parent.columns.len() {
        ok = false;
        cx.report(
            R311,
            RelationshipRegistry,
            key,
            Some("parent_columns"),
            format!(
                "relationship `{key}` has {} ({}) but {} ({}); list as many parent columns as child columns, in the same order",
                count(r.child.columns.len(), "child column"),
                list(&r.child.columns),
                count(r.parent.columns.len(), "parent column"),
                list(&r.parent.columns)
            ),
        );
    }
    ok
}

/// R302; whether every column of the end is registered. A table without any registered
/// column is left to R104.
fn columns_exist(cx: &mut Context<'_>, key: &Named, end: &RelationshipEnd, side: &str) -> bool {
    let table = end.table_ref();
    if cx.columns_of(&table).is_none() {
        return false;
    }
    let mut ok = true;
    for c in &end.columns {
        if cx.column(&table, c).is_none() {
            ok = false;
            cx.report(
                R302,
                RelationshipRegistry,
                key,
                Some(if side == "child" { "child_columns" } else { "parent_columns" }),
                format!("{side} column `{c}` of relationship `{key}` is not a registered column of `{table}`; register it in signal_registry or correct {side}_columns"),
            );
        }
    }
    ok
}

fn types(cx: &mut Context<'_>, r: &Relationship, key: &Named) {
    let (child, parent) = (r.child.table_ref(), r.parent.table_ref());
    let extra = cx.rules.data.types.extra.clone();
    for (c, p) in r.child.columns.iter().zip(&r.parent.columns) {
        let (Some(cs), Some(ps)) = (cx.column(&child, c), cx.column(&parent, p)) else { continue };
        if cs.spec.collation != ps.spec.collation {
            let name = |c: &Option<String>| c.clone().unwrap_or_else(|| "the database's default".to_owned());
            let message = format!(
                "child column `{child}.{c}` collates with {} but parent column `{parent}.{p}` with {}; equality can disagree between them (a case-insensitive collation matches rows the other does not): give both the same collation",
                name(&cs.spec.collation),
                name(&ps.spec.collation)
            );
            cx.report(R318, RelationshipRegistry, key, Some("child_columns"), message);
        }
        if let Some(identity) = &cs.spec.identity {
            let why = if identity.always {
                "GENERATED ALWAYS: PostgreSQL makes up every value, so a row cannot name its parent"
            } else {
                "GENERATED BY DEFAULT: a row that leaves it out gets the next number of a sequence, which names an unrelated parent or none"
            };
            let message = format!(
                "child column `{child}.{c}` of the foreign key to `{parent}.{p}` is an identity column ({why}): make it a plain column of the parent key's type"
            );
            cx.report(R319, RelationshipRegistry, key, Some("child_columns"), message);
        }
        let fit = PgType::parse(&cs.data_type, &extra).fit(&PgType::parse(&ps.data_type, &extra));
        let (code, why) = match fit {
            Fit::Same => continue,
            Fit::Loose => (R316, "PostgreSQL accepts the key, but the values convert on every comparison and can disagree: give both columns the same type"),
            Fit::Incompatible => (R303, "a foreign key needs comparable types: give the child column the parent column's type"),
        };
        cx.report(
            code,
            RelationshipRegistry,
            key,
            Some("child_columns"),
            format!(
                "child column `{child}.{c}` is `{}` but parent column `{parent}.{p}` is `{}`; {why}",
                cs.data_type, ps.data_type
            ),
        );
    }
}

fn set_null(cx: &mut Context<'_>, r: &Relationship, key: &Named) {
    if !r.emits_foreign_key() {
        return;
    }
    let child = r.child.table_ref();
    for (action, field) in [(r.on_delete, "on_delete"), (r.on_update, "on_update")] {
        if action != ReferentialAction::SetNull {
            continue;
        }
        for c in &r.child.columns {
            if cx.column(&child, c).is_some_and(|s| !s.nullable) {
                cx.report(
                    R313,
                    RelationshipRegistry,
                    key,
                    Some(field),
                    format!("{field} is set_null but child column `{child}.{c}` is NOT NULL, so the parent change would fail; make the column nullable or choose another action (restrict, cascade, no_action)"),
                );
            }
        }
    }
}

fn parent_unique(cx: &mut Context<'_>, r: &Relationship, key: &Named) {
    if !r.emits_foreign_key() {
        return;
    }
    let Some(parent) = cx.tables.get(&r.parent.table_ref()).copied() else { return };
    let wanted: BTreeSet<&str> = r.parent.columns.iter().map(String::as_str).collect();
    let unique = as_set(&parent.primary_key) == wanted
        || parent.unique_constraints.iter().any(|u| as_set(&u.columns) == wanted)
        || parent.indexes.iter().any(|i| {
            // PostgreSQL only accepts a plain, non-partial unique index as a foreign key target.
            i.unique
                && i.predicate.is_none()
                && i.columns().count() == i.parts.len()
                && i.columns().collect::<BTreeSet<_>>() == wanted
        });
    if unique {
        return;
    }
    let pk = if parent.primary_key.is_empty() { "none".to_owned() } else { list(&parent.primary_key) };
    cx.report(
        R314,
        RelationshipRegistry,
        key,
        Some("parent_columns"),
        format!(
            "parent columns ({}) of `{}` are neither its primary key (which is {pk}) nor covered by a unique constraint or plain unique index; a foreign key must reference unique columns: reference the primary key or add a unique constraint on ({})",
            list(&r.parent.columns),
            r.parent.table_ref(),
            r.parent.columns.join(", ")
        ),
    );
}

/// `1 child column`, `2 child columns`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn as_set(columns: &[String]) -> BTreeSet<&str> {
    columns.iter().map(String::as_str).collect()
}

fn dependency(cx: &mut Context<'_>, r: &Relationship, key: &Named) {
    let Some(parent) = cx.tables.get(&r.parent.table_ref()).copied() else { return };
    if let Some(message) = dependency_finding(r, &key.label, parent, cx.rules, false) {
        cx.report(R305, RelationshipRegistry, key, Some("parent_table"), message);
    }
}

/// R305's condition and message for relationship `r` (its entry key `key`) on its parent
/// table `parent`: a new dependency on a table that is not stable, or an active one on a table
/// that is retiring. A relationship is a new dependency when its availability is one the rule
/// set calls new (`draft`, `pending`, `future`), or when `added` says a change brings it in
/// while it is `active` (a migration adding it makes a dependency that did not exist).
pub(crate) fn dependency_finding(r: &Relationship, key: &str, parent: &Table, rules: &RuleSet, added: bool) -> Option<String> {
    let rules = &rules.data.dependencies;
    let new = rules.new_availability.contains(&r.availability) || added && r.availability == AvailabilityStatus::Active;
    if new && !rules.stable_statuses.contains(&parent.status) {
        let stable: Vec<&str> = rules.stable_statuses.iter().map(|s| relata_model::Vocabulary::as_str(*s)).collect();
        Some(format!(
            "relationship `{key}` is a new dependency ({}) on `{}`, whose status is `{}`; new dependencies may only target tables that are {}: wait until the table is stable or depend on a stable table",
            r.availability,
            parent.table_ref(),
            parent.status,
            stable.join(" or ")
        ))
    } else if r.availability == AvailabilityStatus::Active && rules.retiring_statuses.contains(&parent.status) {
        Some(format!(
            "active relationship `{key}` depends on `{}`, whose status is `{}`; move the dependency to the table that replaces it, or deprecate the relationship",
            parent.table_ref(),
            parent.status
        ))
    } else {
        None
    }
}

fn many_to_many(cx: &mut Context<'_>, r: &Relationship, key: &Named) {
    let many = r.cardinality == Some(Cardinality::ManyToMany);
    if !many && r.relationship_type != RelationshipType::JoinBridge {
        return;
    }
    if is_join_table(cx, &r.child.table_ref()) || is_join_table(cx, &r.parent.table_ref()) {
        return;
    }
    let (field, what) = if many { ("cardinality", "many:many") } else { ("relationship_type", "a join_bridge") };
    let rules = &cx.rules.data.join_tables;
    let mut ways = Vec::new();
    if !rules.prefixes.is_empty() {
        ways.push(format!("a table whose name starts with {}", list(&rules.prefixes)));
    }
    if rules.named_after_parents {
        let example = match &cx.rules.data.naming {
            Some(n) => format!("{}_{}", words::singulars(&r.child.table, n)[0], r.parent.table),
            None => format!("{}_{}", r.child.table, r.parent.table),
        };
        ways.push(format!("a junction table named after the two tables it joins (e.g. `{example}`)"));
    }
    let through = if ways.is_empty() { "a join table".to_owned() } else { ways.join(" or ") };
    cx.report(
        R304,
        RelationshipRegistry,
        key,
        Some(field),
        format!(
            "relationship `{key}` is {what} between `{}` and `{}` without a join table; model it as two 1:many relationships from {through}",
            r.child.table_ref(),
            r.parent.table_ref()
        ),
    );
}

/// Whether `table` is a join table by the rule set: by prefix, or named after two of the
/// tables it references.
fn is_join_table(cx: &Context<'_>, table: &TableRef) -> bool {
    let rules = &cx.rules.data.join_tables;
    if rules.prefixes.iter().any(|p| table.table.starts_with(p.as_str())) {
        return true;
    }
    if !rules.named_after_parents {
        return false;
    }
    let parents: BTreeSet<&str> = cx
        .registry
        .relationships
        .iter()
        .filter(|r| r.child.table_ref() == *table)
        .map(|r| r.parent.table.as_str())
        .collect();
    let forms = |name: &str| -> Vec<String> {
        let mut forms = vec![name.to_owned()];
        if let Some(naming) = &cx.rules.data.naming {
            forms.extend(words::singulars(name, naming));
        }
        forms
    };
    parents.iter().any(|a| {
        parents
            .iter()
            .filter(|b| b != &a)
            .any(|b| forms(a).iter().any(|fa| forms(b).iter().any(|fb| table.table == format!("{fa}_{fb}"))))
    })
}

/// R308 for an explicit name over the limit (the user chose it; exports would have to change
/// it), R317 for a generated one (exports shorten it, and the message says to what).
fn names(cx: &mut Context<'_>, r: &Relationship, key: &Named) {
    let max = cx.rules.max_identifier_bytes();
    if r.constraint_name.is_some() || r.emits_foreign_key() {
        let name = cx.rules.foreign_key_name(r);
        if name.len() > max {
            let (code, message) = match r.constraint_name {
                Some(_) => (R308, too_long("constraint_name", &name, max, "set constraint_name to a shorter name")),
                None => (R317, shortened("generated foreign key name", &name, max, "constraint_name")),
            };
            cx.report(code, RelationshipRegistry, key, Some("constraint_name"), message);
        }
    }
    if r.child_index_name.is_some() || (r.emits_foreign_key() && r.create_child_index) {
        let name = cx.rules.child_index_name(r);
        if name.len() > max {
            let (code, message) = match r.child_index_name {
                Some(_) => (R308, too_long("child_index_name", &name, max, "set child_index_name to a shorter name")),
                None => (R317, shortened("generated child index name", &name, max, "child_index_name")),
            };
            cx.report(code, RelationshipRegistry, key, Some("child_index_name"), message);
        }
    }
}

/// R309: strongly connected components of the graph of required, enforceable,
/// non-deferrable foreign keys. Any component of two or more tables holds a cycle in which
/// no constraint can be deferred, so no row of it can be inserted first.
fn cycles(cx: &mut Context<'_>) {
    let edges: Vec<&Relationship> =
        cx.registry.relationships.iter().filter(|r| r.is_db_enforceable() && r.is_required && !r.deferrable).collect();
    let tables: BTreeSet<TableRef> = edges.iter().flat_map(|r| [r.child.table_ref(), r.parent.table_ref()]).collect();
    let mut graph = DiGraph::<&TableRef, usize>::new();
    let nodes: BTreeMap<&TableRef, NodeIndex> = tables.iter().map(|t| (t, graph.add_node(t))).collect();
    for (i, r) in edges.iter().enumerate() {
        graph.add_edge(nodes[&r.child.table_ref()], nodes[&r.parent.table_ref()], i);
    }
    let components = tarjan_scc(&graph);
    // Each edge's keys go to the component holding both its ends, in one pass over the edges
    // (a pass per component made the check quadratic where a registry has many cycles).
    let mut component_of = vec![usize::MAX; graph.node_count()];
    for (c, component) in components.iter().enumerate().filter(|(_, component)| component.len() >= 2) {
        for node in component {
            component_of[node.index()] = c;
        }
    }
    let mut keys_of: BTreeMap<usize, Vec<Named>> = BTreeMap::new();
    for edge in graph.edge_references() {
        let c = component_of[edge.source().index()];
        if c != usize::MAX && c == component_of[edge.target().index()] {
            keys_of.entry(c).or_default().push(Named::relationship(edges[*edge.weight()]));
        }
    }
    for (c, component) in components.iter().enumerate() {
        if component.len() < 2 {
            continue;
        }
        let members: BTreeSet<&TableRef> = component.iter().map(|n| graph[*n]).collect();
        let mut keys = keys_of.remove(&c).unwrap_or_default();
        keys.sort_by(|a, b| (&a.label, &a.entry).cmp(&(&b.label, &b.entry)));
        let labels: Vec<&str> = keys.iter().map(|k| k.label.as_str()).collect();
        let names: Vec<String> = members.iter().map(|t| t.to_string()).collect();
        cx.report(
            R309,
            RelationshipRegistry,
            &keys[0],
            Some("deferrable"),
            format!(
                "required foreign keys form a cycle between {} (relationships {}) and none of them is deferrable, so no row can be inserted first; make one of them deferrable (deferrable = true, initially_deferred = true) or not required",
                list(&names),
                list(&labels)
            ),
        );
    }
}
