//! The pages' content: the index and one page per module, built as [`Page`]s.

use std::collections::HashMap;

use relata_layout::{LayoutInput, LayoutOptions, RegistryOptions, SvgOptions};
use relata_model::{Diagnostic, EntryRef, Location, Registry, RegistryKind, Relationship, Signal, Table, TableRef, Vocabulary};

use crate::doc::{code, slug, text, Block, Inline, Page};
use crate::{html, markdown, DocFile, DocsOptions, Format};

/// Where each documented table is: its module's page file and its anchor there.
struct Places {
    /// Module name → page file name without extension.
    files: HashMap<String, String>,
    /// Table → (module page file, anchor).
    tables: HashMap<TableRef, (String, String)>,
}

/// The findings by what they point at.
#[derive(Default)]
struct Findings<'a> {
    tables: HashMap<TableRef, Vec<(&'a Diagnostic, Option<String>)>>,
    modules: HashMap<String, Vec<&'a Diagnostic>>,
}

pub(crate) fn generate(registry: &Registry, findings: &[Diagnostic], options: &DocsOptions) -> Vec<DocFile> {
    let modules: Vec<&str> = registry
        .module_names()
        .into_iter()
        .filter(|m| options.modules.is_empty() || options.modules.iter().any(|x| x == m))
        .collect();
    let by_module = tables_by_module(registry);
    let places = places(&modules, &by_module);
    let found = sort_findings(registry, findings);
    let columns = registry.columns_by_table();
    let relations = relations(registry);
    let ext = options.format.extension();
    let mut files = Vec::new();
    let mut rows = Vec::new();
    for &module in &modules {
        let tables = by_module.get(module).map(Vec::as_slice).unwrap_or_default();
        let file = &places.files[module];
        let svg = diagram(registry, module);
        let (page, summary) = module_page(registry, &relations, module, tables, &columns, &found, &places, options.format, &format!("{file}.svg"));
        files.push(DocFile { path: format!("modules/{file}.svg"), bytes: svg.into_bytes() });
        files.push(DocFile { path: format!("modules/{file}.{ext}"), bytes: render(&page, options.format, "../").into_bytes() });
        rows.push((module, file.clone(), summary));
    }
    let index = index_page(options, &rows, found.modules.values().map(Vec::len).sum());
    files.push(DocFile { path: options.format.index().to_owned(), bytes: render(&index, options.format, "").into_bytes() });
    if options.format == Format::Html {
        files.push(DocFile { path: html::STYLESHEET.to_owned(), bytes: html::CSS.as_bytes().to_vec() });
    }
    files
}

fn render(page: &Page, format: Format, up: &str) -> String {
    match format {
        Format::Markdown => markdown::render(page),
        Format::Html => html::render(page, &format!("{up}{}", html::STYLESHEET)),
    }
}

/// The tables of each module, by schema and name.
fn tables_by_module(registry: &Registry) -> HashMap<&str, Vec<&Table>> {
    let mut out: HashMap<&str, Vec<&Table>> = HashMap::new();
    for t in &registry.tables {
        out.entry(t.module.as_str()).or_default().push(t);
    }
    for tables in out.values_mut() {
        tables.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
    }
    out
}

/// Each module's file name (its slug, numbered when two share one) and each table's place.
fn places(modules: &[&str], by_module: &HashMap<&str, Vec<&Table>>) -> Places {
    let mut files = HashMap::new();
    let mut taken: Vec<String> = Vec::new();
    let mut tables = HashMap::new();
    for &module in modules {
        let base = match slug(module) {
            s if s.is_empty() => "module".to_owned(),
            s => s,
        };
        let mut file = base.clone();
        let mut n = 0;
        while taken.contains(&file) {
            n += 1;
            file = format!("{base}-{n}");
        }
        taken.push(file.clone());
        // The anchors the page will give, in the order it gives them (see `module_page`).
        let mut skeleton = Page::new("");
        for heading in page_headings(module) {
            skeleton.heading(heading.0, heading.1);
        }
        for t in by_module.get(module).map(Vec::as_slice).unwrap_or_default() {
            let anchor = skeleton.heading(3, table_heading(t));
            tables.insert(t.table_ref(), (file.clone(), anchor));
        }
        files.insert(module.to_owned(), file);
    }
    Places { files, tables }
}

/// The headings a module page has before its tables'.
fn page_headings(module: &str) -> Vec<(u8, Vec<Inline>)> {
    vec![(1, vec![text(format!("Module {module}"))]), (2, vec![text("Diagram")]), (2, vec![text("Tables")])]
}

