--
-- PostgreSQL database dump
--

\restrict 4WQOlygWMCqJImXemjFCtAFtqvRDrCyfNIzopnsPhBRgMGgnp0NKdU41vpcBhGG

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: app; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA app;


ALTER SCHEMA app OWNER TO postgres;

--
-- Name: audit; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA audit;


ALTER SCHEMA audit OWNER TO postgres;

--
-- Name: billing; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA billing;


ALTER SCHEMA billing OWNER TO postgres;

--
-- Name: SCHEMA billing; Type: COMMENT; Schema: -; Owner: postgres
--

COMMENT ON SCHEMA billing IS 'Money in and out.';


--
-- Name: german; Type: COLLATION; Schema: app; Owner: postgres
--

CREATE COLLATION app.german (provider = libc, locale = 'C');


ALTER COLLATION app.german OWNER TO postgres;

--
-- Name: nocase; Type: COLLATION; Schema: app; Owner: postgres
--

CREATE COLLATION app.nocase (provider = icu, deterministic = false, locale = 'und-u-ks-level2');


ALTER COLLATION app.nocase OWNER TO postgres;

--
-- Name: btree_gist; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;


--
-- Name: EXTENSION btree_gist; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION btree_gist IS 'support for indexing common datatypes in GiST';


--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;


--
-- Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';


--
-- Name: hstore; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public;


--
-- Name: EXTENSION hstore; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION hstore IS 'data type for storing sets of (key, value) pairs';


--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


--
-- Name: email; Type: DOMAIN; Schema: app; Owner: postgres
--

CREATE DOMAIN app.email AS public.citext
	CONSTRAINT email_check CHECK ((VALUE OPERATOR(public.~) '^[^@]+@[^@]+$'::public.citext));


ALTER DOMAIN app.email OWNER TO postgres;

--
-- Name: money_amount; Type: TYPE; Schema: app; Owner: postgres
--

CREATE TYPE app.money_amount AS (
	currency character(3),
	cents bigint
);


ALTER TYPE app.money_amount OWNER TO postgres;

--
-- Name: order_state; Type: TYPE; Schema: app; Owner: postgres
--

CREATE TYPE app.order_state AS ENUM (
    'new',
    'paid',
    'shipped',
    'cancelled'
);


ALTER TYPE app.order_state OWNER TO postgres;

--
-- Name: price_range; Type: TYPE; Schema: app; Owner: postgres
--

CREATE TYPE app.price_range AS RANGE (
    subtype = numeric,
    multirange_type_name = app.price_multirange
);


ALTER TYPE app.price_range OWNER TO postgres;

--
-- Name: year; Type: DOMAIN; Schema: app; Owner: postgres
--

CREATE DOMAIN app.year AS integer
	CONSTRAINT year_check CHECK (((VALUE >= 1901) AND (VALUE <= 2155)));


ALTER DOMAIN app.year OWNER TO postgres;

--
-- Name: normalized(text); Type: FUNCTION; Schema: app; Owner: postgres
--

