//! DBML's module system: `use * from './base'` and `use { table users as u } from './base'`
//! (and `reuse`, which passes the elements on). The crate does no I/O, so the files come
//! through a [`Resolver`] the caller gives (the CLI and the app read them from disk); every
//! file is read once, named by its path joined to the folder of the file that uses it, the
//! `.dbml` extension added where the path leaves it out.
//!
//! The elements a `use` brings are spliced into the importing file where the `use` stands,
//! so the registry holds one schema, as @dbml/core's model of the files does: a table brings
//! the refs between the tables brought and its records; a table group its tables; a schema
//! every element in it. A file's `Project` stays with that file. Unlike @dbml/core, the
//! elements a used file itself uses are visible to the importing file too (plain `use` is not
//! transitive there); nothing @dbml/core accepts is refused for it.

use std::collections::{HashMap, HashSet};

use super::ast::{self, Item, Name, QualifiedName, Use, UseElement};
use super::Reporter;
use crate::codes;

/// Reads the files a DBML `use` names.
pub trait Resolver {
    /// The text of the file at `path` (the `use`'s path joined to the folder of the file
    /// that names it, like `models/base.dbml`), or why it cannot be read, in plain words.
    fn read(&self, path: &str) -> Result<String, String>;
}

impl<F: Fn(&str) -> Result<String, String>> Resolver for F {
    fn read(&self, path: &str) -> Result<String, String> {
        self(path)
    }
}

/// The resolver of a text that has no folder around it: every `use` is an error.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoFiles;

impl Resolver for NoFiles {
    fn read(&self, _path: &str) -> Result<String, String> {
        Err("this import reads no other files".to_owned())
    }
}

/// The path a `use` of `relative` in the file at `from` names: joined to `from`'s folder,
/// `.` and `..` resolved, `.dbml` added when left out.
pub fn joined(from: &str, relative: &str) -> String {
    let absolute = relative.starts_with('/');
    let folder = match from.rfind(['/', '\\']) {
        Some(i) if !absolute => &from[..=i],
        _ => "",
    };
    let whole = format!("{folder}{relative}");
    let mut parts: Vec<&str> = Vec::new();
    for part in whole.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let mut path = parts.join("/");
    if whole.starts_with('/') {
        path.insert(0, '/');
    }
    if !path.to_ascii_lowercase().ends_with(".dbml") {
        path.push_str(".dbml");
    }
    path
}

/// The most files one import reads: far more than a real project has, and a bound on a
/// chain of paths that never repeats (`./a/b` used from `a/b.dbml`, then `a/a/b.dbml`, …).
const MAX_FILES: usize = 256;

/// Every file the `use`s of `text` (at `path`) reach, each once, as (path, text): `text`
/// first, then the others in the order found. A file that cannot be read is reported at the
/// `use` that names it.
pub(super) fn read_all(text: &str, path: &str, files: &dyn Resolver, report: &mut Reporter) -> Vec<(String, String)> {
    let mut texts = vec![(path.to_owned(), text.to_owned())];
    let mut next = 0;
    while next < texts.len() {
        // The uses of one file, read with a scratch reporter: the real parse comes later.
        let wanted: Vec<(String, Name<'static>)> = {
            let mut scratch = Reporter::new(&texts[next].0);
            scratch.file = next as u16;
            let file = super::parse_with(&texts[next].1, &mut scratch);
            file.items
                .iter()
                .filter_map(|i| match i {
                    Item::Use(u) => Some((joined(&texts[next].0, &u.path.text), Name { text: u.path.text.to_string().into(), pos: u.path.pos })),
                    _ => None,
                })
                .collect()
        };
        for (target, written) in wanted {
            if texts.iter().any(|(p, _)| *p == target) {
                continue;
            }
            if texts.len() >= MAX_FILES {
                report.error(codes::D117, written.pos, format!("cannot use `{}`: more than {MAX_FILES} files are used", written.text));
                continue;
            }
            match files.read(&target) {
                Ok(text) => {
                    // Only the main file's uses are the user's own lines to point at.
                    if next == 0 {
                        report.warning(
                            codes::D118,
                            written.pos,
                            format!("`{}` ({target}) is imported into this workspace; the DBML export writes everything into one file and keeps no `use`", written.text),
                        );
                    }
                    texts.push((target, text));
                }
                Err(why) => report.error(codes::D117, written.pos, format!("cannot use `{}` ({target}): {why}", written.text)),
            }
        }
        next += 1;
    }
    texts
}

