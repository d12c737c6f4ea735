-- A table dropped that was never created, without IF EXISTS.
CREATE TABLE ok (id integer);
DROP TABLE nowhere;
