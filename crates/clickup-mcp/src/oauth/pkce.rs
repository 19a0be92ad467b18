//! PKCE (RFC 7636), S256 only: `plain` is refused at `/authorize`, so a stolen code is useless
//! without the verifier that only the client that started the flow has.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The only method accepted.
pub const METHOD: &str = "S256";

/// Whether `challenge` is an S256 challenge: 43 base64url characters (32 bytes, no padding).
pub fn is_challenge(challenge: &str) -> bool {
    challenge.len() == 43
        && challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether `verifier` is well formed: 43–128 unreserved characters (RFC 7636 §4.1).
pub fn is_verifier(verifier: &str) -> bool {
    (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// Whether `verifier` is the one `challenge` was made from.
pub fn verify(verifier: &str, challenge: &str) -> bool {
    let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    is_verifier(verifier) && bool::from(computed.as_bytes().ct_eq(challenge.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rfc_7636_example_verifies() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert!(is_challenge(challenge));
        assert!(verify(verifier, challenge));
        assert!(
            !verify(challenge, challenge),
            "the challenge is not the verifier"
        );
        assert!(
            !verify(&format!("{verifier}x"), challenge),
            "one more character"
        );
    }

    #[test]
    fn malformed_verifiers_and_challenges_are_refused() {
        assert!(!is_verifier(&"a".repeat(42)));
        assert!(is_verifier(&"a".repeat(128)));
        assert!(!is_verifier(&"a".repeat(129)));
        assert!(!is_verifier(&format!("{} ", "a".repeat(43))));
        assert!(!is_challenge(
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM="
        ));
        assert!(!is_challenge("short"));
    }

    proptest::proptest! {
        #[test]
        fn any_well_formed_verifier_verifies_against_its_own_challenge(
            verifier in "[A-Za-z0-9._~-]{43,128}"
        ) {
            let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
            proptest::prop_assert!(is_challenge(&challenge));
            proptest::prop_assert!(verify(&verifier, &challenge));
        }
    }
}
