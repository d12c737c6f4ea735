-- An index that includes a column the table does not have.
CREATE TABLE t (a integer, b text);
CREATE INDEX t_a ON t (a) INCLUDE (c);
CREATE TABLE ok (id integer);
