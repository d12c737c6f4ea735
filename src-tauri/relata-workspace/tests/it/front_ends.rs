//! The front ends translate; the workspace dispatches. The app and the CLI call
//! `relata-workspace` for imports and exports, so neither matches on a format itself: a
//! `match` arm, `matches!` or `if let` naming a variant of `ImportFormat`/`ExportFormat`
//! (`relata_formats::import::Format` included) in their sources is a dispatch that belongs in
//! the workspace crate.

use std::path::{Path, PathBuf};

/// The variants a front end must not dispatch on, with the paths they are spelled through.
const VARIANTS: [&str; 4] = ["Dbml", "Mermaid", "Sql", "RegistrySql"];

/// Where `text` (a file's lines) dispatches on a format: 1-based line numbers.
fn format_dispatches(text: &str) -> Vec<usize> {
    let names_variant = |line: &str| {
        line.match_indices("Format::").any(|(at, _)| {
            let rest = &line[at + "Format::".len()..];
            VARIANTS.iter().any(|v| rest.starts_with(v) && !rest[v.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_'))
        })
    };
    let dispatches = |line: &str| line.contains("=>") || line.contains("matches!(") || line.trim_start().starts_with("if let ") || line.contains(" let ") && line.contains(" else ");
    text.lines().enumerate().filter(|(_, line)| names_variant(line) && dispatches(line)).map(|(i, _)| i + 1).collect()
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn the_dispatch_check_finds_a_match_on_a_format() {
    let by_hand = "let f = match target {\n    Target::Dbml => ExportFormat::Dbml,\n    Target::Sql => ExportFormat::Sql,\n    _ => todo!(),\n};\n";
    assert_eq!(format_dispatches(by_hand), vec![2, 3]);
    assert_eq!(format_dispatches("if matches!(format, ImportFormat::Mermaid) {}"), vec![1]);
    assert_eq!(format_dispatches("    Format::Sql => Source::Sql,"), vec![1]);
    // Naming a format to build something is no dispatch; neither is a variant's prefix.
    assert!(format_dispatches("let sql = export(&registry, ExportFormat::Sql, &options, rules);").is_empty());
    assert!(format_dispatches("Some(x) => ExportFormat::SqlLike,").is_empty());
}

#[test]
fn neither_front_end_matches_on_an_import_or_export_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    let mut read = 0;
    for dir in [root.join("src"), root.join("relata-cli/src")] {
        for file in rust_files(&dir) {
            let text = std::fs::read_to_string(&file).unwrap();
            read += 1;
            found.extend(format_dispatches(&text).into_iter().map(|line| format!("{}:{line}", file.display())));
        }
    }
    assert!(read >= 20, "only {read} source files read: the front ends moved?");
    assert!(found.is_empty(), "dispatch on a format outside relata-workspace (call the workspace instead):\n{}", found.join("\n"));
}