CREATE FUNCTION app.normalized(text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $_$ SELECT lower(trim($1)) $_$;


ALTER FUNCTION app.normalized(text) OWNER TO postgres;

--
-- Name: touch(); Type: FUNCTION; Schema: app; Owner: postgres
--

CREATE FUNCTION app.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END $$;


ALTER FUNCTION app.touch() OWNER TO postgres;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: customers; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.customers (
    id bigint NOT NULL,
    email app.email NOT NULL,
    name text NOT NULL COLLATE app.nocase,
    code text DEFAULT app.normalized('NEW'::text) NOT NULL,
    sort_name text COLLATE app.german,
    born app.year,
    tags public.hstore,
    region_id integer,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    name_upper text GENERATED ALWAYS AS (upper(name)) STORED,
    CONSTRAINT customers_name_not_blank CHECK ((length(name) > 0))
);
ALTER TABLE ONLY app.customers ALTER COLUMN sort_name SET STORAGE EXTERNAL;
ALTER TABLE ONLY app.customers ALTER COLUMN tags SET STATISTICS 500;


ALTER TABLE app.customers OWNER TO postgres;

--
-- Name: TABLE customers; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON TABLE app.customers IS 'People and companies who order.';


--
-- Name: COLUMN customers.email; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON COLUMN app.customers.email IS 'Where receipts go.';


--
-- Name: CONSTRAINT customers_name_not_blank ON customers; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON CONSTRAINT customers_name_not_blank ON app.customers IS 'A name is never empty.';


--
-- Name: active_customers; Type: VIEW; Schema: app; Owner: postgres
--

CREATE VIEW app.active_customers AS
 SELECT customers.id,
    customers.email,
    customers.name
   FROM app.customers
  WHERE (customers.code <> 'gone'::text);


ALTER TABLE app.active_customers OWNER TO postgres;

--
-- Name: VIEW active_customers; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON VIEW app.active_customers IS 'Customers still with us.';


--
-- Name: customers_id_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

ALTER TABLE app.customers ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app.customers_id_seq
    START WITH 1000
    INCREMENT BY 10
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: orders; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.orders (
    id bigint NOT NULL,
    placed_on date NOT NULL,
    customer_id bigint NOT NULL,
    number integer NOT NULL,
    state app.order_state DEFAULT 'new'::app.order_state NOT NULL,
    amount app.money_amount,
    total numeric(12,2) NOT NULL,
    CONSTRAINT orders_total_check CHECK ((total >= (0)::numeric))
)
PARTITION BY RANGE (placed_on);


ALTER TABLE app.orders OWNER TO postgres;

--
-- Name: order_number_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

CREATE SEQUENCE app.order_number_seq
    AS integer
    START WITH 500
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE app.order_number_seq OWNER TO postgres;

--
-- Name: order_number_seq; Type: SEQUENCE OWNED BY; Schema: app; Owner: postgres
--

ALTER SEQUENCE app.order_number_seq OWNED BY app.orders.number;


--
-- Name: orders_2025; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.orders_2025 (
    id bigint NOT NULL,
    placed_on date NOT NULL,
    customer_id bigint NOT NULL,
    number integer DEFAULT nextval('app.order_number_seq'::regclass) NOT NULL,
    state app.order_state DEFAULT 'new'::app.order_state NOT NULL,
    amount app.money_amount,
    total numeric(12,2) NOT NULL,
    CONSTRAINT orders_total_check CHECK ((total >= (0)::numeric))
);


ALTER TABLE app.orders_2025 OWNER TO postgres;

--
-- Name: orders_2026; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.orders_2026 (
    id bigint NOT NULL,
    placed_on date NOT NULL,
    customer_id bigint NOT NULL,
    number integer DEFAULT nextval('app.order_number_seq'::regclass) NOT NULL,
    state app.order_state DEFAULT 'new'::app.order_state NOT NULL,
    amount app.money_amount,
    total numeric(12,2) NOT NULL,
    CONSTRAINT orders_total_check CHECK ((total >= (0)::numeric))
);


ALTER TABLE app.orders_2026 OWNER TO postgres;

--
-- Name: orders_other; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.orders_other (
    id bigint NOT NULL,
    placed_on date NOT NULL,
    customer_id bigint NOT NULL,
    number integer DEFAULT nextval('app.order_number_seq'::regclass) NOT NULL,
    state app.order_state DEFAULT 'new'::app.order_state NOT NULL,
    amount app.money_amount,
    total numeric(12,2) NOT NULL,
    CONSTRAINT orders_total_check CHECK ((total >= (0)::numeric))
);


ALTER TABLE app.orders_other OWNER TO postgres;

--
-- Name: regions; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.regions (
    id integer NOT NULL,
    name text NOT NULL,
    parent_id integer,
    CONSTRAINT regions_name_check CHECK ((name <> ''::text))
);


ALTER TABLE app.regions OWNER TO postgres;

--
-- Name: regions_id_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

ALTER TABLE app.regions ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME app.regions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    MAXVALUE 100000
    CACHE 5
);


--
-- Name: daily_totals; Type: MATERIALIZED VIEW; Schema: audit; Owner: postgres
--

CREATE MATERIALIZED VIEW audit.daily_totals AS
 SELECT orders.placed_on,
    sum(orders.total) AS total
   FROM app.orders
  GROUP BY orders.placed_on
  WITH NO DATA;


ALTER TABLE audit.daily_totals OWNER TO postgres;

--
-- Name: invoices; Type: TABLE; Schema: billing; Owner: postgres
--

CREATE TABLE billing.invoices (
    id bigint NOT NULL,
    country character(2) NOT NULL,
    issued_on date NOT NULL,
    order_id bigint,
    order_placed_on date,
    price app.price_range
)
PARTITION BY LIST (country);


