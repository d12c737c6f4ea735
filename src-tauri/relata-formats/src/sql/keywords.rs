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

/// [`RESERVED`] packed by [`pack`], sorted: the search compares integers, not strings.
const PACKED: [u128; RESERVED.len()] = pack_all();

/// Whether `word` (compared as written: keywords are lower case) is in [`RESERVED`].
pub fn is_reserved(word: &str) -> bool {
    // Most names are longer than any keyword or hold a byte no keyword has: no search.
    word.len() <= LONGEST && pack(word.as_bytes()).is_some_and(|key| PACKED.binary_search(&key).is_ok())
}

/// `word` as a number in base 32 with the digits `a` = 1 … `z` = 26, `_` = 27: one number per
/// word (no digit is 0, so lengths cannot collide), at most 17 × 5 = 85 bits. `None` when
/// `word` holds another byte (then it is no keyword) or is too long.
const fn pack(word: &[u8]) -> Option<u128> {
    if word.len() > LONGEST {
        return None;
    }
    let mut key: u128 = 0;
    let mut i = 0;
    while i < word.len() {
        let digit = match word[i] {
            b @ b'a'..=b'z' => b - b'a' + 1,
            b'_' => 27,
            _ => return None,
        };
        key = key << 5 | digit as u128;
        i += 1;
    }
    Some(key)
}

/// [`PACKED`], computed at compile time (an insertion sort: the list is short).
const fn pack_all() -> [u128; RESERVED.len()] {
    let mut packed = [0u128; RESERVED.len()];
    let mut i = 0;
    while i < RESERVED.len() {
        packed[i] = match pack(RESERVED[i].as_bytes()) {
            Some(key) => key,
            None => panic!("a keyword outside [a-z_] or longer than LONGEST"),
        };
        let mut j = i;
        while j > 0 && packed[j - 1] > packed[j] {
            let swap = packed[j - 1];
            packed[j - 1] = packed[j];
            packed[j] = swap;
            j -= 1;
        }
        i += 1;
    }
    packed
}

#[cfg(test)]
mod tests {
    use super::RESERVED;

    #[test]
    fn the_list_is_sorted_and_unique_for_binary_search() {
        assert!(RESERVED.windows(2).all(|w| w[0] < w[1]), "RESERVED must be strictly sorted");
        assert_eq!(RESERVED.iter().map(|w| w.len()).max(), Some(super::LONGEST), "LONGEST must be the longest keyword");
    }

    #[test]
    fn packed_search_agrees_with_the_list() {
        for word in RESERVED {
            assert!(super::is_reserved(word), "{word}");
            // Near misses: a prefix, an extension, another case, a digit.
            for other in [&word[..word.len() - 1], &format!("{word}s"), &format!("{word}_"), &word.to_uppercase(), &format!("{word}1")] {
                assert_eq!(super::is_reserved(other), RESERVED.contains(&other), "{other}");
            }
        }
        assert!(!super::is_reserved("") && !super::is_reserved("current_timestamps") && !super::is_reserved("orders"));
    }
}
