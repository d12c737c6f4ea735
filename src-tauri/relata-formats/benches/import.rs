//! Import speed: the DDL, DBML and Mermaid exports of a generated 1,000-table registry
//! (`relata_model::generate`, default seed) read back by `sql::parse::import`,
//! `dbml::parse::import` and `mermaid::parse::import`. Run:
//! `cargo bench -p relata-formats --bench import`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use relata_formats::dbml::parse::ImportOptions;
use relata_formats::export::{export, ExportFormat, ExportOptions};
use relata_formats::{dbml, mermaid, sql};
use relata_model::generate::{generate, GenerateOptions};
use relata_model::Timestamp;
use relata_rules::RuleSet;

fn imports(c: &mut Criterion) {
    let rules = RuleSet::preset("zayaz").expect("built-in preset");
    let options = ImportOptions::new(Timestamp::parse("2026-01-31 09:30:00+00").expect("a timestamp"));
    let tables = 1000;
    let registry = generate(&GenerateOptions::new(tables));
    let export_options = ExportOptions { include_inactive: true, ..ExportOptions::default() };
    let text = |format: &str| {
        let format = ExportFormat::from_name(format).expect("a format");
        export(&registry, format, &export_options, &rules)
    };
    let mut group = c.benchmark_group("import");
    group.sample_size(20);
    group.throughput(Throughput::Elements(tables as u64));
    let ddl = text("sql");
    group.bench_with_input(BenchmarkId::new("sql", tables), &ddl, |b, text| {
        b.iter(|| sql::parse::import(text, "bench.sql", &options, &rules).0.tables.len())
    });
    let dbml_text = text("dbml");
    group.bench_with_input(BenchmarkId::new("dbml", tables), &dbml_text, |b, text| {
        b.iter(|| dbml::parse::import(text, "bench.dbml", &options, &rules).0.tables.len())
    });
    let mermaid_text = text("mermaid");
    group.bench_with_input(BenchmarkId::new("mermaid", tables), &mermaid_text, |b, text| {
        b.iter(|| mermaid::parse::import(text, "bench.mmd", &options, &rules).0.tables.len())
    });
    group.finish();
}

criterion_group!(benches, imports);
criterion_main!(benches);
