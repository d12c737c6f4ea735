//! FNV-1a, the one non-cryptographic hash Relata writes into stored data.
//!
//! Name-derived ids (`relata_model::derived_ids`), sync row hashes, the suffix of a shortened
//! identifier and the app's recovery file names are all FNV-1a, at 32, 64 or 128 bits. They
//! are stored in users' files and shared databases, so the output of every function here is
//! fixed forever: unlike `std`'s hasher it may not change between Rust releases or platforms.
//! FNV-1a is tiny, needs no dependency and tells names apart well enough; it is not a
//! defence against anyone choosing inputs to collide.

/// The 32-bit FNV offset basis.
const OFFSET_32: u32 = 0x811c_9dc5;
/// The 32-bit FNV prime.
const PRIME_32: u32 = 0x0100_0193;
/// The 64-bit FNV offset basis.
const OFFSET_64: u64 = 0xcbf2_9ce4_8422_2325;
/// The 64-bit FNV prime.
const PRIME_64: u64 = 0x0000_0100_0000_01b3;
/// The 128-bit FNV offset basis.
const OFFSET_128: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
/// The 128-bit FNV prime.
const PRIME_128: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

/// The 32-bit FNV-1a hash of `bytes`.
pub fn fnv1a_32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(OFFSET_32, |hash, &b| (hash ^ u32::from(b)).wrapping_mul(PRIME_32))
}

/// The 64-bit FNV-1a hash of `bytes`.
pub fn fnv1a_64(bytes: &[u8]) -> u64 {
    let mut hash = Fnv64::new();
    hash.write(bytes);
    hash.finish()
}

/// A 64-bit FNV-1a hash being fed: [`write`](Self::write) several pieces and the result is
/// the hash of their concatenation, with no joined buffer built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fnv64(u64);

impl Fnv64 {
    /// The state before any byte (the offset basis).
    pub const fn new() -> Self {
        Self(OFFSET_64)
    }

    /// Folds `bytes` in, one byte at a time.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(PRIME_64);
        }
    }

    /// The hash of everything written so far.
    pub const fn finish(self) -> u64 {
        self.0
    }
}

impl Default for Fnv64 {
    fn default() -> Self {
        Self::new()
    }
}

/// A 128-bit FNV-1a hash being fed, as [`Fnv64`] is at 64 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fnv128(u128);

impl Fnv128 {
    /// The state before any byte (the offset basis).
    pub const fn new() -> Self {
        Self(OFFSET_128)
    }

    /// Folds `bytes` in, one byte at a time.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u128::from(b)).wrapping_mul(PRIME_128);
        }
    }

    /// The hash of everything written so far.
    pub const fn finish(self) -> u128 {
        self.0
    }
}

impl Default for Fnv128 {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_fnv_reference_vectors() {
        // From the FNV reference test suite; these values are stored in users' files, so a
        // change here breaks every workspace Relata has written.
        assert_eq!(fnv1a_32(b""), 0x811c_9dc5);
        assert_eq!(fnv1a_32(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a_32(b"foobar"), 0xbf9c_f968);
        assert_eq!(fnv1a_64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_64(b"foobar"), 0x8594_4171_f739_67e8);
        let fnv128 = |bytes: &[u8]| {
            let mut hash = Fnv128::new();
            hash.write(bytes);
            hash.finish()
        };
        assert_eq!(fnv128(b""), 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d);
        assert_eq!(fnv128(b"a"), 0xd228_cb69_6f1a_8caf_7891_2b70_4e4a_8964);
        assert_eq!(fnv128(b"foobar"), 0x343e_1662_793c_64bf_6f0d_3597_ba44_6f18);
    }

    #[test]
    fn the_app_recovery_name_hash_is_pinned() {
        // The app names a workspace's recovery file after this hash of its path
        // (`crm_relata-ce867e7a8b957cc6.json`); a change would orphan every recovery file.
        assert_eq!(format!("{:016x}", fnv1a_64(b"/home/ana/crm.relata")), "ce867e7a8b957cc6");
    }

    #[test]
    fn writing_in_pieces_hashes_the_concatenation() {
        let mut hash = Fnv64::default();
        hash.write(b"foo");
        hash.write(b"");
        hash.write(b"bar");
        assert_eq!(hash.finish(), fnv1a_64(b"foobar"));
        let mut whole = Fnv128::default();
        whole.write(b"foobar");
        let mut pieces = Fnv128::default();
        pieces.write(b"fo");
        pieces.write(b"obar");
        assert_eq!(pieces, whole);
    }
}
