//! The DBML importer against its printer and its real consumer: every bundled registry, a
//! generated 200-table registry and the adversarial registry are exported to DBML, imported
//! back and compared with the original, fact by fact, for everything DBML carries; the same
//! texts are parsed by @dbml/core and the counts compared.
//!
//! What DBML cannot carry, and is therefore not compared (the importer fills it with the
//! choices documented in `relata_formats::dbml::parse`):
//! - ids and timestamps (derived from names / the caller's `now`); table `status` (`draft`),
//!   `table_prefix` (derived from the rule set), `owner_team`, `db_engine`, `db_name`;
//! - a table's `purpose` and `notes` apart: the printer joins them in one note, which comes
//!   back as the purpose;
//! - signal roles, concept rows, connection types (no place in DBML);
//! - the names of single-column unique constraints (written as a column's `unique`), and the
//!   kind of a composite unique constraint: the printer writes it into `indexes { }`, where it
//!   reads back as a unique index with the same name and columns;
//! - a column default's SQL cast (`'free'::text` is the DBML string `'free'`) and the
//!   spelling of `TRUE`/`FALSE`/`NULL` (DBML has lower-case literals);
//! - what the printer leaves to comments: relationship types, enforcement, match type,
//!   deferrability, notes and the exact availability (`inactive` reads back as `draft`),
//!   refs DBML cannot hold, tables without columns;
//! - relationship fields DBML has no word for (version, ownership, approvals, index hints,
//!   tenant scoping, generator flags), the relationship's module (it takes its child
//!   table's), and actions of relationships that are no database FK (not printed);
//! - the common indentation and leading blank lines of multi-line notes (DBML dedents them).

use std::collections::BTreeMap;

use relata_formats::dbml::parse::{import, ImportOptions};
use relata_formats::dbml::{text, Dbml};
use relata_formats::export::{export, ExportFormat, ExportOptions, Scope};
use relata_model::generate::{adversarial, generate, GenerateOptions};
use relata_model::{
    Cardinality, Diagnostic, Index, IndexKey, IndexMethod, IndexPart, ReferentialAction, Registry, Relationship, Table,
    Timestamp,
};
use relata_rules::RuleSet;

use crate::consumers;
use serde_json::{json, Value};


fn now() -> Timestamp {
    Timestamp::parse("2026-01-31 09:30:00+00").expect("timestamp")
}

fn rules() -> RuleSet {
    RuleSet::named("zayaz").expect("preset")
}

/// Every registry the round trip covers, by name.
fn registries() -> Vec<(String, Registry)> {
    let mut out = Vec::new();
    for dir in crate::bundled() {
        let (registry, diagnostics) = relata_codec::folder::parse(&crate::read_folder(&dir));
        assert!(diagnostics.is_empty(), "{}: {diagnostics:#?}", dir.display());
        out.push((dir.file_name().expect("name").to_string_lossy().into_owned(), registry));
    }
    out.push(("generated-200".into(), generate(&GenerateOptions::new(200))));
    out.push(("adversarial".into(), adversarial()));
    out
}

/// Everything is exported: inactive relationships too.
fn options() -> ExportOptions {
    ExportOptions { include_inactive: true, ..ExportOptions::default() }
}

#[test]
fn every_registry_survives_export_and_import() {
    for (name, original) in registries() {
        let dbml = export(&original, ExportFormat::Dbml, &options(), &rules());
        let (imported, diagnostics) = import(&dbml, &format!("{name}.dbml"), &ImportOptions::new(now()), &rules());
        // The only findings: one D112 per many-to-many ref (imported as many:many, reported).
        let many = Dbml::new(&original, &options())
            .refs()
            .iter()
            .filter(|r| r.cardinality == Some(Cardinality::ManyToMany))
            .count();
        let unexpected: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code != "D112").collect();
        assert!(unexpected.is_empty(), "{name}: {unexpected:#?}");
        assert_eq!(diagnostics.len(), many, "{name}: one D112 per <> ref");

        let want = carried(&original, &Dbml::new(&original, &options()).refs());
        let imported_refs: Vec<&Relationship> = imported.relationships.iter().collect();
        let got = carried(&imported, &imported_refs);
        compare(&name, &want, &got);

        // The same text imports to the same registry, ids included.
        let (again, _) = import(&dbml, &format!("{name}.dbml"), &ImportOptions::new(now()), &rules());
        assert_eq!(again, imported, "{name}: import is deterministic");
        // And the imported registry exports to the same DBML but for what it cannot carry:
        // exporting it again and importing that gives the same registry (a fixed point).
        let second = export(&imported, ExportFormat::Dbml, &options(), &rules());
        let (third, _) = import(&second, "second.dbml", &ImportOptions::new(now()), &rules());
        assert_eq!(third, imported, "{name}: export → import is a fixed point after one round");
    }
}

