//! The DBML export read back by @dbml/core 10.x (dbmlv2 parser, as dbdiagram.io reads it):
//! every export parses, and the parsed model holds the registry's tables, columns and types,
//! keys, indexes, refs (composite, with actions), groups with colours, enums and notes.

use std::collections::{BTreeMap, HashSet};

use relata_formats::dbml::{text, Dbml};
use relata_formats::export::{ExportOptions, Scope};
use relata_model::{
    Cardinality, IndexKey, IndexMethod, Registry, Relationship, Table, Vocabulary,
};
use serde_json::{json, Value};

use crate::consumers;

#[test]
fn every_export_parses_in_dbml_core_and_matches_the_registry() {
    let exports = consumers::exports();
    let inputs: Vec<(String, String)> = exports
        .iter()
        .map(|(name, registry, options)| (name.clone(), Dbml::new(registry, options).to_string()))
        .collect();
    let results = consumers::check("dbml-check.mjs", &inputs);
    for ((name, registry, options), result) in exports.iter().zip(&results) {
        assert_eq!(result["name"], json!(name));
        let text = &inputs.iter().find(|(n, _)| n == name).expect("input").1;
        assert!(
            result["ok"] == json!(true),
            "{name}: @dbml/core rejects the export: {:#}\n{}",
            result["errors"],
            context(text, &result["errors"])
        );
        compare(name, registry, options, &result["model"]);
    }
}

