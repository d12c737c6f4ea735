-- Statistics for a column the table does not have.
CREATE TABLE t (a integer);
ALTER TABLE ONLY t ALTER COLUMN b SET STATISTICS 500;
CREATE TABLE ok (id integer);
