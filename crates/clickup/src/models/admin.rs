//! Members, guests, user groups, custom roles, access lists and audit logs.
