-- What the catalogs of a database hold about every object a schema script makes, one line per
-- fact, names and texts through to_json: relations of every kind with owner, privileges, row
-- security, partition key and bound, views' definitions; columns with type, NOT NULL, default,
-- identity, generation, collation, storage, statistics; every constraint with
-- pg_get_constraintdef; domains, enums, range types, collations, indexes (pg_get_indexdef),
-- sequences with their options and owning column, functions (pg_get_functiondef), triggers,
-- policies, rules, schemas and comments on all of them. Objects that belong to an extension are
-- left out: they come back with CREATE EXTENSION. Read by PgCluster::schema_catalog.
WITH ns AS (
    SELECT oid, nspname FROM pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%'
),
ext AS (
    -- Objects that belong to an extension come back with CREATE EXTENSION, not one by one.
    SELECT objid, classid FROM pg_depend WHERE deptype = 'e'
),
rel AS (
    SELECT c.oid, c.relname, c.relkind, ns.nspname FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c')
      AND NOT EXISTS (SELECT FROM ext WHERE ext.objid = c.oid AND ext.classid = 'pg_class'::regclass)
)
SELECT line FROM (
    SELECT 'schema ' || to_json(n.nspname) || ' owner ' || to_json(pg_get_userbyid(n.nspowner)) || ' acl ' || coalesce(to_json(n.nspacl::text[])::text, 'null')
        || ' comment ' || coalesce(to_json(obj_description(n.oid, 'pg_namespace'))::text, 'null') AS line
    FROM pg_namespace n JOIN ns USING (oid)
  UNION ALL
    SELECT 'extension ' || to_json(extname) || ' ' || to_json(extversion) || ' in ' || to_json(extnamespace::regnamespace::text) FROM pg_extension
  UNION ALL
    SELECT 'relation ' || to_json(rel.nspname) || ' ' || to_json(rel.relname) || ' kind ' || rel.relkind::text
        || ' owner ' || to_json(pg_get_userbyid(c.relowner)) || ' acl ' || coalesce(to_json(c.relacl::text[])::text, 'null')
        || ' rls ' || c.relrowsecurity::text || ' force ' || c.relforcerowsecurity::text
        || ' partkey ' || coalesce(to_json(pg_get_partkeydef(c.oid))::text, 'null')
        || ' bound ' || coalesce(to_json(pg_get_expr(c.relpartbound, c.oid))::text, 'null')
        || ' parent ' || coalesce((SELECT to_json(i.inhparent::regclass::text)::text FROM pg_inherits i WHERE i.inhrelid = c.oid), 'null')
        || ' comment ' || coalesce(to_json(obj_description(c.oid, 'pg_class'))::text, 'null')
        || CASE WHEN rel.relkind IN ('v', 'm') THEN ' view ' || to_json(pg_get_viewdef(c.oid)) ELSE '' END
    FROM rel JOIN pg_class c USING (oid)
  UNION ALL
    SELECT 'column ' || to_json(rel.nspname) || ' ' || to_json(rel.relname) || ' ' || a.attnum || ' ' || to_json(a.attname)
        || ' type ' || to_json(format_type(a.atttypid, a.atttypmod)) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
        || ' default ' || coalesce(to_json(pg_get_expr(d.adbin, d.adrelid))::text, 'null')
        || ' identity ' || to_json(a.attidentity::text) || ' generated ' || to_json(a.attgenerated::text)
        || ' collation ' || coalesce(to_json(CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END)::text, 'null')
        || ' storage ' || a.attstorage::text || ' statistics ' || a.attstattarget
        || ' local ' || a.attislocal::text
        || ' comment ' || coalesce(to_json(col_description(rel.oid, a.attnum))::text, 'null')
    FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_attrdef d ON d.adrelid = rel.oid AND d.adnum = a.attnum
    WHERE rel.relkind <> 'S'
  UNION ALL
    SELECT 'constraint ' || to_json(rel.nspname) || ' ' || to_json(rel.relname) || ' ' || to_json(con.conname) || ' ' || con.contype::text
        || ' ' || to_json(pg_get_constraintdef(con.oid)) || ' local ' || con.conislocal::text || ' validated ' || con.convalidated::text
        || ' comment ' || coalesce(to_json(obj_description(con.oid, 'pg_constraint'))::text, 'null')
    FROM pg_constraint con JOIN rel ON rel.oid = con.conrelid
  UNION ALL
    SELECT 'domain ' || to_json(ns.nspname) || ' ' || to_json(t.typname) || ' ' || to_json(format_type(t.typbasetype, t.typtypmod))
        || ' ' || coalesce((SELECT json_agg(con.conname || ' ' || pg_get_constraintdef(con.oid) ORDER BY con.conname)::text FROM pg_constraint con WHERE con.contypid = t.oid), 'null')
    FROM pg_type t JOIN ns ON ns.oid = t.typnamespace WHERE t.typtype = 'd'
      AND NOT EXISTS (SELECT FROM ext WHERE ext.objid = t.oid AND ext.classid = 'pg_type'::regclass)
  UNION ALL
    SELECT 'enum ' || to_json(ns.nspname) || ' ' || to_json(t.typname) || ' ' || (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder)::text FROM pg_enum e WHERE e.enumtypid = t.oid)
    FROM pg_type t JOIN ns ON ns.oid = t.typnamespace WHERE t.typtype = 'e'
  UNION ALL
    SELECT 'range ' || to_json(ns.nspname) || ' ' || to_json(t.typname) || ' of ' || to_json(format_type(r.rngsubtype, NULL))
    FROM pg_type t JOIN ns ON ns.oid = t.typnamespace JOIN pg_range r ON r.rngtypid = t.oid
      WHERE NOT EXISTS (SELECT FROM ext WHERE ext.objid = t.oid AND ext.classid = 'pg_type'::regclass)
  UNION ALL
    SELECT 'collation ' || to_json(ns.nspname) || ' ' || to_json(c.collname) || ' ' || c.collprovider::text || ' ' || to_json(coalesce(c.colliculocale, c.collcollate)) || ' ' || c.collisdeterministic::text
    FROM pg_collation c JOIN ns ON ns.oid = c.collnamespace
  UNION ALL
    SELECT 'index ' || to_json(ns.nspname) || ' ' || to_json(ic.relname) || ' ' || to_json(pg_get_indexdef(i.indexrelid))
        || ' parent ' || coalesce((SELECT to_json(h.inhparent::regclass::text)::text FROM pg_inherits h WHERE h.inhrelid = ic.oid), 'null')
        || ' comment ' || coalesce(to_json(obj_description(ic.oid, 'pg_class'))::text, 'null')
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN ns ON ns.oid = ic.relnamespace
    WHERE NOT EXISTS (SELECT FROM ext WHERE ext.objid = i.indrelid AND ext.classid = 'pg_class'::regclass)
  UNION ALL
    SELECT 'sequence ' || to_json(ns.nspname) || ' ' || to_json(c.relname) || ' ' || format_type(s.seqtypid, NULL) || ' ' || s.seqstart || ' ' || s.seqincrement
        || ' ' || s.seqmin || ' ' || s.seqmax || ' ' || s.seqcache || ' ' || s.seqcycle::text
        || ' owned ' || coalesce((SELECT to_json(d.refobjid::regclass::text || '.' || a.attname)::text FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                                 WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0), 'null')
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN ns ON ns.oid = c.relnamespace
  UNION ALL
    SELECT 'function ' || to_json(ns.nspname) || ' ' || to_json(p.proname) || ' ' || to_json(pg_get_function_identity_arguments(p.oid)) || ' ' || to_json(pg_get_functiondef(p.oid))
    FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
    WHERE p.prokind IN ('f', 'p') AND NOT EXISTS (SELECT FROM ext WHERE ext.objid = p.oid AND ext.classid = 'pg_proc'::regclass)
  UNION ALL
    SELECT 'trigger ' || to_json(t.tgname) || ' ' || to_json(pg_get_triggerdef(t.oid)) FROM pg_trigger t JOIN rel ON rel.oid = t.tgrelid WHERE NOT t.tgisinternal
  UNION ALL
    SELECT 'policy ' || to_json(p.polname) || ' on ' || to_json(p.polrelid::regclass::text) || ' ' || p.polcmd::text || ' ' || coalesce(to_json(pg_get_expr(p.polqual, p.polrelid))::text, 'null')
    FROM pg_policy p
  UNION ALL
    SELECT 'rule ' || to_json(r.rulename) || ' ' || to_json(pg_get_ruledef(r.oid)) FROM pg_rewrite r JOIN rel ON rel.oid = r.ev_class WHERE r.rulename <> '_RETURN'
) facts ORDER BY line;
