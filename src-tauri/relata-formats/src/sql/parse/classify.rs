//! A statement's leading words: which kind of statement it is (what the import lowers, skips
//! or keeps), and the few statements the import reads from its words alone (`SET search_path`,
//! `ATTACH PARTITION`, `OWNED BY`, `ADD … IDENTITY`, column settings).

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::{Location, Token, TokenWithSpan};

use super::ast::{self, Pos, SkipReason};
use super::kept;

/// What the import does with a statement, told by its leading words.
pub(super) enum Class {
    /// A statement the import reads with sqlparser; one it cannot read is an error.
    Parse,
    /// A statement the import reads with sqlparser; one it cannot read is kept as written.
    ParseOrKeep,
    /// `CREATE [MATERIALIZED] VIEW`: read for its columns when sqlparser can, else kept.
    View,
    Setting,
    SearchPath,
    /// Kept as written; `true` for ownership and privileges.
    Keep(bool),
    Drop,
    Skip(SkipReason),
    SequenceOwnedBy,
    CreateSequence(usize),
    AddIdentity,
    AttachPartition,
    ColumnSetting,
    /// Needs nothing of its own (`ALTER INDEX … ATTACH PARTITION`: partition indexes attach
    /// again when their tables do).
    Implied,
}

/// The upper-case text of the `n`th word, if it is an unquoted word.
pub(super) fn word(words: &[&TokenWithSpan], n: usize) -> Option<String> {
    match words.get(n).map(|t| &t.token) {
        Some(Token::Word(w)) if w.quote_style.is_none() => Some(w.value.to_ascii_uppercase()),
        _ => None,
    }
}

pub(super) fn classify(words: &[&TokenWithSpan]) -> Class {
    let first = word(words, 0).unwrap_or_default();
    let has_pair = |a: &str, b: &str| {
        (0..words.len()).any(|i| word(words, i).as_deref() == Some(a) && word(words, i + 1).as_deref() == Some(b))
    };
    match first.as_str() {
        "SET" | "RESET" => {
            let mut n = 1;
            if matches!(word(words, n).as_deref(), Some("SESSION" | "LOCAL")) {
                n += 1;
            }
            if first == "SET" && word(words, n).as_deref() == Some("SEARCH_PATH") {
                Class::SearchPath
            } else {
                Class::Setting
            }
        }
        "SELECT" => {
            let calls_set_config =
                words.iter().any(|t| matches!(&t.token, Token::Word(w) if w.value.eq_ignore_ascii_case("set_config")));
            let search_path =
                words.iter().any(|t| matches!(&t.token, Token::SingleQuotedString(s) if s.eq_ignore_ascii_case("search_path")));
            match (calls_set_config, search_path) {
                (true, true) => Class::SearchPath,
                (true, false) => Class::Setting,
                _ => Class::Keep(false),
            }
        }
        "BEGIN" | "COMMIT" | "START" | "END" | "ROLLBACK" => Class::Skip(SkipReason::Administration),
        "GRANT" | "REVOKE" => Class::Keep(true),
        "INSERT" | "UPDATE" | "DELETE" | "COPY" | "TRUNCATE" => Class::Skip(SkipReason::Object),
        "DROP" => Class::Drop,
        // Comments on tables and columns are modelled; on anything else, kept as written.
        "COMMENT" => match word(words, 2).as_deref() {
            Some("TABLE" | "COLUMN") => Class::ParseOrKeep,
            _ => Class::Keep(false),
        },
        "ALTER" => {
            let object = word(words, 1).unwrap_or_default();
            if has_pair("OWNER", "TO") || object == "DEFAULT" {
                Class::Keep(true)
            } else if object == "SEQUENCE" && has_pair("OWNED", "BY") {
                Class::SequenceOwnedBy
            } else if object == "TABLE" && has_pair("ADD", "GENERATED") {
                Class::AddIdentity
            } else if object == "TABLE" && has_pair("ATTACH", "PARTITION") {
                Class::AttachPartition
            } else if object == "TABLE" && (has_pair("SET", "STATISTICS") || has_pair("SET", "STORAGE")) {
                Class::ColumnSetting
            } else if object == "TABLE" {
                Class::ParseOrKeep
            } else if object == "INDEX" && has_pair("ATTACH", "PARTITION") {
                Class::Implied
            } else {
                Class::Keep(false)
            }
        }
        "CREATE" => {
            let mut n = kept::created_at(words);
            match word(words, n).as_deref() {
                Some("SEQUENCE") => {
                    n += 1;
                    if word(words, n).as_deref() == Some("IF") {
                        n += 3;
                    }
                    Class::CreateSequence(n)
                }
                Some("TABLE" | "SCHEMA" | "TYPE") => Class::Parse,
                Some("INDEX") => Class::ParseOrKeep,
                Some("VIEW") => Class::View,
                Some("MATERIALIZED") if word(words, n + 1).as_deref() == Some("VIEW") => Class::View,
                _ => Class::Keep(false),
            }
        }
        _ => Class::Keep(false),
    }
}

