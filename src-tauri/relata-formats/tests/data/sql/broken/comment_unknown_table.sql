-- A comment on a table that is never created.
CREATE TABLE ok (id integer);
COMMENT ON TABLE nowhere IS 'gone';
