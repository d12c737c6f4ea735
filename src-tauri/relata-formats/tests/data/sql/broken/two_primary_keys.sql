-- A second primary key.
CREATE TABLE t (id integer PRIMARY KEY, code text);
ALTER TABLE ONLY t
    ADD CONSTRAINT t_code_pkey PRIMARY KEY (code);
