//! DBML conformance: one hand-written fixture per construct of the language under
//! `tests/data/dbml/spec/` (quoting, layout, comments, array types, signed numbers, refs
//! without actions), each accepted by @dbml/core's dbmlv2 parser and imported with no error,
//! the importer reading every note, default and type as @dbml/core does; broken DBML under
//! `tests/data/dbml/broken/`, each rejected by @dbml/core too and by the importer with one
//! located error in plain words; and every string value surviving export → import.

use std::path::PathBuf;

use proptest::prelude::*;
use relata_formats::dbml::parse::{import, import_with, ImportOptions};
use relata_formats::dbml::{text, Dbml};
use relata_formats::export::{export, ExportFormat, ExportOptions};
use relata_model::{
    Diagnostic, EnumType, EnumValue, Module, ReferentialAction, Registry, Severity, Signal, Table, TableRef, Timestamp,
};
use relata_rules::RuleSet;
use serde_json::Value;

use crate::consumers;

fn now() -> Timestamp {
    Timestamp::parse("2026-01-31 09:30:00+00").expect("timestamp")
}

fn rules() -> RuleSet {
    RuleSet::named("zayaz").expect("preset")
}

fn run(text: &str, path: &str) -> (Registry, Vec<Diagnostic>) {
    import(text, path, &ImportOptions::new(now()), &rules())
}

/// The `.dbml` files of `tests/data/dbml/{folder}`, sorted, with their text.
fn fixtures(folder: &str) -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/dbml").join(folder);
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "dbml"))
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, text)
        })
        .collect();
    out.sort();
    out
}

/// A column default as @dbml/core's model holds it (`{ type, value }`), from the SQL the
/// registry holds.
fn default_as_dbml(sql: &str) -> (String, String) {
    if let Some(value) = text::sql_string(sql) {
        return ("string".into(), value);
    }
    if let Ok(number) = sql.parse::<f64>() {
        return ("number".into(), number.to_string());
    }
    let lower = sql.to_ascii_lowercase();
    if matches!(lower.as_str(), "true" | "false" | "null") {
        return ("boolean".into(), lower);
    }
    ("expression".into(), sql.to_owned())
}

/// @dbml/core's default, numbers spelt as Rust spells the same `f64`.
fn their_default(value: &Value) -> Option<(String, String)> {
    let kind = value["type"].as_str()?.to_owned();
    let raw = value["value"].as_str()?.to_owned();
    let raw = if kind == "number" { raw.parse::<f64>().map_or(raw, |n| n.to_string()) } else { raw };
    Some((kind, raw))
}

/// A type with quotes and spaces left out, so `"double precision"[4]` and `double
/// precision[4]` compare equal.
fn bare_type(text: &str) -> String {
    text.chars().filter(|c| *c != '"' && !c.is_whitespace()).collect()
}

/// The fields of @dbml/core's model the spec test compares with the import, printed by the
/// test so a field left out is visible.
const COMPARED: &[&str] = &[
    "project.name",
    "project.database_type (as db_engine)",
    "table.schema",
    "table.name",
    "table.note",
    "table.header_color",
    "column.name (in order)",
    "column.type",
    "column.pk",
    "column.not_null",
    "column.unique",
    "column.note",
    "column.checks",
    "table.checks",
    "column.default.type",
    "column.default.value",
    "ref.count",
    "ref.on_delete",
    "ref.on_update",
    "group.name",
    "group.color",
    "group.note",
    "group.tables",
    "enum.schema",
    "enum.name",
    "enum.values.name",
    "enum.values.note",
];

/// Compares what @dbml/core read (`model`, from `tests/node/dbml-check.mjs`) with the import.
fn compare(name: &str, model: &Value, registry: &Registry) {
    compare_tables_and_refs(name, model, registry);
    compare_enums(name, model, registry);
    compare_groups(name, model, registry);
    compare_project(name, model, registry);
}

