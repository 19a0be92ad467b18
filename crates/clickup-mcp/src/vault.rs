//! The vault: AES-256-GCM encryption of stored ClickUp tokens under a keyring.
//!
//! A sealed value is `[12-byte nonce][ciphertext][16-byte tag]`, stored with the id of the key
//! that sealed it. Every value gets a fresh random nonce. The associated data binds it to its
//! owner and field (`clickup-mcp/v1|<key id>|user:<id>|<field>`), so a ciphertext copied into
//! another user's row, or from one field to another, fails to open.
//!
//! The keyring comes from `ENCRYPTION_KEY`: `id:base64key[,id:base64key…]`, the first key is the
//! current one (used to seal); the others only open. A key check value per key, stored at first
//! start, makes a wrong key stop start-up instead of failing at the first login.

use std::fmt;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::domain::UserId;

const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
const KEY_CHECK_LABEL: &[u8] = b"clickup-mcp key check v1";

/// A value sealed by the vault.
#[derive(Clone, PartialEq, Eq)]
pub struct Sealed {
    /// Id of the keyring key that sealed it.
    pub key_id: String,
    /// `[12-byte nonce][ciphertext][16-byte tag]`.
    pub blob: Vec<u8>,
}

impl fmt::Debug for Sealed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sealed")
            .field("key_id", &self.key_id)
            .field("len", &self.blob.len())
            .finish()
    }
}

/// Which stored secret a sealed value is; part of the associated data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The ClickUp OAuth access token.
    AccessToken,
    /// The ClickUp OAuth refresh token.
    RefreshToken,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::AccessToken => "access_token",
            Field::RefreshToken => "refresh_token",
        }
    }
}

/// Errors of the vault. None of them carries key material or plaintext.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VaultError {
    /// `ENCRYPTION_KEY` could not be read as a keyring.
    #[error("ENCRYPTION_KEY: {0}")]
    BadKeyring(String),
    /// The value was sealed under a key id the keyring does not have.
    #[error("no key with id {0:?} in ENCRYPTION_KEY")]
    UnknownKey(String),
    /// Authentication failed: wrong key, tampered value, or a value moved to another row.
    #[error("sealed value failed authentication")]
    Tampered,
    /// A key in the keyring is not the key the database was set up with.
    #[error(
        "ENCRYPTION_KEY: key {0:?} does not match the key this database was set up with; \
         restore the original key (or give the new key a new id)"
    )]
    KeyMismatch(String),
}

struct Key {
    id: String,
    cipher: Aes256Gcm,
    check_value: String,
}

