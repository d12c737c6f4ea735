//! Stable diagnostic codes of the loaders. `L1xx`: registry folder CSV files; `L12x`:
//! `relata.json`. The app switches on these; never renumber.

/// A required registry file is missing.
pub const L100: &str = "L100";
/// A file is not valid UTF-8.
pub const L101: &str = "L101";
/// The CSV text cannot be read (e.g. a quote that never closes).
pub const L102: &str = "L102";
/// A column the registry needs is missing from the header.
pub const L103: &str = "L103";
/// The header names a column the registry does not have.
pub const L104: &str = "L104";
/// The header's columns are in another order than the DDL's (`\copy` maps by position).
pub const L105: &str = "L105";
/// A row has more or fewer fields than the header.
pub const L106: &str = "L106";
/// A `NOT NULL` column is empty.
pub const L107: &str = "L107";
/// A value outside a controlled vocabulary (status, on_delete, …).
pub const L108: &str = "L108";
/// Not a UUID.
pub const L109: &str = "L109";
/// Not a boolean (`true` / `false`).
pub const L110: &str = "L110";
/// Not an integer in range.
pub const L111: &str = "L111";
/// Not a UTC timestamp in PostgreSQL's form.
pub const L112: &str = "L112";
/// Not a one-dimensional array literal.
pub const L113: &str = "L113";
/// Not a JSON object.
pub const L114: &str = "L114";
/// The same id twice (the registry's primary key).
pub const L115: &str = "L115";
/// A row breaks one of the registry DDL's CHECK constraints.
pub const L116: &str = "L116";
/// The file is empty: not even a header.
pub const L117: &str = "L117";
/// `relata.json` is not valid JSON or not in the expected shape.
pub const L120: &str = "L120";
/// `relata.json` has an unknown format name or a newer version.
pub const L121: &str = "L121";
/// `relata.json` describes a table that `table_overview.csv` does not have.
pub const L122: &str = "L122";
