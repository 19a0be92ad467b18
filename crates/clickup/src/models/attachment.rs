//! Task attachments.
