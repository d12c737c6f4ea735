-- An identity added to a column that already is one.
CREATE TABLE t (id integer GENERATED ALWAYS AS IDENTITY);
ALTER TABLE ONLY t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME t_id_seq);
CREATE TABLE ok (id integer);
