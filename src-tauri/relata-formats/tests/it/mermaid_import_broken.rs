//! Broken erDiagrams: every problem is one diagnostic with a stable code at the exact line and
//! column, and the import goes on after it. Random mutations of a valid diagram never panic.

use proptest::prelude::*;
use relata_formats::mermaid::parse::{import, ImportOptions};
use relata_model::{Diagnostic, Location, Registry};
use relata_rules::RuleSet;

use crate::mutate::{apply, mutation};

fn run(text: &str) -> (Registry, Vec<Diagnostic>) {
    let now = relata_model::Timestamp::parse("2026-01-31 09:30:00+00").expect("timestamp");
    import(text, "broken.mmd", &ImportOptions::new(now), &RuleSet::named("zayaz").expect("preset"))
}

/// Valid entities after the broken part, so each case also shows the import goes on.
const TAIL: &str = "
  users {
    uuid id PK
  }
  orders {
    uuid id PK
    uuid user_id FK
  }
  users ||--o{ orders : places
";

/// Imports `erDiagram\n` + `text` + [`TAIL`] (so `text` starts on line 2) and asserts exactly
/// one diagnostic: `code` at `line:column`, with the tail imported.
fn case(text: &str, code: &str, line: u32, column: u32) -> Diagnostic {
    let (registry, diagnostics) = run(&format!("erDiagram\n{text}{TAIL}"));
    assert_eq!(diagnostics.len(), 1, "one diagnostic for:\n{text}\n{diagnostics:#?}");
    let d = diagnostics.into_iter().next().expect("one");
    assert_eq!(d.code, code, "{d}");
    assert_eq!(d.location, Location::file("broken.mmd", line, column), "{d}");
    for name in ["users", "orders"] {
        assert!(registry.tables.iter().any(|t| t.name == name), "{name} still imports after:\n{text}");
    }
    assert!(registry.relationships.iter().any(|r| r.child.columns == ["user_id"]), "the tail's line imports");
    d
}

#[test]
fn a_label_that_never_closes() {
    case("  a ||--o{ b : \"oops\n", "M101", 2, 16);
}

#[test]
fn an_attribute_block_that_never_closes() {
    let (_, diagnostics) = run("erDiagram\n  a {\n    int id\n");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!((diagnostics[0].code, &diagnostics[0].location), ("M102", &Location::file("broken.mmd", 4, 1)));
    assert_eq!(diagnostics[0].message, "expected `}` to close entity `a` opened at 2:5");
}

#[test]
fn not_an_er_diagram() {
    let (registry, diagnostics) = run("%% a comment\nflowchart LR\n  a --> b\n");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!((diagnostics[0].code, &diagnostics[0].location), ("M103", &Location::file("broken.mmd", 2, 1)));
    assert!(registry.tables.is_empty());
}

#[test]
fn front_matter_that_never_closes() {
    let (_, diagnostics) = run("---\ntitle: Shop\nerDiagram\n  a\n");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!((diagnostics[0].code, &diagnostics[0].location), ("M104", &Location::file("broken.mmd", 1, 1)));
}

#[test]
fn a_direction_mermaid_does_not_know_is_two_entities_as_in_mermaid() {
    // Mermaid's lexer reads `direction up` as the entities `direction` and `up`.
    let (registry, diagnostics) = run("erDiagram\n  direction up\n");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let names: Vec<&str> = registry.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["direction", "up"]);
}

#[test]
fn an_entity_with_two_labels() {
    case("  a[\"A\"]\n  a[\"B\"]\n", "M106", 3, 5);
}

#[test]
fn two_entities_naming_one_table() {
    // Relata's printer's shape: `schema__table["schema.table"]` names the table.
    case("  s__t[\"s.t\"]\n  s__t_2[\"s.t\"]\n", "M106", 3, 10);
}

#[test]
fn an_attribute_twice() {
    case("  a {\n    int id\n    int id\n  }\n", "M107", 4, 9);
}

#[test]
fn a_key_that_is_not_pk_fk_or_uk() {
    let d = case("  a {\n    int id PX\n  }\n", "M108", 3, 12);
    assert!(d.message.starts_with("`PX` is not a key"), "{d}");
}

#[test]
fn an_attribute_without_a_name() {
    case("  a {\n    int\n  }\n", "M100", 4, 3);
}

#[test]
fn a_cardinality_mermaid_does_not_know() {
    case("  a ||--x{ b : r\n", "M100", 2, 9);
}

#[test]
fn a_line_without_its_dashes() {
    case("  a || b : r\n", "M100", 2, 8);
}

