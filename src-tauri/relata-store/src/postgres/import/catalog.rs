//! The catalog path of the live import: `pg_catalog` read in one repeatable-read, read-only
//! snapshot into a registry shaped so that Relata's own DDL export prints the same catalog
//! back: every constraint and index keeps its name, foreign keys become active `foreign_key`
//! relationships enforced `auto` in one database (what the DDL printer turns into FKs),
//! indexes are the tables' own (so no child index is invented), with each part's collation,
//! operator class and order; CHECK and EXCLUDE constraints, identity and generated columns,
//! collations, partitioned tables and their partitions are modelled, and views and
//! materialized views are read-only tables with their columns' types and their statement from
//! `pg_get_viewdef`. Objects an extension owns are left out (they come back with
//! `CREATE EXTENSION`); functions, domains,
//! triggers, grants and the like are kept as statements ([`super::kept`]); every other object
//! (aggregates, statistics objects, other owners, …) is named in a `P106` warning.

use std::collections::{BTreeMap, HashMap, HashSet};

use relata_model::derived_ids as ids;
use relata_model::{
    Cardinality, CheckConstraint, Deferral, Diagnostic, EnumType, EnumValue, ExclusionConstraint, Identity, Index, IndexMethod, IndexPart, KeptKind,
    Location, MatchType, PartitionKey, PartitionOf, PartitionStrategy, ReferentialAction, Registry, Relationship,
    RelationshipEnd, Signal, SignalRole, Table, TableRef, TableStatus, UniqueConstraint, ViewDefinition, Vocabulary,
};
use sqlx::postgres::PgConnection;
use sqlx::Connection;

use super::kept::KeptRow;
use super::{codes, not_extension, ImportOptions, Imported, Progress, Stage, Via, DB_ENGINE};
use crate::error::StoreError;
use crate::postgres::Database;

/// Reads `database`'s catalog through `conn` (already open) into a registry, calling
/// `progress` after each stage, in one repeatable-read, read-only transaction so the
/// catalog is one snapshot.
pub async fn import(
    mut conn: PgConnection,
    database: &Database,
    options: &ImportOptions<'_>,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<Imported, StoreError> {
    let e = |doing: &'static str| move |err| database.error(doing, err);
    let mut tx = conn.begin().await.map_err(e("start a transaction"))?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut *tx).await.map_err(e("start a transaction"))?;
    // Names print qualified unless in public or pg_catalog (the export runs under the
    // default search_path, which finds both), whatever the login's own search_path is.
    sqlx::query("SET LOCAL search_path = public").execute(&mut *tx).await.map_err(e("start a transaction"))?;
    let catalog = read_catalog(&mut tx, options, progress).await.map_err(e("read the catalog"))?;
    tx.commit().await.map_err(e("end the transaction"))?;
    conn.close().await.map_err(e("close the connection"))?;
    let (registry, diagnostics) = build(catalog, options);
    Ok(Imported { registry, diagnostics, via: Via::Catalog })
}

/// The catalog rows the registry is built from.
#[derive(Default)]
struct Catalog {
    database: String,
    tables: Vec<TableRow>,
    columns: Vec<ColumnRow>,
    constraints: Vec<ConstraintRow>,
    indexes: Vec<IndexRow>,
    /// (schema, name, labels).
    enums: Vec<(String, String, Vec<String>)>,
    /// Objects this path keeps as statements.
    kept: Vec<KeptRow>,
    /// The columns of views and materialized views: (schema, view, column, type), by view
    /// and position.
    view_columns: Vec<(String, String, String, String)>,
    /// Objects this path cannot keep: (kind, name).
    others: Vec<(String, String)>,
}

