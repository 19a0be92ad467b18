//! Chat channels, messages and reactions (API v3).