fn table_heading(t: &Table) -> Vec<Inline> {
    let mut heading = vec![code(format!("{}.{}", t.schema, t.name))];
    if let Some(view) = &t.view {
        heading.push(text(if view.materialized { " (materialized view)" } else { " (view)" }));
    }
    heading
}

/// The findings on tables (their rows, columns and the relationships they are the child of)
/// and on modules, by the entry's id (or a module's name).
fn sort_findings<'a>(registry: &Registry, findings: &'a [Diagnostic]) -> Findings<'a> {
    let tables: HashMap<EntryRef, TableRef> = registry.tables.iter().map(|t| (EntryRef::Table { id: t.id }, t.table_ref())).collect();
    let signals: HashMap<EntryRef, (TableRef, String)> = registry
        .signals
        .iter()
        .filter_map(|s| s.table.clone().map(|t| (EntryRef::Signal { id: s.id }, (t, s.column.clone()))))
        .collect();
    let relationships: HashMap<EntryRef, (TableRef, String)> = registry
        .relationships
        .iter()
        .map(|r| (EntryRef::Relationship { id: r.id }, (r.child.table_ref(), r.key.clone())))
        .collect();
    let mut out = Findings::default();
    for d in findings {
        let Location::Entry { registry: kind, entry: key, .. } = &d.location else { continue };
        match kind {
            RegistryKind::TableOverview => {
                if let Some(t) = tables.get(key) {
                    out.tables.entry(t.clone()).or_default().push((d, None));
                }
            }
            RegistryKind::SignalRegistry => {
                if let Some((t, column)) = signals.get(key) {
                    out.tables.entry(t.clone()).or_default().push((d, Some(format!("column {column}"))));
                }
            }
            RegistryKind::RelationshipRegistry => {
                if let Some((t, name)) = relationships.get(key) {
                    out.tables.entry(t.clone()).or_default().push((d, Some(format!("relationship {name}"))));
                }
            }
            RegistryKind::Relata => {
                if let EntryRef::Module { name } = key {
                    out.modules.entry(name.clone()).or_default().push(d);
                }
            }
        }
    }
    out
}

/// What the index says of a module.
struct Summary {
    tables: usize,
    with_purpose: usize,
    columns: usize,
    described: usize,
    errors: usize,
    warnings: usize,
}

fn coverage(summary: &Summary) -> String {
    let pct = |n: usize, of: usize| if of == 0 { "—".to_owned() } else { format!("{} %", n * 100 / of) };
    format!(
        "Coverage: {} of {} columns have a semantic description ({}); {} of {} tables have a purpose ({}).",
        summary.described,
        summary.columns,
        pct(summary.described, summary.columns),
        summary.with_purpose,
        summary.tables,
        pct(summary.with_purpose, summary.tables)
    )
}

/// Each table's relationships: the direction seen from it, the relationship, the other table.
type Relations<'a> = HashMap<TableRef, Vec<(&'static str, &'a Relationship, TableRef)>>;

