//! The SVG drawing: one box per table, one path per line (dashed for logical and lineage
//! ones), text escaped so hostile names cannot break the document.

use relata_layout::{layout, render_svg, LayoutInput, LayoutOptions, LineStyle, RegistryOptions, SvgOptions};

use crate::{bundled, load};

fn draw(input: &LayoutInput) -> String {
    let options = LayoutOptions::default();
    render_svg(input, &layout(input, &options), &options, &SvgOptions::default())
}

#[test]
fn every_table_and_line_is_drawn() {
    for dir in bundled() {
        let input = LayoutInput::from_registry(&load(&dir), &RegistryOptions::default());
        let svg = draw(&input);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{}", dir.display());
        assert_eq!(svg.matches("<g class=\"table\"").count(), input.tables.len(), "{}", dir.display());
        let dashed = input.edges.iter().filter(|e| e.style == LineStyle::Dashed).count();
        assert_eq!(svg.matches("stroke-dasharray").count(), dashed, "{}", dir.display());
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    }
}

#[test]
fn hostile_names_are_escaped() {
    let input = LayoutInput::from_registry(&relata_model::generate::adversarial(), &RegistryOptions::default());
    let svg = draw(&input);
    assert!(svg.contains("Sales &amp; &quot;Ops&quot;"), "module title not escaped");
    assert!(svg.contains("O&#39;Brien &quot;nick&quot;"), "column name not escaped");
    // No text node holds a raw markup character.
    for text in svg.split("<text").skip(1) {
        let body = &text[text.find('>').expect("tag end") + 1..text.find("</text>").expect("closing tag")];
        assert!(!body.contains('<') && !body.contains('"'), "raw markup in {body}");
    }
}

/// A README-shaped erDiagram: `orders` names its customer with an FK attribute (a
/// relationship), the other two lines say no join columns (diagram-only lines).
const SHOP: &str = r#"erDiagram
    CUSTOMER ||--o{ ORDER : places
    ORDER ||--|{ LINE_ITEM : "contains"
    PRODUCT }|..o{ LINE_ITEM : ""
    CUSTOMER {
        int id PK
        string name
    }
    ORDER {
        int id PK
        int customer_id FK
    }
    LINE_ITEM {
        int quantity
    }
    PRODUCT {
        int id PK
    }
"#;

fn shop() -> relata_model::Registry {
    let now = relata_model::Timestamp::parse("2026-12-07 09:30:00+00").expect("timestamp");
    let options = relata_formats::mermaid::parse::ImportOptions::new(now);
    let (registry, _) = relata_formats::mermaid::parse::import(SHOP, "shop.mmd", &options, &relata_rules::RuleSet::named("zayaz").expect("preset"));
    registry
}

#[test]
fn diagram_only_lines_are_drawn_dotted_from_header_to_header_with_their_labels() {
    let registry = shop();
    assert_eq!(registry.relationships.len(), 1, "only the line with an FK attribute is a relationship");
    let input = LayoutInput::from_registry(&registry, &RegistryOptions::default());
    let name = |i: usize| input.tables[i].name.as_str();
    let lines: Vec<(&str, &str, Option<&str>)> = input
        .edges
        .iter()
        .filter(|e| e.style == LineStyle::DiagramOnly)
        .map(|e| {
            assert!(e.child_rows.is_empty() && e.parent_rows.is_empty(), "a diagram-only line names no rows");
            (name(e.child), name(e.parent), e.label.as_deref())
        })
        .collect();
    // The "many" end is the child; where both are many, the right one (as the import reads it).
    assert_eq!(lines, [("LINE_ITEM", "ORDER", Some("contains")), ("LINE_ITEM", "PRODUCT", None)]);
    let result = crate::checked_layout(&input);
    let svg = render_svg(&input, &result, &LayoutOptions::default(), &SvgOptions::default());
    assert_eq!(svg.matches(r#"class="diagram-only""#).count(), 2);
    assert_eq!(svg.matches("stroke-dasharray").count(), 2, "the relationship stays solid");
    assert!(svg.contains(">contains</text>"), "the label is drawn");
    // No FK badge for a diagram-only line: LINE_ITEM's rows join nothing.
    assert_eq!(svg.matches(">FK</text>").count(), 1, "only ORDER.customer_id is a foreign key");
}
