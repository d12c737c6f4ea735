-- LIKE copies a column the table also defines.
CREATE TABLE ok (id integer, name text);
CREATE TABLE copy (name text, LIKE ok);
