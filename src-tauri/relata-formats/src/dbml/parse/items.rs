//! The top-level elements of DBML — Project, Table, TablePartial, Enum, Ref, TableGroup,
//! sticky notes and Records — parsed into [`super::ast`].

use std::borrow::Cow;

use super::ast::{
    CheckDef, Column, Enum, File, IndexDef, IndexPartDef, Item, Member, Name, Pos, Project, Records, Ref, StickyNote, Table,
    TableGroup, Use, UseElement,
};
use super::lexer::Kind;
use super::parser::{Parsed, Parser, Reported, TOP_LEVEL};
use crate::codes;

/// Parses the whole token list into a [`File`].
pub(crate) fn file<'s>(p: &mut Parser<'_, 's>) -> File<'s> {
    let mut items = Vec::new();
    loop {
        p.skip_newlines();
        let token = p.peek();
        let item = match token.kind {
            Kind::Eof => return File { items },
            // Keywords compared in place, not lower-cased into a copy per element.
            Kind::Word => match TOP_LEVEL.iter().copied().find(|k| token.text.eq_ignore_ascii_case(k)) {
                Some("project") => project(p).map(Item::Project),
                Some("table") => table(p, "table").map(Item::Table),
                Some("tablepartial") => table(p, "table partial").map(Item::TablePartial),
                Some("enum") => enum_(p).map(Item::Enum),
                Some("ref") => ref_(p).map(Item::Ref),
                Some("tablegroup") => group(p).map(Item::TableGroup),
                Some("note") => sticky_note(p).map(Item::StickyNote),
                Some("records") => records(p).map(Item::Records),
                Some("diagramview") => diagram_view(p).map(Item::DiagramView),
                Some(keyword @ ("use" | "reuse")) => use_(p, keyword == "reuse").map(Item::Use),
                _ => Err(p.error(
                    codes::D103,
                    token.pos,
                    format!(
                        "unknown element `{}`; a DBML file holds use, Project, Table, TablePartial, Enum, Ref, TableGroup, Note, Records and DiagramView",
                        token.text
                    ),
                )),
            },
            _ => Err(p.error(
                codes::D103,
                token.pos,
                format!("expected Project, Table, Enum, Ref, TableGroup or Note, found {}", token.describe()),
            )),
        };
        match item {
            Ok(item) => items.push(item),
            Err(Reported) => p.skip_to_top_level(),
        }
    }
}

/// The lines of a `{ … }` block whose `{` was at `open`: `line` parses one line; a line it
/// rejects is skipped. Returns at the closing `}` (consumed), or — reported as an unclosed
/// block — at the end of the file or at a line that starts a new top-level element. `what`
/// names the block in that report; it is spelt only then.
fn block<'s>(
    p: &mut Parser<'_, 's>,
    open: Pos,
    what: &dyn Fn() -> String,
    line: &mut dyn FnMut(&mut Parser<'_, 's>) -> Parsed<()>,
) {
    loop {
        p.skip_newlines();
        let token = p.peek();
        if p.eat(Kind::RBrace) {
            return;
        }
        if token.kind == Kind::Eof || p.line_starts_element() {
            p.error(codes::D102, token.pos, format!("expected `}}` to close {} opened at {open}", what()));
            return;
        }
        if line(p).is_err() {
            p.skip_line();
        }
    }
}

/// `Note: '…'` or `Note { '…' }` inside a block, the cursor on `Note`; the string may be
/// `'…'`, `"…"` or `'''…'''`, and after `:` on the next line. Its text is as written (the
/// lowering reads it as a note, dedented).
fn note<'s>(p: &mut Parser<'_, 's>) -> Parsed<Name<'s>> {
    p.bump();
    if p.eat(Kind::Colon) {
        p.skip_newlines();
        let name = note_string(p, "a string after `Note:`, like 'text'")?;
        p.end_line("the note");
        return Ok(name);
    }
    let open = p.expect(Kind::LBrace, "`:` or `{` after `Note` (on the same line)")?.pos;
    p.skip_newlines();
    let name = note_string(p, "a string in the note, like 'text'")?;
    p.skip_newlines();
    if !p.eat(Kind::RBrace) {
        let at = p.peek().pos;
        return Err(p.error(codes::D102, at, format!("expected `}}` to close the note opened at {open}")));
    }
    Ok(name)
}

