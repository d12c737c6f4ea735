//! The documentation of every bundled registry and of a generated one, in both formats, read
//! the way its readers read it: every link and picture resolves (anchors included), the HTML
//! passes html-validate, the Markdown has no raw HTML for the CommonMark reference parser
//! (`tests/node/docs-check.mjs`; a missing node or `tests/node/node_modules` fails the test),
//! and each page says what the registry says.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use relata_docs::{generate, DocFile, DocsOptions, Format};
use relata_codec::folder::{self, FolderText, RELATA_FILE, RELATIONSHIP_REGISTRY_FILE, SIGNAL_REGISTRY_FILE, TABLE_OVERVIEW_FILE};
use relata_model::Registry;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bundled() -> Vec<(String, Registry)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo().join("registries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "ddl"))
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
            let text = FolderText {
                table_overview: read(TABLE_OVERVIEW_FILE),
                signal_registry: read(SIGNAL_REGISTRY_FILE),
                relationship_registry: read(RELATIONSHIP_REGISTRY_FILE),
                relata_json: Some(read(RELATA_FILE)),
            };
            let (registry, diagnostics) = folder::parse(&text);
            assert!(diagnostics.is_empty(), "{}: {diagnostics:#?}", dir.display());
            (dir.file_name().unwrap().to_string_lossy().into_owned(), registry)
        })
        .collect()
}

fn docs(registry: &Registry, format: Format, title: &str) -> Vec<DocFile> {
    let findings = relata_rules::check(registry, &relata_rules::RuleSet::preset("zayaz").unwrap());
    generate(registry, &findings, &DocsOptions { format, modules: Vec::new(), title: title.to_owned() })
}

fn write(files: &[DocFile], dir: &Path) {
    for f in files {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.bytes).unwrap();
    }
}

/// The anchors a page offers: `id="…"` in HTML; in Markdown, GitHub's slugs of its headings
/// (lower case; letters, digits, `-`, `_` kept; spaces to `-`; the rest dropped; repeats
/// numbered), computed here from the heading text as GitHub would render it.
fn anchors(path: &Path, text: &str) -> BTreeSet<String> {
    if path.extension().is_some_and(|e| e == "html") {
        return text.split("id=\"").skip(1).map(|rest| rest[..rest.find('"').unwrap()].to_owned()).collect();
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = BTreeSet::new();
    for line in text.lines().filter(|l| l.starts_with('#')) {
        let heading = line.trim_start_matches('#').trim();
        // What GitHub shows: markup and escapes gone.
        let shown: String = heading.replace("\\", "").chars().filter(|c| *c != '`').collect();
        let slug: String = shown
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect();
        let n = seen.entry(slug.clone()).or_insert(0);
        out.insert(if *n == 0 { slug.clone() } else { format!("{slug}-{n}") });
        *n += 1;
    }
    out
}

/// Every link and picture of every page, checked: the file exists, and so does the anchor.
fn check_links(dir: &Path) -> usize {
    let mut checked = 0;
    let pages: Vec<PathBuf> = walk(dir).into_iter().filter(|p| p.extension().is_some_and(|e| e == "md" || e == "html")).collect();
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        let targets: Vec<String> = if page.extension().unwrap() == "html" {
            ["href=\"", "src=\""].iter().flat_map(|attr| text.split(attr).skip(1).map(|r| r[..r.find('"').unwrap()].to_owned())).collect()
        } else {
            text.split("](").skip(1).map(|r| r[..r.find(')').unwrap()].trim_matches(['<', '>']).to_owned()).collect()
        };
        assert!(!targets.is_empty(), "{} links somewhere", page.display());
        for target in targets {
            let (file, anchor) = target.split_once('#').map_or((target.as_str(), None), |(f, a)| (f, Some(a)));
            assert!(!file.contains("://") && !file.starts_with('/'), "{}: a relative link: {target}", page.display());
            let to = if file.is_empty() { page.clone() } else { page.parent().unwrap().join(file) };
            assert!(to.is_file(), "{}: the link {target} leads nowhere", page.display());
            if let Some(anchor) = anchor {
                let there = std::fs::read_to_string(&to).unwrap();
                assert!(anchors(&to, &there).contains(anchor), "{}: {target}: no anchor `{anchor}` in {}", page.display(), to.display());
            }
            checked += 1;
        }
    }
    checked
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flat_map(|e| {
            let p = e.unwrap().path();
            if p.is_dir() { walk(&p) } else { vec![p] }
        })
        .collect()
}