/// The schemas of `SET search_path = a, b` or `SELECT pg_catalog.set_config('search_path',
/// 'a, b', false)`, in order, as PostgreSQL folds them; `$user` and empty names left out.
pub(super) fn search_path(words: &[&TokenWithSpan]) -> Vec<String> {
    let mut schemas = Vec::new();
    let mut push = |name: &str, quoted: bool| {
        let name = if quoted { name.to_owned() } else { name.to_lowercase() };
        if !name.is_empty() && name != "$user" {
            schemas.push(name);
        }
    };
    if word(words, 0).as_deref() == Some("SELECT") {
        // The second string argument holds the list, as text.
        let mut strings = words.iter().filter_map(|t| match &t.token {
            Token::SingleQuotedString(s) => Some(s.as_str()),
            _ => None,
        });
        strings.next();
        for part in strings.next().unwrap_or_default().split(',') {
            let part = part.trim();
            match part.strip_prefix('"').and_then(|p| p.strip_suffix('"')) {
                Some(quoted) => push(quoted, true),
                None => push(part, false),
            }
        }
        return schemas;
    }
    let start = words.iter().position(|t| matches!(&t.token, Token::Eq) || matches!(&t.token, Token::Word(w) if w.value.eq_ignore_ascii_case("TO")));
    for t in start.map_or(&words[0..0], |s| &words[s + 1..]) {
        match &t.token {
            Token::Word(w) => push(&w.value, w.quote_style.is_some()),
            Token::SingleQuotedString(s) => push(s, true),
            _ => {}
        }
    }
    schemas
}

/// `ALTER TABLE [IF EXISTS] [ONLY] parent ATTACH PARTITION child <bound>`: the parent, the
/// child and the bound's text as written.
#[allow(clippy::type_complexity)]
pub(super) fn attach_partition(
    words: &[&TokenWithSpan],
    text: &str,
    start: Pos,
) -> Option<(Vec<sqlparser::ast::Ident>, Vec<sqlparser::ast::Ident>, String)> {
    let (parent, n) = altered_table(words)?;
    if word(words, n).as_deref() != Some("ATTACH") || word(words, n + 1).as_deref() != Some("PARTITION") {
        return None;
    }
    let (child, n) = dotted(words, n + 2)?;
    let bound = text_from(words.get(n)?, text, start)?;
    Some((parent, child, bound))
}

/// `ALTER TABLE [ONLY] t ALTER [COLUMN] c SET STATISTICS n | SET STORAGE s`.
#[allow(clippy::type_complexity)]
pub(super) fn column_setting(
    words: &[&TokenWithSpan],
) -> Option<(Vec<sqlparser::ast::Ident>, sqlparser::ast::Ident, ast::ColumnSetting)> {
    let (table, column, n) = altered_column(words)?;
    if word(words, n).as_deref() != Some("SET") || n + 3 != words.len() {
        return None;
    }
    let setting = match (word(words, n + 1).as_deref(), &words[n + 2].token) {
        (Some("STATISTICS"), Token::Number(value, _)) => ast::ColumnSetting::Statistics(value.parse().ok()?),
        (Some("STATISTICS"), Token::Minus) => return None,
        (Some("STORAGE"), Token::Word(w)) => ast::ColumnSetting::Storage(w.value.to_ascii_uppercase()),
        _ => return None,
    };
    Some((table, column, setting))
}