/// Compares two [`carried`] views part by part, so a failure names the table or ref.
fn compare(name: &str, want: &Value, got: &Value) {
    for part in ["modules", "enums"] {
        assert_eq!(got[part], want[part], "{name}: {part}");
    }
    let (want_tables, got_tables) = (want["tables"].as_object().unwrap(), got["tables"].as_object().unwrap());
    assert_eq!(got_tables.keys().collect::<Vec<_>>(), want_tables.keys().collect::<Vec<_>>(), "{name}: tables");
    for (table, w) in want_tables {
        let g = &got_tables[table];
        for (field, value) in w.as_object().unwrap() {
            assert_eq!(&g[field], value, "{name}: table {table}, {field}");
        }
    }
    let (want_refs, got_refs) = (want["refs"].as_array().unwrap(), got["refs"].as_array().unwrap());
    assert_eq!(got_refs.len(), want_refs.len(), "{name}: ref count");
    for (g, w) in got_refs.iter().zip(want_refs) {
        assert_eq!(g, w, "{name}: ref");
    }
}

/// What DBML carries of `registry`, as the printer writes it and the importer must read it
/// back: tables with columns (in order), keys, uniques, indexes, colours and notes; modules of
/// exported tables; enums; the `refs` given (the ones the printer writes as `Ref`s).
fn carried(registry: &Registry, refs: &[&Relationship]) -> Value {
    let scope = Scope::new(registry, &options());
    let tables: Vec<&Table> = scope.tables.iter().copied().filter(|t| !scope.columns(t).is_empty()).collect();
    let mut out_tables = serde_json::Map::new();
    for table in &tables {
        let columns = scope.columns(table);
        let has = |c: &str| columns.iter().any(|s| s.column == c);
        let pk: Vec<&String> = if table.primary_key.iter().all(|c| has(c)) { table.primary_key.iter().collect() } else { vec![] };
        let mut unique: Vec<&str> =
            table.unique_constraints.iter().filter(|u| u.columns.len() == 1).map(|u| u.columns[0].as_str()).collect();
        unique.sort();
        unique.dedup();
        // Composite unique constraints come back as unique indexes (see the module docs).
        let mut indexes: Vec<Index> = table
            .unique_constraints
            .iter()
            .filter(|u| u.columns.len() > 1 && u.columns.iter().all(|c| has(c)))
            .map(|u| Index {
                name: u.name.clone(),
                parts: u.columns.iter().cloned().map(IndexPart::column).collect(),
                method: IndexMethod::Btree,
                unique: true,
                predicate: None,
                note: None,
                ..Index::default()
            })
            .collect();
        indexes.extend(
            table
                .indexes
                .iter()
                .filter(|i| i.columns().all(has))
                .filter(|i| i.parts.iter().all(|p| !matches!(&p.key, IndexKey::Expression(e) if e.contains('`'))))
                .cloned(),
        );
        let note = match (&table.purpose, &table.notes) {
            (Some(p), Some(n)) => Some(format!("{p}\n\n{n}")),
            (Some(one), None) | (None, Some(one)) => Some(one.clone()),
            (None, None) => None,
        };
        let cols: Vec<Value> = columns
            .iter()
            .map(|c| {
                // A primary key column reads back NOT NULL (PostgreSQL makes it so).
                let pk_column = pk.contains(&&c.column);
                let (default, description) = match &c.default {
                    Some(sql) => match text::default(sql) {
                        Some(_) => (Some(sql_default(sql)), c.description.clone()),
                        None => (None, Some(format!("{}Default: {sql}", c.description.clone().map(|n| n + "\n").unwrap_or_default()))),
                    },
                    None => (None, c.description.clone()),
                };
                json!({
                    "name": c.column,
                    "type": c.data_type,
                    "nullable": c.nullable && !pk_column,
                    "default": default,
                    "description": description,
                })
            })
            .collect();
        out_tables.insert(
            format!("{}.{}", table.schema, table.name),
            json!({
                "module": table.module,
                "color": table.color.as_deref().and_then(text::color),
                "note": note.as_deref().map(dbml_note),
                "primary_key": pk,
                "unique": unique,
                "indexes": indexes,
                "columns": cols,
            }),
        );
    }
    let mut modules: BTreeMap<&str, Value> = BTreeMap::new();
    for table in &tables {
        let module = registry.module(&table.module);
        modules.insert(
            &table.module,
            json!({
                "color": module.and_then(|m| m.color.as_deref()).and_then(text::color),
                "note": module.and_then(|m| m.note.clone()),
            }),
        );
    }
    let mut enums: Vec<Value> = registry
        .enums
        .iter()
        .map(|e| json!({ "schema": e.schema, "name": e.name, "values": e.values }))
        .collect();
    enums.sort_by_key(|e| e.to_string());
    enums.dedup();
    let mut out_refs: Vec<Value> = refs
        .iter()
        .map(|r| {
            // Actions are printed only for a database FK; otherwise the import reads NO ACTION.
            let fk = r.emits_foreign_key();
            let action = |a: ReferentialAction| if fk { a } else { ReferentialAction::NoAction };
            json!({
                "child": [r.child.schema, r.child.table, r.child.columns],
                "parent": [r.parent.schema, r.parent.table, r.parent.columns],
                "cardinality": r.cardinality.unwrap_or(Cardinality::OneToMany),
                "on_delete": action(r.on_delete),
                "on_update": action(r.on_update),
                "name": r.constraint_name.clone().unwrap_or_else(|| r.key.clone()),
                "inactive": r.availability != relata_model::AvailabilityStatus::Active,
                "lineage": r.lineage_kind().is_lineage().then(|| r.lineage_kind()),
            })
        })
        .collect();
    out_refs.sort_by_key(|r| r.to_string());
    json!({ "tables": out_tables, "modules": modules, "enums": enums, "refs": out_refs })
}

