//! `detail_level` (TOOLS.md §1.6): how much of each object a tool returns.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How much of each object to return.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DetailLevel {
    /// Ids, names and the few fields people ask about (default).
    #[default]
    Summary,
    /// Everything ClickUp sent that means something to a reader.
    Full,
}
