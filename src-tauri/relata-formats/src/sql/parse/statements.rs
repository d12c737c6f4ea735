//! One statement's text into an [`ast::Statement`]: tokenized by sqlparser (locations shifted
//! to the file), sorted by its leading words into what the import lowers, what it skips and
//! what it leaves unread, and — for the first kind — parsed by sqlparser's PostgreSQL dialect.
//! Every failure is a located diagnostic; nothing here panics on any input.

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::{Location, Span, Token, TokenWithSpan, Tokenizer, Whitespace};

use super::ast::{Pos, SkipReason, Statement, StatementKind};
use super::classify::{
    add_identity, attach_partition, classify, column_setting, dotted, leading_words, owned_by, search_path,
    take_like_clauses, word, Class,
};
use super::comment_on;
use super::kept;
use super::plain_tokens;
use super::split::Chunk;
use super::Reporter;
use crate::codes;

/// sqlparser's nesting limit (its default): deeper input is an error, not a stack overflow.
const RECURSION_LIMIT: usize = 50;

/// Reads the statement `chunk` of `text`, or reports why it cannot be read.
pub(crate) fn statement(text: &str, chunk: &Chunk, report: &mut Reporter) -> Option<Statement> {
    let pos = chunk.pos;
    if chunk.meta {
        let words = text[chunk.start..chunk.end].split_whitespace().next().unwrap_or("\\").to_owned();
        let span = chunk.start..chunk.end;
        let kind = StatementKind::Skipped { words, reason: SkipReason::PsqlCommand };
        return Some(Statement { pos, span, kind, identity_options: Vec::new(), likes: Vec::new() });
    }
    let statement_text = &text[chunk.start..chunk.end];
    let span = chunk.start..chunk.end;
    // Most statements of an export are comments, which a small scanner reads several times
    // faster than the tokenizer; what it does not recognise goes the general way below.
    if statement_text.as_bytes()[..statement_text.len().min(7)].eq_ignore_ascii_case(b"COMMENT") {
        if let Some(s) = comment_on::comment_on(statement_text, pos) {
            return Some(Statement { pos, span, kind: StatementKind::Sql(Box::new(s)), identity_options: Vec::new(), likes: Vec::new() });
        }
    }
    let dialect = PostgreSqlDialect {};
    let shift = |l: Location| shifted(l, pos);
    // Room for about one token per three bytes (words, spaces and punctuation of DDL), so a
    // long CREATE TABLE does not grow its buffer a dozen times.
    let mut tokens = Vec::with_capacity(statement_text.len() / 3 + 8);
    // Plain DDL (most of an export) is read by a tokenizer of our own that gives sqlparser's
    // tokens several times faster; anything else by sqlparser's.
    let tokenized = if plain_tokens::tokenize(statement_text, shift, &mut tokens) {
        Ok(())
    } else {
        Tokenizer::new(&dialect, statement_text).tokenize_with_location_into_buf_with_mapper(&mut tokens, |t| {
            TokenWithSpan { token: t.token, span: Span::new(shift(t.span.start), shift(t.span.end)) }
        })
    };
    if let Err(e) = tokenized {
        // sqlparser reports a dollar quote that never closes where the text ends; the place
        // to fix is where it opens.
        let opened = e.message.contains("dollar-quoted").then(|| unclosed_dollar_quote(statement_text)).flatten();
        let at = match opened {
            Some(offset) => to_pos(shift(location_of(statement_text, offset))),
            None if e.location.line == 0 => pos,
            None => to_pos(shift(e.location)),
        };
        let message = if e.message.starts_with("Expected close delimiter '\"'") {
            "a quoted name (\"…\") never closes".to_owned()
        } else {
            e.message
        };
        report.error(codes::S101, at, format!("cannot read this statement: {message}"));
        return None;
    }
    // A run of spaces, tabs and line breaks is one token per character; the parser skips
    // them at every look-ahead, and the only place it looks at whitespace itself (a `:name`
    // placeholder must not be followed by any) needs one of them, so a run keeps its first.
    tokens.dedup_by(|next, kept| plain_whitespace(&next.token) && plain_whitespace(&kept.token));
    // PostgreSQL takes an identity column's sequence options in any order, sqlparser in one:
    // they are taken out of the statement as written, and the lowering gives them back.
    let identity_options = take_identity_options(&mut tokens);
    let likes = match take_like_clauses(&mut tokens) {
        Ok(likes) => likes,
        Err((message, at)) => {
            report.error(codes::S100, to_pos(at), format!("cannot read this statement: {message}"));
            return None;
        }
    };
    let words: Vec<&TokenWithSpan> =
        tokens.iter().filter(|t| !matches!(t.token, Token::Whitespace(_) | Token::EOF)).collect();
    let kind = match classify(&words) {
        Class::Parse => {
            let head = leading_words(&words, SkipReason::Object);
            return parse_reported(tokens, pos, report, &head)
                .map(|s| Statement { pos, span, kind: StatementKind::Sql(Box::new(s)), identity_options, likes })
        }
        // PostgreSQL takes these, so a statement sqlparser cannot read is kept as written.
        Class::ParseOrKeep => {
            let head = kept::head(&words);
            match parse(tokens, pos) {
                Ok(s) => StatementKind::Sql(Box::new(s)),
                Err((message, at)) => StatementKind::Unread { head, message, at },
            }
        }
        // A view's columns come from its query; sqlparser does not read the clauses after it.
        Class::View => {
            let head = kept::head(&words);
            drop_view_tail(&mut tokens);
            match parse(tokens, pos) {
                Ok(s) => StatementKind::Sql(Box::new(s)),
                Err((message, at)) => StatementKind::Unread { head, message, at },
            }
        }
        Class::Setting => StatementKind::Setting,
        Class::SearchPath => StatementKind::SearchPath(search_path(&words)),
        Class::Keep(administration) => StatementKind::Kept { head: kept::head(&words), administration },
        Class::Drop => {
            let guarded = (0..words.len()).any(|i| word(&words, i).as_deref() == Some("IF"));
            let table = (word(&words, 1).as_deref() == Some("TABLE") && !guarded)
                .then(|| dotted(&words, 2).filter(|(_, end)| *end == words.len()).map(|(name, _)| name))
                .flatten();
            StatementKind::Drop { words: leading_words(&words, SkipReason::Object), table }
        }
        Class::Skip(reason) => StatementKind::Skipped { words: leading_words(&words, reason), reason },
        Class::CreateSequence(n) => match dotted(&words, n) {
            Some((name, _)) => StatementKind::CreateSequence { name },
            None => {
                let at = words.get(n).map_or(pos, |t| located(t.span.start, pos));
                report.error(codes::S100, at, "cannot read this statement: expected the sequence's name");
                return None;
            }
        },
        Class::AddIdentity => match add_identity(&words) {
            Some((table, column, always)) => {
                let options = identity_options.first().filter(|o| !o.is_empty()).cloned();
                StatementKind::AddIdentity { table, column, always, options }
            }
            None => {
                let head = leading_words(&words, SkipReason::Object);
                return parse_reported(tokens, pos, report, &head)
                    .map(|s| Statement { pos, span, kind: StatementKind::Sql(Box::new(s)), identity_options, likes })
            }
        },
        Class::SequenceOwnedBy => match owned_by(&words) {
            Some((sequence, owner)) => StatementKind::SequenceOwnedBy { sequence, owner },
            None => StatementKind::Kept { head: kept::head(&words), administration: false },
        },
        Class::AttachPartition => match attach_partition(&words, statement_text, pos) {
            Some((parent, child, bound)) => StatementKind::AttachPartition { parent, child, bound },
            None => StatementKind::Kept { head: kept::head(&words), administration: false },
        },
        Class::ColumnSetting => match column_setting(&words) {
            Some((table, column, setting)) => StatementKind::ColumnSetting { table, column, setting },
            None => StatementKind::Kept { head: kept::head(&words), administration: false },
        },
        Class::Implied => StatementKind::Setting,
    };
    Some(Statement { pos, span, kind, identity_options, likes })
}

