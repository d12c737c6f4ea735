-- A CHECK whose expression is not in parentheses.
CREATE TABLE t (a integer CHECK a > 0);
CREATE TABLE ok (id integer);
