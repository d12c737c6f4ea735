//! Checks of the conventional naming style (R4xx): plural snake_case tables, a single `id`
//! key of one type, `{singular_parent}_id` foreign keys, `idx_`/`uq_` index names and the
//! standard columns. They run only when the rule set has a `naming` section.

use relata_model::RegistryKind::{Relata, RelationshipRegistry, SignalRegistry, TableOverview};
use relata_model::{Named, RelationshipType, Table};

use crate::codes::{R401, R402, R403, R404, R405};
use crate::context::{list, Context};
use crate::ruleset::NamingRules;
use crate::types::PgType;
use crate::words;

pub(crate) fn check(cx: &mut Context<'_>) {
    let Some(naming) = cx.rules.data.naming.clone() else { return };
    for t in &cx.registry.tables {
        let key = Named::table(t.id, &t.table_ref());
        table_name(cx, &naming, t, &key);
        // A view has no key and no bookkeeping columns of its own.
        if t.is_view() {
            continue;
        }
        primary_key(cx, &naming, t, &key);
        index_names(cx, &naming, t, &key);
        standard_columns(cx, &naming, t, &key);
    }
    foreign_keys(cx, &naming);
}

fn table_name(cx: &mut Context<'_>, naming: &NamingRules, t: &Table, key: &Named) {
    if words::is_snake_case(&t.name) && words::is_plural(&t.name, naming) {
        return;
    }
    let suggestion = words::pluralize(&words::to_snake_case(&t.name), naming);
    cx.report(
        R401,
        TableOverview,
        key,
        Some("table_name"),
        format!("table name `{}` is not plural snake_case; rename the table to `{suggestion}`", t.name),
    );
}

fn primary_key(cx: &mut Context<'_>, naming: &NamingRules, t: &Table, key: &Named) {
    let id = &naming.id_column;
    if t.primary_key.len() != 1 || &t.primary_key[0] != id {
        let now = if t.primary_key.is_empty() {
            "there is none".to_owned()
        } else {
            format!("it is ({})", list(&t.primary_key))
        };
        cx.report(
            R402,
            TableOverview,
            key,
            Some("primary_key_columns"),
            format!("the primary key of `{key}` should be the single column `{id}` ({}) but {now}; add a surrogate `{id}` key and keep natural keys as unique constraints", naming.id_type),
        );
        return;
    }
    let Some(column) = cx.column(&t.table_ref(), id) else { return };
    let extra = &cx.rules.data.types.extra;
    if PgType::parse(&column.data_type, extra) != PgType::parse(&naming.id_type, extra) {
        cx.report(
            R402,
            SignalRegistry,
            &Named::signal(column),
            Some("data_type"),
            format!(
                "primary key `{key}.{id}` is `{}`, not `{}`; make it `{}`",
                column.data_type, naming.id_type, naming.id_type
            ),
        );
    }
}

fn index_names(cx: &mut Context<'_>, naming: &NamingRules, t: &Table, key: &Named) {
    let index_prefix = format!("{}{}_", naming.index_prefix, t.name);
    let unique_prefix = format!("{}{}_", naming.unique_prefix, t.name);
    for index in &t.indexes {
        let Some(name) = &index.name else { continue };
        let (prefix, what) = if index.unique { (&unique_prefix, "unique index") } else { (&index_prefix, "index") };
        if !name.starts_with(prefix.as_str()) {
            cx.report(
                R404,
                Relata,
                key,
                Some("indexes"),
                format!(
                    "{what} name `{name}` of `{key}` does not start with `{prefix}`; name it `{prefix}{{columns}}`"
                ),
            );
        }
    }
    for constraint in &t.unique_constraints {
        let Some(name) = &constraint.name else { continue };
        if !name.starts_with(unique_prefix.as_str()) {
            cx.report(
                R404,
                Relata,
                key,
                Some("unique_constraints"),
                format!("unique constraint name `{name}` of `{key}` does not start with `{unique_prefix}`; name it `{unique_prefix}{}`", constraint.columns.join("_")),
            );
        }
    }
}

fn standard_columns(cx: &mut Context<'_>, naming: &NamingRules, t: &Table, key: &Named) {
    // A table without any registered column is left to R104.
    let Some(columns) = cx.columns_of(&t.table_ref()) else { return };
    let missing: Vec<&String> = naming.standard_columns.iter().filter(|c| !columns.contains_key(c.as_str())).collect();
    let note = if naming.standard_columns_note.is_empty() {
        String::new()
    } else {
        format!(". {}", naming.standard_columns_note)
    };
    for c in missing {
        cx.report(
            R405,
            TableOverview,
            key,
            None,
            format!(
                "table `{key}` has no `{c}` column; the convention puts {} on every table: add it{note}",
                list(&naming.standard_columns)
            ),
        );
    }
}

fn foreign_keys(cx: &mut Context<'_>, naming: &NamingRules) {
    for r in &cx.registry.relationships {
        let key = Named::relationship(r);
        if let Some(name) = &r.child_index_name {
            let prefix = format!("{}{}_", naming.index_prefix, r.child.table);
            if !name.starts_with(prefix.as_str()) {
                cx.report(
                    R404,
                    RelationshipRegistry,
                    &key,
                    Some("child_index_name"),
                    format!(
                        "child_index_name `{name}` does not start with `{prefix}`; name it `{prefix}{}`",
                        r.child.columns.join("_")
                    ),
                );
            }
        }
        // Only single-column keys to the parent's surrogate id follow `{singular}_id`.
        let to_id = r.parent.columns.len() == 1 && r.parent.columns[0] == naming.id_column;
        if r.relationship_type != RelationshipType::ForeignKey || r.child.columns.len() != 1 || !to_id {
            continue;
        }
        let column = &r.child.columns[0];
        let singulars = words::singulars(&r.parent.table, naming);
        let fits = naming.fk_column_exceptions.contains(column)
            || singulars.iter().any(|s| {
                let expected = format!("{s}{}", naming.fk_suffix);
                *column == expected || column.ends_with(&format!("_{expected}"))
            });
        if !fits {
            let expected = format!("{}{}", singulars[0], naming.fk_suffix);
            cx.report(
                R403,
                RelationshipRegistry,
                &key,
                Some("child_columns"),
                format!(
                    "foreign key column `{}.{column}` references `{}.{}`; name it `{expected}` (or `<role>_{expected}`)",
                    r.child.table_ref(),
                    r.parent.table_ref(),
                    naming.id_column
                ),
            );
        }
    }
}
