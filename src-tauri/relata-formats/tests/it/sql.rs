//! The SQL printers without a database: identifier quoting, name shortening, determinism,
//! and the DDL of one bundled registry kept as a snapshot so a change of output shows in review.

use expect_test::{expect, expect_file};
use relata_codec::folder;
use relata_formats::sql::{Ddl, Dialect, Postgres, RegistryInserts};
use relata_model::Registry;
use relata_rules::{shorten_identifier, RuleSet};

use crate::{bundled, read_folder, registries_dir};

fn load(name: &str) -> Registry {
    let (registry, diagnostics) = folder::parse(&read_folder(&registries_dir().join(name)));
    assert!(diagnostics.is_empty(), "{name}: {diagnostics:#?}");
    registry
}

fn zayaz() -> RuleSet {
    RuleSet::preset("zayaz").expect("the zayaz preset")
}

#[test]
fn identifiers_are_quoted_exactly_when_postgresql_needs_it() {
    let cases = [
        "method_id", "_x", "t2", "2t", "Order", "order", "user", "table", "check", "default", "deferrable", "left",
        "integer", "timestamp", "varchar", "between", "with space", "it's", "say \"hi\"", "größe", "dollar$",
        "",
    ];
    let printed: Vec<String> = cases.iter().map(|c| format!("{c:?} -> {}", Postgres.quote_identifier(c))).collect();
    expect![[r#"
        "method_id" -> method_id
        "_x" -> _x
        "t2" -> t2
        "2t" -> "2t"
        "Order" -> "Order"
        "order" -> "order"
        "user" -> "user"
        "table" -> "table"
        "check" -> "check"
        "default" -> "default"
        "deferrable" -> "deferrable"
        "left" -> "left"
        "integer" -> integer
        "timestamp" -> timestamp
        "varchar" -> varchar
        "between" -> between
        "with space" -> "with space"
        "it's" -> "it's"
        "say \"hi\"" -> "say ""hi"""
        "größe" -> "größe"
        "dollar$" -> "dollar$"
        "" -> """#]]
    .assert_eq(&printed.join("\n"));
}

#[test]
fn string_literals_double_single_quotes_and_keep_backslashes() {
    assert_eq!(Postgres.string_literal("it's a \\ path"), "'it''s a \\ path'");
    assert_eq!(Postgres.string_literal(""), "''");
}

#[test]
fn long_names_are_shortened_with_a_hash_never_truncated() {
    let names = [
        "fk_fact_compute_executions__ref_compute_method_registry__method_id_version",
        "fk_fact_compute_executions__ref_compute_method_registry__method_id_variant",
        "idx_a_name_of_exactly_sixty_three_bytes_which_postgresql_keeps_",
        "fk_ünïcödé_nämes_cut_on_a_character_boundary_never_inside_one_of_them",
    ];
    let printed: Vec<String> = names
        .iter()
        .map(|n| {
            let short = shorten_identifier(n, 63);
            format!("{} ({} bytes) -> {short} ({} bytes)", n, n.len(), short.len())
        })
        .collect();
    expect![[r#"
        fk_fact_compute_executions__ref_compute_method_registry__method_id_version (74 bytes) -> fk_fact_compute_executions__ref_compute_method_registr_25bfcedc (63 bytes)
        fk_fact_compute_executions__ref_compute_method_registry__method_id_variant (74 bytes) -> fk_fact_compute_executions__ref_compute_method_registr_5fa9d9e1 (63 bytes)
        idx_a_name_of_exactly_sixty_three_bytes_which_postgresql_keeps_ (63 bytes) -> idx_a_name_of_exactly_sixty_three_bytes_which_postgresql_keeps_ (63 bytes)
        fk_ünïcödé_nämes_cut_on_a_character_boundary_never_inside_one_of_them (74 bytes) -> fk_ünïcödé_nämes_cut_on_a_character_boundary_neve_eada9099 (63 bytes)"#]]
    .assert_eq(&printed.join("\n"));
}

#[test]
fn zayaz_compute_methods_ddl_snapshot() {
    let registry = load("zayaz-compute-methods");
    let ddl = Ddl::new(&registry, &Postgres, &zayaz()).to_string();
    expect_file!["../data/zayaz-compute-methods.sql"].assert_eq(&ddl);
}

#[test]
fn schema_template_ddl_snapshot() {
    // Enum types, partial and expression indexes, defaults casting to enums.
    let registry = load("schema-template");
    let ddl = Ddl::new(&registry, &Postgres, &zayaz()).to_string();
    expect_file!["../data/schema-template.sql"].assert_eq(&ddl);
}

#[test]
fn output_depends_on_the_registry_not_its_row_order() {
    for dir in bundled() {
        let (registry, _) = folder::parse(&read_folder(&dir));
        let rules = zayaz();
        let ddl = Ddl::new(&registry, &Postgres, &rules).to_string();
        assert_eq!(ddl, Ddl::new(&registry, &Postgres, &rules).to_string(), "{}", dir.display());
        let mut shuffled = registry.clone();
        shuffled.tables.reverse();
        shuffled.relationships.reverse();
        shuffled.signals.reverse();
        assert_eq!(Ddl::new(&shuffled, &Postgres, &rules).to_string(), ddl, "{}: row order changed the DDL", dir.display());
        let inserts = RegistryInserts::new(&registry, &Postgres).to_string();
        assert_eq!(inserts, RegistryInserts::new(&registry, &Postgres).to_string());
    }
}
