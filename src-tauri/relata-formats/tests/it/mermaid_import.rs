//! The Mermaid erDiagram importer against its printer and Mermaid's own parser: every bundled
//! registry, a generated 200-table registry and the adversarial registry are exported to
//! Mermaid, imported back and compared with the original for what Mermaid carries; the seed
//! diagrams import without errors and with Mermaid's own entity and relationship counts.
//!
//! What Mermaid cannot carry, and is therefore not compared (the importer fills it with the
//! choices documented in `relata_formats::mermaid::parse`):
//! - everything but names, columns, keys and lines: modules, enums, indexes, composite unique
//!   constraints, defaults, nullability (only PK columns are NOT NULL), table notes, colours,
//!   prefixes, status, signal roles and concepts, ids and timestamps;
//! - names and types as the printer sanitises them into attribute words
//!   (`text::attribute_word` / `text::attribute_type`: `timestamp with time zone` →
//!   `timestamp_with_time_zone`, a column `pk` → `pk_`); table names survive whole in the
//!   label unless the schema holds a `.` (the label is split at its first dot);
//! - a relationship's columns: Mermaid has none; they are inferred (the label is the key, which
//!   names the child columns) and are compared only where the printer's label is the key;
//! - relationship fields beyond the ends, cardinality, `is_required`, dashed-or-solid and the
//!   label's `(kind, availability)`: actions, enforcement, match type, deferrability, index
//!   flags, tenant scoping, version and ownership; a lineage relationship of type
//!   `foreign_key` comes back `logical` (both are dashed); a join bridge comes back
//!   `foreign_key`; a `constraint_name` comes back as the relationship's notes.

use std::collections::HashMap;

use relata_formats::export::{export, ExportFormat, ExportOptions, Scope};
use relata_formats::mermaid::parse::{import, ImportOptions};
use relata_formats::mermaid::text;
use relata_model::generate::{adversarial, generate, GenerateOptions};
use relata_model::{Cardinality, Diagnostic, Registry, Relationship, RelationshipType, Timestamp};
use relata_rules::RuleSet;
use serde_json::json;

use crate::consumers;

fn now() -> Timestamp {
    Timestamp::parse("2026-01-31 09:30:00+00").expect("timestamp")
}

fn rules() -> RuleSet {
    RuleSet::named("zayaz").expect("preset")
}

fn options() -> ExportOptions {
    ExportOptions { include_inactive: true, ..ExportOptions::default() }
}

/// Every registry the round trip covers, by name.
fn registries() -> Vec<(String, Registry)> {
    let mut out = Vec::new();
    for dir in crate::bundled() {
        let (registry, diagnostics) = relata_formats::folder::parse(&crate::read_folder(&dir));
        assert!(diagnostics.is_empty(), "{}: {diagnostics:#?}", dir.display());
        out.push((dir.file_name().expect("name").to_string_lossy().into_owned(), registry));
    }
    out.push(("generated-200".into(), generate(&GenerateOptions::new(200))));
    out.push(("adversarial".into(), adversarial()));
    out
}

/// One table as Mermaid carries it: qualified name, columns `(name, type)` and primary key.
type TableView = (String, Vec<(String, String)>, Vec<String>);

/// One relationship as Mermaid carries it.
#[derive(Debug, PartialEq)]
struct LineView {
    child: String,
    parent: String,
    cardinality: Cardinality,
    is_required: bool,
    dashed: bool,
}

fn line_view(r: &Relationship) -> LineView {
    LineView {
        child: r.child.table_ref().to_string(),
        parent: r.parent.table_ref().to_string(),
        cardinality: r.cardinality.unwrap_or(Cardinality::OneToMany),
        is_required: r.is_required,
        dashed: r.relationship_type == RelationshipType::Logical || r.lineage_kind().is_lineage(),
    }
}

