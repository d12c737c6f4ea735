//! `relata render`: lay a workspace out and write it as SVG or PNG. The diagram comes from
//! `relata_workspace::Workspace::diagram` and the SVG from relata-layout; this file only
//! opens, checks the layout's promises, picks fonts for PNG, and writes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use relata_layout::SvgOptions;
use relata_workspace::{Diagram, Workspace};

/// The picture formats `render` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Picture {
    /// Scalable vector graphics: the same geometry the app draws.
    Svg,
    /// A bitmap rendered from that SVG with resvg (DejaVu Sans from the system).
    Png,
}

/// What to render and where.
#[derive(Debug, Clone)]
pub struct RenderRequest {
    /// Registry folder or `.relata` file.
    pub workspace: PathBuf,
    /// Output format.
    pub to: Picture,
    /// Output file; `None` writes SVG to standard output (PNG needs a file).
    pub output: Option<PathBuf>,
    /// Only these modules; empty for all.
    pub modules: Vec<String>,
    /// PNG pixels per diagram unit.
    pub scale: f32,
    /// Exit 1 when the layout fails its own `verify` pass (tests use it); without it a
    /// defect is only a warning and the picture is still written.
    pub strict: bool,
}

/// `relata render`: load, lay out, draw, write. The picture is written even when the layout
/// fails its own `verify` pass (a line through a table, lines on top of each other, …): each
/// defect is named on standard error, and only with `strict` does the command exit 1.
pub async fn render(request: &RenderRequest) -> Result<ExitCode> {
    let mut workspace = Workspace::open(&request.workspace).await?;
    let registry = workspace.registry();
    let unknown: Vec<&String> = request.modules.iter().filter(|m| !registry.module_names().contains(&m.as_str())).collect();
    if !unknown.is_empty() {
        bail!("no module named {}; modules: {}", quoted(&unknown), registry.module_names().join(", "));
    }
    let Diagram { input, layout, options, .. } = workspace.diagram(&request.modules, true);
    let violations = relata_layout::verify(input, layout, options);
    let svg = relata_layout::render_svg(input, layout, options, &SvgOptions::default());
    match (request.to, &request.output) {
        (Picture::Svg, None) => print!("{svg}"),
        (Picture::Svg, Some(path)) => std::fs::write(path, &svg).with_context(|| format!("cannot write {}", path.display()))?,
        (Picture::Png, None) => bail!("PNG needs an output file: add -o FILE.png"),
        (Picture::Png, Some(path)) => write_png(&svg, path, request.scale)?,
    }
    let q = relata_layout::quality(layout);
    // A diagram-only line (no join columns) is drawn but is no relationship: counted apart.
    let diagram_only = input.edges.iter().filter(|e| e.style == relata_layout::LineStyle::DiagramOnly).count();
    let lines = if diagram_only == 0 { String::new() } else { format!(", {diagram_only} diagram-only lines") };
    eprintln!(
        "{}: {} tables, {} relationships{lines}, {} crossings, {:.0}×{:.0}",
        request.output.as_deref().unwrap_or(Path::new("stdout")).display(),
        input.tables.len(),
        input.edges.len() - diagram_only,
        q.crossings,
        layout.bounds.width,
        layout.bounds.height
    );
    if !violations.is_empty() {
        // After the picture, so the warning is the last thing the user reads.
        let verdict = if request.strict { "error" } else { "warning" };
        eprintln!("{verdict}: the drawing has {} defect(s) the layout promises to avoid:", violations.len());
        for v in &violations {
            eprintln!("  - {}", v.describe(input));
        }
        if !request.strict {
            eprintln!("the picture was written anyway; `relata render --strict` fails on these");
        }
    }
    Ok(if violations.is_empty() || !request.strict { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn quoted(names: &[&String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// Rasterises `svg` (relata_layout::png) with the system's fonts (DejaVu Sans on Debian).
fn write_png(svg: &str, path: &Path, scale: f32) -> Result<()> {
    let png = relata_layout::png::rasterise(svg, system_fonts(), scale)?;
    std::fs::write(path, png).with_context(|| format!("cannot write {}", path.display()))
}

/// The fonts installed on this machine, for the text of a PNG.
pub fn system_fonts() -> std::sync::Arc<relata_layout::png::fontdb::Database> {
    let mut fonts = relata_layout::png::fontdb::Database::new();
    fonts.load_system_fonts();
    std::sync::Arc::new(fonts)
}
