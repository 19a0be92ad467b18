//! `clickup_space_update`: change a space (a full-body PUT from a fresh read merged with the
//! arguments), read it back and report what did not take.

use clickup::models::UpdateSpace;
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
use crate::resolve::{self, Kind};
use crate::spaces::features::{check_features, merge_features, requested_features};
use crate::spaces::{SpaceWrite, read, reread};
use crate::toolsets::Toolset;
use crate::verify::Verifier;

/// `clickup_space_update`.
#[derive(Debug)]
pub struct SpaceUpdate;

/// Arguments of `clickup_space_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
    // A space reference.
    pub space: String,
    // New name.
    #[serde(default)]
    pub name: Option<String>,
    /// `#rrggbb`.
    #[serde(default)]
    pub color: Option<String>,
    // Private (only invited people see it) or not.
    #[serde(default)]
    pub private: Option<bool>,
    /// Enterprise.
    #[serde(default)]
    pub admin_can_manage: Option<bool>,
    // Whether tasks may have several assignees.
    #[serde(default)]
    pub multiple_assignees: Option<bool>,
    /// ClickApp → `true`/`false` or settings to merge: `{"due_dates": {"start_date": false}}`.
    #[serde(default)]
    pub features: Option<Map<String, Value>>,
}

impl Tool for SpaceUpdate {
    type Args = Args;
    type Output = SpaceWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_space_update",
        title: "Update a space",
        description: "Change a space's name, colour, privacy, multiple assignees or \
                      ClickApps.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::WriteIdempotent,
        references: &["space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<SpaceWrite, ToolError> {
        let name = args.name.as_deref().map(checked_name).transpose()?;
        let color = args.color.as_deref().map(checked_color).transpose()?;
        let features = args.features.as_ref().map(requested_features).transpose()?;
        let nothing = name.is_none()
            && color.is_none()
            && args.private.is_none()
            && args.admin_can_manage.is_none()
            && args.multiple_assignees.is_none()
            && features.is_none();
        if nothing {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give at least one of name, color, private, admin_can_manage, \
                 multiple_assignees, features.",
            ));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let location = resolve::location(ctx, &ws, &args.space, Some(Kind::Space)).await?;
        let current = read(ctx, &location.id).await?;
        let mut merged = current
            .features
            .as_ref()
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        if let Some(features) = &features {
            merge_features(&mut merged, features);
        }
        let body = UpdateSpace {
            name: Some(name.clone().unwrap_or_else(|| current.name.clone())),
            color: color.clone().or_else(|| current.color.clone()),
            private: Some(args.private.unwrap_or(current.private)),
            // Enterprise only: sent when asked for, so other plans are not refused for it.
            admin_can_manage: args.admin_can_manage,
            multiple_assignees: Some(
                args.multiple_assignees
                    .unwrap_or(current.multiple_assignees),
            ),
            features: (!merged.is_empty()).then_some(Value::Object(merged)),
        };
        let space_id = ids::space(&location.id)?;
        let updated = ctx.clickup.update_space(&ctx.token, &space_id, &body).await;
        let updated = ctx.answer("The space", updated).await?;
        ctx.cache.hierarchy().note_space(ctx, &ws.id, &updated);
        let (space, verified) = reread(ctx, updated).await;
        let mut verifier = Verifier::default();
        if let Some(name) = &name {
            verifier.same("name", name.as_str(), space.name.as_str());
        }
        if let Some(color) = &color {
            let actual = space.color.as_deref().unwrap_or_default();
            verifier.check("color", color, actual, color.eq_ignore_ascii_case(actual));
        }
        if let Some(private) = args.private {
            verifier.same("private", private, space.private);
        }
        if let Some(admin) = args.admin_can_manage {
            verifier.same("admin_can_manage", Some(admin), space.admin_can_manage);
        }
        if let Some(multiple) = args.multiple_assignees {
            verifier.same("multiple_assignees", multiple, space.multiple_assignees);
        }
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

/// A colour argument: `#rrggbb` (or `#rgb`).
fn checked_color(color: &str) -> Result<String, ToolError> {
    let color = color.trim();
    let hex = color.strip_prefix('#').unwrap_or_default();
    if (hex.len() == 6 || hex.len() == 3) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(color.to_owned())
    } else {
        Err(ToolError::invalid_argument(
            "`color` must be a hex colour such as #7b68ee.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_hex() {
        assert!(checked_color("#7b68ee").is_ok());
        assert!(checked_color("#fff").is_ok());
        for bad in ["red", "#12345", "7b68ee", "#gggggg"] {
            assert!(checked_color(bad).is_err(), "{bad}");
        }
    }
}