ALTER TABLE billing.invoices OWNER TO postgres;

--
-- Name: invoices_eu; Type: TABLE; Schema: billing; Owner: postgres
--

CREATE TABLE billing.invoices_eu (
    id bigint NOT NULL,
    country character(2) NOT NULL,
    issued_on date NOT NULL,
    order_id bigint,
    order_placed_on date,
    price app.price_range
)
PARTITION BY RANGE (issued_on);


ALTER TABLE billing.invoices_eu OWNER TO postgres;

--
-- Name: invoices_eu_2025; Type: TABLE; Schema: billing; Owner: postgres
--

CREATE TABLE billing.invoices_eu_2025 (
    id bigint NOT NULL,
    country character(2) NOT NULL,
    issued_on date NOT NULL,
    order_id bigint,
    order_placed_on date,
    price app.price_range
);


ALTER TABLE billing.invoices_eu_2025 OWNER TO postgres;

--
-- Name: invoices_us; Type: TABLE; Schema: billing; Owner: postgres
--

CREATE TABLE billing.invoices_us (
    id bigint NOT NULL,
    country character(2) NOT NULL,
    issued_on date NOT NULL,
    order_id bigint,
    order_placed_on date,
    price app.price_range
);


ALTER TABLE billing.invoices_us OWNER TO postgres;

--
-- Name: payments; Type: TABLE; Schema: billing; Owner: postgres
--

CREATE TABLE billing.payments (
    id bigint NOT NULL,
    invoice_ref text NOT NULL,
    paid_at timestamp with time zone NOT NULL
)
PARTITION BY HASH (id);


ALTER TABLE billing.payments OWNER TO postgres;

--
-- Name: payments_0; Type: TABLE; Schema: billing; Owner: postgres
--

CREATE TABLE billing.payments_0 (
    id bigint NOT NULL,
    invoice_ref text NOT NULL,
    paid_at timestamp with time zone NOT NULL
);


ALTER TABLE billing.payments_0 OWNER TO postgres;

--
-- Name: payments_1; Type: TABLE; Schema: billing; Owner: postgres
--

CREATE TABLE billing.payments_1 (
    id bigint NOT NULL,
    invoice_ref text NOT NULL,
    paid_at timestamp with time zone NOT NULL
);


ALTER TABLE billing.payments_1 OWNER TO postgres;

--
-- Name: rooms; Type: TABLE; Schema: billing; Owner: postgres
--

CREATE TABLE billing.rooms (
    room integer NOT NULL,
    during tstzrange NOT NULL
);


ALTER TABLE billing.rooms OWNER TO postgres;

--
-- Name: orders_2025; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.orders ATTACH PARTITION app.orders_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');


--
-- Name: orders_2026; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.orders ATTACH PARTITION app.orders_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');


--
-- Name: orders_other; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.orders ATTACH PARTITION app.orders_other DEFAULT;


--
-- Name: invoices_eu; Type: TABLE ATTACH; Schema: billing; Owner: postgres
--

ALTER TABLE ONLY billing.invoices ATTACH PARTITION billing.invoices_eu FOR VALUES IN ('DE', 'FR', 'NL');


--
-- Name: invoices_eu_2025; Type: TABLE ATTACH; Schema: billing; Owner: postgres
--

ALTER TABLE ONLY billing.invoices_eu ATTACH PARTITION billing.invoices_eu_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');


--
-- Name: invoices_us; Type: TABLE ATTACH; Schema: billing; Owner: postgres
--

ALTER TABLE ONLY billing.invoices ATTACH PARTITION billing.invoices_us FOR VALUES IN ('US');


--
-- Name: payments_0; Type: TABLE ATTACH; Schema: billing; Owner: postgres
--

ALTER TABLE ONLY billing.payments ATTACH PARTITION billing.payments_0 FOR VALUES WITH (modulus 2, remainder 0);


--
-- Name: payments_1; Type: TABLE ATTACH; Schema: billing; Owner: postgres
--

ALTER TABLE ONLY billing.payments ATTACH PARTITION billing.payments_1 FOR VALUES WITH (modulus 2, remainder 1);


--
-- Name: orders number; Type: DEFAULT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.orders ALTER COLUMN number SET DEFAULT nextval('app.order_number_seq'::regclass);


--
-- Name: customers customers_born_recent; Type: CHECK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE app.customers
    ADD CONSTRAINT customers_born_recent CHECK (((born)::integer > 1950)) NOT VALID;


