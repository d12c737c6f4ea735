-- A partition of a table that is never created.
CREATE TABLE ok (id integer);
CREATE TABLE t_2025 PARTITION OF events FOR VALUES IN (2025);
