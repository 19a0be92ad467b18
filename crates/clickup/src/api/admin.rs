//! Workspace administration: members, guests, user groups, custom roles, access lists, audit logs.