/// A default as it reads back from DBML: numbers and expressions as written, strings as a
/// plain SQL literal without a cast, booleans and NULL in lower case.
fn sql_default(sql: &str) -> String {
    let trimmed = sql.trim();
    if let Some(value) = text::sql_string(trimmed) {
        return format!("'{}'", value.replace('\'', "''"));
    }
    let lower = trimmed.to_ascii_lowercase();
    if matches!(lower.as_str(), "true" | "false" | "null") {
        return lower;
    }
    trimmed.to_owned()
}

/// A multi-line table note as it reads back: DBML drops the common indentation and leading
/// blank lines (see `dbml::text::note`).
fn dbml_note(text: &str) -> String {
    if !text.contains('\n') {
        return text.to_owned();
    }
    let blank = |l: &str| l.trim().is_empty();
    let lines: Vec<&str> = text.split('\n').skip_while(|l| blank(l)).collect();
    let indent = lines.iter().filter(|l| !blank(l)).map(|l| l.chars().take_while(|c| c.is_whitespace()).count()).min().unwrap_or(0);
    lines.iter().map(|l| l.chars().skip(indent).collect::<String>()).collect::<Vec<_>>().join("\n")
}

/// The fixtures of `tests/data/dbml/`, by file name.
pub fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dbml").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn dbml_core_reads_the_same_tables_columns_refs_groups_and_enums() {
    let mut inputs: Vec<(String, String)> = registries()
        .iter()
        .map(|(name, registry)| (name.clone(), export(registry, ExportFormat::Dbml, &options(), &rules())))
        .collect();
    for file in ["features.dbml", "seed-000-compute-methods.dbml"] {
        inputs.push((file.to_owned(), fixture(file)));
    }
    let results = consumers::check("dbml-check.mjs", &inputs);
    let mut figures = Vec::new();
    for ((name, text), result) in inputs.iter().zip(&results) {
        assert_eq!(result["ok"], json!(true), "{name}: @dbml/core rejects it: {}", result["errors"]);
        let model = &result["model"];
        let (registry, diagnostics) = import(text, name, &ImportOptions::new(now()), &rules());
        assert!(diagnostics.iter().all(|d| !d.is_error()), "{name}: {diagnostics:#?}");

        let mut theirs: Vec<(String, usize)> = model["tables"]
            .as_array()
            .expect("tables")
            .iter()
            .map(|t| (format!("{}.{}", t["schema"].as_str().unwrap(), t["name"].as_str().unwrap()), t["columns"].as_array().unwrap().len()))
            .collect();
        let mut ours: Vec<(String, usize)> =
            registry.tables.iter().map(|t| (format!("{}.{}", t.schema, t.name), registry.columns_of(&t.table_ref()).len())).collect();
        theirs.sort();
        ours.sort();
        assert_eq!(ours, theirs, "{name}: tables and their column counts");
        let refs = model["refs"].as_array().expect("refs").len();
        assert_eq!(registry.relationships.len(), refs, "{name}: refs");
        let groups = model["groups"].as_array().expect("groups").len();
        assert_eq!(registry.modules.iter().filter(|m| !m.implicit).count(), groups, "{name}: groups");
        assert_eq!(registry.enums.len(), model["enums"].as_array().expect("enums").len(), "{name}: enums");
        figures.push(format!("{name}: {} tables, {} columns, {refs} refs, {groups} groups", ours.len(), registry.signals.len()));
    }
    eprintln!("{}", figures.join("\n"));
}