#[derive(sqlx::FromRow)]
struct TableRow {
    oid: i64,
    schema: String,
    name: String,
    comment: Option<String>,
    /// `pg_get_partkeydef`: `RANGE (placed_on)`.
    partition_key: Option<String>,
    /// `pg_get_expr(relpartbound)`: `FOR VALUES …` or `DEFAULT`.
    bound: Option<String>,
    parent_schema: Option<String>,
    parent_name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ColumnRow {
    table_oid: i64,
    name: String,
    data_type: String,
    not_null: bool,
    default: Option<String>,
    comment: Option<String>,
    /// `attidentity`: `a`, `d` or empty.
    identity: String,
    /// `attgenerated`: `s` or empty.
    generated: String,
    /// A generated column's expression.
    generated_expression: Option<String>,
    /// The identity sequence's options, as `GENERATED … AS IDENTITY (…)` takes them.
    identity_options: Option<String>,
    /// The column's collation where it is not its type's.
    collation: Option<String>,
    /// `SET STORAGE` where it is not its type's.
    storage: Option<String>,
    /// `SET STATISTICS` where set.
    statistics: Option<i32>,
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
    /// `pg_get_constraintdef`.
    definition: String,
    /// A CHECK's expression.
    expression: Option<String>,
    validated: bool,
    no_inherit: bool,
    /// The columns of the constraint's index after its key (`INCLUDE`).
    include: Vec<String>,
    nulls_not_distinct: bool,
}

#[derive(sqlx::FromRow)]
struct IndexRow {
    table_oid: i64,
    name: String,
    method: String,
    unique: bool,
    predicate: Option<String>,
    /// Per key part: `c<column>` or `e<expression>`.
    parts: Vec<String>,
    /// Per key part: the collation where it is not the key's own, else empty.
    collations: Vec<String>,
    /// Per key part: the operator class where it is not the type's default, else empty.
    opclasses: Vec<String>,
    /// Per key part: `pg_index.indoption` (1: DESC, 2: NULLS FIRST).
    options: Vec<i16>,
    include: Vec<String>,
    nulls_not_distinct: bool,
    with: Option<String>,
}

/// Schemas that are PostgreSQL's own, as a condition on `n` (pg_namespace).
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
        "SELECT n.nspname::text FROM pg_namespace n WHERE {SYSTEM_SCHEMAS} AND {} \
         AND (cardinality($1::text[]) = 0 OR n.nspname = ANY($1::text[])) ORDER BY 1",
        not_extension("n.oid", "pg_namespace")
    );
    let schemas: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(&options.schemas).fetch_all(&mut *conn).await?;
    progress(Progress { stage: Stage::Schemas, count: schemas.len() });

    // The tables of the chosen schemas (partitions included, what extensions own left out),
    // as a condition on `c` (pg_class) and `n` (its schema).
    let of_tables = format!("c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[]) AND {}", not_extension("c.oid", "pg_class"));
    let sql = format!(
        "SELECT c.oid::bigint AS oid, n.nspname::text AS schema, c.relname::text AS name, obj_description(c.oid, 'pg_class') AS comment, \
            pg_get_partkeydef(c.oid) AS partition_key, pg_get_expr(c.relpartbound, c.oid) AS bound, \
            pn.nspname::text AS parent_schema, pc.relname::text AS parent_name \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN pg_inherits h ON c.relispartition AND h.inhrelid = c.oid \
         LEFT JOIN pg_class pc ON pc.oid = h.inhparent LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace \
         WHERE {of_tables} ORDER BY 2, 3"
    );
    catalog.tables = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&schemas).fetch_all(&mut *conn).await?;
    progress(Progress { stage: Stage::Tables, count: catalog.tables.len() });

    // Identity options spelled out in full, so the re-created sequence is the same.
    let sql = format!(
        "SELECT a.attrelid::bigint AS table_oid, a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS data_type, \
                a.attnotnull AS not_null, CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default, \
                col_description(a.attrelid, a.attnum) AS comment, a.attidentity::text AS identity, a.attgenerated::text AS generated, \
                CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generated_expression, \
                (SELECT 'SEQUENCE NAME ' || s.seqrelid::regclass::text || ' START WITH ' || s.seqstart || ' INCREMENT BY ' || s.seqincrement \
                        || ' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax || ' CACHE ' || s.seqcache \
                        || CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END \
                 FROM pg_depend dep JOIN pg_sequence s ON s.seqrelid = dep.objid \
                 WHERE a.attidentity <> '' AND dep.classid = 'pg_class'::regclass AND dep.refobjid = a.attrelid \
                   AND dep.refobjsubid = a.attnum AND dep.deptype = 'i' LIMIT 1) AS identity_options, \
                CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END AS collation, \
                CASE WHEN a.attstorage <> t.typstorage THEN CASE a.attstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' \
                     WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END END AS storage, \
                CASE WHEN a.attstattarget >= 0 THEN a.attstattarget::int END AS statistics \
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_type t ON t.oid = a.atttypid \
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
         WHERE {of_tables} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum"
    );
    catalog.columns = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&schemas).fetch_all(&mut *conn).await?;
    // A view's columns with the types PostgreSQL gave them (its statement is kept below).
    let sql = format!(
        "SELECT n.nspname::text, c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod) \
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY($1::text[]) AND {} AND a.attnum > 0 AND NOT a.attisdropped \
         ORDER BY c.oid, a.attnum",
        not_extension("c.oid", "pg_class")
    );
    catalog.view_columns = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&schemas).fetch_all(&mut *conn).await?;
    progress(Progress { stage: Stage::Columns, count: catalog.columns.len() + catalog.view_columns.len() });

    // Keys, unique and foreign keys a partition inherits from its parent (conparentid) come
    // back when the partition is attached: only the table's own are read. Its CHECKs are
    // read inherited or not, as pg_dump writes them: ATTACH PARTITION wants them there. Column lists in key
    // order: unnest … WITH ORDINALITY keeps conkey's order.
    let sql = format!(
        "SELECT con.conrelid::bigint AS table_oid, con.conname::text AS name, con.contype::text AS kind, \
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord) \
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns, \
            pn.nspname::text AS parent_schema, pc.relname::text AS parent_table, \
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord) \
                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS parent_columns, \
            con.confmatchtype::text AS match_type, con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update, \
            con.condeferrable AS deferrable, con.condeferred AS deferred, pg_get_constraintdef(con.oid) AS definition, \
            CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END AS expression, \
            con.convalidated AS validated, con.connoinherit AS no_inherit, \
            ARRAY(SELECT a.attname::text FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord) \
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num \
                  WHERE i.indexrelid = con.conindid AND con.contype IN ('p', 'u') AND k.ord > i.indnkeyatts ORDER BY k.ord) AS include, \
            coalesce((SELECT (to_jsonb(i) ->> 'indnullsnotdistinct')::boolean FROM pg_index i \
                      WHERE i.indexrelid = con.conindid AND con.contype = 'u'), false) AS nulls_not_distinct \
         FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN pg_class pc ON pc.oid = con.confrelid LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace \
         WHERE {of_tables} AND con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conparentid = 0 \
               AND (con.conislocal OR (c.relispartition AND con.contype = 'c')) \
         ORDER BY con.conrelid, con.conname"
    );
    catalog.constraints = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&schemas).fetch_all(&mut *conn).await?;
    progress(Progress { stage: Stage::Constraints, count: catalog.constraints.len() });

    // Indexes that no constraint owns (those come back with their constraint). An index of a
    // partition is read too: the export attaches it to its parent's when the partition is.
    let sql = format!(
        "SELECT i.indrelid::bigint AS table_oid, ic.relname::text AS name, am.amname::text AS method, \
            i.indisunique AS unique, pg_get_expr(i.indpred, i.indrelid) AS predicate, \
            ARRAY(SELECT CASE WHEN k.num = 0 THEN 'e' || pg_get_indexdef(i.indexrelid, k.ord::int, false) \
                              ELSE 'c' || a.attname::text END \
                  FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord) \
                  LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num \
                  WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS parts, \
            ARRAY(SELECT CASE WHEN k.coll <> 0 AND k.coll IS DISTINCT FROM coalesce(a.attcollation, ia.attcollation_default) \
                              THEN k.coll::regcollation::text ELSE '' END \
                  FROM unnest(i.indcollation::oid[], i.indkey::int2[]) WITH ORDINALITY k(coll, num, ord) \
                  LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num AND k.num <> 0 \
                  LEFT JOIN LATERAL (SELECT t.typcollation AS attcollation_default FROM pg_attribute x JOIN pg_type t ON t.oid = x.atttypid \
                                     WHERE x.attrelid = i.indexrelid AND x.attnum = k.ord) ia ON true \
                  ORDER BY k.ord) AS collations, \
            ARRAY(SELECT CASE WHEN opc.opcdefault THEN '' \
                              WHEN pg_opclass_is_visible(opc.oid) THEN quote_ident(opc.opcname) \
                              ELSE quote_ident(ons.nspname) || '.' || quote_ident(opc.opcname) END \
                  FROM unnest(i.indclass::oid[]) WITH ORDINALITY k(cls, ord) JOIN pg_opclass opc ON opc.oid = k.cls \
                  JOIN pg_namespace ons ON ons.oid = opc.opcnamespace ORDER BY k.ord) AS opclasses, \
            ARRAY(SELECT o FROM unnest(i.indoption::int2[]) WITH ORDINALITY u(o, ord) ORDER BY ord) AS options, \
            ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord) \
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num \
                  WHERE k.ord > i.indnkeyatts ORDER BY k.ord) AS include, \
            coalesce((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false) AS nulls_not_distinct, \
            array_to_string(ic.reloptions, ', ') AS with \
         FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam \
         JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {of_tables} AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid \
               AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')) \
         ORDER BY i.indrelid, ic.relname"
    );
    catalog.indexes = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&schemas).fetch_all(&mut *conn).await?;
    progress(Progress { stage: Stage::Indexes, count: catalog.indexes.len() });

    let sql = format!(
        "SELECT n.nspname::text, t.typname::text, \
            ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) \
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         WHERE t.typtype = 'e' AND n.nspname = ANY($1::text[]) AND {} ORDER BY 1, 2",
        not_extension("t.oid", "pg_type")
    );
    catalog.enums = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&schemas).fetch_all(&mut *conn).await?;
    progress(Progress { stage: Stage::Enums, count: catalog.enums.len() });

    let whole = options.schemas.is_empty();
    catalog.kept = sqlx::query_as(sqlx::AssertSqlSafe(super::kept::query())).bind(&schemas).bind(whole).fetch_all(&mut *conn).await?;
    catalog.others = sqlx::query_as(sqlx::AssertSqlSafe(others_query())).bind(&schemas).bind(whole).fetch_all(&mut *conn).await?;
    progress(Progress { stage: Stage::Others, count: catalog.kept.len() + catalog.others.len() });
    Ok(catalog)
}

