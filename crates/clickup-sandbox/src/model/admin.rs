//! Workspace administration: user groups, guests, custom roles, access lists, audit logs.

/// Workspace administration: user groups, guests, custom roles, access lists, audit logs.
#[derive(Clone, Debug, Default)]
pub(crate) struct Admin {}
