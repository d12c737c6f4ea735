//! The erDiagram parser: front matter, the `erDiagram` header, then statements (entities with
//! labels and attribute blocks, relationship lines, `direction`, and the statements Relata
//! does not keep). After an error it skips to the next line, so one typo gives one diagnostic.

use super::ast::{Attribute, End, Entity, File, Key, Line, Name, Pos, Statement};
use super::lexer::{is_attribute_start, Cursor};
use super::Reporter;
use crate::codes;

/// Parses `text` into its syntax tree, reporting into `report`.
pub(crate) fn file(text: &str, report: &mut Reporter) -> File {
    let mut cx = Cursor::new(text);
    let mut file = File::default();
    if !front_matter(&mut cx, &mut file, report) {
        return file;
    }
    cx.skip_trivia();
    // `%%{init: …}%%` directives are comments to this parser.
    if !cx.eat_keyword("erDiagram") {
        let pos = cx.pos();
        report.error(codes::M103, pos, "expected `erDiagram`: this is not a Mermaid entity-relationship diagram");
        return file;
    }
    loop {
        cx.skip_trivia();
        if cx.at_end() {
            return file;
        }
        let line = cx.pos().line;
        if statement(&mut cx, &mut file, report).is_err() && cx.pos().line == line {
            cx.skip_line();
        }
    }
}

/// A statement that failed; its diagnostic is already reported.
struct Reported;

/// `---` lines opening the text: YAML front matter, of which Relata reads `title:`. False
/// when it never closes (then the whole text is front matter).
fn front_matter(cx: &mut Cursor, file: &mut File, report: &mut Reporter) -> bool {
    cx.skip_blanks();
    if !(cx.peek() == Some('-') && cx.peek_n(1) == Some('-') && cx.peek_n(2) == Some('-')) {
        return true;
    }
    let open = cx.pos();
    cx.skip_line();
    loop {
        if cx.at_end() {
            report.error(codes::M104, open, "front matter opened here with `---` never closes");
            return false;
        }
        let pos = cx.pos();
        let line = cx.rest_of_line();
        cx.skip_line();
        if line == "---" {
            return true;
        }
        if let Some(title) = line.strip_prefix("title:") {
            let title = title.trim().trim_matches(|c| c == '"' || c == '\'').to_owned();
            let column = pos.column + (line.chars().count() - title.trim_start().chars().count()) as u32;
            file.title = Some(Name { text: title, pos: Pos { line: pos.line, column, file: 0 } });
        }
    }
}

