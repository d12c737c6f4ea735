-- An EXCLUDE element list that never closes.
CREATE TABLE r (x integer, EXCLUDE USING gist (x WITH =);
CREATE TABLE ok (id integer);
