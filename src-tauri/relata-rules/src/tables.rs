//! Checks on `table_overview` rows and their Relata extras (R1xx): prefixes, schemas,
//! registered columns, keys, indexes, modules and name lengths.

use std::collections::{BTreeMap, BTreeSet};

use relata_model::RegistryKind::{Relata, TableOverview};
use relata_model::{Named, Table};

use crate::codes::{R101, R102, R103, R104, R105, R106, R107, R108, R109, R110, R317};
use crate::names::{shortened, too_long};
use crate::context::{list, Context};

pub(crate) fn check(cx: &mut Context<'_>) {
    let mut seen = BTreeMap::new();
    for t in &cx.registry.tables {
        let key = Named::table(t.id, &t.table_ref());
        if let Some(first) = seen.insert(key.label.clone(), t.id) {
            cx.report(
                R105,
                TableOverview,
                &key,
                Some("table_name"),
                format!(
                    "table `{key}` is registered twice (table_id {first} and {}); a schema and table name may appear once: remove one row or rename the table",
                    t.id
                ),
            );
        }
        prefix(cx, t, &key);
        schema(cx, t, &key);
        columns(cx, t, &key);
        name_lengths(cx, t, &key);
    }
    modules(cx);
}

fn known_prefixes(cx: &Context<'_>) -> Vec<String> {
    cx.rules.data.prefixes.known.iter().map(|p| p.prefix.clone()).collect()
}

fn prefix(cx: &mut Context<'_>, t: &Table, key: &Named) {
    let known = known_prefixes(cx);
    let derived = t.derived_prefix(&known).map(str::to_owned);
    match &t.prefix {
        None if cx.rules.data.prefixes.required => {
            let fix = match &derived {
                Some(d) => format!("the name starts with `{d}`, so set table_prefix to `{d}`"),
                None => format!(
                    "choose the prefix that says what kind of table it is ({}) and rename the table to start with it",
                    list(&known)
                ),
            };
            cx.report(
                R101,
                TableOverview,
                key,
                Some("table_prefix"),
                format!("table `{key}` has no table_prefix; {fix}"),
            );
        }
        Some(p) if !known.is_empty() && !known.contains(p) => {
            cx.report(
                R101,
                TableOverview,
                key,
                Some("table_prefix"),
                format!("table_prefix `{p}` of `{key}` is not a known prefix; use one of {}", list(&known)),
            );
        }
        _ => {}
    }
    if let Some(p) = &t.prefix {
        if !(t.name.starts_with(p.as_str()) && t.name.len() > p.len()) {
            let fix = match &derived {
                Some(d) => format!("set table_prefix to `{d}`, which the name carries, or rename the table to `{p}…`"),
                None => format!("rename the table to start with `{p}` or correct table_prefix"),
            };
            cx.report(
                R103,
                TableOverview,
                key,
                Some("table_prefix"),
                format!("table_prefix is `{p}` but the name `{}` does not start with it; {fix}", t.name),
            );
        }
    }
}

fn schema(cx: &mut Context<'_>, t: &Table, key: &Named) {
    let known = known_prefixes(cx);
    // The registered prefix when it is a known one, else the one the name carries.
    let prefix = match &t.prefix {
        Some(p) if known.contains(p) => Some(p.clone()),
        _ => t.derived_prefix(&known).map(str::to_owned),
    };
    let Some(prefix) = prefix else { return };
    let schemas = &cx.rules.data.schemas;
    let Some(allowed) = schemas.by_prefix.get(&prefix) else { return };
    if allowed.contains(&t.schema) || schemas.any_prefix.contains(&t.schema) {
        return;
    }
    let meaning = cx.rules.data.prefixes.known.iter().find(|p| p.prefix == prefix).map(|p| p.meaning.as_str());
    let meaning = meaning.map(|m| format!(" — {m} —")).unwrap_or_default();
    let fitting: Vec<&String> =
        schemas.by_prefix.iter().filter(|(_, s)| s.contains(&t.schema)).map(|(p, _)| p).collect();
    let alternative = if fitting.is_empty() {
        String::new()
    } else {
        format!(", or give it a prefix that belongs in `{}` ({})", t.schema, list(&fitting))
    };
    cx.report(
        R102,
        TableOverview,
        key,
        Some("schema_name"),
        format!(
            "`{key}` is in schema `{}`, but its prefix `{prefix}`{meaning} belongs in {}; move the table to {}{alternative}",
            t.schema,
            list(allowed).replace("`, `", "` or `"),
            list(allowed).replace("`, `", "` or `"),
        ),
    );
}

