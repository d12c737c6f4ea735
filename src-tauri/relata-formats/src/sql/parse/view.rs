//! The columns of a view, read from its query as PostgreSQL names them: a column reference
//! keeps its column's name and type, an expression its alias (or the name PostgreSQL would
//! give it) and the type it evidently has (a cast, a literal, a well-known function);
//! `*` stands for the columns of the relations it covers. A type the text does not show is
//! [`UNKNOWN`] — a live database, read through its catalog, knows them all.

use sqlparser::ast::{
    BinaryOperator, CastKind, DataType, Expr, FunctionArg, FunctionArgExpr, FunctionArguments, ObjectName, Query,
    SelectItem, SelectItemQualifiedWildcardKind, SetExpr, TableFactor, Value,
};

use super::spell::{self, ident};

/// The type of a view column whose type the view's text does not show.
pub(crate) const UNKNOWN: &str = "unknown";

/// A view column: its name and, where the text shows it, its type.
pub(crate) type ViewColumn = (String, Option<String>);

/// What a view's query needs from the lowering: the columns of a relation it names (a
/// table or view created before), and the spelling of a type.
pub(crate) trait Catalog {
    /// The columns (name, type) of relation `name`, if it is known.
    fn relation(&mut self, name: &ObjectName) -> Option<Vec<ViewColumn>>;
    /// `data_type` as the registry spells types.
    fn spell_type(&mut self, data_type: &DataType) -> String;
}

/// A relation of a `FROM` clause: the name it is known by in the query and its columns.
struct Relation {
    name: String,
    columns: Vec<ViewColumn>,
}

/// The columns of `query`, in order.
pub(crate) fn columns(query: &Query, catalog: &mut dyn Catalog) -> Vec<ViewColumn> {
    set_columns(&query.body, catalog)
}

fn set_columns(body: &SetExpr, catalog: &mut dyn Catalog) -> Vec<ViewColumn> {
    match body {
        SetExpr::Select(select) => {
            let mut relations = Vec::new();
            for from in &select.from {
                relations.extend(relation(&from.relation, catalog));
                for join in &from.joins {
                    relations.extend(relation(&join.relation, catalog));
                }
            }
            let mut out = Vec::new();
            for item in &select.projection {
                match item {
                    SelectItem::UnnamedExpr(expr) => out.push((figure_name(expr), expr_type(expr, &relations, catalog))),
                    SelectItem::ExprWithAlias { expr, alias } => out.push((ident(alias), expr_type(expr, &relations, catalog))),
                    SelectItem::ExprWithAliases { expr, aliases } => {
                        let data_type = expr_type(expr, &relations, catalog);
                        out.extend(aliases.iter().map(|a| (ident(a), data_type.clone())));
                    }
                    SelectItem::Wildcard(_) => out.extend(relations.iter().flat_map(|r| r.columns.iter().cloned())),
                    SelectItem::QualifiedWildcard(SelectItemQualifiedWildcardKind::ObjectName(name), _) => {
                        let wanted = spell::parts(name).last().map(|i| ident(i)).unwrap_or_default();
                        out.extend(relations.iter().filter(|r| r.name == wanted).flat_map(|r| r.columns.iter().cloned()));
                    }
                    SelectItem::QualifiedWildcard(SelectItemQualifiedWildcardKind::Expr(_), _) => {}
                }
            }
            out
        }
        SetExpr::Query(query) => columns(query, catalog),
        // A UNION's columns are named by its first branch.
        SetExpr::SetOperation { left, .. } => set_columns(left, catalog),
        SetExpr::Values(values) => {
            let first: &[Expr] = values.rows.first().map_or(&[], |row| row.content.as_slice());
            first.iter().enumerate().map(|(n, e)| (format!("column{}", n + 1), expr_type(e, &[], catalog))).collect()
        }
        _ => Vec::new(),
    }
}

/// A `FROM` item as the query knows it: a table or view by name (or alias), or a subquery
/// by its alias; `AS t (a, b)` renames its first columns.
fn relation(factor: &TableFactor, catalog: &mut dyn Catalog) -> Option<Relation> {
    let (name, mut columns, alias) = match factor {
        TableFactor::Table { name, alias, args: None, .. } => {
            let own = spell::parts(name).last().map(|i| ident(i)).unwrap_or_default();
            (own, catalog.relation(name).unwrap_or_default(), alias)
        }
        TableFactor::Derived { subquery, alias, .. } => (String::new(), columns(subquery, catalog), alias),
        _ => return None,
    };
    let name = alias.as_ref().map_or(name, |a| ident(&a.name));
    if let Some(alias) = alias {
        for (column, renamed) in columns.iter_mut().zip(&alias.columns) {
            column.0 = ident(&renamed.name);
        }
    }
    Some(Relation { name, columns })
}

