//! Seed data: files attached to tasks.

use crate::SeedSize;
use crate::model::Data;

/// Adds this area's seed data (`size` says whether the large workspace exists).
pub(crate) fn seed(_data: &mut Data, _size: SeedSize) {}
