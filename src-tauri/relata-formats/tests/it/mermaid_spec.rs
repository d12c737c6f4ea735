//! Mermaid conformance: one hand-written fixture per production of Mermaid 11's
//! `erDiagram.jison` under `tests/data/mermaid/spec/`, each read by Mermaid's own parser
//! (`tests/node/mermaid-model.mjs`), imported with no error, exported, and read again by
//! Mermaid into an equal model, field by field; broken diagrams under
//! `tests/data/mermaid/broken/`, each rejected by Mermaid too and by the importer with one
//! located error in plain words; and what the import keeps surviving `relata.json` and sync.

use std::collections::BTreeMap;
use std::path::PathBuf;

use relata_formats::export::ExportOptions;
use relata_formats::mermaid::parse::{import, ImportOptions};
use relata_formats::mermaid::Mermaid;
use relata_model::{Diagnostic, Location, Registry, Severity, Timestamp};
use relata_rules::RuleSet;
use serde_json::Value;

use crate::consumers;

fn run(text: &str, path: &str) -> (Registry, Vec<Diagnostic>) {
    let now = Timestamp::parse("2026-01-31 09:30:00+00").expect("timestamp");
    import(text, path, &ImportOptions::new(now), &RuleSet::named("zayaz").expect("preset"))
}

/// The `.mmd` files of `tests/data/mermaid/{folder}`, sorted, with their text.
fn fixtures(folder: &str) -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/mermaid").join(folder);
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "mmd"))
        .map(|p| (p.file_name().expect("name").to_string_lossy().into_owned(), std::fs::read_to_string(&p).expect("text")))
        .collect();
    out.sort();
    out
}

fn export(registry: &Registry) -> String {
    Mermaid::new(registry, &ExportOptions { include_inactive: true, ..ExportOptions::default() }).to_string()
}

/// The fields of Mermaid's model the round trip compares: a field left out shows here.
const COMPARED: &[&str] = &[
    "entity.name",
    "entity.alias",
    "entity.attributes.type",
    "entity.attributes.name",
    "entity.attributes.keys",
    "entity.attributes.comment",
    "entity.classes",
    "entity.styles",
    "relationship.left",
    "relationship.right",
    "relationship.label",
    "relationship.left_end",
    "relationship.right_end",
    "relationship.identification",
    "classes.id",
    "classes.styles",
    "direction",
    "acc_title",
    "acc_descr",
    "subgraphs.id",
    "subgraphs.title",
    "subgraphs.nodes",
];

/// Compares two Mermaid models field by field; every difference is one line in `wrong`.
fn compare(name: &str, want: &Value, got: &Value, wrong: &mut Vec<String>) {
    let mut check = |field: &str, w: &Value, g: &Value| {
        if w != g {
            wrong.push(format!("{name}: {field}: Mermaid read {w} from the source and {g} from the export"));
        }
    };
    // Entities by name (the export orders them its way), relationships in text order.
    let by_name = |m: &Value| -> BTreeMap<String, Value> {
        m["entities"].as_array().expect("entities").iter().map(|e| (e["name"].as_str().expect("name").to_owned(), e.clone())).collect()
    };
    let (we, ge) = (by_name(want), by_name(got));
    check("entity names", &Value::from(we.keys().cloned().collect::<Vec<_>>()), &Value::from(ge.keys().cloned().collect::<Vec<_>>()));
    for (entity, w) in &we {
        let Some(g) = ge.get(entity) else { continue };
        for field in ["alias", "classes", "styles"] {
            check(&format!("entity {entity}.{field}"), &w[field], &g[field]);
        }
        let (wa, ga) = (w["attributes"].as_array().expect("attributes"), g["attributes"].as_array().expect("attributes"));
        check(&format!("entity {entity} attribute count"), &Value::from(wa.len()), &Value::from(ga.len()));
        for (n, (a, b)) in wa.iter().zip(ga).enumerate() {
            for field in ["type", "name", "keys", "comment"] {
                check(&format!("entity {entity} attribute {n}.{field}"), &a[field], &b[field]);
            }
        }
    }
    let (wr, gr) = (want["relationships"].as_array().expect("lines"), got["relationships"].as_array().expect("lines"));
    check("relationship count", &Value::from(wr.len()), &Value::from(gr.len()));
    for (n, (a, b)) in wr.iter().zip(gr).enumerate() {
        for field in ["left", "right", "label", "left_end", "right_end", "identification"] {
            check(&format!("relationship {n}.{field}"), &a[field], &b[field]);
        }
    }
    for field in ["classes", "direction", "acc_title", "acc_descr", "subgraphs"] {
        check(field, &want[field], &got[field]);
    }
}