fn columns(cx: &mut Context<'_>, t: &Table, key: &Named) {
    let table = t.table_ref();
    let Some(registered) = cx.columns_of(&table) else {
        cx.report(
            R104,
            TableOverview,
            key,
            None,
            format!("table `{key}` has no columns in signal_registry; register every column of the table (a table missing from a registry is incomplete)"),
        );
        return;
    };
    let registered: BTreeSet<&str> = registered.keys().copied().collect();
    for c in &t.primary_key {
        if !registered.contains(c.as_str()) {
            cx.report(
                R106,
                TableOverview,
                key,
                Some("primary_key_columns"),
                format!("primary key column `{c}` of `{key}` is not registered in signal_registry; register the column or correct primary_key_columns"),
            );
        }
    }
    let max = cx.rules.max_identifier_bytes();
    for index in &t.indexes {
        let name = cx.rules.index_name(t, index);
        for c in index.columns() {
            if !registered.contains(c) {
                cx.report(
                    R107,
                    Relata,
                    key,
                    Some("indexes"),
                    format!("index `{name}` of `{key}` uses column `{c}`, which is not registered in signal_registry; register the column or correct the index"),
                );
            }
        }
        if name.len() > max {
            // An explicit name is the user's choice (R109, an error); a generated one is
            // shortened by the exports (R317, a warning), as for relationships.
            let (code, message) = match index.name {
                Some(_) => (R109, too_long("index name", &name, max, "give the index a shorter explicit name")),
                None => (R317, shortened("generated index name", &name, max, "the index name")),
            };
            cx.report(code, Relata, key, Some("indexes"), message);
        }
    }
    for constraint in &t.unique_constraints {
        let name = cx.rules.unique_constraint_name(t, constraint);
        for c in &constraint.columns {
            if !registered.contains(c.as_str()) {
                cx.report(
                    R107,
                    Relata,
                    key,
                    Some("unique_constraints"),
                    format!("unique constraint `{name}` of `{key}` uses column `{c}`, which is not registered in signal_registry; register the column or correct the constraint"),
                );
            }
        }
        if name.len() > max {
            let (code, message) = match constraint.name {
                Some(_) => (R109, too_long("unique constraint name", &name, max, "give the constraint a shorter explicit name")),
                None => (R317, shortened("generated unique constraint name", &name, max, "the constraint name")),
            };
            cx.report(code, Relata, key, Some("unique_constraints"), message);
        }
    }
}

fn name_lengths(cx: &mut Context<'_>, t: &Table, key: &Named) {
    let max = cx.rules.max_identifier_bytes();
    if t.name.len() > max {
        cx.report(
            R110,
            TableOverview,
            key,
            Some("table_name"),
            too_long("table name", &t.name, max, "rename the table"),
        );
    }
    if t.schema.len() > max {
        cx.report(
            R110,
            TableOverview,
            key,
            Some("schema_name"),
            too_long("schema name", &t.schema, max, "rename the schema"),
        );
    }
}

fn modules(cx: &mut Context<'_>) {
    let mut users: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &cx.registry.tables {
        *users.entry(t.module.as_str()).or_default() += 1;
    }
    for (module, count) in users {
        let tables = if count == 1 { "1 table".to_owned() } else { format!("{count} tables") };
        let message = match cx.registry.module(module) {
            None => format!("module `{module}` ({tables}) is not declared in relata.json; declare it with a colour so its group is drawn in a colour of its own"),
            Some(m) if m.color.is_none() => format!("module `{module}` ({tables}) has no colour; give it one so its group is drawn in a colour of its own"),
            Some(_) => continue,
        };
        cx.report(R108, Relata, &Named::module(module), Some("color"), message);
    }
}

