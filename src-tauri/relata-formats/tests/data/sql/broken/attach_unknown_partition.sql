-- A partition attached that is never created.
CREATE TABLE events (year integer) PARTITION BY LIST (year);
ALTER TABLE ONLY events ATTACH PARTITION events_2025 FOR VALUES IN (2025);
CREATE TABLE ok (id integer);