#[test]
fn spec_fixtures_round_trip_to_an_equal_mermaid_model() {
    println!("fields of Mermaid's model compared: {}", COMPARED.join(", "));
    let files = fixtures("spec");
    assert!(files.len() >= 20, "a fixture per production: {files:?}");
    let results = consumers::check("mermaid-model.mjs", &files);
    let mut exported = Vec::new();
    for ((name, text), result) in files.iter().zip(&results) {
        assert_eq!(result["ok"], Value::Bool(true), "Mermaid rejects {name}: {}", result["error"]);
        let (registry, diagnostics) = run(text, name);
        let errors: Vec<String> = diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        // The import reads what Mermaid reads: one table per entity, one kept line per line.
        let model = &result["model"];
        assert_eq!(registry.tables.len(), model["entities"].as_array().expect("entities").len(), "{name}: entities");
        assert_eq!(registry.mermaid.lines.len(), model["relationships"].as_array().expect("lines").len(), "{name}: lines");
        exported.push((name.clone(), export(&registry), registry));
    }
    let inputs: Vec<(String, String)> = exported.iter().map(|(n, t, _)| (n.clone(), t.clone())).collect();
    let again = consumers::check("mermaid-model.mjs", &inputs);
    let mut wrong = Vec::new();
    for (((name, text, registry), result), original) in exported.iter().zip(&again).zip(&results) {
        assert_eq!(result["ok"], Value::Bool(true), "Mermaid rejects the export of {name}: {}\n{text}", result["error"]);
        compare(name, &original["model"], &result["model"], &mut wrong);
        // And Relata reads its own export back to the same registry.
        let (back, diagnostics) = run(text, name);
        assert!(diagnostics.iter().all(|d| !d.is_error()), "{name}: {diagnostics:#?}");
        if &back != registry {
            let (a, b) = (format!("{registry:#?}"), format!("{back:#?}"));
            let first = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(0);
            let context: Vec<String> = a.lines().zip(b.lines()).skip(first.saturating_sub(8)).take(12).map(|(x, y)| format!("{x}  |  {y}")).collect();
            wrong.push(format!("{name}: the export imports to another registry:\n{text}\n{}", context.join("\n")));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn front_matter_comes_back_as_written() {
    let text = fixtures("spec").into_iter().find(|(n, _)| n == "front_matter.mmd").expect("fixture").1;
    let (registry, _) = run(&text, "front_matter.mmd");
    let front = registry.mermaid.front_matter.as_deref().expect("kept");
    assert_eq!(front, "title: Shop\nconfig:\n  theme: forest\n  er:\n    layoutDirection: LR");
    assert!(export(&registry).starts_with(&format!("---\n{front}\n---\nerDiagram\n")));
}

#[test]
fn a_diagram_without_fk_markers_invents_no_column() {
    // Lines between entities whose attributes carry no FK marker: nothing says which columns
    // join, so no relationship is made and no column is added; each line is kept as a
    // diagram line, drawn and exported, with a warning asking for its columns.
    let text = "erDiagram\n  users {\n    int id PK\n    string name\n  }\n  orders {\n    int id PK\n    int user_id\n  }\n  users ||--o{ orders : places\n  orders }o--|| products : lists\n";
    let (registry, diagnostics) = run(text, "plain.mmd");
    assert!(registry.relationships.is_empty(), "{:#?}", registry.relationships);
    let columns: Vec<String> = registry.signals.iter().map(|s| format!("{}.{}", s.table.as_ref().expect("table").table, s.column)).collect();
    assert_eq!(columns, ["users.id", "users.name", "orders.id", "orders.user_id"]);
    let warnings: Vec<String> = diagnostics.iter().map(|d| format!("{} {} {}", d.location, d.code, d.severity.as_str())).collect();
    assert_eq!(warnings, ["plain.mmd:10:3 M109 warning", "plain.mmd:11:3 M109 warning"]);
    let out = export(&registry);
    assert!(out.contains("  users ||--o{ orders : \"places\"\n"), "{out}");
    assert!(out.contains("  orders }o--|| products : \"lists\"\n"), "{out}");
    assert!(!out.contains(" FK"), "no FK marker is invented:\n{out}");
}

#[test]
fn what_the_import_keeps_survives_relata_json_and_sync() {
    for (name, text) in fixtures("spec") {
        let (registry, _) = run(&text, &name);
        assert!(!registry.mermaid.is_empty(), "{name}: something is kept");
        let files = relata_codec::folder::print(&registry);
        let folder = relata_codec::folder::FolderText {
            table_overview: files.table_overview,
            signal_registry: files.signal_registry,
            relationship_registry: files.relationship_registry,
            relata_json: Some(files.relata_json),
        };
        let (loaded, diagnostics) = relata_codec::folder::parse(&folder);
        assert!(diagnostics.is_empty(), "{name}: {diagnostics:#?}");
        assert_eq!(loaded.mermaid, registry.mermaid, "{name}: relata.json");
        let base = relata_sync::SyncBase::default();
        let pulled = relata_sync::pull(&Registry::default(), &base, &registry, None, relata_sync::Resolve::default());
        assert_eq!(pulled.registry.mermaid, registry.mermaid, "{name}: sync");
    }
}

/// Every broken fixture: its file, the place and code of its one error, and a piece of the
/// message. Each is rejected by Mermaid too.
const BROKEN: &[(&str, &str, &str)] = &[
    ("alias_on_a_line.mmd", "3:17 M100", "a relationship cannot give an entity its label"),
    ("attribute_without_name.mmd", "6:5 M100", "expected the name of the attribute after its type `string` but found `}`"),
    ("block_never_closes.mmd", "6:1 M102", "expected `}` to close entity `CUSTOMER` opened at 3:14"),
    ("brace_on_next_line.mmd", "4:5 M100", "expected an entity, a relationship or another statement but found `{`"),
    ("cardinality_unknown.mmd", "3:11 M100", "expected a cardinality"),
    ("comment_twice.mmd", "4:27 M100", "one comment per attribute"),
    ("end_without_subgraph.mmd", "4:5 M100", "`end` closes no `subgraph`"),
    ("key_unknown.mmd", "4:16 M108", "`PX` is not a key"),
    ("keys_without_comma.mmd", "4:19 M100", "`,` between two keys"),
    ("label_missing.mmd", "3:15 M100", "Mermaid needs a label on every relationship"),
    ("label_of_two_words.mmd", "3:22 M100", "a label of several words needs quotes"),
    ("label_never_closes.mmd", "3:18 M101", "this label never closes"),
    ("line_missing.mmd", "3:11 M100", "expected a line: `--`, `..`, `to` or `optionally to`"),
    ("name_with_percent.mmd", "3:5 M100", "an entity name in quotes cannot hold `%`"),
    ("not_er.mmd", "2:1 M103", "expected `erDiagram`"),
    ("style_with_parenthesis.mmd", "4:21 M100", "`(` cannot be in a style"),
    ("subgraph_never_ends.mmd", "6:1 M102", "expected `end` to close subgraph `sales` opened at 3:14"),
    ("trailing_comment.mmd", "3:22 M100", "found `%`"),
];

#[test]
fn broken_mermaid_gives_one_located_error_in_plain_words() {
    let files = fixtures("broken");
    let mut names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    let mut listed: Vec<&str> = BROKEN.iter().map(|(f, ..)| *f).collect();
    listed.sort_unstable();
    assert_eq!(names, listed, "every broken fixture is checked");
    let results = consumers::check("mermaid-model.mjs", &files);
    let mut wrong = Vec::new();
    for ((name, text), result) in files.iter().zip(&results) {
        assert_eq!(result["ok"], Value::Bool(false), "Mermaid accepts {name}, so Relata must too");
        let (file, place, fragment) = BROKEN.iter().find(|(f, ..)| f == name).expect("listed");
        let (_, diagnostics) = run(text, file);
        let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        let places: Vec<String> = errors
            .iter()
            .map(|d| match &d.location {
                Location::File { line, column, .. } => format!("{line}:{column} {}", d.code),
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
fn a_mermaid_import_merged_into_a_workspace_keeps_its_diagram() {
    let text = fixtures("spec").into_iter().find(|(n, _)| n == "join_columns.mmd").expect("fixture").1;
    let (incoming, _) = run(&text, "join_columns.mmd");
    let now = Timestamp::parse("2026-02-01 10:00:00+00").expect("timestamp");
    let rules = RuleSet::named("zayaz").expect("preset");
    // Into a workspace that has none of it, then into one that already has the tables and
    // relationships (matched by name, so the lines point at the workspace's relationships).
    let first = relata_formats::import::merge::merge(&Registry::default(), &incoming, &rules, &now).registry;
    assert_eq!(first.mermaid, incoming.mermaid);
    let second = relata_formats::import::merge::merge(&first, &incoming, &rules, &now).registry;
    let joined: Vec<bool> = second.mermaid.lines.iter().map(|l| l.relationship.is_some_and(|id| second.relationships.iter().any(|r| r.id == id))).collect();
    assert_eq!(joined, [true, true, true, true, true], "{:#?}", second.mermaid.lines);
    assert_eq!(export(&second), export(&incoming));
}
