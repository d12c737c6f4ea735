//! PostgreSQL's keywords that cannot be a bare table, column, schema, index, constraint or type
//! name: the `reserved` and `type_func_name` categories of PostgreSQL 15's keyword list
//! (`SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T')`). The other two
//! categories (`unreserved`, and `col_name` such as `integer` or `timestamp`) are valid bare
//! names there. The PostgreSQL tests compare this list with the server's own.

/// The keywords, sorted (binary search).
pub const RESERVED: &[&str] = &[
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
    "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
    "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
    "current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable",
    "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze",
    "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
    "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
    "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order",
    "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
    "session_user", "similar", "some", "symmetric", "table", "tablesample", "then", "to",
    "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where",
    "window", "with",
];

/// The longest keyword in [`RESERVED`], in bytes (`current_timestamp`).
const LONGEST: usize = 17;

/// Whether `word` (compared as written: keywords are lower case) is in [`RESERVED`].
pub fn is_reserved(word: &str) -> bool {
    // Most names are longer than any keyword; they need no search.
    word.len() <= LONGEST && RESERVED.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::RESERVED;

    #[test]
    fn the_list_is_sorted_and_unique_for_binary_search() {
        assert!(RESERVED.windows(2).all(|w| w[0] < w[1]), "RESERVED must be strictly sorted");
        assert_eq!(RESERVED.iter().map(|w| w.len()).max(), Some(super::LONGEST), "LONGEST must be the longest keyword");
    }
}