/// Runs the readers' tools on `dirs`: html-validate and the CommonMark parser.
fn readers_check(dirs: &[PathBuf]) {
    let node = repo().join("tests/node");
    for package in ["html-validate", "commonmark"] {
        assert!(node.join("node_modules").join(package).is_dir(), "tests/node has no node_modules/{package}: run scripts/setup");
    }
    let out = Command::new("node")
        .current_dir(&node)
        .arg("docs-check.mjs")
        .args(dirs)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node ({e}): run scripts/setup"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut pages = 0;
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["problems"], serde_json::json!([]), "{}", v["file"]);
        pages += 1;
    }
    assert!(pages >= dirs.len() * 2, "every page was checked: {stdout}");
}

#[test]
fn every_bundled_registry_in_both_formats_links_validates_and_renders() {
    let tmp = tempfile::tempdir().unwrap();
    let mut dirs = Vec::new();
    for (name, registry) in bundled() {
        for format in [Format::Markdown, Format::Html] {
            let dir = tmp.path().join(format!("{name}-{}", format.extension()));
            let files = docs(&registry, format, &name);
            // An index, and a page and a diagram per module.
            let modules = registry.module_names().len();
            assert_eq!(files.len(), 1 + 2 * modules + usize::from(format == Format::Html), "{name}");
            write(&files, &dir);
            let links = check_links(&dir);
            assert!(links >= 1 + 2 * modules, "{name}: {links} links checked");
            dirs.push(dir);
        }
    }
    readers_check(&dirs);
}

#[test]
fn a_module_page_says_what_the_registry_says() {
    let (_, registry) = bundled().into_iter().find(|(n, _)| n == "zellij").expect("the zellij registry");
    let files = docs(&registry, Format::Markdown, "zellij");
    let table = registry.relationships.iter().find(|r| r.child.table_ref() != r.parent.table_ref()).map(|r| r.child.table_ref()).unwrap();
    let t = registry.tables.iter().find(|t| t.table_ref() == table).unwrap();
    let page = files.iter().find(|f| f.path.ends_with(".md") && String::from_utf8_lossy(&f.bytes).contains(&format!("### `{table}`"))).expect("the table's page");
    let text = String::from_utf8_lossy(&page.bytes);
    let section = &text[text.find(&format!("### `{table}`")).unwrap()..];
    let section = &section[..section[4..].find("\n### ").map_or(section.len(), |n| n + 4)];
    // Every column with its type; the relationship with its other table; the purpose.
    for c in registry.columns_of(&table) {
        assert!(section.contains(&format!("| `{}`", c.column)), "{} is listed:\n{section}", c.column);
        assert!(section.contains(&format!("`{}`", c.data_type.replace('|', "\\|"))), "{}'s type:\n{section}", c.column);
    }
    let r = registry.relationships.iter().find(|r| r.child.table_ref() == table).unwrap();
    assert!(section.contains(&format!("`{}`", r.key)) && section.contains(&format!("`{}`", r.parent.table_ref())), "{section}");
    if let Some(purpose) = &t.purpose {
        let first = purpose.split(['.', '(', '_', '*', '`']).next().unwrap();
        assert!(section.contains(first), "the purpose:\n{section}");
    }
    let coverage = text.lines().find(|l| l.starts_with("Coverage: ")).expect("a coverage line");
    assert!(coverage.contains("columns have a semantic description"), "{coverage}");
}

#[test]
fn a_generated_registry_of_200_tables_documents_every_table_once() {
    let registry = relata_model::generate::generate(&relata_model::generate::GenerateOptions::new(200));
    let files = docs(&registry, Format::Html, "generated");
    let html: String = files.iter().filter(|f| f.path.starts_with("modules/") && f.path.ends_with(".html")).map(|f| String::from_utf8_lossy(&f.bytes).into_owned()).collect();
    for t in &registry.tables {
        let heading = format!("<code>{}.{}</code>", t.schema, t.name);
        let sections = html.lines().filter(|l| l.starts_with("<h3 ") && l.contains(&format!("\">{heading}"))).count();
        assert_eq!(sections, 1, "{heading} has one section");
    }
    let tmp = tempfile::tempdir().unwrap();
    write(&files, tmp.path());
    check_links(tmp.path());
    readers_check(&[tmp.path().to_owned()]);
}