/// The keyring and the operations on it. Cheap to share behind an `Arc`.
pub struct Vault {
    /// Non-empty; the first key seals.
    keys: Vec<Key>,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|k| k.id.as_str()).collect();
        f.debug_struct("Vault")
            .field("key_ids", &ids)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Read a keyring: `id:base64key[,id:base64key…]`, or one bare base64 key (id `k1`).
    /// Each key must decode to exactly 32 bytes; ids are 1–32 of `[A-Za-z0-9_-]` and unique.
    pub fn from_keyring(spec: &SecretString) -> Result<Self, VaultError> {
        let spec = spec.expose_secret().trim();
        if spec.is_empty() {
            return Err(VaultError::BadKeyring("is empty".into()));
        }
        let entries: Vec<&str> = spec.split(',').map(str::trim).collect();
        let mut keys: Vec<Key> = Vec::with_capacity(entries.len());
        for (index, entry) in entries.iter().enumerate() {
            let (id, encoded, named) = match entry.split_once(':') {
                Some((id, encoded)) => (id.trim(), encoded.trim(), true),
                None if entries.len() == 1 => ("k1", *entry, false),
                None => {
                    return Err(VaultError::BadKeyring(format!(
                        "entry {} has no key id; use id:base64key",
                        index + 1
                    )));
                }
            };
            if id.is_empty()
                || id.len() > 32
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                return Err(VaultError::BadKeyring(format!(
                    "entry {} has an invalid key id (1-32 of A-Z a-z 0-9 _ -)",
                    index + 1
                )));
            }
            if keys.iter().any(|k| k.id == id) {
                return Err(VaultError::BadKeyring(format!(
                    "key id {id:?} appears twice"
                )));
            }
            // Messages name what was typed (the key with its id, or the one bare key), never
            // the key itself.
            let which = if named {
                format!("the key with id {id:?}")
            } else {
                "the key".to_owned()
            };
            let bytes = Zeroizing::new(BASE64.decode(encoded).map_err(|err| {
                VaultError::BadKeyring(format!("{which} is not base64: {}", base64_problem(&err)))
            })?);
            if bytes.len() != 32 {
                let hex = encoded.len() == 64 && encoded.bytes().all(|b| b.is_ascii_hexdigit());
                return Err(VaultError::BadKeyring(format!(
                    "{which} decodes to {} bytes, but a key is 32 bytes (44 base64 characters){}",
                    bytes.len(),
                    if hex {
                        "; it looks like hex, and a key is base64"
                    } else {
                        ""
                    }
                )));
            }
            let cipher = Aes256Gcm::new_from_slice(&bytes)
                .map_err(|_| VaultError::BadKeyring(format!("key {id:?} has the wrong length")))?;
            let check_value = key_check_value(&bytes)?;
            keys.push(Key {
                id: id.to_owned(),
                cipher,
                check_value,
            });
        }
        Ok(Self { keys })
    }

    /// A new random key, base64 (for `keys generate`).
    pub fn generate_key() -> String {
        let key = Zeroizing::new(crate::random::bytes::<32>());
        BASE64.encode(key.as_ref())
    }

    /// The id of the key that seals new values.
    pub fn current_key_id(&self) -> &str {
        &self.current().id
    }

    /// Every key id, current first.
    pub fn key_ids(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|k| k.id.as_str())
    }

    /// Seal `plaintext` for `user`'s `field` under the current key.
    pub fn seal(
        &self,
        user: UserId,
        field: Field,
        plaintext: &SecretString,
    ) -> Result<Sealed, VaultError> {
        let key = self.current();
        let nonce: [u8; NONCE_LEN] = crate::random::bytes();
        let aad = associated_data(&key.id, user, field);
        let ciphertext = key
            .cipher
            .encrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: plaintext.expose_secret().as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| VaultError::Tampered)?;
        let mut blob = Vec::with_capacity(NONCE_LEN + ciphertext.len());
        blob.extend_from_slice(&nonce);
        blob.extend_from_slice(&ciphertext);
        Ok(Sealed {
            key_id: key.id.clone(),
            blob,
        })
    }

    /// Open a value sealed for `user`'s `field`.
    pub fn open(
        &self,
        user: UserId,
        field: Field,
        sealed: &Sealed,
    ) -> Result<SecretString, VaultError> {
        let key = self
            .keys
            .iter()
            .find(|k| k.id == sealed.key_id)
            .ok_or_else(|| VaultError::UnknownKey(sealed.key_id.clone()))?;
        if sealed.blob.len() < NONCE_LEN + TAG_LEN {
            return Err(VaultError::Tampered);
        }
        let (nonce, ciphertext) = sealed.blob.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| VaultError::Tampered)?;
        let aad = associated_data(&key.id, user, field);
        let plaintext = Zeroizing::new(
            key.cipher
                .decrypt(
                    &Nonce::from(nonce),
                    Payload {
                        msg: ciphertext,
                        aad: aad.as_bytes(),
                    },
                )
                .map_err(|_| VaultError::Tampered)?,
        );
        let text = std::str::from_utf8(&plaintext).map_err(|_| VaultError::Tampered)?;
        Ok(SecretString::from(text.to_owned()))
    }

    /// Open under whatever key sealed it, and seal again under the current key.
    pub fn reseal(
        &self,
        user: UserId,
        field: Field,
        sealed: &Sealed,
    ) -> Result<Sealed, VaultError> {
        let plaintext = self.open(user, field, sealed)?;
        self.seal(user, field, &plaintext)
    }

    /// The key check value of every key, to store at first start.
    pub fn key_checks(&self) -> Vec<KeyCheck> {
        self.keys
            .iter()
            .map(|k| KeyCheck {
                key_id: k.id.clone(),
                check_value: k.check_value.clone(),
            })
            .collect()
    }

    /// Refuse a keyring whose key differs from the stored check value for the same id.
    pub fn verify(&self, stored: &[KeyCheck]) -> Result<(), VaultError> {
        for key in &self.keys {
            if let Some(check) = stored.iter().find(|c| c.key_id == key.id) {
                let same: bool = subtle::ConstantTimeEq::ct_eq(
                    check.check_value.as_bytes(),
                    key.check_value.as_bytes(),
                )
                .into();
                if !same {
                    return Err(VaultError::KeyMismatch(key.id.clone()));
                }
            }
        }
        Ok(())
    }

    fn current(&self) -> &Key {
        // `from_keyring` refuses an empty keyring, so there is always a first key.
        &self.keys[0]
    }
}