/// The objects of the chosen schemas ($1; $2: the whole database, so objects without a
/// schema count too) this path can neither model nor keep (see [`super::kept`]), as (kind,
/// name): what an export would not re-create. Objects an extension owns are left out, as
/// pg_dump leaves them out.
fn others_query() -> String {
    let in_schemas = "n.nspname = ANY($1::text[])";
    let rel_name = "quote_ident(n.nspname) || '.' || quote_ident(c.relname)";
    let me = "(SELECT oid FROM pg_roles WHERE rolname = current_user)";
    format!(
        "SELECT kind, name FROM ( \
            SELECT 'foreign table' AS kind, {rel_name} AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
            WHERE c.relkind = 'f' AND {in_schemas} AND {ext_class} \
          UNION ALL \
            SELECT 'base type', quote_ident(n.nspname) || '.' || quote_ident(t.typname) \
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
            WHERE t.typtype IN ('b', 'p') AND t.typelem = 0 AND {in_schemas} AND {ext_type} \
              AND NOT EXISTS (SELECT FROM pg_type e WHERE e.typarray = t.oid) \
          UNION ALL \
            SELECT 'aggregate', quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')' \
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind = 'a' AND {in_schemas} AND {ext_proc} \
          UNION ALL \
            SELECT 'privileges on function', quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')' \
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.proacl IS NOT NULL AND {in_schemas} AND {ext_proc} \
          UNION ALL \
            SELECT 'privileges on column', {rel_name} || '.' || quote_ident(a.attname) \
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
            WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND {in_schemas} AND {ext_class} \
          UNION ALL \
            SELECT 'owner of', {rel_name} || ' (' || quote_ident(pg_get_userbyid(c.relowner)) || ')' \
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
            WHERE c.relowner <> {me} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND {in_schemas} AND {ext_class} \
          UNION ALL \
            SELECT 'owner of schema', quote_ident(n.nspname) || ' (' || quote_ident(pg_get_userbyid(n.nspowner)) || ')' \
            FROM pg_namespace n WHERE n.nspowner <> {me} AND n.nspname <> 'public' AND {in_schemas} \
          UNION ALL \
            SELECT 'owner of function', quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')' \
                   || ' (' || quote_ident(pg_get_userbyid(p.proowner)) || ')' \
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.proowner <> {me} AND {in_schemas} AND {ext_proc} \
          UNION ALL \
            SELECT 'disabled trigger', quote_ident(t.tgname) || ' on ' || {rel_name} \
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
            WHERE NOT t.tgisinternal AND t.tgenabled <> 'O' AND {in_schemas} AND {ext_class} \
          UNION ALL \
            SELECT 'statistics object', quote_ident(n.nspname) || '.' || quote_ident(s.stxname) \
            FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE {in_schemas} \
          UNION ALL \
            SELECT 'text search configuration', quote_ident(n.nspname) || '.' || quote_ident(t.cfgname) \
            FROM pg_ts_config t JOIN pg_namespace n ON n.oid = t.cfgnamespace WHERE {in_schemas} AND {ext_ts} \
          UNION ALL \
            SELECT 'event trigger', quote_ident(e.evtname) FROM pg_event_trigger e WHERE $2 AND {ext_evt} \
        ) o ORDER BY 1, 2",
        ext_class = not_extension("c.oid", "pg_class"),
        ext_type = not_extension("t.oid", "pg_type"),
        ext_proc = not_extension("p.oid", "pg_proc"),
        ext_ts = not_extension("t.oid", "pg_ts_config"),
        ext_evt = not_extension("e.oid", "pg_event_trigger"),
    )
}

