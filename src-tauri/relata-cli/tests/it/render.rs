//! `relata render`: every bundled registry as SVG and PNG, the layout verified (the command
//! exits 1 when `verify` finds a problem), every table drawn; a module filter draws only it.

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
            let out = relata(&["render", registry(name).to_str().unwrap(), "--to", format, "-o", file.to_str().unwrap()]);
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
    let out = relata(&["render", "registries/zellij", "--to", "svg", "--module", "Authorization"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.contains(">casbin_rules<"));
    assert!(!svg.contains(">actors<"), "a table of another module is drawn");
}
