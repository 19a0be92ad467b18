//! `clickup_space_tag_create`: define a tag in a space (verified by reading the space's tags).

use clickup::models::NewTag;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tags::space_list::SpaceTag;
use crate::tags::{colour, read_space_tags, same_colour, tag_name};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};

/// `clickup_space_tag_create`.
#[derive(Debug)]
pub struct SpaceTagCreate;

/// Arguments of `clickup_space_tag_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A space reference.
    pub space: String,
    /// Tag name (ClickUp keeps it lower-case).
    pub name: String,
    /// Text colour, `#rrggbb`.
    pub fg_color: Option<String>,
    /// Background colour, `#rrggbb`.
    pub bg_color: Option<String>,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// A space tag written by a tool, as read back.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Written {
    /// The tag as the space has it now.
    pub tag: SpaceTag,
    /// The space's id.
    pub space_id: String,
    /// True: the space's tags were read back.
    pub verified: bool,
    /// Requested values the space does not show.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for SpaceTagCreate {
    type Args = Args;
    type Output = Written;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_space_tag_create",
        title: "Create a space tag",
        description: "Define a tag in a space, so its tasks can carry it. Colours not given get \
                      ClickUp's defaults.",
        tier: Tier::Free,
        toolset: Toolset::Tags,
        everyday: false,
        effect: Effect::Write,
        references: &["space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Written, ToolError> {
        let name = tag_name("name", &args.name)?;
        let fg = colour("fg_color", args.fg_color.as_deref())?;
        let bg = colour("bg_color", args.bg_color.as_deref())?;
        let ws = crate::resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let location =
            crate::resolve::location(ctx, &ws, &args.space, Some(crate::resolve::Kind::Space))
                .await?;
        let space_id = crate::ids::space(&location.id)?;
        let tag = NewTag {
            name: name.clone(),
            tag_fg: fg.clone(),
            tag_bg: bg.clone(),
        };
        let result = ctx
            .clickup
            .create_space_tag(&ctx.token, &space_id, &tag)
            .await;
        ctx.answer("The space", result).await?;
        let tags = read_space_tags(ctx, &space_id).await?;
        let Some(created) = tags.iter().find(|t| t.name.eq_ignore_ascii_case(&name)) else {
            return Err(ToolError::upstream(
                "ClickUp accepted the tag but the space does not list it; check the space's tags.",
            ));
        };
        let mut verifier = Verifier::default();
        if fg.is_some() {
            let applied = same_colour(fg.as_deref(), created.tag_fg.as_deref());
            verifier.check("fg_color", &fg, &created.tag_fg, applied);
        }
        if bg.is_some() {
            let applied = same_colour(bg.as_deref(), created.tag_bg.as_deref());
            verifier.check("bg_color", &bg, &created.tag_bg, applied);
        }
        Ok(Written {
            tag: SpaceTag::from(created.clone()),
            space_id: space_id.to_string(),
            verified: true,
            not_applied: verifier.finish(),
        })
    }
}
