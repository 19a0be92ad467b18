//! Dependencies and links between tasks.
