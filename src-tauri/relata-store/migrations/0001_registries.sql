-- Relata workspace, version 1: the three registries with the registry DDL's columns.
-- SQLite has no UUID, array, JSONB or TIMESTAMPTZ: those are TEXT in the registry folder's
-- spelling (see docs/registry-folder.md); booleans are 0/1. row_order keeps the user's order.

CREATE TABLE relata_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE table_overview (
    row_order INTEGER NOT NULL UNIQUE,
    table_id TEXT PRIMARY KEY NOT NULL,
    table_name TEXT NOT NULL,
    table_prefix TEXT,
    schema_name TEXT NOT NULL,
    module_name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft','experimental','stable','legacy','deprecated','retired')),
    purpose TEXT,
    primary_key_columns TEXT NOT NULL,
    db_engine TEXT NOT NULL,
    db_name TEXT,
    owner_team TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (schema_name, table_name)
) STRICT;

CREATE TABLE signal_registry (
    row_order INTEGER NOT NULL UNIQUE,
    signal_id TEXT PRIMARY KEY NOT NULL,
    schema_name TEXT,
    table_name TEXT,
    column_name TEXT NOT NULL,
    ordinal_position INTEGER,
    data_type TEXT NOT NULL,
    is_nullable INTEGER NOT NULL CHECK (is_nullable IN (0, 1)),
    column_default TEXT,
    signal_role TEXT NOT NULL CHECK (signal_role IN ('key','metric','attribute','derived')),
    row_type TEXT NOT NULL CHECK (row_type IN ('concept','binding')),
    concept_name TEXT,
    connection_type TEXT NOT NULL CHECK (connection_type IN ('r','w','rw')),
    semantic_description TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE relationship_registry (
    row_order INTEGER NOT NULL UNIQUE,
    relationship_id TEXT PRIMARY KEY NOT NULL,
    relationship_key TEXT NOT NULL,
    constraint_name TEXT,
    availability_status TEXT NOT NULL CHECK (availability_status IN ('active','deprecated','draft','pending','future')),
    version INTEGER NOT NULL,
    change_reason TEXT,
    module_name TEXT NOT NULL,
    owner_team TEXT,
    created_by TEXT,
    approved_by TEXT,
    approved_at TEXT,
    child_db_engine TEXT NOT NULL,
    child_db_name TEXT,
    child_schema TEXT NOT NULL,
    child_table TEXT NOT NULL,
    child_columns TEXT NOT NULL,
    parent_db_engine TEXT NOT NULL,
    parent_db_name TEXT,
    parent_schema TEXT NOT NULL,
    parent_table TEXT NOT NULL,
    parent_columns TEXT NOT NULL,
    relationship_type TEXT NOT NULL CHECK (relationship_type IN ('foreign_key','logical','join_bridge')),
    enforcement_mode TEXT NOT NULL CHECK (enforcement_mode IN ('auto','db_fk','app_validated','doc_only')),
    cardinality TEXT CHECK (cardinality IN ('1:many','1:1','many:many')),
    is_required INTEGER NOT NULL CHECK (is_required IN (0, 1)),
    enforce_child_unique INTEGER NOT NULL CHECK (enforce_child_unique IN (0, 1)),
    match_type TEXT NOT NULL CHECK (match_type IN ('simple','full')),
    "deferrable" INTEGER NOT NULL CHECK ("deferrable" IN (0, 1)),
    initially_deferred INTEGER NOT NULL CHECK (initially_deferred IN (0, 1)),
    on_delete TEXT NOT NULL CHECK (on_delete IN ('restrict','cascade','set_null','set_default','no_action')),
    on_update TEXT NOT NULL CHECK (on_update IN ('restrict','cascade','set_null','set_default','no_action')),
    create_child_index INTEGER NOT NULL CHECK (create_child_index IN (0, 1)),
    child_index_name TEXT,
    child_index_method TEXT NOT NULL CHECK (child_index_method IN ('btree','hash','gin','gist','brin')),
    create_parent_index INTEGER NOT NULL CHECK (create_parent_index IN (0, 1)),
    tenant_scope_column TEXT,
    require_tenant_match INTEGER NOT NULL CHECK (require_tenant_match IN (0, 1)),
    generator_flags TEXT NOT NULL,
    notes TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (relationship_key)
) STRICT;

CREATE UNIQUE INDEX signal_registry_name_uq
    ON signal_registry (coalesce(schema_name, ''), coalesce(table_name, ''), column_name);
