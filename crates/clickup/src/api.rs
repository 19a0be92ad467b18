//! The ClickUp endpoints this crate speaks, as methods on [`crate::ClickUp`], one file per
//! area. Each method names its endpoint in its doc comment; ids are checked newtypes
//! ([`crate::ids`]) percent-encoded into the path, so no argument can change a path's shape.

mod comments;
mod hierarchy;
mod tags;
mod tasks;
mod time;
mod workspace;
