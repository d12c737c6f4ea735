//! `breaking_findings`: the rule findings that make an export fail in its consumer, for the
//! formats they break and only for entries the export writes.

use relata_formats::dbml;
use relata_formats::export::{breaking_findings, export, ExportFormat, ExportOptions};
use relata_formats::dbml::parse::ImportOptions;
use relata_model::{Diagnostic, EntryRef, Location, Registry, Timestamp};
use relata_rules::RuleSet;

/// An order book whose `orders.customer_code varchar(20)` references `customers.id bigint`:
/// PostgreSQL refuses that foreign key ("incompatible types: character varying and bigint").
const MISTYPED_FK: &str = r#"
Table sales.customers {
  id bigint [pk]
  name text [not null]
}

Table sales.orders {
  id bigint [pk]
  customer_code varchar(20)
  placed_at timestamptz [not null]
}

Table billing.invoices {
  id bigint [pk]
  order_id bigint
}

Ref: sales.orders.customer_code > sales.customers.id
Ref: billing.invoices.order_id > sales.orders.id
"#;

fn rules() -> RuleSet {
    RuleSet::preset("zayaz").expect("built-in preset")
}

fn registry(text: &str) -> Registry {
    let options = ImportOptions::new(Timestamp::parse("2026-01-05 09:00:00+00").expect("a timestamp"));
    let (registry, diagnostics) = dbml::parse::import(text, "orders.dbml", &options, &rules());
    assert!(diagnostics.iter().all(|d| !d.is_error()), "the DBML imports: {diagnostics:?}");
    registry
}

fn codes(found: &[&Diagnostic]) -> Vec<&'static str> {
    found.iter().map(|d| d.code).collect()
}

fn entry(d: &Diagnostic) -> &EntryRef {
    match &d.location {
        Location::Entry { entry, .. } => entry,
        other => panic!("a finding on an entry, not {other:?}"),
    }
}

#[test]
fn a_bigint_to_varchar_foreign_key_breaks_the_sql_export_only() {
    let registry = registry(MISTYPED_FK);
    let findings = relata_rules::check(&registry, &rules());
    assert!(findings.iter().any(|d| d.code == "R303"), "the rules report R303: {findings:?}");
    let all = ExportOptions::default();

    let sql = breaking_findings(&registry, ExportFormat::Sql, &all, &findings);
    assert_eq!(codes(&sql), ["R303"], "{sql:?}");
    let relationship = registry.relationships.iter().find(|r| r.child.columns == ["customer_code"]).expect("the mistyped FK");
    assert_eq!(*entry(sql[0]), EntryRef::Relationship { id: relationship.id });
    // The DDL holds the constraint PostgreSQL refuses.
    assert!(export(&registry, ExportFormat::Sql, &all, &rules()).contains("FOREIGN KEY (customer_code)"));

    // DBML and Mermaid draw the same reference without complaint from their readers.
    assert!(breaking_findings(&registry, ExportFormat::Dbml, &all, &findings).is_empty());
    assert!(breaking_findings(&registry, ExportFormat::Mermaid, &all, &findings).is_empty());
    // The registry rows hold a relationship of any types: registries/ddl has no such CHECK.
    assert!(breaking_findings(&registry, ExportFormat::RegistrySql, &all, &findings).is_empty());
}


#[test]
fn a_finding_outside_the_exported_modules_does_not_count() {
    let registry = registry(MISTYPED_FK);
    let findings = relata_rules::check(&registry, &rules());
    let modules: Vec<String> = registry.tables.iter().map(|t| t.module.clone()).collect();
    let billing = registry.tables.iter().find(|t| t.name == "invoices").expect("invoices").module.clone();
    assert!(modules.iter().any(|m| *m != billing), "the tables are in more than one module: {modules:?}");
    // Only the billing module: the mistyped FK between two sales tables is not written.
    let options = ExportOptions { modules: vec![billing], ..ExportOptions::default() };
    assert!(breaking_findings(&registry, ExportFormat::Sql, &options, &findings).is_empty());
}

#[test]
fn an_inactive_relationship_breaks_no_sql_but_its_registry_rows_still_count() {
    let mut registry = registry(MISTYPED_FK);
    for r in &mut registry.relationships {
        r.availability = relata_model::AvailabilityStatus::Draft;
        r.initially_deferred = true;
        r.deferrable = false;
    }
    let findings = relata_rules::check(&registry, &rules());
    let all = ExportOptions::default();
    // A draft relationship is no constraint of the DDL, so its R303 does not break it.
    assert!(breaking_findings(&registry, ExportFormat::Sql, &all, &findings).is_empty());
    // registries/ddl's rr_deferrable_logic_chk refuses `initially_deferred` without `deferrable`.
    let rows = breaking_findings(&registry, ExportFormat::RegistrySql, &all, &findings);
    assert_eq!(codes(&rows), ["R312", "R312"], "{rows:?}");
}

#[test]
fn an_unregistered_primary_key_column_breaks_the_sql_export() {
    let mut registry = registry(MISTYPED_FK);
    let customers = registry.tables.iter_mut().find(|t| t.name == "customers").expect("customers");
    customers.primary_key = vec!["customer_no".to_owned()];
    let findings = relata_rules::check(&registry, &rules());
    let sql = breaking_findings(&registry, ExportFormat::Sql, &ExportOptions::default(), &findings);
    assert!(codes(&sql).contains(&"R106"), "{sql:?}");
    assert!(breaking_findings(&registry, ExportFormat::Dbml, &ExportOptions::default(), &findings).is_empty());
}
