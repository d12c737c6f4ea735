//! `relata render`: every bundled registry as SVG and PNG, the layout verified (with
//! `--strict` the command exits 1 when `verify` finds a defect), every table drawn; a module
//! filter draws only it; without `--strict` a defect is a warning and the picture is written.

use crate::{registry, relata};

const BUNDLED: [&str; 5] = ["zayaz-compute-methods", "zellij", "schema-template", "metastore", "system-data-model"];

#[test]
fn every_bundled_registry_renders_as_svg_and_png() {
    let tmp = tempfile::tempdir().unwrap();
    for name in BUNDLED {
        let workspace = crate::block_on(relata_store::load(&registry(name))).unwrap().registry;
        let svg = tmp.path().join(format!("{name}.svg"));
        let png = tmp.path().join(format!("{name}.png"));
        for (format, file) in [("svg", &svg), ("png", &png)] {
            let out = relata(&["render", registry(name).to_str().unwrap(), "--to", format, "-o", file.to_str().unwrap(), "--strict"]);
            assert!(out.status.success(), "{name} as {format}: {}", String::from_utf8_lossy(&out.stderr));
        }
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(text.starts_with("<svg"), "{name}");
        for t in &workspace.tables {
            assert!(text.contains(&format!(">{}<", t.name)), "{name}: table {} is not drawn", t.name);
        }
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{name}: not a PNG");
        assert!(bytes.len() > 10_000, "{name}: a PNG of {} bytes draws nothing", bytes.len());
    }
}

#[test]
fn a_module_filter_draws_only_that_module() {
    let out = relata(&["render", "registries/zellij", "--to", "svg", "--module", "Authorization", "--strict"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.contains(">casbin_rules<"));
    assert!(!svg.contains(">actors<"), "a table of another module is drawn");
}

/// The generated registry of 3,000 tables still has lines the router leaves lying (see
/// relata-layout's generated tests): the picture is written either way, the defects are named
/// in plain words, and only `--strict` turns them into a failure.
#[test]
fn a_defect_is_a_warning_unless_strict() {
    let tmp = tempfile::tempdir().unwrap();
    let workspace = tmp.path().join("big");
    let out = relata(&["generate", "3000", "-o", workspace.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for (strict, code) in [(false, 0), (true, 1)] {
        let svg = tmp.path().join(format!("big-{strict}.svg"));
        let mut args = vec!["render", workspace.to_str().unwrap(), "-o", svg.to_str().unwrap()];
        if strict {
            args.push("--strict");
        }
        let out = relata(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "strict {strict}: {stderr}");
        assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"), "strict {strict}: no picture");
        let verdict = if strict { "error" } else { "warning" };
        assert!(stderr.contains(&format!("{verdict}: the drawing has ")), "{stderr}");
        // Defects are named by their tables, not by index.
        assert!(stderr.lines().any(|l| l.starts_with("  - the line from ") && (l.contains(" passes through ") || l.contains(" run on top of each other"))), "{stderr}");
        assert_eq!(stderr.contains("`relata render --strict` fails on these"), !strict, "{stderr}");
    }
}

/// `RELATA_LOG=debug` shows what happens inside (the workspace's load and layout, with their
/// times) on standard error; without it the log says nothing, and the picture is the same.
#[test]
fn relata_log_shows_the_load_and_layout_only_when_asked() {
    let args = ["render", "registries/zellij", "--to", "svg", "--strict"];
    let run = |log: Option<&str>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_relata"));
        command.args(args).current_dir(crate::repo()).env_remove("RELATA_LOG");
        if let Some(level) = log {
            command.env("RELATA_LOG", level);
        }
        command.output().expect("relata runs")
    };
    let (quiet, debug) = (run(None), run(Some("debug")));
    assert!(quiet.status.success() && debug.status.success());
    let (quiet_err, debug_err) = (String::from_utf8_lossy(&quiet.stderr), String::from_utf8_lossy(&debug.stderr));
    assert!(debug_err.contains("workspace loaded") && debug_err.contains("tables=30"), "{debug_err}");
    assert!(debug_err.contains("diagram laid out"), "{debug_err}");
    assert!(!quiet_err.contains("DEBUG") && !quiet_err.contains("workspace loaded"), "{quiet_err}");
    assert_eq!(quiet.stdout, debug.stdout, "the log changes nothing of the picture");
}
