-- A dollar-quoted function body that never closes.
CREATE TABLE ok (id integer);
CREATE FUNCTION f() RETURNS integer AS $body$ SELECT 1;
