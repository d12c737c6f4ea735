-- The search path hides the referenced table: users is in public, the path says app.
CREATE SCHEMA app;
CREATE TABLE users (id integer PRIMARY KEY);
SET search_path = app;
CREATE TABLE orders (user_id integer REFERENCES users (id));
CREATE TABLE ok (id integer);
