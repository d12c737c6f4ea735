//! Kept (verbatim) objects in a migration: new ones written, changed functions, procedures and
//! views replaced, and changed domains, composite and range types dropped and made again around
//! their columns and dependants (`rebuilt_types`).

use std::collections::{HashMap, HashSet};

use relata_model::{KeptKind, KeptObject, KeptPhase, Registry, TableRef};

use crate::sql::ddl::TableObjects;
use crate::sql::{Dialect, Postgres};

use super::{manual, mentions, Migration, Script};

/// Kept statements: new ones written; changed functions, procedures and views replaced; those
/// [`rebuilt_types`] made again left alone; other changes and removals left to a person, named.
pub(super) fn kept(old: &Registry, new: &Registry, remade: &HashSet<TableRef>, rebuilt: &HashSet<KeptKey>, s: &mut Script, m: &mut Migration) {
    let key = kept_key;
    let before: HashMap<_, &KeptObject> = old.kept.iter().map(|k| (key(k), k)).collect();
    let after: HashSet<_> = new.kept.iter().map(key).collect();
    // What a view made again had: its indexes, comments, owner and grants.
    let of_remade = |k: &KeptObject| {
        k.on.as_ref().is_some_and(|on| remade.contains(on))
            || k.kind == KeptKind::Comment && remade.iter().any(|v| k.name == v.table && k.schema.as_deref().is_none_or(|s| s == v.schema))
    };
    for k in new.kept.iter().filter(|k| !rebuilt.contains(&key(k))) {
        match before.get(&key(k)) {
            Some(o) if o.sql == k.sql && !of_remade(k) => {}
            // A type or domain the tables may use is made before them.
            None if matches!(k.kind, KeptKind::Type | KeptKind::Domain) => s.creates.push(with_path(&k.sql, &k.search_path)),
            Some(_) if of_remade(k) => s.after.push(with_path(&k.sql, &k.search_path)),
            None => s.after.push(with_path(&k.sql, &k.search_path)),
            Some(_) if matches!(k.kind, KeptKind::Function | KeptKind::Procedure | KeptKind::View) => {
                s.after.push(with_path(&or_replace(&k.sql), &k.search_path));
            }
            Some(_) => manual(&mut s.after, m, format!("the {} {} changed; drop it and those that depend on it, then run: {}", k.kind.as_str(), k.name, first_line(&k.sql))),
        }
    }
    for k in old.kept.iter().filter(|k| !after.contains(&key(k))) {
        m.warnings.push(format!("the kept {} {} is gone from the new registry; the migration leaves it in the database", k.kind.as_str(), if k.name.is_empty() { first_line(&k.sql) } else { k.name.as_str() }));
    }
}

/// What identifies a kept statement on both sides: its kind, schema, name and table.
pub(super) type KeptKey = (KeptKind, Option<String>, String, Option<TableRef>);

pub(super) fn kept_key(k: &KeptObject) -> KeptKey {
    (k.kind, k.schema.clone(), k.name.clone(), k.on.clone())
}

