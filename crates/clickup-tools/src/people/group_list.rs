//! `clickup_group_list`: the workspace's user groups ("Teams" in ClickUp's UI) with their
//! members; optionally only some groups, or the groups one person is in.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page};
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::paging;
use crate::people::groups::{self, GroupOut};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_group_list`.
#[derive(Debug)]
pub struct GroupList;

/// Arguments of `clickup_group_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Only these groups: id, name or handle each.
    #[serde(default)]
    pub groups: Vec<String>,
    /// Only groups this person is in.
    #[serde(default)]
    pub member: Option<String>,
    // Shared argument; `full` adds when and by whom each group was made.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    // Shared arguments; `limit` default 50.
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for GroupList {
    type Args = Args;
    type Output = Page<GroupOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_group_list",
        title: "List user groups",
        description: "User groups (\"Teams\" in ClickUp's UI) with their members: who is in \
                      a group, or which groups a person is in.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<GroupOut>, ToolError> {
        if args.groups.len() > 100 {
            return Err(ToolError::invalid_argument(
                "`groups` takes at most 100 groups.",
            ));
        }
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let filters = json!({
            "workspace": ws.id, "groups": args.groups, "member": args.member,
            "detail_level": args.detail_level,
        });
        let (cursor, limit) = (args.paging.cursor.as_deref(), args.paging.limit);
        paging::check(ctx, &filters, cursor, limit, DEFAULT_LIMIT)?;
        let member = match args.member.as_deref() {
            Some(reference) => {
                let me = if reference.trim().eq_ignore_ascii_case("me") {
                    Some(crate::tasks::arguments::me(ctx).await?)
                } else {
                    None
                };
                Some(resolve::member(&ws, reference, me)?.id)
            }
            None => None,
        };
        let all = groups::read_all(ctx, &ws).await?;
        let mut chosen = Vec::new();
        if args.groups.is_empty() {
            chosen.extend(all.iter());
        } else {
            for reference in &args.groups {
                let group = groups::pick(&all, reference)?;
                if !chosen
                    .iter()
                    .any(|g: &&clickup::models::admin::Group| g.id == group.id)
                {
                    chosen.push(group);
                }
            }
        }
        let full = args.detail_level == DetailLevel::Full;
        let items: Vec<GroupOut> = chosen
            .into_iter()
            .filter(|g| member.is_none_or(|id| g.members.iter().any(|m| m.id == id)))
            .map(|g| GroupOut::new(g, full, &zone))
            .collect();
        paging::slice(ctx, &filters, cursor, limit, DEFAULT_LIMIT, items)
    }
}
