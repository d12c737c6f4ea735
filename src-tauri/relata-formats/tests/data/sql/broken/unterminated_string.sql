-- A string that never closes swallows the rest of the file, as in psql.
CREATE TABLE ok (id integer);
CREATE TABLE t (
    a text DEFAULT 'oops
);
