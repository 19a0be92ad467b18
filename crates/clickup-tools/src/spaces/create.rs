//! `clickup_space_create`: create a space, read it back and report what did not take.

use clickup::models::CreateSpace;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::hierarchy::checked_name;
use crate::hierarchy::views::{self, SpaceView};
use crate::ids;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::spaces::features::{check_features, requested_features};
use crate::spaces::{SpaceWrite, reread};
use crate::toolsets::Toolset;
use crate::verify::Verifier;

/// `clickup_space_create`.
#[derive(Debug)]
pub struct SpaceCreate;

/// Arguments of `clickup_space_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
    // The new space's name.
    pub name: String,
    /// Default true.
    #[serde(default)]
    pub multiple_assignees: Option<bool>,
    /// ClickApp → `true`/`false` or settings: `{"time_tracking": false, "due_dates":
    /// {"enabled": true, "start_date": false}}`.
    #[serde(default)]
    pub features: Option<Map<String, Value>>,
}

impl Tool for SpaceCreate {
    type Args = Args;
    type Output = SpaceWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_space_create",
        title: "Create a space",
        description: "Create a space; ClickApps keep ClickUp's defaults unless set in \
                      `features`.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Write,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<SpaceWrite, ToolError> {
        let name = checked_name(&args.name)?;
        let features = args.features.as_ref().map(requested_features).transpose()?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let multiple_assignees = args.multiple_assignees.unwrap_or(true);
        let body = CreateSpace {
            name: name.clone(),
            multiple_assignees: Some(multiple_assignees),
            features: features.clone().map(Value::Object),
        };
        let created = ctx.clickup.create_space(&ctx.token, &team, &body).await;
        let created = ctx.answer("The workspace", created).await?;
        ctx.cache.hierarchy().note_space(ctx, &ws.id, &created);
        let (space, verified) = reread(ctx, created).await;
        let mut verifier = Verifier::default();
        verifier.same("name", Some(name.as_str()), Some(space.name.as_str()));
        verifier.same(
            "multiple_assignees",
            multiple_assignees,
            space.multiple_assignees,
        );
        if let Some(features) = &features {
            check_features(&mut verifier, features, space.features.as_ref());
        }
        Ok(SpaceWrite {
            space: views::space(&space, SpaceView::One),
            verified,
            not_applied: if verified {
                verifier.finish()
            } else {
                Vec::new()
            },
        })
    }
}