/// Asserts that `model` (the JSON of `tests/node/dbml-check.mjs`) says what the registry says.
fn compare(name: &str, registry: &Registry, options: &ExportOptions, model: &Value) {
    let scope = Scope::new(registry, options);
    assert_eq!(
        model["project"]["database_type"],
        json!("PostgreSQL"),
        "{name}"
    );

    let parsed: BTreeMap<(String, String), &Value> = model["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .map(|t| ((str(&t["schema"]), str(&t["name"])), t))
        .collect();
    // DBML rejects a table without columns, so the export leaves such a table as a comment.
    let tables: Vec<&Table> = scope
        .tables
        .iter()
        .copied()
        .filter(|t| !scope.columns(t).is_empty())
        .collect();
    let expected: Vec<(String, String)> = tables
        .iter()
        .map(|t| (t.schema.clone(), t.name.clone()))
        .collect();
    assert_eq!(
        parsed.keys().cloned().collect::<Vec<_>>(),
        expected,
        "{name}: tables"
    );
    for table in &tables {
        compare_table(
            name,
            registry,
            &scope,
            table,
            parsed[&(table.schema.clone(), table.name.clone())],
        );
    }

    // Groups: one per module, each with its tables, colour and note.
    let mut groups: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    for table in &tables {
        groups
            .entry(&table.module)
            .or_default()
            .push((table.schema.clone(), table.name.clone()));
    }
    let parsed_groups: BTreeMap<String, &Value> = model["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| (str(&g["name"]), g))
        .collect();
    assert_eq!(
        parsed_groups.keys().map(String::as_str).collect::<Vec<_>>(),
        groups.keys().copied().collect::<Vec<_>>(),
        "{name}: groups"
    );
    for (module, tables) in groups {
        let group = parsed_groups[module];
        let mut members: Vec<(String, String)> = group["tables"]
            .as_array()
            .expect("members")
            .iter()
            .map(|t| (str(&t["schema"]), str(&t["name"])))
            .collect();
        members.sort();
        assert_eq!(members, tables, "{name}: group {module}");
        let declared = registry.module(module);
        let color = declared
            .and_then(|m| m.color.as_deref())
            .and_then(text::color);
        assert_eq!(
            group["color"],
            json!(color),
            "{name}: colour of group {module}"
        );
        assert_eq!(
            group["note"],
            json!(declared.and_then(|m| m.note.as_deref()).map(dedent)),
            "{name}: note of group {module}"
        );
    }

    compare_refs(name, &scope, registry, options, model);

    let enums: Vec<Value> = registry
        .enums
        .iter()
        .map(|e| json!({ "schema": e.schema, "name": e.name, "values": e.values.iter().map(|v| json!({ "name": v.name, "note": v.note.as_deref().map(dedent) })).collect::<Vec<_>>() }))
        .collect();
    let mut parsed_enums = model["enums"].as_array().expect("enums").clone();
    parsed_enums.sort_by_key(|e| (str(&e["schema"]), str(&e["name"])));
    let mut enums = enums;
    enums.sort_by_key(|e| (str(&e["schema"]), str(&e["name"])));
    assert_eq!(parsed_enums, enums, "{name}: enums");
}

fn compare_table(
    name: &str,
    registry: &Registry,
    scope: &Scope<'_>,
    table: &Table,
    parsed: &Value,
) {
    let at = format!("{name}: {}.{}", table.schema, table.name);
    let columns = scope.columns(table);
    let fields = parsed["columns"].as_array().expect("columns");
    let names: Vec<String> = fields.iter().map(|c| str(&c["name"])).collect();
    assert_eq!(
        names,
        columns.iter().map(|c| c.column.clone()).collect::<Vec<_>>(),
        "{at}: columns in ordinal order"
    );
    let single_pk = (table.primary_key.len() == 1).then(|| table.primary_key[0].as_str());
    let unique: HashSet<&str> = table
        .unique_constraints
        .iter()
        .filter(|u| u.columns.len() == 1)
        .map(|u| u.columns[0].as_str())
        .collect();
    for (column, field) in columns.iter().zip(fields) {
        let at = format!("{at}.{}", column.column);
        let enum_type = text::sql_name_parts(&column.data_type).filter(|p| {
            p.len() == 2
                && registry
                    .enums
                    .iter()
                    .any(|e| e.schema == p[0] && e.name == p[1])
        });
        let expected_type = match enum_type {
            Some(parts) => json!({ "schema": parts[0], "name": parts[1] }),
            None => json!({ "schema": null, "name": column.data_type }),
        };
        assert_eq!(field["type"], expected_type, "{at}: type");
        let pk = single_pk == Some(column.column.as_str());
        assert_eq!(field["pk"], json!(pk), "{at}: pk");
        assert_eq!(
            field["not_null"],
            json!(!column.nullable && !pk),
            "{at}: not null"
        );
        assert_eq!(
            field["unique"],
            json!(unique.contains(column.column.as_str())),
            "{at}: unique"
        );
        assert_eq!(
            field["default"].is_null(),
            column.default.as_deref().is_none_or(|d| d.contains('`')),
            "{at}: default"
        );
        if let (Some(sql), Value::Object(default)) = (&column.default, &field["default"]) {
            let kind = default["type"].as_str().expect("default type");
            let value = default["value"].as_str().expect("default value");
            match kind {
                "expression" => assert_eq!(value, sql.trim(), "{at}: default"),
                "string" => assert_eq!(
                    Some(value.to_owned()),
                    text::sql_string(sql.trim()),
                    "{at}: default"
                ),
                "number" => assert_eq!(
                    value.parse::<f64>().ok(),
                    sql.trim().parse::<f64>().ok(),
                    "{at}: default"
                ),
                _ => assert_eq!(value, sql.trim().to_ascii_lowercase(), "{at}: default"),
            }
        }
        let note = match &column.default {
            Some(sql) if sql.contains('`') => Some(format!(
                "{}Default: {sql}",
                column
                    .description
                    .clone()
                    .map(|d| d + "\n")
                    .unwrap_or_default()
            )),
            _ => column.description.clone(),
        };
        assert_eq!(
            field["note"],
            json!(note.as_deref().map(dedent)),
            "{at}: note"
        );
    }

    // Indexes: the composite primary key, composite unique constraints, then the table's own.
    let mut expected = Vec::new();
    if table.primary_key.len() > 1 {
        let columns: Vec<Value> = table
            .primary_key
            .iter()
            .map(|c| json!({ "type": "column", "value": c }))
            .collect();
        expected.push(json!({ "columns": columns, "pk": true, "unique": false, "name": null }));
    }
    for u in table
        .unique_constraints
        .iter()
        .filter(|u| u.columns.len() > 1)
    {
        let columns: Vec<Value> = u
            .columns
            .iter()
            .map(|c| json!({ "type": "column", "value": c }))
            .collect();
        expected.push(json!({ "columns": columns, "pk": false, "unique": true, "name": u.name }));
    }
    for index in &table.indexes {
        let columns: Vec<Value> = index
            .parts
            .iter()
            .map(|p| match &p.key {
                IndexKey::Column(c) => json!({ "type": "column", "value": c }),
                IndexKey::Expression(e) => json!({ "type": "expression", "value": e }),
            })
            .collect();
        // btree, DBML's default, is left unsaid; hash is the only other type DBML knows.
        let kind = (index.method == IndexMethod::Hash).then_some("hash");
        expected.push(json!({ "columns": columns, "pk": false, "unique": index.unique, "name": index.name, "type": kind }));
    }
    let indexes: Vec<Value> = parsed["indexes"]
        .as_array()
        .expect("indexes")
        .iter()
        .zip(&expected)
        .map(|(got, want)| {
            let mut got = got.clone();
            let got_map = got.as_object_mut().expect("index object");
            // @dbml/core's model lists an index's expression parts before its column parts;
            // the DBML text has them in key order, so compare that order back.
            let parts = got_map["columns"].as_array().expect("index parts").clone();
            let (mut wanted_exprs, wanted_cols): (Vec<&Value>, Vec<&Value>) = want["columns"]
                .as_array()
                .expect("parts")
                .iter()
                .partition(|p| p["type"] == "expression");
            if parts.iter().filter(|p| p["type"] == "expression").count() == wanted_exprs.len() {
                wanted_exprs.extend(wanted_cols);
                if parts.iter().collect::<Vec<_>>() == wanted_exprs {
                    got_map.insert("columns".into(), want["columns"].clone());
                }
            }
            got_map.remove("note");
            if want.get("type").is_none() {
                got_map.remove("type");
            }
            got
        })
        .collect();
    assert_eq!(
        parsed["indexes"].as_array().map(Vec::len),
        Some(expected.len()),
        "{at}: index count"
    );
    assert_eq!(indexes, expected, "{at}: indexes");
    // A method DBML does not know, and a predicate, are kept in the index note.
    for (index, got) in table.indexes.iter().zip(
        parsed["indexes"]
            .as_array()
            .expect("indexes")
            .iter()
            .skip(expected.len() - table.indexes.len()),
    ) {
        let note = got["note"].as_str().unwrap_or("");
        if !matches!(index.method, IndexMethod::Btree | IndexMethod::Hash) {
            assert!(
                note.contains(&format!("type: {}", index.method.as_str())),
                "{at}: index note {note:?}"
            );
        }
        if let Some(predicate) = &index.predicate {
            assert!(
                note.contains(&format!("where: {predicate}")),
                "{at}: index note {note:?}"
            );
        }
    }

    let note = match (&table.purpose, &table.notes) {
        (Some(p), Some(n)) => Some(format!("{p}\n\n{n}")),
        (Some(one), None) | (None, Some(one)) => Some(one.clone()),
        (None, None) => None,
    };
    // A multi-line note written as '''…''' with the closing quotes on their own line reads
    // back with one trailing newline (see dbml::text::note).
    let got = parsed["note"].as_str().map(str::to_owned);
    let note = note.as_deref().map(dedent);
    let ok = got == note
        || (note.as_deref().is_some_and(|n| n.contains('\n'))
            && got == note.as_ref().map(|n| format!("{n}\n")));
    assert!(ok, "{at}: note {got:?}, expected {note:?}");
    // A colour DBML cannot take is left to a comment.
    assert_eq!(
        parsed["header_color"],
        json!(table.color.as_deref().and_then(text::color)),
        "{at}: header colour"
    );
}

fn compare_refs(
    name: &str,
    scope: &Scope<'_>,
    registry: &Registry,
    options: &ExportOptions,
    model: &Value,
) {
    let refs = Dbml::new(registry, options).refs();
    // Every relationship that is not a Ref is one DBML cannot hold: same columns at both ends,
    // the same column pair as a Ref before it, or a column the signal registry lacks.
    let emitted: HashSet<*const Relationship> =
        refs.iter().map(|r| *r as *const Relationship).collect();
    let mut pairs = HashSet::new();
    for r in &scope.relationships {
        let ends = (end_set(&r.child), end_set(&r.parent));
        if emitted.contains(&(*r as *const Relationship)) {
            assert!(
                pairs.insert(ends.clone()) && pairs.insert((ends.1.clone(), ends.0.clone())),
                "{name}: {} repeats a Ref",
                r.key
            );
            continue;
        }
        let missing = !scope.has_columns(&r.child.table_ref(), &r.child.columns)
            || !scope.has_columns(&r.parent.table_ref(), &r.parent.columns);
        assert!(
            missing || ends.0 == ends.1 || pairs.contains(&ends),
            "{name}: {} was left out without a reason",
            r.key
        );
    }
    let expected: Vec<Value> = refs.iter().map(|r| expected_ref(r)).collect();
    let mut parsed: Vec<Value> = model["refs"].as_array().expect("refs").clone();
    let key = |v: &Value| v.to_string();
    parsed.sort_by_key(key);
    let mut expected = expected;
    expected.sort_by_key(key);
    assert_eq!(parsed.len(), expected.len(), "{name}: ref count");
    for (got, want) in parsed.iter().zip(&expected) {
        assert_eq!(got, want, "{name}: ref");
    }
}

fn expected_ref(r: &Relationship) -> Value {
    let (child, parent) = match r.cardinality {
        Some(Cardinality::OneToOne) => ("1", "1"),
        Some(Cardinality::ManyToMany) => ("*", "*"),
        Some(Cardinality::OneToMany) | None => ("*", "1"),
    };
    let action = |a: relata_model::ReferentialAction| {
        (r.emits_foreign_key() && a != relata_model::ReferentialAction::NoAction)
            .then(|| a.as_str().replace('_', " "))
    };
    let color = match r.lineage_kind().as_str() {
        "derives_from" => Some("#8E44AD"),
        "feeds" => Some("#2980B9"),
        "aggregates" => Some("#D35400"),
        "depends_on" => Some("#7F8C8D"),
        _ => None,
    };
    json!({
        // A ref is named only by its constraint name: no name is made up.
        "name": r.constraint_name.clone(),
        "on_delete": action(r.on_delete),
        "on_update": action(r.on_update),
        "color": color,
        "inactive": r.availability != relata_model::AvailabilityStatus::Active,
        "endpoints": [
            { "schema": r.child.schema, "table": r.child.table, "fields": r.child.columns, "relation": child },
            { "schema": r.parent.schema, "table": r.parent.table, "fields": r.parent.columns, "relation": parent },
        ],
    })
}

fn end_set(end: &relata_model::RelationshipEnd) -> (String, String, Vec<String>) {
    let mut columns = end.columns.clone();
    columns.sort();
    columns.dedup();
    (end.schema.clone(), end.table.clone(), columns)
}

fn str(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("expected a string, got {value}"))
        .to_owned()
}

/// A note as @dbml/parse hands it on, whatever its quoting: leading blank lines dropped and
/// the smallest indentation of the non-blank lines removed (its `Np` helper, `trimStart`).
fn dedent(text: &str) -> String {
    let blank = |l: &str| {
        l.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
            .is_empty()
    };
    let lines: Vec<&str> = text.split('\n').skip_while(|l| blank(l)).collect();
    let indent = lines
        .iter()
        .filter(|l| !blank(l))
        .map(|l| {
            l.chars()
                .take_while(|&c| c.is_whitespace() || c == '\u{FEFF}')
                .count()
        })
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.chars().skip(indent).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The numbered lines around each error's line, for failure messages.
fn context(text: &str, errors: &Value) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for line in errors
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["line"].as_u64())
        .take(5)
    {
        let at = line as usize;
        for n in at.saturating_sub(3).max(1)..=(at + 2).min(lines.len()) {
            out.push_str(&format!("{n:6} {}\n", lines[n - 1]));
        }
        out.push_str("   ...\n");
    }
    out
}