--
-- Name: customers customers_code_key; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.customers
    ADD CONSTRAINT customers_code_key UNIQUE NULLS NOT DISTINCT (code);


--
-- Name: customers customers_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);


--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id, placed_on);


--
-- Name: orders_2025 orders_2025_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.orders_2025
    ADD CONSTRAINT orders_2025_pkey PRIMARY KEY (id, placed_on);


--
-- Name: orders_2026 orders_2026_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.orders_2026
    ADD CONSTRAINT orders_2026_pkey PRIMARY KEY (id, placed_on);


--
-- Name: orders_other orders_other_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.orders_other
    ADD CONSTRAINT orders_other_pkey PRIMARY KEY (id, placed_on);


--
-- Name: regions regions_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.regions
    ADD CONSTRAINT regions_pkey PRIMARY KEY (id);


--
-- Name: invoices invoices_pkey; Type: CONSTRAINT; Schema: billing; Owner: postgres
--

ALTER TABLE ONLY billing.invoices
    ADD CONSTRAINT invoices_pkey PRIMARY KEY (id, country, issued_on);


--
-- Name: invoices_eu invoices_eu_pkey; Type: CONSTRAINT; Schema: billing; Owner: postgres
--

ALTER TABLE ONLY billing.invoices_eu
    ADD CONSTRAINT invoices_eu_pkey PRIMARY KEY (id, country, issued_on);


--
-- Name: invoices_eu_2025 invoices_eu_2025_pkey; Type: CONSTRAINT; Schema: billing; Owner: postgres
--

ALTER TABLE ONLY billing.invoices_eu_2025
    ADD CONSTRAINT invoices_eu_2025_pkey PRIMARY KEY (id, country, issued_on);


--
-- Name: invoices_us invoices_us_pkey; Type: CONSTRAINT; Schema: billing; Owner: postgres
--

ALTER TABLE ONLY billing.invoices_us
    ADD CONSTRAINT invoices_us_pkey PRIMARY KEY (id, country, issued_on);


--
-- Name: payments payments_ref_key; Type: CONSTRAINT; Schema: billing; Owner: postgres
--

ALTER TABLE ONLY billing.payments
    ADD CONSTRAINT payments_ref_key UNIQUE (id, invoice_ref) INCLUDE (paid_at) DEFERRABLE;


--
-- Name: payments_0 payments_0_id_invoice_ref_paid_at_key; Type: CONSTRAINT; Schema: billing; Owner: postgres
--

ALTER TABLE ONLY billing.payments_0
    ADD CONSTRAINT payments_0_id_invoice_ref_paid_at_key UNIQUE (id, invoice_ref) INCLUDE (paid_at) DEFERRABLE;


--
-- Name: payments_1 payments_1_id_invoice_ref_paid_at_key; Type: CONSTRAINT; Schema: billing; Owner: postgres
--

ALTER TABLE ONLY billing.payments_1
    ADD CONSTRAINT payments_1_id_invoice_ref_paid_at_key UNIQUE (id, invoice_ref) INCLUDE (paid_at) DEFERRABLE;


--
-- Name: rooms rooms_no_overlap; Type: CONSTRAINT; Schema: billing; Owner: postgres
--

ALTER TABLE ONLY billing.rooms
    ADD CONSTRAINT rooms_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);


--
-- Name: customers_code_lower; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX customers_code_lower ON app.customers USING btree (app.normalized(code)) WHERE (code <> ''::text);


--
-- Name: customers_name_trgm; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX customers_name_trgm ON app.customers USING gin (name public.gin_trgm_ops);


--
-- Name: customers_sort; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX customers_sort ON app.customers USING btree (sort_name COLLATE "C" text_pattern_ops DESC) INCLUDE (email) WITH (fillfactor='70');


--
-- Name: INDEX customers_sort; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON INDEX app.customers_sort IS 'For the alphabetical list.';


--
-- Name: orders_customer; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX orders_customer ON ONLY app.orders USING btree (customer_id, placed_on DESC);


--
-- Name: orders_2025_customer_id_placed_on_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX orders_2025_customer_id_placed_on_idx ON app.orders_2025 USING btree (customer_id, placed_on DESC);


--
-- Name: orders_2026_customer_id_placed_on_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX orders_2026_customer_id_placed_on_idx ON app.orders_2026 USING btree (customer_id, placed_on DESC);


