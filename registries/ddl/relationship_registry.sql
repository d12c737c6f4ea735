-- relationship_registry: every intended relationship between tables.
-- Columns, defaults, CHECK constraints and indexes are those of the registry design
-- (section 11); Relata stores and exports exactly these rows. Two changes, both fixes:
-- DEFERRABLE is a reserved word in PostgreSQL, so the design's DDL does not run as printed
-- (the column keeps its name and is quoted); and the design's column-list checks used
-- array_length(), which is NULL for '{}', so they let empty lists through. cardinality()
-- is 0 for '{}' and the checks now reject them.

CREATE TABLE IF NOT EXISTS relationship_registry (
    -- Identity and lifecycle
    relationship_id      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    relationship_key     TEXT NOT NULL UNIQUE,
    constraint_name      TEXT,
    availability_status  TEXT NOT NULL DEFAULT 'active',
    version              INTEGER NOT NULL DEFAULT 1,
    change_reason        TEXT,

    -- Ownership and grouping
    module_name          TEXT NOT NULL,
    owner_team           TEXT,
    created_by           TEXT,
    approved_by          TEXT,
    approved_at          TIMESTAMPTZ,

    -- Child (referencing) side
    child_db_engine      TEXT NOT NULL DEFAULT 'aurora_postgres',
    child_db_name        TEXT,
    child_schema         TEXT NOT NULL DEFAULT 'public',
    child_table          TEXT NOT NULL,
    child_columns        TEXT[] NOT NULL,

    -- Parent (referenced) side
    parent_db_engine     TEXT NOT NULL DEFAULT 'aurora_postgres',
    parent_db_name       TEXT,
    parent_schema        TEXT NOT NULL DEFAULT 'public',
    parent_table         TEXT NOT NULL,
    parent_columns       TEXT[] NOT NULL,

    -- Enforcement and semantics
    relationship_type    TEXT NOT NULL DEFAULT 'foreign_key',
    enforcement_mode     TEXT NOT NULL DEFAULT 'auto',
    cardinality          TEXT,
    is_required          BOOLEAN NOT NULL DEFAULT TRUE,
    enforce_child_unique BOOLEAN NOT NULL DEFAULT FALSE,
    match_type           TEXT NOT NULL DEFAULT 'simple',
    "deferrable"         BOOLEAN NOT NULL DEFAULT FALSE,  -- DEFERRABLE is a reserved word in PostgreSQL
    initially_deferred   BOOLEAN NOT NULL DEFAULT FALSE,

    -- Referential actions
    on_delete            TEXT NOT NULL DEFAULT 'restrict',
    on_update            TEXT NOT NULL DEFAULT 'restrict',

    -- Index hints
    create_child_index   BOOLEAN NOT NULL DEFAULT TRUE,
    child_index_name     TEXT,
    child_index_method   TEXT NOT NULL DEFAULT 'btree',
    create_parent_index  BOOLEAN NOT NULL DEFAULT FALSE,

    -- Tenant scoping
    tenant_scope_column  TEXT,
    require_tenant_match BOOLEAN NOT NULL DEFAULT FALSE,

    -- Generator control and notes
    generator_flags      JSONB NOT NULL DEFAULT '{}'::jsonb,
    notes                TEXT,

    -- Timestamps
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),

    CONSTRAINT rr_columns_nonempty_chk
        CHECK (cardinality(child_columns) >= 1 AND cardinality(parent_columns) >= 1),
    CONSTRAINT rr_composite_len_match_chk
        CHECK (cardinality(child_columns) = cardinality(parent_columns)),
    CONSTRAINT rr_deferrable_logic_chk
        CHECK ((initially_deferred = FALSE) OR ("deferrable" = TRUE)),
    CONSTRAINT rr_availability_status_chk
        CHECK (availability_status IN ('active','deprecated','draft','pending','future')),
    CONSTRAINT rr_relationship_type_chk
        CHECK (relationship_type IN ('foreign_key','logical','join_bridge')),
    CONSTRAINT rr_enforcement_mode_chk
        CHECK (enforcement_mode IN ('auto','db_fk','app_validated','doc_only')),
    CONSTRAINT rr_cardinality_chk
        CHECK (cardinality IS NULL OR cardinality IN ('1:many','1:1','many:many')),
    CONSTRAINT rr_match_type_chk
        CHECK (match_type IN ('simple','full')),
    CONSTRAINT rr_on_delete_chk
        CHECK (on_delete IN ('restrict','cascade','set_null','set_default','no_action')),
    CONSTRAINT rr_on_update_chk
        CHECK (on_update IN ('restrict','cascade','set_null','set_default','no_action')),
    CONSTRAINT rr_child_index_method_chk
        CHECK (child_index_method IN ('btree','hash','gin','gist','brin'))
);

CREATE INDEX IF NOT EXISTS idx_rr_module_status
    ON relationship_registry (module_name, availability_status);
CREATE INDEX IF NOT EXISTS idx_rr_child_lookup
    ON relationship_registry (child_db_engine, child_db_name, child_schema, child_table);
CREATE INDEX IF NOT EXISTS idx_rr_parent_lookup
    ON relationship_registry (parent_db_engine, parent_db_name, parent_schema, parent_table);
CREATE INDEX IF NOT EXISTS idx_rr_type_enforcement
    ON relationship_registry (relationship_type, enforcement_mode);
CREATE INDEX IF NOT EXISTS idx_rr_updated_at
    ON relationship_registry (updated_at);
