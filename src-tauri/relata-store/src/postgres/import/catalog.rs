//! Live import: a PostgreSQL database's catalog (`pg_catalog`, exact where
//! `information_schema` is not) read into a registry shaped so that Relata's own DDL export
//! prints the same catalog back: every constraint and index keeps its name, foreign keys
//! become active `foreign_key` relationships enforced `auto` in one database (what the DDL
//! printer turns into FKs), indexes are the tables' own indexes (so no child index is
//! invented), UNIQUE constraints the tables' unique constraints, enum types the registry's.

use std::collections::{BTreeMap, HashMap, HashSet};

use relata_formats::dbml::parse::ids;
use relata_model::{
    Cardinality, Diagnostic, EnumType, EnumValue, Index, IndexMethod, IndexPart, Location, MatchType, ReferentialAction, Registry,
    RegistryKind, Relationship, RelationshipEnd, Signal, SignalRole, Table, TableStatus, Timestamp, UniqueConstraint, Vocabulary,
};
use relata_rules::{shorten_identifier, RuleSet};
use sqlx::postgres::PgConnection;
use sqlx::Connection;

use super::Database;
use crate::error::StoreError;

/// The `db_engine` imported tables and relationships carry.
pub const DB_ENGINE: &str = "aurora_postgres";

/// Diagnostic codes of the live import (`P1xx`).
pub mod codes {
    /// A primary key whose name is not `{table}_pkey`: the export will name it that way.
    pub const P101: &str = "P101";
    /// An index whose access method the registry has no word for (skipped).
    pub const P102: &str = "P102";
    /// A CHECK or EXCLUDE constraint: the registry has no place for it (not imported).
    pub const P103: &str = "P103";
    /// An identity or generated column: imported as a plain column.
    pub const P104: &str = "P104";
}

/// What to import and how to name it.
#[derive(Debug, Clone)]
pub struct ImportOptions<'a> {
    /// Only these schemas; empty means every schema but PostgreSQL's own.
    pub schemas: Vec<String>,
    /// `created_at`/`updated_at` of every imported row (the library has no clock).
    pub now: Timestamp,
    /// Gives the relationship keys (`names.relationship_key`).
    pub rules: &'a RuleSet,
}

/// A stage of the import, for progress reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Connecting to the server.
    Connecting,
    /// Schemas found.
    Schemas,
    /// Tables found.
    Tables,
    /// Columns read.
    Columns,
    /// Keys, unique constraints and foreign keys read.
    Constraints,
    /// Indexes read.
    Indexes,
    /// Enum types read.
    Enums,
    /// The registry is built.
    Done,
}

impl Stage {
    /// The stage as a word for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Connecting => "connecting",
            Stage::Schemas => "schemas",
            Stage::Tables => "tables",
            Stage::Columns => "columns",
            Stage::Constraints => "constraints",
            Stage::Indexes => "indexes",
            Stage::Enums => "enum types",
            Stage::Done => "done",
        }
    }
}

/// One progress report: a stage and how many things it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The stage just finished.
    pub stage: Stage,
    /// How many things of that stage were read.
    pub count: usize,
}

/// An imported registry and what could not be carried over exactly.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The registry.
    pub registry: Registry,
    /// Warnings (`P1xx`), each naming its entry.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads `database`'s schemas, tables, columns, keys, foreign keys, indexes, enum types and
/// comments into a registry, calling `progress` after each stage. Reads in one
/// repeatable-read, read-only transaction, so the catalog is one snapshot.
pub async fn import(
    database: &Database,
    options: &ImportOptions<'_>,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<Imported, StoreError> {
    progress(Progress { stage: Stage::Connecting, count: 0 });
    let mut conn = database.connect().await?;
    let e = |doing: &'static str| move |err| database.error(doing, err);
    let mut tx = conn.begin().await.map_err(e("start a transaction"))?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut *tx).await.map_err(e("start a transaction"))?;
    let catalog = read_catalog(&mut tx, options, progress).await.map_err(e("read the catalog"))?;
    tx.commit().await.map_err(e("end the transaction"))?;
    conn.close().await.map_err(e("close the connection"))?;
    let imported = build(catalog, options);
    progress(Progress { stage: Stage::Done, count: imported.registry.tables.len() });
    Ok(imported)
}

/// The catalog rows the registry is built from.
#[derive(Default)]
struct Catalog {
    database: String,
    /// (oid, schema, table, comment).
    tables: Vec<(i64, String, String, Option<String>)>,
    columns: Vec<ColumnRow>,
    constraints: Vec<ConstraintRow>,
    indexes: Vec<IndexRow>,
    /// (schema, name, labels).
    enums: Vec<(String, String, Vec<String>)>,
}

