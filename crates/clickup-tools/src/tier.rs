//! Tiers: which tools (and arguments) a caller may use. The hosted server stores a tier per user;
//! stdio has none.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The service tier of a user: it decides the rate limit and which tools they may call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// The default for a new user.
    Free,
    /// Set by an operator with `users set-tier`.
    Premium,
}

impl Tier {
    /// The stored and displayed form.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Free => "free",
            Tier::Premium => "premium",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A tier name that is neither `free` nor `premium`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown tier; expected free or premium")]
pub struct UnknownTier;

impl FromStr for Tier {
    type Err = UnknownTier;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "free" => Ok(Tier::Free),
            "premium" => Ok(Tier::Premium),
            _ => Err(UnknownTier),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_round_trip_through_their_names() {
        for tier in [Tier::Free, Tier::Premium] {
            assert_eq!(tier.as_str().parse::<Tier>(), Ok(tier));
        }
        assert_eq!("gold".parse::<Tier>(), Err(UnknownTier));
    }
}