/// A note's string: `'…'`, `'''…'''` or `"…"`.
fn note_string<'s>(p: &mut Parser<'_, 's>, what: &str) -> Parsed<Name<'s>> {
    if matches!(p.peek().kind, Kind::Str | Kind::Quoted) {
        let token = p.bump();
        Ok(Name { text: token.to_text(), pos: token.pos })
    } else {
        Err(p.expected(what))
    }
}

/// Whether the cursor is on `Note` followed by `:` or `{` (a note, not a column named note).
fn at_note(p: &Parser<'_, '_>) -> bool {
    p.peek().is_word("note") && matches!(p.peek_n(1).kind, Kind::Colon | Kind::LBrace)
}

fn project<'s>(p: &mut Parser<'_, 's>) -> Parsed<Project<'s>> {
    let pos = p.bump().pos;
    let name = if p.at_name() { Some(p.name("a project name")?) } else { None };
    p.skip_newlines_before(Kind::LBrace);
    let open = p.expect(Kind::LBrace, "`{` after the project name")?.pos;
    let mut project = Project { name, settings: Vec::new(), note: None, pos };
    block(p, open, &|| "the project".to_owned(), &mut |p| {
        if at_note(p) {
            project.note = Some(note(p)?);
            return Ok(());
        }
        let key = p.name("a project setting like `database_type: 'PostgreSQL'`")?;
        p.expect(Kind::Colon, "`:` after the project setting")?;
        p.skip_newlines();
        let value = p.value(&key.text)?;
        let name = key.text.to_ascii_lowercase().into();
        project.settings.push(super::ast::Setting { name, value: Some(value), pos: key.pos });
        p.end_line("the project setting");
        Ok(())
    });
    Ok(project)
}

fn table<'s>(p: &mut Parser<'_, 's>, what: &str) -> Parsed<Table<'s>> {
    let start = p.peek().start;
    let pos = p.bump().pos;
    let name = p.qualified_name(if what == "table" { "a table name" } else { "a table partial name" })?;
    let alias = if p.peek().is_word("as") {
        p.bump();
        Some(p.name("an alias after `as`")?)
    } else {
        None
    };
    let settings = p.settings()?;
    if settings.is_empty() && p.at(Kind::Newline) {
        settings_on_next_line(p, &format!("{what} `{name}`"))?;
    }
    p.skip_newlines_before(Kind::LBrace);
    let open = p.expect_with(Kind::LBrace, || format!("`{{` to open {what} `{name}`"))?.pos;
    // The body's parts are gathered apart from the name, which the block's label borrows
    // (spelt only if the block is never closed).
    let (mut members, mut indexes_, mut note_, mut records) = (Vec::new(), Vec::new(), None, Vec::new());
    let mut checks_ = Vec::new();
    block(p, open, &|| format!("{what} `{name}`"), &mut |p| {
        let token = p.peek();
        if let Some(keyword) = brace_on_next_line(p) {
            let message = format!(
                "`{keyword}` and its `{{` must be on one line: DBML reads `{keyword}` alone as a column without a type"
            );
            let reported = p.error(codes::D100, token.pos, message);
            p.skip_newlines_before(Kind::LBrace);
            p.skip_newlines();
            skip_block(p);
            return Err(reported);
        } else if at_note(p) {
            note_ = Some(note(p)?);
        } else if token.is_word("indexes") && p.peek_n(1).kind == Kind::LBrace {
            indexes(p, &mut indexes_);
        } else if token.is_word("checks") && p.peek_n(1).kind == Kind::LBrace {
            checks(p, &mut checks_);
        } else if token.is_word("records") && p.peek_n(1).kind == Kind::LBrace {
            p.bump();
            skip_block(p);
            records.push((token.pos, p.text_since(token.start)));
        } else if token.kind == Kind::Tilde {
            p.bump();
            members.push(Member::Partial(p.name("a table partial name after `~`")?));
            p.end_line("the partial");
        } else {
            let name = p.name("a column name")?;
            if !matches!(p.peek().kind, Kind::Word | Kind::Quoted) {
                return Err(p.expected(&format!("a type for column `{}`", name.text)));
            }
            let data_type = column_type(p)?;
            let settings = p.settings()?;
            let column = Column { name, data_type, settings };
            p.end_line_with(|| format!("column `{}`", column.name.text));
            members.push(Member::Column(column));
        }
        Ok(())
    });
    let text = p.text_since(start);
    Ok(Table { name, alias, settings, members, indexes: indexes_, note: note_, records, checks: checks_, pos, text })
}

