//! The Mermaid erDiagram export read back by Mermaid 11's own parser under node: every export
//! parses, with one entity per table (label = schema-qualified name), one attribute per
//! column, and one relationship per registry relationship with its ends, line and label.

use std::collections::HashSet;

use relata_formats::export::Scope;
use relata_formats::mermaid::{label, Mermaid};
use relata_model::{Cardinality, RelationshipType};
use serde_json::{json, Value};

use crate::consumers;

#[test]
fn every_export_parses_in_mermaid_and_matches_the_registry() {
    let exports = consumers::exports();
    let inputs: Vec<(String, String)> = exports
        .iter()
        .map(|(name, registry, options)| {
            (name.clone(), Mermaid::new(registry, options).to_string())
        })
        .collect();
    let results = consumers::check("mermaid-check.mjs", &inputs);
    for ((name, registry, options), result) in exports.iter().zip(&results) {
        assert_eq!(result["name"], json!(name));
        assert!(
            result["ok"] == json!(true),
            "{name}: Mermaid rejects the export: {}",
            result["error"]
        );
        let scope = Scope::new(registry, options);
        let mermaid = Mermaid::new(registry, options);

        let entities = result["entities"].as_array().expect("entities");
        assert_eq!(
            entities.len(),
            scope.tables.len(),
            "{name}: one entity per table"
        );
        let names: Vec<&str> = entities
            .iter()
            .map(|e| e["name"].as_str().expect("entity name"))
            .collect();
        assert_eq!(
            names.iter().collect::<HashSet<_>>().len(),
            names.len(),
            "{name}: entity names are unique"
        );
        for (table, entity) in scope.tables.iter().zip(entities) {
            let at = format!("{name}: {}.{}", table.schema, table.name);
            assert_eq!(
                entity["name"],
                json!(mermaid.alias(&table.table_ref())),
                "{at}: entity name"
            );
            // Tables all in `public` (the importer's default schema) go by their names;
            // otherwise every entity has the qualified name as its label.
            let all_public = registry.tables.iter().all(|t| t.schema == "public");
            let want = if all_public { String::new() } else { expected_label(&format!("{}.{}", table.schema, table.name)) };
            assert_eq!(entity["label"], json!(want), "{at}: label");
            if all_public {
                assert_eq!(entity["name"], json!(table.name), "{at}: the table's own name");
            }
            let columns = scope.columns(table);
            let attributes = entity["attributes"].as_array().expect("attributes");
            assert_eq!(
                attributes.len(),
                columns.len(),
                "{at}: one attribute per column"
            );
            for (column, attribute) in columns.iter().zip(attributes) {
                let is_pk = table.primary_key.contains(&column.column);
                let keys = attribute["keys"].as_array().expect("keys");
                assert_eq!(
                    keys.contains(&json!("PK")),
                    is_pk,
                    "{at}.{}: PK marker",
                    column.column
                );
                let comment = column
                    .description
                    .as_deref()
                    .map(relata_formats::mermaid::text::read_back_comment)
                    .unwrap_or_default();
                assert_eq!(
                    attribute["comment"],
                    json!(comment),
                    "{at}.{}: comment",
                    column.column
                );
            }
        }

        let relationships = result["relationships"].as_array().expect("relationships");
        assert_eq!(
            relationships.len(),
            scope.relationships.len(),
            "{name}: one line per relationship"
        );
        let mut expected: Vec<Value> = scope
            .relationships
            .iter()
            .map(|r| {
                let dashed = r.relationship_type == RelationshipType::Logical || r.lineage_kind().is_lineage();
                let many_to_many = r.cardinality == Some(Cardinality::ManyToMany);
                json!({
                    "from": mermaid.alias(&r.parent.table_ref()),
                    "to": mermaid.alias(&r.child.table_ref()),
                    "label": expected_label(&label(r)),
                    "card_from": match (many_to_many, r.is_required) {
                        (false, true) => "ONLY_ONE",
                        (false, false) => "ZERO_OR_ONE",
                        (true, true) => "ONE_OR_MORE",
                        (true, false) => "ZERO_OR_MORE",
                    },
                    "card_to": if r.cardinality == Some(Cardinality::OneToOne) { "ZERO_OR_ONE" } else { "ZERO_OR_MORE" },
                    "line": if dashed { "NON_IDENTIFYING" } else { "IDENTIFYING" },
                })
            })
            .collect();
        let mut parsed = relationships.clone();
        parsed.sort_by_key(Value::to_string);
        expected.sort_by_key(Value::to_string);
        assert_eq!(parsed, expected, "{name}: relationships");
    }
}

/// What a name or note reads as inside Mermaid quotes: `"` → `'`, `%` → `％`, `\` → `＼`,
/// control characters → space (Mermaid's quoted tokens refuse the originals), and the space of
/// `direction TB` (a direction statement to Mermaid's lexer, even in quotes) → `_`.
fn expected_label(text: &str) -> String {
    let mut out: String = text
        .replace('"', "'")
        .replace('%', "％")
        .replace('\\', "＼")
        .chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    for direction in ["TB", "BT", "RL", "LR"] {
        out = out.replace(
            &format!("direction {direction}"),
            &format!("direction_{direction}"),
        );
    }
    out
}