/// Builds the registry from the catalog rows (no I/O).
fn build(catalog: Catalog, options: &ImportOptions<'_>) -> (Registry, Vec<Diagnostic>) {
    let now = &options.now;
    let mut diagnostics = Vec::new();
    let mut registry = Registry::default();
    let mut by_oid: HashMap<i64, usize> = HashMap::new();
    for row in &catalog.tables {
        by_oid.insert(row.oid, registry.tables.len());
        let partition_of = match (&row.parent_schema, &row.parent_name, &row.bound) {
            (Some(schema), Some(table), Some(bound)) => {
                Some(PartitionOf { parent: TableRef::new(schema.as_str(), table.as_str()), bound: bound.clone() })
            }
            _ => None,
        };
        registry.tables.push(Table {
            purpose: row.comment.clone(),
            partition_by: row.partition_key.as_deref().and_then(partition_key),
            partition_of,
            ..table_of(&TableRef::new(row.schema.as_str(), row.name.as_str()), &catalog.database, now)
        });
    }
    // Columns: ordinals 1..n in attnum order (dropped columns leave no gap).
    let mut ordinal: HashMap<i64, u32> = HashMap::new();
    let mut not_null: HashSet<(i64, String)> = HashSet::new();
    let mut signal_of: HashMap<(i64, String), usize> = HashMap::new();
    for c in &catalog.columns {
        let Some(&t) = by_oid.get(&c.table_oid) else { continue };
        let table = &registry.tables[t];
        let n = ordinal.entry(c.table_oid).or_insert(0);
        *n += 1;
        let mut s =
            Signal::column(ids::signal(&table.schema, &table.name, &c.name), table.table_ref(), c.name.clone(), *n, c.data_type.clone(), now.clone());
        s.nullable = !c.not_null;
        s.default = c.default.clone();
        s.description = c.comment.clone();
        if !c.identity.is_empty() {
            s.spec.identity = Some(Identity { always: c.identity == "a", options: c.identity_options.clone() });
        }
        if c.generated == "s" {
            s.spec.generated = c.generated_expression.clone();
        }
        s.spec.collation = c.collation.clone();
        s.spec.storage = c.storage.clone();
        s.spec.statistics = c.statistics;
        if c.not_null {
            not_null.insert((c.table_oid, c.name.clone()));
        }
        signal_of.insert((c.table_oid, c.name.clone()), registry.signals.len());
        registry.signals.push(s);
    }
    // Keys first, so foreign keys can tell whether their child columns are unique.
    let mut unique_sets: HashMap<i64, Vec<Vec<String>>> = HashMap::new();
    for c in catalog.constraints.iter().filter(|c| c.kind != "f") {
        let Some(&t) = by_oid.get(&c.table_oid) else { continue };
        let table = &mut registry.tables[t];
        match c.kind.as_str() {
            "c" => {
                table.checks.push(CheckConstraint {
                    name: Some(c.name.clone()),
                    expression: c.expression.clone().unwrap_or_default(),
                    column: None,
                    not_valid: !c.validated,
                    no_inherit: c.no_inherit,
                    note: None,
                });
                continue;
            }
            "x" => {
                let definition = c.definition.strip_prefix("EXCLUDE ").unwrap_or(&c.definition).to_owned();
                table.exclusions.push(ExclusionConstraint { name: Some(c.name.clone()), definition });
                continue;
            }
            _ => {}
        }
        let mut sorted = c.columns.clone();
        sorted.sort();
        unique_sets.entry(c.table_oid).or_default().push(sorted);
        if c.kind == "p" {
            table.primary_key = c.columns.clone();
            let default = format!("{}_pkey", table.name);
            table.primary_key_name = (c.name != default).then(|| c.name.clone());
            for column in &c.columns {
                if let Some(&s) = signal_of.get(&(c.table_oid, column.clone())) {
                    registry.signals[s].role = SignalRole::Key;
                }
            }
        } else {
            let mut u = UniqueConstraint::new(Some(c.name.clone()), c.columns.clone());
            u.nulls_not_distinct = c.nulls_not_distinct;
            u.include = c.include.clone();
            u.deferral = match (c.deferrable, c.deferred) {
                (false, _) => Deferral::Immediate,
                (true, false) => Deferral::Deferrable,
                (true, true) => Deferral::Deferred,
            };
            table.unique_constraints.push(u);
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
        let mut index = Index {
            name: Some(i.name.clone()),
            parts: index_parts(i),
            unique: i.unique,
            predicate: i.predicate.clone(),
            include: i.include.clone(),
            nulls_not_distinct: i.nulls_not_distinct,
            with: i.with.clone().filter(|w| !w.is_empty()),
            ..Index::default()
        };
        match IndexMethod::parse(&i.method) {
            Ok(method) => index.method = method,
            Err(_) => index.other_method = Some(i.method.clone()),
        }
        table.indexes.push(index);
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
    // Views and materialized views are read-only tables with their columns and statement.
    let mut view_columns: HashMap<(String, String), Vec<(String, String)>> = HashMap::new();
    for (schema, view, column, data_type) in catalog.view_columns {
        view_columns.entry((schema, view)).or_default().push((column, data_type));
    }
    for k in catalog.kept.into_iter().filter_map(KeptRow::into_kept) {
        let materialized = k.kind == KeptKind::MaterializedView;
        let columns = match (&k.schema, k.kind) {
            (Some(schema), KeptKind::View | KeptKind::MaterializedView) => view_columns.remove(&(schema.clone(), k.name.clone())),
            _ => None,
        };
        let (Some(columns), Some(schema)) = (columns, k.schema.clone()) else {
            registry.kept.push(k);
            continue;
        };
        let view = TableRef::new(schema.as_str(), k.name.as_str());
        for (n, (column, data_type)) in (1..).zip(columns) {
            let id = ids::signal(&view.schema, &view.table, &column);
            registry.signals.push(Signal::column(id, view.clone(), column, n, data_type, now.clone()));
        }
        registry.tables.push(Table {
            view: Some(ViewDefinition { materialized, sql: k.sql, search_path: k.search_path }),
            ..table_of(&view, &catalog.database, now)
        });
    }
    for (kind, name) in &catalog.others {
        let what = format!("{kind} {name}");
        diagnostics.push(lost(Location::Workspace, &what));
    }
    (registry, diagnostics)
}

/// A table (or view) `table` of `database` as this path makes it: stable, in the module of its
/// schema, with nothing but its name said yet.
fn table_of(table: &TableRef, database: &str, now: &relata_model::Timestamp) -> Table {
    Table {
        id: ids::table(&table.schema, &table.table),
        name: table.table.clone(),
        prefix: None,
        schema: table.schema.clone(),
        module: table.schema.clone(),
        status: TableStatus::Stable,
        purpose: None,
        primary_key: Vec::new(),
        db_engine: DB_ENGINE.to_owned(),
        db_name: Some(database.to_owned()),
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
        view: None,
    }
}

/// The P106 warning for an object the catalog path cannot keep.
fn lost(location: Location, what: &str) -> Diagnostic {
    Diagnostic::warning(
        codes::P106,
        location,
        format!("{what} is not imported: reading the catalog cannot keep it (with pg_dump installed, the import keeps it)"),
    )
}

/// The key parts of an index, each with its collation, operator class and order.
fn index_parts(i: &IndexRow) -> Vec<IndexPart> {
    i.parts
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let mut part = match p.split_at(1) {
                ("c", column) => IndexPart::column(column),
                (_, expression) => IndexPart::expression(parenthesized(expression)),
            };
            part.collation = i.collations.get(n).filter(|c| !c.is_empty()).cloned();
            part.opclass = i.opclasses.get(n).filter(|c| !c.is_empty()).cloned();
            let option = i.options.get(n).copied().unwrap_or(0);
            part.descending = option & 1 != 0;
            let nulls_first = option & 2 != 0;
            // Only what differs from the order's default (NULLS LAST ascending, FIRST descending).
            part.nulls_first = (nulls_first != part.descending).then_some(nulls_first);
            part
        })
        .collect()
}

/// `pg_get_partkeydef`'s `RANGE (placed_on)` as a partition key.
fn partition_key(definition: &str) -> Option<PartitionKey> {
    let (strategy, key) = definition.split_once(' ')?;
    let strategy = match strategy {
        "RANGE" => PartitionStrategy::Range,
        "LIST" => PartitionStrategy::List,
        "HASH" => PartitionStrategy::Hash,
        _ => return None,
    };
    let key = key.trim().strip_prefix('(')?.strip_suffix(')')?;
    Some(PartitionKey { strategy, key: key.to_owned() })
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
