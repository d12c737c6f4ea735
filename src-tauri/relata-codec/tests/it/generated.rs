//! The synthetic registries of `relata_model::generate` have the promised shape, are
//! deterministic, and survive the registry folder format unchanged — names included.

use std::collections::{BTreeMap, HashSet};

use relata_codec::folder::{self, FolderText};
use relata_model::generate::{adversarial, generate, GenerateOptions};
use relata_model::{Registry, RelationshipType, TableRef};

/// print → parse of the folder format, asserting it reads back without a diagnostic.
fn through_folder(registry: &Registry) -> Registry {
    let out = folder::print(registry);
    let text = FolderText {
        table_overview: out.table_overview,
        signal_registry: out.signal_registry,
        relationship_registry: out.relationship_registry,
        relata_json: Some(out.relata_json),
    };
    let (back, diagnostics) = folder::parse(&text);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    back
}

#[test]
fn generated_registry_has_the_shape_of_real_erds() {
    let registry = generate(&GenerateOptions::new(1000));
    let tables = registry.tables.len();
    let joins = registry.tables.iter().filter(|t| t.name.starts_with("rl_")).count();
    assert_eq!(tables, 1000, "({joins} join tables)");
    assert!(joins >= 40, "{joins} rl_ join tables");

    let module_of: BTreeMap<TableRef, &str> = registry.tables.iter().map(|t| (t.table_ref(), t.module.as_str())).collect();
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &registry.tables {
        *sizes.entry(t.module.as_str()).or_default() += 1;
    }
    assert_eq!(sizes.len(), registry.modules.len());
    // Join tables join their module, so a module holds 5–40 generated tables plus its joins.
    let small = sizes.values().filter(|&&n| n < 5).count();
    assert!(small <= 1, "only the last module may be short: {sizes:?}");
    assert!(sizes.values().all(|&n| n <= 48), "{sizes:?}");

    let rels = &registry.relationships;
    let per_table = rels.len() as f64 / tables as f64;
    assert!((1.15..=1.5).contains(&per_table), "{per_table:.2} relationships per table");
    let across = rels.iter().filter(|r| module_of[&r.child.table_ref()] != module_of[&r.parent.table_ref()]).count();
    let share = across as f64 / rels.len() as f64;
    assert!((0.08..=0.18).contains(&share), "{:.1}% across modules", share * 100.0);
    assert!(rels.iter().any(|r| r.child.columns.len() == 2), "a composite FK");
    assert!(rels.iter().any(|r| r.child.table_ref() == r.parent.table_ref()), "a self-reference");
    assert!(rels.iter().any(|r| r.relationship_type == RelationshipType::Logical && r.lineage.is_some()), "a lineage relationship");
    assert!(rels.iter().any(|r| !r.is_db_enforceable() && r.relationship_type == RelationshipType::ForeignKey), "an inactive FK");

    // Every relationship joins existing columns, with matching types.
    let columns: HashSet<(TableRef, &str, &str)> = registry
        .signals
        .iter()
        .map(|s| (s.table.clone().expect("bound"), s.column.as_str(), s.data_type.as_str()))
        .collect();
    let type_of = |t: &TableRef, c: &str| columns.iter().find(|(tt, cc, _)| tt == t && *cc == c).map(|x| x.2);
    for r in rels.iter().take(300) {
        for (child, parent) in r.child.columns.iter().zip(&r.parent.columns) {
            let (ct, pt) = (type_of(&r.child.table_ref(), child), type_of(&r.parent.table_ref(), parent));
            assert!(ct.is_some() && ct == pt, "{}: {child} {ct:?} vs {parent} {pt:?}", r.key);
        }
    }
}

#[test]
fn generation_is_deterministic_and_seeded() {
    let options = GenerateOptions::new(200);
    assert_eq!(generate(&options), generate(&options));
    assert_ne!(generate(&options), generate(&GenerateOptions { seed: 1, ..options }));
    assert_eq!(adversarial(), adversarial());
}

#[test]
fn generated_registries_survive_the_folder_format() {
    for registry in [generate(&GenerateOptions::new(1000)), adversarial()] {
        let back = through_folder(&registry);
        assert_eq!(back, registry);
    }
}

#[test]
fn adversarial_registry_has_every_hard_name() {
    let registry = adversarial();
    let names: Vec<&str> = registry
        .tables
        .iter()
        .flat_map(|t| [t.schema.as_str(), t.name.as_str()])
        .chain(registry.signals.iter().map(|s| s.column.as_str()))
        .collect();
    let has = |pred: &dyn Fn(&str) -> bool| names.iter().any(|n| pred(n));
    assert!(has(&|n| n.contains(' ')), "a space");
    assert!(has(&|n| n.contains('"')), "a double quote");
    assert!(has(&|n| n.contains('\'')), "a single quote");
    assert!(has(&|n| n == "order") && has(&|n| n == "user"), "reserved words");
    assert!(has(&|n| !n.is_ascii()), "unicode");
    assert!(has(&|n| n.len() == 63), "a 63-byte name");
    assert!(has(&|n| n == "timestamp" || n == "text"), "a column named like a type");
}

#[test]
fn the_postgres_objects_come_on_top_of_the_plain_registry_and_survive_the_folder_format() {
    let plain = generate(&GenerateOptions::new(200));
    let rich = generate(&GenerateOptions { postgres: true, ..GenerateOptions::new(200) });
    // The plain registry's tables, ids and relationships are all there, unchanged but for the
    // columns and CHECKs added to them.
    assert_eq!(plain.relationships, rich.relationships);
    for (p, r) in plain.tables.iter().zip(&rich.tables) {
        assert_eq!((p.id, &p.name, &p.primary_key), (r.id, &r.name, &r.primary_key));
    }
    let checks = rich.tables.iter().map(|t| t.checks.len()).sum::<usize>();
    let identities = rich.signals.iter().filter(|s| s.spec.identity.is_some()).count();
    let on = |data_type: &str| rich.signals.iter().filter(|s| s.data_type == data_type).count();
    let partitioned = rich.tables.iter().filter(|t| t.partition_by.is_some()).count();
    let partitions = rich.tables.iter().filter(|t| t.partition_of.is_some()).count();
    assert_eq!(partitioned, rich.modules.len(), "a partitioned table per module");
    assert_eq!(partitions, 2 * partitioned);
    assert_eq!(rich.tables.len(), 200 + 3 * partitioned);
    for (what, count) in [("CHECKs", checks), ("identity columns", identities), ("domain columns", on("core.positive_amount")), ("composite columns", on("core.price_pair")), ("enum columns", on("core.priority"))] {
        assert!(count >= 10, "{count} {what}");
    }
    let kinds: Vec<&str> = rich.kept.iter().map(|k| k.kind.as_str()).collect();
    assert_eq!(kinds, ["domain", "type", "function"]);
    assert_eq!(through_folder(&rich), rich);
}
