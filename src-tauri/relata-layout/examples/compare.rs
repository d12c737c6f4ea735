//! The benchmark helper `scripts/bench-layout` drives: writes the DOT of a generated registry,
//! times our layout of the same registry, and counts crossings of ours and of Graphviz's
//! `-Tplain` output with the same counter.
//!
//!   compare dot N FILE        write the DOT of the generated registry of N tables
//!   compare ours N            time our layout (best of 7, milliseconds) and print its figures
//!   compare crossings FILE    crossings of a `dot -Tplain` drawing

use std::time::Instant;

use relata_layout::{count_crossings, layout, quality, LayoutInput, LayoutOptions, RegistryOptions};
use relata_model::generate::{generate, GenerateOptions};

fn generated(tables: &str) -> LayoutInput {
    let tables: usize = tables.parse().expect("a table count");
    LayoutInput::from_registry(&generate(&GenerateOptions::new(tables)), &RegistryOptions::default())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["dot", n, file] => std::fs::write(file, relata_layout::dot::to_dot(&generated(n))).expect("writable DOT file"),
        ["ours", n] => {
            let input = generated(n);
            let options = LayoutOptions::default();
            let mut best = f64::INFINITY;
            let mut result = layout(&input, &options);
            for _ in 0..7 {
                let start = Instant::now();
                result = layout(&input, &options);
                best = best.min(start.elapsed().as_secs_f64() * 1000.0);
            }
            let q = quality(&result);
            let violations = relata_layout::verify(&input, &result, &options).len();
            println!(
                "tables={} edges={} ms={best:.1} crossings={} bends={} length={:.0} area_mpx={:.1} aspect={:.2} violations={violations}",
                input.tables.len(),
                input.edges.len(),
                q.crossings,
                q.bends,
                q.total_edge_length,
                q.area / 1e6,
                q.aspect_ratio
            );
        }
        ["crossings", file] => {
            let plain = std::fs::read_to_string(file).expect("readable -Tplain file");
            let lines = relata_layout::dot::plain_edges(&plain);
            let refs: Vec<&[relata_layout::Point]> = lines.iter().map(Vec::as_slice).collect();
            println!("edges={} crossings={}", lines.len(), count_crossings(&refs));
        }
        _ => {
            eprintln!("usage: compare dot N FILE | compare ours N | compare crossings FILE");
            std::process::exit(2);
        }
    }
}
