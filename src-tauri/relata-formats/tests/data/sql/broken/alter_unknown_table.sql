-- ALTER TABLE on a table that does not exist.
CREATE TABLE t (id integer);
ALTER TABLE ONLY public.missing
    ADD CONSTRAINT missing_pkey PRIMARY KEY (id);
