//! R303 judged by PostgreSQL: for every pair of common column types, the rules call a foreign
//! key from a child column of one to a parent key of the other an error exactly when PostgreSQL
//! refuses to create it ("foreign key constraint … cannot be implemented").

use relata_model::Location;
use relata_testkit::pg::PgCluster;

use crate::builder::{signal_mut, zayaz_clean, EMISSION_COUNTRY};
use crate::run;

/// Types people key tables with, as `signal_registry.data_type` spells them.
const TYPES: &[&str] = &[
    "smallint", "integer", "bigint", "numeric(12,2)", "real", "double precision", "text", "varchar(20)", "char(3)", "uuid", "date",
    "timestamp", "timestamptz", "time", "timetz", "boolean", "bytea", "jsonb", "inet", "interval",
];

#[test]
fn r303_is_an_error_exactly_where_postgresql_refuses_the_foreign_key() {
    let pairs: Vec<(&str, &str)> = TYPES.iter().flat_map(|c| TYPES.iter().map(move |p| (*c, *p))).collect();

    // PostgreSQL's answer for each pair, each in a block of its own so one refusal stops nothing.
    let pg = PgCluster::start();
    let mut script = String::from("CREATE TABLE answers (n int PRIMARY KEY, accepted boolean NOT NULL);\n");
    for (n, (child, parent)) in pairs.iter().enumerate() {
        script.push_str(&format!(
            "DO $$ BEGIN\n  CREATE TABLE p{n} (id {parent} PRIMARY KEY);\n  CREATE TABLE c{n} (pid {child} REFERENCES p{n} (id));\n  \
             INSERT INTO answers VALUES ({n}, true);\nEXCEPTION WHEN datatype_mismatch THEN INSERT INTO answers VALUES ({n}, false);\nEND $$;\n"
        ));
    }
    pg.psql("postgres", &script).expect("the script runs");
    let out = pg.copy_out("postgres", "SELECT n, accepted FROM answers ORDER BY n").expect("the answers");
    let accepted: Vec<bool> = out.lines().skip(1).map(|l| l.ends_with('t')).collect();
    assert_eq!(accepted.len(), pairs.len(), "one answer per pair:\n{out}");
    assert!(accepted.iter().any(|a| !a) && accepted.iter().any(|a| *a), "PostgreSQL accepted some pairs and refused others");

    // The rules' answer: the zayaz registry's emission → country key with the pair's types (the
    // bridge table's column takes the parent's type, so only this relationship differs).
    let mut wrong = Vec::new();
    for ((child, parent), accepted) in pairs.iter().zip(&accepted) {
        let mut registry = zayaz_clean();
        signal_mut(&mut registry, "core_dim.dim_country.country_code").data_type = (*parent).into();
        signal_mut(&mut registry, "core_relations.rl_emission_country.country_code").data_type = (*parent).into();
        signal_mut(&mut registry, "core_data.fact_emission.country_code").data_type = (*child).into();
        let found = run(&registry, "zayaz");
        let r303 = found.iter().any(|d| d.code == "R303" && matches!(&d.location, Location::Entry { label, .. } if label == EMISSION_COUNTRY));
        if r303 == *accepted {
            wrong.push(format!("{child} → {parent}: PostgreSQL {}, R303 {}", if *accepted { "accepts" } else { "refuses" }, if r303 { "reported" } else { "silent" }));
        }
    }
    assert!(wrong.is_empty(), "{} of {} pairs disagree with PostgreSQL:\n{}", wrong.len(), pairs.len(), wrong.join("\n"));
}
