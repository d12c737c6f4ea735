-- A column list that never closes: the next statement still imports.
CREATE TABLE t (a integer, b text;
CREATE TABLE ok (id integer);
