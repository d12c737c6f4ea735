//! Criterion benchmarks of the stores on generated registries (`relata_model::generate`) of
//! 1,000, 3,000 and 10,000 tables: a `.relata` file saved and loaded, a registry folder saved
//! and loaded, and the rules' `check` on the loaded registry. Linear means the 10,000 point
//! costs about 3.3× the 3,000 point.

use criterion::{criterion_group, criterion_main, Criterion};
use relata_model::generate::{generate, GenerateOptions};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime")
}

fn stores(c: &mut Criterion) {
    let rt = runtime();
    let rules = relata_rules::RuleSet::preset("zayaz").expect("the built-in preset");
    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    for tables in [1_000, 3_000, 10_000] {
        let registry = generate(&GenerateOptions::new(tables));
        let dir = tempfile::tempdir().expect("a temporary folder");
        let file = dir.path().join("w.relata");
        let folder = dir.path().join("folder");
        rt.block_on(relata_store::save(&file, &registry)).expect("the first save");
        relata_store::folder::save(&folder, &registry).expect("the first folder save");
        group.bench_function(format!("save .relata, {tables} tables"), |b| b.iter(|| rt.block_on(relata_store::save(&file, &registry)).expect("save")));
        group.bench_function(format!("load .relata, {tables} tables"), |b| b.iter(|| rt.block_on(relata_store::load(&file)).expect("load")));
        group.bench_function(format!("save folder, {tables} tables"), |b| b.iter(|| relata_store::folder::save(&folder, &registry).expect("save")));
        group.bench_function(format!("load folder, {tables} tables"), |b| b.iter(|| relata_store::folder::load(&folder).expect("load")));
        group.bench_function(format!("check, {tables} tables"), |b| b.iter(|| relata_rules::check(&registry, &rules)));
    }
    group.finish();
}

criterion_group!(benches, stores);
criterion_main!(benches);
