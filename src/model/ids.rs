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
