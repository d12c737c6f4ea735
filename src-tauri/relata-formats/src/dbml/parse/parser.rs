//! The parser's machinery: a cursor over the tokens, and the pieces every element shares —
//! names, qualified names, `[settings]`, setting values and ref endpoints. The elements
//! themselves are in [`super::items`].
//!
//! Error recovery: a problem inside a block skips to the end of its line; a problem in an
//! element's header skips to the next line that starts a top-level element (balancing
//! braces), so one typo gives one diagnostic.

use std::borrow::Cow;

use relata_model::Diagnostic;

use super::ast::{Endpoint, Name, Op, Pos, QualifiedName, Setting, Value};
use super::lexer::{Kind, Token};
use super::Reporter;
use crate::codes;

/// The keywords that start a top-level element.
pub(crate) const TOP_LEVEL: &[&str] =
    &["project", "table", "tablepartial", "enum", "ref", "tablegroup", "note", "records", "diagramview", "use", "reuse"];

/// A problem was reported; the caller recovers.
#[derive(Debug)]
pub(crate) struct Reported;

/// What a parsing step gives: the value, or [`Reported`].
pub(crate) type Parsed<T> = Result<T, Reported>;

/// A cursor over the tokens (which always end with one `Eof`) of source text `'s`; the
/// syntax tree it builds borrows from the source, not from the tokens (`'t`).
pub(crate) struct Parser<'t, 's> {
    pub tokens: &'t [Token<'s>],
    pub source: &'s str,
    pub at: usize,
    pub report: &'t mut Reporter,
}