fn statement(cx: &mut Cursor, file: &mut File, report: &mut Reporter) -> Result<(), Reported> {
    let pos = cx.pos();
    if cx.eat_keyword("direction") {
        cx.skip_blanks();
        let at = cx.pos();
        let word = cx.entity_word();
        match word {
            Some(w) if matches!(w.text.to_ascii_uppercase().as_str(), "TB" | "BT" | "LR" | "RL" | "TD") => {
                file.direction = Some(Name { text: w.text.to_ascii_uppercase(), pos: w.pos });
            }
            other => {
                let found = other.map_or_else(|| "nothing".to_owned(), |w| format!("`{}`", w.text));
                report.error(codes::M105, at, format!("expected a direction (TB, BT, LR or RL) but found {found}"));
                return Err(Reported);
            }
        }
        return end_of_statement(cx, report);
    }
    if cx.eat_keyword("title") {
        cx.skip_blanks();
        let at = cx.pos();
        file.title = Some(Name { text: cx.rest_of_line(), pos: at });
        return Ok(());
    }
    if cx.eat_keyword("accDescr") {
        cx.skip_blanks();
        if cx.peek() == Some('{') {
            // A multi-line description: everything up to the closing `}`.
            let mut closed = false;
            while let Some(c) = cx.bump() {
                if c == '}' {
                    closed = true;
                    break;
                }
            }
            if !closed {
                report.error(codes::M102, pos, "expected `}` to close this `accDescr {`");
                return Err(Reported);
            }
        } else {
            cx.rest_of_line();
        }
        report.warning(codes::M110, pos, "`accDescr` is not kept: the registries have no place for accessibility text");
        return Ok(());
    }
    for keyword in ["accTitle", "style", "classDef", "class"] {
        if cx.eat_keyword(keyword) {
            let rest = cx.rest_of_line();
            let shown: String = rest.chars().take(40).collect();
            report.warning(
                codes::M110,
                pos,
                format!("`{keyword} {shown}` is not kept: the registries have no place for diagram styling or accessibility text"),
            );
            return Ok(());
        }
    }
    let left = entity_ref(cx, report)?;
    cx.skip_blanks();
    if cx.peek() == Some('{') {
        let entity = attribute_block(cx, left, report)?;
        file.statements.push(Statement::Entity(entity));
        return Ok(());
    }
    if cx.at_line_end() {
        file.statements.push(Statement::Entity(left));
        return Ok(());
    }
    // A relationship line.
    let left_end = expect_end(cx, report)?;
    cx.skip_blanks();
    let Some(identifying) = cx.line() else {
        return Err(expected(cx, report, "a line: `--`, `..`, `to` or `optionally to`"));
    };
    cx.skip_blanks();
    let right_end = expect_end(cx, report)?;
    cx.skip_blanks();
    let right = entity_ref(cx, report)?;
    cx.skip_blanks();
    let mut label = None;
    if cx.peek() == Some(':') {
        cx.bump();
        cx.skip_blanks();
        if cx.peek() == Some('"') {
            match cx.quoted() {
                Ok(name) => label = Some(name.text),
                Err(at) => {
                    report.error(codes::M101, at, "this string never closes: a `\"` is missing before the end of the line");
                    return Err(Reported);
                }
            }
        } else {
            // An unquoted label is one word, as in Mermaid's grammar.
            match cx.attribute_word() {
                Some(word) => label = Some(word.text),
                None => return Err(expected(cx, report, "a label after `:`")),
            }
        }
    } else if !cx.at_line_end() {
        return Err(expected(cx, report, "`:` and a label"));
    }
    file.statements.push(Statement::Relationship(Line { left, left_end, identifying, right_end, right, label, pos }));
    end_of_statement(cx, report)
}

/// An entity name with its optional `[label]` and `:::class`.
fn entity_ref(cx: &mut Cursor, report: &mut Reporter) -> Result<Entity, Reported> {
    let name = if cx.peek() == Some('"') {
        cx.quoted().map_err(|at| {
            report.error(codes::M101, at, "this string never closes: a `\"` is missing before the end of the line");
            Reported
        })?
    } else {
        match cx.entity_word() {
            Some(name) => name,
            None => return Err(expected(cx, report, "an entity name")),
        }
    };
    let mut label = None;
    if cx.peek() == Some('[') {
        cx.bump();
        cx.skip_blanks();
        let text = if cx.peek() == Some('"') {
            cx.quoted().map_err(|at| {
                report.error(codes::M101, at, "this string never closes: a `\"` is missing before the end of the line");
                Reported
            })?
        } else {
            let pos = cx.pos();
            let mut text = String::new();
            while let Some(c) = cx.peek().filter(|c| !matches!(c, ']' | '\n')) {
                text.push(c);
                cx.bump();
            }
            Name { text: text.trim().to_owned(), pos }
        };
        cx.skip_blanks();
        if cx.peek() != Some(']') {
            return Err(expected(cx, report, "`]` to close the label"));
        }
        cx.bump();
        label = Some(text);
    }
    if cx.peek() == Some(':') && cx.peek_n(1) == Some(':') && cx.peek_n(2) == Some(':') {
        for _ in 0..3 {
            cx.bump();
        }
        let pos = cx.pos();
        let class = cx.entity_word().map(|w| w.text).unwrap_or_default();
        report.warning(codes::M110, pos, format!("class `{class}` is not kept: the registries have no place for diagram styling"));
    }
    Ok(Entity { name, label, attributes: Vec::new() })
}