/// The statement's text from `token` to its end, as written.
pub(super) fn text_from(token: &TokenWithSpan, text: &str, start: Pos) -> Option<String> {
    let offset = offset_of(text, token.span.start, start)?;
    Some(text[offset..].trim_end().to_owned())
}

/// The byte offset in `text` (a statement starting at `start` in its file) of file location `l`.
pub(super) fn offset_of(text: &str, l: Location, start: Pos) -> Option<usize> {
    let line = usize::try_from(l.line).ok()?.checked_sub(start.line as usize)?;
    let mut offset = 0;
    for _ in 0..line {
        offset += text[offset..].find('\n')? + 1;
    }
    let column = usize::try_from(l.column).ok()?;
    let skip = if line == 0 { column.checked_sub(start.column as usize)? } else { column.checked_sub(1)? };
    let in_line = text[offset..].char_indices().nth(skip).map(|(i, _)| i)?;
    Some(offset + in_line)
}

/// `CREATE FUNCTION`, `ALTER TABLE … OWNER TO`: how a skipped statement is named.
pub(super) fn leading_words(words: &[&TokenWithSpan], reason: SkipReason) -> String {
    let mut out: Vec<String> = Vec::new();
    for n in 0..4 {
        // Keywords only: a name (`INSERT INTO tenants`) ends the words.
        let keyword = matches!(words.get(n).map(|t| &t.token), Some(Token::Word(w)) if w.keyword != Keyword::NoKeyword);
        match word(words, n) {
            Some(w) if keyword && !(n > 0 && matches!(w.as_str(), "IF" | "ONLY")) => out.push(w),
            _ => break,
        }
        if matches!(
            out.last().map(String::as_str),
            Some(
                "TABLE"
                    | "FUNCTION"
                    | "VIEW"
                    | "TRIGGER"
                    | "EXTENSION"
                    | "SEQUENCE"
                    | "TYPE"
                    | "SCHEMA"
                    | "INDEX"
                    | "PROCEDURE"
            )
        ) {
            break;
        }
    }
    if out.is_empty() {
        return words.first().map(|t| t.token.to_string()).unwrap_or_default();
    }
    if reason == SkipReason::Administration && out[0] == "ALTER" {
        out.push("… OWNER TO".to_owned());
    }
    out.join(" ")
}

/// `ALTER SEQUENCE name OWNED BY owner`: the sequence's and the owner's name parts.
#[allow(clippy::type_complexity)]
pub(super) fn owned_by(words: &[&TokenWithSpan]) -> Option<(Vec<sqlparser::ast::Ident>, Vec<sqlparser::ast::Ident>)> {
    let (sequence, mut n) = dotted(words, 2)?;
    if word(words, n).as_deref() != Some("OWNED") || word(words, n + 1).as_deref() != Some("BY") {
        return None;
    }
    n += 2;
    if word(words, n).as_deref() == Some("NONE") && n + 1 == words.len() {
        return Some((sequence, Vec::new()));
    }
    let (owner, end) = dotted(words, n)?;
    (end == words.len()).then_some((sequence, owner))
}

