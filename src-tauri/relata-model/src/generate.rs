//! Deterministic synthetic registries: large ones shaped like real ERDs, for tests and
//! benchmarks at 200 / 1,000 / 3,000 tables, and a small adversarial one whose names break
//! naive exporters (spaces, quotes, reserved words, unicode, 63-byte names).
//!
//! Everything here is a pure function of its options: the same options give the same
//! registry, ids included, on every machine.

use uuid::Uuid;

use crate::ids::{RelationshipId, SignalId, TableId, TableRef};
use crate::registry::{EnumType, EnumValue, Module, Registry};
use crate::relationship::{Relationship, RelationshipEnd};
use crate::kept::{KeptKind, KeptObject};
use crate::signal::{Identity, Signal};
use crate::table::{CheckConstraint, Index, IndexPart, PartitionKey, PartitionOf, PartitionStrategy, Table, UniqueConstraint};
use crate::time::Timestamp;
use crate::vocab::{
    AvailabilityStatus, Cardinality, EnforcementMode, IndexMethod, LineageKind,
    MatchType, ReferentialAction, RelationshipType, SignalRole, TableStatus,
};

/// What [`generate`] builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Number of tables, join tables included.
    pub tables: usize,
    /// Seed of the pseudo-random choices; another seed gives another registry of the same shape.
    pub seed: u64,
    /// Add the PostgreSQL objects beyond tables and keys (see [`generate`]): CHECKs, identity
    /// columns, columns on a kept domain, a kept composite type and an enum type, a kept
    /// function, and partitioned tables with their partitions. Off, the registry is the plain
    /// one the layout and export benchmarks and their fixtures pin.
    pub postgres: bool,
}

impl GenerateOptions {
    /// The seed used when none is given, so `relata generate 1000` is the same everywhere.
    pub const DEFAULT_SEED: u64 = 0x5EED_2026;

    /// `tables` tables with the default seed.
    pub fn new(tables: usize) -> Self {
        Self { tables, seed: Self::DEFAULT_SEED, postgres: false }
    }
}

/// A registry with the shape of real ERDs (the shape the layout and export benchmarks use):
/// modules of 5–40 tables, about 1.3 relationships per table of which about 13% cross
/// modules, composite keys referenced by composite FKs, self-references, a few cycles, `rl_`
/// join tables with two FKs each, logical relationships with lineage kinds, and a few
/// relationships that are not active.
///
/// With [`GenerateOptions::postgres`], on top of that (from a random stream of its own, so
/// the rest is the same registry): CHECKs on about one table in six (`amount >= 0`,
/// `quantity >= 0`), a `row_no` identity column on one in seven (ALWAYS or BY DEFAULT), a
/// `balance` column on the kept domain `core.positive_amount`, a `price` column on the kept
/// composite type `core.price_pair` and a `priority` column on the enum type `core.priority`
/// on one in seven each, the kept function `core.non_negative`, and per module a partitioned
/// `fact_event_log_…` table (by range of `at`) with two yearly partitions, which come on top
/// of the `tables` asked for.
pub fn generate(options: &GenerateOptions) -> Registry {
    let mut g = Generator::new(options.seed);
    g.build(options.tables);
    if options.postgres {
        g.postgres_objects(options.seed);
    }
    g.finish()
}

