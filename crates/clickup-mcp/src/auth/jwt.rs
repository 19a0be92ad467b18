//! Session tokens: HS256 JWTs (docs/architecture.md, "Sessions and JWT").
//!
//! Verification pins HS256, requires `exp`, `iat`, `iss`, `aud`, `jti` and `sub`, and allows at
//! most [`LEEWAY_SECONDS`] of clock skew. Time is passed in, so tests control it.

use std::fmt;

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::domain::{EpochSeconds, Tier, UserId};

/// Clock skew allowed on `exp` and `iat`.
pub const LEEWAY_SECONDS: i64 = 5;
/// Longer bearer values are refused unread.
const MAX_TOKEN_BYTES: usize = 4096;

/// The claims of a session token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// `user_<ClickUp user id>`.
    pub sub: String,
    /// The user's email at issue time.
    pub email: String,
    /// The default workspace at issue time.
    pub team_id: Option<String>,
    /// The tier at issue time — informational only; the store's tier is what counts.
    pub tier: Tier,
    /// Issued at.
    pub iat: EpochSeconds,
    /// Expires at.
    pub exp: EpochSeconds,
    /// `PUBLIC_URL`.
    pub iss: String,
    /// `PUBLIC_URL/mcp`.
    pub aud: String,
    /// Session id (the store's `sessions.jti`).
    pub jti: String,
}

impl Claims {
    /// The user id in `sub`.
    pub fn user_id(&self) -> Result<UserId, TokenError> {
        self.sub
            .strip_prefix("user_")
            .and_then(|id| id.parse().ok())
            .map(UserId)
            .ok_or(TokenError::Invalid("invalid_subject"))
    }
}

/// What an access token issued to an MCP client at `/token` carries beyond [`Claims`]: which
/// client it was issued to and the scope the user granted. Seed tokens (`/auth/*`) carry neither,
/// and mean full access within the user's tier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientGrant {
    /// The OAuth client id.
    pub client_id: String,
    /// Space-separated scopes (`clickup:read`, or `clickup:read clickup:write`).
    pub scope: String,
}

/// The claims of an access token issued at `/token`: the session claims plus the grant.
#[derive(Debug, Serialize)]
pub struct AccessClaims<'a> {
    /// Everything a session token has.
    #[serde(flatten)]
    pub claims: &'a Claims,
    /// Client and scope.
    #[serde(flatten)]
    pub grant: &'a ClientGrant,
}

/// Why a presented token was refused. `Invalid` carries the `details.reason` of the error body.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Not a JWT at all (wrong number of parts, bad base64, not JSON, too long).
    #[error("token is malformed")]
    Malformed,
    /// Well-formed and signed by us, but past `exp` (plus leeway).
    #[error("token expired")]
    Expired {
        /// The `exp` claim.
        expired_at: EpochSeconds,
    },
    /// Refused for the given reason (`invalid_signature`, `wrong_algorithm`, …).
    #[error("token is invalid: {0}")]
    Invalid(&'static str),
}

/// The claims as they may arrive: every field optional so a missing one is reported by name.
#[derive(Deserialize)]
struct RawClaims {
    sub: Option<String>,
    email: Option<String>,
    team_id: Option<String>,
    tier: Option<Tier>,
    iat: Option<EpochSeconds>,
    exp: Option<EpochSeconds>,
    /// Not before: this server never sets it, but a token that carries one is honoured.
    nbf: Option<EpochSeconds>,
    iss: Option<String>,
    aud: Option<String>,
    jti: Option<String>,
    client_id: Option<String>,
    scope: Option<String>,
}

/// Signs and verifies session tokens for one issuer and audience.
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
}

impl fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwtKeys")
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .finish_non_exhaustive()
    }
}

impl JwtKeys {
    /// Keys from `JWT_SECRET`; `issuer` is `PUBLIC_URL`, `audience` is `PUBLIC_URL/mcp`.
    pub fn new(secret: &SecretString, issuer: String, audience: String) -> Self {
        let bytes = secret.expose_secret().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.set_issuer(&[issuer.as_str()]);
        validation.set_audience(&[audience.as_str()]);
        // Expiry, issue time and `nbf` are checked by `verify` against the injected clock.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.leeway = 0;
        validation.set_required_spec_claims(&["iss", "aud"]);
        Self {
            encoding: EncodingKey::from_secret(bytes),
            decoding: DecodingKey::from_secret(bytes),
            validation,
            issuer,
            audience,
        }
    }

