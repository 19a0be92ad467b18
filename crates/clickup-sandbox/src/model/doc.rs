//! Docs and their pages (API v3). Only [`Docs`] is re-exported (`model.rs`); handlers
//! (`api/doc.rs`) and the seed reach docs and pages by position and make them with
//! [`Docs::push_doc`] and [`Docs::push_page`], which add a blank object and hand it back to be
//! filled in.

use crate::model::{TeamId, UserId};

/// Docs and pages of every workspace.
#[derive(Clone, Debug, Default)]
pub(crate) struct Docs {
    /// Docs, in creation order (the order searches answer them in).
    pub(crate) docs: Vec<Doc>,
    /// Pages of every doc, in creation order (siblings keep that order).
    pub(crate) pages: Vec<Page>,
}

/// A doc's place: ClickUp's `parent` `{id, type}` (4 space, 5 folder, 6 list, 7 Everything,
/// 12 workspace).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DocParent {
    pub(crate) id: String,
    pub(crate) kind: u8,
}

/// A doc.
#[derive(Clone, Debug)]
pub(crate) struct Doc {
    pub(crate) id: String,
    pub(crate) team_id: TeamId,
    pub(crate) name: String,
    pub(crate) parent: DocParent,
    /// `visibility: PUBLIC`: every member of the workspace sees it; else its creator only.
    pub(crate) public: bool,
    pub(crate) creator: UserId,
    pub(crate) date_created: i64,
    pub(crate) date_updated: i64,
    pub(crate) deleted: bool,
    pub(crate) archived: bool,
}

impl Doc {
    /// Whether `user` (a member of the doc's workspace) may see it.
    pub(crate) fn visible_to(&self, user: UserId) -> bool {
        self.public || self.creator == user
    }
}

/// A page of a doc.
#[derive(Clone, Debug)]
pub(crate) struct Page {
    pub(crate) id: String,
    pub(crate) doc_id: String,
    /// The page it is under; `None` at the top level.
    pub(crate) parent_page_id: Option<String>,
    pub(crate) name: String,
    pub(crate) sub_title: Option<String>,
    /// Markdown, stored and answered as sent.
    pub(crate) content: String,
    pub(crate) creator: UserId,
    /// Who edited it, in order of first edit (the creator first).
    pub(crate) authors: Vec<UserId>,
    pub(crate) date_created: i64,
    pub(crate) date_updated: i64,
    pub(crate) archived: bool,
}

impl Docs {
    /// Adds a blank public doc `id` of workspace `team_id` at the workspace level and returns it
    /// to be filled in.
    pub(crate) fn push_doc(
        &mut self,
        id: String,
        team_id: TeamId,
        creator: UserId,
        now: i64,
    ) -> &mut Doc {
        let parent = DocParent {
            id: team_id.as_str().to_owned(),
            kind: 12,
        };
        self.docs.push(Doc {
            id,
            team_id,
            name: String::new(),
            parent,
            public: true,
            creator,
            date_created: now,
            date_updated: now,
            deleted: false,
            archived: false,
        });
        let last = self.docs.len() - 1;
        &mut self.docs[last]
    }

    /// Adds a blank top-level page `id` of doc `doc_id` and returns it to be filled in.
    pub(crate) fn push_page(
        &mut self,
        id: String,
        doc_id: &str,
        creator: UserId,
        now: i64,
    ) -> &mut Page {
        self.pages.push(Page {
            id,
            doc_id: doc_id.to_owned(),
            parent_page_id: None,
            name: String::new(),
            sub_title: None,
            content: String::new(),
            creator,
            authors: vec![creator],
            date_created: now,
            date_updated: now,
            archived: false,
        });
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// The position of doc `id`.
    pub(crate) fn doc_index(&self, id: &str) -> Option<usize> {
        self.docs.iter().position(|d| d.id == id)
    }

    /// The position of page `id` of doc `doc_id`.
    pub(crate) fn page_index(&self, doc_id: &str, id: &str) -> Option<usize> {
        self.pages
            .iter()
            .position(|p| p.id == id && p.doc_id == doc_id)
    }

    /// The positions of the live pages of `doc_id` directly under `parent` (`None`: the top
    /// level), in creation order.
    pub(crate) fn children(&self, doc_id: &str, parent: Option<&str>) -> Vec<usize> {
        (0..self.pages.len())
            .filter(|&i| {
                let p = &self.pages[i];
                p.doc_id == doc_id && !p.archived && p.parent_page_id.as_deref() == parent
            })
            .collect()
    }
}
