//! `clickup_space_tag_update`: rename or recolour a space tag. ClickUp's edit takes the whole
//! tag (name and both colours, spelled `fg_color`/`bg_color`), so the body is the tag as read
//! with the arguments merged in; the space's tags are read back to verify.

use clickup::models::tag::EditTag;
use clickup::models::{NewTag, Tag};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tags::space_create::Written;
use crate::tags::space_list::SpaceTag;
use crate::tags::{colour, read_space_tags, same_colour, space_tags, tag_name};
use crate::toolsets::Toolset;
use crate::verify::Verifier;

/// `clickup_space_tag_update`.
#[derive(Debug)]
pub struct SpaceTagUpdate;

/// Arguments of `clickup_space_tag_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A space reference.
    pub space: String,
    /// The tag's current name (any case).
    pub tag: String,
    /// New name.
    pub new_name: Option<String>,
    /// Text colour, `#rrggbb`.
    pub fg_color: Option<String>,
    /// Background colour, `#rrggbb`.
    pub bg_color: Option<String>,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for SpaceTagUpdate {
    type Args = Args;
    type Output = Written;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_space_tag_update",
        title: "Rename or recolour a space tag",
        description: "Rename or recolour a space tag; every task carrying it follows. Omitted \
                      values are kept.",
        tier: Tier::Free,
        toolset: Toolset::Tags,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &["space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Written, ToolError> {
        let new_name = args
            .new_name
            .as_deref()
            .map(|n| tag_name("new_name", n))
            .transpose()?;
        let fg = colour("fg_color", args.fg_color.as_deref())?;
        let bg = colour("bg_color", args.bg_color.as_deref())?;
        if new_name.is_none() && fg.is_none() && bg.is_none() {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give `new_name`, `fg_color` or `bg_color`.",
            ));
        }
        let space = space_tags(ctx, args.workspace.workspace_id.as_deref(), &args.space).await?;
        let current = space.find("tag", &args.tag)?.clone();
        if let Some(new) = &new_name
            && !new.eq_ignore_ascii_case(&current.name)
            && space.tags.iter().any(|t| t.name.eq_ignore_ascii_case(new))
        {
            return Err(ToolError::invalid_argument(format!(
                "Space {} already has a tag named like `new_name`; delete or rename that one first.",
                space.name
            )));
        }
        let edit = EditTag {
            name: new_name.clone().unwrap_or_else(|| current.name.clone()),
            fg_color: fg
                .clone()
                .or_else(|| current.tag_fg.clone())
                .unwrap_or_else(|| NewTag::DEFAULT_FG.to_owned()),
            bg_color: bg
                .clone()
                .or_else(|| current.tag_bg.clone())
                .unwrap_or_else(|| NewTag::DEFAULT_BG.to_owned()),
        };
        let path_name = crate::ids::tag(&current.name)?;
        let result = ctx
            .clickup
            .update_space_tag(&ctx.token, &space.id, &path_name, &edit)
            .await;
        ctx.answer("The space tag", result).await?;
        let cache = ctx.cache.space_tags();
        cache.replace(
            ctx,
            space.id.as_ref(),
            &current.name,
            Tag {
                name: edit.name.to_lowercase(),
                tag_fg: Some(edit.fg_color.clone()),
                tag_bg: Some(edit.bg_color.clone()),
                creator: current.creator.clone(),
                extra: Default::default(),
            },
        );
        let tags = read_space_tags(ctx, &space.id).await?;
        let mut verifier = Verifier::default();
        let found = tags
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(&edit.name));
        let Some(found) = found else {
            // Not renamed: report the tag as it still is.
            let still = tags
                .iter()
                .find(|t| t.name.eq_ignore_ascii_case(&current.name))
                .cloned()
                .unwrap_or(current);
            verifier.check("new_name", &new_name, &still.name, false);
            return Ok(Written {
                tag: SpaceTag::from(still),
                space_id: space.id.to_string(),
                verified: true,
                not_applied: verifier.finish(),
            });
        };
        if fg.is_some() {
            let applied = same_colour(fg.as_deref(), found.tag_fg.as_deref());
            verifier.check("fg_color", &fg, &found.tag_fg, applied);
        }
        if bg.is_some() {
            let applied = same_colour(bg.as_deref(), found.tag_bg.as_deref());
            verifier.check("bg_color", &bg, &found.tag_bg, applied);
        }
        Ok(Written {
            tag: SpaceTag::from(found.clone()),
            space_id: space.id.to_string(),
            verified: true,
            not_applied: verifier.finish(),
        })
    }
}
