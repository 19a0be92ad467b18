//! `clickup_view_update`: change a view. ClickUp's `PUT /v2/view/{view_id}` is a full body,
//! built from a fresh read; the keys given of a settings object are put over its current value.

use clickup::models::view::ViewBody;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::hierarchy::checked_name;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;
use crate::verify::Verifier;
use crate::views::{
    Settings, ViewOut, ViewWrite, check_settings_size, merged, read_view, verify_settings, view_id,
};

/// `clickup_view_update`.
#[derive(Debug)]
pub struct ViewUpdate;

/// Arguments of `clickup_view_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// View id.
    pub view_id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub grouping: Option<Map<String, Value>>,
    #[serde(default)]
    pub sorting: Option<Map<String, Value>>,
    /// e.g. `{"fields": [{"field": "status", "op": "EQ", "values": ["open"]}]}`.
    #[serde(default)]
    pub filters: Option<Map<String, Value>>,
    #[serde(default)]
    pub columns: Option<Map<String, Value>>,
    #[serde(default)]
    pub settings: Option<Map<String, Value>>,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for ViewUpdate {
    type Args = Args;
    type Output = ViewWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_view_update",
        title: "Update a view",
        description: "Rename a view or change its grouping, sorting, filters, columns or \
                      settings. Keys given go over the view's current object; keys left out \
                      keep their values.",
        tier: Tier::Premium,
        toolset: Toolset::Views,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<ViewWrite, ToolError> {
        let id = view_id(&args.view_id)?;
        let name = args.name.as_deref().map(checked_name).transpose()?;
        let settings: Settings = [
            ("grouping", args.grouping),
            ("sorting", args.sorting),
            ("filters", args.filters),
            ("columns", args.columns),
            ("settings", args.settings),
        ];
        check_settings_size(&settings)?;
        if name.is_none() && settings.iter().all(|(_, given)| given.is_none()) {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give at least one of name, grouping, sorting, filters, \
                 columns, settings.",
            ));
        }
        resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let current = read_view(ctx, &id).await?;
        let mut body = ViewBody::from_view(&current);
        if let Some(name) = &name {
            body.name.clone_from(name);
        }
        for (key, given) in &settings {
            let Some(given) = given else { continue };
            let slot = match *key {
                "grouping" => &mut body.grouping,
                "sorting" => &mut body.sorting,
                "filters" => &mut body.filters,
                "columns" => &mut body.columns,
                _ => &mut body.settings,
            };
            *slot = merged(slot, given);
        }
        let updated = ctx.clickup.update_view(&ctx.token, &id, &body).await;
        let updated = ctx.answer("The view", updated).await?;
        let Ok(after) = read_view(ctx, &id).await else {
            return Ok(ViewWrite {
                view: ViewOut::new(&updated, true),
                verified: false,
                not_applied: Vec::new(),
            });
        };
        let mut check = Verifier::default();
        if let Some(name) = &name {
            check.same("name", name.as_str(), after.name.as_str());
        }
        verify_settings(&mut check, &settings, &after);
        Ok(ViewWrite {
            view: ViewOut::new(&after, true),
            verified: true,
            not_applied: check.finish(),
        })
    }
}
