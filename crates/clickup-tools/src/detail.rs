//! `detail_level` (docs/tools.md, "Detail levels"): how much of each object a tool returns.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

// How much of each object to return. No description in the schema (the initialize instructions
// explain `detail_level`), and inlined: each tool takes it once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(inline)]
pub enum DetailLevel {
    /// Ids, names and the few fields people ask about (default).
    #[default]
    Summary,
    /// Everything ClickUp sent that means something to a reader.
    Full,
}

impl DetailLevel {
    /// Whether this is `summary`, the default. Argument fields name it in
    /// `#[serde(skip_serializing_if)]`, which keeps `"default"` out of their schema (schemars
    /// leaves out a default the field would skip): the initialize instructions say it.
    pub fn is_summary(&self) -> bool {
        *self == Self::Summary
    }
}
