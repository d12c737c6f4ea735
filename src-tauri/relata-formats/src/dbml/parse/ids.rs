//! Ids derived from names, so the same DBML always imports to the same registry. Not UUID v5
//! (that would add a SHA-1 dependency): a 128-bit FNV-1a hash of a kind and a name, stamped
//! as an RFC 9562 version-8 ("custom") UUID.

use relata_model::{RelationshipId, SignalId, TableId};
use uuid::Uuid;

fn hashed(kind: &str, name: &str) -> Uuid {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut hash = OFFSET;
    // A separator no name holds keeps `a` + `bc` apart from `ab` + `c`.
    for byte in kind.bytes().chain([0xff]).chain(name.bytes()) {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    // Version 8 in bits 76..80, the RFC variant `10` in bits 62..64.
    let hash = (hash & !(0xF << 76)) | (0x8 << 76);
    let hash = (hash & !(0x3 << 62)) | (0x2 << 62);
    Uuid::from_u128(hash)
}

/// The id of table `schema.name`.
pub fn table(schema: &str, name: &str) -> TableId {
    TableId(hashed("table", &format!("{schema}\u{1f}{name}")))
}

/// The id of column `column` of `schema.table`.
pub fn signal(schema: &str, table: &str, column: &str) -> SignalId {
    SignalId(hashed("signal", &format!("{schema}\u{1f}{table}\u{1f}{column}")))
}

/// The id of the relationship with `key`.
pub fn relationship(key: &str) -> RelationshipId {
    RelationshipId(hashed("relationship", key))
}
