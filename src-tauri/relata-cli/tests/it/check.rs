//! `relata check`, `convert` and `stats` on the bundled registries and on broken input.

use std::collections::BTreeSet;

use crate::{registry, relata};

/// The set of codes `relata check --format json` reports for a workspace, and its exit code.
fn codes(workspace: &str, preset: &str) -> (BTreeSet<String>, i32) {
    let out = relata(&["check", workspace, "--preset", preset, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let codes = report["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect();
    (codes, out.status.code().unwrap())
}

fn set(codes: &[&str]) -> BTreeSet<String> {
    codes.iter().map(|c| (*c).to_owned()).collect()
}

#[test]
fn text_output_points_at_file_line_and_column() {
    let out = relata(&["check", "registries/zellij"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first = stdout.lines().next().expect("zellij breaks the prefix rule");
    // e.g. registries/zellij/table_overview.csv:2:40: warning[R101]: …
    let (place, rest) = first.split_once(": ").unwrap();
    let mut parts = place.rsplitn(3, ':');
    let column: u32 = parts.next().unwrap().parse().unwrap();
    let line: u32 = parts.next().unwrap().parse().unwrap();
    assert!(parts.next().unwrap().ends_with(".csv") && line >= 2 && column >= 1, "{first}");
    assert!(rest.starts_with("warning[R") || rest.starts_with("error[R"), "{first}");
}

#[test]
fn convert_refuses_broken_input_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("broken");
    std::fs::create_dir(&src).unwrap();
    for name in relata_codec::folder::FILES {
        std::fs::copy(registry("metastore").join(name), src.join(name)).unwrap();
    }
    let text = std::fs::read_to_string(src.join("table_overview.csv")).unwrap();
    std::fs::write(src.join("table_overview.csv"), text.replacen(",stable,", ",solid,", 1)).unwrap();
    let target = tmp.path().join("out.relata");
    let out = relata(&["convert", src.to_str().unwrap(), target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("table_overview.csv:2:") && stderr.contains("error[L108]") && stderr.contains("nothing was written"), "{stderr}");
    assert!(!target.exists());
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1, "no temporary files either");
}

#[test]
fn stats_counts_the_bundled_example() {
    let out = relata(&["stats", "registries/zayaz-compute-methods", "--format", "json"]);
    assert!(out.status.success());
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tables = std::fs::read_to_string(registry("zayaz-compute-methods").join("table_overview.csv")).unwrap().lines().count() - 1;
    assert_eq!(stats["tables"].as_u64().unwrap() as usize, tables);
    assert_eq!(stats["modules"]["Compute Method Registry"], 3);
}

#[test]
fn unknown_preset_is_a_clear_failure() {
    let out = relata(&["check", "registries/zellij", "--preset", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
}

#[test]
fn bundled_registries_give_exactly_these_codes() {
    // Each bundled registry keeps its source's model; where that breaks a house rule, the
    // check says so. These sets are the contract: a change here is a change of behaviour.
    let expected: [(&str, &str, &[&str], i32); 10] = [
        // The registry tables have no prefix; generated FK names of the composite refs are over 63 bytes.
        ("registries/zayaz-compute-methods", "zayaz", &["R101", "R317"], 0),
        ("registries/zellij", "zayaz", &["R101"], 0),
        ("registries/schema-template", "zayaz", &["R101"], 0),
        ("registries/metastore", "zayaz", &["R101"], 0),
        // text[] role lists point at varchar keys; many:many without a join table.
        ("registries/system-data-model", "zayaz", &["R101", "R303", "R304", "R317"], 1),
        ("registries/zayaz-compute-methods", "conventional", &["R401", "R402", "R404", "R405"], 0),
        ("registries/zellij", "conventional", &["R401", "R402", "R403", "R404", "R405"], 0),
        ("registries/schema-template", "conventional", &["R402", "R403", "R405"], 0),
        ("registries/metastore", "conventional", &["R402", "R404", "R405"], 0),
        ("registries/system-data-model", "conventional", &["R303", "R304", "R401", "R405"], 1),
    ];
    for (workspace, preset, want, exit) in expected {
        let (got, code) = codes(workspace, preset);
        assert_eq!(got, set(want), "{workspace} under {preset}");
        assert_eq!(code, exit, "{workspace} under {preset}");
    }
}

#[test]
fn explain_prints_the_page_of_a_code() {
    let out = relata(&["check", "--explain", "R303"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("R303: child and parent column types cannot be compared by a foreign key."), "{page}");
    assert!(page.contains("Problem:") && page.contains("Fix:") && page.contains("\"R303\": \"off\""), "{page}");
    assert_eq!(page, relata_model::codes::lookup("R303").unwrap().explanation);
    // Codes of every layer, in any case, as a person may type them.
    for code in ["l105", "D112", "M109", "S109", "P105"] {
        let out = relata(&["check", "--explain", code]);
        assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).starts_with(&code.to_uppercase()), "{code}");
    }
}

#[test]
fn explain_of_an_unknown_code_is_a_usage_error_naming_it() {
    let out = relata(&["check", "--explain", "R999"]);
    // 2, as for every other error the CLI reports (clap's usage errors exit 2 too).
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: `R999` is not a Relata diagnostic code"), "{stderr}");
    // Without --explain a workspace is still required.
    let out = relata(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WORKSPACE"));
}
