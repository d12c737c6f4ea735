//! A tiny registry builder for the tests, and two clean fixtures: one in the seed's (zayaz)
//! conventions, one in the conventional style. Ids derive from names, so runs are repeatable.

use relata_model::{
    Cardinality, ConnectionType, EnumType, EnumValue, Index, IndexPart, Module, Registry, Relationship,
    RelationshipEnd, RelationshipId, RelationshipType, RowType, Signal, SignalId, SignalRole, Table, TableId, TableRef,
    TableStatus, Timestamp, UniqueConstraint,
};

fn now() -> Timestamp {
    Timestamp::from_parts(2026, 1, 31, 9, 30, 0)
}

/// A UUID text derived from `seed` (64-bit FNV-1a), stable across runs.
fn uuid_text(seed: &str) -> String {
    let h = relata_model::hash::fnv1a_64(seed.as_bytes());
    format!("00000000-0000-4000-8000-{:012x}", h & 0xffff_ffff_ffff)
}

/// A table with the given key columns and defaults elsewhere.
pub fn table(schema: &str, name: &str, prefix: Option<&str>, module: &str, primary_key: &[&str]) -> Table {
    Table {
        id: TableId::parse(&uuid_text(&format!("t:{schema}.{name}"))).unwrap(),
        name: name.into(),
        prefix: prefix.map(Into::into),
        schema: schema.into(),
        module: module.into(),
        status: TableStatus::Stable,
        purpose: None,
        primary_key: primary_key.iter().map(|c| (*c).to_owned()).collect(),
        db_engine: "aurora_postgres".into(),
        db_name: None,
        owner_team: None,
        notes: None,
        created_at: now(),
        updated_at: now(),
        unique_constraints: Vec::new(),
        indexes: Vec::new(),
        color: None,
        primary_key_name: None,
        checks: Vec::new(),
        exclusions: Vec::new(),
        partition_by: None,
        partition_of: None,
        view: None,
    }
}

/// A binding: column `name` of `schema.table` at `ordinal`.
pub fn column(schema: &str, table: &str, name: &str, ordinal: u32, data_type: &str, nullable: bool) -> Signal {
    Signal {
        id: SignalId::parse(&uuid_text(&format!("s:{schema}.{table}.{name}"))).unwrap(),
        table: Some(TableRef::new(schema, table)),
        column: name.into(),
        ordinal: Some(ordinal),
        data_type: data_type.into(),
        nullable,
        default: None,
        role: SignalRole::Attribute,
        row_type: RowType::Binding,
        concept: None,
        connection: ConnectionType::ReadWrite,
        description: None,
        created_at: now(),
        updated_at: now(),
        spec: Default::default(),
    }
}

/// A table-less concept row.
pub fn concept(name: &str, data_type: &str) -> Signal {
    Signal {
        id: SignalId::parse(&uuid_text(&format!("c:{name}"))).unwrap(),
        table: None,
        column: name.into(),
        ordinal: None,
        data_type: data_type.into(),
        nullable: true,
        default: None,
        role: SignalRole::Key,
        row_type: RowType::Concept,
        concept: None,
        connection: ConnectionType::Read,
        description: None,
        created_at: now(),
        updated_at: now(),
        spec: Default::default(),
    }
}

/// A foreign key `child_table(child_columns) → parent_table(parent_columns)` with the DDL's
/// defaults and the deterministic key.
pub fn relationship(
    child: &str,
    child_columns: &[&str],
    parent: &str,
    parent_columns: &[&str],
    module: &str,
) -> Relationship {
    let end = |qualified: &str, columns: &[&str]| {
        let (schema, table) = qualified.split_once('.').unwrap();
        RelationshipEnd {
            db_engine: "aurora_postgres".into(),
            db_name: None,
            schema: schema.into(),
            table: table.into(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        }
    };
    let (child, parent) = (end(child, child_columns), end(parent, parent_columns));
    let key = format!("{}__{}__{}", child.table, child.columns.join("_"), parent.table);
    let id = RelationshipId::parse(&uuid_text(&format!("r:{key}"))).unwrap();
    Relationship::with_defaults(id, key, module, child, parent, now())
}

pub fn index(name: Option<&str>, parts: &[&str], unique: bool) -> Index {
    Index {
        name: name.map(Into::into),
        parts: parts
            .iter()
            .map(|p| match p.strip_prefix("expr:") {
                Some(e) => IndexPart::expression(e),
                None => IndexPart::column(*p),
            })
            .collect(),
        method: relata_model::IndexMethod::Btree,
        unique,
        predicate: None,
        note: None,
        ..Index::default()
    }
}

pub fn module(name: &str, color: &str) -> Module {
    Module { name: name.into(), color: Some(color.into()), note: None, implicit: false }
}

/// Adds the columns `(name, data_type, nullable)` of `schema.table`, numbered from 1.
fn columns(registry: &mut Registry, qualified: &str, cols: &[(&str, &str, bool)]) {
    let (schema, table) = qualified.split_once('.').unwrap();
    for (i, (name, ty, nullable)) in cols.iter().enumerate() {
        registry.signals.push(column(schema, table, name, i as u32 + 1, ty, *nullable));
    }
}

pub fn table_mut<'a>(registry: &'a mut Registry, key: &str) -> &'a mut Table {
    registry.tables.iter_mut().find(|t| t.table_ref().to_string() == key).unwrap_or_else(|| panic!("no table {key}"))
}

