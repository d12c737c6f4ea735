//! Diff speed: a generated 1,000-table registry (`relata_model::generate`, default seed)
//! against a copy with 100 changes (columns retyped, made optional or given defaults, tables
//! renamed, columns added and dropped), through `relata_formats::diff::changes` and
//! `diff::migration`, what `relata diff` calls. Run: `cargo bench -p relata-formats --bench diff`.

use criterion::{criterion_group, criterion_main, Criterion};
use relata_formats::diff::{changes, migration, MigrationOptions};
use relata_model::generate::{generate, GenerateOptions};
use relata_model::Registry;
use relata_rules::RuleSet;

/// `registry` with 100 changes spread over it, each of a kind a migration handles in place.
fn changed(registry: &Registry) -> Registry {
    let mut new = registry.clone();
    let step = new.signals.len() / 80;
    for (n, i) in (0..new.signals.len()).step_by(step.max(1)).take(80).enumerate() {
        let s = &mut new.signals[i];
        match n % 4 {
            0 => s.nullable = !s.nullable,
            1 => s.default = Some("0".into()),
            2 => s.description = Some(format!("Changed {n}.")),
            _ => s.data_type = "text".into(),
        }
    }
    let tables = new.tables.len();
    for n in 0..10 {
        let t = &mut new.tables[n * tables / 10];
        t.name = format!("{}_renamed", t.name);
    }
    // A renamed table's columns and relationship ends follow it, as the rename edit does.
    let renamed: Vec<(relata_model::TableRef, relata_model::TableRef)> = registry
        .tables
        .iter()
        .zip(&new.tables)
        .filter(|(a, b)| a.name != b.name)
        .map(|(a, b)| (a.table_ref(), b.table_ref()))
        .collect();
    for s in &mut new.signals {
        if let Some((_, to)) = renamed.iter().find(|(from, _)| s.table.as_ref() == Some(from)) {
            s.table = Some(to.clone());
        }
    }
    for r in &mut new.relationships {
        for end in [&mut r.child, &mut r.parent] {
            if let Some((_, to)) = renamed.iter().find(|(from, _)| end.table_ref() == *from) {
                end.table.clone_from(&to.table);
            }
        }
    }
    for n in 0..10 {
        let i = n * (new.signals.len() / 10) + 1;
        new.signals.remove(i);
    }
    new
}

fn diffs(c: &mut Criterion) {
    let rules = RuleSet::preset("zayaz").expect("built-in preset");
    let old = generate(&GenerateOptions::new(1000));
    let new = changed(&old);
    assert!(changes(&old, &new).len() >= 100, "100 changes");
    let mut group = c.benchmark_group("diff");
    group.sample_size(20);
    group.bench_function("changes/1000", |b| b.iter(|| changes(&old, &new).len()));
    group.bench_function("migration/1000", |b| b.iter(|| migration(&old, &new, &rules, &MigrationOptions::default()).sql.len()));
    group.finish();
}

criterion_group!(benches, diffs);
criterion_main!(benches);
