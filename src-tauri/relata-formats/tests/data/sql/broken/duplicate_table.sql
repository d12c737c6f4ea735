-- The same table twice.
CREATE TABLE t (id integer);
CREATE TABLE public.t (id integer);
