//! A page as blocks and inlines, written once and rendered twice: as Markdown
//! ([`crate::markdown`]) and as HTML ([`crate::html`]). Links are relative and anchors are the
//! slugs GitHub gives headings ([`slug`]), so one link works in both renderings.

/// A run of text in a block.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Code: an identifier or a type.
    Code(String),
    /// Bold text.
    Strong(String),
    /// A link to `href` (relative: `other.md#anchor`, `#anchor`).
    Link {
        /// The link's text.
        text: String,
        /// Where it goes.
        href: String,
        /// Whether the text is code.
        code: bool,
    },
}

/// A block of a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of `level` (1–4) whose anchor is `anchor`.
    Heading {
        /// 1 to 4.
        level: u8,
        /// Its text.
        text: Vec<Inline>,
        /// Its anchor (a [`slug`], unique in the page).
        anchor: String,
    },
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A bulleted list.
    List(Vec<Vec<Inline>>),
    /// A table with a header row.
    Table {
        /// The header cells.
        header: Vec<String>,
        /// The rows, each a list of cells.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A picture file beside the page.
    Image {
        /// The file, relative to the page.
        src: String,
        /// What it shows.
        alt: String,
    },
}

/// A page: its title and blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The page's title (the `<title>` in HTML).
    pub title: String,
    /// Its blocks.
    pub blocks: Vec<Block>,
    /// The anchors given so far, to keep them unique.
    anchors: Vec<String>,
}

impl Page {
    /// An empty page titled `title`.
    pub fn new(title: impl Into<String>) -> Self {
        Self { title: title.into(), blocks: Vec::new(), anchors: Vec::new() }
    }

    /// Adds a heading and returns its anchor: the slug of its text, with `-1`, `-2`… after it
    /// when the page has that slug already, as GitHub numbers repeated headings.
    pub fn heading(&mut self, level: u8, text: Vec<Inline>) -> String {
        let plain: String = text.iter().map(plain).collect();
        let base = slug(&plain);
        let mut anchor = base.clone();
        let mut n = 0;
        while self.anchors.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        self.anchors.push(anchor.clone());
        self.blocks.push(Block::Heading { level, text, anchor: anchor.clone() });
        anchor
    }

    /// Adds a block.
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }
}

/// The text of an inline without its markup.
pub fn plain(inline: &Inline) -> String {
    match inline {
        Inline::Text(t) | Inline::Code(t) | Inline::Strong(t) => t.clone(),
        Inline::Link { text, .. } => text.clone(),
    }
}

/// The anchor GitHub gives a heading: lower case, letters, digits, `-` and `_` kept, spaces
/// made `-`, everything else dropped (`public.users` → `publicusers`).
pub fn slug(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Shorthand for [`Inline::Text`].
pub fn text(t: impl Into<String>) -> Inline {
    Inline::Text(t.into())
}

/// Shorthand for [`Inline::Code`].
pub fn code(t: impl Into<String>) -> Inline {
    Inline::Code(t.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_githubs_and_repeated_headings_are_numbered() {
        assert_eq!(slug("public.users"), "publicusers");
        assert_eq!(slug("Module: Billing & Tax"), "module-billing--tax");
        assert_eq!(slug("fact_run"), "fact_run");
        let mut page = Page::new("t");
        assert_eq!(page.heading(2, vec![text("Columns")]), "columns");
        assert_eq!(page.heading(2, vec![text("Columns")]), "columns-1");
    }
}
