//! Authentication: session tokens ([`jwt`]), sessions ([`sessions`]), and the ClickUp login
//! ([`login`]).
pub mod jwt;
pub mod login;
pub mod sessions;
