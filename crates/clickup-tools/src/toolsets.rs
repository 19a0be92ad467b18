//! Toolsets: the catalogue grouped by area, so that a connection can serve only the tools its
//! user needs (every tool a model sees costs context on every conversation). A [`Surface`] is
//! what one connection serves: some toolsets, optionally read-only tools only. It comes from
//! the URL in hosted mode (`/mcp/x/tasks,time/readonly`), from `--toolsets`/`--read-only` in
//! stdio, and the operator narrows either with `ENABLED_TOOLSETS` (docs/tools.md, "Toolsets").

use std::fmt;

use crate::registry::{Effect, ToolSpec};

/// An area of the catalogue. The names are part of the public interface (URLs, flags).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Toolset {
    /// Workspaces, the space/folder/list tree, people, spaces, folders, lists.
    Hierarchy,
    /// Reading, searching and changing tasks.
    Tasks,
    /// Up to 100 tasks in one call (premium).
    Bulk,
    /// Comments on tasks and lists.
    Comments,
    /// Space tags and task tags.
    Tags,
    /// Time tracking.
    Time,
}

impl Toolset {
    /// Every toolset, in catalogue order.
    pub const ALL: &'static [Toolset] = &[
        Toolset::Hierarchy,
        Toolset::Tasks,
        Toolset::Bulk,
        Toolset::Comments,
        Toolset::Tags,
        Toolset::Time,
    ];

    /// The name used in URLs, flags and configuration.
    pub fn name(self) -> &'static str {
        match self {
            Toolset::Hierarchy => "hierarchy",
            Toolset::Tasks => "tasks",
            Toolset::Bulk => "bulk",
            Toolset::Comments => "comments",
            Toolset::Tags => "tags",
            Toolset::Time => "time",
        }
    }

    /// Whether plain `/mcp` serves it: the everyday work (at most 36 tools in all).
    pub fn is_default(self) -> bool {
        match self {
            Toolset::Hierarchy
            | Toolset::Tasks
            | Toolset::Bulk
            | Toolset::Comments
            | Toolset::Tags
            | Toolset::Time => true,
        }
    }

    fn from_name(name: &str) -> Option<Toolset> {
        Toolset::ALL.iter().copied().find(|t| t.name() == name)
    }
}

impl fmt::Display for Toolset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A toolset list that names something that is not a toolset.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown toolset `{name}`; the toolsets are {}, or `all` or `default`",
    valid_names()
)]
pub struct UnknownToolset {
    /// The offending name, cut to printable characters and 40 of them.
    pub name: String,
}

/// The valid names, comma-separated.
pub fn valid_names() -> String {
    Toolset::ALL
        .iter()
        .map(|t| t.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What one connection serves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Surface {
    /// The toolsets, in catalogue order, without repeats.
    toolsets: Vec<Toolset>,
    /// Only read-only tools.
    read_only: bool,
}

impl Default for Surface {
    /// The everyday default of `/mcp`.
    fn default() -> Self {
        Self::of(Toolset::ALL.iter().copied().filter(|t| t.is_default()))
    }
}

impl Surface {
    /// Every toolset.
    pub fn all() -> Self {
        Self::of(Toolset::ALL.iter().copied())
    }

    fn of(toolsets: impl IntoIterator<Item = Toolset>) -> Self {
        let mut toolsets: Vec<Toolset> = toolsets.into_iter().collect();
        toolsets.sort();
        toolsets.dedup();
        Self {
            toolsets,
            read_only: false,
        }
    }

    /// `tasks,time` (also `all` and `default`, and spaces around commas); an empty list or
    /// an unknown name is refused.
    pub fn parse(list: &str) -> Result<Self, UnknownToolset> {
        let mut toolsets = Vec::new();
        for name in list.split(',').map(str::trim) {
            match name {
                "all" => toolsets.extend(Toolset::ALL.iter().copied()),
                "default" => toolsets.extend(Surface::default().toolsets),
                _ => toolsets.push(Toolset::from_name(name).ok_or_else(|| {
                    UnknownToolset {
                        name: name
                            .chars()
                            .filter(|c| c.is_ascii_graphic())
                            .take(40)
                            .collect(),
                    }
                })?),
            }
        }
        Ok(Self::of(toolsets))
    }

    /// The same toolsets, read-only tools only.
    pub fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }

    /// What both allow: the toolsets in both, read-only if either is (an operator's
    /// `ENABLED_TOOLSETS` narrowing what a URL asks for).
    pub fn within(&self, limit: &Surface) -> Surface {
        Surface {
            toolsets: self
                .toolsets
                .iter()
                .copied()
                .filter(|t| limit.toolsets.contains(t))
                .collect(),
            read_only: self.read_only || limit.read_only,
        }
    }

    /// The toolsets served.
    pub fn toolsets(&self) -> &[Toolset] {
        &self.toolsets
    }

    /// Whether only read-only tools are served.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Whether this surface serves the tool.
    pub fn serves(&self, spec: &ToolSpec) -> bool {
        self.toolsets.contains(&spec.toolset) && (!self.read_only || spec.effect == Effect::Read)
    }

    /// Why this surface does not serve the tool, for the model to read (`None` if it does).
    pub fn refusal(&self, spec: &ToolSpec) -> Option<String> {
        if !self.toolsets.contains(&spec.toolset) {
            return Some(format!(
                "{} is in the `{}` toolset, which this connection does not serve (it serves: {}). \
                 The user can connect to /mcp/x/{} (or /mcp/x/all) to use it.",
                spec.name,
                spec.toolset,
                self.describe(),
                spec.toolset,
            ));
        }
        if self.read_only && spec.effect != Effect::Read {
            return Some(format!(
                "{} changes ClickUp, and this connection serves read-only tools only. The user \
                 can connect without `/readonly` in the URL to make changes.",
                spec.name
            ));
        }
        None
    }

    /// `tasks, time (read-only)`.
    pub fn describe(&self) -> String {
        let names: Vec<&str> = self.toolsets.iter().map(|t| t.name()).collect();
        let names = if names.is_empty() {
            "no toolsets".to_owned()
        } else {
            names.join(", ")
        };
        if self.read_only {
            format!("{names} (read-only)")
        } else {
            names
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_toolsets_parse_with_all_and_default_and_refuse_unknown_names() {
        let cases = [
            ("tasks", vec![Toolset::Tasks]),
            (" time , tasks,time", vec![Toolset::Tasks, Toolset::Time]),
            ("all", Toolset::ALL.to_vec()),
            ("default", Surface::default().toolsets),
        ];
        for (list, expected) in cases {
            assert_eq!(Surface::parse(list).unwrap().toolsets(), expected, "{list}");
        }
        for bad in ["", "tasks,", "Tasks", "docs", "tasks,<script>"] {
            let err = Surface::parse(bad).unwrap_err();
            assert!(err.to_string().contains("hierarchy, tasks"), "{bad}: {err}");
        }
        let err = Surface::parse("tasks,<script>x").unwrap_err();
        assert_eq!(err.name, "<script>x");
    }

    #[test]
    fn an_operator_limit_narrows_toolsets_and_keeps_read_only() {
        let asked = Surface::parse("tasks,time").unwrap();
        let limit = Surface::parse("tasks,comments").unwrap().read_only();
        let served = asked.within(&limit);
        assert_eq!(served.toolsets(), [Toolset::Tasks]);
        assert!(served.is_read_only());
        assert_eq!(served.describe(), "tasks (read-only)");
    }
}
