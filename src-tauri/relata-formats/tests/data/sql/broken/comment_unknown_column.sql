-- A comment on a column the table does not have.
CREATE TABLE t (id integer);
COMMENT ON COLUMN t.idd IS 'typo';
