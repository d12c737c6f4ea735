-- signal_registry: the data dictionary, one row per column ("signal") or canonical concept.
-- Bindings are physical columns of a table; concepts are canonical definitions that
-- bindings name through concept_name.

CREATE TABLE IF NOT EXISTS signal_registry (
    -- Identity
    signal_id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    schema_name          TEXT,                       -- NULL only for a concept outside any table
    table_name           TEXT,
    column_name          TEXT NOT NULL,
    ordinal_position     INTEGER,                    -- 1-based; required for bindings

    -- Physical shape
    data_type            TEXT NOT NULL,              -- PostgreSQL spelling, e.g. varchar(255), uuid, tenant_plan
    is_nullable          BOOLEAN NOT NULL DEFAULT TRUE,
    column_default       TEXT,                       -- SQL expression, e.g. now() or 'free'

    -- Semantics
    signal_role          TEXT NOT NULL DEFAULT 'attribute',
    row_type             TEXT NOT NULL DEFAULT 'binding',
    concept_name         TEXT,                       -- for a binding: the concept it stores
    connection_type      TEXT NOT NULL DEFAULT 'rw',
    semantic_description TEXT,

    -- Timestamps
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),

    CONSTRAINT sr_signal_uq UNIQUE NULLS NOT DISTINCT (schema_name, table_name, column_name),
    CONSTRAINT sr_table_pair_chk
        CHECK ((schema_name IS NULL) = (table_name IS NULL)),
    CONSTRAINT sr_binding_location_chk
        CHECK (row_type = 'concept' OR (table_name IS NOT NULL AND ordinal_position IS NOT NULL)),
    CONSTRAINT sr_ordinal_chk
        CHECK (ordinal_position IS NULL OR ordinal_position >= 1),
    CONSTRAINT sr_concept_ref_chk
        CHECK (row_type = 'binding' OR concept_name IS NULL),
    CONSTRAINT sr_name_nonempty_chk
        CHECK (length(column_name) >= 1 AND length(data_type) >= 1),
    CONSTRAINT sr_signal_role_chk
        CHECK (signal_role IN ('key','metric','attribute','derived')),
    CONSTRAINT sr_row_type_chk
        CHECK (row_type IN ('concept','binding')),
    CONSTRAINT sr_connection_type_chk
        CHECK (connection_type IN ('r','w','rw'))
);

CREATE INDEX IF NOT EXISTS idx_sr_table
    ON signal_registry (schema_name, table_name, ordinal_position);
CREATE INDEX IF NOT EXISTS idx_sr_concept
    ON signal_registry (concept_name);
CREATE INDEX IF NOT EXISTS idx_sr_updated_at
    ON signal_registry (updated_at);
