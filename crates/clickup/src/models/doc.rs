//! Docs and pages (API v3).
