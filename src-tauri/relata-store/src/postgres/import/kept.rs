//! The catalog path's kept statements: for the objects Relata does not model, the statement
//! that makes each again, from PostgreSQL's deparse functions (`pg_get_functiondef`,
//! `pg_get_viewdef`, `pg_get_triggerdef`, `pg_get_ruledef`, `pg_get_indexdef`,
//! `pg_get_constraintdef`) or put together from the catalog where the object is plain
//! (schemas, extensions, collations, composite and range types, domains, sequences and their
//! owning columns, row security and policies, comments, grants). Each becomes a
//! [`KeptObject`] in the order an export needs them (what tables use first, then what uses
//! the tables), as the SQL import keeps a dump's statements.
//!
//! Names are printed under `search_path = public` (the catalog path's session), so they are
//! qualified but in `public` and `pg_catalog`, and the export runs them under the default path.

use relata_model::{KeptKind, KeptObject, TableRef};

use super::not_extension;

/// One kept statement as the catalog gives it.
#[derive(sqlx::FromRow)]
pub(super) struct KeptRow {
    /// [`KeptKind::as_str`].
    kind: String,
    schema: Option<String>,
    name: String,
    on_schema: Option<String>,
    on_table: Option<String>,
    sql: String,
}

impl KeptRow {
    /// The kept object, or `None` for a kind this Relata does not know (never: the query
    /// only writes known kinds).
    pub(super) fn into_kept(self) -> Option<KeptObject> {
        let kind = *KeptKind::ALL.iter().find(|k| k.as_str() == self.kind)?;
        let on = match (self.on_schema, self.on_table) {
            (Some(schema), Some(table)) => Some(TableRef::new(schema, table)),
            _ => None,
        };
        let sql = self.sql.trim_end().trim_end_matches(';').trim_end().to_owned();
        Some(KeptObject { kind, schema: self.schema, name: self.name, on, sql, search_path: Vec::new() })
    }
}

