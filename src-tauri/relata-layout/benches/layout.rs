//! Criterion benchmarks of the layout on generated registries (`relata_model::generate`):
//! full layouts of 200 / 1,000 / 3,000 tables, re-layouts after moving or adding one table,
//! verify and the crossing count, and layout-rs's `VisualGraph` on single groups beside our
//! own placement of the same groups, which is how the layered step was chosen.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use relata_layout::{layout, quality, verify, LayoutInput, LayoutOptions, Point, RegistryOptions};
use relata_model::generate::{generate, GenerateOptions};

fn generated(tables: usize) -> LayoutInput {
    LayoutInput::from_registry(&generate(&GenerateOptions::new(tables)), &RegistryOptions::default())
}

fn full_layouts(c: &mut Criterion) {
    let options = LayoutOptions::default();
    let mut group = c.benchmark_group("layout");
    group.sample_size(20);
    for tables in [200, 1_000, 3_000] {
        let input = generated(tables);
        group.bench_function(format!("{tables} tables"), |b| b.iter(|| layout(&input, &options)));
    }
    group.finish();
}

fn relayouts(c: &mut Criterion) {
    let options = LayoutOptions::default();
    let input = generated(1_000);
    let before = layout(&input, &options);
    let mut group = c.benchmark_group("relayout at 1000 tables");
    let mut moved = input.clone();
    let r = before.tables[10];
    moved.tables[10].pin = Some(Point::new(r.x + 10.0, r.y - 4.0));
    group.bench_function("move one table", |b| b.iter(|| before.relayout(&moved, &options, &[10])));
    // A drop onto other tables of its group: the whole group is placed again.
    let mut dropped = input.clone();
    dropped.tables[10].pin = Some(Point::new(r.x + 150.0, r.y + 120.0));
    group.bench_function("move one table onto its group", |b| b.iter(|| before.relayout(&dropped, &options, &[10])));
    let mut added = input.clone();
    let mut table = added.tables[0].clone();
    table.name = "added_table".into();
    table.pin = None;
    added.tables.push(table);
    let new = added.tables.len() - 1;
    let mut edge = added.edges.iter().find(|e| e.parent == 0).cloned().unwrap_or_else(|| added.edges[0].clone());
    edge.child = new;
    edge.child_rows = vec![0];
    added.edges.push(edge);
    group.bench_function("add one table", |b| b.iter(|| before.relayout(&added, &options, &[new])));
    group.finish();
}

fn checks(c: &mut Criterion) {
    let options = LayoutOptions::default();
    let input = generated(1_000);
    let result = layout(&input, &options);
    let mut group = c.benchmark_group("checks at 1000 tables");
    group.bench_function("verify", |b| b.iter(|| verify(&input, &result, &options)));
    group.bench_function("quality (crossings)", |b| b.iter(|| quality(&result)));
    group.finish();
}

/// One module of the generated registry of 1,000 tables with about `size` tables.
fn module_of_size(size: usize) -> LayoutInput {
    let registry = generate(&GenerateOptions::new(1_000));
    let names = registry.module_names();
    let name = names
        .iter()
        .min_by_key(|m| registry.tables.iter().filter(|t| t.module == **m).count().abs_diff(size))
        .expect("modules");
    LayoutInput::from_registry(&registry, &RegistryOptions { modules: vec![(*name).to_owned()] })
}

fn layout_rs_against_ours(c: &mut Criterion) {
    use layout::backends::svg::SVGWriter;
    use layout::core::base::Orientation;
    use layout::core::geometry::Point as LrPoint;
    use layout::core::style::StyleAttr;
    use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
    use layout::topo::layout::VisualGraph;

    let options = LayoutOptions::default();
    let mut group = c.benchmark_group("one group");
    group.sample_size(10);
    for size in [10, 20, 40] {
        let input = module_of_size(size);
        let tables = input.tables.len();
        let build = || {
            let mut graph = VisualGraph::new(Orientation::LeftToRight);
            let handles: Vec<_> = input
                .tables
                .iter()
                .map(|t| {
                    let (w, h) = options.table_size(t);
                    graph.add_node(Element::create(ShapeKind::new_box(&t.name), StyleAttr::simple(), Orientation::LeftToRight, LrPoint::new(w, h)))
                })
                .collect();
            for e in &input.edges {
                if e.child != e.parent {
                    graph.add_edge(Arrow::simple(""), handles[e.parent], handles[e.child]);
                }
            }
            graph
        };
        group.bench_function(format!("layout-rs full, {tables} tables"), |b| {
            b.iter_batched(build, |mut g| g.do_it(false, false, false, &mut SVGWriter::new()), BatchSize::SmallInput)
        });
        group.bench_function(format!("layout-rs without crossing optimiser, {tables} tables"), |b| {
            b.iter_batched(build, |mut g| g.do_it(false, true, false, &mut SVGWriter::new()), BatchSize::SmallInput)
        });
        group.bench_function(format!("relata-layout, {tables} tables"), |b| b.iter(|| layout(&input, &options)));
    }
    group.finish();
}

criterion_group!(benches, full_layouts, relayouts, checks, layout_rs_against_ours);
criterion_main!(benches);
