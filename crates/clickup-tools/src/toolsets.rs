//! Toolsets: the catalogue grouped by area, so that a connection can serve only the tools its
//! user needs (every tool a model sees costs context on every conversation). A [`Surface`] is
//! what one connection serves: some toolsets, optionally read-only tools only. It comes from
//! the URL in hosted mode (`/mcp/x/tasks,time/readonly`), from `--toolsets`/`--read-only` in
//! stdio, and the operator narrows either with `ENABLED_TOOLSETS` (docs/tools.md, "Toolsets").

use std::fmt;

use crate::registry::{Effect, ToolSpec};

/// An area of the catalogue (docs/tools.md, "Toolsets"). The names are part of the public
/// interface (URLs, flags).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Toolset {
    /// Workspaces, the space/folder/list tree, people, spaces, folders, lists.
    Hierarchy,
    /// Reading, searching, changing, moving and copying tasks.
    Tasks,
    /// Up to 100 tasks in one call (premium).
    Bulk,
    /// Comments on tasks, lists and chat views, and their threads.
    Comments,
    /// Space tags and task tags.
    Tags,
    /// Time tracking: timers, time entries, estimates, time in status.
    Time,
    /// Checklists on tasks and their items.
    Checklists,
    /// Custom-field definitions and values.
    CustomFields,
    /// Dependencies and links between tasks.
    Dependencies,
    /// Files attached to tasks.
    Attachments,
    /// Docs and their pages (API v3).
    Docs,
    /// Chat channels, messages and reactions (API v3, experimental at ClickUp).
    Chat,
    /// Goals and key results.
    Goals,
    /// Views and the tasks they show.
    Views,
    /// Webhooks of the workspace.
    Webhooks,
    /// Templates and planning computed by this server.
    Templates,
    /// Workspace administration: members, guests, groups, access, audit logs.
    Admin,
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
        Toolset::Checklists,
        Toolset::CustomFields,
        Toolset::Dependencies,
        Toolset::Attachments,
        Toolset::Docs,
        Toolset::Chat,
        Toolset::Goals,
        Toolset::Views,
        Toolset::Webhooks,
        Toolset::Templates,
        Toolset::Admin,
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
            Toolset::Checklists => "checklists",
            Toolset::CustomFields => "custom_fields",
            Toolset::Dependencies => "dependencies",
            Toolset::Attachments => "attachments",
            Toolset::Docs => "docs",
            Toolset::Chat => "chat",
            Toolset::Goals => "goals",
            Toolset::Views => "views",
            Toolset::Webhooks => "webhooks",
            Toolset::Templates => "templates",
            Toolset::Admin => "admin",
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

/// How much of a toolset a surface serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Breadth {
    /// Its everyday tools ([`ToolSpec::everyday`]), as plain `/mcp` serves them.
    Everyday,
    /// Every tool.
    Every,
}

/// What one connection serves: for each toolset, nothing, its everyday tools, or all of it;
/// optionally read-only tools only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Surface {
    /// The toolsets served, in catalogue order, without repeats, with how much of each.
    toolsets: Vec<(Toolset, Breadth)>,
    /// Only read-only tools.
    read_only: bool,
}

impl Default for Surface {
    /// The everyday default of `/mcp`: the everyday tools of every toolset.
    fn default() -> Self {
        Self::of(Toolset::ALL.iter().map(|t| (*t, Breadth::Everyday)))
    }
}

impl Surface {
    /// Every tool.
    pub fn all() -> Self {
        Self::of(Toolset::ALL.iter().map(|t| (*t, Breadth::Every)))
    }

    /// The toolsets, sorted, each once with the widest breadth asked for.
    fn of(toolsets: impl IntoIterator<Item = (Toolset, Breadth)>) -> Self {
        let mut toolsets: Vec<(Toolset, Breadth)> = toolsets.into_iter().collect();
        toolsets.sort();
        toolsets.reverse();
        toolsets.dedup_by_key(|(t, _)| *t);
        toolsets.reverse();
        Self {
            toolsets,
            read_only: false,
        }
    }

    /// `tasks,time` (also `all` and `default`, and spaces around commas); an empty list or
    /// an unknown name is refused. A named toolset is served whole; `default` adds the
    /// everyday tools of every toolset, so `default,docs` is plain `/mcp` plus the docs tools.
    pub fn parse(list: &str) -> Result<Self, UnknownToolset> {
        let mut toolsets = Vec::new();
        for name in list.split(',').map(str::trim) {
            match name {
                "all" => toolsets.extend(Surface::all().toolsets),
                "default" => toolsets.extend(Surface::default().toolsets),
                _ => toolsets.push((
                    Toolset::from_name(name).ok_or_else(|| UnknownToolset {
                        name: name
                            .chars()
                            .filter(|c| c.is_ascii_graphic())
                            .take(40)
                            .collect(),
                    })?,
                    Breadth::Every,
                )),
            }
        }
        Ok(Self::of(toolsets))
    }