fn associated_data(key_id: &str, user: UserId, field: Field) -> String {
    format!("clickup-mcp/v1|{key_id}|user:{}|{}", user.0, field.name())
}

/// What is wrong with text that should be base64, in words (never the text).
fn base64_problem(err: &base64::DecodeError) -> &'static str {
    match err {
        base64::DecodeError::InvalidByte(..) => {
            "it has a character other than A-Z a-z 0-9 + / and = padding"
        }
        base64::DecodeError::InvalidLength(_) => "its length is not that of base64 text",
        base64::DecodeError::InvalidLastSymbol(..) => "its last character is not valid there",
        base64::DecodeError::InvalidPadding => "its = padding is wrong",
    }
}

fn key_check_value(key: &[u8]) -> Result<String, VaultError> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .map_err(|_| VaultError::BadKeyring("key has the wrong length".into()))?;
    mac.update(KEY_CHECK_LABEL);
    Ok(hex::encode(mac.finalize().into_bytes()))
}

/// A key check value: proves at start-up that a keyring key is the one the database was set up with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyCheck {
    /// The key id (`k1`, …).
    pub key_id: String,
    /// HMAC-SHA256 of a fixed label under the key, hex.
    pub check_value: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyring(spec: &str) -> Vault {
        Vault::from_keyring(&SecretString::from(spec.to_owned())).expect("test keyring is valid")
    }

    fn key() -> String {
        Vault::generate_key()
    }

    fn secret(s: &str) -> SecretString {
        SecretString::from(s.to_owned())
    }

    #[test]
    fn a_sealed_token_opens_to_the_same_text() {
        let vault = keyring(&key());
        let sealed = vault
            .seal(UserId(7), Field::AccessToken, &secret("7_abc"))
            .unwrap();
        assert_eq!(sealed.key_id, "k1");
        let opened = vault.open(UserId(7), Field::AccessToken, &sealed).unwrap();
        assert_eq!(opened.expose_secret(), "7_abc");
    }

    #[test]
    fn the_same_token_seals_differently_each_time() {
        let vault = keyring(&key());
        let a = vault
            .seal(UserId(7), Field::AccessToken, &secret("t"))
            .unwrap();
        let b = vault
            .seal(UserId(7), Field::AccessToken, &secret("t"))
            .unwrap();
        assert_ne!(a.blob, b.blob);
        assert_ne!(a.blob[..NONCE_LEN], b.blob[..NONCE_LEN]);
    }

    #[test]
    fn the_plaintext_does_not_appear_in_the_sealed_value() {
        let vault = keyring(&key());
        let sealed = vault
            .seal(UserId(7), Field::AccessToken, &secret("PLAINTEXT-TOKEN"))
            .unwrap();
        assert!(!sealed.blob.windows(15).any(|w| w == b"PLAINTEXT-TOKEN"));
    }

    #[test]
    fn a_tampered_value_fails_to_open() {
        let vault = keyring(&key());
        let sealed = vault
            .seal(UserId(7), Field::AccessToken, &secret("t"))
            .unwrap();
        for index in 0..sealed.blob.len() {
            let mut bad = sealed.clone();
            bad.blob[index] ^= 0x01;
            assert_eq!(
                vault.open(UserId(7), Field::AccessToken, &bad).err(),
                Some(VaultError::Tampered),
                "flipping byte {index} must be detected"
            );
        }
        let mut short = sealed.clone();
        short.blob.truncate(NONCE_LEN + TAG_LEN - 1);
        assert_eq!(
            vault.open(UserId(7), Field::AccessToken, &short).err(),
            Some(VaultError::Tampered)
        );
    }

    #[test]
    fn a_value_moved_to_another_user_or_field_fails_to_open() {
        let vault = keyring(&key());
        let sealed = vault
            .seal(UserId(7), Field::AccessToken, &secret("t"))
            .unwrap();
        assert_eq!(
            vault.open(UserId(8), Field::AccessToken, &sealed).err(),
            Some(VaultError::Tampered)
        );
        assert_eq!(
            vault.open(UserId(7), Field::RefreshToken, &sealed).err(),
            Some(VaultError::Tampered)
        );
    }

    #[test]
    fn a_wrong_key_fails_to_open_and_fails_the_key_check() {
        let original = keyring(&key());
        let sealed = original
            .seal(UserId(7), Field::AccessToken, &secret("t"))
            .unwrap();
        let wrong = keyring(&key());
        assert_eq!(
            wrong.open(UserId(7), Field::AccessToken, &sealed).err(),
            Some(VaultError::Tampered)
        );
        assert_eq!(
            wrong.verify(&original.key_checks()).err(),
            Some(VaultError::KeyMismatch("k1".into()))
        );
        assert_eq!(original.verify(&original.key_checks()), Ok(()));
    }

    #[test]
    fn rotation_reseals_under_the_new_current_key_and_old_values_still_open() {
        let (old, new) = (key(), key());
        let before = keyring(&format!("k1:{old}"));
        let sealed = before
            .seal(UserId(7), Field::AccessToken, &secret("t"))
            .unwrap();
        let after = keyring(&format!("k2:{new},k1:{old}"));
        assert_eq!(after.current_key_id(), "k2");
        assert_eq!(
            after
                .open(UserId(7), Field::AccessToken, &sealed)
                .unwrap()
                .expose_secret(),
            "t"
        );
        let resealed = after
            .reseal(UserId(7), Field::AccessToken, &sealed)
            .unwrap();
        assert_eq!(resealed.key_id, "k2");
        let only_new = keyring(&format!("k2:{new}"));
        assert_eq!(
            only_new
                .open(UserId(7), Field::AccessToken, &resealed)
                .unwrap()
                .expose_secret(),
            "t"
        );
        assert_eq!(
            only_new.open(UserId(7), Field::AccessToken, &sealed).err(),
            Some(VaultError::UnknownKey("k1".into()))
        );
    }

    #[test]
    fn malformed_keyrings_are_refused_with_a_reason() {
        let good = key();
        let cases = [
            ("", "empty"),
            ("not base64!!", "bad base64"),
            ("k1:c2hvcnQ=", "short key"),
            (&*format!("k1:{good},k1:{good}"), "duplicate id"),
            (&*format!("{good},{good}"), "no ids with several keys"),
            (&*format!("bad id:{good}"), "id with a space"),
        ];
        for (spec, why) in cases {
            assert!(
                matches!(
                    Vault::from_keyring(&secret(spec)),
                    Err(VaultError::BadKeyring(_))
                ),
                "{why}"
            );
        }
    }

    #[test]
    fn debug_output_shows_no_key_material() {
        let k = key();
        let vault = keyring(&k);
        let shown = format!("{vault:?}");
        assert!(!shown.contains(&k));
        assert!(shown.contains("k1"));
    }
}
