//! Ids derived from names, so the same DBML always imports to the same registry. Not UUID v5
//! (that would add a SHA-1 dependency): a 128-bit FNV-1a hash of a kind and a name, stamped
//! as an RFC 9562 version-8 ("custom") UUID.

use relata_model::{RelationshipId, SignalId, TableId};
use uuid::Uuid;

/// The FNV-1a state after `parts`, each byte folded in turn.
fn fold(mut hash: u128, parts: &[&[u8]]) -> u128 {
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    for part in parts {
        for &byte in *part {
            hash ^= u128::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

/// The id of `kind` and the name made of `parts` joined by `\u{1f}`, hashed part by part so
/// no joined name is built (an import derives one per table, column and relationship).
fn hashed(kind: &str, parts: &[&str]) -> Uuid {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    // A separator no name holds keeps `a` + `bc` apart from `ab` + `c`.
    let mut hash = fold(OFFSET, &[kind.as_bytes(), &[0xff]]);
    for (n, part) in parts.iter().enumerate() {
        if n > 0 {
            hash = fold(hash, &[&[0x1f]]);
        }
        hash = fold(hash, &[part.as_bytes()]);
    }
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
