-- A foreign key to a table that is never created.
CREATE TABLE orders (
    id integer PRIMARY KEY,
    user_id integer REFERENCES public.users (id)
);