/// The kept statements of the chosen schemas (`$1`; `$2`: the whole database, so
/// extensions too), as [`KeptRow`]s in export order: `step`, then creation order (`oid`).
pub(super) fn query() -> String {
    let in_schemas = "n.nspname = ANY($1::text[])";
    let qrel = "quote_ident(n.nspname) || '.' || quote_ident(c.relname)";
    let ext_class = not_extension("c.oid", "pg_class");
    let ext_type = not_extension("t.oid", "pg_type");
    let ext_coll = not_extension("co.oid", "pg_collation");
    let ext_proc = not_extension("p.oid", "pg_proc");
    // Relations this import reads or keeps, as a condition on `c` and `n`.
    let rel = format!("{in_schemas} AND {ext_class}");
    format!(
        "SELECT kind, schema, name, on_schema, on_table, sql FROM ( \
            SELECT 0 AS step, n.oid::bigint AS oid, 'schema' AS kind, n.nspname::text AS schema, n.nspname::text AS name, \
                   NULL::text AS on_schema, NULL::text AS on_table, 'CREATE SCHEMA ' || quote_ident(n.nspname) AS sql \
            FROM pg_namespace n WHERE {in_schemas} AND n.nspname <> 'public' \
          UNION ALL \
            SELECT 1, e.oid::bigint, 'extension', NULL, e.extname::text, NULL, NULL, \
                   'CREATE EXTENSION IF NOT EXISTS ' || quote_ident(e.extname) || ' WITH SCHEMA ' || quote_ident(n.nspname) \
            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE $2 AND e.extname <> 'plpgsql' \
          UNION ALL \
            SELECT 2, co.oid::bigint, 'collation', n.nspname, co.collname::text, NULL, NULL, \
                   'CREATE COLLATION ' || quote_ident(n.nspname) || '.' || quote_ident(co.collname) || ' (provider = ' \
                   || CASE co.collprovider WHEN 'i' THEN 'icu' ELSE 'libc' END || ', ' \
                   || CASE WHEN co.collprovider = 'i' THEN 'locale = ' || quote_literal(coalesce(to_jsonb(co) ->> 'colliculocale', to_jsonb(co) ->> 'colllocale')) \
                           WHEN co.collcollate = co.collctype THEN 'locale = ' || quote_literal(co.collcollate) \
                           ELSE 'lc_collate = ' || quote_literal(co.collcollate) || ', lc_ctype = ' || quote_literal(co.collctype) END \
                   || CASE WHEN co.collisdeterministic THEN '' ELSE ', deterministic = false' END || ')' \
            FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace WHERE {in_schemas} AND {ext_coll} \
          UNION ALL \
            SELECT 3, t.oid::bigint, 'type', n.nspname, t.typname::text, NULL, NULL, \
                   'CREATE TYPE ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' AS (' \
                   || coalesce((SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) \
                                || CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation THEN ' COLLATE ' || a.attcollation::regcollation::text ELSE '' END, \
                                ', ' ORDER BY a.attnum) \
                                FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid \
                                WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')' \
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_class c ON c.oid = t.typrelid \
            WHERE t.typtype = 'c' AND c.relkind = 'c' AND {in_schemas} AND {ext_type} \
          UNION ALL \
            SELECT 3, t.oid::bigint, 'type', n.nspname, t.typname::text, NULL, NULL, \
                   'CREATE TYPE ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' AS RANGE (subtype = ' \
                   || format_type(r.rngsubtype, NULL) \
                   || CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN ', collation = ' || r.rngcollation::regcollation::text ELSE '' END \
                   || CASE WHEN r.rngsubdiff <> 0 THEN ', subtype_diff = ' || r.rngsubdiff::regproc::text ELSE '' END \
                   || CASE WHEN r.rngcanonical <> 0 THEN ', canonical = ' || r.rngcanonical::regproc::text ELSE '' END || ')' \
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_range r ON r.rngtypid = t.oid \
            JOIN pg_type st ON st.oid = r.rngsubtype WHERE {in_schemas} AND {ext_type} \
          UNION ALL \
            SELECT 4, t.oid::bigint, 'domain', n.nspname, t.typname::text, NULL, NULL, \
                   'CREATE DOMAIN ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' AS ' || format_type(t.typbasetype, t.typtypmod) \
                   || CASE WHEN t.typcollation <> 0 AND t.typcollation <> bt.typcollation THEN ' COLLATE ' || t.typcollation::regcollation::text ELSE '' END \
                   || CASE WHEN t.typdefault IS NOT NULL THEN ' DEFAULT ' || t.typdefault ELSE '' END \
                   || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END \
                   || coalesce((SELECT string_agg(' CONSTRAINT ' || quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid), '' ORDER BY con.conname) \
                                FROM pg_constraint con WHERE con.contypid = t.oid), '') \
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type bt ON bt.oid = t.typbasetype \
            WHERE t.typtype = 'd' AND {in_schemas} AND {ext_type} \
          UNION ALL \
            SELECT 5, p.oid::bigint, CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, n.nspname, \
                   p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL, NULL, pg_get_functiondef(p.oid) \
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
            WHERE p.prokind IN ('f', 'p', 'w') AND {in_schemas} AND {ext_proc} \
          UNION ALL \
            SELECT 6, c.oid::bigint, 'sequence', n.nspname, c.relname::text, NULL, NULL, \
                   'CREATE SEQUENCE ' || {qrel} || ' AS ' || format_type(s.seqtypid, NULL) || ' START WITH ' || s.seqstart \
                   || ' INCREMENT BY ' || s.seqincrement || ' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax || ' CACHE ' || s.seqcache \
                   || CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END \
            FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
            WHERE {rel} AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype = 'i') \
          UNION ALL \
            SELECT 10, c.oid::bigint, 'sequence_ownership', n.nspname, c.relname::text, tn.nspname, tc.relname, \
                   'ALTER SEQUENCE ' || {qrel} || ' OWNED BY ' || quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) || '.' || quote_ident(a.attname) \
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
            JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype = 'a' AND d.refobjsubid > 0 \
            JOIN pg_class tc ON tc.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace \
            JOIN pg_attribute a ON a.attrelid = tc.oid AND a.attnum = d.refobjsubid \
            WHERE c.relkind = 'S' AND {rel} AND tn.nspname = ANY($1::text[]) \
          UNION ALL \
            SELECT 11, c.oid::bigint, CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized_view' END, n.nspname, c.relname::text, NULL, NULL, \
                   CASE c.relkind WHEN 'v' THEN 'CREATE VIEW ' ELSE 'CREATE MATERIALIZED VIEW ' END || {qrel} \
                   || CASE WHEN c.reloptions IS NOT NULL THEN ' WITH (' || array_to_string(c.reloptions, ', ') || ')' ELSE '' END \
                   || E' AS\\n' || rtrim(pg_get_viewdef(c.oid), ';') || CASE c.relkind WHEN 'm' THEN E'\\n  WITH NO DATA' ELSE '' END \
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND {rel} \
          UNION ALL \
            SELECT 12, ic.oid::bigint, 'index', n.nspname, ic.relname::text, n.nspname, c.relname, pg_get_indexdef(i.indexrelid) \
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid \
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'm' AND {rel} \
          UNION ALL \
            SELECT 13, t.oid::bigint, 'trigger', n.nspname, t.tgname || ' ON ' || c.relname, n.nspname, c.relname, pg_get_triggerdef(t.oid) \
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
            WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND {rel} \
          UNION ALL \
            SELECT 14, r.oid::bigint, 'rule', n.nspname, r.rulename || ' ON ' || c.relname, n.nspname, c.relname, pg_get_ruledef(r.oid) \
            FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace \
            WHERE r.rulename <> '_RETURN' AND {rel} \
          UNION ALL \
            SELECT 15, c.oid::bigint, 'policy', n.nspname, c.relname::text, n.nspname, c.relname, \
                   'ALTER TABLE ' || {qrel} || ' ' || concat_ws(', ', CASE WHEN c.relrowsecurity THEN 'ENABLE ROW LEVEL SECURITY' END, \
                                                              CASE WHEN c.relforcerowsecurity THEN 'FORCE ROW LEVEL SECURITY' END) \
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE (c.relrowsecurity OR c.relforcerowsecurity) AND {rel} \
          UNION ALL \
            SELECT 16, p.oid::bigint, 'policy', n.nspname, p.polname || ' ON ' || c.relname, n.nspname, c.relname, \
                   'CREATE POLICY ' || quote_ident(p.polname) || ' ON ' || {qrel} \
                   || CASE WHEN p.polpermissive THEN '' ELSE ' AS RESTRICTIVE' END \
                   || ' FOR ' || CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END \
                   || ' TO ' || array_to_string(ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END \
                                                     FROM unnest(p.polroles) r), ', ') \
                   || coalesce(' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')', '') \
                   || coalesce(' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', '') \
            FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {rel} \
          UNION ALL \
            SELECT 20, o.oid, 'comment', o.schema, o.name, o.on_schema, o.on_table, 'COMMENT ON ' || o.what || ' IS ' || quote_literal(o.comment) \
            FROM ( \
                SELECT n.oid::bigint AS oid, n.nspname::text AS schema, n.nspname::text AS name, NULL::text AS on_schema, NULL::text AS on_table, \
                       'SCHEMA ' || quote_ident(n.nspname) AS what, obj_description(n.oid, 'pg_namespace') AS comment \
                FROM pg_namespace n WHERE {in_schemas} AND n.nspname <> 'public' \
              UNION ALL \
                SELECT c.oid::bigint, n.nspname, c.relname, CASE WHEN c.relkind IN ('v', 'm') THEN n.nspname END, \
                       CASE WHEN c.relkind IN ('v', 'm') THEN c.relname END, \
                       CASE c.relkind WHEN 'v' THEN 'VIEW ' WHEN 'm' THEN 'MATERIALIZED VIEW ' WHEN 'S' THEN 'SEQUENCE ' ELSE 'INDEX ' END || {qrel}, \
                       obj_description(c.oid, 'pg_class') \
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm', 'S', 'i', 'I') AND {rel} \
              UNION ALL \
                SELECT c.oid::bigint, n.nspname, c.relname || '.' || a.attname, n.nspname, c.relname, \
                       'COLUMN ' || {qrel} || '.' || quote_ident(a.attname), col_description(c.oid, a.attnum) \
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 \
                WHERE c.relkind IN ('v', 'm') AND {rel} \
              UNION ALL \
                SELECT con.oid::bigint, n.nspname, con.conname || ' ON ' || c.relname, n.nspname, c.relname, \
                       'CONSTRAINT ' || quote_ident(con.conname) || ' ON ' || {qrel}, obj_description(con.oid, 'pg_constraint') \
                FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
                WHERE con.conparentid = 0 AND {rel} \
              UNION ALL \
                SELECT con.oid::bigint, n.nspname, con.conname || ' ON DOMAIN ' || t.typname, NULL, NULL, \
                       'CONSTRAINT ' || quote_ident(con.conname) || ' ON DOMAIN ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname), \
                       obj_description(con.oid, 'pg_constraint') \
                FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid JOIN pg_namespace n ON n.oid = t.typnamespace \
                WHERE {in_schemas} AND {ext_type} \
              UNION ALL \
                SELECT p.oid::bigint, n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL, NULL, \
                       CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END || quote_ident(n.nspname) || '.' || quote_ident(p.proname) \
                       || '(' || pg_get_function_identity_arguments(p.oid) || ')', obj_description(p.oid, 'pg_proc') \
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p', 'w') AND {in_schemas} AND {ext_proc} \
              UNION ALL \
                SELECT t.oid::bigint, n.nspname, t.typname, NULL, NULL, \
                       CASE t.typtype WHEN 'd' THEN 'DOMAIN ' ELSE 'TYPE ' END || quote_ident(n.nspname) || '.' || quote_ident(t.typname), \
                       obj_description(t.oid, 'pg_type') \
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
                WHERE t.typtype IN ('d', 'e', 'r', 'c') AND (t.typtype <> 'c' OR EXISTS (SELECT FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')) \
                  AND {in_schemas} AND {ext_type} \
              UNION ALL \
                SELECT t.oid::bigint, n.nspname, t.tgname || ' ON ' || c.relname, n.nspname, c.relname, \
                       'TRIGGER ' || quote_ident(t.tgname) || ' ON ' || {qrel}, obj_description(t.oid, 'pg_trigger') \
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
                WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND {rel} \
            ) o WHERE o.comment IS NOT NULL \
          UNION ALL \
            SELECT 30, c.oid::bigint, 'grant', n.nspname, c.relname::text, n.nspname, c.relname, \
                   'GRANT ' || string_agg(acl.privilege_type, ', ' ORDER BY acl.privilege_type) || ' ON ' \
                   || CASE c.relkind WHEN 'S' THEN 'SEQUENCE ' ELSE 'TABLE ' END || {qrel} || ' TO ' \
                   || CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(acl.grantee)) END \
                   || CASE WHEN acl.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END \
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN LATERAL aclexplode(c.relacl) acl \
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND acl.grantee <> c.relowner AND {rel} \
            GROUP BY c.oid, n.nspname, c.relname, c.relkind, acl.grantee, acl.is_grantable \
          UNION ALL \
            SELECT 30, n.oid::bigint, 'grant', n.nspname, n.nspname::text, NULL, NULL, \
                   'GRANT ' || string_agg(acl.privilege_type, ', ' ORDER BY acl.privilege_type) || ' ON SCHEMA ' || quote_ident(n.nspname) || ' TO ' \
                   || CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(acl.grantee)) END \
                   || CASE WHEN acl.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END \
            FROM pg_namespace n CROSS JOIN LATERAL aclexplode(n.nspacl) acl \
            WHERE {in_schemas} AND n.nspname <> 'public' AND acl.grantee <> n.nspowner \
            GROUP BY n.oid, n.nspname, acl.grantee, acl.is_grantable \
        ) k ORDER BY step, oid, sql"
    )
}
