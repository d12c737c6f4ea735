-- A block comment between statements that never closes.
CREATE TABLE ok (id integer);
  /* never closed
CREATE TABLE lost (id integer);
