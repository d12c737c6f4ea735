//! A [`Page`] as a static HTML5 file: no script, one stylesheet beside the pages, headings with
//! the same anchors as the Markdown, pictures as `<img>` of the SVG files beside them.

use crate::doc::{Block, Inline, Page};

/// The stylesheet every page links to, written once as [`STYLESHEET`].
pub const STYLESHEET: &str = "relata-docs.css";

/// The stylesheet's text: legible type, tables with rules, wide diagrams scrolled.
pub const CSS: &str = "\
body { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif; color: #1f2328; margin: 0 auto; padding: 1.5rem 2rem; max-width: 80rem; }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.5rem 0 0.75rem; }
h3 { border-top: 1px solid #d0d7de; padding-top: 1rem; }
h1 code, h2 code, h3 code { font-size: 1em; background: none; padding: 0; }
code { font: 0.9em/1.4 ui-monospace, 'DejaVu Sans Mono', monospace; background: #f3f4f6; padding: 0.1em 0.3em; border-radius: 4px; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
.diagram { overflow: auto; border: 1px solid #d0d7de; border-radius: 6px; max-height: 80vh; }
.diagram img { display: block; max-width: none; }
a { color: #0969da; }
";

/// The page as HTML; `stylesheet` is the stylesheet's path relative to the page.
pub fn render(page: &Page, stylesheet: &str) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n<link rel=\"stylesheet\" href=\"{}\">\n</head>\n<body>\n", escape(&page.title), escape(stylesheet)));
    for block in &page.blocks {
        match block {
            Block::Heading { level, text, anchor } => {
                out.push_str(&format!("<h{level} id=\"{}\">{}</h{level}>\n", escape(anchor), inlines(text)));
            }
            Block::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", inlines(text))),
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", inlines(item)));
                }
                out.push_str("</ul>\n");
            }
            Block::Table { header, rows } => {
                out.push_str("<table>\n<thead><tr>");
                for h in header {
                    out.push_str(&format!("<th>{}</th>", escape(h)));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for cell in row {
                        out.push_str(&format!("<td>{}</td>", inlines(cell)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Image { src, alt } => {
                out.push_str(&format!("<div class=\"diagram\"><img src=\"{}\" alt=\"{}\"></div>\n", escape(src), escape(alt)));
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn inlines(text: &[Inline]) -> String {
    text.iter()
        .map(|i| match i {
            Inline::Text(t) => escape(t),
            Inline::Strong(t) => format!("<strong>{}</strong>", escape(t)),
            Inline::Code(t) => format!("<code>{}</code>", escape(t)),
            Inline::Link { text, href, code: true } => format!("<a href=\"{}\"><code>{}</code></a>", escape(href), escape(text)),
            Inline::Link { text, href, code: false } => format!("<a href=\"{}\">{}</a>", escape(href), escape(text)),
        })
        .collect()
}

/// Text safe in HTML content and in a double-quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}
