//! What tasks carry beyond `Task`: lists they are also in, attachments, merges.

/// What tasks carry beyond `Task`: lists they are also in, attachments, merges.
#[derive(Clone, Debug, Default)]
pub(crate) struct TaskExtras {}