/// The keyword of a table body's block (`indexes`, `Note`, `checks`, `Records`) written
/// alone on its line with its `{` on the next: @dbml/core does not read that layout.
fn brace_on_next_line(p: &Parser<'_, '_>) -> Option<&'static str> {
    // The layout is tested first: asked for every line of every table, it is nearly never so.
    if p.peek_n(1).kind != Kind::Newline || p.peek_n(2).kind != Kind::LBrace {
        return None;
    }
    let token = p.peek();
    ["indexes", "Note", "checks", "Records"].into_iter().find(|k| token.is_word(k))
}

/// Reports a header's settings written on the line after its name (the cursor on that line
/// break), which @dbml/core reads as part of the name; nothing when the next line holds no `[`.
fn settings_on_next_line(p: &mut Parser<'_, '_>, what: &str) -> Parsed<()> {
    let mut n = 0;
    while p.peek_n(n).kind == Kind::Newline {
        n += 1;
    }
    let token = p.peek_n(n);
    if token.kind != Kind::LBracket {
        return Ok(());
    }
    let message = format!("the settings of {what} must be on the line of its name: DBML reads a `[` on the next line as part of the name");
    Err(p.error(codes::D100, token.pos, message))
}

/// Skips a `{ … }` block whose `{` is the current token, nested blocks included.
fn skip_block(p: &mut Parser<'_, '_>) {
    let mut depth = 0usize;
    loop {
        match p.bump().kind {
            Kind::Eof => return,
            Kind::LBrace => depth += 1,
            Kind::RBrace => {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
            _ => {}
        }
    }
}

/// A column type as written: `varchar`, `"timestamp with time zone"`, `varchar(255)`,
/// `numeric(10, 2)`, `text[]`, `core.status` (a qualified type is spelt as SQL names it).
fn column_type<'s>(p: &mut Parser<'_, 's>) -> Parsed<Name<'s>> {
    let first = p.bump();
    let pos = first.pos;
    // A one-word type is borrowed as written; a qualified one is spelt as SQL names it.
    let mut text = first.to_text();
    if p.at(Kind::Dot) && matches!(p.peek_n(1).kind, Kind::Word | Kind::Quoted) {
        let mut joined = sql_ident(&first.text);
        while p.at(Kind::Dot) && matches!(p.peek_n(1).kind, Kind::Word | Kind::Quoted) {
            p.bump();
            joined.push('.');
            joined.push_str(&sql_ident(&p.bump().text));
        }
        text = Cow::Owned(joined);
    }
    let mut end = p.tokens[p.at - 1].end;
    // Arguments and `[]` belong to the type only when written right after it: `text []`
    // would be an empty settings list.
    if p.at(Kind::LParen) && p.peek().start == end {
        let open = p.bump();
        let mut depth = 1usize;
        while depth > 0 {
            match p.peek().kind {
                Kind::Eof | Kind::Newline => {
                    return Err(p.error(codes::D102, open.pos, "expected `)` to close the type's arguments"));
                }
                Kind::LParen => depth += 1,
                Kind::RParen => depth -= 1,
                _ => {}
            }
            p.bump();
        }
        let close = p.tokens[p.at - 1].end;
        text.to_mut().push_str(&p.source[open.start..close]);
        end = close;
    }
    // Array dimensions, each empty or sizes: `text[]`, `int[3]`, `int[2][3]`, spelt as
    // @dbml/core spells them (sizes joined by `,`).
    while p.at(Kind::LBracket) && p.peek().start == end && is_array_dimension(p) {
        let text = text.to_mut();
        text.push('[');
        p.bump();
        while !p.at(Kind::RBracket) {
            let token = p.bump();
            text.push_str(if token.kind == Kind::Comma { "," } else { &token.text });
        }
        end = p.bump().end;
        text.push(']');
    }
    Ok(Name { text, pos })
}

/// Whether the `[` at the cursor opens an array dimension (`[]`, `[3]`, `[2, 3]`) rather
/// than settings.
fn is_array_dimension(p: &Parser<'_, '_>) -> bool {
    let mut n = 1;
    if p.peek_n(n).kind == Kind::RBracket {
        return true;
    }
    loop {
        if p.peek_n(n).kind != Kind::Number {
            return false;
        }
        n += 1;
        match p.peek_n(n).kind {
            Kind::RBracket => return true,
            Kind::Comma => n += 1,
            _ => return false,
        }
    }
}

/// A name as SQL spells it in a qualified type: bare when it is a lower-case word, else
/// double-quoted with `"` doubled.
fn sql_ident(name: &str) -> String {
    let mut chars = name.chars();
    let plain = chars.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain {
        name.to_owned()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// `indexes { … }`, the cursor on `indexes`.
fn indexes<'s>(p: &mut Parser<'_, 's>, out: &mut Vec<IndexDef<'s>>) {
    p.bump();
    let open = p.bump().pos;
    block(p, open, &|| "the indexes".to_owned(), &mut |p| {
        let pos = p.peek().pos;
        let mut parts = Vec::new();
        if p.eat(Kind::LParen) {
            loop {
                parts.push(index_part(p)?);
                if p.eat(Kind::RParen) {
                    break;
                }
                p.expect(Kind::Comma, "`,` or `)` in the index")?;
            }
        } else {
            parts.push(index_part(p)?);
        }
        let settings = p.settings()?;
        out.push(IndexDef { parts, settings, pos });
        p.end_line("the index");
        Ok(())
    });
}

fn checks<'s>(p: &mut Parser<'_, 's>, out: &mut Vec<CheckDef<'s>>) {
    p.bump();
    let open = p.bump().pos;
    block(p, open, &|| "the checks".to_owned(), &mut |p| {
        let token = p.peek();
        if token.kind != Kind::Expr {
            return Err(p.expected("a `` `boolean expression` `` in the checks"));
        }
        p.bump();
        let expression = Name { text: token.to_text(), pos: token.pos };
        let settings = p.settings()?;
        out.push(CheckDef { expression, settings, pos: token.pos });
        p.end_line("the check");
        Ok(())
    });
}

fn index_part<'s>(p: &mut Parser<'_, 's>) -> Parsed<IndexPartDef<'s>> {
    let token = p.peek();
    match token.kind {
        Kind::Expr => {
            p.bump();
            Ok(IndexPartDef::Expression(Name { text: token.to_text(), pos: token.pos }))
        }
        Kind::Word | Kind::Quoted => Ok(IndexPartDef::Column(p.name("a column")?)),
        _ => Err(p.expected("a column name or a `` `expression` `` in the index")),
    }
}

fn enum_<'s>(p: &mut Parser<'_, 's>) -> Parsed<Enum<'s>> {
    let pos = p.bump().pos;
    let name = p.qualified_name("an enum name")?;
    p.skip_newlines_before(Kind::LBrace);
    let open = p.expect_with(Kind::LBrace, || format!("`{{` to open enum `{name}`"))?.pos;
    let mut values = Vec::new();
    block(p, open, &|| format!("enum `{name}`"), &mut |p| {
        let value = p.name("an enum value")?;
        let settings = p.settings()?;
        values.push((value, settings));
        p.end_line("the enum value");
        Ok(())
    });
    Ok(Enum { name, values, pos })
}

/// `Ref name: a > b [settings]` or `Ref name { a > b [settings] }`.
fn ref_<'s>(p: &mut Parser<'_, 's>) -> Parsed<Ref<'s>> {
    let pos = p.bump().pos;
    let name = if p.at_name() { Some(p.name("a ref name")?) } else { None };
    p.skip_newlines_before(Kind::Colon);
    p.skip_newlines_before(Kind::LBrace);
    if p.eat(Kind::Colon) {
        p.skip_newlines();
        let r = ref_body(p, name, pos)?;
        p.end_line("the ref");
        return Ok(r);
    }
    let open = p.expect(Kind::LBrace, "`:` or `{` after `Ref`")?.pos;
    p.skip_newlines();
    let r = ref_body(p, name, pos)?;
    p.skip_newlines();
    if !p.eat(Kind::RBrace) {
        let at = p.peek().pos;
        return Err(p.error(codes::D102, at, format!("expected `}}` to close the ref opened at {open}")));
    }
    Ok(r)
}

fn ref_body<'s>(p: &mut Parser<'_, 's>, name: Option<Name<'s>>, pos: Pos) -> Parsed<Ref<'s>> {
    let left = p.endpoint()?;
    // The relation may start the next line, or end this one (`a.b >` then `c.d`).
    for kind in [Kind::Gt, Kind::Lt, Kind::Minus, Kind::Both] {
        p.skip_newlines_before(kind);
    }
    let op = p.op()?;
    p.skip_newlines();
    let right = p.endpoint()?;
    let settings = p.settings()?;
    Ok(Ref { name, left, op, right, settings, pos })
}

