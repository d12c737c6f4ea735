-- A generated column without STORED, which PostgreSQL 15 does not have.
CREATE TABLE t (
    a integer,
    b integer GENERATED ALWAYS AS (a * 2)
);
CREATE TABLE ok (id integer);