--
-- Name: orders_other_customer_id_placed_on_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX orders_other_customer_id_placed_on_idx ON app.orders_other USING btree (customer_id, placed_on DESC);


--
-- Name: daily_totals_day; Type: INDEX; Schema: audit; Owner: postgres
--

CREATE UNIQUE INDEX daily_totals_day ON audit.daily_totals USING btree (placed_on);


--
-- Name: orders_2025_customer_id_placed_on_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.orders_customer ATTACH PARTITION app.orders_2025_customer_id_placed_on_idx;


--
-- Name: orders_2025_pkey; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.orders_pkey ATTACH PARTITION app.orders_2025_pkey;


--
-- Name: orders_2026_customer_id_placed_on_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.orders_customer ATTACH PARTITION app.orders_2026_customer_id_placed_on_idx;


--
-- Name: orders_2026_pkey; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.orders_pkey ATTACH PARTITION app.orders_2026_pkey;


--
-- Name: orders_other_customer_id_placed_on_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.orders_customer ATTACH PARTITION app.orders_other_customer_id_placed_on_idx;


--
-- Name: orders_other_pkey; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.orders_pkey ATTACH PARTITION app.orders_other_pkey;


--
-- Name: invoices_eu_2025_pkey; Type: INDEX ATTACH; Schema: billing; Owner: postgres
--

ALTER INDEX billing.invoices_eu_pkey ATTACH PARTITION billing.invoices_eu_2025_pkey;


--
-- Name: invoices_eu_pkey; Type: INDEX ATTACH; Schema: billing; Owner: postgres
--

ALTER INDEX billing.invoices_pkey ATTACH PARTITION billing.invoices_eu_pkey;


--
-- Name: invoices_us_pkey; Type: INDEX ATTACH; Schema: billing; Owner: postgres
--

ALTER INDEX billing.invoices_pkey ATTACH PARTITION billing.invoices_us_pkey;


--
-- Name: payments_0_id_invoice_ref_paid_at_key; Type: INDEX ATTACH; Schema: billing; Owner: postgres
--

ALTER INDEX billing.payments_ref_key ATTACH PARTITION billing.payments_0_id_invoice_ref_paid_at_key;


--
-- Name: payments_1_id_invoice_ref_paid_at_key; Type: INDEX ATTACH; Schema: billing; Owner: postgres
--

ALTER INDEX billing.payments_ref_key ATTACH PARTITION billing.payments_1_id_invoice_ref_paid_at_key;


--
-- Name: rooms rooms_no_delete; Type: RULE; Schema: billing; Owner: postgres
--

CREATE RULE rooms_no_delete AS
    ON DELETE TO billing.rooms DO INSTEAD NOTHING;


--
-- Name: customers customers_touch; Type: TRIGGER; Schema: app; Owner: postgres
--

CREATE TRIGGER customers_touch BEFORE UPDATE ON app.customers FOR EACH ROW EXECUTE FUNCTION app.touch();


--
-- Name: customers customers_region_fkey; Type: FK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.customers
    ADD CONSTRAINT customers_region_fkey FOREIGN KEY (region_id) REFERENCES app.regions(id) ON DELETE SET NULL;


--
-- Name: orders orders_customer_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE app.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES app.customers(id);


--
-- Name: regions regions_parent_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.regions
    ADD CONSTRAINT regions_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES app.regions(id);


--
-- Name: invoices invoices_order_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: postgres
--

ALTER TABLE billing.invoices
    ADD CONSTRAINT invoices_order_fkey FOREIGN KEY (order_id, order_placed_on) REFERENCES app.orders(id, placed_on) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: customers; Type: ROW SECURITY; Schema: app; Owner: postgres
--

ALTER TABLE app.customers ENABLE ROW LEVEL SECURITY;

--
-- Name: customers customers_own; Type: POLICY; Schema: app; Owner: postgres
--

CREATE POLICY customers_own ON app.customers FOR SELECT USING ((code = CURRENT_USER));


--
-- Name: SCHEMA app; Type: ACL; Schema: -; Owner: postgres
--

GRANT USAGE ON SCHEMA app TO relata_reader;


--
-- Name: TABLE customers; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT ON TABLE app.customers TO relata_reader;


--
-- PostgreSQL database dump complete
--

\unrestrict 4WQOlygWMCqJImXemjFCtAFtqvRDrCyfNIzopnsPhBRgMGgnp0NKdU41vpcBhGG