    /// The `iss` this server puts in its tokens.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The `aud` this server puts in its tokens.
    pub fn audience(&self) -> &str {
        &self.audience
    }

    /// Sign `claims` ([`Claims`], or [`AccessClaims`] for an MCP client's access token).
    pub fn sign<C: Serialize>(&self, claims: &C) -> Result<String, jsonwebtoken::errors::Error> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
    }

    /// Verify a presented token at time `now`.
    pub fn verify(&self, token: &str, now: EpochSeconds) -> Result<Claims, TokenError> {
        self.verify_with_grant(token, now).map(|(claims, _)| claims)
    }

    /// Verify a presented token at time `now`, and return the client grant it carries, if it
    /// was issued to an MCP client (`client_id` and `scope` come together or not at all).
    pub fn verify_with_grant(
        &self,
        token: &str,
        now: EpochSeconds,
    ) -> Result<(Claims, Option<ClientGrant>), TokenError> {
        if token.is_empty() || token.len() > MAX_TOKEN_BYTES || token.split('.').count() != 3 {
            return Err(TokenError::Malformed);
        }
        check_structure(token)?;
        let data = jsonwebtoken::decode::<RawClaims>(token, &self.decoding, &self.validation)
            .map_err(|e| match e.kind() {
                ErrorKind::InvalidSignature => TokenError::Invalid("invalid_signature"),
                ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => {
                    TokenError::Invalid("invalid_algorithm")
                }
                ErrorKind::InvalidIssuer => TokenError::Invalid("invalid_issuer"),
                ErrorKind::InvalidAudience => TokenError::Invalid("invalid_audience"),
                ErrorKind::MissingRequiredClaim(_) => TokenError::Invalid("missing_claim"),
                _ => TokenError::Malformed,
            })?;
        let raw = data.claims;
        if raw.nbf.is_some_and(|nbf| nbf > now + LEEWAY_SECONDS) {
            return Err(TokenError::Invalid("not_yet_valid"));
        }
        let missing = TokenError::Invalid("missing_claim");
        let grant = match (raw.client_id, raw.scope) {
            (Some(client_id), Some(scope)) => Some(ClientGrant { client_id, scope }),
            (None, None) => None,
            _ => return Err(missing),
        };
        let claims = Claims {
            sub: raw.sub.ok_or(missing.clone())?,
            email: raw.email.unwrap_or_default(),
            team_id: raw.team_id,
            tier: raw.tier.unwrap_or(Tier::Free),
            iat: raw.iat.ok_or(missing.clone())?,
            exp: raw.exp.ok_or(missing.clone())?,
            iss: raw.iss.ok_or(missing.clone())?,
            aud: raw.aud.ok_or(missing.clone())?,
            jti: raw.jti.filter(|j| !j.is_empty()).ok_or(missing)?,
        };
        if claims.iat > now + LEEWAY_SECONDS {
            return Err(TokenError::Invalid("issued_in_future"));
        }
        if claims.exp <= claims.iat {
            return Err(TokenError::Invalid("invalid_lifetime"));
        }
        if now > claims.exp + LEEWAY_SECONDS {
            return Err(TokenError::Expired {
                expired_at: claims.exp,
            });
        }
        claims.user_id()?;
        Ok((claims, grant))
    }
}

