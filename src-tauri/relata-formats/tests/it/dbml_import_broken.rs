//! Broken DBML: every problem is one diagnostic with a stable code at the exact line and
//! column, and the import goes on after it (the rest of the file still imports). Random
//! mutations of valid DBML never panic.

use proptest::prelude::*;
use relata_formats::dbml::parse::{import, ImportOptions};
use relata_model::{Diagnostic, Location, Registry};
use relata_rules::RuleSet;

use crate::mutate::{apply, mutation};

fn run(text: &str) -> (Registry, Vec<Diagnostic>) {
    let now = relata_model::Timestamp::parse("2026-01-31 09:30:00+00").expect("timestamp");
    import(text, "broken.dbml", &ImportOptions::new(now), &RuleSet::named("zayaz").expect("preset"))
}

/// Valid tables every case may refer to; they follow the broken part, so each case also
/// shows that the import goes on after the problem.
const TAIL: &str = "
Table users {
  id int [pk]
  name varchar
}

Table orders {
  id int [pk]
  user_id int
  a int
  b int
}
";

/// Imports `text` + [`TAIL`] and asserts exactly one diagnostic: `code` at `line:column`,
/// with the tail's two tables imported.
fn case(text: &str, code: &str, line: u32, column: u32) -> Diagnostic {
    let full = format!("{text}{TAIL}");
    let (registry, diagnostics) = run(&full);
    assert_eq!(diagnostics.len(), 1, "one diagnostic for:\n{text}\n{diagnostics:#?}");
    let d = diagnostics.into_iter().next().expect("one");
    assert_eq!(d.code, code, "{d}");
    assert_eq!(d.location, Location::file("broken.dbml", line, column), "{d}");
    for name in ["users", "orders"] {
        assert!(registry.tables.iter().any(|t| t.name == name), "{name} still imports after:\n{text}");
    }
    d
}

#[test]
fn unclosed_brace_is_reported_where_the_next_table_starts() {
    let d = case("Table core.items {\n  id int\n\nTable core.more {\n  id int\n}\n", "D102", 4, 1);
    assert_eq!(d.message, "expected `}` to close table `core.items` opened at 1:18");
}

#[test]
fn unclosed_brace_at_the_end_of_the_file() {
    let (_, diagnostics) = run("Table a {\n  id int\n");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!((diagnostics[0].code, &diagnostics[0].location), ("D102", &Location::file("broken.dbml", 3, 1)));
}

#[test]
fn unknown_column_setting() {
    let d = case("Table t {\n  id int [pk, primary]\n}\n", "D104", 2, 15);
    assert!(d.message.contains("unknown column setting `primary`"), "{d}");
}

#[test]
fn bad_ref_endpoint() {
    case("Ref: orders > users.id\n", "D116", 1, 6);
}

#[test]
fn relation_where_an_endpoint_belongs() {
    case("Ref: orders.user_id > > users.id\n", "D116", 1, 23);
}

#[test]
fn ref_to_an_unknown_table() {
    let d = case("Ref: orders.user_id > people.id\n", "D108", 1, 23);
    assert_eq!(d.message, "no table `people` is defined");
}

#[test]
fn ref_to_an_unknown_column() {
    let d = case("Ref: orders.user_id > users.uid\n", "D109", 1, 29);
    assert_eq!(d.message, "table `public.users` has no column `uid`");
}

#[test]
fn inline_ref_to_an_unknown_column() {
    case("Table t {\n  user_id int [ref: > users.nope]\n}\n", "D109", 2, 29);
}

#[test]
fn duplicate_table() {
    // The second definition (the tail's, line 10) is the one reported and ignored.
    let d = case("Table orders {\n  id int\n}\n", "D106", 10, 7);
    assert_eq!(d.message, "table `public.orders` is defined twice (first at 1:1); this one is ignored");
}

#[test]
fn duplicate_column() {
    case("Table t {\n  id int\n  name text\n  id bigint\n}\n", "D107", 4, 3);
}

#[test]
fn composite_ref_arity_mismatch() {
    let d = case("Ref: orders.(a, b) > users.(id)\n", "D110", 1, 22);
    assert!(d.message.contains("2 column(s)"), "{d}");
}

#[test]
fn unterminated_string() {
    let d = case("Table t {\n  id int\n  Note: 'never closed\n}\n", "D101", 3, 9);
    assert!(d.message.contains("never closed"), "{d}");
}

