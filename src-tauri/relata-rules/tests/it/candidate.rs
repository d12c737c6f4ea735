//! `check_candidate`: what the canvas shows while a relationship is dragged is what the whole
//! registry's check says of that relationship once it is made.

use relata_model::{EntryRef, Location, RegistryKind};
use relata_rules::RuleSet;

/// Every relationship of a generated 1,000-table registry (and each made ill-typed), checked as
/// a candidate from its two tables, gets exactly the findings the full check reports at its key
/// — but for R309, a cycle through other tables, which only the full check can see.
#[test]
fn a_candidate_gets_the_full_checks_findings_for_its_key() {
    let mut registry = relata_model::generate::generate(&relata_model::generate::GenerateOptions::new(1000));
    // Some child columns of another type, so R303 is among the findings compared.
    let mut mistyped = 0;
    for r in registry.relationships.iter().step_by(7) {
        let child = r.child.table_ref();
        if let Some(s) = registry.signals.iter_mut().find(|s| s.table.as_ref() == Some(&child) && r.child.columns.first() == Some(&s.column)) {
            s.data_type = "boolean".to_owned();
            mistyped += 1;
        }
    }
    assert!(mistyped > 10);
    let rules = RuleSet::preset("zayaz").unwrap();
    let all = relata_rules::check(&registry, &rules);
    let mut r303 = 0;
    for r in registry.relationships.iter().take(400) {
        let entry = EntryRef::Relationship { id: r.id };
        let at_key = |d: &&relata_model::Diagnostic| {
            matches!(&d.location, Location::Entry { registry: RegistryKind::RelationshipRegistry, entry: e, .. } if *e == entry) && d.code != "R309"
        };
        let want: Vec<_> = all.iter().filter(at_key).cloned().collect();
        let got: Vec<_> = relata_rules::check_candidate(&registry, &rules, r, &[]).into_iter().filter(|d| d.code != "R309").collect();
        assert_eq!(got, want, "relationship {}", r.key);
        r303 += got.iter().filter(|d| d.code == "R303").count();
    }
    assert!(r303 > 5, "the mistyped columns were compared ({r303} R303)");
}

