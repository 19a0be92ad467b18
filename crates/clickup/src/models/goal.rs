//! Goals and key results.