pub fn signal_mut<'a>(registry: &'a mut Registry, key: &str) -> &'a mut Signal {
    registry
        .signals
        .iter_mut()
        .find(|s| s.table.as_ref().map(|t| format!("{t}.{}", s.column)).as_deref() == Some(key))
        .unwrap_or_else(|| panic!("no signal {key}"))
}

pub fn relationship_mut<'a>(registry: &'a mut Registry, key: &str) -> &'a mut Relationship {
    registry.relationships.iter_mut().find(|r| r.key == key).unwrap_or_else(|| panic!("no relationship {key}"))
}

/// The relationship keys of the zayaz fixture.
pub const EMISSION_METHOD: &str = "fact_emission__method_id__ref_compute_method_registry";
pub const EMISSION_COUNTRY: &str = "fact_emission__country_code__dim_country";
pub const BRIDGE_COUNTRY: &str = "rl_emission_country__country_code__dim_country";

/// A registry that follows every zayaz rule: a method registry, an emission fact, a country
/// dimension and an `rl_` table joining emissions and countries.
pub fn zayaz_clean() -> Registry {
    let mut r = Registry {
        modules: vec![module("Compute Method Registry", "#011B4E"), module("Emissions", "#336699")],
        enums: vec![EnumType {
            schema: "core_data".into(),
            name: "emission_scope".into(),
            values: ["scope_1", "scope_2", "scope_3"]
                .iter()
                .map(|v| EnumValue { name: (*v).into(), note: None })
                .collect(),
        }],
        ..Registry::default()
    };

    r.tables.push(table(
        "core_metadata",
        "ref_compute_method_registry",
        Some("ref_"),
        "Compute Method Registry",
        &["method_id"],
    ));
    columns(
        &mut r,
        "core_metadata.ref_compute_method_registry",
        &[("method_id", "uuid", false), ("method_name", "varchar(255)", false), ("created_at", "timestamptz", false)],
    );

    let mut fact = table("core_data", "fact_emission", Some("fact_"), "Emissions", &["emission_id"]);
    fact.indexes.push(index(None, &["method_id"], false));
    r.tables.push(fact);
    columns(
        &mut r,
        "core_data.fact_emission",
        &[
            ("emission_id", "uuid", false),
            ("method_id", "uuid", false),
            ("amount", "numeric(19,4)", false),
            ("recorded_at", "timestamp with time zone", false),
            ("country_code", "char(2)", true),
            ("scope", "emission_scope", false),
        ],
    );

    let mut dim = table("core_dim", "dim_country", Some("dim_"), "Emissions", &["country_code"]);
    dim.unique_constraints.push(UniqueConstraint::new(None, vec!["country_name".into()]));
    r.tables.push(dim);
    columns(&mut r, "core_dim.dim_country", &[("country_code", "char(2)", false), ("country_name", "text", false)]);

    r.tables.push(table(
        "core_relations",
        "rl_emission_country",
        Some("rl_"),
        "Emissions",
        &["emission_id", "country_code"],
    ));
    columns(
        &mut r,
        "core_relations.rl_emission_country",
        &[("emission_id", "uuid", false), ("country_code", "varchar(2)", false)],
    );

    r.signals.push(concept("method_id", "uuid"));
    for key in ["core_metadata.ref_compute_method_registry.method_id", "core_data.fact_emission.method_id"] {
        signal_mut(&mut r, key).concept = Some("method_id".into());
    }

    let mut method = relationship(
        "core_data.fact_emission",
        &["method_id"],
        "core_metadata.ref_compute_method_registry",
        &["method_id"],
        "Emissions",
    );
    method.cardinality = Some(Cardinality::OneToMany);
    r.relationships.push(method);
    let mut country = relationship(
        "core_data.fact_emission",
        &["country_code"],
        "core_dim.dim_country",
        &["country_code"],
        "Emissions",
    );
    country.is_required = false;
    country.on_delete = relata_model::ReferentialAction::SetNull;
    r.relationships.push(country);
    for (column, parent, parent_column) in [
        ("emission_id", "core_data.fact_emission", "emission_id"),
        ("country_code", "core_dim.dim_country", "country_code"),
    ] {
        let mut bridge =
            relationship("core_relations.rl_emission_country", &[column], parent, &[parent_column], "Emissions");
        bridge.relationship_type = RelationshipType::JoinBridge;
        bridge.cardinality = Some(Cardinality::ManyToMany);
        bridge.on_delete = relata_model::ReferentialAction::Cascade;
        r.relationships.push(bridge);
    }
    r
}

