-- An index on a column the table does not have.
CREATE TABLE t (id integer);
CREATE INDEX t_idx ON t (id, nmae);
