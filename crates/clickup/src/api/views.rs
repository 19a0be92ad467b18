//! Views at every level and the tasks they show.
