-- A composite foreign key with one column too few on its parent side.
CREATE TABLE p (a integer, b integer, PRIMARY KEY (a, b));
CREATE TABLE c (a integer, b integer,
    CONSTRAINT c_p_fkey FOREIGN KEY (a, b) REFERENCES p (a));
