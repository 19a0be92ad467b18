//! Scopes that mean something: `clickup:read` lists and allows only read-only tools;
//! `clickup:read clickup:write` allows every tool the user's tier permits. `clickup:write`
//! implies `clickup:read`. A seed session token (`/auth/*`) carries no scope and has full access
//! within the tier.

use clickup_tools::registry::Effect;

/// Read-only tools.
pub const READ: &str = "clickup:read";
/// Tools that change ClickUp (implies [`READ`]).
pub const WRITE: &str = "clickup:write";
/// Every scope this server knows, for the discovery documents.
pub const SUPPORTED: [&str; 2] = [READ, WRITE];

/// What a token allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// `clickup:read`.
    Read,
    /// `clickup:read clickup:write`.
    ReadWrite,
}

/// A scope string named something this server does not know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown scope")]
pub struct UnknownScope;

impl Scope {
    /// The canonical space-separated form.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => READ,
            Scope::ReadWrite => "clickup:read clickup:write",
        }
    }

    /// A scope string (RFC 6749 §3.3, space-separated) strictly: every token must be known;
    /// `None` when it names nothing.
    pub fn parse_strict(raw: &str) -> Result<Option<Self>, UnknownScope> {
        let mut found = None;
        for token in raw.split(' ').filter(|t| !t.is_empty()) {
            let this = match token {
                READ => Scope::Read,
                WRITE => Scope::ReadWrite,
                _ => return Err(UnknownScope),
            };
            found = found.max(Some(this));
        }
        Ok(found)
    }

    /// A scope string leniently: tokens this server does not know (`openid`, `offline_access`,
    /// …, which some clients add by habit) are ignored; `None` when nothing known remains.
    pub fn parse_lenient(raw: &str) -> Option<Self> {
        raw.split(' ')
            .filter_map(|token| match token {
                READ => Some(Scope::Read),
                WRITE => Some(Scope::ReadWrite),
                _ => None,
            })
            .max()
    }

    /// The scope of a token we issued (always canonical); anything unreadable is read-only.
    pub fn of_token(raw: &str) -> Self {
        Self::parse_lenient(raw).unwrap_or(Scope::Read)
    }

    /// Whether everything `other` allows, this allows too.
    pub fn covers(self, other: Scope) -> bool {
        self >= other
    }

    /// Whether a tool with this effect may be listed and called.
    pub fn permits(self, effect: Effect) -> bool {
        match self {
            Scope::ReadWrite => true,
            Scope::Read => effect.is_read_only(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_implies_read_and_order_does_not_matter() {
        for (raw, scope) in [
            ("clickup:read", Some(Scope::Read)),
            ("clickup:write", Some(Scope::ReadWrite)),
            ("clickup:write clickup:read", Some(Scope::ReadWrite)),
            ("clickup:read  clickup:read", Some(Scope::Read)),
            ("", None),
        ] {
            assert_eq!(Scope::parse_strict(raw), Ok(scope), "{raw:?}");
        }
    }

    #[test]
    fn unknown_scopes_are_refused_strictly_and_ignored_leniently() {
        assert_eq!(Scope::parse_strict("clickup:read admin"), Err(UnknownScope));
        assert_eq!(
            Scope::parse_lenient("openid clickup:read offline_access"),
            Some(Scope::Read)
        );
        assert_eq!(Scope::parse_lenient("openid"), None);
        assert_eq!(
            Scope::parse_strict("CLICKUP:READ"),
            Err(UnknownScope),
            "scopes are case-sensitive"
        );
    }

    #[test]
    fn read_only_allows_only_read_only_tools() {
        assert!(Scope::Read.permits(Effect::Read));
        for effect in [
            Effect::Write,
            Effect::WriteIdempotent,
            Effect::Destructive,
            Effect::DestructiveIdempotent,
        ] {
            assert!(!Scope::Read.permits(effect), "{effect:?}");
            assert!(Scope::ReadWrite.permits(effect), "{effect:?}");
        }
        assert!(Scope::ReadWrite.covers(Scope::Read));
        assert!(!Scope::Read.covers(Scope::ReadWrite));
    }
}
