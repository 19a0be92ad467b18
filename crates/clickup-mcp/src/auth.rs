//! Authentication: session tokens ([`jwt`]), sessions ([`sessions`]), the ClickUp login
//! ([`login`]), and the stored ClickUp credential at the moment of use ([`clickup_credential`]);
//! their failures are [`error::AuthError`].
pub mod clickup_credential;
pub mod credential_cache;
pub mod error;
pub mod jwt;
pub mod login;
pub mod sessions;
