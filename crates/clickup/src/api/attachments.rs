//! Files attached to tasks (multipart upload).
