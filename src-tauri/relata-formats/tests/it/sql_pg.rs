//! The SQL exports checked by their real consumer, PostgreSQL 15 (a throwaway cluster per test,
//! one database per registry): the DDL of every bundled registry, of a generated 1,000-table
//! registry and of the adversarial one applies in one transaction, and what the catalogs then
//! hold is exactly what the registry says; the registry INSERTs load into the registry DDL and
//! read back as the same registry.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use relata_codec::folder::{self, FolderText};
use relata_codec::rows::{self, Column, Kind};
use relata_formats::sql::{keywords, Ddl, Postgres, RegistryInserts};
use relata_model::generate::{adversarial, generate, GenerateOptions};
use relata_model::{IndexKey, IndexMethod, MatchType, ReferentialAction, Registry, TableRef, UniqueConstraint, Vocabulary};
use relata_rules::{shorten_identifier, RuleSet};
use relata_testkit::pg::PgCluster;

use crate::{bundled, read_folder, registries_dir};

/// PostgreSQL's identifier limit.
const LIMIT: usize = 63;

/// Every registry the exports are checked on: the bundled ones, a generated 1,000-table one
/// and the adversarial one.
fn registries() -> Vec<(String, Registry)> {
    let mut all: Vec<(String, Registry)> = bundled()
        .into_iter()
        .map(|dir| {
            let (registry, diagnostics) = folder::parse(&read_folder(&dir));
            assert!(diagnostics.is_empty(), "{}: {diagnostics:#?}", dir.display());
            (dir.file_name().expect("a folder name").to_string_lossy().into_owned(), registry)
        })
        .collect();
    all.push(("generated-1000".into(), generate(&GenerateOptions::new(1000))));
    all.push(("adversarial".into(), adversarial()));
    all
}

fn rules() -> RuleSet {
    RuleSet::preset("zayaz").expect("the zayaz preset")
}

/// A name as the DDL holds it.
fn fit(name: &str) -> String {
    shorten_identifier(name, LIMIT).into_owned()
}

