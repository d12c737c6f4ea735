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
