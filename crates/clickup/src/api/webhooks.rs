//! Webhooks of a workspace.
