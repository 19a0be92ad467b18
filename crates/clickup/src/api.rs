//! The ClickUp endpoints this crate speaks, as methods on [`crate::ClickUp`], one file per
//! area. Each method names its endpoint in its doc comment; ids are checked newtypes
//! ([`crate::ids`]) percent-encoded into the path, so no argument can change a path's shape.

mod admin;
mod attachments;
mod chat;
mod checklists;
mod comments;
mod docs;
mod fields;
mod goals;
mod hierarchy;
mod relations;
mod tags;
mod tasks;
mod templates;
mod time;
mod views;
mod webhooks;
mod workspace;