/// One file made of `files[0]` with the elements its `use`s bring spliced in where each
/// `use` stands.
pub(super) fn merge<'s>(files: &[ast::File<'s>], texts: &[(String, String)], default_schema: &str, report: &mut Reporter) -> ast::File<'s> {
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    let mut chain = vec![0];
    let mut done = HashMap::new();
    let items = expand(files, texts, 0, default_schema, &mut chain, &mut done, report);
    let items = items.into_iter().filter(|(origin, _)| seen.insert(*origin)).map(|(_, item)| item).collect();
    ast::File { items }
}

/// An element with the file and index it came from.
type Origin<'s> = ((usize, usize), Item<'s>);

/// The items of file `at`, each `use` replaced by what it brings. `chain` holds the files
/// being expanded (a cycle brings nothing new); `done` the files already expanded, so a file
/// many others use is expanded once.
fn expand<'s>(
    files: &[ast::File<'s>],
    texts: &[(String, String)],
    at: usize,
    default_schema: &str,
    chain: &mut Vec<usize>,
    done: &mut HashMap<usize, Vec<Origin<'s>>>,
    report: &mut Reporter,
) -> Vec<Origin<'s>> {
    let mut out: Vec<Origin<'s>> = Vec::new();
    // Each element once, however many of the used files bring it: without this a file that two
    // others use would be copied twice into every file above them, doubling at each level.
    let mut have: HashSet<(usize, usize)> = HashSet::new();
    for (k, item) in files[at].items.iter().enumerate() {
        match item {
            Item::Use(u) => {
                let target = joined(&texts[at].0, &u.path.text);
                // An unreadable file was reported when it was read; a cycle brings nothing new.
                let Some(index) = texts.iter().position(|(p, _)| *p == target) else { continue };
                if chain.contains(&index) {
                    continue;
                }
                let brought = match done.get(&index) {
                    Some(items) => items.clone(),
                    None => {
                        chain.push(index);
                        let items = expand(files, texts, index, default_schema, chain, done, report);
                        chain.pop();
                        done.insert(index, items.clone());
                        items
                    }
                };
                out.extend(select(brought, u, &target, default_schema, report).into_iter().filter(|(origin, _)| have.insert(*origin)));
            }
            Item::Project(_) if at != 0 => {}
            other => {
                if have.insert((at, k)) {
                    out.push(((at, k), other.clone()));
                }
            }
        }
    }
    out
}

/// The (schema, name) of a qualified name.
fn key<'a>(name: &'a QualifiedName<'_>, default_schema: &'a str) -> (&'a str, &'a str) {
    (name.schema.as_ref().map_or(default_schema, |s| &*s.text), &name.name.text)
}

