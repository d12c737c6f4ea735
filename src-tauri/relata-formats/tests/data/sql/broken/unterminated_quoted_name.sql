-- A quoted table name that never closes.
CREATE TABLE ok (id integer);
CREATE TABLE "t (a integer);
