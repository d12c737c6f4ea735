//! Ids derived from names, so the same DBML always imports to the same registry (every
//! importer, the live PostgreSQL import and shared sync's `relata_extras` rows derive theirs
//! here). Not UUID v5 (that would add a SHA-1 dependency): a 128-bit FNV-1a hash
//! ([`crate::hash`]) of a kind and a name, stamped as an RFC 9562 version-8 ("custom") UUID.

use crate::hash::Fnv128;
use crate::ids::{RelationshipId, SignalId, TableId};
use uuid::Uuid;

/// The id of `kind` and the name made of `parts` joined by `\u{1f}`, hashed part by part so
/// no joined name is built (an import derives one per table, column and relationship).
fn hashed(kind: &str, parts: &[&str]) -> Uuid {
    let mut hash = Fnv128::new();
    hash.write(kind.as_bytes());
    // A separator no name holds keeps `a` + `bc` apart from `ab` + `c`.
    hash.write(&[0xff]);
    for (n, part) in parts.iter().enumerate() {
        if n > 0 {
            hash.write(&[0x1f]);
        }
        hash.write(part.as_bytes());
    }
    let hash = hash.finish();
    // Version 8 in bits 76..80, the RFC variant `10` in bits 62..64.
    let hash = (hash & !(0xF << 76)) | (0x8 << 76);
    let hash = (hash & !(0x3 << 62)) | (0x2 << 62);
    Uuid::from_u128(hash)
}

/// The id of table `schema.name`.
pub fn table(schema: &str, name: &str) -> TableId {
    TableId(hashed("table", &[schema, name]))
}

/// The id of column `column` of `schema.table`.
pub fn signal(schema: &str, table: &str, column: &str) -> SignalId {
    SignalId(hashed("signal", &[schema, table, column]))
}

/// The id of an entry of another `kind` known by `key` (a shared database's row of Relata's
/// own data: a module, an enum type, a kept statement).
pub fn entry(kind: &str, key: &str) -> uuid::Uuid {
    hashed(kind, &[key])
}

/// The id of the relationship with `key`.
pub fn relationship(key: &str) -> RelationshipId {
    RelationshipId(hashed("relationship", &[key]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_hash_of_the_joined_name() {
        // The ids are stored in registries: hashing part by part must give the bytes of the
        // joined name's hash, as the first version built it.
        assert_eq!(table("core", "users").0, hashed("table", &["core\u{1f}users"]));
        assert_eq!(signal("a", "b", "c").0, hashed("signal", &["a\u{1f}b\u{1f}c"]));
        assert_eq!(table("core", "users").0.to_string(), "93fdde57-a394-8c4c-a41a-e46714c928b0");
    }
}
