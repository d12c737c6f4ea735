//! Criterion benchmark of the documentation of a generated 1,000-table registry
//! (`relata_model::generate`): Markdown pages with an SVG diagram per module, findings
//! included (the rules run once, outside the measured loop, as `relata docs` runs them once).

use criterion::{criterion_group, criterion_main, Criterion};
use relata_docs::{generate, DocsOptions, Format};
use relata_model::generate::{generate as registry, GenerateOptions};

fn docs(c: &mut Criterion) {
    let registry = registry(&GenerateOptions::new(1_000));
    let findings = relata_rules::check(&registry, &relata_rules::RuleSet::preset("zayaz").expect("the built-in preset"));
    let mut group = c.benchmark_group("docs");
    group.sample_size(10);
    for (name, format) in [("markdown", Format::Markdown), ("html", Format::Html)] {
        let options = DocsOptions { format, modules: Vec::new(), title: "generated".into() };
        group.bench_function(format!("1000 tables, {name}"), |b| b.iter(|| generate(&registry, &findings, &options)));
    }
    group.finish();
}

criterion_group!(benches, docs);
criterion_main!(benches);