fn relations(registry: &Registry) -> Relations<'_> {
    let mut out: Relations = HashMap::new();
    for r in &registry.relationships {
        let (child, parent) = (r.child.table_ref(), r.parent.table_ref());
        out.entry(child.clone()).or_default().push(("refers to", r, parent.clone()));
        if parent != child {
            out.entry(parent).or_default().push(("referred to by", r, child));
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn module_page(
    registry: &Registry,
    relations: &Relations,
    module: &str,
    tables: &[&Table],
    columns: &HashMap<&TableRef, Vec<&Signal>>,
    found: &Findings,
    places: &Places,
    format: Format,
    svg: &str,
) -> (Page, Summary) {
    let ext = format.extension();
    let mut page = Page::new(format!("Module {module}"));
    let headings = page_headings(module);
    let mut headings = headings.into_iter();
    let mut next_heading = |page: &mut Page| {
        let (level, text) = headings.next().expect("a page heading");
        page.heading(level, text);
    };
    next_heading(&mut page);
    page.push(Block::Paragraph(vec![Inline::Link { text: "All modules".into(), href: format!("../{}", format.index()), code: false }]));
    if let Some(note) = registry.module(module).and_then(|m| m.note.as_deref()) {
        page.push(Block::Paragraph(vec![text(note)]));
    }
    let mut summary = Summary { tables: tables.len(), with_purpose: 0, columns: 0, described: 0, errors: 0, warnings: 0 };
    for t in tables {
        summary.with_purpose += usize::from(t.purpose.as_deref().is_some_and(|p| !p.trim().is_empty()));
        let cols = columns.get(&t.table_ref()).map(Vec::as_slice).unwrap_or_default();
        summary.columns += cols.len();
        summary.described += cols.iter().filter(|c| c.description.as_deref().is_some_and(|d| !d.trim().is_empty())).count();
        for (d, _) in found.tables.get(&t.table_ref()).map(Vec::as_slice).unwrap_or_default() {
            summary.errors += usize::from(d.is_error());
            summary.warnings += usize::from(d.severity == relata_model::Severity::Warning);
        }
    }
    page.push(Block::Paragraph(vec![text(coverage(&summary))]));
    let module_findings = found.modules.get(module).map(Vec::as_slice).unwrap_or_default();
    if !module_findings.is_empty() {
        page.push(Block::List(module_findings.iter().map(|d| finding(d, None)).collect()));
    }
    next_heading(&mut page);
    page.push(Block::Image { src: svg.to_owned(), alt: format!("Diagram of the module {module}: its tables and their relationships") });
    next_heading(&mut page);
    page.push(Block::Table {
        header: vec!["Table".into(), "Status".into(), "Purpose".into()],
        rows: tables
            .iter()
            .map(|t| {
                let (_, anchor) = &places.tables[&t.table_ref()];
                vec![
                    vec![Inline::Link { text: format!("{}.{}", t.schema, t.name), href: format!("#{anchor}"), code: true }],
                    vec![text(t.status.as_str())],
                    vec![text(t.purpose.clone().unwrap_or_else(|| "—".into()))],
                ]
            })
            .collect(),
    });
    for t in tables {
        let anchor = page.heading(3, table_heading(t));
        debug_assert_eq!(anchor, places.tables[&t.table_ref()].1, "the anchor planned for {}", t.table_ref());
        table_section(&mut page, relations, t, columns, found, places, ext);
    }
    (page, summary)
}

fn table_section(
    page: &mut Page,
    relations: &Relations,
    t: &Table,
    columns: &HashMap<&TableRef, Vec<&Signal>>,
    found: &Findings,
    places: &Places,
    ext: &str,
) {
    let me = t.table_ref();
    page.push(Block::Paragraph(vec![text(t.purpose.clone().unwrap_or_else(|| "No purpose given.".into()))]));
    let mut facts = vec![
        vec![Inline::Strong("Status:".into()), text(format!(" {}", t.status.as_str()))],
        vec![Inline::Strong("Owner:".into()), text(format!(" {}", t.owner_team.as_deref().unwrap_or("—")))],
        vec![Inline::Strong("Prefix:".into()), text(" "), t.prefix.as_deref().map_or_else(|| text("—"), code)],
        vec![Inline::Strong("Schema:".into()), text(" "), code(&t.schema)],
    ];
    let mut key = vec![Inline::Strong("Primary key:".into()), text(" ")];
    if t.primary_key.is_empty() {
        key.push(text("none"));
    } else {
        for (n, c) in t.primary_key.iter().enumerate() {
            if n > 0 {
                key.push(text(", "));
            }
            key.push(code(c));
        }
    }
    facts.push(key);
    if let Some(notes) = t.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        facts.push(vec![Inline::Strong("Notes:".into()), text(format!(" {notes}"))]);
    }
    page.push(Block::List(facts));

    let cols = columns.get(&me).map(Vec::as_slice).unwrap_or_default();
    page.push(Block::Paragraph(vec![Inline::Strong(format!("Signals ({})", cols.len()))]));
    if !cols.is_empty() {
        page.push(Block::Table {
            header: ["Column", "Type", "Null", "Role", "Row type", "Semantic description"].map(String::from).to_vec(),
            rows: cols
                .iter()
                .map(|c| {
                    let mut name = vec![code(&c.column)];
                    if t.primary_key.contains(&c.column) {
                        name.push(text(" (PK)"));
                    }
                    vec![
                        name,
                        vec![code(&c.data_type)],
                        vec![text(if c.nullable { "yes" } else { "no" })],
                        vec![text(c.role.as_str())],
                        vec![text(c.row_type.as_str())],
                        vec![text(c.description.clone().unwrap_or_else(|| "—".into()))],
                    ]
                })
                .collect(),
        });
    }

    let related = relations.get(&me).map(Vec::as_slice).unwrap_or_default();
    page.push(Block::Paragraph(vec![Inline::Strong(format!("Relationships ({})", related.len()))]));
    if !related.is_empty() {
        page.push(Block::Table {
            header: ["Direction", "Relationship", "Columns", "Other table", "Cardinality", "Enforcement", "Lineage"].map(String::from).to_vec(),
            rows: related
                .iter()
                .map(|(direction, r, other)| {
                    let other_cell = match places.tables.get(other) {
                        Some((file, anchor)) => {
                            // A table on this page links to its anchor alone.
                            let here = places.tables.get(&me).is_some_and(|(f, _)| f == file);
                            let href = if here { format!("#{anchor}") } else { format!("{file}.{ext}#{anchor}") };
                            vec![Inline::Link { text: other.to_string(), href, code: true }]
                        }
                        None => vec![code(other.to_string())],
                    };
                    let cardinality = match (r.cardinality, r.is_required) {
                        (Some(c), true) => format!("{}, required", c.as_str()),
                        (Some(c), false) => c.as_str().to_owned(),
                        (None, _) => "—".to_owned(),
                    };
                    vec![
                        vec![text(*direction)],
                        vec![code(if r.key.is_empty() { r.id.to_string() } else { r.key.clone() })],
                        vec![code(format!("({}) → ({})", r.child.columns.join(", "), r.parent.columns.join(", ")))],
                        other_cell,
                        vec![text(cardinality)],
                        vec![text(format!("{}, {}", r.enforcement.as_str(), r.relationship_type.as_str()))],
                        vec![text(r.lineage.map_or("—", |l| l.as_str()))],
                    ]
                })
                .collect(),
        });
    }

    let findings = found.tables.get(&me).map(Vec::as_slice).unwrap_or_default();
    page.push(Block::Paragraph(vec![Inline::Strong(format!("Findings ({})", findings.len()))]));
    if !findings.is_empty() {
        page.push(Block::List(findings.iter().map(|(d, about)| finding(d, about.as_deref())).collect()));
    }
}

fn finding(d: &Diagnostic, about: Option<&str>) -> Vec<Inline> {
    let mut line = vec![Inline::Strong(format!("{} {}", d.severity.as_str(), d.code))];
    if let Some(about) = about {
        line.push(text(format!(" ({about})")));
    }
    line.push(text(": "));
    line.extend(message(&d.message));
    line
}

/// A rule's message, its `quoted` names as code (the rules quote names that way).
fn message(text_: &str) -> Vec<Inline> {
    let parts: Vec<&str> = text_.split('`').collect();
    if parts.len() % 2 == 0 {
        // An unpaired backtick: the message as it is.
        return vec![text(text_)];
    }
    parts
        .into_iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(|(n, p)| if n % 2 == 1 { code(p) } else { text(p) })
        .collect()
}

fn index_page(options: &DocsOptions, rows: &[(&str, String, Summary)], module_findings: usize) -> Page {
    let ext = options.format.extension();
    let mut page = Page::new(options.title.clone());
    page.heading(1, vec![text(options.title.clone())]);
    let total = rows.iter().fold(
        Summary { tables: 0, with_purpose: 0, columns: 0, described: 0, errors: 0, warnings: 0 },
        |mut t, (_, _, s)| {
            t.tables += s.tables;
            t.with_purpose += s.with_purpose;
            t.columns += s.columns;
            t.described += s.described;
            t.errors += s.errors;
            t.warnings += s.warnings;
            t
        },
    );
    page.push(Block::Paragraph(vec![text(format!(
        "{} modules, {} tables. Generated by Relata from the registries (table_overview, signal_registry, relationship_registry) and checked with the house rules.",
        rows.len(),
        total.tables
    ))]));
    page.push(Block::Paragraph(vec![text(coverage(&total))]));
    if module_findings > 0 {
        page.push(Block::Paragraph(vec![text(format!("{module_findings} findings on the modules themselves are listed on their pages."))]));
    }
    page.heading(2, vec![text("Modules")]);
    page.push(Block::Table {
        header: ["Module", "Tables", "Described columns", "Tables with a purpose", "Errors", "Warnings"].map(String::from).to_vec(),
        rows: rows
            .iter()
            .map(|(module, file, s)| {
                vec![
                    vec![Inline::Link { text: (*module).to_owned(), href: format!("modules/{file}.{ext}"), code: false }],
                    vec![text(s.tables.to_string())],
                    vec![text(format!("{} of {}", s.described, s.columns))],
                    vec![text(format!("{} of {}", s.with_purpose, s.tables))],
                    vec![text(s.errors.to_string())],
                    vec![text(s.warnings.to_string())],
                ]
            })
            .collect(),
    });
    page
}

/// The module's diagram: relata-layout's, as `relata render --module` draws it.
fn diagram(registry: &Registry, module: &str) -> String {
    let input = LayoutInput::from_registry(registry, &RegistryOptions { modules: vec![module.to_owned()] });
    let options = LayoutOptions::default();
    let layout = relata_layout::layout(&input, &options);
    relata_layout::render_svg(&input, &layout, &options, &SvgOptions::default())
}