#[derive(sqlx::FromRow)]
struct ColumnRow {
    table_oid: i64,
    name: String,
    data_type: String,
    not_null: bool,
    default: Option<String>,
    comment: Option<String>,
    /// `attidentity` (`a`, `d`) or `attgenerated` (`s`); empty for a plain column.
    special: String,
}

#[derive(sqlx::FromRow)]
struct ConstraintRow {
    table_oid: i64,
    name: String,
    kind: String,
    columns: Vec<String>,
    parent_schema: Option<String>,
    parent_table: Option<String>,
    parent_columns: Vec<String>,
    match_type: String,
    on_delete: String,
    on_update: String,
    deferrable: bool,
    deferred: bool,
}

#[derive(sqlx::FromRow)]
struct IndexRow {
    table_oid: i64,
    name: String,
    method: String,
    unique: bool,
    predicate: Option<String>,
    /// `c<column>` or `e<expression>` per key part.
    parts: Vec<String>,
}

/// Schemas that are PostgreSQL's own.
const SYSTEM_SCHEMAS: &str = "n.nspname NOT IN ('pg_catalog', 'information_schema') \
     AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

async fn read_catalog(
    conn: &mut PgConnection,
    options: &ImportOptions<'_>,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<Catalog, sqlx::Error> {
    let mut catalog =
        Catalog { database: sqlx::query_scalar("SELECT current_database()::text").fetch_one(&mut *conn).await?, ..Catalog::default() };
    let sql = format!(
        "SELECT n.nspname::text FROM pg_namespace n WHERE {SYSTEM_SCHEMAS} \
         AND (cardinality($1::text[]) = 0 OR n.nspname = ANY($1::text[])) ORDER BY 1"
    );
    let schemas: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(&options.schemas).fetch_all(&mut *conn).await?;
    progress(Progress { stage: Stage::Schemas, count: schemas.len() });

    // The tables of the chosen schemas, as a condition on `c` (pg_class) and `n` (its schema).
    let of_tables = "c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY($1::text[])";
    let sql = format!(
        "SELECT c.oid::bigint, n.nspname::text, c.relname::text, obj_description(c.oid, 'pg_class') \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {of_tables} ORDER BY 2, 3"
    );
    catalog.tables = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&schemas).fetch_all(&mut *conn).await?;
    progress(Progress { stage: Stage::Tables, count: catalog.tables.len() });

    let sql = format!(
        "SELECT a.attrelid::bigint AS table_oid, a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS data_type, \
                a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default, \
                col_description(a.attrelid, a.attnum) AS comment, \
                (a.attidentity::text || a.attgenerated::text) AS special \
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
         WHERE {of_tables} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum"
    );
    catalog.columns = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&schemas).fetch_all(&mut *conn).await?;
    progress(Progress { stage: Stage::Columns, count: catalog.columns.len() });

    // Column lists in key order: unnest … WITH ORDINALITY keeps conkey's order.
    let sql = format!(
        "SELECT con.conrelid::bigint AS table_oid, con.conname::text AS name, con.contype::text AS kind, \
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord) \
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns, \
            pn.nspname::text AS parent_schema, pc.relname::text AS parent_table, \
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord) \
                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS parent_columns, \
            con.confmatchtype::text AS match_type, con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update, \
            con.condeferrable AS deferrable, con.condeferred AS deferred \
         FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN pg_class pc ON pc.oid = con.confrelid LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace \
         WHERE {of_tables} AND con.contype IN ('p', 'u', 'f', 'c', 'x') ORDER BY con.conrelid, con.conname"
    );
    catalog.constraints = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&schemas).fetch_all(&mut *conn).await?;
    progress(Progress { stage: Stage::Constraints, count: catalog.constraints.len() });

    // Indexes that no constraint owns (those come back with their constraint), key columns
    // only (not INCLUDE ones).
    let sql = format!(
        "SELECT i.indrelid::bigint AS table_oid, ic.relname::text AS name, am.amname::text AS method, \
            i.indisunique AS unique, pg_get_expr(i.indpred, i.indrelid) AS predicate, \
            ARRAY(SELECT CASE WHEN k.num = 0 THEN 'e' || pg_get_indexdef(i.indexrelid, k.ord::int, false) \
                              ELSE 'c' || a.attname::text END \
                  FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord) \
                  LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num \
                  WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS parts \
         FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam \
         JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {of_tables} AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid \
               AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')) \
         ORDER BY i.indrelid, ic.relname"
    );
    catalog.indexes = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&schemas).fetch_all(&mut *conn).await?;
    progress(Progress { stage: Stage::Indexes, count: catalog.indexes.len() });

    catalog.enums = sqlx::query_as(
        "SELECT n.nspname::text, t.typname::text, \
            ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) \
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         WHERE t.typtype = 'e' AND n.nspname = ANY($1::text[]) ORDER BY 1, 2",
    )
    .bind(&schemas)
    .fetch_all(&mut *conn)
    .await?;
    progress(Progress { stage: Stage::Enums, count: catalog.enums.len() });
    Ok(catalog)
}

