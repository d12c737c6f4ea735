-- Two words where a type's clauses go.
CREATE TABLE t (
    id integer PRIMARY KEY,
    name text NOT NULL DEFAULT 'x' SPARKLING
);
