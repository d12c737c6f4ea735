-- table_overview: the catalogue of tables, one row per table.
-- Designed in the style of relationship_registry: TEXT with CHECKed vocabularies,
-- explicit defaults, multi-database aware location columns.

CREATE TABLE IF NOT EXISTS table_overview (
    -- Identity and lifecycle
    table_id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    table_name           TEXT NOT NULL,
    table_prefix         TEXT,                       -- e.g. ref_, fact_; NULL when the convention has none
    schema_name          TEXT NOT NULL DEFAULT 'public',
    module_name          TEXT NOT NULL,              -- owning module = diagram table group
    status               TEXT NOT NULL DEFAULT 'draft',
    purpose              TEXT,

    -- Keys
    primary_key_columns  TEXT[] NOT NULL DEFAULT '{}',  -- ordered; empty when the table has no PK

    -- Location (multi-database aware)
    db_engine            TEXT NOT NULL DEFAULT 'aurora_postgres',
    db_name              TEXT,

    -- Ownership and notes
    owner_team           TEXT,
    notes                TEXT,

    -- Timestamps
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),

    CONSTRAINT to_schema_table_uq UNIQUE (schema_name, table_name),
    CONSTRAINT to_name_nonempty_chk
        CHECK (length(table_name) >= 1 AND length(schema_name) >= 1 AND length(module_name) >= 1),
    CONSTRAINT to_prefix_format_chk
        CHECK (table_prefix IS NULL OR table_prefix ~ '^[a-z][a-z0-9]*_$'),
    CONSTRAINT to_status_chk
        CHECK (status IN ('draft','experimental','stable','legacy','deprecated','retired'))
);

CREATE INDEX IF NOT EXISTS idx_to_module_status
    ON table_overview (module_name, status);
CREATE INDEX IF NOT EXISTS idx_to_prefix
    ON table_overview (table_prefix);
CREATE INDEX IF NOT EXISTS idx_to_updated_at
    ON table_overview (updated_at);