fn group<'s>(p: &mut Parser<'_, 's>) -> Parsed<TableGroup<'s>> {
    let pos = p.bump().pos;
    let name = p.name("a table group name")?;
    let settings = p.settings()?;
    if settings.is_empty() && p.at(Kind::Newline) {
        settings_on_next_line(p, &format!("table group `{}`", name.text))?;
    }
    p.skip_newlines_before(Kind::LBrace);
    let open = p.expect_with(Kind::LBrace, || format!("`{{` to open table group `{}`", name.text))?.pos;
    let (mut tables, mut note_) = (Vec::new(), None);
    block(p, open, &|| format!("table group `{}`", name.text), &mut |p| {
        if at_note(p) {
            note_ = Some(note(p)?);
        } else {
            tables.push(p.qualified_name("a table name")?);
            p.end_line("the table name");
        }
        Ok(())
    });
    Ok(TableGroup { name, settings, tables, note: note_, pos })
}

fn sticky_note<'s>(p: &mut Parser<'_, 's>) -> Parsed<StickyNote<'s>> {
    let start = p.peek().start;
    let pos = p.bump().pos;
    let name = if p.at_name() { Some(p.name("a note name")?) } else { None };
    // Its settings (`[color: …]`) are kept with the note's text, verbatim.
    p.settings()?;
    p.skip_newlines_before(Kind::LBrace);
    let open = p.expect(Kind::LBrace, "`{` to open the sticky note")?.pos;
    p.skip_newlines();
    let text = note_string(p, "the note's text as a string, like 'text'")?.text;
    p.skip_newlines();
    if !p.eat(Kind::RBrace) {
        let at = p.peek().pos;
        return Err(p.error(codes::D102, at, format!("expected `}}` to close the note opened at {open}")));
    }
    Ok(StickyNote { name, text, pos, source: p.text_since(start) })
}