    /// The same toolsets, read-only tools only.
    pub fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }

    /// What both allow: each toolset at the narrower breadth of the two, read-only if either
    /// is (an operator's `ENABLED_TOOLSETS` narrowing what a URL asks for).
    pub fn within(&self, limit: &Surface) -> Surface {
        Surface {
            toolsets: self
                .toolsets
                .iter()
                .filter_map(|(toolset, breadth)| {
                    limit
                        .breadth(*toolset)
                        .map(|other| (*toolset, (*breadth).min(other)))
                })
                .collect(),
            read_only: self.read_only || limit.read_only,
        }
    }

    fn breadth(&self, toolset: Toolset) -> Option<Breadth> {
        self.toolsets
            .iter()
            .find(|(t, _)| *t == toolset)
            .map(|(_, b)| *b)
    }

    /// The toolsets served whole.
    pub fn toolsets(&self) -> Vec<Toolset> {
        self.toolsets
            .iter()
            .filter(|(_, b)| *b == Breadth::Every)
            .map(|(t, _)| *t)
            .collect()
    }

    /// Whether only read-only tools are served.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Whether this surface serves the tool.
    pub fn serves(&self, spec: &ToolSpec) -> bool {
        self.serves_toolset_of(spec) && (!self.read_only || spec.effect == Effect::Read)
    }

    fn serves_toolset_of(&self, spec: &ToolSpec) -> bool {
        match self.breadth(spec.toolset) {
            Some(Breadth::Every) => true,
            Some(Breadth::Everyday) => spec.everyday,
            None => false,
        }
    }

    /// Why this surface does not serve the tool, for the model to read (`None` if it does).
    pub fn refusal(&self, spec: &ToolSpec) -> Option<String> {
        if !self.serves_toolset_of(spec) {
            return Some(format!(
                "{} is in the `{}` toolset, which this connection does not serve (it serves: {}). \
                 The user can connect to /mcp/x/default,{} (the everyday tools and that toolset) \
                 or /mcp/x/all to use it.",
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

    /// `the everyday tools, docs, time (read-only)`.
    pub fn describe(&self) -> String {
        let everyday = self
            .toolsets
            .iter()
            .filter(|(_, b)| *b == Breadth::Everyday)
            .count();
        let mut parts: Vec<String> = Vec::new();
        if everyday == Toolset::ALL.len() - self.toolsets().len() && everyday > 0 {
            parts.push("the everyday tools".to_owned());
        } else {
            parts.extend(
                self.toolsets
                    .iter()
                    .filter(|(_, b)| *b == Breadth::Everyday)
                    .map(|(t, _)| format!("everyday {t}")),
            );
        }
        parts.extend(self.toolsets().iter().map(|t| t.name().to_owned()));
        let names = if parts.is_empty() {
            "no toolsets".to_owned()
        } else {
            parts.join(", ")
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
            ("default", vec![]),
            ("default,docs", vec![Toolset::Docs]),
        ];
        for (list, expected) in cases {
            assert_eq!(Surface::parse(list).unwrap().toolsets(), expected, "{list}");
        }
        assert_eq!(Surface::parse("default").unwrap(), Surface::default());
        assert_eq!(Surface::parse("docs,all").unwrap(), Surface::all());
        for bad in ["", "tasks,", "Tasks", "doc", "tasks,<script>"] {
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

    fn spec(toolset: Toolset, everyday: bool) -> ToolSpec {
        ToolSpec {
            name: "clickup_x_get",
            title: "x",
            description: "x",
            tier: crate::Tier::Free,
            toolset,
            everyday,
            effect: Effect::Read,
            references: &[],
            premium_arguments: &[],
        }
    }

    #[test]
    fn the_default_serves_everyday_tools_and_a_named_toolset_serves_all_of_it() {
        let default = Surface::default();
        let with_docs = Surface::parse("default,docs").unwrap();
        let tasks = Surface::parse("tasks").unwrap();
        let (everyday, other, doc) = (
            spec(Toolset::Tasks, true),
            spec(Toolset::Tasks, false),
            spec(Toolset::Docs, false),
        );
        assert!(default.serves(&everyday) && !default.serves(&other) && !default.serves(&doc));
        assert!(with_docs.serves(&everyday) && with_docs.serves(&doc));
        assert!(!with_docs.serves(&other));
        assert!(tasks.serves(&everyday) && tasks.serves(&other) && !tasks.serves(&doc));
        assert_eq!(default.describe(), "the everyday tools");
        assert_eq!(with_docs.describe(), "the everyday tools, docs");
        let refusal = default.refusal(&doc).unwrap();
        assert!(refusal.contains("/mcp/x/default,docs"), "{refusal}");
        // An operator allowing only the everyday tools narrows a whole toolset to them.
        let narrowed = tasks.within(&default);
        assert!(narrowed.serves(&everyday) && !narrowed.serves(&other));
        assert_eq!(narrowed.describe(), "everyday tasks");
    }
}