/// Check the token's shape before the library does: three base64url parts, a JSON header and a
/// JSON object payload (else `token_malformed`), and an `alg` of HS256 — any other, `none`
/// included, is `invalid_algorithm` (the library reports unknown algorithms as a parse failure).
fn check_structure(token: &str) -> Result<(), TokenError> {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Malformed);
    };
    let decode = |part: &str| {
        URL_SAFE_NO_PAD
            .decode(part)
            .map_err(|_| TokenError::Malformed)
    };
    let header: serde_json::Value =
        serde_json::from_slice(&decode(header)?).map_err(|_| TokenError::Malformed)?;
    let payload: serde_json::Value =
        serde_json::from_slice(&decode(payload)?).map_err(|_| TokenError::Malformed)?;
    decode(signature)?;
    if !payload.is_object() {
        return Err(TokenError::Malformed);
    }
    match header.get("alg").and_then(serde_json::Value::as_str) {
        Some("HS256") => Ok(()),
        Some(_) => Err(TokenError::Invalid("invalid_algorithm")),
        None => Err(TokenError::Malformed),
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;

    use super::*;

    const NOW: EpochSeconds = 1_800_000_000;

    fn keys() -> JwtKeys {
        keys_with("0123456789abcdef0123456789abcdef")
    }

    fn keys_with(secret: &str) -> JwtKeys {
        JwtKeys::new(
            &SecretString::from(secret.to_owned()),
            "http://localhost:8787".into(),
            "http://localhost:8787/mcp".into(),
        )
    }

    fn claims() -> Claims {
        Claims {
            sub: "user_42".into(),
            email: "a@example.com".into(),
            team_id: Some("9000001".into()),
            tier: Tier::Free,
            iat: NOW,
            exp: NOW + 86_400,
            iss: "http://localhost:8787".into(),
            aud: "http://localhost:8787/mcp".into(),
            jti: "abc".into(),
        }
    }

    fn sign_raw(header: &str, payload: &serde_json::Value, secret: &[u8]) -> String {
        use hmac::{Hmac, Mac};
        let signing_input = format!("{}.{}", B64.encode(header), B64.encode(payload.to_string()));
        let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(secret).unwrap();
        mac.update(signing_input.as_bytes());
        format!(
            "{signing_input}.{}",
            B64.encode(mac.finalize().into_bytes())
        )
    }

    #[test]
    fn a_token_it_signed_verifies_with_every_claim() {
        let keys = keys();
        let token = keys.sign(&claims()).unwrap();
        assert_eq!(keys.verify(&token, NOW + 10).unwrap(), claims());
        let header: serde_json::Value =
            serde_json::from_slice(&B64.decode(token.split('.').next().unwrap()).unwrap()).unwrap();
        assert_eq!(header, serde_json::json!({"alg": "HS256", "typ": "JWT"}));
    }

    #[test]
    fn an_access_token_carries_its_client_and_scope_and_a_session_token_none() {
        let keys = keys();
        let grant = ClientGrant {
            client_id: "mcp_abc".into(),
            scope: "clickup:read".into(),
        };
        let base = claims();
        let token = keys
            .sign(&AccessClaims {
                claims: &base,
                grant: &grant,
            })
            .unwrap();
        assert_eq!(
            keys.verify_with_grant(&token, NOW).unwrap(),
            (claims(), Some(grant))
        );
        let session = keys.sign(&claims()).unwrap();
        assert_eq!(
            keys.verify_with_grant(&session, NOW).unwrap(),
            (claims(), None)
        );
        let mut half = serde_json::to_value(claims()).unwrap();
        half["client_id"] = "mcp_abc".into();
        let half = sign_raw(
            r#"{"alg":"HS256","typ":"JWT"}"#,
            &half,
            b"0123456789abcdef0123456789abcdef",
        );
        assert_eq!(
            keys.verify_with_grant(&half, NOW),
            Err(TokenError::Invalid("missing_claim")),
            "a client id without a scope is refused"
        );
    }

    #[test]
    fn expiry_allows_five_seconds_of_skew_and_no_more() {
        let keys = keys();
        let token = keys.sign(&claims()).unwrap();
        let exp = claims().exp;
        assert!(keys.verify(&token, exp + LEEWAY_SECONDS).is_ok());
        assert_eq!(
            keys.verify(&token, exp + LEEWAY_SECONDS + 1),
            Err(TokenError::Expired { expired_at: exp })
        );
    }

    #[test]
    fn a_token_issued_in_the_future_is_refused() {
        let keys = keys();
        let token = keys.sign(&claims()).unwrap();
        assert!(keys.verify(&token, NOW - LEEWAY_SECONDS).is_ok());
        assert_eq!(
            keys.verify(&token, NOW - LEEWAY_SECONDS - 1),
            Err(TokenError::Invalid("issued_in_future"))
        );
    }

    #[test]
    fn a_token_not_valid_before_a_later_time_is_refused_until_then() {
        let keys = keys();
        let mut payload = serde_json::to_value(claims()).unwrap();
        payload["nbf"] = (NOW + 600).into();
        let token = sign_raw(
            r#"{"alg":"HS256","typ":"JWT"}"#,
            &payload,
            b"0123456789abcdef0123456789abcdef",
        );
        assert_eq!(
            keys.verify(&token, NOW),
            Err(TokenError::Invalid("not_yet_valid"))
        );
        assert_eq!(
            keys.verify(&token, NOW + 600 - LEEWAY_SECONDS - 1),
            Err(TokenError::Invalid("not_yet_valid"))
        );
        assert!(keys.verify(&token, NOW + 600 - LEEWAY_SECONDS).is_ok());
    }

    #[test]
    fn forged_and_tampered_tokens_are_refused_with_a_reason() {
        let keys = keys();
        let good = keys.sign(&claims()).unwrap();
        let payload = serde_json::to_value(claims()).unwrap();
        let secret = b"0123456789abcdef0123456789abcdef";
        let mut premium = payload.clone();
        premium["tier"] = "premium".into();
        premium["sub"] = "user_43".into();
        let (h, _, s) = {
            let mut parts = good.split('.');
            (
                parts.next().unwrap().to_owned(),
                parts.next().unwrap().to_owned(),
                parts.next().unwrap().to_owned(),
            )
        };
        let swapped_payload = format!("{h}.{}.{s}", B64.encode(premium.to_string()));
        let mut without_jti = payload.clone();
        without_jti.as_object_mut().unwrap().remove("jti");
        let mut without_exp = payload.clone();
        without_exp.as_object_mut().unwrap().remove("exp");
        let mut other_iss = payload.clone();
        other_iss["iss"] = "https://evil.example".into();
        let mut other_aud = payload.clone();
        other_aud["aud"] = "https://evil.example/mcp".into();
        let mut bad_sub = payload.clone();
        bad_sub["sub"] = "admin".into();
        let cases: Vec<(&str, String, TokenError)> = vec![
            (
                "payload swapped under the old signature",
                swapped_payload,
                TokenError::Invalid("invalid_signature"),
            ),
            (
                "signed with another secret",
                keys_with("another-secret-another-secret-xyz")
                    .sign(&claims())
                    .unwrap(),
                TokenError::Invalid("invalid_signature"),
            ),
            (
                "alg none",
                format!(
                    "{}.{}.",
                    B64.encode(r#"{"alg":"none","typ":"JWT"}"#),
                    B64.encode(payload.to_string())
                ),
                TokenError::Invalid("invalid_algorithm"),
            ),
            (
                "alg HS512 with our secret",
                sign_raw(r#"{"alg":"HS512","typ":"JWT"}"#, &payload, secret),
                TokenError::Invalid("invalid_algorithm"),
            ),
            (
                "alg RS256 header",
                sign_raw(r#"{"alg":"RS256","typ":"JWT"}"#, &payload, secret),
                TokenError::Invalid("invalid_algorithm"),
            ),
            (
                "missing jti",
                sign_raw(r#"{"alg":"HS256","typ":"JWT"}"#, &without_jti, secret),
                TokenError::Invalid("missing_claim"),
            ),
            (
                "missing exp",
                sign_raw(r#"{"alg":"HS256","typ":"JWT"}"#, &without_exp, secret),
                TokenError::Invalid("missing_claim"),
            ),
            (
                "another issuer",
                sign_raw(r#"{"alg":"HS256","typ":"JWT"}"#, &other_iss, secret),
                TokenError::Invalid("invalid_issuer"),
            ),
            (
                "another audience",
                sign_raw(r#"{"alg":"HS256","typ":"JWT"}"#, &other_aud, secret),
                TokenError::Invalid("invalid_audience"),
            ),
            (
                "a subject that is no user",
                sign_raw(r#"{"alg":"HS256","typ":"JWT"}"#, &bad_sub, secret),
                TokenError::Invalid("invalid_subject"),
            ),
            ("two parts", format!("{h}.{s}"), TokenError::Malformed),
            ("garbage", "not-a-jwt".into(), TokenError::Malformed),
            ("empty", String::new(), TokenError::Malformed),
            (
                "oversized",
                format!("{h}.{}.{s}", "A".repeat(5000)),
                TokenError::Malformed,
            ),
            ("bad base64", format!("{h}.@@@.{s}"), TokenError::Malformed),
        ];
        for (why, token, expected) in cases {
            assert_eq!(keys.verify(&token, NOW), Err(expected), "{why}");
        }
    }
}