/// Text as the introspection query prints it: a JSON string (PostgreSQL's `to_json`), so
/// names and comments with quotes, newlines or unicode stay on one line and compare exactly.
fn json(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

fn json_or_null(text: Option<&str>) -> String {
    text.map_or_else(|| "null".to_owned(), json)
}

/// A list of names as `json_agg` prints it.
fn json_list<S: AsRef<str>>(items: &[S]) -> String {
    format!("[{}]", items.iter().map(|i| json(i.as_ref())).collect::<Vec<_>>().join(", "))
}


/// `format_type`'s spelling of a type as the registry writes it: PostgreSQL's aliases
/// (`varchar`, `timestamptz`, `int`, …) resolved; anything else (an enum's name) as written.
fn format_type(data_type: &str) -> String {
    let trimmed = data_type.trim();
    let (base, array) = match trimmed.strip_suffix("[]") {
        Some(base) => (base.trim(), "[]"),
        None => (trimmed, ""),
    };
    let (name, modifier) = match base.find('(') {
        Some(i) => (base[..i].trim(), &base[i..]),
        None => (base, ""),
    };
    let modifier: String = modifier.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = name.to_ascii_lowercase();
    let canonical = match lower.as_str() {
        "varchar" | "character varying" => "character varying",
        "char" | "character" | "bpchar" => {
            return format!("character{}{array}", if modifier.is_empty() { "(1)" } else { &modifier });
        }
        "timestamptz" | "timestamp with time zone" => "timestamp with time zone",
        "timestamp" | "timestamp without time zone" => "timestamp without time zone",
        "timetz" | "time with time zone" => "time with time zone",
        "time" | "time without time zone" => "time without time zone",
        "int" | "int4" | "integer" => "integer",
        "int8" | "bigint" => "bigint",
        "int2" | "smallint" => "smallint",
        "bool" | "boolean" => "boolean",
        "float8" | "double precision" => "double precision",
        "float4" | "real" => "real",
        "decimal" | "numeric" => "numeric",
        _ => return trimmed.to_owned(),
    };
    format!("{canonical}{modifier}{array}")
}

/// `pg_get_expr`'s spelling of a default as the registry writes it: a bare string literal gets
/// the cast PostgreSQL adds (to the column's type without its modifier); the rest as written.
fn default_text(default: &str, data_type: &str) -> String {
    let bare_literal = default.starts_with('\'') && default.ends_with('\'') && default.len() >= 2;
    if bare_literal {
        let ty = format_type(data_type);
        let ty = match ty.find('(') {
            Some(i) => format!("{}{}", &ty[..i], &ty[ty.find(')').map_or(ty.len(), |j| j + 1)..]),
            None => ty,
        };
        format!("{default}::{ty}")
    } else {
        default.to_owned()
    }
}

fn action_code(action: ReferentialAction) -> char {
    match action {
        ReferentialAction::NoAction => 'a',
        ReferentialAction::Restrict => 'r',
        ReferentialAction::Cascade => 'c',
        ReferentialAction::SetNull => 'n',
        ReferentialAction::SetDefault => 'd',
    }
}

/// What the catalogs must hold after the DDL of `registry`, built from the registry alone
/// (with the rule set's names, shortened to 63 bytes), in the introspection's line format.
fn expected_catalog(registry: &Registry, rules: &RuleSet) -> BTreeSet<String> {
    let mut lines = BTreeSet::new();
    let present: BTreeSet<TableRef> = registry.tables.iter().map(|t| t.table_ref()).collect();
    for e in &registry.enums {
        let labels: Vec<&str> = e.values.iter().map(|v| v.name.as_str()).collect();
        lines.insert(format!("enum {} {} {}", json(&fit(&e.schema)), json(&fit(&e.name)), json_list(&labels)));
    }
    for t in &registry.tables {
        let (s, n) = (json(&fit(&t.schema)), json(&fit(&t.name)));
        lines.insert(format!("table {s} {n} comment {}", json_or_null(t.purpose.as_deref())));
        let columns = registry.columns_of(&t.table_ref());
        for (i, c) in columns.iter().enumerate() {
            lines.insert(format!(
                "column {s} {n} {} {} type {}{} default {} comment {}",
                i + 1,
                json(&fit(&c.column)),
                json(&format_type(&c.data_type)),
                if c.nullable { "" } else { " not null" },
                c.default.as_deref().map_or_else(|| "null".to_owned(), |d| json(&default_text(d, &c.data_type))),
                json_or_null(c.description.as_deref()),
            ));
        }
        let fitted = |cols: &[String]| json_list(&cols.iter().map(|c| fit(c)).collect::<Vec<_>>());
        // Keys and indexes as the exporter promises them: (name, method, leading columns,
        // unique, partial), in the order they are declared.
        let mut indexes: Vec<(String, IndexMethod, Vec<String>, bool, bool)> = Vec::new();
        if !t.primary_key.is_empty() {
            let name = fit(&format!("{}_pkey", t.name));
            lines.insert(format!("primary key {s} {n} {} {}", json(&name), fitted(&t.primary_key)));
            indexes.push((name, IndexMethod::Btree, t.primary_key.clone(), true, false));
        }
        let mut unique_sets: Vec<BTreeSet<String>> = Vec::new();
        if !t.primary_key.is_empty() {
            unique_sets.push(t.primary_key.iter().cloned().collect());
        }
        for u in &t.unique_constraints {
            let name = fit(&rules.unique_constraint_name(t, u));
            lines.insert(format!("unique {s} {n} {} {}", json(&name), fitted(&u.columns)));
            indexes.push((name, IndexMethod::Btree, u.columns.clone(), true, false));
            unique_sets.push(u.columns.iter().cloned().collect());
        }
        let mut table_indexes = Vec::new();
        for i in &t.indexes {
            let leading: Vec<String> = i
                .parts
                .iter()
                .map_while(|p| match &p.key {
                    IndexKey::Column(c) => Some(c.clone()),
                    IndexKey::Expression(_) => None,
                })
                .collect();
            let plain = leading.len() == i.parts.len();
            if i.unique && plain && i.predicate.is_none() {
                unique_sets.push(leading.iter().cloned().collect());
            }
            let method = if i.method == IndexMethod::Hash && i.parts.len() > 1 { IndexMethod::Btree } else { i.method };
            table_indexes.push((fit(&rules.index_name(t, i)), method, leading, i.unique, i.predicate.is_some()));
        }
        let mut fks: Vec<_> = registry
            .relationships
            .iter()
            .filter(|r| r.is_db_enforceable() && r.child.table_ref() == t.table_ref() && present.contains(&r.parent.table_ref()))
            .collect();
        fks.sort_by_cached_key(|r| rules.foreign_key_name(r));
        for r in &fks {
            let set: BTreeSet<String> = r.child.columns.iter().cloned().collect();
            if r.enforce_child_unique && !unique_sets.contains(&set) {
                let constraint = UniqueConstraint::new(None, r.child.columns.clone());
                let name = fit(&rules.unique_constraint_name(t, &constraint));
                lines.insert(format!("unique {s} {n} {} {}", json(&name), fitted(&r.child.columns)));
                indexes.push((name, IndexMethod::Btree, r.child.columns.clone(), true, false));
                unique_sets.push(set);
            }
        }
        indexes.extend(table_indexes);
        for r in &fks {
            lines.insert(format!(
                "foreign key {s} {n} {} {} references {} {} {} match {} delete {} update {}{}{}",
                json(&fit(&rules.foreign_key_name(r))),
                fitted(&r.child.columns),
                json(&fit(&r.parent.schema)),
                json(&fit(&r.parent.table)),
                fitted(&r.parent.columns),
                if r.match_type == MatchType::Full { 'f' } else { 's' },
                action_code(r.on_delete),
                action_code(r.on_update),
                if r.deferrable { " deferrable" } else { "" },
                if r.deferrable && r.initially_deferred { " initially deferred" } else { "" },
            ));
            if !r.create_child_index {
                continue;
            }
            // PostgreSQL's hash indexes take one column; the exporter uses B-tree for more.
            let m = match r.child_index_method {
                IndexMethod::Hash if r.child.columns.len() > 1 => IndexMethod::Btree,
                m => m,
            };
            let served = indexes.iter().any(|(_, method, leading, _, partial)| {
                !partial
                    && *method == m
                    && if m == IndexMethod::Btree { leading.starts_with(&r.child.columns) } else { *leading == r.child.columns }
            });
            if !served {
                indexes.push((fit(&rules.child_index_name(r)), m, r.child.columns.clone(), false, false));
            }
        }
        for (name, method, _, unique, partial) in indexes {
            lines.insert(format!(
                "index {s} {n} {} {}{}{}",
                json(&name),
                method.as_str(),
                if unique { " unique" } else { "" },
                if partial { " partial" } else { "" }
            ));
        }
    }
    lines
}

/// The lines only one side has, for a failure message (at most `n` of each).
pub(crate) fn difference(expected: &BTreeSet<String>, actual: &BTreeSet<String>, n: usize) -> Option<String> {
    let missing: Vec<&String> = expected.difference(actual).collect();
    let extra: Vec<&String> = actual.difference(expected).collect();
    if missing.is_empty() && extra.is_empty() {
        return None;
    }
    let show = |v: &[&String]| v.iter().take(n).map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n");
    Some(format!(
        "{} expected but not in PostgreSQL:\n{}\n  {} in PostgreSQL but not expected:\n{}",
        missing.len(),
        show(&missing),
        extra.len(),
        show(&extra)
    ))
}

#[test]
fn ddl_of_every_registry_applies_and_the_catalogs_hold_exactly_the_registry() {
    let started = Instant::now();
    let pg = PgCluster::start();
    let rules = rules();
    let mut problems = Vec::new();
    let mut timings = Vec::new();
    for (n, (name, registry)) in registries().iter().enumerate() {
        let t0 = Instant::now();
        let db = format!("ddl_{n}");
        pg.create_database(&db);
        let ddl = Ddl::new(registry, &Postgres, &rules).to_string();
        if let Err(e) = pg.psql_single_transaction(&db, &ddl) {
            problems.push(format!("{name}: PostgreSQL rejects the DDL: {e}"));
            continue;
        }
        let applied = t0.elapsed();
        let actual = pg.catalog(&db);
        let expected = expected_catalog(registry, &rules);
        if let Some(d) = difference(&expected, &actual, 15) {
            problems.push(format!("{name}: {d}"));
        }
        timings.push(format!("{name} {} tables {} lines applied in {:.2}s", registry.tables.len(), ddl.lines().count(), applied.as_secs_f64()));
    }
    drop(pg);
    eprintln!("DDL against PostgreSQL: {:.2}s in all; {}", started.elapsed().as_secs_f64(), timings.join("; "));
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The registry tables in the order their DDL is applied and read back.
pub(crate) const REGISTRY_TABLES: [(&str, &[Column]); 3] = [
    ("table_overview", rows::TABLE_OVERVIEW),
    ("signal_registry", rows::SIGNAL_REGISTRY),
    ("relationship_registry", rows::RELATIONSHIP_REGISTRY),
];

/// The query relata-store's PostgreSQL test reads registry rows back with: PostgreSQL's text
/// output is the folder's spelling but for booleans, which COPY prints as `t`/`f`.
pub(crate) fn select_in_folder_spelling(table: &str, columns: &[Column]) -> String {
    let list: Vec<String> = columns
        .iter()
        .map(|c| match c.kind {
            Kind::Bool => format!("\"{0}\"::text AS \"{0}\"", c.name),
            _ => format!("\"{}\"", c.name),
        })
        .collect();
    format!("SELECT {} FROM {table}", list.join(", "))
}

pub(crate) fn sorted_by_id(mut registry: Registry) -> Registry {
    registry.tables.sort_by_key(|t| t.id);
    registry.signals.sort_by_key(|s| s.id);
    registry.relationships.sort_by_key(|r| r.id);
    registry
}

#[test]
fn registry_inserts_load_into_the_registry_ddl_and_read_back_equal() {
    let started = Instant::now();
    let pg = PgCluster::start();
    let ddl_dir = registries_dir().join("ddl");
    let mut problems = Vec::new();
    for (n, (name, registry)) in registries().iter().enumerate() {
        let db = format!("rows_{n}");
        pg.create_database(&db);
        for (table, _) in REGISTRY_TABLES {
            let path = ddl_dir.join(format!("{table}.sql"));
            let sql = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            pg.psql(&db, &sql).unwrap_or_else(|e| panic!("PostgreSQL rejects {}: {e}", path.display()));
        }
        let inserts = RegistryInserts::new(registry, &Postgres).to_string();
        if let Err(e) = pg.psql_single_transaction(&db, &inserts) {
            problems.push(format!("{name}: PostgreSQL rejects the registry INSERTs: {e}"));
            continue;
        }
        let mut read_back: BTreeMap<&str, String> = BTreeMap::new();
        for (table, columns) in REGISTRY_TABLES {
            let csv = pg.copy_out(&db, &select_in_folder_spelling(table, columns)).expect("COPY out runs");
            read_back.insert(table, csv);
        }
        let text = FolderText {
            table_overview: read_back.remove("table_overview").expect("read"),
            signal_registry: read_back.remove("signal_registry").expect("read"),
            relationship_registry: read_back.remove("relationship_registry").expect("read"),
            // relata.json has no registry table; it travels beside the rows.
            relata_json: Some(folder::print(registry).relata_json),
        };
        let (back, diagnostics) = folder::parse(&text);
        if !diagnostics.is_empty() {
            problems.push(format!("{name}: what PostgreSQL holds does not load back: {diagnostics:#?}"));
            continue;
        }
        let (expected, actual) = (sorted_by_id(registry.clone()), sorted_by_id(back));
        for (what, equal) in [
            ("table_overview", expected.tables == actual.tables),
            ("signal_registry", expected.signals == actual.signals),
            ("relationship_registry", expected.relationships == actual.relationships),
        ] {
            if !equal {
                problems.push(format!("{name}: {what} reads back different from the registry"));
            }
        }
        if problems.is_empty() {
            assert_eq!(expected, actual, "{name}: equal row by row, so equal");
        }
    }
    drop(pg);
    eprintln!("registry INSERTs against PostgreSQL: {:.2}s", started.elapsed().as_secs_f64());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn reserved_keywords_are_the_servers_and_every_other_keyword_works_bare() {
    let pg = PgCluster::start();
    let db = "keywords";
    pg.create_database(db);
    let server = pg
        .psql(db, "SELECT catcode::text || ' ' || word FROM pg_get_keywords() ORDER BY word COLLATE \"C\";")
        .expect("pg_get_keywords runs");
    let mut reserved = Vec::new();
    let mut bare = Vec::new();
    for line in server.lines() {
        let (code, word) = line.split_once(' ').expect("code and word");
        if matches!(code, "R" | "T") {
            reserved.push(word.to_owned());
        } else {
            bare.push(word.to_owned());
        }
    }
    assert_eq!(keywords::RESERVED, reserved.iter().map(String::as_str).collect::<Vec<_>>().as_slice());
    // Every keyword as schema, table, column, constraint and type name, quoted the way the
    // exporter quotes it: the reserved ones quoted, the rest bare. (A table has a row type of
    // its name, so the enum lives in public.)
    let mut script = String::new();
    for word in reserved.iter().chain(&bare) {
        let q = |w: &str| relata_formats::sql::Dialect::quote_identifier(&Postgres, w).into_owned();
        let w = q(word);
        script.push_str(&format!(
            "CREATE SCHEMA {w}; CREATE TABLE {w}.{w} ({w} integer PRIMARY KEY); CREATE TYPE public.{w} AS ENUM ('a'); \
             CREATE TABLE {w}.{} ({w} integer, CONSTRAINT {w} FOREIGN KEY ({w}) REFERENCES {w}.{w} ({w})); \
             CREATE INDEX {} ON {w}.{w} ({w}); COMMENT ON COLUMN {w}.{w}.{w} IS 'ok';\n",
            q(&format!("{word}_child")),
            q(&format!("{word}_idx")),
        ));
    }
    pg.psql_single_transaction(db, &script).unwrap_or_else(|e| panic!("keywords as names: {e}"));
    let count = pg.psql(db, "SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema');").expect("count");
    assert_eq!(count.trim(), (2 * (reserved.len() + bare.len())).to_string());
}
