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
//! - names and types as Mermaid reads back what the printer writes (`text::read_back_word` /
//!   `text::read_back_type`: whole, in backquotes where they are not attribute words, and
//!   sanitised only where a backquote or line break is inside); table names survive whole in
//!   the label unless the schema holds a `.` (the label is split at its first dot);
//! - a relationship's columns: Mermaid has none; the importer takes them only where the text
//!   says them (the printer marks a foreign key's child columns FK and labels the line with
//!   the key), and keeps every other line as a diagram line (`registry.mermaid.lines`): no
//!   relationship comes back that the original did not have;
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
        let (registry, diagnostics) = relata_codec::folder::parse(&crate::read_folder(&dir));
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
        let many = imported.relationships.iter().filter(|r| r.cardinality == Some(Cardinality::ManyToMany)).count();
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
                    .map(|c| (text::read_back_word(&c.column), text::read_back_type(&c.data_type)))
                    .collect();
                let pk = t.primary_key.iter().filter(|k| scope.columns(t).iter().any(|c| &c.column == *k)).map(|k| text::read_back_word(k)).collect();
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

        // Relationships: none invented; each is the original's (ends, columns, cardinality,
        // is_required, line) or kept as a diagram line between the same tables.
        for g in &imported.relationships {
            // Column names as the printer writes them (`user select` → `user_select`).
            let words = |c: &[String]| c.iter().map(|c| text::read_back_word(c)).collect::<Vec<_>>();
            let same = |w: &&&Relationship| {
                (w.child.table_ref(), w.parent.table_ref(), words(&w.child.columns), words(&w.parent.columns))
                    == (g.child.table_ref(), g.parent.table_ref(), g.child.columns.clone(), g.parent.columns.clone())
                    && line_view(w) == line_view(g)
            };
            assert!(scope.relationships.iter().any(|w| same(&w)), "{name}: a relationship the original does not have: {}", g.key);
        }
        let lines = &imported.mermaid.lines;
        assert_eq!(lines.len(), scope.relationships.len(), "{name}: one line per relationship");
        let kept_only = lines.iter().filter(|l| l.relationship.is_none()).count();
        report.push(format!("{name}: {}/{} as relationships, {kept_only} diagram lines", imported.relationships.len(), scope.relationships.len()));
        // The same text imports to the same registry.
        let (again, _) = import(&mermaid, &format!("{name}.mmd"), &ImportOptions::new(now()), &rules());
        assert_eq!(again, imported, "{name}: import is deterministic");
        // Export → import is a fixed point after one round.
        let second = export(&imported, ExportFormat::Mermaid, &options(), &rules());
        let (third, _) = import(&second, "second.mmd", &ImportOptions::new(now()), &rules());
        assert_eq!(third, imported, "{name}: export → import is a fixed point after one round");
        assert_eq!(second, export(&third, ExportFormat::Mermaid, &options(), &rules()), "{name}: the text too");
    }
    // The relationships that come back: database foreign keys to their parent's primary key
    // (the printer marks their columns FK); the others (logical and lineage relationships,
    // keys to a unique key, names the printer sanitises) are diagram lines.
    assert_eq!(
        report,
        [
            "metastore: 15/15 as relationships, 0 diagram lines",
            "schema-template: 6/6 as relationships, 0 diagram lines",
            "system-data-model: 11/20 as relationships, 9 diagram lines",
            "zayaz-compute-methods: 2/6 as relationships, 4 diagram lines",
            "zellij: 44/44 as relationships, 0 diagram lines",
            "generated-200: 216/234 as relationships, 18 diagram lines",
            "adversarial: 4/5 as relationships, 1 diagram lines",
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
        assert_eq!(registry.mermaid.lines.len(), result["relationships"].as_array().unwrap().len(), "{name}: lines");
        assert_eq!((registry.tables.len(), registry.mermaid.lines.len()), (*entities, *lines), "{name}");
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

/// The tables and (child, parent) pairs of `registry`, by bare table name, sorted: of its
/// relationships, or, when it has kept Mermaid lines, of those (the "many" end is the child).
fn shape(registry: &Registry) -> (Vec<String>, Vec<(String, String)>) {
    let mut tables: Vec<String> = registry.tables.iter().map(|t| t.name.to_lowercase()).collect();
    tables.sort();
    let mut lines: Vec<(String, String)> = if registry.mermaid.lines.is_empty() {
        registry.relationships.iter().map(|r| (r.child.table.to_lowercase(), r.parent.table.to_lowercase())).collect()
    } else {
        registry
            .mermaid
            .lines
            .iter()
            .map(|l| {
                let (left, right) = (l.left.table.to_lowercase(), l.right.table.to_lowercase());
                if l.left_end.max().is_none() && l.right_end.max().is_some() { (left, right) } else { (right, left) }
            })
            .collect()
    };
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
    // The seed's diagram has no attributes: no line says its columns (M109), so every line is
    // a diagram line and no relationship is made up.
    assert_eq!(diagnostics.iter().filter(|d| d.code == "M109").count(), 35);
    assert_eq!(diagnostics.len(), 35);
    assert!(seed_registry.relationships.is_empty());
    let (zellij, _) = relata_codec::folder::parse(&crate::read_folder(&crate::registries_dir().join("zellij")));
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
    let (template, _) = relata_codec::folder::parse(&crate::read_folder(&crate::registries_dir().join("schema-template")));
    // Two lines name no column: ENTITY_1's `created_by` and AUDIT_LOG's `actor_id` are FKs
    // to USER by the seed's tables, but nothing in the diagram says so; they stay diagram
    // lines, and no `user_id` column is made up.
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
            "ENTITY_2.entity_1_id -> ENTITY_1.id",
        ]
    );
    assert!(seed_registry.signals.iter().all(|s| s.column != "user_id"), "no column is invented");
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
    assert_eq!(registry.mermaid.lines.len(), result["relationships"].as_array().unwrap().len());
    let found: Vec<String> = diagnostics.iter().map(|d| format!("{} {}", d.location, d.code)).collect();
    assert_eq!(
        found,
        [
            "features.mmd:31:3 M109",
            "features.mmd:32:3 M109",
            "features.mmd:33:3 M109",
            "features.mmd:34:3 M109",
            "features.mmd:35:3 M109",
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
            // `..` is non-identifying: still a foreign key (kept as such in the extras).
            "line items(order_id) -> orders(id) 1:many optional foreign_key",
        ]
    );
    assert!(!registry.mermaid.lines[1].identifying);
    // A second line between customers and orders says no other column: a diagram line, not
    // a second foreign key on the same column.
    assert_eq!(registry.mermaid.lines[6].relationship, None);
    assert_eq!(registry.relationships[0].notes.as_deref(), Some("places"));
}

