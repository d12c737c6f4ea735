//! Import speed: the DDL, DBML and Mermaid exports of a generated 1,000-table registry
//! (`relata_model::generate`, default seed) read back by `sql::parse::import`,
//! `dbml::parse::import` and `mermaid::parse::import`, and the same registry as a registry
//! folder read by `folder::parse_files_with_sources` (the store's load), once as Relata writes
//! it and once as a spreadsheet saves it (BOM, CRLF). Run:
//! `cargo bench -p relata-formats --bench import`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use relata_formats::import::ImportOptions;
use relata_formats::export::{export, ExportFormat, ExportOptions};
use relata_codec::folder::{self, FolderFiles, SourceFile};
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
    let printed = folder::print(&registry);
    for (name, spreadsheet) in [("folder", false), ("folder-bom-crlf", true)] {
        let files = folder_files(&printed, spreadsheet);
        let (_, diagnostics, _) = folder::parse_files_with_sources(&files);
        assert!(diagnostics.is_empty(), "{name}: the printed folder reads back cleanly: {diagnostics:?}");
        group.bench_with_input(BenchmarkId::new(name, tables), &files, |b, files| {
            b.iter(|| folder::parse_files_with_sources(files).0.tables.len())
        });
    }
    group.finish();

    // A pg_dump of real PostgreSQL 15 schemas with every construct the import models or keeps
    // (partitions, identity, CHECK/EXCLUDE, rich indexes, kept functions, views, triggers,
    // grants): the dump of tests/data/sql/pg15_features.sql, its three schemas copied under
    // new names until the script is about 5 MB.
    let dump = include_str!("../tests/data/sql/pg15_features.dump.sql");
    let copies = 5_000_000 / dump.len() + 1;
    let big: String = (0..copies).map(|n| renamed(dump, n)).collect();
    let (imported, diagnostics) = sql::parse::import(&big, "big.sql", &options, &rules);
    assert!(!diagnostics.iter().any(|d| d.is_error()), "the copies import cleanly: {:?}", diagnostics.iter().find(|d| d.is_error()));
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_with_input(BenchmarkId::new("sql-pg-dump-features", format!("{}MB-{}tables", big.len() / 1_000_000, imported.tables.len())), &big, |b, text| {
        b.iter(|| sql::parse::import(text, "big.sql", &options, &rules).0.tables.len())
    });
    group.finish();
}

/// `dump` with its schemas `app`, `billing` and `audit` renamed `app{n}`, … (every place a
/// dump names them: qualified names, `CREATE SCHEMA`, `SCHEMA` in grants and comments).
fn renamed(dump: &str, n: usize) -> String {
    let mut text = dump.to_owned();
    for schema in ["app", "billing", "audit"] {
        text = text
            .replace(&format!("{schema}."), &format!("{schema}{n}."))
            .replace(&format!("SCHEMA {schema}"), &format!("SCHEMA {schema}{n}"))
            .replace(&format!("'{schema}'"), &format!("'{schema}{n}'"));
    }
    text
}

/// The printed folder as the store hands it to the reader; with `spreadsheet`, each CSV file
/// as Excel's "CSV UTF-8" saves it: a BOM and CRLF line ends (the generated registry has no
/// line break inside a field, so every `\n` ends a record).
fn folder_files(printed: &folder::FolderOutput, spreadsheet: bool) -> FolderFiles {
    let file = |name: &str, text: &str| {
        let bytes = if spreadsheet && name.ends_with(".csv") {
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
            bytes
        } else {
            text.as_bytes().to_vec()
        };
        Some(SourceFile { path: name.to_owned(), bytes })
    };
    let [tables, signals, relationships, relata] = printed.files();
    FolderFiles {
        dir: String::new(),
        table_overview: file(tables.0, tables.1),
        signal_registry: file(signals.0, signals.1),
        relationship_registry: file(relationships.0, relationships.1),
        relata_json: file(relata.0, relata.1),
    }
}

criterion_group!(benches, imports);
criterion_main!(benches);
