//! Types and expressions as the registry spells them: PostgreSQL's short lower-case type names
//! (`varchar(255)`, `timestamptz`, `numeric(19,4)`, `text[]`), and names in the default schema
//! without it (`pg_dump` qualifies everything; `public.tenant_plan` is `tenant_plan`), so an
//! imported registry reads like one written by hand and prints back the same DDL.

use std::borrow::Cow;

use sqlparser::ast::{
    ArrayElemTypeDef, CastKind, CharacterLength, DataType, ExactNumberInfo, Expr, Ident, ObjectName, TimezoneInfo,
    Value,
};

use crate::sql::{Dialect, Postgres};

/// An identifier's name: unquoted names fold to lower case, as PostgreSQL folds them.
pub(crate) fn ident(i: &Ident) -> String {
    if i.quote_style.is_some() {
        i.value.clone()
    } else {
        i.value.to_lowercase()
    }
}

/// [`ident`] borrowed where folding changes nothing (a quoted name, or an unquoted one that
/// is ASCII without capitals), so name lookups need not allocate.
pub(crate) fn ident_cow(i: &Ident) -> Cow<'_, str> {
    if i.quote_style.is_some() || i.value.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(&i.value)
    } else {
        Cow::Owned(i.value.to_lowercase())
    }
}

/// The name parts of `name` (a part that is a function call, which PostgreSQL has not, reads as
/// its text).
pub(crate) fn parts(name: &ObjectName) -> Vec<&Ident> {
    name.0.iter().filter_map(|p| p.as_ident()).collect()
}

/// `name` as SQL, without `default_schema.` in front, each part quoted only where it must be.
pub(crate) fn object_name(name: &ObjectName, default_schema: &str) -> String {
    let mut names: Vec<String> = parts(name).into_iter().map(ident).collect();
    if names.len() == 2 && names[0] == default_schema {
        names.remove(0);
    }
    names.iter().map(|n| Postgres.quote_identifier(n).into_owned()).collect::<Vec<_>>().join(".")
}

/// `data_type` as the registry spells it.
pub(crate) fn data_type(data_type: &DataType, default_schema: &str) -> String {
    let length = |l: &Option<CharacterLength>| match l {
        Some(CharacterLength::IntegerLength { length, .. }) => format!("({length})"),
        _ => String::new(),
    };
    let precision = |p: &Option<u64>| p.map(|p| format!("({p})")).unwrap_or_default();
    match data_type {
        DataType::Character(l) | DataType::Char(l) => format!("char{}", length(l)),
        DataType::CharacterVarying(l) | DataType::CharVarying(l) | DataType::Varchar(l) => {
            format!("varchar{}", length(l))
        }
        DataType::Uuid => "uuid".into(),
        DataType::Numeric(info) | DataType::Decimal(info) | DataType::Dec(info) => match info {
            ExactNumberInfo::None => "numeric".into(),
            ExactNumberInfo::Precision(p) => format!("numeric({p})"),
            ExactNumberInfo::PrecisionAndScale(p, s) => format!("numeric({p},{s})"),
        },
        DataType::Int2(_) | DataType::SmallInt(_) => "smallint".into(),
        DataType::Int(_) | DataType::Int4(_) | DataType::Integer(_) => "integer".into(),
        DataType::Int8(_) | DataType::BigInt(_) => "bigint".into(),
        DataType::Float4 | DataType::Real => "real".into(),
        DataType::Float8 | DataType::DoublePrecision | DataType::Double(ExactNumberInfo::None) => {
            "double precision".into()
        }
        DataType::Bool | DataType::Boolean => "boolean".into(),
        DataType::Date => "date".into(),
        DataType::Time(p, TimezoneInfo::WithTimeZone | TimezoneInfo::Tz) => {
            format!("timetz{}", precision(p))
        }
        DataType::Time(p, _) => format!("time{}", precision(p)),
        DataType::Timestamp(p, TimezoneInfo::WithTimeZone | TimezoneInfo::Tz) => {
            format!("timestamptz{}", precision(p))
        }
        DataType::Timestamp(p, _) => format!("timestamp{}", precision(p)),
        DataType::JSON => "json".into(),
        DataType::JSONB => "jsonb".into(),
        DataType::Text => "text".into(),
        DataType::Bytea => "bytea".into(),
        DataType::Regclass => "regclass".into(),
        DataType::TsVector => "tsvector".into(),
        DataType::TsQuery => "tsquery".into(),
        DataType::Custom(name, modifiers) => {
            let mut out = object_name(name, default_schema);
            if !modifiers.is_empty() {
                out.push_str(&format!("({})", modifiers.join(",")));
            }
            out
        }
        DataType::Array(ArrayElemTypeDef::SquareBracket(inner, size)) => {
            format!("{}[{}]", self::data_type(inner, default_schema), size.map(|s| s.to_string()).unwrap_or_default())
        }
        // Everything else (intervals, bit strings, geometric types) as sqlparser prints it,
        // in lower case: it holds no names that case would change.
        other => other.to_string().to_lowercase(),
    }
}

