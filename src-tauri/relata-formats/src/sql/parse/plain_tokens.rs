//! A tokenizer for plain DDL — ASCII words, `"…"` names, `'…'` strings, whole numbers,
//! spaces, line breaks and the punctuation of `CREATE TABLE` and `CREATE INDEX` — that gives
//! exactly the tokens and places sqlparser's PostgreSQL tokenizer gives for such text, runs
//! of whitespace already merged as [`super::statements`] merges them. It is several times
//! faster (sqlparser walks a `Peekable<Chars>` and looks keywords up by binary search), and
//! it gives up on anything else (comments, dollar quotes, escapes, operators, non-ASCII
//! text…), which then goes to sqlparser's tokenizer as before.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use sqlparser::keywords::{Keyword, ALL_KEYWORDS, ALL_KEYWORDS_INDEX};
use sqlparser::tokenizer::{Location, Span, Token, TokenWithSpan, Whitespace, Word};

/// Appends the tokens of `text` to `out`, each place passed through `place` (the statement's
/// place in its file), and returns true; or returns false, with `out` as it was, when `text`
/// holds anything this tokenizer does not read exactly as sqlparser does.
pub(crate) fn tokenize(text: &str, place: impl Fn(Location) -> Location, out: &mut Vec<TokenWithSpan>) -> bool {
    let len_before = out.len();
    let bytes = text.as_bytes();
    let (mut line, mut column) = (1u64, 1u64);
    let mut i = 0;
    while i < bytes.len() {
        let start = Location::new(line, column);
        let b = bytes[i];
        let (token, len) = match b {
            b' ' | b'\t' | b'\n' => {
                let token = Token::Whitespace(match b {
                    b' ' => Whitespace::Space,
                    b'\t' => Whitespace::Tab,
                    _ => Whitespace::Newline,
                });
                // The run's first token stands for it: only its own place is kept.
                let end = if b == b'\n' { Location::new(line + 1, 1) } else { Location::new(line, column + 1) };
                out.push(TokenWithSpan { token, span: Span::new(place(start), place(end)) });
                while let Some(&c) = bytes.get(i) {
                    match c {
                        b' ' | b'\t' => column += 1,
                        b'\n' => {
                            line += 1;
                            column = 1;
                        }
                        _ => break,
                    }
                    i += 1;
                }
                continue;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                let len = bytes[i..].iter().position(|&c| !(c.is_ascii_alphanumeric() || c == b'_')).unwrap_or(bytes.len() - i);
                // `$` continues a name; a quote right after a word makes it a prefix (`E'…'`).
                if matches!(bytes.get(i + len), Some(b'$' | b'\'' | b'"')) || bytes.get(i + len).is_some_and(|c| !c.is_ascii()) {
                    break;
                }
                let value = &text[i..i + len];
                (Token::Word(Word { value: value.to_owned(), quote_style: None, keyword: keyword(value) }), len)
            }
            b'0'..=b'9' => {
                let len = bytes[i..].iter().position(|c| !c.is_ascii_digit()).unwrap_or(bytes.len() - i);
                // Fractions, exponents, hex, `1L` and names that start with digits are left to
                // sqlparser.
                if bytes.get(i + len).is_some_and(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'$') || !c.is_ascii()) {
                    break;
                }
                (Token::Number(text[i..i + len].to_owned(), false), len)
            }
            b'\'' | b'"' => {
                // Up to the closing quote on the same line; a doubled quote, a backslash or a
                // line break inside is left to sqlparser.
                let Some(n) = bytes[i + 1..].iter().position(|&c| c == b || c == b'\\' || c == b'\n') else { break };
                if bytes[i + 1 + n] != b || bytes.get(i + 2 + n) == Some(&b) {
                    break;
                }
                let body = &text[i + 1..i + 1 + n];
                if !body.is_ascii() {
                    break;
                }
                let token = if b == b'\'' {
                    Token::SingleQuotedString(body.to_owned())
                } else {
                    Token::Word(Word { value: body.to_owned(), quote_style: Some('"'), keyword: Keyword::NoKeyword })
                };
                (token, n + 2)
            }
            b'(' => (Token::LParen, 1),
            b')' => (Token::RParen, 1),
            b',' => (Token::Comma, 1),
            b';' => (Token::SemiColon, 1),
            b'[' => (Token::LBracket, 1),
            b']' => (Token::RBracket, 1),
            // A `.` before a digit or `_` starts a number or is read by what came before.
            b'.' if bytes.get(i + 1).is_none_or(|c| !(c.is_ascii_digit() || *c == b'_')) => (Token::Period, 1),
            b':' if bytes.get(i + 1) == Some(&b':') => (Token::DoubleColon, 2),
            b'=' if !matches!(bytes.get(i + 1), Some(b'>' | b'=')) => (Token::Eq, 1),
            _ => break,
        };
        i += len;
        column += len as u64;
        out.push(TokenWithSpan { token, span: Span::new(place(start), place(Location::new(line, column))) });
    }
    if i < bytes.len() {
        out.truncate(len_before);
        return false;
    }
    true
}

