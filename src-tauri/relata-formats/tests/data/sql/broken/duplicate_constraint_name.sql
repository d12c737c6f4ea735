-- Two CHECK constraints of one name on one table.
CREATE TABLE t (
    a integer,
    CONSTRAINT positive CHECK (a > 0),
    CONSTRAINT positive CHECK (a < 100)
);
CREATE TABLE ok (id integer);
