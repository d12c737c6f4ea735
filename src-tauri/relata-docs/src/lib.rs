//! Documentation generated from a Relata registry: an index of modules and one page per module
//! (its tables through the four lenses of the registry design — prefix, schema, signals,
//! relationships — with purpose, status, owner and notes; each column with type, role, row type
//! and semantic description; incoming and outgoing relationships with cardinality, enforcement
//! and lineage kind; the house rules' findings; the module's diagram; a coverage line), as
//! GitHub Markdown or static HTML.
//!
//! [`generate`] returns the files (paths relative to the output folder, and their bytes); the
//! caller writes them. Pages are built once as [`doc::Page`]s and rendered by [`markdown`] or
//! [`html`], so both formats say the same and link the same way.
//!
//! Architecture invariant: no I/O; the registry, the rules' findings and relata-layout's SVG
//! are all it reads.

pub mod doc;
pub mod html;
pub mod markdown;
mod pages;

use relata_model::{Diagnostic, Registry};

/// The format of the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// GitHub Markdown: `README.md` and `modules/*.md`, diagrams as SVG files beside them.
    Markdown,
    /// Static HTML (no script): `index.html`, `modules/*.html`, a stylesheet, SVG diagrams.
    Html,
}

impl Format {
    /// The page files' extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// The index page's file name.
    pub fn index(self) -> &'static str {
        match self {
            Format::Markdown => "README.md",
            Format::Html => "index.html",
        }
    }
}

/// What to document.
#[derive(Debug, Clone)]
pub struct DocsOptions {
    /// Markdown or HTML.
    pub format: Format,
    /// Only these modules; empty for all. The index lists only these.
    pub modules: Vec<String>,
    /// The title of the index page (the workspace's name, say).
    pub title: String,
}

/// One file of the documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocFile {
    /// Its path relative to the output folder, with `/` separators.
    pub path: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// The documentation of `registry`, with the house rules' `findings` on its entries (as
/// `relata_rules::check` gives them; findings of other places are not shown). Modules asked
/// for that the registry does not have are left out; the caller checks names first.
pub fn generate(registry: &Registry, findings: &[Diagnostic], options: &DocsOptions) -> Vec<DocFile> {
    pages::generate(registry, findings, options)
}