/// Compares @dbml/core's tables, columns and refs with the registry's.
fn compare_tables_and_refs(name: &str, model: &Value, registry: &Registry) {
    let tables = model["tables"].as_array().expect("tables");
    assert_eq!(tables.len(), registry.tables.len(), "{name}: table count");
    for their in tables {
        let at = format!("{name}: table {}.{}", their["schema"].as_str().unwrap_or(""), their["name"].as_str().unwrap_or(""));
        let table_ref = TableRef::new(their["schema"].as_str().expect("schema"), their["name"].as_str().expect("name"));
        let ours: &Table = registry.table(&table_ref).unwrap_or_else(|| panic!("{at}: not imported"));
        assert_eq!(their["note"].as_str(), ours.purpose.as_deref(), "{at}: note");
        assert_eq!(their["header_color"].as_str(), ours.color.as_deref(), "{at}: headercolor");
        let columns: Vec<&Signal> = registry.columns_of(&table_ref);
        let fields = their["columns"].as_array().expect("columns");
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().expect("name")).collect();
        let our_names: Vec<&str> = columns.iter().map(|c| c.column.as_str()).collect();
        assert_eq!(names, our_names, "{at}: columns");
        for (field, column) in fields.iter().zip(&columns) {
            let at = format!("{at}.{}", column.column);
            let schema = field["type"]["schema"].as_str();
            let type_name = field["type"]["name"].as_str().expect("type name");
            let their_type = match schema {
                Some(s) if !type_name.starts_with(&format!("{s}.")) => format!("{s}.{type_name}"),
                _ => type_name.to_owned(),
            };
            assert_eq!(bare_type(&their_type), bare_type(&column.data_type), "{at}: type");
            // A key written in `indexes { }` is the index's, not the column's.
            let in_index = their["indexes"].as_array().expect("indexes").iter().any(|i| {
                i["pk"] == Value::Bool(true) && i["columns"].as_array().expect("columns").iter().any(|c| c["value"] == column.column.as_str())
            });
            assert_eq!(field["pk"].as_bool() == Some(true) || in_index, ours.primary_key.contains(&column.column), "{at}: pk");
            if field["not_null"].as_bool() == Some(true) {
                assert!(!column.nullable, "{at}: not null");
            }
            let unique = ours.unique_constraints.iter().any(|u| u.columns == [column.column.clone()]);
            assert_eq!(field["unique"].as_bool(), Some(unique), "{at}: unique");
            // @dbml/core leaves an empty column note out; the import keeps it empty.
            let note = column.description.as_deref().filter(|n| !n.is_empty());
            assert_eq!(field["note"].as_str(), note, "{at}: note");
            let theirs = their_default(&field["default"]);
            let ours = column.default.as_deref().map(default_as_dbml);
            assert_eq!(theirs, ours, "{at}: default");
        }
        // CHECKs: a column's `check:` settings, in column order, then the `checks { }` block.
        let mut their_checks: Vec<(Option<String>, String)> = Vec::new();
        for field in fields {
            for c in field["checks"].as_array().expect("column checks") {
                their_checks.push((c["name"].as_str().map(str::to_owned), c["expression"].as_str().expect("expression").to_owned()));
            }
        }
        // @dbml/core names a check a partial brought `{table}.{name}`; the import keeps the
        // name as written, which is the constraint's name in the table.
        let table_prefix = format!("{}.", their["name"].as_str().unwrap_or(""));
        for c in their["checks"].as_array().expect("table checks") {
            let name = c["name"].as_str().map(|n| n.strip_prefix(&table_prefix).unwrap_or(n).to_owned());
            their_checks.push((name, c["expression"].as_str().expect("expression").to_owned()));
        }
        let our_checks: Vec<(Option<String>, String)> = ours.checks.iter().map(|c| (c.name.clone(), c.expression.clone())).collect();
        assert_eq!(their_checks, our_checks, "{at}: checks");
    }
    let refs = model["refs"].as_array().expect("refs");
    assert_eq!(refs.len(), registry.relationships.len(), "{name}: ref count");
    for their in refs {
        // Both ends, in either order (`a < b` is `b > a`).
        let end = |n: usize| {
            let end = &their["endpoints"][n];
            let fields: Vec<&str> = end["fields"].as_array().expect("fields").iter().filter_map(Value::as_str).collect();
            (end["schema"].as_str().unwrap_or("public"), end["table"].as_str().unwrap_or(""), fields)
        };
        let (first, second) = (end(0), end(1));
        let is = |e: &relata_model::RelationshipEnd, want: &(&str, &str, Vec<&str>)| {
            (e.schema.as_str(), e.table.as_str()) == (want.0, want.1) && e.columns == want.2
        };
        let ours = registry
            .relationships
            .iter()
            .find(|r| (is(&r.child, &first) && is(&r.parent, &second)) || (is(&r.parent, &first) && is(&r.child, &second)))
            .unwrap_or_else(|| panic!("{name}: no relationship for {their}"));
        let action = |v: &Value| match v.as_str() {
            None => ReferentialAction::NoAction,
            Some(words) => words.to_ascii_lowercase().replace(' ', "_").parse::<ReferentialAction>().expect("an action"),
        };
        assert_eq!(action(&their["on_delete"]), ours.on_delete, "{name}: on_delete of {}", ours.key);
        assert_eq!(action(&their["on_update"]), ours.on_update, "{name}: on_update of {}", ours.key);
    }
}

