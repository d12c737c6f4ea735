//! `relata docs` as a user runs it: a page per module and an index, in both formats, written
//! into the folder given; a module that does not exist is named, and nothing is written.

use crate::{registry, relata};

#[test]
fn docs_writes_an_index_and_a_page_and_diagram_per_module() {
    let tmp = tempfile::tempdir().unwrap();
    for (format, index, ext) in [("markdown", "README.md", "md"), ("html", "index.html", "html")] {
        let out = tmp.path().join(format);
        let run = relata(&["docs", registry("zellij").to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", format]);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let text = std::fs::read_to_string(out.join(index)).unwrap();
        assert!(text.contains("Version Control") && text.contains(&format!("modules/version-control.{ext}")), "{text}");
        assert!(out.join(format!("modules/version-control.{ext}")).is_file());
        let svg = std::fs::read_to_string(out.join("modules/version-control.svg")).unwrap();
        assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"), "a diagram: {}", &svg[..60.min(svg.len())]);
    }
    // Only the modules asked for.
    let one = tmp.path().join("one");
    let run = relata(&["docs", registry("zellij").to_str().unwrap(), "-o", one.to_str().unwrap(), "--module", "Authorization"]);
    assert!(run.status.success());
    let pages: Vec<_> = std::fs::read_dir(one.join("modules")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(pages.len(), 2, "{pages:?}");
}

#[test]
fn docs_of_a_module_that_does_not_exist_names_it_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("docs");
    let run = relata(&["docs", registry("zellij").to_str().unwrap(), "-o", out.to_str().unwrap(), "--module", "Billing"]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("no module named `Billing`") && stderr.contains("Version Control"), "{stderr}");
    assert!(!out.exists());
}