/// Removes a view's closing `WITH [NO] DATA` or `WITH [CASCADED | LOCAL] CHECK OPTION`, which
/// say nothing of its columns (the statement is kept as written all the same).
fn drop_view_tail(tokens: &mut Vec<TokenWithSpan>) {
    let significant: Vec<usize> = (0..tokens.len()).filter(|&i| !matches!(tokens[i].token, Token::Whitespace(_) | Token::EOF)).collect();
    let upper = |k: usize| match significant.len().checked_sub(k).map(|i| &tokens[significant[i]].token) {
        Some(Token::Word(w)) if w.quote_style.is_none() => w.value.to_ascii_uppercase(),
        _ => String::new(),
    };
    let words = match (upper(1).as_str(), upper(2).as_str(), upper(3).as_str(), upper(4).as_str()) {
        ("DATA", "WITH", ..) | ("OPTION", "CHECK", "WITH", _) => 2 + usize::from(upper(1) == "OPTION"),
        ("DATA", "NO", "WITH", _) => 3,
        ("OPTION", "CHECK", "CASCADED" | "LOCAL", "WITH") => 4,
        _ => return,
    };
    tokens.truncate(significant[significant.len() - words]);
}

/// Removes the parenthesized sequence options after each `IDENTITY` of a `CREATE TABLE` or
/// `ALTER TABLE` and returns their texts in order (spaces collapsed; empty for `()`).
fn take_identity_options(tokens: &mut Vec<TokenWithSpan>) -> Vec<String> {
    let is_word = |t: &TokenWithSpan, w: &str| matches!(&t.token, Token::Word(x) if x.quote_style.is_none() && x.value.eq_ignore_ascii_case(w));
    let mut significant = tokens.iter().filter(|t| !matches!(t.token, Token::Whitespace(_)));
    let (first, second) = (significant.next(), significant.next());
    let table = first.is_some_and(|t| is_word(t, "CREATE") || is_word(t, "ALTER")) && second.is_some_and(|t| is_word(t, "TABLE"));
    let mut found = Vec::new();
    if !table {
        return found;
    }
    let mut i = 0;
    while i < tokens.len() {
        if !is_word(&tokens[i], "IDENTITY") {
            i += 1;
            continue;
        }
        let mut open = i + 1;
        while matches!(tokens.get(open).map(|t| &t.token), Some(Token::Whitespace(_))) {
            open += 1;
        }
        if tokens.get(open).map(|t| &t.token) != Some(&Token::LParen) {
            i += 1;
            continue;
        }
        let mut depth = 0;
        let Some(close) = (open..tokens.len()).find(|&k| {
            match tokens[k].token {
                Token::LParen => depth += 1,
                Token::RParen => depth -= 1,
                _ => {}
            }
            depth == 0
        }) else {
            break;
        };
        let text: String = tokens[open + 1..close].iter().map(|t| t.token.to_string()).collect();
        found.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
        tokens.drain(open..=close);
        i += 1;
    }
    found
}

