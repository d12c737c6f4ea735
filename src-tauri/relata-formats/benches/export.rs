//! Export speed on generated registries of 200, 1,000 and 3,000 tables (`relata_model::generate`,
//! default seed): each format through `relata_formats::export::export`, the function the CLI
//! and the app call. Run: `cargo bench -p relata-formats --bench export`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use relata_formats::export::{export, ExportFormat, ExportOptions};
use relata_model::generate::{generate, GenerateOptions};
use relata_rules::RuleSet;

fn exports(c: &mut Criterion) {
    let rules = RuleSet::preset("zayaz").expect("built-in preset");
    let options = ExportOptions { include_inactive: true, ..ExportOptions::default() };
    let mut group = c.benchmark_group("export");
    group.sample_size(20);
    for tables in [200, 1000, 3000] {
        let registry = generate(&GenerateOptions::new(tables));
        group.throughput(Throughput::Elements(tables as u64));
        for format in ExportFormat::ALL {
            group.bench_with_input(BenchmarkId::new(format.name(), tables), &registry, |b, registry| {
                b.iter(|| export(registry, format, &options, &rules).len())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
