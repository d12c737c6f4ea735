-- Relata workspace, version 2: the sync base of shared registry sync (docs/sync.md): for every
-- registry row, a hash of it and its updated_at as the shared database last held it. The
-- database's URL (never with a password) is relata_meta's `sync_url`.

CREATE TABLE sync_base (
    registry TEXT NOT NULL CHECK (registry IN ('table_overview', 'signal_registry', 'relationship_registry')),
    id TEXT NOT NULL,
    hash TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (registry, id)
) STRICT;
