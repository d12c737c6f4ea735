-- LIKE with an option PostgreSQL does not have.
CREATE TABLE ok (id integer);
CREATE TABLE copy (LIKE ok INCLUDING EVERYTHING);