impl<'t, 's> Parser<'t, 's> {
    /// The source text from byte `start` to the end of the last token taken, verbatim.
    pub fn text_since(&self, start: usize) -> &'s str {
        let end = self.tokens[..self.at].last().map_or(start, |t| t.end);
        &self.source[start..end.max(start)]
    }

    /// The current token.
    pub fn peek(&self) -> &'t Token<'s> {
        &self.tokens[self.at.min(self.tokens.len() - 1)]
    }

    /// The token `n` ahead of the current one.
    pub fn peek_n(&self, n: usize) -> &'t Token<'s> {
        &self.tokens[(self.at + n).min(self.tokens.len() - 1)]
    }

    /// Whether the current token is of `kind`.
    pub fn at(&self, kind: Kind) -> bool {
        self.peek().kind == kind
    }

    /// Moves past the current token (never past `Eof`) and returns it.
    pub fn bump(&mut self) -> &'t Token<'s> {
        let token = self.peek();
        if token.kind != Kind::Eof {
            self.at += 1;
        }
        token
    }

    /// Moves past the current token if it is of `kind`.
    pub fn eat(&mut self, kind: Kind) -> bool {
        let yes = self.at(kind);
        if yes {
            self.bump();
        }
        yes
    }

    /// Skips line breaks.
    pub fn skip_newlines(&mut self) {
        while self.at(Kind::Newline) {
            self.bump();
        }
    }

    /// Reports `message` at `pos` with `code` as an error.
    pub fn error(&mut self, code: &'static str, pos: Pos, message: impl Into<String>) -> Reported {
        // Right after a string that never closed, the lexer's diagnostic already says it all.
        if self.tokens[..self.at].iter().rev().find(|t| t.kind != Kind::Newline).is_some_and(|t| t.unterminated) {
            return Reported;
        }
        let at = self.report.at(pos);
        self.report.push(Diagnostic::error(code, at, message));
        Reported
    }

    /// Reports that `what` was expected where the current token is.
    pub fn expected(&mut self, what: &str) -> Reported {
        let token = self.peek();
        self.error(codes::D100, token.pos, format!("expected {what}, found {}", token.describe()))
    }

    /// Consumes a token of `kind` or reports that `what` was expected.
    pub fn expect(&mut self, kind: Kind, what: &str) -> Parsed<&'t Token<'s>> {
        self.expect_with(kind, || what.to_owned())
    }

    /// [`Parser::expect`] with `what` spelt only when it is reported.
    pub fn expect_with(&mut self, kind: Kind, what: impl FnOnce() -> String) -> Parsed<&'t Token<'s>> {
        if self.at(kind) {
            Ok(self.bump())
        } else {
            Err(self.expected(&what()))
        }
    }

    /// Skips the rest of the line (brackets and braces opened on it included), leaving the
    /// cursor on the line break, a `}` that closes the enclosing block, or `Eof`.
    pub fn skip_line(&mut self) {
        let mut depth = 0usize;
        loop {
            match self.peek().kind {
                Kind::Eof => return,
                Kind::Newline if depth == 0 => return,
                Kind::RBrace if depth == 0 => return,
                Kind::LBrace | Kind::LBracket | Kind::LParen => depth += 1,
                Kind::RBrace | Kind::RBracket | Kind::RParen => depth = depth.saturating_sub(1),
                _ => {}
            }
            self.bump();
        }
    }

    /// Skips to the next line that starts a top-level element, passing over whole blocks.
    pub fn skip_to_top_level(&mut self) {
        let mut depth = 0usize;
        loop {
            let token = self.peek();
            match token.kind {
                Kind::Eof => return,
                Kind::LBrace => depth += 1,
                Kind::RBrace => depth = depth.saturating_sub(1),
                Kind::Newline if depth == 0 && self.starts_top_level(1) => {
                    self.bump();
                    return;
                }
                _ => {}
            }
            self.bump();
        }
    }

    /// Whether the token `n` ahead is a top-level keyword.
    fn starts_top_level(&self, n: usize) -> bool {
        let token = self.peek_n(n);
        token.kind == Kind::Word && TOP_LEVEL.iter().any(|k| token.text.eq_ignore_ascii_case(k))
    }

    /// Whether the current line, inside a block, reads as the start of a new top-level element
    /// (a `Table … {` or `Ref: …` line): then the block it is in was never closed. A column
    /// named `table` (`table varchar`) does not count: its line has no `{`.
    pub fn line_starts_element(&self) -> bool {
        let token = self.peek();
        if token.kind != Kind::Word {
            return false;
        }
        // Asked for every line of every block: compared in place, not lower-cased into a copy.
        let is = |keyword: &str| token.text.eq_ignore_ascii_case(keyword);
        if is("records") {
            // `Records {` is a table's own records; a top-level one names its table first.
            self.peek_n(1).kind != Kind::LBrace && self.line_has_brace()
        } else if ["table", "tablepartial", "tablegroup", "enum", "project", "diagramview"].into_iter().any(is) {
            self.line_has_brace()
        } else if is("ref") {
            let next = self.peek_n(1).kind;
            next == Kind::Colon
                || (matches!(next, Kind::Word | Kind::Quoted) && matches!(self.peek_n(2).kind, Kind::Colon | Kind::LBrace))
        } else {
            false
        }
    }

    fn line_has_brace(&self) -> bool {
        let mut n = 1;
        loop {
            match self.peek_n(n).kind {
                Kind::LBrace => return true,
                Kind::Newline | Kind::Eof | Kind::RBrace => return false,
                _ => n += 1,
            }
        }
    }

    /// A name: a word, a `"…"` name, or a number used as one.
    pub fn name(&mut self, what: &str) -> Parsed<Name<'s>> {
        match self.peek().kind {
            Kind::Word | Kind::Quoted | Kind::Number => {
                let token = self.bump();
                Ok(Name { text: token.to_text(), pos: token.pos })
            }
            _ => Err(self.expected(what)),
        }
    }

    /// Whether the current token can be a name.
    pub fn at_name(&self) -> bool {
        matches!(self.peek().kind, Kind::Word | Kind::Quoted)
    }

    /// `name` or `schema.name`.
    pub fn qualified_name(&mut self, what: &str) -> Parsed<QualifiedName<'s>> {
        let first = self.name(what)?;
        if self.at(Kind::Dot) && matches!(self.peek_n(1).kind, Kind::Word | Kind::Quoted | Kind::Number) {
            self.bump();
            let second = self.name(what)?;
            if self.at(Kind::Dot) && matches!(self.peek_n(1).kind, Kind::Word | Kind::Quoted) {
                let pos = self.peek_n(1).pos;
                return Err(self.error(
                    codes::D100,
                    pos,
                    format!("`{}.{}.{}` has too many parts: {what} is `name` or `schema.name`", first.text, second.text, self.peek_n(1).text),
                ));
            }
            return Ok(QualifiedName { schema: Some(first), name: second });
        }
        Ok(QualifiedName { schema: None, name: first })
    }

    /// `[setting, setting: value, …]`, if the current token opens one; else no settings.
    pub fn settings(&mut self) -> Parsed<Vec<Setting<'s>>> {
        let mut settings = Vec::new();
        let Some(open) = self.at(Kind::LBracket).then(|| self.bump()) else {
            return Ok(settings);
        };
        loop {
            self.skip_newlines();
            if self.at(Kind::RBracket) {
                // `[pk, ]`: @dbml/core wants a setting after every comma.
                if self.tokens[..self.at].iter().rev().find(|t| t.kind != Kind::Newline).is_some_and(|t| t.kind == Kind::Comma) {
                    return Err(self.expected("a setting after `,` (or no `,` before `]`)"));
                }
                self.bump();
                return Ok(settings);
            }
            if self.at(Kind::Eof) {
                let pos = self.peek().pos;
                return Err(self.error(codes::D102, pos, format!("expected `]` to close the settings opened at {}", open.pos)));
            }
            settings.push(self.setting()?);
            self.skip_newlines();
            if !self.eat(Kind::Comma) && !self.at(Kind::RBracket) {
                return Err(self.expected("`,` or `]` after a setting"));
            }
        }
    }

    /// One setting: its words, then `: value` if given.
    fn setting(&mut self) -> Parsed<Setting<'s>> {
        let pos = self.peek().pos;
        if !self.at(Kind::Word) {
            return Err(self.expected("a setting name"));
        }
        // Lower-case, words joined by one space; one word already in lower case (`pk`,
        // `note`) is borrowed as written.
        let first = self.bump();
        let mut name = if first.text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(first.text.to_ascii_lowercase())
        } else {
            first.to_text()
        };
        while self.at(Kind::Word) {
            let name = name.to_mut();
            name.push(' ');
            name.push_str(&self.bump().text.to_ascii_lowercase());
        }
        let value = if self.eat(Kind::Colon) {
            // Inside `[ ]` a value may stand on the line after its name.
            self.skip_newlines();
            Some(if name == "ref" { self.inline_ref()? } else { self.value(&name)? })
        } else {
            None
        };
        Ok(Setting { name, value, pos })
    }

    /// A setting's value: a string (`'…'`, `"…"` or `'''…'''`), a number with any signs, an
    /// expression, a colour, words (`set null`) or a dotted path (`status.active`).
    pub fn value(&mut self, setting: &str) -> Parsed<Value<'s>> {
        let token = self.peek();
        let value = match token.kind {
            Kind::Str => Value::Str(token.to_text()),
            Kind::Number => Value::Number(token.to_text()),
            Kind::Expr => Value::Expr(token.to_text()),
            Kind::Color => Value::Color(token.to_text()),
            Kind::Minus | Kind::Plus => return self.signed_number(setting),
            Kind::Quoted if !self.at_path_dot(1) => Value::Str(token.to_text()),
            Kind::Word | Kind::Quoted if self.at_path_dot(1) => {
                let mut names = vec![self.name("a name")?];
                while self.at_path_dot(0) {
                    self.bump();
                    names.push(self.name("a name")?);
                }
                return Ok(Value::Path(names));
            }
            Kind::Word => {
                // Several words make one value (`set null`, `no action`); one word is
                // borrowed as written.
                let mut text = self.bump().to_text();
                while self.at(Kind::Word) {
                    let text = text.to_mut();
                    text.push(' ');
                    text.push_str(&self.bump().text);
                }
                return Ok(Value::Words(text));
            }
            _ => return Err(self.expected(&format!("a value for `{setting}`"))),
        };
        self.bump();
        Ok(value)
    }

    /// Whether the token `n` ahead is a `.` followed by a name (a dotted path goes on).
    fn at_path_dot(&self, n: usize) -> bool {
        self.peek_n(n).kind == Kind::Dot && matches!(self.peek_n(n + 1).kind, Kind::Word | Kind::Quoted)
    }

    /// A number after one or more signs (`+1`, `- 2`, `--3`), as @dbml/core reads it: each
    /// `-` flips the sign, `+` keeps it; the value is the number with its sign folded in.
    fn signed_number(&mut self, setting: &str) -> Parsed<Value<'s>> {
        let mut negative = false;
        while matches!(self.peek().kind, Kind::Minus | Kind::Plus) {
            negative ^= self.bump().kind == Kind::Minus;
        }
        if !self.at(Kind::Number) {
            return Err(self.expected(&format!("a number after the sign of `{setting}`")));
        }
        let number = self.bump().to_text();
        Ok(Value::Number(if negative { Cow::Owned(format!("-{number}")) } else { number }))
    }

    /// Skips line breaks when what follows them is a token of `kind` (a `{` on the line
    /// after a header, Allman style), leaving them otherwise: a line break ends a line.
    pub fn skip_newlines_before(&mut self, kind: Kind) {
        let mut n = 0;
        while self.peek_n(n).kind == Kind::Newline {
            n += 1;
        }
        if n > 0 && self.peek_n(n).kind == kind {
            self.at += n;
        }
    }

    /// `> table.column` after `ref:`.
    fn inline_ref(&mut self) -> Parsed<Value<'s>> {
        let op = self.op()?;
        let end = self.endpoint()?;
        Ok(Value::Ref(op, end))
    }

    /// A relation operator: `>`, `<`, `-` or `<>`.
    pub fn op(&mut self) -> Parsed<Op> {
        let op = match self.peek().kind {
            Kind::Gt => Op::ManyToOne,
            Kind::Lt => Op::OneToMany,
            Kind::Minus => Op::OneToOne,
            Kind::Both => Op::ManyToMany,
            _ => return Err(self.expected("a relation `>`, `<`, `-` or `<>`")),
        };
        self.bump();
        Ok(op)
    }

    /// `table.column`, `schema.table.column`, `table.(a, b)` or `schema.table.(a, b)`.
    pub fn endpoint(&mut self) -> Parsed<Endpoint<'s>> {
        let start = self.peek().pos;
        if !self.at_name() {
            return Err(self.error(
                codes::D116,
                start,
                format!("expected a ref endpoint like `table.column` or `table.(a, b)`, found {}", self.peek().describe()),
            ));
        }
        let mut parts = vec![self.name("a table name")?];
        let mut columns = None;
        while self.at(Kind::Dot) {
            self.bump();
            if self.eat(Kind::LParen) {
                let mut list = Vec::new();
                loop {
                    if !self.at_name() {
                        return Err(self.error(
                            codes::D116,
                            self.peek().pos,
                            format!("expected a column name in the composite endpoint, found {}", self.peek().describe()),
                        ));
                    }
                    list.push(self.name("a column name")?);
                    if self.eat(Kind::RParen) {
                        break;
                    }
                    if !self.eat(Kind::Comma) {
                        return Err(self.error(
                            codes::D116,
                            self.peek().pos,
                            format!("expected `,` or `)` in the composite endpoint, found {}", self.peek().describe()),
                        ));
                    }
                }
                columns = Some(list);
                break;
            }
            if !self.at_name() {
                return Err(self.error(
                    codes::D116,
                    self.peek().pos,
                    format!("expected a name or `(` after `.` in a ref endpoint, found {}", self.peek().describe()),
                ));
            }
            parts.push(self.name("a name")?);
        }
        let (table_parts, columns) = match columns {
            Some(columns) => (parts, columns),
            None => {
                let column = parts.pop().expect("one part at least");
                (parts, vec![column])
            }
        };
        let table = match table_parts.len() {
            1 | 2 => {
                let mut parts = table_parts.into_iter();
                let first = parts.next().expect("one part");
                match parts.next() {
                    Some(name) => QualifiedName { schema: Some(first), name },
                    None => QualifiedName { schema: None, name: first },
                }
            }
            _ => {
                let written = table_parts.iter().chain(&columns).map(|n| &*n.text).collect::<Vec<_>>().join(".");
                return Err(self.error(
                    codes::D116,
                    start,
                    format!("`{written}` is not a ref endpoint: write `table.column`, `schema.table.column` or `table.(a, b)`"),
                ));
            }
        };
        Ok(Endpoint { table, columns })
    }

    /// Ends a line inside a block: a line break or the block's `}` must follow; anything else
    /// is reported and skipped.
    pub fn end_line(&mut self, after: &str) {
        self.end_line_with(|| after.to_owned());
    }

    /// [`Parser::end_line`] with `after` spelt only when it is reported (a column's line
    /// ends some 10,000 times in a 1,000-table file).
    pub fn end_line_with(&mut self, after: impl FnOnce() -> String) {
        if !matches!(self.peek().kind, Kind::Newline | Kind::RBrace | Kind::Eof) {
            let token = self.peek();
            let message = format!("unexpected {} after {}; expected the end of the line", token.describe(), after());
            self.error(codes::D100, token.pos, message);
            self.skip_line();
        }
    }
}
