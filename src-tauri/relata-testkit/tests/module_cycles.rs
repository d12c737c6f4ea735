//! No crate's modules import each other in a circle: for every Relata crate, the modules its
//! code names through `crate::`, `super::` and `self::` paths form no cycle.

use relata_testkit::modules::{cycles, graph};
use relata_testkit::registries::repo_root;

#[test]
fn no_crate_has_modules_that_import_each_other_in_a_circle() {
    let root = repo_root();
    let mut sources = vec![root.join("src-tauri/src")];
    let mut crates: Vec<_> = std::fs::read_dir(root.join("src-tauri")).expect("src-tauri").flatten().map(|e| e.path()).collect();
    crates.sort();
    sources.extend(crates.into_iter().map(|c| c.join("src")).filter(|src| src.is_dir()));
    assert!(sources.len() >= 10, "expected every crate's sources, found {sources:?}");
    let mut found = Vec::new();
    for src in &sources {
        for cycle in cycles(&graph(src)) {
            found.push(format!("{}: {}", src.strip_prefix(&root).unwrap_or(src).display(), cycle.join(" → ")));
        }
    }
    assert!(found.is_empty(), "modules that import each other in a circle:\n{}", found.join("\n"));
}

#[test]
fn the_checker_finds_a_cycle_of_siblings_and_not_a_parent_naming_its_child() {
    let dir = tempfile_dir("relata-module-cycles");
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("lib.rs", "//! Root.\nmod a;\nmod b;\nmod c;\n");
    write("a/mod.rs", "//! A.\nmod inner;\nuse self::inner::X;\nuse crate::b::Y;\n");
    write("a/inner.rs", "//! Inner.\nuse super::Z;\n");
    write("b.rs", "//! B.\nuse crate::{c::{W, V as U}};\n");
    write("d.rs", "//! D.\nuse crate::a;\nfn f() { a::inner::h(); }\n");
    write("c.rs", "//! C.\n// use crate::b::Q; a comment is no import\nfn f() { super::a::inner::g(); }\n#[cfg(test)]\nmod tests { use super::*; use crate::b::T; }\n");
    let graph = graph(&dir);
    assert_eq!(graph["crate::a"].iter().collect::<Vec<_>>(), ["crate::b"]);
    assert_eq!(graph["crate::a::inner"].iter().collect::<Vec<_>>(), ["crate::a"]);
    assert_eq!(graph["crate::c"].iter().collect::<Vec<_>>(), ["crate::a::inner"]);
    assert_eq!(graph["crate::d"].iter().collect::<Vec<_>>(), ["crate::a", "crate::a::inner"]);
    let found = cycles(&graph);
    assert_eq!(found, vec![vec!["crate::a", "crate::b", "crate::c", "crate::a::inner"].into_iter().map(String::from).collect::<Vec<_>>()]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A fresh folder under the system's temporary folder (this crate has no dependencies).
fn tempfile_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
