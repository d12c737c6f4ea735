//! A [`Page`] as GitHub Markdown: CommonMark with GitHub's tables, no raw HTML (every character
//! that could start markup is escaped), relative links.

use crate::doc::{Block, Inline, Page};

/// The page as Markdown text.
pub fn render(page: &Page) -> String {
    let mut out = String::new();
    for block in &page.blocks {
        match block {
            Block::Heading { level, text, .. } => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(&inlines(text, false));
                out.push('\n');
            }
            Block::Paragraph(text) => {
                out.push_str(&line_start(&inlines(text, false)));
                out.push('\n');
            }
            Block::List(items) => {
                for item in items {
                    out.push_str("- ");
                    out.push_str(&line_start(&inlines(item, false)));
                    out.push('\n');
                }
            }
            Block::Table { header, rows } => {
                let cells: Vec<String> = header.iter().map(|h| escape(h, true)).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
                out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|c| inlines(c, true)).collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
            }
            Block::Image { src, alt } => out.push_str(&format!("![{}]({})\n", escape(alt, false), destination(src))),
        }
        out.push('\n');
    }
    out
}

fn inlines(text: &[Inline], in_table: bool) -> String {
    text.iter()
        .map(|i| match i {
            Inline::Text(t) => escape(t, in_table),
            Inline::Strong(t) => format!("**{}**", escape(t, in_table)),
            Inline::Code(t) => code(t, in_table),
            Inline::Link { text, href, code: true } => format!("[{}]({})", code(text, in_table), destination(href)),
            Inline::Link { text, href, code: false } => format!("[{}]({})", escape(text, in_table), destination(href)),
        })
        .collect()
}

/// Text with every ASCII character that could start Markdown escaped by a backslash, and line
/// breaks made spaces (a page's blocks are one line each).
fn escape(text: &str, in_table: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            // `|` ends a table cell; the others can start emphasis, code, links, HTML,
            // entities or headings wherever they stand.
            '|' if !in_table => out.push('|'),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '~' | '&' | '|' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A line that would start a list, a heading underline or a numbered item as plain text, its
/// first marker escaped.
fn line_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after_digits = line[digits..].chars().next();
    if line.starts_with(['-', '+', '=']) {
        format!("\\{line}")
    } else if digits > 0 && matches!(after_digits, Some('.' | ')')) {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_owned()
    }
}

/// A code span: fenced with one more backtick than the longest run inside; `|` escaped in a
/// table cell, as GitHub's tables ask.
fn code(text: &str, in_table: bool) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.is_empty() { " " } else { "" };
    let body = if in_table { text.replace('|', "\\|") } else { text };
    format!("{fence}{pad}{body}{pad}{fence}")
}

/// A link destination: in angle brackets when it holds a space or a parenthesis.
fn destination(href: &str) -> String {
    if href.contains([' ', '(', ')']) {
        format!("<{href}>")
    } else {
        href.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{code as c, text};

    #[test]
    fn markup_characters_stay_text_and_code_keeps_its_backticks() {
        let mut page = Page::new("t");
        page.push(Block::Paragraph(vec![text("a <b> *c* | 1. [x](y)"), c("a`b"), c("x|y")]));
        page.push(Block::Table { header: vec!["A|B".into()], rows: vec![vec![vec![c("x|y")]]] });
        page.push(Block::Paragraph(vec![text("12. not a list")]));
        page.push(Block::List(vec![vec![text("- not nested")]]));
        let md = render(&page);
        assert!(md.starts_with("a \\<b\\> \\*c\\* | 1. \\[x\\](y)``a`b```x|y`\n"), "{md}");
        assert!(md.contains("\n12\\. not a list\n") && md.contains("\n- \\- not nested\n"), "{md}");
        assert!(md.contains("| A\\|B |\n|---|\n| `x\\|y` |\n"), "{md}");
    }
}