/// Kept types and domains whose statement changed: PostgreSQL cannot replace them, so each is
/// dropped and made again with what depends on it, in dependency order. The columns that use
/// one are taken off it first (to `text`, a composite type's to `jsonb` by attribute name,
/// their defaults dropped) and put back on it once it is made again, so their rows stay;
/// kept functions, procedures (not overloaded), types, domains and views that name it are
/// dropped (in reverse source order) and made again (in the new registry's order), and its
/// comments, owners and grants written again; when anything else names it (a trigger, a
/// policy, an aggregate, an overloaded function, …), which would stop the `DROP`, nothing is
/// dropped: the change stays a manual step ([`kept`]'s) with a warning. Returns the kept
/// statements made again (by key) and whether any column was taken off a type (views are
/// then made again too).
pub(super) fn rebuilt_types(old: &Registry, new: &Registry, pairs: &[(Option<&TableObjects>, Option<&TableObjects>)], s: &mut Script, m: &mut Migration) -> (HashSet<KeptKey>, bool) {
    let after: HashMap<KeptKey, &KeptObject> = new.kept.iter().map(|k| (kept_key(k), k)).collect();
    let changed = |k: &&KeptObject| matches!(k.kind, KeptKind::Type | KeptKind::Domain) && after.get(&kept_key(k)).is_some_and(|n| n.sql != k.sql);
    let mut dropped: Vec<&KeptObject> = old.kept.iter().filter(changed).collect();
    if dropped.is_empty() {
        return (HashSet::new(), false);
    }
    // Dropped by name alone: an aggregate's DROP needs its argument types, and an overloaded
    // function's too, so those are left to a person.
    let overloaded = |k: &KeptObject| old.kept.iter().filter(|x| x.kind == k.kind && x.schema == k.schema && x.name == k.name).count() > 1;
    let droppable = |k: &KeptObject| match k.kind {
        KeptKind::Type | KeptKind::Domain | KeptKind::View | KeptKind::MaterializedView => true,
        KeptKind::Function | KeptKind::Procedure => !overloaded(k),
        _ => false,
    };
    // What names a dropped object depends on it, and so on: to a fixed point, in source order.
    let mut again: Vec<&KeptObject> = Vec::new();
    loop {
        let names: Vec<String> = dropped.iter().filter(|k| !k.name.is_empty()).map(|k| Postgres.quote_identifier(&k.name).into_owned()).collect();
        let more: Vec<&KeptObject> = old
            .kept
            .iter()
            .filter(|k| !dropped.iter().any(|d| std::ptr::eq(*d, *k)) && !again.iter().any(|d| std::ptr::eq(*d, *k)))
            .filter(|k| mentions(&k.sql, &names))
            .collect();
        if more.is_empty() {
            break;
        }
        for k in more {
            if droppable(k) {
                dropped.push(k);
            } else {
                again.push(k);
            }
        }
    }
    dropped.sort_by_key(|d| old.kept.iter().position(|k| std::ptr::eq(k, *d)));
    // Comments, owners and grants go with their object and are written again; so is what
    // belongs to a kept view that is dropped (its indexes, triggers, rules).
    let rewritten = |k: &KeptObject| {
        matches!(k.kind, KeptKind::Comment | KeptKind::Owner | KeptKind::Grant)
            || k.on.as_ref().is_some_and(|on| {
                dropped.iter().any(|d| matches!(d.kind, KeptKind::View | KeptKind::MaterializedView) && d.name == on.table && d.schema.as_deref().unwrap_or("public") == on.schema)
            })
    };
    // Anything else that depends on them would stop the DROP: then it is all a person's.
    let blocked: Vec<&KeptObject> = again.iter().copied().filter(|k| !rewritten(k)).collect();
    if !blocked.is_empty() {
        let names: Vec<String> = blocked.iter().map(|k| format!("the {} {}", k.kind.as_str(), if k.name.is_empty() { first_line(&k.sql) } else { k.name.as_str() })).collect();
        m.warnings.push(format!(
            "{} depend(s) on a changed type or domain that must be dropped and made again; Relata cannot drop and make them again itself, so that change is a manual step",
            names.join(", ")
        ));
        return (HashSet::new(), false);
    }
    let types: Vec<&KeptObject> = dropped.iter().copied().filter(|k| matches!(k.kind, KeptKind::Type | KeptKind::Domain)).collect();
    let uses = |data_type: &str, k: &KeptObject| {
        let base = data_type.trim_end_matches("[]");
        let (schema, name) = match base.rsplit_once('.') {
            Some((schema, name)) => (Some(schema.trim_matches('"')), name.trim_matches('"')),
            None => (None, base.trim_matches('"')),
        };
        name == k.name && schema.is_none_or(|x| k.schema.as_deref().unwrap_or("public") == x)
    };
    let composite = |k: &KeptObject| {
        let upper = k.sql.to_ascii_uppercase();
        upper.split_once(" AS ").is_some_and(|(_, rest)| rest.trim_start().starts_with('('))
    };
    let mut detoured = false;
    for (o, n) in pairs {
        // A partition's columns follow its parent's: PostgreSQL refuses to retype them alone.
        let Some(o) = o.filter(|o| o.table.partition_of.is_none()) else { continue };
        for oc in &o.columns {
            let Some(k) = types.iter().find(|k| uses(&oc.data_type, k)) else { continue };
            detoured = true;
            let at = format!("ALTER TABLE {} ALTER COLUMN {}", o.quoted, oc.quoted);
            if oc.signal.default.is_some() {
                s.drops.push(format!("{at} DROP DEFAULT;"));
            }
            let json = composite(k) && !oc.data_type.ends_with("[]");
            s.drops.push(if json { format!("{at} TYPE jsonb USING to_jsonb({});", oc.quoted) } else { format!("{at} TYPE text USING {}::text;", oc.quoted) });
            // Back on the type where the new registry keeps the column on it; any other change
            // of the column is its own, from the text or JSON it now holds.
            let Some(n) = n else { continue };
            let Some(nc) = n.columns.iter().find(|c| c.signal.id == oc.signal.id).or_else(|| n.columns.iter().find(|c| c.signal.column == oc.signal.column)) else { continue };
            let at = format!("ALTER TABLE {} ALTER COLUMN {}", n.quoted, nc.quoted);
            if nc.data_type == oc.data_type {
                let back = if json { format!("jsonb_populate_record(NULL::{}, {})", nc.data_type, nc.quoted) } else { format!("{}::{}", nc.quoted, nc.data_type) };
                s.columns.push(format!("{at} TYPE {} USING {back};", nc.data_type));
            } else if json {
                // The column leaves the type: from its JSON through the old attribute names.
                manual(&mut s.columns, m, format!("{}.{} leaves the composite type {} while the type changes; it holds its values as jsonb: convert them", n.quoted, nc.quoted, k.name));
            }
            if let (Some(default), true) = (&nc.signal.default, nc.signal.default == oc.signal.default) {
                s.columns.push(format!("{at} SET DEFAULT {default};"));
            }
        }
    }
    let qualified = |k: &KeptObject| match &k.schema {
        Some(schema) => format!("{}.{}", Postgres.quote_identifier(schema), Postgres.quote_identifier(&k.name)),
        None => Postgres.quote_identifier(&k.name).into_owned(),
    };
    for k in dropped.iter().rev() {
        let what = match k.kind {
            KeptKind::Type => "TYPE",
            KeptKind::Domain => "DOMAIN",
            KeptKind::Function => "FUNCTION",
            KeptKind::Procedure => "PROCEDURE",
            KeptKind::View => "VIEW",
            _ => "MATERIALIZED VIEW",
        };
        s.drops.push(format!("DROP {what} IF EXISTS {};", qualified(k)));
    }
    let mut rebuilt = HashSet::new();
    let keys: HashSet<KeptKey> = dropped.iter().chain(&again).map(|k| kept_key(k)).collect();
    let routines = new.kept.iter().any(|k| keys.contains(&kept_key(k)) && matches!(k.kind, KeptKind::Function | KeptKind::Procedure));
    if routines {
        // As the export does: a body that names a table made later is checked when called.
        s.creates.push("SET LOCAL check_function_bodies = false;".to_owned());
    }
    for k in new.kept.iter().filter(|k| keys.contains(&kept_key(k))) {
        rebuilt.insert(kept_key(k));
        if droppable(k) && k.kind.phase() == KeptPhase::BeforeTables {
            s.creates.push(with_path(&k.sql, &k.search_path));
        } else {
            s.after.push(with_path(&k.sql, &k.search_path));
        }
    }
    for k in dropped.iter().filter(|k| !after.contains_key(&kept_key(k))) {
        m.warnings.push(format!("the kept {} {} is dropped with the type it depends on, and the new registry no longer has it", k.kind.as_str(), k.name));
    }
    (rebuilt, detoured)
}

pub(super) fn first_line(sql: &str) -> &str {
    sql.lines().next().unwrap_or_default()
}

/// `CREATE FUNCTION …` as `CREATE OR REPLACE FUNCTION …`.
pub(super) fn or_replace(sql: &str) -> String {
    let upper = sql.trim_start().to_ascii_uppercase();
    if upper.starts_with("CREATE ") && !upper.starts_with("CREATE OR REPLACE ") {
        format!("CREATE OR REPLACE {}", &sql.trim_start()["CREATE ".len()..])
    } else {
        sql.to_owned()
    }
}

/// `sql;` under `search_path`, and the default again after it.
pub(super) fn with_path(sql: &str, search_path: &[String]) -> String {
    if search_path.is_empty() {
        return format!("{sql};");
    }
    let names: Vec<String> = search_path.iter().map(|s| Postgres.quote_identifier(s).into_owned()).collect();
    format!("SET search_path = {};\n{sql};\nRESET search_path;", names.join(", "))
}

pub(super) fn literal_or_null(text: Option<&str>) -> String {
    text.map_or_else(|| "NULL".to_owned(), |t| Postgres.string_literal(t))
}
