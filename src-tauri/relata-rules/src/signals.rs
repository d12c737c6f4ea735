//! Checks on `signal_registry` rows (R2xx): bindings of unknown tables, duplicates, ordinal
//! positions, concepts, data types and column-name lengths.

use std::collections::{BTreeMap, BTreeSet};

use relata_model::RegistryKind::SignalRegistry;
use relata_model::{Named, RowType, Signal, TableRef};

use crate::codes::{R201, R202, R203, R204, R205, R206, R207};
use crate::context::Context;
use crate::names::too_long;
use crate::types::PgType;

pub(crate) fn check(cx: &mut Context<'_>) {
    let signals = &cx.registry.signals;
    let concepts: BTreeSet<&str> =
        signals.iter().filter(|s| s.row_type == RowType::Concept).map(|s| s.column.as_str()).collect();
    let bound: BTreeSet<&str> =
        signals.iter().filter(|s| s.row_type == RowType::Binding).filter_map(|s| s.concept.as_deref()).collect();
    let mut enums: BTreeSet<String> = cx
        .registry
        .enums
        .iter()
        .flat_map(|e| [e.name.to_ascii_lowercase(), format!("{}.{}", e.schema, e.name).to_ascii_lowercase()])
        .collect();
    // Types the workspace's kept statements declare (domains, composite and range types) and
    // those of its extensions are types of the workspace too.
    for k in &cx.registry.kept {
        match k.kind {
            relata_model::KeptKind::Type | relata_model::KeptKind::Domain => {
                enums.insert(k.name.to_ascii_lowercase());
                if let Some(schema) = &k.schema {
                    enums.insert(format!("{schema}.{}", k.name).to_ascii_lowercase());
                }
            }
            relata_model::KeptKind::Extension => {
                let extension = extension_name(&k.sql);
                for ty in EXTENSION_TYPES.iter().filter(|(e, _)| *e == extension).flat_map(|(_, types)| *types) {
                    enums.insert((*ty).to_owned());
                }
            }
            _ => {}
        }
    }
    let max = cx.rules.max_identifier_bytes();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for s in signals {
        let key = Named::signal(s);
        if let Some(first) = seen.insert(key.label.clone(), s.id.to_string()) {
            cx.report(
                R202,
                SignalRegistry,
                &key,
                Some("column_name"),
                format!(
                    "`{key}` is registered twice (signal_id {first} and {}); remove one row or rename the column",
                    s.id
                ),
            );
        }
        if let Some(table) = &s.table {
            if !cx.tables.contains_key(table) {
                cx.report(
                    R201,
                    SignalRegistry,
                    &key,
                    Some("table_name"),
                    format!("`{key}` belongs to table `{table}`, which is not in table_overview; register the table or correct schema_name and table_name"),
                );
            }
        }
        match s.row_type {
            RowType::Binding => {
                if let Some(concept) = s.concept.as_deref().filter(|c| !concepts.contains(c)) {
                    cx.report(
                        R204,
                        SignalRegistry,
                        &key,
                        Some("concept_name"),
                        format!("binding `{key}` stores concept `{concept}`, but no concept row defines it; add a concept row named `{concept}` or correct concept_name"),
                    );
                }
                if s.column.len() > max {
                    cx.report(
                        R207,
                        SignalRegistry,
                        &key,
                        Some("column_name"),
                        too_long("column name", &s.column, max, "rename the column"),
                    );
                }
            }
            RowType::Concept => {
                if !bound.contains(s.column.as_str()) {
                    cx.report(
                        R205,
                        SignalRegistry,
                        &key,
                        Some("column_name"),
                        format!("concept `{}` is defined but no binding stores it; bind it to a column (concept_name = `{}`) or remove it if it is obsolete", s.column, s.column),
                    );
                }
            }
        }
        let ty = PgType::parse(&s.data_type, &cx.rules.data.types.extra);
        // A view's column has its source's type (checked there), or one its text does not show.
        let of_view = s.table.as_ref().is_some_and(|t| cx.is_view(t));
        if !ty.builtin && !enums.contains(&ty.base) && !of_view {
            cx.report(
                R206,
                SignalRegistry,
                &key,
                Some("data_type"),
                format!("data_type `{}` of `{key}` is neither a PostgreSQL type nor an enum type of the workspace; use a PostgreSQL type (uuid, text, varchar(255), numeric(19,4), timestamptz, jsonb, …) or declare the enum in relata.json", s.data_type),
            );
        }
    }
    ordinals(cx);
}

/// The types the `postgresql-contrib` extensions (and a few widespread others) add, by
/// extension name.
const EXTENSION_TYPES: &[(&str, &[&str])] = &[
    ("citext", &["citext"]),
    ("hstore", &["hstore"]),
    ("ltree", &["ltree", "lquery", "ltxtquery"]),
    ("cube", &["cube"]),
    ("seg", &["seg"]),
    ("isn", &["ean13", "isbn", "isbn13", "ismn", "ismn13", "issn", "issn13", "upc"]),
    ("pg_trgm", &["gtrgm"]),
    ("postgis", &["geometry", "geography", "box2d", "box3d"]),
    ("vector", &["vector", "halfvec", "sparsevec"]),
];

/// The extension a `CREATE EXTENSION [IF NOT EXISTS] name …` statement creates, lower case.
fn extension_name(sql: &str) -> String {
    let words: Vec<&str> = sql.split_whitespace().collect();
    let mut n = 2;
    if words.get(n).is_some_and(|w| w.eq_ignore_ascii_case("IF")) {
        n += 3;
    }
    words.get(n).map(|w| w.trim_matches('"').to_ascii_lowercase()).unwrap_or_default()
}

/// Positions of a table's bindings must run 1..n: each binding after a gap or on a position
/// already taken is reported once, at that binding.
fn ordinals(cx: &mut Context<'_>) {
    let mut by_table: BTreeMap<&TableRef, Vec<&Signal>> = BTreeMap::new();
    for s in &cx.registry.signals {
        if let (RowType::Binding, Some(table)) = (s.row_type, &s.table) {
            by_table.entry(table).or_default().push(s);
        }
    }
    for (table, mut bindings) in by_table {
        // A stable sort keeps registry order among equal positions, so the later row is blamed.
        bindings.sort_by_key(|s| s.ordinal.unwrap_or(u32::MAX));
        let mut previous: Option<(u32, &Signal)> = None;
        for s in bindings {
            let key = Named::signal(s);
            let Some(position) = s.ordinal else {
                cx.report(
                    R203,
                    SignalRegistry,
                    &key,
                    Some("ordinal_position"),
                    format!(
                        "binding `{key}` has no ordinal_position; give it its 1-based position in `{}`",
                        table
                    ),
                );
                continue;
            };
            let expected = previous.map_or(1, |(p, _)| p + 1);
            match previous {
                Some((p, other)) if p == position => cx.report(
                    R203,
                    SignalRegistry,
                    &key,
                    Some("ordinal_position"),
                    format!("ordinal_position {position} of `{key}` is also the position of `{}`; give every column of `{}` its own position, 1..n", other.column, table),
                ),
                _ if position != expected => cx.report(
                    R203,
                    SignalRegistry,
                    &key,
                    Some("ordinal_position"),
                    format!("ordinal_position of `{key}` is {position} where {expected} comes next; positions of `{}` must run 1..n without gaps: renumber the columns", table),
                ),
                _ => {}
            }
            previous = Some((position, s));
        }
    }
}
