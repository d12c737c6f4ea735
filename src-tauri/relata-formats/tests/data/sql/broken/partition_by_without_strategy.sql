-- PARTITION BY without its strategy and key.
CREATE TABLE p (a integer) PARTITION BY a;
CREATE TABLE ok (id integer);
