//! The erDiagram parser: front matter, then the tokens of [`super::lexer`] read by the
//! productions of Mermaid 11's `erDiagram.jison` — `erDiagram`, then statements (entities with
//! labels, classes and attribute blocks, relationship lines, `direction`, `classDef`, `class`,
//! `style`, `accTitle`, `accDescr`, `subgraph … end`). As in Mermaid, a statement needs no line
//! of its own, and a relationship has a label. After an error it skips to the next line break
//! outside a block, so one typo gives one diagnostic.

use super::ast::{Attribute, ClassAssignment, Entity, File, Key, Line, Name, Pos, Statement, Styling, Subgraph};
use super::lexer::{self, Kind, Token};
use super::Reporter;
use crate::codes;

/// Parses `text` into its syntax tree, reporting into `report`.
pub(crate) fn file(text: &str, report: &mut Reporter) -> File {
    let mut file = File::default();
    let Some((body, line)) = front_matter(text, &mut file, report) else {
        return file;
    };
    let tokens = lexer::tokens(&text[body..], line);
    let mut p = Parser { tokens, at: 0, report, body: &text[body..], first_line: line, depth: 0 };
    // Mermaid trims the text's start, so blank lines before `erDiagram` are nothing.
    while p.kind() == Kind::Newline {
        p.at += 1;
    }
    if p.kind() != Kind::ErDiagram {
        let pos = p.pos();
        p.report.error(codes::M103, pos, "expected `erDiagram`: this is not a Mermaid entity-relationship diagram");
        return file;
    }
    p.at += 1;
    let mut statements = Vec::new();
    p.document(&mut statements, None, &mut file);
    file.statements = statements;
    file
}

/// A statement that failed; its diagnostic is already reported.
struct Reported;

/// `---` lines opening the text: YAML front matter, kept as written, of which Relata reads
/// `title:`. Returns where the diagram starts (byte offset and line), or `None` when the
/// front matter never closes (then the whole text is front matter).
fn front_matter(text: &str, file: &mut File, report: &mut Reporter) -> Option<(usize, u32)> {
    let first = text.split('\n').next().unwrap_or_default();
    if !(first.starts_with("---") && first[3..].trim().is_empty()) {
        return Some((0, 1));
    }
    let mut offset = first.len() + 1;
    let mut line_no = 2;
    let mut lines = Vec::new();
    while offset <= text.len() {
        let rest = &text[offset..];
        let line = rest.split('\n').next().unwrap_or_default();
        let next = (offset + line.len() + 1).min(text.len() + 1);
        if line.starts_with("---") && line[3..].trim().is_empty() {
            file.front_matter = Some(lines.join("\n"));
            return Some((next.min(text.len()), line_no + 1));
        }
        let trimmed = line.trim_end_matches('\r');
        if let Some(title) = trimmed.strip_prefix("title:") {
            let value = title.trim();
            let unquoted = value.trim_matches(|c| c == '"' || c == '\'');
            let column = (trimmed.len() - title.trim_start().len()) as u32 + 1;
            let column = column + u32::from(unquoted.len() != value.len());
            file.title = Some(Name { text: unquoted.to_owned(), pos: Pos { line: line_no, column, file: 0 } });
        }
        lines.push(trimmed.to_owned());
        offset = next;
        line_no += 1;
    }
    report.error(codes::M104, Pos { line: 1, column: 1, file: 0 }, "front matter opened here with `---` never closes");
    None
}

struct Parser<'r> {
    tokens: Vec<Token>,
    at: usize,
    report: &'r mut Reporter,
    /// The diagram's text after the front matter, and the line it starts on: after an error
    /// the rest is read again from the next line, as a fresh start.
    body: &'r str,
    first_line: u32,
    /// How many subgraphs the parser is in (a `direction` inside one is the subgraph's).
    depth: u32,
}

/// A token that names an entity: a word, a quoted name, a number.
fn is_entity_name(kind: Kind) -> bool {
    matches!(kind, Kind::UnicodeText | Kind::EntityName | Kind::Num | Kind::DecimalNum | Kind::EntityOne)
}

