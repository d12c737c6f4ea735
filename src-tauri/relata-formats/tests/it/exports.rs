//! Every export format is deterministic: the same registry gives the same bytes twice. DBML,
//! Mermaid and the DDL also ignore the order rows were loaded in; registry-sql keeps it on
//! purpose, as the registry folder does (its rows are the registry itself).

use relata_formats::export::{export, ExportFormat};
use relata_rules::RuleSet;

use crate::consumers;

#[test]
fn exports_are_deterministic_whatever_the_row_order() {
    let rules = RuleSet::preset("zayaz").expect("built-in preset");
    for (name, registry, options) in consumers::exports() {
        let mut reversed = registry.clone();
        reversed.tables.reverse();
        reversed.signals.reverse();
        reversed.relationships.reverse();
        reversed.modules.reverse();
        reversed.enums.reverse();
        for format in ExportFormat::ALL {
            let first = export(&registry, format, &options, &rules);
            assert_eq!(export(&registry, format, &options, &rules), first, "{name} as {}: twice", format.name());
            if format != ExportFormat::RegistrySql {
                assert_eq!(export(&reversed, format, &options, &rules), first, "{name} as {}: rows in reverse order", format.name());
            }
        }
    }
}
