//! The one table of diagnostic codes against the source: every code any crate or the window
//! uses is in `relata_model::codes::CODES`, so `relata check --explain` can explain it.

use std::collections::BTreeSet;
use std::path::Path;

use relata_model::codes::{lookup, CODES};

/// Every `X123`-shaped word (X one of the code letters) in the non-test source files under
/// `dir`: Rust files outside `tests/` folders, TypeScript and Svelte files that are not tests.
fn codes_in(dir: &Path, found: &mut BTreeSet<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !matches!(name.as_str(), "target" | "tests" | "node_modules" | "gen") {
                codes_in(&path, found);
            }
            continue;
        }
        let source = name.ends_with(".rs") || ((name.ends_with(".ts") || name.ends_with(".svelte")) && !name.contains(".test."));
        if !source {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let bytes = text.as_bytes();
        for (n, window) in bytes.windows(4).enumerate() {
            let boundary = |b: Option<&u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'_');
            if b"LDMSPR".contains(&window[0])
                && window[1..].iter().all(u8::is_ascii_digit)
                && boundary(n.checked_sub(1).and_then(|p| bytes.get(p)))
                && boundary(bytes.get(n + 4))
            {
                found.insert((String::from_utf8(window.to_vec()).unwrap(), path.display().to_string()));
            }
        }
    }
}

#[test]
fn every_code_the_source_uses_is_in_the_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut found = BTreeSet::new();
    codes_in(&root.join("src-tauri"), &mut found);
    codes_in(&root.join("ui/src"), &mut found);
    let missing: Vec<String> = found.iter().filter(|(code, _)| lookup(code).is_none()).map(|(code, file)| format!("{code} in {file}")).collect();
    assert!(missing.is_empty(), "codes used but not in relata_model::codes::CODES: {missing:#?}");
    // The scan finds the codes where they are reported, not only where they are defined
    // (the `codes.rs` files, which define or re-export every one).
    let used: BTreeSet<&str> = found.iter().filter(|(_, file)| !file.ends_with("/codes.rs")).map(|(c, _)| c.as_str()).collect();
    for code in ["L104", "D112", "M109", "S109", "P105", "R303"] {
        assert!(used.contains(code), "{code} is reported somewhere");
    }
}

#[test]
fn every_code_in_the_table_has_its_explanation_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/codes");
    let files: BTreeSet<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let wanted: BTreeSet<String> = CODES.iter().map(|c| format!("{}.md", c.code)).collect();
    assert_eq!(files, wanted, "one explanation file per code, and no other file");
    for c in CODES {
        let text = std::fs::read_to_string(dir.join(format!("{}.md", c.code))).unwrap();
        assert!(!text.trim().is_empty() && text.starts_with(c.code), "{}.md", c.code);
        assert_eq!(text, c.explanation, "{}: the table holds the file's text", c.code);
    }
}