/// Compares @dbml/core's table groups with the registry's modules.
fn compare_groups(name: &str, model: &Value, registry: &Registry) {
    for their in model["groups"].as_array().expect("groups") {
        let group = their["name"].as_str().expect("name");
        let module: &Module = registry.modules.iter().find(|m| m.name == group).unwrap_or_else(|| panic!("{name}: group {group}"));
        assert_eq!(their["color"].as_str(), module.color.as_deref(), "{name}: colour of group {group}");
        assert_eq!(their["note"].as_str(), module.note.as_deref(), "{name}: note of group {group}");
        for table in their["tables"].as_array().expect("tables") {
            let table_ref = TableRef::new(table["schema"].as_str().expect("schema"), table["name"].as_str().expect("name"));
            assert_eq!(registry.table(&table_ref).map(|t| t.module.as_str()), Some(group), "{name}: {table_ref} in {group}");
        }
    }
}

/// Compares @dbml/core's enums with the registry's.
fn compare_enums(name: &str, model: &Value, registry: &Registry) {
    let enums = model["enums"].as_array().expect("enums");
    assert_eq!(enums.len(), registry.enums.len(), "{name}: enum count");
    for their in enums {
        let schema = their["schema"].as_str().expect("schema");
        let enum_name = their["name"].as_str().expect("name");
        let ours: &EnumType = registry
            .enums
            .iter()
            .find(|e| e.schema == schema && e.name == enum_name)
            .unwrap_or_else(|| panic!("{name}: enum {schema}.{enum_name}"));
        let values: Vec<(&str, Option<&str>)> = their["values"]
            .as_array()
            .expect("values")
            .iter()
            .map(|v| (v["name"].as_str().expect("name"), v["note"].as_str()))
            .collect();
        let our_values: Vec<(&str, Option<&str>)> =
            ours.values.iter().map(|v: &EnumValue| (v.name.as_str(), v.note.as_deref())).collect();
        assert_eq!(values, our_values, "{name}: values of enum {schema}.{enum_name}");
    }
}

/// Compares @dbml/core's project with the tables' `db_engine` and `db_name`.
fn compare_project(name: &str, model: &Value, registry: &Registry) {
    if let Some(database_type) = model["project"]["database_type"].as_str() {
        // As the import spells it: `postgres`, else lower-case words joined by `_`.
        let lower = database_type.to_lowercase();
        let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let engine = if lower == "postgresql" { "postgres".to_owned() } else { words.join("_") };
        for table in &registry.tables {
            assert_eq!(table.db_engine, engine, "{name}: db_engine of {}", table.table_ref());
        }
    }
    if let Some(project) = model["project"]["name"].as_str() {
        for table in &registry.tables {
            assert_eq!(table.db_name.as_deref(), Some(project), "{name}: db_name of {}", table.table_ref());
        }
    }
}

#[test]
fn spec_fixtures_are_read_by_the_importer_as_dbml_core_reads_them() {
    println!("fields compared with @dbml/core's model: {}", COMPARED.join(", "));
    let files = fixtures("spec");
    assert!(files.len() >= 9, "a fixture per construct: {files:?}");
    let results = consumers::check("dbml-check.mjs", &files);
    for ((name, text), result) in files.iter().zip(&results) {
        assert_eq!(result["ok"], Value::Bool(true), "@dbml/core rejects {name}: {}", result["errors"]);
        let (registry, diagnostics) = run(text, name);
        let errors: Vec<String> = diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        compare(name, &result["model"], &registry);
    }
}

/// The fields of @dbml/core's model compared between a spec fixture and Relata's export of
/// it, printed by the test so a field left out is visible.
const ROUND_TRIP: &[&str] = &[
    "project.name",
    "project.database_type",
    "project.note",
    "table.schema",
    "table.name",
    "table.alias",
    "table.note",
    "table.header_color",
    "table.partials (injected, in order)",
    "table.checks",
    "column.name (in order)",
    "column.type",
    "column.pk",
    "column.not_null",
    "column.unique",
    "column.increment",
    "column.note",
    "column.default (type and value)",
    "column.checks",
    "column.from_partial",
    "index.columns",
    "index.pk",
    "index.unique",
    "index.name",
    "index.type",
    "index.note",
    "ref.name",
    "ref.on_delete",
    "ref.on_update",
    "ref.color",
    "ref.inactive",
    "ref.endpoints (schema, table, fields, relation)",
    "group.name",
    "group.color",
    "group.note",
    "group.tables",
    "group.count (none invented)",
    "enum.schema",
    "enum.name",
    "enum.values (name, note)",
    "sticky note (name, content, color)",
    "records (table, columns, values with types)",
    "diagram view (name, visible entities)",
    "partial (name, columns, header_color, note)",
];

