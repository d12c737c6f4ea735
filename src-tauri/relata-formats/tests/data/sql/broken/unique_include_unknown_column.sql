-- A unique constraint that includes a column the table does not have.
CREATE TABLE t (
    a integer,
    CONSTRAINT t_a_key UNIQUE (a) INCLUDE (nope)
);
CREATE TABLE ok (id integer);
