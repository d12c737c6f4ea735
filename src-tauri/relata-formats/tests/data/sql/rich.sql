-- A hand-written PostgreSQL 15 schema with most of what the SQL import must carry: schemas,
-- enum types, serial and identity columns, composite keys, foreign keys with actions, MATCH
-- FULL and DEFERRABLE, partial and expression indexes, comments, quoted and reserved names,
-- and a foreign-key cycle. Applied to a database, dumped with pg_dump --schema-only, imported.

CREATE SCHEMA auth;
CREATE SCHEMA "Sales Ops";

CREATE TYPE public.tenant_plan AS ENUM ('free', 'starter', 'pro', 'enterprise');
CREATE TYPE auth."User State" AS ENUM ('active', 'it''s locked', 'gone');

CREATE TABLE public.tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name varchar(255) NOT NULL,
    slug varchar(100) NOT NULL,
    plan tenant_plan NOT NULL DEFAULT 'free',
    settings jsonb NOT NULL DEFAULT '{}',
    tags text[] NOT NULL DEFAULT '{}'::text[],
    balance numeric(19,4) NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamp with time zone
);
CREATE UNIQUE INDEX uq_tenants_slug ON public.tenants (slug) WHERE deleted_at IS NULL;
COMMENT ON TABLE public.tenants IS 'Top-level tenant; it''s the isolation unit.';
COMMENT ON COLUMN public.tenants.slug IS 'URL-safe name
on two lines';

CREATE TABLE auth.users (
    id bigserial PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE ON UPDATE RESTRICT,
    email varchar(320) NOT NULL,
    state auth."User State" NOT NULL DEFAULT 'active',
    "Display Name" text,
    "order" integer NOT NULL DEFAULT 1,
    CONSTRAINT users_tenant_email_key UNIQUE (tenant_id, email)
);
CREATE UNIQUE INDEX uq_users_lower_email ON auth.users (tenant_id, lower(email));
CREATE INDEX idx_users_tenant_id ON auth.users USING btree (tenant_id);
COMMENT ON COLUMN auth.users."Display Name" IS 'Shown in the UI';

-- Reserved words as names, a composite key and an identity column.
CREATE TABLE "Sales Ops"."order" (
    tenant_id uuid NOT NULL,
    "number" integer NOT NULL,
    "user" bigint,
    line_no integer GENERATED ALWAYS AS IDENTITY,
    total numeric(12,2) DEFAULT 0.00,
    placed_at timestamp(3) without time zone DEFAULT (now() AT TIME ZONE 'utc'),
    PRIMARY KEY (tenant_id, "number"),
    CONSTRAINT order_user_fkey FOREIGN KEY ("user") REFERENCES auth.users (id) MATCH FULL ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX order_placed_at_idx ON "Sales Ops"."order" USING brin (placed_at);

CREATE TABLE "Sales Ops".order_items (
    tenant_id uuid NOT NULL,
    order_number integer NOT NULL,
    item serial NOT NULL,
    sku varchar(64) NOT NULL,
    quantity smallint NOT NULL DEFAULT 1,
    CONSTRAINT order_items_pkey PRIMARY KEY (tenant_id, order_number, item),
    CONSTRAINT order_items_order_fkey FOREIGN KEY (tenant_id, order_number)
        REFERENCES "Sales Ops"."order" (tenant_id, "number") ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE
);
CREATE INDEX order_items_sku_hash ON "Sales Ops".order_items USING hash (sku);

-- A cycle: each department has a head, each employee a department.
CREATE TABLE public.departments (
    id integer PRIMARY KEY,
    name text NOT NULL,
    head_id integer
);
CREATE TABLE public.employees (
    id integer PRIMARY KEY,
    department_id integer NOT NULL REFERENCES public.departments (id),
    manager_id integer REFERENCES public.employees (id) ON DELETE SET DEFAULT
);
ALTER TABLE public.departments ADD CONSTRAINT departments_head_fkey FOREIGN KEY (head_id) REFERENCES public.employees (id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX employees_department_id_idx ON public.employees (department_id);
COMMENT ON TABLE public.departments IS 'Departments (a cycle with employees)';
