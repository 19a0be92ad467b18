//! Random values for secrets and identifiers, from the thread-local CSPRNG (ChaCha, seeded and
//! periodically reseeded from the operating system).

use rand::RngCore;

/// `N` random bytes.
pub(crate) fn bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    rand::rng().fill_bytes(&mut out);
    out
}

/// 32 random bytes as 64 lowercase hex characters: OAuth states, JWT ids, cookie values.
pub(crate) fn token_hex() -> String {
    hex::encode(bytes::<32>())
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_64_hex_characters_and_differ() {
        let (a, b) = (super::token_hex(), super::token_hex());
        assert_eq!(a.len(), 64);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_ne!(a, b);
    }
}