#[test]
fn every_registry_survives_export_and_import() {
    let mut report = Vec::new();
    for (name, original) in registries() {
        let mermaid = export(&original, ExportFormat::Mermaid, &options(), &rules());
        let (imported, diagnostics) = import(&mermaid, &format!("{name}.mmd"), &ImportOptions::new(now()), &rules());
        let scope = Scope::new(&original, &options());
        let many = scope.relationships.iter().filter(|r| r.cardinality == Some(Cardinality::ManyToMany)).count();
        let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        assert_eq!(diagnostics.iter().filter(|d| d.code == "M111").count(), many, "{name}: one M111 per many:many line");

        // Tables: qualified names, columns and primary keys as the printer writes them.
        let want: Vec<TableView> = scope
            .tables
            .iter()
            .map(|t| {
                let columns: Vec<(String, String)> = scope
                    .columns(t)
                    .iter()
                    .map(|c| (text::attribute_word(&c.column), text::attribute_type(&c.data_type)))
                    .collect();
                let pk = t.primary_key.iter().filter(|k| scope.columns(t).iter().any(|c| &c.column == *k)).map(|k| text::attribute_word(k)).collect();
                (t.table_ref().to_string(), columns, pk)
            })
            .collect();
        let got: Vec<TableView> = imported
            .tables
            .iter()
            .map(|t| {
                let columns = imported.columns_of(&t.table_ref()).iter().map(|s| (s.column.clone(), s.data_type.clone())).collect();
                (t.table_ref().to_string(), columns, t.primary_key.clone())
            })
            .collect();
        assert_eq!(got.len(), want.len(), "{name}: table count");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "{name}: table");
        }

        // Relationships: count, ends, cardinality, is_required, line.
        assert_eq!(imported.relationships.len(), scope.relationships.len(), "{name}: relationship count");
        let mut columns_right = 0;
        let mut key_labels = 0;
        for (g, w) in imported.relationships.iter().zip(&scope.relationships) {
            assert_eq!(line_view(g), line_view(w), "{name}: relationship {}", w.key);
            if w.constraint_name.is_none() {
                key_labels += 1;
                if g.child.columns == w.child.columns && g.parent.columns == w.parent.columns {
                    columns_right += 1;
                }
            }
        }
        report.push(format!("{name}: {columns_right}/{key_labels}"));
        // The same text imports to the same registry.
        let (again, _) = import(&mermaid, &format!("{name}.mmd"), &ImportOptions::new(now()), &rules());
        assert_eq!(again, imported, "{name}: import is deterministic");
        // Export → import is a fixed point after one round, but for a relationship's notes:
        // a label that is not the key becomes the notes, which the printer does not write
        // (it labels a line with its constraint name or key).
        let second = export(&imported, ExportFormat::Mermaid, &options(), &rules());
        let (third, _) = import(&second, "second.mmd", &ImportOptions::new(now()), &rules());
        let without_notes = |r: &Registry| {
            let mut r = r.clone();
            r.relationships.iter_mut().for_each(|r| r.notes = None);
            r
        };
        assert_eq!(without_notes(&third), without_notes(&imported), "{name}: export → import is a fixed point after one round");
    }
    // Join columns inferred right, of the relationships whose label is their key. The misses
    // are relationships to a parent's unique key rather than its primary key (the importer
    // takes the primary key), and in the adversarial registry names the printer sanitises.
    assert_eq!(
        report,
        [
            "metastore: 15/15",
            "schema-template: 6/6",
            "system-data-model: 17/20",
            "zayaz-compute-methods: 2/6",
            "zellij: 44/44",
            "generated-200: 234/234",
            "adversarial: 0/5",
        ]
    );
}

/// The seed diagrams: the file, its expected entity and relationship counts.
const SEEDS: [(&str, usize, usize); 2] = [("seed_001.mmd", 29, 35), ("seed_002.mmd", 5, 5)];

/// The text of `tests/data/mermaid/{name}`.
pub fn fixture(name: &str) -> String {
    seed(name)
}

