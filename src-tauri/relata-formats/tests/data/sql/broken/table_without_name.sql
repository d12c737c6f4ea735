-- A table without a name.
CREATE TABLE (id integer);
CREATE TABLE ok (id integer);
