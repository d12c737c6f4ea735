-- relata_extras: what Relata keeps beside the three registry tables (a workspace's relata.json),
-- so a team that syncs through this database shares it too. One row per entry, each a JSON
-- document whose top-level fields are what a sync conflict lists:
--   module  one per module (key: its name; document: color, note, implicit),
--   enum    one per enum type (key: schema.name; document: values),
--   table   one per table with extras (key and id: its table_id; document: unique_constraints,
--           indexes, color, primary_key_name, checks, exclusions, partition_by, partition_of,
--           columns (identity, generation, collation, storage, statistics), pin),
--   kept    one per statement kept verbatim (key: kind, object and table; document: position,
--           kind, schema, name, on, sql, search_path),
--   dbml    at most one: what a DBML source said beyond the registries (key: dbml; document:
--           project, imported, tables, refs, partials, items).
--   mermaid one for what a Mermaid diagram said beyond the registries (key: diagram; document:
--           front_matter, direction, acc_title, acc_descr, entities, lines, class_defs, styles,
--           subgraphs).
-- The documents spell their fields as relata.json does (docs/registry-folder.md). Ids other
-- than a table's are derived from entry_kind and entry_key, so the same entry made in two
-- workspaces is the same row. updated_at is the version push's optimistic lock matches, as in
-- the registry tables. relata push creates this table when it is missing (docs/sync.md).

CREATE TABLE IF NOT EXISTS relata_extras (
    entry_id             UUID PRIMARY KEY,
    entry_kind           TEXT NOT NULL,
    entry_key            TEXT NOT NULL,
    document             JSONB NOT NULL DEFAULT '{}'::jsonb,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),

    CONSTRAINT re_kind_key_uq UNIQUE (entry_kind, entry_key),
    CONSTRAINT re_entry_kind_chk
        CHECK (entry_kind IN ('module','enum','table','kept','dbml','mermaid')),
    CONSTRAINT re_key_nonempty_chk
        CHECK (length(entry_key) >= 1),
    CONSTRAINT re_document_object_chk
        CHECK (jsonb_typeof(document) = 'object')
);

CREATE INDEX IF NOT EXISTS idx_re_updated_at
    ON relata_extras (updated_at);