#[test]
fn a_label_without_its_colon() {
    case("  a ||--o{ b r\n", "M100", 2, 14);
}

#[test]
fn a_character_that_starts_nothing() {
    case("  ! a\n", "M100", 2, 3);
}

#[test]
fn styles_are_kept() {
    let (registry, diagnostics) = run("erDiagram\n  users\n  style users fill:#f9f\n");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(registry.mermaid.styles[0].names, ["users"]);
    assert_eq!(registry.mermaid.styles[0].styles, ["fill:#f9f"]);
}

#[test]
fn a_line_between_entities_without_columns_is_a_diagram_line_only() {
    let d = case("  a ||--o{ b : r\n", "M109", 2, 3);
    assert!(!d.is_error(), "{d}");
    assert!(d.message.contains("kept as a diagram line only"), "{d}");
    let (registry, _) = run(&format!("erDiagram\n  a ||--o{{ b : r\n{TAIL}"));
    assert!(registry.relationships.iter().all(|r| r.child.table != "b"), "no relationship is invented");
    let line = &registry.mermaid.lines[0];
    assert_eq!((line.relationship, line.left.table.as_str(), line.right.table.as_str()), (None, "a", "b"));
}

#[test]
fn many_to_many_is_reported() {
    let (registry, diagnostics) =
        run("erDiagram\n  a {\n    int id PK\n  }\n  b {\n    int id PK\n    int a_id FK\n  }\n  a }o--o{ b : r\n");
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["M111"], "{diagnostics:#?}");
    assert_eq!(diagnostics[0].location, Location::file("broken.mmd", 9, 3));
    assert_eq!(registry.relationships[0].cardinality, Some(relata_model::Cardinality::ManyToMany));
}

#[test]
fn title_and_accessibility_text_in_the_body() {
    // Mermaid has no `title` statement in an erDiagram body: `title Shop floor` is three
    // entities to its lexer. The accessibility texts are kept.
    let text = "erDiagram\n  title Shop floor\n  accTitle: The shop\n  accDescr {\n    Two tables\n  }\n  a ||--o{ b : r\n";
    let (file, diagnostics) = relata_formats::mermaid::parse::parse(text, "broken.mmd");
    assert_eq!(file.title, None);
    assert_eq!(file.statements.len(), 6);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let (registry, _) = run(text);
    assert_eq!(registry.mermaid.acc_title.as_deref(), Some("The shop"));
    assert_eq!(registry.mermaid.acc_descr.as_deref(), Some("Two tables"));
}

#[test]
fn a_multi_line_description_that_never_closes_runs_to_the_end_as_in_mermaid() {
    let (registry, diagnostics) = run("erDiagram\n  accDescr {\n    Two tables\n");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(registry.mermaid.acc_descr.as_deref(), Some("Two tables"));
}

/// Characters that mean something in erDiagrams, so mutations hit the parser's corners.
const SIGNIFICANT: &[char] =
    &['{', '}', '[', ']', '(', ')', '"', ':', ';', ',', '.', '|', 'o', '-', '%', '\n', ' ', 'a', '1', '+', 'é', '\\', '~', '`', '*', 'u', '#', '?'];

/// The diagrams mutations start from: `features.mmd` and every conformance fixture.
fn starts() -> Vec<String> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/mermaid/spec");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("spec fixtures")
        .map(|e| format!("spec/{}", e.expect("entry").file_name().to_string_lossy()))
        .collect();
    names.sort();
    names.insert(0, "features.mmd".to_owned());
    names
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Up to five random mutations of a valid diagram: the import returns (no panic), and
    /// every diagnostic points inside the text.
    #[test]
    fn mutated_mermaid_never_panics(start in 0usize..21, mutations in proptest::collection::vec(mutation(SIGNIFICANT), 1..6)) {
        let names = starts();
        let mut text = crate::mermaid_import::fixture(&names[start % names.len()]);
        for m in &mutations {
            text = apply(&text, m);
        }
        if text.is_empty() {
            return Ok(());
        }
        let (_, diagnostics) = run(&text);
        // A lone `\r` ends a line too, as in Mermaid (and in the registry folder).
        let lines = text.replace("\r\n", "\n").replace('\r', "\n").split('\n').count() as u32;
        for d in &diagnostics {
            match &d.location {
                Location::File { line, column, .. } => {
                    prop_assert!(*line >= 1 && *line <= lines && *column >= 1, "{d} outside the text");
                }
                other => prop_assert!(false, "{d}: not a file location: {other:?}"),
            }
        }
    }
}