/// The name PostgreSQL gives an output column written without `AS` (its `FigureColname`).
fn figure_name(expr: &Expr) -> String {
    match expr {
        Expr::Identifier(i) => ident(i),
        Expr::CompoundIdentifier(parts) => parts.last().map(ident).unwrap_or_default(),
        Expr::Nested(inner) => figure_name(inner),
        Expr::Function(f) => spell::parts(&f.name).last().map(|i| ident(i)).unwrap_or_default(),
        Expr::Cast { expr, data_type, .. } => match figure_name(expr).as_str() {
            "?column?" => data_type.to_string().to_lowercase(),
            name => name.to_owned(),
        },
        Expr::Case { .. } => "case".to_owned(),
        _ => "?column?".to_owned(),
    }
}

/// The type `expr` evidently has, if the text shows it.
fn expr_type(expr: &Expr, relations: &[Relation], catalog: &mut dyn Catalog) -> Option<String> {
    let column = |relation: Option<&str>, name: &str| {
        relations
            .iter()
            .filter(|r| relation.is_none_or(|wanted| r.name == wanted))
            .find_map(|r| r.columns.iter().find(|(c, _)| c == name))
            .and_then(|(_, data_type)| data_type.clone())
    };
    match expr {
        Expr::Identifier(i) => column(None, &ident(i)),
        Expr::CompoundIdentifier(parts) => match parts.as_slice() {
            [.., relation, name] => column(Some(&ident(relation)), &ident(name)),
            [name] => column(None, &ident(name)),
            [] => None,
        },
        Expr::Nested(inner) => expr_type(inner, relations, catalog),
        Expr::Cast { kind: CastKind::Cast | CastKind::DoubleColon, data_type, .. } => Some(catalog.spell_type(data_type)),
        Expr::Value(v) => match &v.value {
            Value::Number(n, _) if n.parse::<i32>().is_ok() => Some("integer".to_owned()),
            Value::Number(n, _) if n.parse::<i64>().is_ok() => Some("bigint".to_owned()),
            Value::Number(..) => Some("numeric".to_owned()),
            Value::SingleQuotedString(_) | Value::EscapedStringLiteral(_) | Value::DollarQuotedString(_) => Some("text".to_owned()),
            Value::Boolean(_) => Some("boolean".to_owned()),
            _ => None,
        },
        Expr::BinaryOp { left, op, .. } => match op {
            BinaryOperator::StringConcat => Some("text".to_owned()),
            BinaryOperator::Plus | BinaryOperator::Minus | BinaryOperator::Multiply | BinaryOperator::Divide | BinaryOperator::Modulo => {
                expr_type(left, relations, catalog)
            }
            _ => Some("boolean".to_owned()),
        },
        Expr::IsNull(_)
        | Expr::IsNotNull(_)
        | Expr::IsTrue(_)
        | Expr::IsFalse(_)
        | Expr::IsDistinctFrom(..)
        | Expr::IsNotDistinctFrom(..)
        | Expr::InList { .. }
        | Expr::InSubquery { .. }
        | Expr::Between { .. }
        | Expr::Like { .. }
        | Expr::ILike { .. }
        | Expr::Exists { .. } => Some("boolean".to_owned()),
        Expr::UnaryOp { expr, .. } => expr_type(expr, relations, catalog),
        Expr::Case { conditions, else_result, .. } => conditions
            .iter()
            .map(|c| &c.result)
            .chain(else_result.as_deref())
            .find_map(|e| expr_type(e, relations, catalog)),
        Expr::Function(f) => {
            let name = spell::parts(&f.name).last().map(|i| ident(i)).unwrap_or_default();
            let first = match &f.args {
                FunctionArguments::List(list) => list.args.first().and_then(|a| match a {
                    FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => Some(e),
                    _ => None,
                }),
                _ => None,
            };
            let argument = |catalog: &mut dyn Catalog| first.and_then(|e| expr_type(e, relations, catalog));
            match name.as_str() {
                "count" => Some("bigint".to_owned()),
                "min" | "max" | "coalesce" | "nullif" | "greatest" | "least" | "abs" | "round" => argument(catalog),
                "sum" => argument(catalog).map(|t| match t.as_str() {
                    "smallint" | "integer" => "bigint".to_owned(),
                    "real" | "double precision" | "money" | "interval" => t,
                    _ => "numeric".to_owned(),
                }),
                "avg" => argument(catalog).map(|t| match t.as_str() {
                    "real" | "double precision" => "double precision".to_owned(),
                    "interval" => t,
                    _ => "numeric".to_owned(),
                }),
                "lower" | "upper" | "trim" | "btrim" | "ltrim" | "rtrim" | "concat" | "concat_ws" | "substr" | "substring"
                | "replace" | "format" | "left" | "right" | "initcap" | "string_agg" | "md5" => Some("text".to_owned()),
                "length" | "char_length" | "position" | "strpos" => Some("integer".to_owned()),
                "now" | "current_timestamp" | "transaction_timestamp" | "statement_timestamp" | "clock_timestamp" => {
                    Some("timestamp with time zone".to_owned())
                }
                "current_date" => Some("date".to_owned()),
                "bool_and" | "bool_or" | "every" => Some("boolean".to_owned()),
                _ => None,
            }
        }
        _ => None,
    }
}
