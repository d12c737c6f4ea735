//! Fitting names into the identifier limit. PostgreSQL silently truncates a name past 63 bytes,
//! so two long names can end up the same and a script can name something other than what it
//! created; Relata instead shortens a long name itself, deterministically, keeping a hash of
//! the whole name so that names differing only past the cut stay different.

use std::borrow::Cow;

use relata_model::hash::fnv1a_32;

/// Bytes of the suffix a shortened name ends with: `_` and eight hex digits.
const SUFFIX_BYTES: usize = 9;

/// `name` when it fits in `max_bytes`; otherwise its longest prefix (cut on a character
/// boundary, trailing `_` dropped) that leaves room for `_` and the eight hex digits of the
/// 32-bit FNV-1a hash ([`relata_model::hash::fnv1a_32`]) of the whole name. The same name
/// always gives the same result, and the result is at most `max_bytes` long.
///
/// Every exporter and every rule that speaks of a shortened name calls this one function, so
/// the name a warning announces is the name the SQL holds.
pub fn shorten_identifier(name: &str, max_bytes: usize) -> Cow<'_, str> {
    if name.len() <= max_bytes {
        return Cow::Borrowed(name);
    }
    let hash = format!("{:08x}", fnv1a_32(name.as_bytes()));
    if max_bytes <= SUFFIX_BYTES {
        // No room for a readable prefix: the hash alone, as much of it as fits.
        return Cow::Owned(hash[..max_bytes.min(hash.len())].to_owned());
    }
    let mut cut = max_bytes - SUFFIX_BYTES;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    let prefix = name[..cut].trim_end_matches('_');
    Cow::Owned(format!("{prefix}_{hash}"))
}

/// The message for a name over the identifier limit.
pub(crate) fn too_long(kind: &str, name: &str, max: usize, fix: &str) -> String {
    let mut cut = max;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!(
        "{kind} `{name}` is {} bytes, over the {max}-byte identifier limit; PostgreSQL would silently truncate it to `{}`: {fix}",
        name.len(),
        &name[..cut]
    )
}

/// The message for a generated name over the limit, which exports shorten.
pub(crate) fn shortened(kind: &str, name: &str, max: usize, field: &str) -> String {
    format!(
        "{kind} `{name}` is {} bytes, over the {max}-byte identifier limit; exports shorten it to `{}` (set {field} to choose a name yourself)",
        name.len(),
        shorten_identifier(name, max)
    )
}

#[cfg(test)]
mod tests {
    use super::{fnv1a_32, shorten_identifier};

    #[test]
    fn short_names_stay_and_long_ones_fit_exactly() {
        assert_eq!(shorten_identifier("fk_a__b__c", 63), "fk_a__b__c");
        let long = "fk_fact_compute_executions__ref_compute_method_registry__method_id_version";
        let short = shorten_identifier(long, 63);
        assert_eq!(short.len(), 63);
        assert!(short.starts_with("fk_fact_compute_executions__ref_compute_method_registr_"), "{short}");
        // Names that agree on their first 63 bytes still differ once shortened.
        let other = long.replace("version", "variant");
        assert_ne!(shorten_identifier(&other, 63), short);
    }

    #[test]
    fn shortened_names_are_pinned() {
        // Shortened names are written into exported DDL and compared by migrations: the hash
        // behind them must never change.
        let name = "a_very_long_table_name_that_goes_on_and_on_past_the_postgresql_identifier_limit";
        assert_eq!(shorten_identifier(name, 63), "a_very_long_table_name_that_goes_on_and_on_past_the_po_8a13f38c");
    }

    #[test]
    fn cuts_on_character_boundaries_and_tiny_limits_give_the_hash() {
        let name = "é".repeat(40);
        let short = shorten_identifier(&name, 63);
        assert!(short.len() <= 63 && short.ends_with(&format!("_{:08x}", fnv1a_32(name.as_bytes()))), "{short}");
        assert_eq!(shorten_identifier(&name, 5).len(), 5);
    }
}