/// The parts of a `DiagramView`: which tables, notes, groups and schemas it shows.
const VIEW_PARTS: [&str; 4] = ["tables", "notes", "tablegroups", "schemas"];

/// `DiagramView name { Tables { a, b } Notes { * } … }`: read to its end (each part a list of
/// names or `*`), kept as its name and its text.
fn diagram_view<'s>(p: &mut Parser<'_, 's>) -> Parsed<super::ast::DiagramView<'s>> {
    let start = p.peek().start;
    let pos = p.bump().pos;
    let name = p.name("a diagram view name")?;
    p.skip_newlines_before(Kind::LBrace);
    let open = p.expect_with(Kind::LBrace, || format!("`{{` to open diagram view `{}`", name.text))?.pos;
    block(p, open, &|| format!("diagram view `{}`", name.text), &mut |p| {
        let token = p.peek();
        if !VIEW_PARTS.iter().any(|part| token.is_word(part)) {
            return Err(p.expected("`Tables`, `Notes`, `TableGroups` or `Schemas` in the diagram view"));
        }
        p.bump();
        let open = p.expect(Kind::LBrace, "`{` after the part of the diagram view")?.pos;
        block(p, open, &|| "the list of the diagram view".to_owned(), &mut |p| {
            loop {
                match p.peek().kind {
                    Kind::Word | Kind::Quoted | Kind::Dot | Kind::Comma | Kind::Star => {
                        p.bump();
                    }
                    Kind::Newline | Kind::RBrace => return Ok(()),
                    _ => return Err(p.expected("a name or `*` in the diagram view")),
                }
            }
        });
        p.end_line("the part of the diagram view");
        Ok(())
    });
    Ok(super::ast::DiagramView { name, pos, source: p.text_since(start) })
}

