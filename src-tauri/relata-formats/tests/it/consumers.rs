//! Runs the real consumers of the text exports (`tests/node/*-check.mjs`: @dbml/core for
//! DBML, Mermaid's own parser for erDiagram) on many texts in one node process per call.
//! A missing node or `tests/node/node_modules` fails the test: the check is the contract.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

/// `tests/node/` at the repository root.
fn node_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/node")
}

/// Runs `tests/node/{script}` on `inputs` (name, text) and returns its one result per input,
/// in input order. Panics, naming `scripts/setup`, when node or the npm packages are missing.
pub fn check(script: &str, inputs: &[(String, String)]) -> Vec<Value> {
    let dir = node_dir();
    for package in ["@dbml/core", "mermaid"] {
        assert!(
            dir.join("node_modules")
                .join(package)
                .join("package.json")
                .is_file(),
            "{} has no node_modules/{package}: run scripts/setup (it runs `npm ci` in tests/node)",
            dir.display()
        );
    }
    let payload = Value::Array(
        inputs
            .iter()
            .map(|(name, text)| json!({ "name": name, "text": text }))
            .collect(),
    );
    run(script, &dir, payload, inputs.len())
}

/// Runs `tests/node/{script}` on one project of several files (DBML's `use`): `name` and
/// `text` are the entry point, `files` the others by their path relative to it.
pub fn check_project(script: &str, name: &str, text: &str, files: &[(String, String)]) -> Value {
    let files: serde_json::Map<String, Value> = files.iter().map(|(p, t)| (p.clone(), Value::String(t.clone()))).collect();
    let payload = json!([{ "name": name, "text": text, "files": files }]);
    run(script, &node_dir(), payload, 1).remove(0)
}

/// Runs `script` in `dir` with `payload` on its stdin; `count` results are expected.
fn run(script: &str, dir: &std::path::Path, payload: Value, count: usize) -> Vec<Value> {
    let mut child = Command::new("node")
        .arg(script)
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run node ({e}): run scripts/setup, which installs Node.js and tests/node's packages"));
    // Write from a thread: node may fill its stdout pipe before it has read all of stdin.
    let mut stdin = child.stdin.take().expect("piped stdin");
    let body = payload.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(body.as_bytes()));
    let output = child.wait_with_output().expect("node runs to the end");
    writer
        .join()
        .expect("writer thread")
        .expect("stdin written");
    assert!(
        output.status.success(),
        "node {script} failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Vec<Value> =
        serde_json::from_slice(&output.stdout).expect("the check prints JSON");
    assert_eq!(results.len(), count, "one result per input");
    results
}

/// What the consumer tests export: every bundled registry, the generated 1,000-table registry
/// with its inactive relationships (the largest input: about 10 s in @dbml/core, so it is
/// exported once), one module of it with active relationships only, and the adversarial
/// registry and [`edge_cases`] with everything.
pub fn exports() -> Vec<(
    String,
    relata_model::Registry,
    relata_formats::export::ExportOptions,
)> {
    use relata_formats::export::ExportOptions;
    use relata_model::generate::{adversarial, generate, GenerateOptions};

    let mut out = Vec::new();
    for dir in crate::bundled() {
        let (registry, diagnostics) = relata_codec::folder::parse(&crate::read_folder(&dir));
        assert!(
            diagnostics.is_empty(),
            "{}: {diagnostics:#?}",
            dir.display()
        );
        let name = dir
            .file_name()
            .expect("folder name")
            .to_string_lossy()
            .into_owned();
        out.push((name, registry, ExportOptions::default()));
    }
    let generated = generate(&GenerateOptions::new(1000));
    let first_module = generated.tables[0].module.clone();
    let all = ExportOptions {
        include_inactive: true,
        ..ExportOptions::default()
    };
    out.push((
        "generated-1000 --include-inactive".into(),
        generated.clone(),
        all.clone(),
    ));
    out.push((
        format!("generated-1000 --module {first_module}"),
        generated,
        ExportOptions {
            modules: vec![first_module],
            ..ExportOptions::default()
        },
    ));
    out.push((
        "adversarial --include-inactive".into(),
        adversarial(),
        all.clone(),
    ));
    out.push(("edge cases --include-inactive".into(), edge_cases(), all));
    out
}

/// The adversarial registry plus what only an exporter's corner cases meet: a relationship
/// from a column to itself, a second relationship between the same columns, one naming a
/// column nobody binds, an index on a missing column, a table without columns, a colour that
/// is not one, a default holding a backtick, a note whose every line is indented, columns and
/// types named `pk` / `FK`, and names with `%`, `\` and Mermaid's `direction TB`.
pub fn edge_cases() -> relata_model::Registry {
    use relata_model::{Index, IndexMethod, IndexPart, RelationshipId, TableId};

    let mut registry = relata_model::generate::adversarial();
    let first = registry.tables[0].clone();
    let first_ref = first.table_ref();
    let key_column = first.primary_key[0].clone();
    let template = registry.relationships[0].clone();
    let relationship = |id: u128, key: &str, child: &[&str], parent: &[&str]| {
        let mut r = template.clone();
        r.id = RelationshipId(uuid::Uuid::from_u128(id));
        r.key = key.to_owned();
        r.constraint_name = None;
        r.child.schema = first_ref.schema.clone();
        r.child.table = first_ref.table.clone();
        r.child.columns = child.iter().map(|c| (*c).to_owned()).collect();
        r.parent.schema = first_ref.schema.clone();
        r.parent.table = first_ref.table.clone();
        r.parent.columns = parent.iter().map(|c| (*c).to_owned()).collect();
        r
    };
    let same = relationship(0xED6E_0001, "edge: itself", &[&key_column], &[&key_column]);
    let missing = relationship(
        0xED6E_0002,
        "edge: missing column",
        &["no such column"],
        &[&key_column],
    );
    let mut again = template.clone();
    again.id = RelationshipId(uuid::Uuid::from_u128(0xED6E_1000));
    again.key = "edge: the same columns again".into();
    again.constraint_name = Some("fk direction TB 100% \\ sure".into());
    registry.relationships.extend([same, missing, again]);

    let mut empty = first.clone();
    empty.id = TableId(uuid::Uuid::from_u128(0xED6E_2000));
    empty.name = "no columns 100% \\ direction TB".into();
    empty.primary_key = vec!["gone".into()];
    empty.unique_constraints.clear();
    empty.indexes = vec![Index {
        name: None,
        parts: vec![IndexPart::column("gone")],
        method: IndexMethod::Gin,
        unique: false,
        predicate: None,
        note: None,
        ..Index::default()
    }];
    registry.tables.push(empty);
    // On a table with columns, so DBML prints it: a colour DBML cannot take, and a note whose
    // every line is indented (DBML's multi-line strings would strip that indentation).
    registry.tables[1].color = Some("teal".into());
    registry.tables[1].purpose = Some("  indented\n  every line".into());

    // `amount` takes part in no relationship, so renaming it breaks none.
    let signal = registry
        .signals
        .iter_mut()
        .find(|s| s.table.as_ref() == Some(&first_ref) && s.column == "amount")
        .expect("order.amount");
    signal.default = Some("concat('`', 'x')".into());
    signal.column = "pk".into();
    signal.data_type = "FK".into();
    registry
}
