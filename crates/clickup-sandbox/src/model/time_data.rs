//! Time tracking beyond the entries themselves (`Data::time_entries`): entry tags, history, estimates.

/// Time tracking beyond the entries themselves (`Data::time_entries`): entry tags, history, estimates.
#[derive(Clone, Debug, Default)]
pub(crate) struct TimeData {}
