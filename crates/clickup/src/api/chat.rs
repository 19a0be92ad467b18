//! Chat channels, messages, replies and reactions (API v3, experimental at ClickUp).
