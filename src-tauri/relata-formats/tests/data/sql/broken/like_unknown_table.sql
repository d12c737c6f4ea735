-- LIKE of a table that is never created.
CREATE TABLE ok (id integer);
CREATE TABLE copy (id integer, LIKE missing INCLUDING ALL);
