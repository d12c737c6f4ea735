//! Relata's diagram layout: tables grouped in frames by module, lines anchored to the column
//! rows they join, pinned tables kept in place; plus a `verify` pass, quality figures, and
//! the SVG the app and the CLI draw.
//!
//! The layout is built in levels: each group's tables get a layered placement of their own
//! (our own Sugiyama-style placement, petgraph for the graph work), groups are packed as
//! blocks in the order of the graph of groups, and lines are routed last through the free
//! channels. [`layout`] computes a layout, [`Layout::relayout`] updates one after a change,
//! [`verify`] checks it, [`quality`] measures it and [`render_svg`] draws it.
//!
//! Architecture invariant: this crate does no I/O; it knows the model only through
//! [`LayoutInput::from_registry`].

mod blocks;
pub mod dot;
mod geometry;
mod input;
mod layered;
mod layout;
mod lines;
#[cfg(feature = "png")]
pub mod png;
mod quality;
mod registry;
mod route;
mod svg;
mod verify;
mod violation;

pub use geometry::{Point, Rect, Side};
pub use input::{short_bound, ColumnInput, EdgeInput, EndMarker, GroupInput, LayoutInput, LayoutOptions, LineStyle, PartitionInput, TableInput, TableKind, BOUND_CHARS, MAX_PARTITION_ROWS};
pub use layout::{layout, Layout};
pub use route::EdgeRoute;
pub use lines::{bundles, Bundle};
pub use quality::{count_crossings, quality, Quality};
pub use registry::{drawn, Drawn, RegistryOptions};
pub use svg::{group_color, render_svg, table_color, SvgOptions, GROUP_PALETTE, LOOSE_COLOR};
pub use verify::verify;
pub use violation::{Violation, OVERLAP_DISTANCE, OVERLAP_LENGTH};