/// A space, tab or line break (not a comment, which sqlparser also calls whitespace).
fn plain_whitespace(token: &Token) -> bool {
    matches!(token, Token::Whitespace(Whitespace::Space | Whitespace::Tab | Whitespace::Newline))
}

/// The byte offset of the first `$tag$` (or `$$`) in `text` that is not closed after it.
fn unclosed_dollar_quote(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find('$').map(|i| from + i) {
        let tag_len = text[i + 1..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
        let is_tag = text.as_bytes()[i + 1..].get(tag_len) == Some(&b'$')
            && !text.as_bytes()[i + 1..].first().is_some_and(u8::is_ascii_digit);
        if !is_tag {
            from = i + 1;
            continue;
        }
        let delimiter = &text[i..i + tag_len + 2];
        match text[i + delimiter.len()..].find(delimiter) {
            Some(close) => from = i + delimiter.len() + close + delimiter.len(),
            None => return Some(i),
        }
    }
    None
}

/// The 1-based line and (character) column of byte `offset` in `text`.
fn location_of(text: &str, offset: usize) -> Location {
    let before = &text[..offset];
    let line = before.matches('\n').count() as u64 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
    Location::new(line, column)
}

/// A location inside a statement starting at `start`, as a location in the file.
fn shifted(l: Location, start: Pos) -> Location {
    if l.line == 0 {
        return l;
    }
    let column = if l.line == 1 { l.column + u64::from(start.column) - 1 } else { l.column };
    Location::new(l.line + u64::from(start.line) - 1, column)
}

/// A sqlparser location as a position (saturating: a file has fewer than 4 billion lines).
pub(crate) fn to_pos(l: Location) -> Pos {
    Pos { line: u32::try_from(l.line).unwrap_or(u32::MAX), column: u32::try_from(l.column).unwrap_or(u32::MAX) }
}

/// Parses one statement from its tokens, reporting an error at sqlparser's location (or the
/// statement's start) when it cannot.
fn parse_reported(
    tokens: Vec<TokenWithSpan>,
    start: Pos,
    report: &mut Reporter,
    head: &str,
) -> Option<sqlparser::ast::Statement> {
    match parse(tokens, start) {
        Ok(statement) => Some(statement),
        Err((message, at)) => {
            report.error(codes::S100, at, format!("cannot read this {head} statement: {message}"));
            None
        }
    }
}

/// Parses one statement from its tokens, or says why not and where.
fn parse(mut tokens: Vec<TokenWithSpan>, start: Pos) -> Result<sqlparser::ast::Statement, (String, Pos)> {
    // `CREATE INDEX … ON ONLY t` (an index of a partitioned table alone, as pg_dump writes it)
    // is an index on `t` for Relata: its partitions' indexes attach to it again on export.
    if let Some(only) = index_on_only(&tokens) {
        tokens.drain(only..only + 2);
    }
    let dialect = PostgreSqlDialect {};
    // Where the statement's text ends: the place of an error at its end (sqlparser's EOF has
    // no place).
    let end = tokens.iter().rev().find(|t| !matches!(t.token, Token::Whitespace(_) | Token::EOF)).map(|t| t.span.end);
    let mut parser = Parser::new(&dialect).with_recursion_limit(RECURSION_LIMIT).with_tokens_with_locations(tokens);
    let result = parser.parse_statement();
    let statement = match result {
        Ok(statement) => statement,
        Err(e) => {
            let next = parser.peek_token_ref();
            let fallback = if next.token == Token::EOF {
                end.map_or(start, |e| located(e, start))
            } else {
                located(next.span.start, start)
            };
            return Err(error_text(&e, fallback));
        }
    };
    let next = parser.peek_token_ref();
    if next.token != Token::EOF {
        let at = located(next.span.start, start);
        return Err((format!("unexpected `{}` after its end", next.token), at));
    }
    Ok(statement)
}

/// Where `ONLY` and the space after it are in `CREATE [UNIQUE] INDEX … ON ONLY …`.
fn index_on_only(tokens: &[TokenWithSpan]) -> Option<usize> {
    let is = |t: &TokenWithSpan, k: &str| matches!(&t.token, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(k));
    let words: Vec<usize> = (0..tokens.len()).filter(|&i| !matches!(tokens[i].token, Token::Whitespace(_))).collect();
    let create_index = words.first().is_some_and(|&i| is(&tokens[i], "CREATE"))
        && words.iter().take(4).any(|&i| is(&tokens[i], "INDEX"));
    if !create_index {
        return None;
    }
    let on = words.windows(2).find(|w| is(&tokens[w[0]], "ON") && is(&tokens[w[1]], "ONLY"))?;
    // Remove `ONLY` and the whitespace token after it.
    let only = on[1];
    matches!(tokens.get(only + 1).map(|t| &t.token), Some(Token::Whitespace(_))).then_some(only)
}

fn located(l: Location, fallback: Pos) -> Pos {
    if l.line == 0 {
        fallback
    } else {
        to_pos(l)
    }
}

/// sqlparser's message without its ` at Line: n, Column: m` suffix, and that place.
fn error_text(e: &ParserError, fallback: Pos) -> (String, Pos) {
    let message = match e {
        ParserError::TokenizerError(m) | ParserError::ParserError(m) => m.clone(),
        ParserError::RecursionLimitExceeded => "it nests deeper than the parser allows".to_owned(),
    };
    if let Some(i) = message.rfind(" at Line: ") {
        let place = &message[i + " at Line: ".len()..];
        if let Some((line, column)) = place.split_once(", Column: ") {
            if let (Ok(line), Ok(column)) = (line.trim().parse::<u32>(), column.trim().parse::<u32>()) {
                return (in_words(&message[..i]), Pos { line, column });
            }
        }
    }
    (in_words(&message), fallback)
}

/// sqlparser's `Expected: X, found: Y` in Relata's words: what was expected, as a person
/// names it, and what is there instead (or that the statement ends).
fn in_words(message: &str) -> String {
    let Some(rest) = message.strip_prefix("Expected: ") else { return message.to_owned() };
    let Some((expected, found)) = rest.rsplit_once(", found: ") else { return message.to_owned() };
    let expected = match expected {
        "identifier" => "a name".to_owned(),
        "an SQL statement" => "the start of a statement".to_owned(),
        "an expression" => "a value or an expression".to_owned(),
        "comment object_type" => "what the comment is on (TABLE, COLUMN, …)".to_owned(),
        e if e.ends_with(" after ALTER TABLE") => "an ALTER TABLE action (ADD, ALTER, DROP, …)".to_owned(),
        e if e.chars().all(|c| !c.is_alphanumeric()) => format!("`{e}`"),
        e if e.chars().all(|c| c.is_ascii_uppercase() || c == ' ') => format!("`{e}`"),
        e => e.to_owned(),
    };
    let found = found.split(" at Line:").next().unwrap_or(found);
    if found == "EOF" {
        format!("expected {expected}, but the statement ends there")
    } else {
        format!("expected {expected}, found `{found}`")
    }
}