/// Builds the registry from the catalog rows (no I/O).
fn build(catalog: Catalog, options: &ImportOptions<'_>) -> Imported {
    let now = &options.now;
    let mut diagnostics = Vec::new();
    let mut registry = Registry::default();
    let mut by_oid: HashMap<i64, usize> = HashMap::new();
    for (oid, schema, name, comment) in &catalog.tables {
        by_oid.insert(*oid, registry.tables.len());
        registry.tables.push(Table {
            id: ids::table(schema, name),
            name: name.clone(),
            prefix: None,
            schema: schema.clone(),
            module: schema.clone(),
            status: TableStatus::Stable,
            purpose: comment.clone(),
            primary_key: Vec::new(),
            db_engine: DB_ENGINE.to_owned(),
            db_name: Some(catalog.database.clone()),
            owner_team: None,
            notes: None,
            created_at: now.clone(),
            updated_at: now.clone(),
            unique_constraints: Vec::new(),
            indexes: Vec::new(),
            color: None,
            primary_key_name: None,
            checks: Vec::new(),
            exclusions: Vec::new(),
            partition_by: None,
            partition_of: None,
        });
    }
    // Columns: ordinals 1..n in attnum order (dropped columns leave no gap).
    let mut ordinal: HashMap<i64, u32> = HashMap::new();
    let mut not_null: HashSet<(i64, String)> = HashSet::new();
    let mut signal_of: HashMap<(i64, String), usize> = HashMap::new();
    for ColumnRow { table_oid: oid, name: column, data_type, not_null: attnotnull, default, comment, special } in &catalog.columns {
        let Some(&t) = by_oid.get(oid) else { continue };
        let table = &registry.tables[t];
        if !special.is_empty() {
            let what = if special == "s" { "a generated column" } else { "an identity column" };
            diagnostics.push(Diagnostic::warning(
                codes::P104,
                Location::entry(RegistryKind::SignalRegistry, format!("{}.{}.{column}", table.schema, table.name), None),
                format!("`{column}` is {what}; the registry holds it as a plain column"),
            ));
        }
        let n = ordinal.entry(*oid).or_insert(0);
        *n += 1;
        let mut s = Signal::column(
            ids::signal(&table.schema, &table.name, column),
            table.table_ref(),
            column.clone(),
            *n,
            data_type.clone(),
            now.clone(),
        );
        s.nullable = !attnotnull;
        s.default = default.clone();
        s.description = comment.clone();
        if *attnotnull {
            not_null.insert((*oid, column.clone()));
        }
        signal_of.insert((*oid, column.clone()), registry.signals.len());
        registry.signals.push(s);
    }
    // Keys first, so foreign keys can tell whether their child columns are unique.
    let mut unique_sets: HashMap<i64, Vec<Vec<String>>> = HashMap::new();
    for c in catalog.constraints.iter().filter(|c| c.kind != "f") {
        let Some(&t) = by_oid.get(&c.table_oid) else { continue };
        let table = &mut registry.tables[t];
        if c.kind == "c" || c.kind == "x" {
            let what = if c.kind == "c" { "CHECK" } else { "EXCLUDE" };
            diagnostics.push(Diagnostic::warning(
                codes::P103,
                Location::entry(RegistryKind::TableOverview, format!("{}.{}", table.schema, table.name), None),
                format!("{what} constraint `{}` is not imported: the registry has no place for it", c.name),
            ));
            continue;
        }
        let mut sorted = c.columns.clone();
        sorted.sort();
        unique_sets.entry(c.table_oid).or_default().push(sorted);
        if c.kind == "p" {
            table.primary_key = c.columns.clone();
            let expected = shorten_identifier(&format!("{}_pkey", table.name), 63).into_owned();
            if c.name != expected {
                diagnostics.push(Diagnostic::warning(
                    codes::P101,
                    Location::entry(RegistryKind::TableOverview, format!("{}.{}", table.schema, table.name), Some("primary_key_columns")),
                    format!("primary key `{}` will be exported as `{expected}`: the registry does not keep primary key names", c.name),
                ));
            }
            for column in &c.columns {
                if let Some(&s) = signal_of.get(&(c.table_oid, column.clone())) {
                    registry.signals[s].role = SignalRole::Key;
                }
            }
        } else {
            table.unique_constraints.push(UniqueConstraint::new(Some(c.name.clone()), c.columns.clone()));
        }
    }
    let mut keys: HashSet<String> = HashSet::new();
    for c in catalog.constraints.iter().filter(|c| c.kind == "f") {
        let Some(&t) = by_oid.get(&c.table_oid) else { continue };
        let table = &registry.tables[t];
        let (Some(parent_schema), Some(parent_table)) = (&c.parent_schema, &c.parent_table) else { continue };
        let end = |schema: &str, table: &str, columns: &[String]| RelationshipEnd {
            db_engine: DB_ENGINE.to_owned(),
            db_name: Some(catalog.database.clone()),
            schema: schema.to_owned(),
            table: table.to_owned(),
            columns: columns.to_vec(),
        };
        let child = end(&table.schema, &table.name, &c.columns);
        let parent = end(parent_schema, parent_table, &c.parent_columns);
        let mut r = Relationship::with_defaults(ids::relationship(""), String::new(), table.module.clone(), child, parent, now.clone());
        r.constraint_name = Some(c.name.clone());
        r.match_type = if c.match_type == "f" { MatchType::Full } else { MatchType::Simple };
        r.on_delete = action(&c.on_delete);
        r.on_update = action(&c.on_update);
        r.deferrable = c.deferrable;
        r.initially_deferred = c.deferred;
        // The table's own indexes were imported; the export must not add a child index.
        r.create_child_index = false;
        r.is_required = c.columns.iter().all(|col| not_null.contains(&(c.table_oid, col.clone())));
        let mut sorted = c.columns.clone();
        sorted.sort();
        let unique = unique_sets.get(&c.table_oid).is_some_and(|sets| sets.contains(&sorted));
        r.cardinality = Some(if unique { Cardinality::OneToOne } else { Cardinality::OneToMany });
        let base = options.rules.relationship_key(&r);
        let mut key = base.clone();
        let mut n = 1;
        while !keys.insert(key.clone()) {
            n += 1;
            key = format!("{base}__{n}");
        }
        r.id = ids::relationship(&key);
        r.key = key;
        registry.relationships.push(r);
    }
    for i in &catalog.indexes {
        let Some(&t) = by_oid.get(&i.table_oid) else { continue };
        let table = &mut registry.tables[t];
        let Ok(method) = IndexMethod::parse(&i.method) else {
            diagnostics.push(Diagnostic::warning(
                codes::P102,
                Location::entry(RegistryKind::TableOverview, format!("{}.{}", table.schema, table.name), None),
                format!("index `{}` uses the {} method, which the registry has no word for; it is not imported", i.name, i.method),
            ));
            continue;
        };
        let parts = i
            .parts
            .iter()
            .map(|p| match p.split_at(1) {
                ("c", column) => IndexPart::column(column),
                (_, expression) => IndexPart::expression(parenthesized(expression)),
            })
            .collect();
        table.indexes.push(Index {
            name: Some(i.name.clone()),
            parts,
            method,
            unique: i.unique,
            predicate: i.predicate.clone(),
            note: None,
            ..Index::default()
        });
    }
    let mut enums: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for (schema, name, labels) in catalog.enums {
        enums.insert((schema, name), labels);
    }
    registry.enums = enums
        .into_iter()
        .map(|((schema, name), labels)| EnumType {
            schema,
            name,
            values: labels.into_iter().map(|name| EnumValue { name, note: None }).collect(),
        })
        .collect();
    Imported { registry, diagnostics }
}