impl Parser<'_> {
    fn token(&self) -> &Token {
        // The lexer always ends with `Eof`, and nothing moves past it.
        &self.tokens[self.at.min(self.tokens.len() - 1)]
    }

    fn kind(&self) -> Kind {
        self.token().kind
    }

    fn pos(&self) -> Pos {
        self.token().pos
    }

    /// Takes the current token (its text moved out: a token is read once).
    fn bump(&mut self) -> Token {
        let at = self.at.min(self.tokens.len() - 1);
        let token = &mut self.tokens[at];
        let taken = Token { kind: token.kind, text: std::mem::take(&mut token.text), pos: token.pos };
        if self.at < self.tokens.len() - 1 {
            self.at += 1;
        }
        taken
    }

    fn name(&mut self) -> Name {
        let token = self.bump();
        Name { text: token.text, pos: token.pos }
    }

    /// Reports M101: a `"` that opens a `what` but never closes.
    fn unclosed(&mut self, what: &str) -> Reported {
        let pos = self.pos();
        self.report.error(codes::M101, pos, format!("this {what} never closes: a `\"` is missing"));
        Reported
    }

    /// Reports M100: `what` was expected where the current token is.
    fn expected(&mut self, what: &str) -> Reported {
        let pos = self.pos();
        let found = describe(self.token());
        self.report.error(codes::M100, pos, format!("expected {what} but found {found}"));
        Reported
    }

    /// Goes on at the line after the one of the current token, read afresh: the lexer's
    /// state (inside a block or a style line) may be wrong after a broken statement.
    fn recover(&mut self) {
        if self.kind() == Kind::Eof {
            return;
        }
        if self.kind() == Kind::BlockStart {
            // A block where no entity may open one (its `{` on a line of its own): the lexer
            // read it as a block, so skip it whole.
            while !matches!(self.kind(), Kind::BlockStop | Kind::Eof) {
                self.at += 1;
            }
            self.bump();
            return;
        }
        let next = self.pos().line + 1;
        // Line breaks are `\n`, `\r\n` and a lone `\r`, as the lexer counts them.
        let bytes = self.body.as_bytes();
        let mut offset = 0;
        for _ in self.first_line..next {
            let Some(n) = bytes[offset..].iter().position(|&b| b == b'\n' || b == b'\r') else {
                // The error is on the last line: go on at the end of the text.
                self.at = self.tokens.len() - 1;
                return;
            };
            offset += n + 1;
            if bytes[offset - 1] == b'\r' && bytes.get(offset) == Some(&b'\n') {
                offset += 1;
            }
        }
        self.tokens = lexer::tokens(&self.body[offset..], next);
        self.at = 0;
    }

    /// Statements up to the end (or, in a subgraph, its `end`).
    fn document(&mut self, out: &mut Vec<Statement>, subgraph: Option<&Name>, file: &mut File) {
        loop {
            match self.kind() {
                Kind::Newline => {
                    self.bump();
                }
                Kind::Eof => {
                    if let Some(id) = subgraph {
                        let pos = self.pos();
                        let message = format!("expected `end` to close subgraph `{}` opened at {}", id.text, id.pos);
                        self.report.error(codes::M102, pos, message);
                    }
                    return;
                }
                Kind::End if subgraph.is_some() => {
                    self.bump();
                    return;
                }
                _ => {
                    if self.statement(out, file).is_err() {
                        // One diagnostic per broken line: skip what is left of it.
                        self.recover();
                    }
                }
            }
        }
    }

    fn statement(&mut self, out: &mut Vec<Statement>, file: &mut File) -> Result<(), Reported> {
        let (kind, pos) = (self.kind(), self.pos());
        match kind {
            Kind::AccTitle => {
                let text = self.bump().text;
                out.push(Statement::AccTitle(Name { text: text.trim().to_owned(), pos }));
            }
            Kind::AccDescr | Kind::AccDescrBlock => {
                let text = self.bump().text;
                out.push(Statement::AccDescr(Name { text: text.trim().to_owned(), pos }));
            }
            Kind::Direction => {
                let name = Name { text: self.bump().text, pos };
                if self.depth == 0 {
                    file.direction = Some(name.clone());
                }
                out.push(Statement::Direction(name));
            }
            Kind::ClassDef | Kind::Style => {
                self.bump();
                let what = if kind == Kind::Style { "the entities to style" } else { "the name of the class" };
                let names = self.id_list(what)?;
                let styles = self.styles()?;
                self.separator()?;
                let styling = Styling { names, styles, pos };
                out.push(if kind == Kind::Style { Statement::Style(styling) } else { Statement::ClassDef(styling) });
            }
            Kind::Class => {
                self.bump();
                let entities = self.id_list("the entities to give a class")?;
                let classes = self.id_list("the class to give them")?;
                out.push(Statement::Class(ClassAssignment { entities, classes, pos }));
            }
            Kind::Subgraph => {
                self.bump();
                let subgraph = self.subgraph(file)?;
                out.push(Statement::Subgraph(subgraph));
            }
            kind if is_entity_name(kind) => self.entity_statement(out)?,
            Kind::Char('"') => return Err(self.unclosed("name")),
            Kind::End => {
                let pos = self.pos();
                self.report.error(codes::M100, pos, "`end` closes no `subgraph`");
                return Err(Reported);
            }
            Kind::Word => {
                let pos = self.pos();
                self.report.error(
                    codes::M100,
                    pos,
                    "an entity name in quotes cannot hold `%`, `\\` or a line break, nor be empty",
                );
                return Err(Reported);
            }
            Kind::Card(_) if matches!(self.tokens.get(self.at.wrapping_sub(1)).map(|t| t.kind), Some(Kind::UnicodeText)) => {
                return Err(self.expected("a new statement (a label of several words needs quotes: `: \"has many\"`)"));
            }
            _ => return Err(self.expected("an entity, a relationship or another statement")),
        }
        Ok(())
    }

    /// `subgraph id [title]`, a line break, statements, `end`.
    fn subgraph(&mut self, file: &mut File) -> Result<Subgraph, Reported> {
        if !is_entity_name(self.kind()) {
            return Err(self.expected("the subgraph's name"));
        }
        let id = self.name();
        let mut title = None;
        if self.kind() == Kind::Sqs {
            self.bump();
            if !is_entity_name(self.kind()) {
                return Err(self.expected("the subgraph's title"));
            }
            title = Some(self.name());
            if self.kind() != Kind::Sqe {
                return Err(self.expected("`]` to close the subgraph's title"));
            }
            self.bump();
        }
        if !matches!(self.kind(), Kind::Newline | Kind::Eof) {
            return Err(self.expected("the end of the line after the subgraph's name (a title of several words goes in `[\"…\"]`)"));
        }
        let mut statements = Vec::new();
        self.depth += 1;
        self.document(&mut statements, Some(&id), file);
        self.depth -= 1;
        Ok(Subgraph { id, title, statements })
    }

    /// `name[, name…]` of `class`, `:::`, `style` and `classDef`.
    fn id_list(&mut self, what: &str) -> Result<Vec<Name>, Reported> {
        let mut names = Vec::new();
        loop {
            if !matches!(self.kind(), Kind::UnicodeText | Kind::StyleText) {
                return Err(self.expected(what));
            }
            names.push(self.name());
            if self.kind() != Kind::Comma {
                return Ok(names);
            }
            self.bump();
        }
    }

    /// The styles of a `style`/`classDef` line: words, `:` and `#`, `,` between styles.
    fn styles(&mut self) -> Result<Vec<String>, Reported> {
        let mut styles = Vec::new();
        loop {
            let mut style = String::new();
            loop {
                match self.kind() {
                    Kind::StyleText | Kind::Num => style.push_str(&self.bump().text),
                    Kind::Colon => {
                        self.bump();
                        style.push(':');
                    }
                    Kind::Brkt => {
                        self.bump();
                        style.push('#');
                    }
                    _ => break,
                }
            }
            if style.is_empty() {
                if let Kind::Unrecognized(c) = self.kind() {
                    let pos = self.pos();
                    self.report.error(
                        codes::M100,
                        pos,
                        format!("`{c}` cannot be in a style: Mermaid takes letters, digits, `-`, `*`, `:`, `#`, `,` and `;` there"),
                    );
                    return Err(Reported);
                }
                return Err(self.expected("a style such as `fill:#f9f`"));
            }
            styles.push(style);
            if self.kind() != Kind::Comma {
                return Ok(styles);
            }
            self.bump();
        }
    }

    /// The end of a `style`/`classDef` line: a line break, `;` or the end of the text.
    fn separator(&mut self) -> Result<(), Reported> {
        match self.kind() {
            Kind::Newline | Kind::Semi => {
                self.bump();
                Ok(())
            }
            Kind::Eof => Ok(()),
            Kind::Unrecognized(c) => {
                let pos = self.pos();
                self.report.error(
                    codes::M100,
                    pos,
                    format!("`{c}` cannot be in a style: Mermaid takes letters, digits, `-`, `*`, `:`, `#`, `,` and `;` there"),
                );
                Err(Reported)
            }
            _ => Err(self.expected("the end of the line")),
        }
    }

    /// `:::class[, class]` after an entity name, if there.
    fn classes(&mut self) -> Result<Vec<Name>, Reported> {
        if self.kind() != Kind::StyleSeparator {
            return Ok(Vec::new());
        }
        self.bump();
        self.id_list("a class name after `:::`")
    }

    /// An entity (with label, classes, block) or a relationship line.
    fn entity_statement(&mut self, out: &mut Vec<Statement>) -> Result<(), Reported> {
        let name = self.name();
        let mut entity = Entity { name, label: None, classes: Vec::new(), attributes: Vec::new(), block: false };
        entity.classes = self.classes()?;
        if self.kind() == Kind::Sqs && entity.classes.is_empty() {
            self.bump();
            if !is_entity_name(self.kind()) {
                return Err(self.expected("the entity's label: a word, or text in quotes without `%` or `\\`"));
            }
            entity.label = Some(self.name());
            if self.kind() != Kind::Sqe {
                return Err(self.expected("`]` to close the label (a label of several words needs quotes)"));
            }
            self.bump();
            entity.classes = self.classes()?;
            if matches!(self.kind(), Kind::Card(_)) {
                let pos = self.pos();
                self.report.error(
                    codes::M100,
                    pos,
                    format!(
                        "a relationship cannot give an entity its label: write `{}[…]` on a line of its own and the relationship without it",
                        entity.name.text
                    ),
                );
                return Err(Reported);
            }
        }
        if self.kind() == Kind::BlockStart {
            self.block(&mut entity)?;
            out.push(Statement::Entity(entity));
            return Ok(());
        }
        let Kind::Card(left_end) = self.kind() else {
            out.push(Statement::Entity(entity));
            return Ok(());
        };
        let pos = entity.name.pos;
        self.bump();
        let Kind::Line(identifying) = self.kind() else {
            return Err(self.expected("a line: `--`, `..`, `to` or `optionally to`"));
        };
        self.bump();
        let Kind::Card(right_end) = self.kind() else {
            return Err(self.expected("a cardinality: `o|`, `||`, `o{`, `|{` or words like `zero or more`"));
        };
        self.bump();
        if !is_entity_name(self.kind()) {
            return Err(self.expected("the entity at the other end of the line"));
        }
        let name = self.name();
        let mut right = Entity { name, label: None, classes: Vec::new(), attributes: Vec::new(), block: false };
        right.classes = self.classes()?;
        if self.kind() != Kind::Colon {
            let what = format!("`:` and a label after `{}` (Mermaid needs a label on every relationship; `\"\"` is one)", right.name.text);
            return Err(self.expected(&what));
        }
        self.bump();
        let label = match self.kind() {
            Kind::EntityName | Kind::UnicodeText | Kind::Word => self.bump().text,
            Kind::Char('"') => return Err(self.unclosed("label")),
            _ => return Err(self.expected("a label after `:`: one word, or text in quotes")),
        };
        out.push(Statement::Relationship(Line {
            left: entity,
            left_end,
            identifying,
            right_end,
            right,
            label: Some(label),
            pos,
        }));
        Ok(())
    }

    /// `{ attribute* }` after an entity.
    fn block(&mut self, entity: &mut Entity) -> Result<(), Reported> {
        let open = self.bump().pos;
        entity.block = true;
        loop {
            match self.kind() {
                Kind::BlockStop => {
                    self.bump();
                    return Ok(());
                }
                Kind::Eof => {
                    let pos = self.pos();
                    let message = format!("expected `}}` to close entity `{}` opened at {open}", entity.name.text);
                    self.report.error(codes::M102, pos, message);
                    return Err(Reported);
                }
                Kind::AttributeWord => {
                    let previous = entity.attributes.last().map(|a: &Attribute| a.name.pos.line);
                    match self.attribute(previous) {
                        Ok(attribute) => entity.attributes.push(attribute),
                        Err(Reported) => self.skip_line_in_block(),
                    }
                }
                _ => {
                    let _ = self.expected("an attribute (a type, then a name) or `}`");
                    self.skip_line_in_block();
                }
            }
        }
    }

    /// After a broken attribute: skips the rest of its line, but not a `}` that closes the
    /// block.
    fn skip_line_in_block(&mut self) {
        let line = self.pos().line;
        if matches!(self.kind(), Kind::BlockStop | Kind::Eof) {
            return;
        }
        self.bump();
        while self.pos().line == line && !matches!(self.kind(), Kind::BlockStop | Kind::Eof) {
            self.bump();
        }
    }

    /// `type name [PK|FK|UK [, …]] ["comment"]`; `previous` is the line of the attribute before.
    fn attribute(&mut self, previous: Option<u32>) -> Result<Attribute, Reported> {
        let mut data_type = self.name();
        if self.kind() == Kind::Char('?') {
            self.bump();
            data_type.text.push('?');
        }
        if self.kind() != Kind::AttributeWord {
            if previous == Some(data_type.pos.line) {
                // A word after an attribute on its line that is no key: say so, not "no name".
                self.report.error(
                    codes::M108,
                    data_type.pos,
                    format!("`{}` is not a key: an attribute's keys are PK, FK and UK, then an optional \"comment\"", data_type.text),
                );
                return Err(Reported);
            }
            let what = format!("the name of the attribute after its type `{}`", data_type.text);
            return Err(self.expected(&what));
        }
        let name = self.name();
        let mut keys = Vec::new();
        if self.kind() == Kind::AttributeKey {
            loop {
                let key = self.bump().text.to_ascii_uppercase();
                keys.push(match key.as_str() {
                    "PK" => Key::Primary,
                    "FK" => Key::Foreign,
                    _ => Key::Unique,
                });
                if self.kind() != Kind::Char(',') {
                    break;
                }
                self.bump();
                if self.kind() != Kind::AttributeKey {
                    return Err(self.expected("a key (PK, FK or UK) after `,`"));
                }
            }
            if self.kind() == Kind::AttributeKey {
                return Err(self.expected("`,` between two keys"));
            }
        }
        let mut comment = None;
        if self.kind() == Kind::Comment {
            comment = Some(self.bump().text);
        }
        match self.kind() {
            Kind::AttributeWord | Kind::BlockStop | Kind::Eof => Ok(Attribute { data_type, name, keys, comment }),
            Kind::Comment => Err(self.expected("one comment per attribute, then the next attribute or `}`")),
            Kind::Char('"') => Err(self.unclosed("comment")),
            Kind::AttributeKey => Err(self.expected("the keys before the comment")),
            _ => Err(self.expected("keys (PK, FK, UK), a \"comment\", the next attribute or `}`")),
        }
    }
}

/// A token as a diagnostic names it.
fn describe(token: &Token) -> String {
    match token.kind {
        Kind::Eof => "the end of the text".to_owned(),
        Kind::Newline => "the end of the line".to_owned(),
        Kind::Card(_) => format!("the cardinality `{}`", token.text),
        Kind::EntityName | Kind::Word | Kind::Comment => format!("\"{}\"", token.text),
        Kind::BlockStart => "`{`".to_owned(),
        Kind::BlockStop => "`}`".to_owned(),
        Kind::Brkt => "`#`".to_owned(),
        Kind::Comma => "`,`".to_owned(),
        Kind::StyleSeparator => "`:::`".to_owned(),
        Kind::Colon => "`:`".to_owned(),
        Kind::Sqs => "`[`".to_owned(),
        Kind::Sqe => "`]`".to_owned(),
        Kind::Semi => "`;`".to_owned(),
        Kind::ErDiagram => "`erDiagram`".to_owned(),
        Kind::Char(c) | Kind::Unrecognized(c) => format!("`{c}`"),
        _ => format!("`{}`", token.text),
    }
}