/// Removes the `LIKE source [{INCLUDING|EXCLUDING} option]…` elements of a `CREATE TABLE`'s
/// list (with a comma beside each) and returns them in order; a malformed one is an error at
/// its first wrong word. sqlparser reads only a lone `(LIKE source [INCLUDING DEFAULTS])`, where
/// PostgreSQL takes any number of them among the columns and constraints.
pub(super) fn take_like_clauses(tokens: &mut Vec<TokenWithSpan>) -> Result<Vec<ast::LikeClause>, (String, Location)> {
    let is_word = |t: &TokenWithSpan, w: &str| matches!(&t.token, Token::Word(x) if x.quote_style.is_none() && x.value.eq_ignore_ascii_case(w));
    let significant: Vec<usize> = (0..tokens.len()).filter(|&i| !matches!(tokens[i].token, Token::Whitespace(_) | Token::EOF)).collect();
    let creates_table = significant.first().is_some_and(|&i| is_word(&tokens[i], "CREATE"))
        && significant.iter().skip(1).take(3).any(|&i| is_word(&tokens[i], "TABLE"));
    let mut found = Vec::new();
    let Some(open) = significant.iter().copied().find(|&i| tokens[i].token == Token::LParen).filter(|_| creates_table) else {
        return Ok(found);
    };
    // The elements of the list: ranges of significant-token positions between commas at depth 1.
    let mut elements: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0;
    let mut start = None;
    for (k, &i) in significant.iter().enumerate().filter(|(_, &i)| i >= open) {
        match tokens[i].token {
            Token::LParen => {
                depth += 1;
                if depth == 1 {
                    start = Some(k + 1);
                    continue;
                }
            }
            Token::RParen => {
                depth -= 1;
                if depth == 0 {
                    elements.extend(start.map(|s| (s, k)));
                    break;
                }
            }
            Token::Comma if depth == 1 => {
                elements.extend(start.map(|s| (s, k)));
                start = Some(k + 1);
            }
            _ => {}
        }
    }
    const CONSTRAINT_STARTS: [&str; 6] = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE"];
    let mut columns_before = 0;
    let mut liked = vec![false; elements.len()];
    for (e, &(from, to)) in elements.iter().enumerate() {
        let words: Vec<&TokenWithSpan> = significant[from..to].iter().map(|&i| &tokens[i]).collect();
        let Some(first) = words.first() else { continue };
        if !is_word(first, "LIKE") {
            if !CONSTRAINT_STARTS.iter().any(|w| is_word(first, w)) {
                columns_before += 1;
            }
            continue;
        }
        let Some((source, mut n)) = dotted(&words, 1) else {
            let at = words.get(1).unwrap_or(first).span.start;
            return Err(("LIKE takes the name of the table to copy, as in `LIKE orders INCLUDING ALL`".to_owned(), at));
        };
        let mut including = ast::LikeOptions::default();
        while n < words.len() {
            let on = match word(&words, n).as_deref() {
                Some("INCLUDING") => true,
                Some("EXCLUDING") => false,
                _ => return Err((format!("after `LIKE {}` come only INCLUDING or EXCLUDING and an option", spell_parts(&source)), words[n].span.start)),
            };
            let options = &mut including;
            let slot = match word(&words, n + 1).as_deref() {
                Some("COMMENTS") => &mut options.comments,
                Some("COMPRESSION") => &mut options.compression,
                Some("CONSTRAINTS") => &mut options.constraints,
                Some("DEFAULTS") => &mut options.defaults,
                Some("GENERATED") => &mut options.generated,
                Some("IDENTITY") => &mut options.identity,
                Some("INDEXES") => &mut options.indexes,
                Some("STATISTICS") => &mut options.statistics,
                Some("STORAGE") => &mut options.storage,
                Some("ALL") => {
                    let all = ast::LikeOptions { comments: on, compression: on, constraints: on, defaults: on, generated: on, identity: on, indexes: on, statistics: on, storage: on };
                    *options = all;
                    n += 2;
                    continue;
                }
                _ => {
                    let at = words.get(n + 1).unwrap_or(&words[n]).span.start;
                    return Err(("a LIKE option is one of COMMENTS, COMPRESSION, CONSTRAINTS, DEFAULTS, GENERATED, IDENTITY, INDEXES, STATISTICS, STORAGE or ALL".to_owned(), at));
                }
            };
            *slot = on;
            n += 2;
        }
        found.push(ast::LikeClause { source, columns_before, including });
        liked[e] = true;
    }
    if found.is_empty() {
        return Ok(found);
    }
    // Every LIKE element goes, and of the commas only those between two elements that stay.
    let mut drop = vec![false; tokens.len()];
    let mut kept_before = false;
    for (e, &(from, to)) in elements.iter().enumerate() {
        let comma = (e > 0).then(|| significant[from - 1]);
        if liked[e] {
            drop[significant[from]..=significant[to - 1]].iter_mut().for_each(|d| *d = true);
            if let Some(c) = comma {
                drop[c] = true;
            }
        } else {
            if let (Some(c), false) = (comma, kept_before) {
                drop[c] = true;
            }
            kept_before = true;
        }
    }
    let mut i = 0;
    tokens.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
    Ok(found)
}