/// A small registry whose every name is hard to print: schemas and tables with spaces,
/// capitals, double and single quotes, reserved words (`order`, `user`, `select`), unicode,
/// 63-byte names (PostgreSQL's limit, so every generated constraint name must be shortened),
/// columns named like types, notes with quotes, backslashes and newlines, a composite FK,
/// a self-reference and a two-table cycle.
pub fn adversarial() -> Registry {
    let mut g = Generator::new(7);
    let long_a = "a".repeat(55) + "_parents"; // 63 bytes
    let long_b = "b".repeat(56) + "_child"; // 62 bytes
    let long_col = "c".repeat(60) + "_id"; // 63 bytes
    assert_eq!((long_a.len(), long_b.len(), long_col.len()), (63, 62, 63));

    g.module("Sales & \"Ops\"", Some("#B03A48"), Some("Quotes \"double\" and 'single', a backslash \\ and\na second line."));
    g.module("naïve module", None, None);
    g.module("order", Some("#2E8B57"), None);

    let order_table = g.table("Sales Dept", "order", "Sales & \"Ops\"", &[("Order ID", "integer")], Some("The customer's \"order\" header.\nSecond line with a backslash \\."));
    g.column(order_table, "user", "text", true, Some("'anonymous'::text"), Some("Who placed it; the column is named `user`."));
    g.column(order_table, "timestamp", "timestamp with time zone", false, Some("now()"), Some("A column named like a type."));
    g.column(order_table, "text", "text", true, None, Some("Another one: text text."));
    g.column(order_table, "amount", "numeric(12,2)", false, Some("0"), Some("Decimal with precision and scale, which Mermaid's grammar rejects as written."));
    g.tables[order_table].unique_constraints.push(UniqueConstraint::new(None, vec!["user".into(), "timestamp".into()]));
    g.tables[order_table].indexes.push(Index {
        name: None,
        parts: vec![IndexPart::expression("lower(\"text\")")],
        method: IndexMethod::Btree,
        unique: false,
        predicate: Some("\"text\" IS NOT NULL".into()),
        note: Some("An expression index with a predicate.".into()),
        ..Index::default()
    });

    let user_table = g.table("order", "user", "order", &[("select", "bigint")], Some("A reserved word in a reserved-word schema."));
    g.column(user_table, "O'Brien \"nick\"", "varchar(80)", true, None, Some("Quotes in a column name."));
    g.column(user_table, "größe", "real", true, None, Some("Unicode: größe, 表, emoji-free."));
    g.column(user_table, "manager select", "bigint", true, None, Some("Self-reference to user."));
    g.column(user_table, "last order", "integer", true, None, Some("Closes a cycle with \"order\"."));

    g.column(order_table, "user select", "bigint", false, None, Some("FK to order.user."));

    let parents = g.table("naïve schema", &long_a, "naïve module", &[("tenant", "uuid"), ("code", "varchar(32)")], Some("A 63-byte table name with a composite key."));
    g.column(parents, "表", "text", true, Some("'n/a'"), Some("A CJK column name."));
    let child = g.table("naïve schema", &long_b, "naïve module", &[("id", "uuid")], None);
    g.column(child, &long_col, "uuid", false, None, Some("A 63-byte column name."));
    g.column(child, "parent code", "varchar(32)", false, None, None);
    g.tables[child].indexes.push(Index {
        name: None,
        parts: vec![IndexPart::column(long_col.clone())],
        method: IndexMethod::Hash,
        unique: false,
        predicate: None,
        note: None,
        ..Index::default()
    });

    let enum_type = EnumType {
        schema: "Sales Dept".into(),
        name: "order state".into(),
        values: vec![
            EnumValue { name: "new".into(), note: None },
            EnumValue { name: "it's shipped".into(), note: Some("A quote in a value.".into()) },
            EnumValue { name: "Ünpaid".into(), note: None },
        ],
    };
    g.column(order_table, "state", "\"Sales Dept\".\"order state\"", false, Some("'new'::\"Sales Dept\".\"order state\""), Some("An enum-typed column."));
    g.enums.push(enum_type);

    let fk = g.relationship(order_table, &["user select"], user_table, &["select"], "Sales & \"Ops\"");
    g.relationships[fk].on_delete = ReferentialAction::Cascade;
    g.relationships[fk].notes = Some("Order → \"user\"; it's the main FK.".into());
    let selfref = g.relationship(user_table, &["manager select"], user_table, &["select"], "order");
    g.relationships[selfref].is_required = false;
    g.relationships[selfref].on_delete = ReferentialAction::SetNull;
    let cycle = g.relationship(user_table, &["last order"], order_table, &["Order ID"], "order");
    g.relationships[cycle].is_required = false;
    g.relationships[cycle].deferrable = true;
    g.relationships[cycle].initially_deferred = true;
    g.relationships[cycle].on_delete = ReferentialAction::SetNull;
    let composite = g.relationship(child, &[long_col.as_str(), "parent code"], parents, &["tenant", "code"], "naïve module");
    g.relationships[composite].match_type = MatchType::Full;
    g.relationships[composite].on_update = ReferentialAction::Cascade;
    g.relationships[composite].cardinality = Some(Cardinality::OneToOne);
    g.relationships[composite].enforce_child_unique = true;
    g.relationships[composite].child_index_method = IndexMethod::Hash;
    let logical = g.relationship(parents, &["表"], order_table, &["text"], "naïve module");
    g.relationships[logical].relationship_type = RelationshipType::Logical;
    g.relationships[logical].enforcement = EnforcementMode::DocOnly;
    g.relationships[logical].lineage = Some(LineageKind::DerivesFrom);
    g.relationships[logical].create_child_index = false;
    g.relationships[logical].cardinality = Some(Cardinality::ManyToMany);
    g.finish()
}