fn seed(name: &str) -> String {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/mermaid").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn seeds_import_like_mermaid_reads_them() {
    let inputs: Vec<(String, String)> = SEEDS.iter().map(|(name, ..)| (name.to_string(), seed(name))).collect();
    let results = consumers::check("mermaid-check.mjs", &inputs);
    for ((name, entities, lines), result) in SEEDS.iter().zip(&results) {
        assert_eq!(result["ok"], json!(true), "{name}: Mermaid rejects it: {}", result["error"]);
        let (registry, diagnostics) = import(&seed(name), name, &ImportOptions::new(now()), &rules());
        let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        assert_eq!(registry.tables.len(), result["entities"].as_array().unwrap().len(), "{name}: entities");
        assert_eq!(registry.relationships.len(), result["relationships"].as_array().unwrap().len(), "{name}: lines");
        assert_eq!((registry.tables.len(), registry.relationships.len()), (*entities, *lines), "{name}");
        // Mermaid's attributes per entity, in order, are the table's columns.
        let by_name: HashMap<&str, usize> =
            registry.tables.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
        for entity in result["entities"].as_array().unwrap() {
            let table = &registry.tables[by_name[entity["name"].as_str().unwrap()]];
            let columns: Vec<&str> = registry.columns_of(&table.table_ref()).iter().map(|s| s.column.as_str()).collect();
            let attributes: Vec<&str> = entity["attributes"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
            assert_eq!(columns, attributes, "{name}: {}", table.name);
        }
    }
}

/// The tables and (child, parent) pairs of `registry`, by bare table name, sorted.
fn shape(registry: &Registry) -> (Vec<String>, Vec<(String, String)>) {
    let mut tables: Vec<String> = registry.tables.iter().map(|t| t.name.to_lowercase()).collect();
    tables.sort();
    let mut lines: Vec<(String, String)> =
        registry.relationships.iter().map(|r| (r.child.table.to_lowercase(), r.parent.table.to_lowercase())).collect();
    lines.sort();
    (tables, lines)
}

/// `a` minus `b`.
fn minus<T: PartialEq + Clone>(a: &[T], b: &[T]) -> Vec<T> {
    a.iter().filter(|x| !b.contains(x)).cloned().collect()
}

// Differences with the registries built from the same seeds (by bare, lower-case table name).

#[test]
fn seed_001_against_the_zellij_registry() {
    let (seed_registry, diagnostics) = import(&seed("seed_001.mmd"), "seed_001.mmd", &ImportOptions::new(now()), &rules());
    // The seed's diagram has no attributes: every line's columns are a guess (M109).
    assert_eq!(diagnostics.iter().filter(|d| d.code == "M109").count(), 35);
    assert_eq!(diagnostics.len(), 35);
    let (zellij, _) = relata_formats::folder::parse(&crate::read_folder(&crate::registries_dir().join("zellij")));
    let (seed_tables, seed_lines) = shape(&seed_registry);
    let (tables, lines) = shape(&zellij);
    assert_eq!(minus(&seed_tables, &tables), Vec::<String>::new());
    // The registry adds the Casbin policy table the seed describes outside the diagram.
    assert_eq!(minus(&tables, &seed_tables), ["casbin_rules"]);
    assert_eq!(minus(&seed_lines, &lines), Vec::<(String, String)>::new());
    // The registry holds the FKs the seed's column tables give and its diagram leaves out.
    let extra: Vec<(String, String)> = [
        ("branches", "actors"),
        ("collections", "projects"),
        ("commits", "actors"),
        ("commits", "commits"),
        ("fields", "projects"),
        ("models", "projects"),
        ("project_fields", "actors"),
        ("project_ontologies", "projects"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(minus(&lines, &seed_lines), extra);
}

#[test]
fn seed_002_against_the_schema_template_registry() {
    let (seed_registry, diagnostics) = import(&seed("seed_002.mmd"), "seed_002.mmd", &ImportOptions::new(now()), &rules());
    let (template, _) = relata_formats::folder::parse(&crate::read_folder(&crate::registries_dir().join("schema-template")));
    // Two lines name no column: ENTITY_1's `created_by` and AUDIT_LOG's `actor_id` are FKs
    // to USER by the seed's tables, but nothing in the diagram says so.
    let guessed: Vec<String> = diagnostics.iter().filter(|d| d.code == "M109").map(|d| d.location.to_string()).collect();
    assert_eq!(guessed, ["seed_002.mmd:68:1", "seed_002.mmd:70:1"]);
    assert_eq!(diagnostics.len(), 2);
    let joins: Vec<String> = seed_registry
        .relationships
        .iter()
        .map(|r| format!("{}.{} -> {}.{}", r.child.table, r.child.columns.join(","), r.parent.table, r.parent.columns.join(",")))
        .collect();
    assert_eq!(
        joins,
        [
            "USER.tenant_id -> TENANT.id",
            "ENTITY_1.tenant_id -> TENANT.id",
            "ENTITY_1.user_id -> USER.id",
            "ENTITY_2.entity_1_id -> ENTITY_1.id",
            "AUDIT_LOG.user_id -> USER.id",
        ]
    );
    // The registry names the template's tables in the plural, fills the placeholders
    // (ENTITY_1 → projects, ENTITY_2 → project_items) and adds project_types.
    let (seed_tables, _) = shape(&seed_registry);
    let (tables, lines) = shape(&template);
    assert_eq!(seed_tables, ["audit_log", "entity_1", "entity_2", "tenant", "user"]);
    assert_eq!(tables, ["audit_logs", "project_items", "project_types", "projects", "tenants", "users"]);
    let renamed = |t: &str| match t {
        "entity_1" => "projects".to_owned(),
        "entity_2" => "project_items".to_owned(),
        t => format!("{t}s"),
    };
    let seed_lines: Vec<(String, String)> = shape(&seed_registry).1.iter().map(|(c, p)| (renamed(c), renamed(p))).collect();
    assert_eq!(minus(&seed_lines, &lines), Vec::<(String, String)>::new());
    assert_eq!(minus(&lines, &seed_lines), [("audit_logs".to_owned(), "tenants".to_owned())]);
}

/// `features.mmd` holds every notation Mermaid reads: each line's ends, as Relata reads them.
#[test]
fn every_notation_reads_as_mermaid_reads_it() {
    let text = fixture("features.mmd");
    let result = &consumers::check("mermaid-check.mjs", &[("features".to_owned(), text.clone())])[0];
    assert_eq!(result["ok"], json!(true), "Mermaid rejects it: {}", result["error"]);
    let (file, _) = relata_formats::mermaid::parse::parse(&text, "features.mmd");
    assert_eq!(file.title.map(|t| (t.text, t.pos.to_string())), Some(("Every notation".to_owned(), "2:8".to_owned())));
    assert_eq!(file.direction.map(|d| d.text), Some("LR".to_owned()));
    let (registry, diagnostics) = import(&text, "features.mmd", &ImportOptions::new(now()), &rules());
    assert_eq!(registry.tables.len(), result["entities"].as_array().unwrap().len());
    assert_eq!(registry.relationships.len(), result["relationships"].as_array().unwrap().len());
    let found: Vec<String> = diagnostics.iter().map(|d| format!("{} {}", d.location, d.code)).collect();
    assert_eq!(
        found,
        [
            "features.mmd:32:3 M109",
            "features.mmd:34:3 M111",
            "features.mmd:34:3 M109",
            "features.mmd:36:3 M111",
            "features.mmd:36:3 M109",
        ]
    );
    let tables: Vec<String> = registry.tables.iter().map(|t| t.table_ref().to_string()).collect();
    assert_eq!(tables, ["sales.customers", "sales.orders", "public.line items", "public.products"]);
    let customers = &registry.tables[0];
    assert_eq!(customers.primary_key, ["id"]);
    assert_eq!(customers.unique_constraints[0].columns, ["email"]);
    assert_eq!(registry.tables[2].primary_key, ["order_id", "position"]);
    let id = registry.signals.iter().find(|s| s.column == "id").unwrap();
    assert_eq!(id.description.as_deref(), Some("The customer"));
    let lines: Vec<String> = registry
        .relationships
        .iter()
        .map(|r| {
            format!(
                "{}({}) -> {}({}) {} {} {}",
                r.child.table,
                r.child.columns.join(","),
                r.parent.table,
                r.parent.columns.join(","),
                r.cardinality.map(relata_model::Vocabulary::as_str).unwrap_or("-"),
                if r.is_required { "required" } else { "optional" },
                relata_model::Vocabulary::as_str(r.relationship_type),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "orders(customer_id) -> customers(id) 1:many required foreign_key",
            "line items(order_id) -> orders(id) 1:many optional logical",
            "line items(order_id) -> products(id) 1:many required foreign_key",
            "products(customer_id) -> customers(id) 1:many optional logical",
            "orders(customer_id) -> products(id) 1:1 optional foreign_key",
            "products(order_id) -> orders(id) many:many optional foreign_key",
            "orders(customer_id) -> customers(id) 1:many required foreign_key",
            "customers(product_id) -> products(id) many:many required logical",
        ]
    );
    assert_eq!(registry.relationships[6].key, "orders__customer_id__customers__2", "a second line, a second key");
    assert_eq!(registry.relationships[0].notes.as_deref(), Some("places"));
}

/// The join columns of the line in `text` (a diagram with one line), and the codes found.
fn joined(text: &str) -> (String, Vec<&'static str>) {
    let (registry, diagnostics) = import(text, "t.mmd", &ImportOptions::new(now()), &rules());
    let r = &registry.relationships[0];
    (format!("{}({}) -> {}({})", r.child.table, r.child.columns.join(","), r.parent.table, r.parent.columns.join(",")), diagnostics.iter().map(|d| d.code).collect())
}

#[test]
fn join_columns_follow_the_documented_order() {
    let parent = "erDiagram\n  owners {\n    int code PK\n    text name\n  }\n";
    // 1. A key-shaped label names the child's columns, whatever their markers.
    let text = format!("{parent}  pets {{\n    int id PK\n    int owner_code\n    int owner_id FK\n  }}\n  owners ||--o{{ pets : pets__owner_code__owners\n");
    assert_eq!(joined(&text), ("pets(owner_code) -> owners(code)".to_owned(), vec![]));
    // 2. An FK named after the parent (singular), before other FKs of its type.
    let text = format!("{parent}  pets {{\n    int vet FK\n    int owner_id FK\n  }}\n  owners ||--o{{ pets : owns\n");
    assert_eq!(joined(&text).0, "pets(owner_id) -> owners(code)");
    // 2. An FK whose comment names the parent.
    let text = format!("{parent}  pets {{\n    int vet FK\n    int keeper FK \"who in owners keeps it\"\n  }}\n  owners ||--o{{ pets : owns\n");
    assert_eq!(joined(&text).0, "pets(keeper) -> owners(code)");
    // 3. The one FK with the type of the parent's key.
    let text = format!("{parent}  pets {{\n    text tag FK\n    int keeper FK\n  }}\n  owners ||--o{{ pets : owns\n");
    assert_eq!(joined(&text).0, "pets(keeper) -> owners(code)");
    // 4. A column named after the parent, without a marker.
    let text = format!("{parent}  pets {{\n    int owners_id\n  }}\n  owners ||--o{{ pets : owns\n");
    assert_eq!(joined(&text).0, "pets(owners_id) -> owners(code)");
    // Nothing fits: the guess, reported.
    let text = format!("{parent}  pets {{\n    int id PK\n  }}\n  owners ||--o{{ pets : owns\n");
    assert_eq!(joined(&text), ("pets(owner_id) -> owners(code)".to_owned(), vec!["M109"]));
}
