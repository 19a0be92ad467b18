//! Custom-field definitions at every level, and task field values.
