//! Typed identifiers for everything a project holds.
//!
//! Each id wraps a UUID so that two reviewers' files can be merged by id and
//! so that a `CodeId` can never be passed where a `DocId` is meant.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub uuid::Uuid);

        impl $name {
            /// A fresh random id.
            pub fn new() -> Self {
                Self(uuid::Uuid::new_v4())
            }

            /// A deterministic id derived from a number, for tests and generated data.
            pub fn from_u128(n: u128) -> Self {
                Self(uuid::Uuid::from_u128(n))
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

typed_id!(
    /// Identifies a document (an included study).
    DocId
);
typed_id!(
    /// Identifies a project memo.
    MemoId
);
typed_id!(
    /// Identifies a code set (a group of codes and documents).
    SetId
);
typed_id!(
    /// Identifies a code in the codebook.
    CodeId
);
typed_id!(
    /// Identifies one coded passage.
    CodingId
);
typed_id!(
    /// Identifies a reviewer (a person who codes).
    ReviewerId
);
typed_id!(
    /// Identifies a category (Barrier, Facilitator, ...).
    CategoryId
);
typed_id!(
    /// Identifies a document attribute definition (Year, Study type, ...).
    AttrId
);
typed_id!(
    /// Identifies a review finding (GRADE-CERQual, JBI ConQual).
    FindingId
);
typed_id!(
    /// Identifies a JBI category or synthesised finding.
    GroupId
);

/// A fast hasher for the typed ids (random UUIDs need no DoS-resistant
/// hashing); tables hash hundreds of thousands of ids per recompute.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        // murmur3's fmix64, so ids that differ only in a few bytes (as
        // generated ones do) still spread over every bit.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(buf))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// A `HashMap` keyed by typed ids, with the fast hasher.
pub type IdMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<IdHasher>>;

impl ReviewerId {
    /// The reserved reviewer that holds consensus codings.
    pub const CONSENSUS: ReviewerId = ReviewerId(uuid::Uuid::from_u128(0xC0_45E5_5005));
}