/// The keyword `word` is, compared case-insensitively as sqlparser compares it (its
/// `ALL_KEYWORDS` in upper case), by hash rather than binary search.
fn keyword(word: &str) -> Keyword {
    static KEYWORDS: OnceLock<(FxHashMap<&'static str, Keyword>, usize)> = OnceLock::new();
    let (map, longest) = KEYWORDS.get_or_init(|| {
        let map: FxHashMap<&'static str, Keyword> = ALL_KEYWORDS.iter().copied().zip(ALL_KEYWORDS_INDEX.iter().copied()).collect();
        let longest = ALL_KEYWORDS.iter().map(|k| k.len()).max().unwrap_or(0);
        (map, longest)
    });
    if word.len() > *longest {
        return Keyword::NoKeyword;
    }
    let mut upper = [0u8; 64];
    let upper = &mut upper[..word.len().min(64)];
    upper.copy_from_slice(&word.as_bytes()[..upper.len()]);
    upper.make_ascii_uppercase();
    // ASCII in, ASCII out.
    let upper = std::str::from_utf8(upper).unwrap_or_default();
    map.get(upper).copied().unwrap_or(Keyword::NoKeyword)
}

#[cfg(test)]
mod tests {
    use sqlparser::dialect::PostgreSqlDialect;
    use sqlparser::tokenizer::{Location, Token, Tokenizer, Whitespace};

    use super::*;

    /// sqlparser's tokens of `text`, runs of spaces, tabs and line breaks merged into their
    /// first token, as the importer merges them.
    fn sqlparser_tokens(text: &str) -> Vec<TokenWithSpan> {
        let mut tokens = Tokenizer::new(&PostgreSqlDialect {}, text).tokenize_with_location().expect("tokenizes");
        let plain = |t: &Token| matches!(t, Token::Whitespace(Whitespace::Space | Whitespace::Tab | Whitespace::Newline));
        tokens.dedup_by(|next, kept| plain(&next.token) && plain(&kept.token));
        tokens
    }

    fn ours(text: &str) -> Option<Vec<TokenWithSpan>> {
        let mut out = Vec::new();
        tokenize(text, |l: Location| l, &mut out).then_some(out)
    }

    #[test]
    fn plain_ddl_gives_sqlparsers_tokens_and_places() {
        // Tokens compare with their spans through Debug (TokenWithSpan's == ignores spans).
        for text in [
            "CREATE TABLE core.agg_payment_0002 (\n    id                      uuid NOT NULL,\n    payload jsonb NOT NULL DEFAULT '{}'::jsonb,\n\tcode varchar(32),\n    tags text[],\n    \"Odd Name\" numeric(12,2) DEFAULT 0,\n    CONSTRAINT agg_pkey PRIMARY KEY (id)\n)",
            "CREATE UNIQUE INDEX idx_a ON s.t USING btree (a, lower(b)) WHERE (c = true)",
            "CREATE TABLE t (a int)  ",
            "create table x(y int);",
        ] {
            let expected = sqlparser_tokens(text);
            assert_eq!(format!("{:?}", ours(text).expect("plain")), format!("{expected:?}"), "{text}");
        }
    }

    #[test]
    fn anything_else_is_left_to_sqlparser() {
        for text in [
            "SELECT 'it''s'",
            "SELECT E'a'",
            "SELECT 1.5",
            "SELECT 1e5",
            "SELECT $1",
            "SELECT a -- note",
            "SELECT a /* note */",
            "SELECT 'a\\b'",
            "SELECT 'multi\nline'",
            "SELECT \"a\"\"b\"",
            "SELECT naïve",
            "SELECT a := 1",
            "SELECT a\r\n",
            "SELECT t.1",
            "SELECT 1st",
            "SELECT a + b",
        ] {
            assert!(ours(text).is_none(), "{text}");
        }
    }

    #[test]
    fn keywords_are_sqlparsers() {
        for &word in ALL_KEYWORDS.iter().chain(&["users", "Table", "nOt", "x", "timestamp", "a_very_long_name_that_is_no_keyword_at_all_really"]) {
            let lower = word.to_ascii_lowercase();
            for w in [word, lower.as_str()] {
                let Token::Word(expected) = Token::make_word(w, None) else { unreachable!() };
                assert_eq!(keyword(w), expected.keyword, "{w}");
            }
        }
    }
}
