//! Form-encoded request bodies (`/token`, `/revoke`, the consent form): each parameter at most
//! once (RFC 6749 §3.1: "parameters MUST NOT be included more than once"), bounded in size.

use std::collections::HashMap;

/// The largest form body read.
pub const MAX_FORM_BYTES: usize = 16 * 1024;

/// A parsed form.
#[derive(Debug, Default)]
pub struct Form(HashMap<String, String>);

/// Why a form body could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    /// Not `application/x-www-form-urlencoded`.
    #[error("the body is not a form (application/x-www-form-urlencoded)")]
    Unreadable,
    /// A parameter appears twice.
    #[error("a parameter is repeated")]
    Repeated,
}

impl Form {
    /// Parse a body.
    pub fn parse(body: &[u8]) -> Result<Self, FormError> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(body).map_err(|_| FormError::Unreadable)?;
        let mut map = HashMap::with_capacity(pairs.len());
        for (key, value) in pairs {
            if map.insert(key, value).is_some() {
                return Err(FormError::Repeated);
            }
        }
        Ok(Self(map))
    }

    /// A parameter; an empty value counts as absent (RFC 6749 §3.1).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_parameter_is_refused_and_empty_ones_are_absent() {
        let form = Form::parse(b"grant_type=authorization_code&scope=&code=a%20b").unwrap();
        assert_eq!(form.get("grant_type"), Some("authorization_code"));
        assert_eq!(form.get("code"), Some("a b"));
        assert_eq!(form.get("scope"), None);
        assert_eq!(
            Form::parse(b"code=a&code=b").err(),
            Some(FormError::Repeated)
        );
    }
}