/// `a.b` of name parts, for messages.
pub(super) fn spell_parts(parts: &[sqlparser::ast::Ident]) -> String {
    parts.iter().map(|p| p.value.as_str()).collect::<Vec<_>>().join(".")
}

/// `ALTER TABLE [ONLY] name ALTER [COLUMN] column ADD GENERATED ALWAYS|BY DEFAULT AS IDENTITY
/// [(options)]`: the table, the column and whether always (the options are taken out before,
/// by `take_identity_options`).
#[allow(clippy::type_complexity)]
pub(super) fn add_identity(words: &[&TokenWithSpan]) -> Option<(Vec<sqlparser::ast::Ident>, sqlparser::ast::Ident, bool)> {
    let (table, column, n) = altered_column(words)?;
    if word(words, n).as_deref() != Some("ADD") || word(words, n + 1).as_deref() != Some("GENERATED") {
        return None;
    }
    let (always, n) = match (word(words, n + 2).as_deref(), word(words, n + 3).as_deref()) {
        (Some("ALWAYS"), _) => (true, n + 3),
        (Some("BY"), Some("DEFAULT")) => (false, n + 4),
        _ => return None,
    };
    if word(words, n).as_deref() != Some("AS") || word(words, n + 1).as_deref() != Some("IDENTITY") {
        return None;
    }
    Some((table, column, always))
}

/// The table of `ALTER TABLE [IF EXISTS] [ONLY] name …`: its name parts and the index after it.
pub(super) fn altered_table(words: &[&TokenWithSpan]) -> Option<(Vec<sqlparser::ast::Ident>, usize)> {
    let mut n = 2;
    if word(words, n).as_deref() == Some("IF") {
        n += 2;
    }
    if word(words, n).as_deref() == Some("ONLY") {
        n += 1;
    }
    dotted(words, n)
}

/// The table and column of `ALTER TABLE [IF EXISTS] [ONLY] t ALTER [COLUMN] c …`, and the
/// index of the word after the column.
pub(super) fn altered_column(words: &[&TokenWithSpan]) -> Option<(Vec<sqlparser::ast::Ident>, sqlparser::ast::Ident, usize)> {
    let (table, mut n) = altered_table(words)?;
    if word(words, n).as_deref() != Some("ALTER") {
        return None;
    }
    n += 1;
    if word(words, n).as_deref() == Some("COLUMN") {
        n += 1;
    }
    let (column, n) = dotted(words, n)?;
    let [column] = <[sqlparser::ast::Ident; 1]>::try_from(column).ok()?;
    Some((table, column, n))
}

/// A dotted name starting at word `n`: its parts and the index after it.
pub(super) fn dotted(words: &[&TokenWithSpan], mut n: usize) -> Option<(Vec<sqlparser::ast::Ident>, usize)> {
    let mut parts = Vec::new();
    loop {
        let Token::Word(w) = &words.get(n)?.token else {
            return None;
        };
        parts.push(sqlparser::ast::Ident { value: w.value.clone(), quote_style: w.quote_style, span: words[n].span });
        n += 1;
        if !matches!(words.get(n).map(|t| &t.token), Some(Token::Period)) {
            return Some((parts, n));
        }
        n += 1;
    }
}