/// What a selective `use` may name.
const USE_KINDS: [&str; 6] = ["table", "enum", "tablepartial", "note", "schema", "tablegroup"];

/// `use * from './file'` or `use { kind name [as alias] … } from './file'` (also `reuse`),
/// the cursor on the keyword.
fn use_<'s>(p: &mut Parser<'_, 's>, reuse: bool) -> Parsed<Use<'s>> {
    let pos = p.bump().pos;
    let elements = if p.eat(Kind::Star) {
        None
    } else {
        let open = p.expect(Kind::LBrace, "`*` or `{` after `use`")?.pos;
        let mut elements = Vec::new();
        block(p, open, &|| "the list of the `use`".to_owned(), &mut |p| {
            loop {
                let token = p.peek();
                let Some(kind) = USE_KINDS.iter().find(|k| token.kind == Kind::Word && token.text.eq_ignore_ascii_case(k)) else {
                    return Err(p.expected("an element to use: table, enum, tablepartial, note, schema or tablegroup, then its name"));
                };
                p.bump();
                let name = p.qualified_name("the name of the element to use")?;
                let alias = if p.peek().is_word("as") {
                    p.bump();
                    Some(p.name("an alias after `as`")?)
                } else {
                    None
                };
                elements.push(UseElement { kind: Cow::Borrowed(kind), name, alias });
                if !p.eat(Kind::Comma) {
                    break;
                }
                p.skip_newlines();
            }
            p.end_line("the element to use");
            Ok(())
        });
        Some(elements)
    };
    if !p.peek().is_word("from") {
        return Err(p.expected("`from './file'` after what to use"));
    }
    p.bump();
    if !matches!(p.peek().kind, Kind::Str | Kind::Quoted) {
        return Err(p.expected("the file to use as a string, like './base.dbml'"));
    }
    let token = p.bump();
    let path = Name { text: token.to_text(), pos: token.pos };
    p.end_line("the `use`");
    Ok(Use { reuse, elements, path, pos })
}

fn records<'s>(p: &mut Parser<'_, 's>) -> Parsed<Records<'s>> {
    let begin = p.peek().start;
    let pos = p.bump().pos;
    let table = if p.at_name() { Some(p.qualified_name("a table name")?) } else { None };
    if p.at(Kind::LParen) {
        while !matches!(p.peek().kind, Kind::RParen | Kind::Newline | Kind::Eof) {
            p.bump();
        }
        p.expect(Kind::RParen, "`)` after the record columns")?;
    }
    p.skip_newlines_before(Kind::LBrace);
    if !p.at(Kind::LBrace) {
        return Err(p.expected("`{` to open the records"));
    }
    let start = p.at;
    skip_block(p);
    let rows = p.tokens[start..p.at].windows(2).filter(|w| w[0].kind == Kind::Newline && w[1].kind != Kind::RBrace).count();
    Ok(Records { table, rows, pos, source: p.text_since(begin) })
}
