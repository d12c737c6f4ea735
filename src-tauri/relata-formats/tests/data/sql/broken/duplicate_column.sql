-- The same column twice.
CREATE TABLE t (
    id integer,
    ID bigint
);