/// The relationship keys of the conventional fixture.
pub const USER_TENANT: &str = "users__tenant_id__tenants";

/// A registry in the conventional style (the design template's identity domain): tenants,
/// users, roles, permissions and the `role_permissions` junction.
pub fn conventional_clean() -> Registry {
    let mut r = Registry { modules: vec![module("Identity", "#336699")], ..Registry::default() };
    for (name, values) in [("tenant_plan", &["free", "pro"][..]), ("user_role", &["owner", "member"][..])] {
        r.enums.push(EnumType {
            schema: "public".into(),
            name: name.into(),
            values: values.iter().map(|v| EnumValue { name: (*v).into(), note: None }).collect(),
        });
    }
    let stamps = [("created_at", "timestamptz", false), ("updated_at", "timestamptz", false)];
    let add = |r: &mut Registry, t: Table, cols: &[(&str, &str, bool)]| {
        let key = t.table_ref().to_string();
        r.tables.push(t);
        let all: Vec<_> = cols.iter().chain(stamps.iter()).copied().collect();
        columns(r, &key, &all);
    };

    let mut tenants = table("public", "tenants", None, "Identity", &["id"]);
    let mut slug = index(Some("uq_tenants_slug"), &["slug"], true);
    slug.predicate = Some("deleted_at IS NULL".into());
    tenants.indexes.push(slug);
    add(
        &mut r,
        tenants,
        &[
            ("id", "uuid", false),
            ("name", "varchar(255)", false),
            ("slug", "varchar(100)", false),
            ("plan", "tenant_plan", false),
            ("settings", "jsonb", false),
        ],
    );

    let mut users = table("public", "users", None, "Identity", &["id"]);
    users.indexes.push(index(Some("uq_users_tenant_email"), &["tenant_id", "expr:lower(email)"], true));
    users.indexes.push(index(Some("idx_users_tenant_id"), &["tenant_id"], false));
    add(
        &mut r,
        users,
        &[
            ("id", "uuid", false),
            ("tenant_id", "uuid", false),
            ("email", "varchar(320)", false),
            ("role", "user_role", false),
        ],
    );

    let mut roles = table("public", "roles", None, "Identity", &["id"]);
    roles
        .unique_constraints
        .push(UniqueConstraint::new(Some("uq_roles_name".into()), vec!["name".into()]));
    add(&mut r, roles, &[("id", "uuid", false), ("name", "varchar(100)", false)]);
    add(
        &mut r,
        table("public", "permissions", None, "Identity", &["id"]),
        &[("id", "uuid", false), ("code", "varchar(100)", false)],
    );
    add(
        &mut r,
        table("public", "role_permissions", None, "Identity", &["id"]),
        &[("id", "uuid", false), ("role_id", "uuid", false), ("permission_id", "uuid", false)],
    );

    r.relationships.push(relationship("public.users", &["tenant_id"], "public.tenants", &["id"], "Identity"));
    for (column, parent) in [("role_id", "public.roles"), ("permission_id", "public.permissions")] {
        let mut link = relationship("public.role_permissions", &[column], parent, &["id"], "Identity");
        link.cardinality = Some(Cardinality::ManyToMany);
        r.relationships.push(link);
    }
    r
}