/// The join columns of the line in `text` (a diagram with one line), or `-` when it is a
/// diagram line only, and the codes found.
fn joined(text: &str) -> (String, Vec<&'static str>) {
    let (registry, diagnostics) = import(text, "t.mmd", &ImportOptions::new(now()), &rules());
    let codes = diagnostics.iter().map(|d| d.code).collect();
    let Some(r) = registry.relationships.first() else { return ("-".to_owned(), codes) };
    (format!("{}({}) -> {}({})", r.child.table, r.child.columns.join(","), r.parent.table, r.parent.columns.join(",")), codes)
}

#[test]
fn join_columns_follow_the_documented_order() {
    let parent = "erDiagram\n  owners {\n    int code PK\n    text name\n  }\n";
    // 1. A key-shaped label names the child's FK columns.
    let text = format!("{parent}  pets {{\n    int id PK\n    int owner_code FK\n    int owner_id FK\n  }}\n  owners ||--o{{ pets : pets__owner_code__owners\n");
    assert_eq!(joined(&text), ("pets(owner_code) -> owners(code)".to_owned(), vec![]));
    // 2. The FK named after the parent, in any spelling: `owner_id`, `ownerId`, `OwnerID`,
    // `owners_code`, `owner`.
    for column in ["owner_id", "ownerId", "OwnerID", "owners_code", "owner", "OWNER-ID"] {
        let text = format!("{parent}  pets {{\n    int vet FK\n    int {column} FK\n  }}\n  owners ||--o{{ pets : owns\n");
        assert_eq!(joined(&text).0, format!("pets({column}) -> owners(code)"), "{column}");
    }
    // 3. The one FK whose comment names the parent.
    let text = format!("{parent}  pets {{\n    int vet FK\n    int keeper FK \"who in owners keeps it\"\n  }}\n  owners ||--o{{ pets : owns\n");
    assert_eq!(joined(&text).0, "pets(keeper) -> owners(code)");
    // Not said: an FK named after another entity, a column named after the parent without
    // FK, an FK of the parent key's type. The line stays a diagram line (M109).
    for columns in ["int author_id FK", "int owner_id", "int keeper FK"] {
        let text = format!("{parent}  pets {{\n    {columns}\n  }}\n  owners ||--o{{ pets : owns\n");
        assert_eq!(joined(&text), ("-".to_owned(), vec!["M109"]), "{columns}");
    }
    // A 1:1 line: the side whose FK names the other is the child, whichever side it is on.
    let text = format!("{parent}  pets {{\n    int id PK\n  }}\n  owners {{\n    int pet_id FK\n  }}\n  owners ||--|| pets : has\n");
    assert_eq!(joined(&text).0, "owners(pet_id) -> pets(id)");
}
