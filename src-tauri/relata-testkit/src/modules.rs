//! The module graph of a crate, read from its source: which module names which through
//! `crate::…`, `super::…` or `self::…` paths, and the cycles in it. The architecture test
//! (`tests/module_cycles.rs`) holds every crate to none, since modules that import each other
//! in a circle cannot be understood, or moved, one at a time.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A crate's modules (`crate`, `crate::export`, `crate::export::scope`, …), each with the
/// modules its code names. A module's own descendants are left out: a parent naming its
/// children is the tree, not a dependency.
pub fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    collect(src, src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|(m, _)| m.clone()).collect();
    let mut graph = BTreeMap::new();
    for (module, text) in &files {
        let code = code_of(text);
        let mut found: Vec<String> = paths(&code).iter().filter_map(|path| absolute(module, path)).collect();
        // A module brought in by `use` (`use crate::{dbml, sql};`) is then named by its last
        // segment (`dbml::parse::import(…)`): those paths count as well.
        let aliases: Vec<String> = found.iter().filter(|p| modules.contains(*p)).cloned().collect();
        for alias in aliases {
            let name = alias.rsplit("::").next().unwrap_or(&alias).to_owned();
            found.extend(bare_paths(&code, &name).into_iter().map(|rest| format!("{alias}{rest}")));
        }
        let mut names = BTreeSet::new();
        for absolute in found {
            // The longest module the path starts with is the one it names.
            let mut parts: Vec<&str> = absolute.split("::").collect();
            while !parts.is_empty() && !modules.contains(&parts.join("::")) {
                parts.pop();
            }
            let target = parts.join("::");
            if !target.is_empty() && target != *module && !target.starts_with(&format!("{module}::")) {
                names.insert(target);
            }
        }
        // A crate with both `lib.rs` and `main.rs` has two roots; their names are pooled.
        graph.entry(module.clone()).or_insert_with(BTreeSet::new).extend(names);
    }
    graph
}

/// Every cycle of `graph` (one per strongly connected component of more than one module),
/// each as its modules in order.
pub fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    for start in graph.keys() {
        if seen.contains(start) {
            continue;
        }
        if let Some(cycle) = path_back(graph, start) {
            seen.extend(cycle.iter().cloned());
            found.push(cycle);
        }
    }
    found
}

/// A path from `start` back to itself, found breadth first, or `None`.
fn path_back(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        for next in graph.get(at).into_iter().flatten() {
            if next == start {
                let mut cycle = vec![at.to_owned()];
                let mut back = at;
                while back != start {
                    back = from[back];
                    cycle.push(back.to_owned());
                }
                cycle.reverse();
                return Some(cycle);
            }
            if !from.contains_key(next.as_str()) {
                from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    None
}

/// Every `.rs` file under `dir` as its module path and text.
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("a source folder").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).expect("under the root").with_extension("");
            let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
                parts.pop();
            }
            // A binary's other roots (`bin/*.rs`) are crates of their own; only the library's tree counts.
            if parts.first().is_some_and(|p| p == "bin") {
                continue;
            }
            let module = std::iter::once("crate".to_owned()).chain(parts).collect::<Vec<_>>().join("::");
            out.push((module, std::fs::read_to_string(&path).expect("a readable source file")));
        }
    }
}

/// The code of a file without its comments and string literals, and without its inline test
/// module (whose `super` is the file itself).
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod ") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A character literal (`'"'`, `'\''`) holds no path, and its quote starts no string;
            // a lifetime (`'a`) is left alone.
            '\'' => {
                let ahead: Vec<char> = chars.clone().take(3).collect();
                let skip = match ahead.as_slice() {
                    ['\\', _, '\'', ..] => 3,
                    [x, '\'', ..] if *x != '\\' => 2,
                    _ => 0,
                };
                for _ in 0..skip {
                    chars.next();
                }
                out.push(' ');
            }
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every path starting with `crate`, `super` or `self` in `code`, with `use` groups
/// (`use crate::a::{b, c::d}`) spread into one path each.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if !code.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let starts = ["crate::", "super::", "self::"].iter().find(|p| code[i..].starts_with(**p));
        if let (Some(_), true) = (starts, i == 0 || !word(bytes[i - 1])) {
            let mut end = i;
            while end < bytes.len() && (word(bytes[end]) || bytes[end] == b':') {
                end += 1;
            }
            let prefix = code[i..end].trim_end_matches(':').to_owned();
            if code[end..].starts_with('{') {
                let close = matching(code, end);
                for item in split_top(&code[end + 1..close]) {
                    let item = item.trim();
                    if !item.is_empty() && item != "self" && item != "*" {
                        let item = item.split(" as ").next().unwrap_or(item);
                        out.extend(paths(&format!("{prefix}::{item}")).into_iter().chain(group_or_plain(&prefix, item)));
                    }
                }
                i = close;
            } else {
                out.push(prefix);
                i = end;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// What follows each `name::` in `code` that is not itself part of a longer path: the
/// `::a::b` of `name::a::b`.
fn bare_paths(code: &str, name: &str) -> Vec<String> {
    let needle = format!("{name}::");
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b':';
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    for (at, _) in code.match_indices(&needle) {
        if at > 0 && word(bytes[at - 1]) {
            continue;
        }
        let mut end = at + name.len();
        while end < bytes.len() && (word(bytes[end])) {
            end += 1;
        }
        out.push(code[at + name.len()..end].trim_end_matches(':').to_owned());
    }
    out
}

/// `prefix::item` when `item` is a plain name (nested groups are spread by `paths`).
fn group_or_plain(prefix: &str, item: &str) -> Option<String> {
    (!item.contains('{')).then(|| format!("{prefix}::{item}"))
}

/// The position of the `}` closing the `{` at `open`.
fn matching(code: &str, open: usize) -> usize {
    let mut depth = 0;
    for (at, c) in code[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + at;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// The items of a `use` group, split at its top-level commas.
fn split_top(group: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0, 0);
    for (at, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&group[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    out.push(&group[start..]);
    out
}

/// `path` as seen from `module`, starting at `crate`; `None` for a `super` above the root.
fn absolute(module: &str, path: &str) -> Option<String> {
    let mut base: Vec<&str> = module.split("::").collect();
    let mut rest: Vec<&str> = path.split("::").collect();
    match rest.first() {
        Some(&"crate") => return Some(path.to_owned()),
        Some(&"self") => {
            rest.remove(0);
        }
        _ => {
            while rest.first() == Some(&"super") {
                rest.remove(0);
                base.pop()?;
            }
        }
    }
    base.extend(rest);
    Some(base.join("::"))
}