/// `pg_constraint.confdeltype`/`confupdtype` as a registry action.
fn action(code: &str) -> ReferentialAction {
    match code {
        "r" => ReferentialAction::Restrict,
        "c" => ReferentialAction::Cascade,
        "n" => ReferentialAction::SetNull,
        "d" => ReferentialAction::SetDefault,
        _ => ReferentialAction::NoAction,
    }
}

/// An index expression as an index key part must be written: a function call as it is,
/// anything else in parentheses (`CREATE INDEX … ((a + b))`).
fn parenthesized(expression: &str) -> String {
    let is_call = expression.ends_with(')')
        && expression.find('(').is_some_and(|open| {
            let name = &expression[..open];
            !name.is_empty()
                && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '"')
                && closes_at_end(&expression[open..])
        });
    if is_call {
        expression.to_owned()
    } else {
        format!("({expression})")
    }
}

/// Whether the parenthesis opening `text` closes at its last character (quotes ignored).
fn closes_at_end(text: &str) -> bool {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    return i == text.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::parenthesized;

    #[test]
    fn index_expressions_are_parenthesized_unless_they_are_calls() {
        assert_eq!(parenthesized("lower(email)"), "lower(email)");
        assert_eq!(parenthesized("(a + b)"), "((a + b))");
        assert_eq!(parenthesized("a + b"), "(a + b)");
        assert_eq!(parenthesized("lower(a) || lower(b)"), "(lower(a) || lower(b))");
    }
}