const SCHEMAS: &[&str] = &["core", "ref", "fact", "stage", "mart", "audit", "ops", "analytics"];
const PREFIXES: &[&str] = &["dim_", "fact_", "ref_", "stg_", "int_", "agg_"];
const WORDS: &[&str] = &[
    "order", "customer", "invoice", "payment", "product", "supplier", "shipment", "account",
    "ledger", "emission", "site", "asset", "meter", "reading", "contract", "employee", "region",
    "currency", "unit", "method", "indicator", "report", "batch", "event",
];
const MODULE_WORDS: &[&str] = &[
    "Billing", "Catalog", "Compliance", "Emissions", "Finance", "Identity", "Inventory",
    "Logistics", "Metering", "Reporting", "Sales", "Sourcing",
];
const COLORS: &[&str] = &[
    "#2F6FB0", "#7A4FB5", "#2E8B57", "#D9822B", "#B03A48", "#3A8FA3", "#8C6D1F", "#5B6B7F",
    "#C2477F", "#4A7D2B", "#9A5B2F", "#6050C0",
];
/// Attribute columns: name stem, type, default.
const ATTRIBUTES: &[(&str, &str, Option<&str>)] = &[
    ("name", "varchar(255)", None),
    ("description", "text", None),
    ("amount", "numeric(12,2)", Some("0")),
    ("quantity", "integer", Some("0")),
    ("is_active", "boolean", Some("true")),
    ("created_at", "timestamp with time zone", Some("now()")),
    ("valid_from", "date", None),
    ("payload", "jsonb", Some("'{}'::jsonb")),
    ("code", "varchar(32)", None),
    ("score", "double precision", None),
    ("status", "text", Some("'new'::text")),
    ("tags", "text[]", None),
];