/// @dbml/core's model with what may be spelt differently made alike: a type's quotes and
/// spaces, a number default's spelling, an action's case, a key column's `not null`
/// (which `pk` implies), the order of a ref's two ends (`a < b` is `b > a`) and of a group's
/// tables, and the order of refs and groups.
fn comparable(model: &Value) -> Value {
    let mut model = model.clone();
    for r in model["refs"].as_array_mut().expect("refs") {
        r["endpoints"].as_array_mut().expect("endpoints").sort_by_key(Value::to_string);
        for action in ["on_delete", "on_update"] {
            if let Some(a) = r[action].as_str() {
                r[action] = Value::String(a.to_ascii_lowercase());
            }
        }
    }
    for g in model["groups"].as_array_mut().expect("groups") {
        g["tables"].as_array_mut().expect("tables").sort_by_key(Value::to_string);
    }
    for table in model["tables"].as_array_mut().expect("tables") {
        let key: Vec<Value> = table["indexes"]
            .as_array()
            .expect("indexes")
            .iter()
            .filter(|i| i["pk"] == Value::Bool(true))
            .flat_map(|i| i["columns"].as_array().expect("columns").iter().map(|c| c["value"].clone()))
            .collect();
        for column in table["columns"].as_array_mut().expect("columns") {
            if column["pk"] == Value::Bool(true) || key.contains(&column["name"]) {
                column["not_null"] = Value::Bool(true);
            }
            let schema = column["type"]["schema"].as_str().map(str::to_owned);
            let name = column["type"]["name"].as_str().expect("type name").to_owned();
            let full = match schema {
                Some(s) if !name.starts_with(&format!("{s}.")) => format!("{s}.{name}"),
                _ => name,
            };
            column["type"] = Value::String(bare_type(&full));
            if let Some((kind, value)) = their_default(&column["default"]) {
                column["default"] = serde_json::json!({ "type": kind, "value": value });
            }
        }
    }
    model["tables"].as_array_mut().expect("tables").sort_by_key(|t| format!("{}.{}", t["schema"], t["name"]));
    model["refs"].as_array_mut().expect("refs").sort_by_key(|r| r["endpoints"].to_string());
    model["groups"].as_array_mut().expect("groups").sort_by_key(|g| g["name"].to_string());
    model["enums"].as_array_mut().expect("enums").sort_by_key(|e| format!("{}.{}", e["schema"], e["name"]));
    model
}

