//! `clickup_time_entry_tag_update`: rename or recolour a time-entry tag on every entry. ClickUp
//! requires the name, new name and both colours: the tag's current ones (read first) fill what
//! is not given. Verified: the workspace's tags are read back.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use clickup::models::time::{TimeTagName, TimeTagRename};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::time::tag_list::TimeTagOut;
use crate::time::{answer_tags, colour, time_tags};
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
use crate::{ids, resolve};

/// `clickup_time_entry_tag_update`.
#[derive(Debug)]
pub struct TimeEntryTagUpdate;

/// Arguments of `clickup_time_entry_tag_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// The tag's name.
    pub name: String,
    #[serde(default)]
    pub new_name: Option<String>,
    /// `#rrggbb`.
    #[serde(default)]
    pub tag_fg: Option<String>,
    /// `#rrggbb`.
    #[serde(default)]
    pub tag_bg: Option<String>,
    // Shared argument.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of `clickup_time_entry_tag_update`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The tag, as read back.
    pub tag: TimeTagOut,
    /// Whether it was read back.
    pub verified: bool,
    /// Requested values the tag does not have.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for TimeEntryTagUpdate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_time_entry_tag_update",
        title: "Rename a time-entry tag",
        description: "Rename or recolour a time-entry tag on every entry of the workspace.",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let name = single_tag("name", &args.name)?;
        let new_name = args
            .new_name
            .as_deref()
            .map(|n| single_tag("new_name", n))
            .transpose()?;
        let fg = colour("tag_fg", args.tag_fg.as_deref())?;
        let bg = colour("tag_bg", args.tag_bg.as_deref())?;
        if new_name.is_none() && fg.is_none() && bg.is_none() {
            return Err(ToolError::invalid_argument(
                "Give `new_name`, `tag_fg` or `tag_bg`: there is nothing to change.",
            ));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let tags = ctx.clickup.time_entry_tags(&ctx.token, &team).await;
        let tags = answer_tags(ctx, "The workspace", tags).await?;
        let Some(current) = tags.iter().find(|t| t.name.eq_ignore_ascii_case(&name)) else {
            return Err(ToolError::not_found(
                "No time entry of the workspace carries that tag; see clickup_time_entry_tag_list.",
            ));
        };
        let rename = TimeTagRename {
            name: current.name.clone(),
            new_name: new_name.clone().unwrap_or_else(|| current.name.clone()),
            tag_fg: fg
                .clone()
                .or_else(|| current.tag_fg.clone())
                .unwrap_or_else(|| TimeTagName::DEFAULT_FG.to_owned()),
            tag_bg: bg
                .clone()
                .or_else(|| current.tag_bg.clone())
                .unwrap_or_else(|| TimeTagName::DEFAULT_BG.to_owned()),
        };
        let result = ctx
            .clickup
            .rename_time_entry_tag(&ctx.token, &team, &rename)
            .await;
        answer_tags(ctx, "The tag", result).await?;

        let after = ctx.clickup.time_entry_tags(&ctx.token, &team).await;
        let after = answer_tags(ctx, "The workspace", after).await?;
        let Some(tag) = after.iter().find(|t| t.name == rename.new_name) else {
            return Err(ToolError::upstream(
                "ClickUp accepted the change but does not list the tag under its new name; check with clickup_time_entry_tag_list.",
            ));
        };
        let mut not_applied = Vec::new();
        for (field, requested, actual) in [
            ("tag_fg", fg, tag.tag_fg.clone()),
            ("tag_bg", bg, tag.tag_bg.clone()),
        ] {
            if let Some(requested) = requested
                && !actual
                    .as_deref()
                    .is_some_and(|a| a.eq_ignore_ascii_case(&requested))
            {
                not_applied.push(NotApplied {
                    field: field.into(),
                    requested: Value::from(requested),
                    actual: actual.map_or(Value::Null, Value::from),
                });
            }
        }
        Ok(Output {
            tag: TimeTagOut {
                name: tag.name.clone(),
                tag_fg: tag.tag_fg.clone(),
                tag_bg: tag.tag_bg.clone(),
            },
            verified: true,
            not_applied,
        })
    }
}

/// One usable tag name.
fn single_tag(arg: &str, value: &str) -> Result<String, ToolError> {
    time_tags(&[value.to_owned()])?
        .pop()
        .ok_or_else(|| ToolError::invalid_argument(format!("`{arg}` is not a usable tag name.")))
}