/// `{ attribute* }` after an entity.
fn attribute_block(cx: &mut Cursor, mut entity: Entity, report: &mut Reporter) -> Result<Entity, Reported> {
    let open = cx.pos();
    cx.bump();
    loop {
        cx.skip_trivia();
        match cx.peek() {
            None => {
                let at = cx.pos();
                report.error(
                    codes::M102,
                    at,
                    format!("expected `}}` to close entity `{}` opened at {open}", entity.name.text),
                );
                return Ok(entity);
            }
            Some('}') => {
                cx.bump();
                return Ok(entity);
            }
            _ => {
                let line = cx.pos().line;
                match attribute(cx, report) {
                    Ok(a) => entity.attributes.push(a),
                    Err(Reported) => {
                        // Skip the rest of the broken line, but not a `}` that closes the block.
                        if cx.pos().line == line {
                            while let Some(c) = cx.peek() {
                                if c == '\n' || c == '}' {
                                    break;
                                }
                                cx.bump();
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `type name [PK|FK|UK [, …]] ["comment"]` on one line.
fn attribute(cx: &mut Cursor, report: &mut Reporter) -> Result<Attribute, Reported> {
    if !cx.peek().is_some_and(is_attribute_start) {
        return Err(expected(cx, report, "an attribute: a type, then a name"));
    }
    let data_type = cx.attribute_word().ok_or_else(|| expected(cx, report, "an attribute type"))?;
    cx.skip_blanks();
    if !cx.peek().is_some_and(is_attribute_start) {
        return Err(expected(cx, report, &format!("the name of the attribute after its type `{}`", data_type.text)));
    }
    let name = cx.attribute_word().ok_or_else(|| expected(cx, report, "an attribute name"))?;
    let mut keys = Vec::new();
    let mut comment = None;
    loop {
        cx.skip_blanks();
        match cx.peek() {
            None | Some('\n' | '}' | ';') => break,
            Some('%') if cx.peek_n(1) == Some('%') => break,
            Some('"') if comment.is_none() => match cx.quoted() {
                Ok(text) => comment = Some(text.text),
                Err(at) => {
                    report.error(codes::M101, at, "this comment never closes: a `\"` is missing before the end of the line");
                    return Err(Reported);
                }
            },
            Some(',') if !keys.is_empty() && comment.is_none() => {
                cx.bump();
            }
            Some(_) if comment.is_none() => {
                let pos = cx.pos();
                let key = if cx.eat_keyword("PK") {
                    Key::Primary
                } else if cx.eat_keyword("FK") {
                    Key::Foreign
                } else if cx.eat_keyword("UK") {
                    Key::Unique
                } else {
                    let word = cx.attribute_word().map_or_else(|| cx.peek().unwrap_or(' ').to_string(), |w| w.text);
                    report.error(
                        codes::M108,
                        pos,
                        format!("`{word}` is not a key: an attribute's keys are PK, FK and UK, then an optional \"comment\""),
                    );
                    return Err(Reported);
                };
                keys.push(key);
            }
            Some(_) => return Err(expected(cx, report, "the end of the attribute after its comment")),
        }
    }
    Ok(Attribute { data_type, name, keys, comment })
}

fn expect_end(cx: &mut Cursor, report: &mut Reporter) -> Result<End, Reported> {
    cx.end().ok_or_else(|| {
        expected(cx, report, "a cardinality: `|o`, `||`, `}o`, `}|` (or mirrored), or words like `zero or more`")
    })
}

/// After a statement: only blanks, a comment, `;` or the end of the line.
fn end_of_statement(cx: &mut Cursor, report: &mut Reporter) -> Result<(), Reported> {
    if cx.at_line_end() {
        Ok(())
    } else {
        Err(expected(cx, report, "the end of the statement"))
    }
}

/// Reports M100: `what` was expected where the cursor is.
fn expected(cx: &mut Cursor, report: &mut Reporter, what: &str) -> Reported {
    let pos = cx.pos();
    let found = match cx.peek() {
        None => "the end of the text".to_owned(),
        Some('\n') => "the end of the line".to_owned(),
        Some(c) => format!("`{c}`"),
    };
    report.error(codes::M100, pos, format!("expected {what} but found {found}"));
    Reported
}