#[test]
fn spec_fixtures_come_back_out_as_dbml_core_read_them() {
    // Import, export, and @dbml/core reads the export as it read the fixture: every field of
    // ROUND_TRIP is equal, the project, groups (none invented), ref names and the
    // whole-diagram items included.
    println!("fields compared between a fixture and its export, both read by @dbml/core: {}", ROUND_TRIP.join(", "));
    let files = fixtures("spec");
    let exported: Vec<(String, String)> = files
        .iter()
        .map(|(name, text)| {
            let (registry, _) = run(text, name);
            let dbml = Dbml::new(&registry, &ExportOptions { include_inactive: true, ..ExportOptions::default() }).to_string();
            (name.clone(), dbml)
        })
        .collect();
    let inputs = consumers::check("dbml-check.mjs", &files);
    let outputs = consumers::check("dbml-check.mjs", &exported);
    let mut wrong = Vec::new();
    for (((name, dbml), input), output) in exported.iter().zip(&inputs).zip(&outputs) {
        assert_eq!(input["ok"], Value::Bool(true), "@dbml/core rejects {name}: {}", input["errors"]);
        assert_eq!(output["ok"], Value::Bool(true), "@dbml/core rejects the export of {name}: {}\n{dbml}", output["errors"]);
        let (theirs, ours) = (comparable(&input["model"]), comparable(&output["model"]));
        for part in ["project", "tables", "refs", "groups", "enums", "notes", "records", "views", "partials"] {
            if theirs[part] != ours[part] {
                wrong.push(format!("{name}: {part} differ\n  fixture: {}\n  export:  {}\n{dbml}", theirs[part], ours[part]));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every broken fixture: its file, the place and code of its one error, and a piece of the
/// message. Each is rejected by @dbml/core too.
const BROKEN: &[(&str, &str, &str)] = &[
    ("use_missing_file.dbml", "2:12 D117", "cannot use `./no_such_file` (no_such_file.dbml)"),
    ("allman_index_brace.dbml", "4:3 D100", "`indexes` and its `{` must be on one line"),
    ("allman_note_brace.dbml", "3:3 D100", "`Note` and its `{` must be on one line"),
    ("allman_table_settings.dbml", "3:1 D100", "the settings of table `items` must be on the line of its name"),
    ("custom_setting_without_value.dbml", "3:15 D104", "unknown column setting `pii`"),
    ("default_bare_word.dbml", "3:17 D105", "`default: hello` is not valid"),
    ("diagram_view_unknown_part.dbml", "6:3 D100", "expected `Tables`, `Notes`, `TableGroups` or `Schemas`"),
    ("default_unknown_enum.dbml", "3:27 D108", "names enum `public.status`, which is not defined"),
    ("default_unknown_enum_value.dbml", "7:33 D109", "enum `public.status` has no value `paused`"),
    ("invalid_number.dbml", "3:21 D115", "`1.2.3` is not a number"),
    ("note_bare_words.dbml", "3:11 D105", "`note: Order created` is not valid: `note` takes a string"),
    ("note_double_quoted_unclosed.dbml", "3:17 D101", "never closed: add a `\"`"),
    ("trailing_comma_setting.dbml", "2:25 D100", "expected a setting after `,`"),
    ("unclosed_multiline_expression.dbml", "3:28 D101", "this `` ` `` expression is never closed"),
    ("unicode_escape_short.dbml", "3:21 D115", "`\\u` takes four hexadecimal digits"),
];

#[test]
fn broken_dbml_gives_one_located_error_in_plain_words() {
    let files = fixtures("broken");
    let mut names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    let mut listed: Vec<&str> = BROKEN.iter().map(|(f, ..)| *f).collect();
    listed.sort_unstable();
    assert_eq!(names, listed, "every broken fixture is checked");
    let results = consumers::check("dbml-check.mjs", &files);
    // Every mismatch is collected, so one run shows them all.
    let mut wrong = Vec::new();
    for ((name, text), result) in files.iter().zip(&results) {
        assert_eq!(result["ok"], Value::Bool(false), "@dbml/core accepts {name}, so Relata must too");
        let (file, place, fragment) = BROKEN.iter().find(|(f, ..)| f == name).expect("listed");
        let (_, diagnostics) = run(text, file);
        let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        let places: Vec<String> = errors
            .iter()
            .map(|d| match &d.location {
                relata_model::Location::File { line, column, .. } => format!("{line}:{column} {}", d.code),
                other => format!("{other:?}"),
            })
            .collect();
        if places != [*place] || !errors[0].message.contains(fragment) {
            let got: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            wrong.push(format!("{name}: expected {place} with {fragment:?}, got:\n  {}", got.join("\n  ")));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_file_without_groups_or_actions_exports_none() {
    let text = fixtures("spec").into_iter().find(|(n, _)| n == "refs_without_actions.dbml").expect("fixture").1;
    let (registry, diagnostics) = run(&text, "refs_without_actions.dbml");
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:#?}");
    let actions: Vec<(ReferentialAction, ReferentialAction)> =
        registry.relationships.iter().map(|r| (r.on_delete, r.on_update)).collect();
    assert_eq!(
        actions,
        [
            (ReferentialAction::NoAction, ReferentialAction::NoAction),
            (ReferentialAction::NoAction, ReferentialAction::NoAction),
            (ReferentialAction::NoAction, ReferentialAction::Cascade),
        ]
    );
    // The tables are in no group: the module the registry needs is implicit.
    let modules: Vec<(&str, bool)> = registry.modules.iter().map(|m| (m.name.as_str(), m.implicit)).collect();
    assert_eq!(modules, [("public", true)]);
    // And it stays implicit where the workspace keeps it (relata.json, also the `.relata` store's).
    let json = relata_codec::folder::print_relata_json(&registry);
    let mut reread = Registry { tables: registry.tables.clone(), signals: registry.signals.clone(), ..Registry::default() };
    let file = relata_codec::folder::SourceFile { path: "relata.json".into(), bytes: json.into_bytes() };
    let mut problems = Vec::new();
    relata_codec::folder::parse_relata_json(&file, &mut reread, None, &mut problems);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(reread.modules, registry.modules);
    // Nothing invented on the way out: no group, and the only action written is the one the
    // text gave.
    let dbml = Dbml::new(&registry, &ExportOptions::default()).to_string();
    assert!(!dbml.contains("TableGroup"), "{dbml}");
    assert!(!dbml.contains("delete:"), "{dbml}");
    assert_eq!(dbml.matches("update: cascade").count(), 1, "{dbml}");
    assert!(!dbml.contains("restrict"), "{dbml}");
    // And the SQL leaves NO ACTION to PostgreSQL rather than spelling another action.
    let ddl = export(&registry, ExportFormat::Sql, &ExportOptions::default(), &rules());
    assert!(!ddl.contains("ON DELETE"), "{ddl}");
    assert_eq!(ddl.matches("ON UPDATE CASCADE").count(), 1, "{ddl}");
}

/// A registry with one table holding `value` as a column name, a default, a column note, a
/// table note, an enum value and its note, and a module note.
fn holding(value: &str) -> Registry {
    let mut registry = relata_model::generate::generate(&relata_model::generate::GenerateOptions::new(1));
    registry.relationships.clear();
    let table = &mut registry.tables[0];
    table.purpose = Some(value.to_owned());
    table.notes = None;
    let table_ref = table.table_ref();
    let module = table.module.clone();
    registry.modules.retain(|m| m.name == module);
    if registry.modules.is_empty() {
        registry.modules.push(Module { name: module, color: None, note: None, implicit: false });
    }
    registry.modules[0].note = Some(value.to_owned());
    let signal = registry.signals.iter_mut().find(|s| s.table.as_ref() == Some(&table_ref)).expect("a column");
    signal.default = Some(format!("'{}'", value.replace('\'', "''")));
    signal.description = Some(value.to_owned());
    if !value.is_empty() {
        let mut extra = signal.clone();
        extra.id = relata_model::derived_ids::signal(&table_ref.schema, &table_ref.table, value);
        extra.column = value.to_owned();
        extra.ordinal = extra.ordinal.map(|n| n + 1000);
        registry.signals.push(extra);
    }
    registry.enums = vec![EnumType {
        schema: table_ref.schema.clone(),
        name: "kinds".into(),
        values: vec![EnumValue { name: format!("v{value}"), note: Some(value.to_owned()) }],
    }];
    registry
}

/// Strings made of what breaks quoting: quotes of every kind, backslashes, line breaks,
/// whitespace, control characters and text outside ASCII, and the empty string.
fn tricky() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(String::new()),
        Just("'".to_owned()),
        Just("''".to_owned()),
        Just("'''".to_owned()),
        Just("\"".to_owned()),
        Just("`".to_owned()),
        Just("\\".to_owned()),
        Just("\\n".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\t".to_owned()),
        Just("  ".to_owned()),
        Just("\u{7}".to_owned()),
        Just("é".to_owned()),
        Just("日本".to_owned()),
        Just("🦀".to_owned()),
        Just("//".to_owned()),
        Just("/*".to_owned()),
        Just("{".to_owned()),
        "[a-z]{1,4}",
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Every string value survives export → import: defaults and names exactly, notes as
    /// DBML reads any note (leading blank lines and common indentation dropped, see
    /// `text::note_as_read`).
    #[test]
    fn every_string_survives_dbml_export_and_import(value in tricky()) {
        let registry = holding(&value);
        let dbml = Dbml::new(&registry, &ExportOptions::default()).to_string();
        let (back, diagnostics) = run(&dbml, "strings.dbml");
        prop_assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:#?}\n{dbml}");
        let note = text::note_as_read(&value);
        let table = &back.tables[0];
        prop_assert_eq!(table.purpose.as_deref(), Some(note.as_ref()), "table note\n{}", dbml);
        let table_ref = table.table_ref();
        let columns = back.columns_of(&table_ref);
        let first = columns.first().expect("a column");
        let default = format!("'{}'", value.replace('\'', "''"));
        prop_assert_eq!(first.default.as_deref(), Some(default.as_str()), "default\n{}", dbml);
        prop_assert_eq!(first.description.as_deref(), Some(note.as_ref()), "column note\n{}", dbml);
        if !value.is_empty() {
            prop_assert!(columns.iter().any(|c| c.column == value), "column name {:?}\n{}", value, dbml);
        }
        let enum_value = format!("v{value}");
        prop_assert_eq!(back.enums[0].values[0].name.as_str(), enum_value.as_str(), "enum value\n{}", dbml);
        prop_assert_eq!(back.enums[0].values[0].note.as_deref(), Some(note.as_ref()), "enum value note\n{}", dbml);
        let module = back.modules.iter().find(|m| m.name == table.module).expect("its module");
        prop_assert_eq!(module.note.as_deref(), Some(note.as_ref()), "module note\n{}", dbml);
    }
}

#[test]
fn tricky_strings_read_the_same_in_dbml_core() {
    // The property above checks the importer; this checks @dbml/core reads the printer's
    // strings the same way, for a fixed sample of the hardest ones.
    let samples = ["", "'", "'''", "it's", "a\\b", "line\nbreak", "trailing\n", "\n\nlead", "  indented\n  both", "tab\there", "🦀 é", "end'"];
    let inputs: Vec<(String, String)> = samples
        .iter()
        .map(|s| (format!("{s:?}"), Dbml::new(&holding(s), &ExportOptions::default()).to_string()))
        .collect();
    let results = consumers::check("dbml-check.mjs", &inputs);
    for ((name, dbml), (result, value)) in inputs.iter().zip(results.iter().zip(samples)) {
        assert_eq!(result["ok"], Value::Bool(true), "{name}: {}\n{dbml}", result["errors"]);
        let table = &result["model"]["tables"][0];
        let note = text::note_as_read(value);
        assert_eq!(table["note"].as_str(), Some(note.as_ref()), "{name}: table note\n{dbml}");
        let column = &table["columns"][0];
        assert_eq!(column["default"]["value"].as_str(), Some(value), "{name}: default\n{dbml}");
        if !value.is_empty() {
            let names: Vec<&str> = table["columns"].as_array().expect("columns").iter().filter_map(|c| c["name"].as_str()).collect();
            assert!(names.contains(&value), "{name}: column name in {names:?}\n{dbml}");
        }
    }
}

#[test]
fn a_project_comes_back_as_written_and_nothing_is_added() {
    // The source's project name, database type, custom setting and note; no group, no
    // action and no ref name where the source had none.
    let text = fixtures("spec").into_iter().find(|(n, _)| n == "project_settings_and_note.dbml").expect("fixture").1;
    let (registry, diagnostics) = run(&text, "project_settings_and_note.dbml");
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:#?}");
    let dbml = Dbml::new(&registry, &ExportOptions::default()).to_string();
    for expected in ["Project \"Corner Bakery\" {", "database_type: 'MySQL'", "owner: 'kitchen team'", "Orders and the ovens that bake them."] {
        assert!(dbml.contains(expected), "{expected} in\n{dbml}");
    }
    assert!(!dbml.contains("PostgreSQL"), "{dbml}");
    assert_eq!(dbml.matches("Project ").count(), 1, "{dbml}");
    assert!(!dbml.contains("TableGroup") && !dbml.contains("delete:") && !dbml.contains("update:"), "{dbml}");
    assert!(dbml.contains("Ref: "), "an unnamed ref stays unnamed:\n{dbml}");
    assert_eq!(dbml.matches("increment").count(), 2, "{dbml}");
    // A DBML file without a Project gets none.
    let text = fixtures("spec").into_iter().find(|(n, _)| n == "refs_without_actions.dbml").expect("fixture").1;
    let (registry, _) = run(&text, "refs_without_actions.dbml");
    let dbml = Dbml::new(&registry, &ExportOptions::default()).to_string();
    assert!(!dbml.contains("Project"), "{dbml}");
}

#[test]
fn dbml_extras_survive_relata_json_and_the_shared_database_rows() {
    // Everything a DBML file keeps beyond the registries: saved in relata.json (which the
    // `.relata` store holds too) and in team sync's relata_extras rows, and read back equal.
    for name in ["partials.dbml", "records.dbml", "indexes_settings.dbml", "tables_alias_color_note.dbml", "refs_names_and_colors.dbml", "project_settings_and_note.dbml", "diagram_views_and_sticky_settings.dbml"] {
        let text = fixtures("spec").into_iter().find(|(n, _)| n == name).expect("fixture").1;
        let (registry, _) = run(&text, name);
        assert!(!registry.dbml.is_empty(), "{name}: something kept");
        let json = relata_codec::folder::print_relata_json(&registry);
        let mut reread = Registry { tables: registry.tables.clone(), signals: registry.signals.clone(), ..Registry::default() };
        let file = relata_codec::folder::SourceFile { path: "relata.json".into(), bytes: json.into_bytes() };
        let mut problems = Vec::new();
        relata_codec::folder::parse_relata_json(&file, &mut reread, None, &mut problems);
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        assert_eq!(reread.dbml, registry.dbml, "{name}: relata.json");
        let rows = relata_sync::extras::rows(&registry);
        let dbml_rows: Vec<_> = rows.values().filter(|f| f[1].as_deref() == Some("dbml")).collect();
        assert_eq!(dbml_rows.len(), 1, "{name}: one relata_extras row");
        let doc: relata_model::DbmlExtras = serde_json::from_str(dbml_rows[0][3].as_deref().expect("document")).expect("a document");
        assert_eq!(doc, registry.dbml, "{name}: relata_extras");
    }
}

#[test]
fn use_brings_the_elements_of_other_files_as_dbml_core_reads_them() {
    // A schema over three files: `use *`, a selective use with a table under another name, a
    // partial and a sticky note. The files come through the resolver (the crate reads none);
    // @dbml/core reads the same project, and the import and then its export match it.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/dbml/use");
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).map_err(|e| e.to_string());
    let asked = std::cell::RefCell::new(Vec::new());
    let resolver = |p: &str| {
        asked.borrow_mut().push(p.to_owned());
        read(p)
    };
    let text = read("shop.dbml").expect("shop.dbml");
    let (registry, diagnostics) = import_with(&text, "shop.dbml", &ImportOptions::new(now()), &rules(), &resolver);
    let errors: Vec<String> = diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // What the export cannot keep, the file split, is named at each `use` of the main file.
    let kept: Vec<String> = diagnostics.iter().filter(|d| d.code == "D118").map(ToString::to_string).collect();
    assert_eq!(kept.len(), 2, "{kept:#?}");
    assert!(kept.iter().all(|k| k.contains("writes everything into one file")), "{kept:#?}");
    // Each file once, by its path from the using file's folder, `.dbml` added.
    assert_eq!(*asked.borrow(), ["common/types.dbml", "catalog.dbml"]);
    let files: Vec<(String, String)> =
        ["catalog.dbml", "common/types.dbml"].iter().map(|p| ((*p).to_owned(), read(p).expect("a used file"))).collect();
    let theirs = consumers::check_project("dbml-check.mjs", "shop.dbml", &text, &files);
    assert_eq!(theirs["ok"], Value::Bool(true), "@dbml/core rejects the project: {}", theirs["errors"]);
    compare("shop.dbml", &theirs["model"], &registry);
    let names: Vec<String> = registry.tables.iter().map(|t| t.table_ref().to_string()).collect();
    assert_eq!(names, ["public.p", "public.orders"], "suppliers is not used; products is `p` here");
    // The export is one file, and @dbml/core reads it as it read the project.
    let dbml = Dbml::new(&registry, &ExportOptions::default()).to_string();
    let ours = consumers::check("dbml-check.mjs", &[("shop.dbml".to_owned(), dbml.clone())]).remove(0);
    assert_eq!(ours["ok"], Value::Bool(true), "{}\n{dbml}", ours["errors"]);
    let (theirs, ours) = (comparable(&theirs["model"]), comparable(&ours["model"]));
    for part in ["project", "tables", "refs", "groups", "enums", "notes", "records", "views", "partials"] {
        assert_eq!(theirs[part], ours[part], "{part}\n{dbml}");
    }
}

#[test]
fn a_use_of_an_element_its_file_lacks_is_a_located_error() {
    let files = |p: &str| match p {
        "base.dbml" => Ok("Table users {\n  id int [pk]\n}\n".to_owned()),
        other => Err(format!("no file {other}")),
    };
    let text = "use {\n  table users\n  enum mood\n} from './base'\nuse * from '../elsewhere/x'\n";
    let (_, diagnostics) = import_with(text, "models/main.dbml", &ImportOptions::new(now()), &rules(), &|p: &str| {
        files(p.strip_prefix("models/").unwrap_or(p))
    });
    // The errors; the file that was read is also named (D118) as one the export writes whole.
    let got: Vec<String> = diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "models/main.dbml:3:8: error[D117]: `models/base.dbml` has no enum `mood` to use",
            "models/main.dbml:5:12: error[D117]: cannot use `../elsewhere/x` (elsewhere/x.dbml): no file elsewhere/x.dbml",
        ]
    );
}

#[test]
fn a_table_that_lost_a_partial_column_is_written_whole() {
    // `~audited` would bring `updated_at` back; once the workspace deleted that column from
    // `invoices`, the export writes the table's columns itself instead of the injection.
    let text = fixtures("spec").into_iter().find(|(n, _)| n == "partials.dbml").expect("fixture").1;
    let (mut registry, _) = run(&text, "partials.dbml");
    let dbml = Dbml::new(&registry, &ExportOptions::default()).to_string();
    assert_eq!(dbml.matches("~audited").count(), 2, "{dbml}");
    registry.signals.retain(|s| !(s.column == "updated_at" && s.table.as_ref().is_some_and(|t| t.table == "invoices")));
    let dbml = Dbml::new(&registry, &ExportOptions::default()).to_string();
    assert_eq!(dbml.matches("~audited").count(), 1, "customers still injects it:\n{dbml}");
    let result = consumers::check("dbml-check.mjs", &[("partials.dbml".to_owned(), dbml.clone())]).remove(0);
    assert_eq!(result["ok"], Value::Bool(true), "{}\n{dbml}", result["errors"]);
    let invoices = result["model"]["tables"].as_array().expect("tables").iter().find(|t| t["name"] == "invoices").expect("invoices").clone();
    let columns: Vec<&str> = invoices["columns"].as_array().expect("columns").iter().map(|c| c["name"].as_str().expect("name")).collect();
    assert_eq!(columns, ["id", "created_at", "total", "deleted_at"], "{dbml}");
    let indexes = invoices["indexes"].as_array().expect("indexes");
    assert_eq!(indexes.len(), 1, "the partial's index, written by the table now: {dbml}");
}