#[test]
fn unterminated_expression() {
    case("Table t {\n  at timestamp [default: `now()]\n}\n", "D101", 2, 26);
}

#[test]
fn unclosed_block_comment() {
    let (_, diagnostics) = run("Table t {\n  id int\n}\n/* never closed\n");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!((diagnostics[0].code, &diagnostics[0].location), ("D101", &Location::file("broken.dbml", 4, 1)));
}

#[test]
fn unknown_top_level_keyword_skips_its_block() {
    let d = case("Tabel t {\n  id int\n  Note: 'x'\n}\n", "D103", 1, 1);
    assert!(d.message.starts_with("unknown element `Tabel`"), "{d}");
}

#[test]
fn unknown_action() {
    let d = case("Ref: orders.user_id > users.id [delete: explode]\n", "D105", 1, 33);
    assert!(d.message.contains("cascade, restrict"), "{d}");
}

#[test]
fn colour_that_is_not_one() {
    case("TableGroup g [color: blue] {\n  users\n}\n", "D105", 1, 15);
}

#[test]
fn table_in_two_groups() {
    case("TableGroup g1 {\n  users\n}\nTableGroup g2 {\n  orders\n  users\n}\n", "D111", 6, 3);
}

#[test]
fn unexpected_character() {
    case("Table t {\n  id int $\n}\n", "D115", 2, 10);
}

#[test]
fn column_without_a_type() {
    let d = case("Table t {\n  id [pk]\n  name text\n}\n", "D100", 2, 6);
    assert_eq!(d.message, "expected a type for column `id`, found `[`");
}

#[test]
fn unknown_table_partial() {
    case("Table t {\n  id int\n  ~base\n}\n", "D108", 3, 4);
}

#[test]
fn index_on_an_unknown_column() {
    case("Table t {\n  id int\n  indexes {\n    (id, missing) [unique]\n  }\n}\n", "D109", 4, 10);
}

#[test]
fn second_ref_between_the_same_columns() {
    case("Ref: orders.user_id > users.id\nRef: users.id < orders.user_id\n", "D113", 2, 1);
}

#[test]
fn ref_from_a_column_to_itself() {
    case("Ref: orders.id - orders.id\n", "D113", 1, 1);
}

#[test]
fn unknown_ref_setting() {
    case("Ref: orders.user_id > users.id [ondelete: cascade]\n", "D104", 1, 33);
}

#[test]
fn garbage_after_a_column() {
    case("Table t {\n  id int [pk] extra\n}\n", "D100", 2, 15);
}

/// Characters that mean something in DBML, so mutations hit the parser's corners.
const SIGNIFICANT: &[char] =
    &['{', '}', '[', ']', '(', ')', '\'', '"', '`', ':', ',', '.', '<', '>', '-', '~', '#', '/', '*', '\n', ' ', 'a', '1', '\\', 'é'];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Up to five random mutations of a valid DBML file: the import returns (no panic), and
    /// every diagnostic points inside the text.
    #[test]
    fn mutated_dbml_never_panics(mutations in proptest::collection::vec(mutation(SIGNIFICANT), 1..6)) {
        let mut text = crate::dbml_import::fixture("features.dbml");
        for m in &mutations {
            text = apply(&text, m);
        }
        let (_, diagnostics) = run(&text);
        let lines = text.split('\n').count() as u32;
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

/// A fuzz find: `use`s whose paths never repeat (`s./x`, `s./s./x`, …) and that each read the
/// same text again make a chain of files as long as the limit allows; each file's elements
/// must be expanded once, not copied into every file above it (that ran out of 2 GB).
#[test]
fn a_long_chain_of_uses_is_read_once_per_file() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/dbml/regress/use_chain_oom.dbml")).expect("the input");
    let options = ImportOptions::new(relata_model::Timestamp::parse("2026-01-31 09:30:00+00").expect("timestamp"));
    let rules = RuleSet::preset("zayaz").expect("preset");
    let files = |path: &str| if path.len() % 3 == 0 { Err("no such file".to_owned()) } else { Ok(text.clone()) };
    let (registry, diagnostics) = relata_formats::dbml::parse::import_with(&text, "fuzz.dbml", &options, &rules, &files);
    assert!(diagnostics.iter().any(|d| d.message.contains("files are used")), "the limit is said: {diagnostics:#?}");
    assert!(registry.tables.len() <= 2, "one table, however often it is brought: {}", registry.tables.len());
}
