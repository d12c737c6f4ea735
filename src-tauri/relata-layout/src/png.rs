//! PNG of a diagram's SVG (`render_svg`), rasterised by resvg (`png` feature). The fonts come
//! from the caller, who loads them (`fontdb::Database::load_system_fonts`): this crate does
//! no I/O.

use std::sync::Arc;

pub use resvg::usvg::fontdb;
use resvg::{tiny_skia, usvg};

/// The largest side of a PNG, in pixels: a bitmap this size is already 1 GB of RGBA.
pub const MAX_SIDE: f32 = 16_000.0;

/// Why a PNG could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PngError {
    /// The SVG does not parse (a bug in `render_svg` if it made it); the parser's message.
    Svg(String),
    /// The bitmap could not be allocated.
    TooLarge,
    /// PNG encoding failed; the encoder's message.
    Encode(String),
}

impl std::fmt::Display for PngError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Svg(e) => write!(f, "the SVG does not parse: {e}"),
            Self::TooLarge => f.write_str("the picture is too large for a bitmap"),
            Self::Encode(e) => write!(f, "PNG encoding failed: {e}"),
        }
    }
}

impl std::error::Error for PngError {}

/// `svg` as PNG bytes at `scale` pixels per diagram unit (clamped to 0.05–8, and so that no
/// side passes [`MAX_SIDE`]), its text in `fonts`.
pub fn rasterise(svg: &str, fonts: Arc<fontdb::Database>, scale: f32) -> Result<Vec<u8>, PngError> {
    let options = usvg::Options { fontdb: fonts, ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let scale = scale.clamp(0.05, 8.0).min(MAX_SIDE / size.width().max(size.height()));
    let (width, height) = ((size.width() * scale).ceil() as u32, (size.height() * scale).ceil() as u32);
    let mut pixmap = tiny_skia::Pixmap::new(width.max(1), height.max(1)).ok_or(PngError::TooLarge)?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| PngError::Encode(e.to_string()))
}
