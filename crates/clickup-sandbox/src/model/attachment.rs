//! Files attached to tasks. The sandbox keeps what ClickUp shows about a file (name, type,
//! size, who uploaded it and when), not its bytes: its `url` names a file nobody can download.

use crate::model::{TaskId, UserId};

/// One file attached to a task.
#[derive(Clone, Debug)]
pub(crate) struct Attachment {
    /// `uuid.ext`, as ClickUp writes attachment ids.
    pub(crate) id: String,
    /// The task it is attached to.
    pub(crate) task_id: TaskId,
    /// The file name.
    pub(crate) title: String,
    /// The file's MIME type, as uploaded.
    pub(crate) mimetype: String,
    /// Size in bytes.
    pub(crate) size: u64,
    /// Who uploaded it.
    pub(crate) user: UserId,
    /// When, epoch ms.
    pub(crate) date: i64,
}

impl Attachment {
    /// The extension of the file name (after the last dot), lower case; empty when none.
    pub(crate) fn extension(&self) -> String {
        Self::extension_of(&self.title)
    }

    /// The extension of `name` (after the last dot, if any, and not at its start), lower case.
    pub(crate) fn extension_of(name: &str) -> String {
        match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() && ext.len() <= 16 => {
                ext.to_ascii_lowercase()
            }
            _ => String::new(),
        }
    }
}

/// Files attached to tasks, in upload order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Attachments {
    pub(crate) files: Vec<Attachment>,
}

impl Attachments {
    /// The files attached to `task`, oldest first.
    pub(crate) fn of_task<'a>(&'a self, task: &'a TaskId) -> impl Iterator<Item = &'a Attachment> {
        self.files.iter().filter(move |a| &a.task_id == task)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_come_from_the_last_dot_only() {
        assert_eq!(Attachment::extension_of("build.LOG"), "log");
        assert_eq!(Attachment::extension_of("archive.tar.gz"), "gz");
        assert_eq!(Attachment::extension_of(".env"), "");
        assert_eq!(Attachment::extension_of("README"), "");
    }
}
