//! relata-store compiles no SQL parser: reading and writing registries needs the storage codec,
//! not the interchange languages, and the live import's pg_dump path is given the SQL import by
//! its caller. Read from `cargo metadata`, every kind of dependency (normal, build and dev)
//! counted, as `cargo tree -p relata-store` shows them.

use std::collections::{BTreeSet, HashMap};
use std::process::Command;

use serde_json::Value;

/// A package's dependency: its id and whether it is only a dev-dependency.
struct Dep {
    id: String,
    dev_only: bool,
}

/// The packages `cargo metadata` resolves for the workspace: each package id's name and the
/// packages it depends on.
fn resolve() -> (HashMap<String, String>, HashMap<String, Vec<Dep>>) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&out.stderr));
    let metadata: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let names = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| (p["id"].as_str().expect("an id").to_owned(), p["name"].as_str().expect("a name").to_owned()))
        .collect();
    let deps = metadata["resolve"]["nodes"]
        .as_array()
        .expect("resolve nodes")
        .iter()
        .map(|n| {
            let id = n["id"].as_str().expect("an id").to_owned();
            let deps = n["deps"]
                .as_array()
                .expect("deps")
                .iter()
                .map(|d| {
                    let kinds = d["dep_kinds"].as_array().expect("dep kinds");
                    let dev_only = !kinds.is_empty() && kinds.iter().all(|k| k["kind"].as_str() == Some("dev"));
                    Dep { id: d["pkg"].as_str().expect("a package").to_owned(), dev_only }
                })
                .collect();
            (id, deps)
        })
        .collect();
    (names, deps)
}

/// The names of every package building and testing `root` compiles, itself included: its
/// dependencies of every kind, and theirs but their dev-dependencies (which only their own
/// tests build), as `cargo tree -p root` lists them.
fn reached(root: &str) -> BTreeSet<String> {
    let (names, deps) = resolve();
    let start = names.iter().find(|(_, name)| *name == root).map(|(id, _)| id.clone()).unwrap_or_else(|| panic!("no package {root}"));
    let mut seen = BTreeSet::from([start.clone()]);
    let mut todo = vec![start];
    while let Some(id) = todo.pop() {
        let is_root = names[&id] == root;
        for dep in deps.get(&id).into_iter().flatten().filter(|d| is_root || !d.dev_only) {
            if seen.insert(dep.id.clone()) {
                todo.push(dep.id.clone());
            }
        }
    }
    seen.iter().map(|id| names[id].clone()).collect()
}

#[test]
fn relata_store_reaches_no_sql_parser_and_no_interchange_language() {
    let store = reached("relata-store");
    // The walk is real: it finds what the store does need.
    for needed in ["relata-codec", "relata-sync", "sqlx", "csv"] {
        assert!(store.contains(needed), "relata-store should reach {needed}: {store:?}");
    }
    for absent in ["sqlparser", "relata-formats"] {
        assert!(!store.contains(absent), "relata-store reaches {absent}");
    }
    // And it would see one: relata-workspace, which reads dumps, reaches sqlparser.
    assert!(reached("relata-workspace").contains("sqlparser"));
}