/// An expression (a default, an index part, a predicate) as SQL for the registry: casts spell
/// their types as [`data_type`] does, a sequence named in `nextval('…'::regclass)` loses the
/// default schema, and the rest is printed by sqlparser.
pub(crate) fn expression(expr: &Expr, default_schema: &str) -> String {
    match expr {
        Expr::Cast { kind: CastKind::DoubleColon, expr: inner, data_type: DataType::Regclass, format: None } => {
            match inner.as_ref() {
                Expr::Value(v) => match &v.value {
                    Value::SingleQuotedString(s) => {
                        let name = s.strip_prefix(&format!("{default_schema}.")).unwrap_or(s);
                        format!("'{}'::regclass", name.replace('\'', "''"))
                    }
                    _ => expr.to_string(),
                },
                _ => format!("{}::regclass", expression(inner, default_schema)),
            }
        }
        Expr::Cast { kind: CastKind::DoubleColon, expr: inner, data_type: ty, format: None } => {
            format!("{}::{}", expression(inner, default_schema), data_type(ty, default_schema))
        }
        Expr::Nested(inner) => format!("({})", expression(inner, default_schema)),
        Expr::Function(f) if f.over.is_none() && f.filter.is_none() && f.within_group.is_empty() => match &f.args {
            sqlparser::ast::FunctionArguments::List(list)
                if list.duplicate_treatment.is_none() && list.clauses.is_empty() =>
            {
                let args: Option<Vec<String>> = list
                    .args
                    .iter()
                    .map(|a| match a {
                        sqlparser::ast::FunctionArg::Unnamed(sqlparser::ast::FunctionArgExpr::Expr(e)) => {
                            Some(expression(e, default_schema))
                        }
                        _ => None,
                    })
                    .collect();
                match args {
                    Some(args) => format!("{}({})", function_name(&f.name, default_schema), args.join(", ")),
                    None => expr.to_string(),
                }
            }
            _ => expr.to_string(),
        },
        _ => expr.to_string(),
    }
}

/// A function's name: `pg_catalog.` and the default schema dropped, lower case when unquoted.
fn function_name(name: &ObjectName, default_schema: &str) -> String {
    let names: Vec<Cow<str>> = parts(name)
        .into_iter()
        .map(|i| {
            if i.quote_style.is_some() {
                Cow::Owned(format!("\"{}\"", i.value.replace('"', "\"\"")))
            } else {
                Cow::Owned(i.value.to_lowercase())
            }
        })
        .collect();
    match names.as_slice() {
        [schema, rest @ ..] if rest.len() == 1 && (schema == "pg_catalog" || schema == default_schema) => {
            rest[0].to_string()
        }
        _ => names.join("."),
    }
}

/// The text of a predicate without the parentheses `pg_dump` puts around it.
pub(crate) fn predicate(expr: &Expr, default_schema: &str) -> String {
    match expr {
        Expr::Nested(inner) => predicate(inner, default_schema),
        other => expression(other, default_schema),
    }
}