/// SplitMix64: tiny, fast and good enough to shape test data; written out so the generator
/// has no dependency and its output cannot change with a crate upgrade. Public for tests that
/// make random edits of a generated registry reproducibly.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 > 1.0 - p
    }

    fn uuid(&mut self) -> Uuid {
        let bytes = (u128::from(self.next()) << 64 | u128::from(self.next())).to_be_bytes();
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

/// Builds a registry entry by entry; tables are addressed by their index in `tables`.
struct Generator {
    rng: Rng,
    now: Timestamp,
    modules: Vec<Module>,
    tables: Vec<Table>,
    signals: Vec<Signal>,
    relationships: Vec<Relationship>,
    enums: Vec<EnumType>,
    kept: Vec<KeptObject>,
    /// Indices into `signals` of each table's columns, in ordinal order.
    columns: Vec<Vec<usize>>,
}

impl Generator {
    fn new(seed: u64) -> Self {
        Self {
            rng: Rng(seed),
            now: Timestamp::from_parts(2026, 11, 22, 0, 0, 0),
            modules: Vec::new(),
            tables: Vec::new(),
            signals: Vec::new(),
            relationships: Vec::new(),
            enums: Vec::new(),
            kept: Vec::new(),
            columns: Vec::new(),
        }
    }

    fn build(&mut self, count: usize) {
        // Split the tables into modules of 5–40 (the last one takes what is left).
        let mut sizes = Vec::new();
        let mut left = count;
        while left > 0 {
            let size = self.rng.range(5, 40).min(left);
            sizes.push(size);
            left -= size;
        }
        // About one table in twelve is an rl_ join table of two tables of its module.
        let joins: Vec<usize> = sizes.iter().map(|&size| if size >= 3 { size / 12 } else { 0 }).collect();
        let mut members: Vec<Vec<usize>> = Vec::new();
        for (m, &size) in sizes.iter().enumerate() {
            let name = format!("{} {:03}", MODULE_WORDS[m % MODULE_WORDS.len()], m + 1);
            let color = COLORS[m % COLORS.len()];
            self.module(&name, Some(color), Some(&format!("Generated module {} of {}.", m + 1, sizes.len())));
            let schema = SCHEMAS[m % SCHEMAS.len()];
            let ids: Vec<usize> = (0..size - joins[m]).map(|_| self.entity_table(schema, &name)).collect();
            members.push(ids);
        }
        // Relationships, after all tables exist so a parent may come later (cycles).
        for (m, ids) in members.iter().enumerate() {
            for (position, &child) in ids.iter().enumerate() {
                let fks = match self.rng.below(10) {
                    0 | 1 => 0,
                    2..=6 => 1,
                    7 | 8 => 2,
                    _ => 3,
                };
                for _ in 0..fks {
                    let parent = self.pick_parent(&members, m, position);
                    self.foreign_key(child, parent);
                }
            }
            let mut made = 0;
            while made < joins[m] {
                let a = ids[self.rng.below(ids.len())];
                let b = ids[self.rng.below(ids.len())];
                if a != b && self.join_table(a, b) {
                    made += 1;
                }
            }
        }
    }

    /// What [`GenerateOptions::postgres`] adds, from its own random stream (seeded from
    /// `seed`), so the tables, columns and relationships before it do not change.
    fn postgres_objects(&mut self, seed: u64) {
        let mut rng = Rng(seed ^ 0x9057_6e35);
        let kept = |kind: KeptKind, name: &str, sql: &str| KeptObject {
            kind,
            schema: Some("core".into()),
            name: name.into(),
            on: None,
            sql: sql.into(),
            search_path: Vec::new(),
        };
        self.kept.push(kept(KeptKind::Domain, "positive_amount", "CREATE DOMAIN core.positive_amount AS numeric(12,2) CHECK (VALUE >= 0)"));
        self.kept.push(kept(KeptKind::Type, "price_pair", "CREATE TYPE core.price_pair AS (amount numeric(12,2), currency char(3))"));
        self.kept.push(kept(
            KeptKind::Function,
            "non_negative",
            "CREATE FUNCTION core.non_negative(x numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(x, 0) $$",
        ));
        self.enums.push(EnumType {
            schema: "core".into(),
            name: "priority".into(),
            values: ["low", "normal", "high"].into_iter().map(|v| EnumValue { name: v.into(), note: None }).collect(),
        });
        let entities: Vec<usize> = (0..self.tables.len()).filter(|&t| self.tables[t].prefix.as_deref() != Some("rl_")).collect();
        for t in entities {
            let name = self.tables[t].name.clone();
            match rng.below(7) {
                0 => {
                    let columns = self.columns_of(t);
                    for column in ["amount", "quantity"].into_iter().filter(|c| columns.iter().any(|x| x == c)) {
                        self.tables[t].checks.push(CheckConstraint {
                            name: Some(format!("ck_{name}_{column}")),
                            expression: format!("{column} >= 0"),
                            column: None,
                            not_valid: false,
                            no_inherit: false,
                            note: None,
                        });
                    }
                }
                1 => {
                    self.column(t, "row_no", "bigint", false, None, Some("A number the database gives each row."));
                    let always = rng.chance(0.5);
                    self.signals.last_mut().expect("just pushed").spec.identity = Some(Identity { always, options: None });
                }
                2 => self.column(t, "balance", "core.positive_amount", true, None, Some("Never below zero (a domain).")),
                3 => self.column(t, "price", "core.price_pair", true, None, Some("An amount and its currency (a composite type).")),
                4 => self.column(t, "priority", "core.priority", false, Some("'normal'::core.priority"), Some("How urgent (an enum).")),
                _ => {}
            }
        }
        let modules: Vec<(String, String)> = self.modules.iter().enumerate().map(|(m, module)| (SCHEMAS[m % SCHEMAS.len()].to_owned(), module.name.clone())).collect();
        for (schema, module) in modules {
            let number = self.tables.len() + 1;
            let parent = self.table(&schema, &format!("fact_event_log_{number:04}"), &module, &[], Some("Generated events, partitioned by year."));
            self.tables[parent].prefix = Some("fact_".into());
            self.tables[parent].partition_by = Some(PartitionKey { strategy: PartitionStrategy::Range, key: "at".into() });
            self.event_columns(parent);
            for year in [2025, 2026] {
                let name = format!("fact_event_log_{number:04}_{year}");
                let partition = self.table(&schema, &name, &module, &[], Some(&format!("Events of {year}.")));
                self.tables[partition].prefix = Some("fact_".into());
                self.tables[partition].partition_of = Some(PartitionOf {
                    parent: TableRef::new(schema.clone(), format!("fact_event_log_{number:04}")),
                    bound: format!("FOR VALUES FROM ('{year}-01-01') TO ('{}-01-01')", year + 1),
                });
                self.event_columns(partition);
            }
        }
    }

    /// The columns of a generated event log and of each of its partitions.
    fn event_columns(&mut self, table: usize) {
        self.column(table, "id", "uuid", false, None, Some("The event."));
        self.column(table, "at", "date", false, None, Some("When it happened: the partition key."));
        self.column(table, "amount", "numeric(12,2)", true, None, Some("What it was worth."));
    }

    fn finish(self) -> Registry {
        Registry {
            tables: self.tables,
            signals: self.signals,
            relationships: self.relationships,
            modules: self.modules,
            enums: self.enums,
            kept: self.kept,
            pins: Vec::new(),
            ..Registry::default()
        }
    }

    fn module(&mut self, name: &str, color: Option<&str>, note: Option<&str>) {
        self.modules.push(Module { name: name.into(), color: color.map(Into::into), note: note.map(Into::into), implicit: false });
    }

    /// A table with its key columns (all NOT NULL, role key); returns its index.
    fn table(&mut self, schema: &str, name: &str, module: &str, key: &[(&str, &str)], purpose: Option<&str>) -> usize {
        let index = self.tables.len();
        self.tables.push(Table {
            id: TableId(self.rng.uuid()),
            name: name.into(),
            prefix: None,
            schema: schema.into(),
            module: module.into(),
            status: TableStatus::Stable,
            purpose: purpose.map(Into::into),
            primary_key: key.iter().map(|(column, _)| (*column).to_owned()).collect(),
            db_engine: "postgres".into(),
            db_name: Some("generated".into()),
            owner_team: None,
            notes: None,
            created_at: self.now.clone(),
            updated_at: self.now.clone(),
            unique_constraints: Vec::new(),
            indexes: Vec::new(),
            color: None,
            primary_key_name: None,
            checks: Vec::new(),
            exclusions: Vec::new(),
            partition_by: None,
            partition_of: None,
            view: None,
        });
        self.columns.push(Vec::new());
        for (column, data_type) in key {
            self.column(index, column, data_type, false, None, Some("Primary key part."));
            self.signals.last_mut().expect("just pushed").role = SignalRole::Key;
        }
        index
    }

    /// Appends a column to table `table`.
    fn column(&mut self, table: usize, name: &str, data_type: &str, nullable: bool, default: Option<&str>, description: Option<&str>) {
        let table_ref = self.tables[table].table_ref();
        let ordinal = self.columns[table].len() as u32 + 1;
        self.columns[table].push(self.signals.len());
        let id = SignalId(self.rng.uuid());
        self.signals.push(Signal {
            nullable,
            default: default.map(Into::into),
            description: description.map(Into::into),
            ..Signal::column(id, table_ref, name, ordinal, data_type, self.now.clone())
        });
    }

    /// A relationship with the DDL defaults between two tables' columns; returns its index.
    fn relationship(&mut self, child: usize, child_columns: &[&str], parent: usize, parent_columns: &[&str], module: &str) -> usize {
        let end = |t: &Table, columns: &[&str]| RelationshipEnd {
            db_engine: t.db_engine.clone(),
            db_name: t.db_name.clone(),
            schema: t.schema.clone(),
            table: t.name.clone(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        };
        let (c, p) = (&self.tables[child], &self.tables[parent]);
        let key = format!("{}__{}__{}", c.name, child_columns.join("_"), p.name);
        let mut r = Relationship::with_defaults(
            RelationshipId(self.rng.uuid()),
            key,
            module,
            end(c, child_columns),
            end(p, parent_columns),
            self.now.clone(),
        );
        r.cardinality = Some(Cardinality::OneToMany);
        self.relationships.push(r);
        self.relationships.len() - 1
    }

    /// A generated entity table: a single uuid key, or now and then a composite one, plus
    /// 2–12 attribute columns and sometimes an index.
    fn entity_table(&mut self, schema: &str, module: &str) -> usize {
        let number = self.tables.len() + 1;
        let prefix = PREFIXES[self.rng.below(PREFIXES.len())];
        let word = WORDS[self.rng.below(WORDS.len())];
        let name = format!("{prefix}{word}_{number:04}");
        let composite = self.rng.chance(0.1);
        let key: &[(&str, &str)] = if composite { &[("tenant_id", "uuid"), ("code", "varchar(32)")] } else { &[("id", "uuid")] };
        let t = self.table(schema, &name, module, key, Some(&format!("Generated {word} table {number}.")));
        self.tables[t].prefix = Some(prefix.to_owned());
        let attributes = self.rng.range(2, 12);
        let start = self.rng.below(ATTRIBUTES.len());
        for i in 0..attributes {
            let (stem, data_type, default) = ATTRIBUTES[(start + i) % ATTRIBUTES.len()];
            if composite && stem == "code" {
                continue;
            }
            let nullable = default.is_none() && self.rng.chance(0.6);
            self.column(t, stem, data_type, nullable, default, Some(&format!("The {stem} of the {word}.")));
        }
        let columns: Vec<String> = self.columns_of(t).into_iter().filter(|c| !key.iter().any(|(k, _)| k == c)).collect();
        if let Some(first) = columns.first().filter(|_| self.rng.chance(0.2)) {
            let method = if self.column_type(t, first) == Some("jsonb") { IndexMethod::Gin } else { IndexMethod::Btree };
            self.tables[t].indexes.push(Index { name: None, parts: vec![IndexPart::column(first.clone())], method, unique: false, predicate: None, note: None, ..Index::default() });
        }
        if let Some(code) = columns.iter().find(|c| *c == "code").filter(|_| self.rng.chance(0.5)) {
            self.tables[t].unique_constraints.push(UniqueConstraint::new(None, vec![code.clone()]));
        }
        t
    }

    /// A parent for a table of module `m` at `position`: usually an earlier table of the same
    /// module, about 13% of the time a table of another module, 2% itself, 3% a later table
    /// of the module (which closes cycles).
    fn pick_parent(&mut self, members: &[Vec<usize>], m: usize, position: usize) -> usize {
        let own = &members[m];
        let roll = self.rng.below(100);
        if roll < 13 && members.len() > 1 {
            let other = (m + 1 + self.rng.below(members.len() - 1)) % members.len();
            let candidates = &members[other];
            return candidates[self.rng.below(candidates.len())];
        }
        if roll < 15 || own.len() == 1 {
            return own[position];
        }
        if roll < 18 || position == 0 {
            return own[self.rng.below(own.len())];
        }
        own[self.rng.below(position)]
    }

    /// An FK from `child` to `parent`'s key: new child columns named after the parent.
    fn foreign_key(&mut self, child: usize, parent: usize) {
        let parent_key = self.tables[parent].primary_key.clone();
        let parent_name = self.tables[parent].name.clone();
        let stem = if child == parent { "parent".to_owned() } else { parent_name.clone() };
        let required = child != parent && self.rng.chance(0.7);
        let mut child_columns = Vec::new();
        for key in &parent_key {
            let mut name = format!("{stem}_{key}");
            let mut n = 2;
            while self.columns_of(child).contains(&name) {
                name = format!("{stem}_{key}_{n}");
                n += 1;
            }
            let data_type = self.column_type(parent, key).unwrap_or("uuid").to_owned();
            self.column(child, &name, &data_type, !required, None, Some(&format!("References {parent_name}.")));
            self.signals.last_mut().expect("just pushed").role = SignalRole::Key;
            child_columns.push(name);
        }
        let module = self.tables[child].module.clone();
        let child_refs: Vec<&str> = child_columns.iter().map(String::as_str).collect();
        let parent_refs: Vec<&str> = parent_key.iter().map(String::as_str).collect();
        let r = self.relationship(child, &child_refs, parent, &parent_refs, &module);
        let roll = self.rng.below(100);
        let rel = &mut self.relationships[r];
        rel.is_required = required;
        rel.on_delete = match roll % 4 {
            0 => ReferentialAction::Cascade,
            1 if !required => ReferentialAction::SetNull,
            2 => ReferentialAction::NoAction,
            _ => ReferentialAction::Restrict,
        };
        if child_columns.len() > 1 && roll.is_multiple_of(2) {
            rel.match_type = MatchType::Full;
        }
        match roll {
            0..=9 => {
                rel.relationship_type = RelationshipType::Logical;
                rel.enforcement = EnforcementMode::DocOnly;
                rel.create_child_index = false;
                rel.lineage = Some([LineageKind::DerivesFrom, LineageKind::Feeds, LineageKind::Aggregates, LineageKind::DependsOn][roll % 4]);
            }
            10..=13 => {
                rel.cardinality = Some(Cardinality::OneToOne);
                rel.enforce_child_unique = true;
            }
            14..=16 => rel.availability = [AvailabilityStatus::Deprecated, AvailabilityStatus::Draft, AvailabilityStatus::Future][roll % 3],
            17..=19 => {
                rel.deferrable = true;
                rel.initially_deferred = roll != 17;
            }
            _ => {}
        }
    }

    /// An `rl_` join table between `a` and `b` with a composite key of both FKs; false when
    /// the pair is joined already.
    fn join_table(&mut self, a: usize, b: usize) -> bool {
        let (schema, module) = (self.tables[a].schema.clone(), self.tables[a].module.clone());
        let name = format!("rl_{}_{}", self.tables[a].name, self.tables[b].name);
        if self.tables.iter().any(|t| t.schema == schema && t.name == name) {
            return false;
        }
        let t = self.table(&schema, &name, &module, &[], Some("Generated join table."));
        self.tables[t].prefix = Some("rl_".into());
        let before = self.relationships.len();
        self.foreign_key(t, a);
        self.foreign_key(t, b);
        let mut key = Vec::new();
        for r in &mut self.relationships[before..] {
            // A join table's FKs are its identity: required, cascading, never logical.
            r.relationship_type = RelationshipType::ForeignKey;
            r.enforcement = EnforcementMode::Auto;
            r.lineage = None;
            r.availability = AvailabilityStatus::Active;
            r.cardinality = Some(Cardinality::OneToMany);
            r.enforce_child_unique = false;
            r.is_required = true;
            r.on_delete = ReferentialAction::Cascade;
            r.create_child_index = true;
            key.extend(r.child.columns.iter().cloned());
        }
        for &s in &self.columns[t] {
            self.signals[s].nullable = false;
        }
        self.tables[t].primary_key = key;
        true
    }

    fn columns_of(&self, table: usize) -> Vec<String> {
        self.columns[table].iter().map(|&s| self.signals[s].column.clone()).collect()
    }

    fn column_type(&self, table: usize, column: &str) -> Option<&str> {
        self.columns[table].iter().map(|&s| &self.signals[s]).find(|s| s.column == column).map(|s| s.data_type.as_str())
    }
}