/// What `u` takes of `items` (from the file at `path`): everything for `*`, else the
/// elements it names, with the refs and records of the tables taken. An element the file
/// does not have is reported.
fn select<'s>(items: Vec<Origin<'s>>, u: &Use<'s>, path: &str, default_schema: &str, report: &mut Reporter) -> Vec<Origin<'s>> {
    let Some(elements) = &u.elements else { return items };
    let mut items = items;
    // The tables renamed by `as`, for their refs and records: (schema, name) → new name.
    let renamed: Vec<((String, String), QualifiedName<'s>)> = elements
        .iter()
        .filter(|e| e.kind == "table")
        .filter_map(|e| {
            let (schema, name) = key(&e.name, default_schema);
            let alias = e.alias.clone()?;
            Some(((schema.to_owned(), name.to_owned()), QualifiedName { schema: None, name: alias }))
        })
        .collect();
    let rename = |name: &mut QualifiedName<'s>| {
        let (schema, table) = key(name, default_schema);
        if let Some((_, new)) = renamed.iter().find(|(old, _)| old.0 == schema && old.1 == table) {
            *name = new.clone();
        }
    };
    if !renamed.is_empty() {
        for (_, item) in &mut items {
            match item {
                Item::Ref(r) => {
                    rename(&mut r.left.table);
                    rename(&mut r.right.table);
                }
                Item::Records(r) => {
                    if let Some(t) = &mut r.table {
                        rename(t);
                    }
                }
                Item::Table(t) => {
                    for member in &mut t.members {
                        if let ast::Member::Column(c) = member {
                            for setting in &mut c.settings {
                                if let Some(ast::Value::Ref(_, end)) = &mut setting.value {
                                    rename(&mut end.table);
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut chosen = vec![false; items.len()];
    for element in elements {
        if !choose(&mut items, &mut chosen, element, default_schema) {
            let message = format!("`{path}` has no {} `{}` to use", element.kind, element.name);
            report.error(codes::D117, element.name.pos(), message);
        }
    }
    // The tables taken, by name and alias, for their refs and records.
    let mut tables: HashSet<(String, String)> = HashSet::new();
    let mut aliases: HashSet<String> = HashSet::new();
    for (item, _) in items.iter().zip(&chosen).filter(|(_, c)| **c) {
        if let (_, Item::Table(t)) = item {
            let (schema, name) = key(&t.name, default_schema);
            tables.insert((schema.to_owned(), name.to_owned()));
            if let Some(alias) = &t.alias {
                aliases.insert(alias.text.to_string());
            }
        }
    }
    let taken = |name: &QualifiedName<'_>| {
        let (schema, table) = key(name, default_schema);
        tables.contains(&(schema.to_owned(), table.to_owned())) || (name.schema.is_none() && aliases.contains(&*name.name.text))
    };
    for (n, (_, item)) in items.iter().enumerate() {
        match item {
            Item::Ref(r) if taken(&r.left.table) && taken(&r.right.table) => chosen[n] = true,
            Item::Records(r) if r.table.as_ref().is_some_and(taken) => chosen[n] = true,
            _ => {}
        }
    }
    items.into_iter().zip(chosen).filter(|(_, c)| *c).map(|(item, _)| item).collect()
}

/// Marks what `element` names among `items` (a table taking its alias); false when nothing.
fn choose<'s>(items: &mut [Origin<'s>], chosen: &mut [bool], element: &UseElement<'s>, default_schema: &str) -> bool {
    let wanted = key(&element.name, default_schema);
    let mut found = false;
    let mut group_tables: Vec<(String, String)> = Vec::new();
    for (n, (_, item)) in items.iter_mut().enumerate() {
        let hit = match (&*element.kind, item) {
            // `as name` is the table's name in the using file, in the default schema, as
            // @dbml/core reads it; its refs and records are renamed with it (see `select`).
            ("table", Item::Table(t)) if key(&t.name, default_schema) == wanted => {
                if let Some(alias) = &element.alias {
                    t.name = QualifiedName { schema: None, name: alias.clone() };
                }
                true
            }
            ("enum", Item::Enum(e)) => key(&e.name, default_schema) == wanted,
            ("tablepartial", Item::TablePartial(t)) => t.name.to_string() == element.name.to_string(),
            ("note", Item::StickyNote(s)) => s.name.as_ref().is_some_and(|n| n.text == element.name.name.text),
            ("tablegroup", Item::TableGroup(g)) if g.name.text == element.name.name.text => {
                group_tables.extend(g.tables.iter().map(|t| {
                    let (schema, name) = key(t, default_schema);
                    (schema.to_owned(), name.to_owned())
                }));
                true
            }
            ("schema", Item::Table(t) | Item::TablePartial(t)) => key(&t.name, default_schema).0 == element.name.to_string(),
            ("schema", Item::Enum(e)) => key(&e.name, default_schema).0 == element.name.to_string(),
            _ => false,
        };
        if hit {
            chosen[n] = true;
            found = true;
        }
    }
    // A group brings its tables.
    for (n, (_, item)) in items.iter().enumerate() {
        if let Item::Table(t) = item {
            let (schema, name) = key(&t.name, default_schema);
            if group_tables.iter().any(|(s, t)| s == schema && t == name) {
                chosen[n] = true;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::joined;

    #[test]
    fn a_use_path_is_joined_to_the_folder_of_its_file() {
        assert_eq!(joined("models/shop.dbml", "./base"), "models/base.dbml");
        assert_eq!(joined("models/shop.dbml", "../common/types.dbml"), "common/types.dbml");
        assert_eq!(joined("shop.dbml", "./a/b/../c.DBML"), "a/c.DBML");
        assert_eq!(joined("/srv/m/shop.dbml", "./base"), "/srv/m/base.dbml");
        assert_eq!(joined("/srv/m/shop.dbml", "/etc/x"), "/etc/x.dbml");
        assert_eq!(joined("shop.dbml", "../up"), "../up.dbml");
    }
}
