-- Relata workspace, version 3: the sync base also records the rows of relata_extras, Relata's
-- own data in the shared database (docs/sync.md). SQLite cannot change a CHECK in place, so the
-- table is made again with the wider one and its rows copied over.

CREATE TABLE sync_base_v3 (
    registry TEXT NOT NULL CHECK (registry IN ('table_overview', 'signal_registry', 'relationship_registry', 'relata_extras')),
    id TEXT NOT NULL,
    hash TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (registry, id)
) STRICT;
INSERT INTO sync_base_v3 (registry, id, hash, updated_at) SELECT registry, id, hash, updated_at FROM sync_base;
DROP TABLE sync_base;
ALTER TABLE sync_base_v3 RENAME TO sync_base;
