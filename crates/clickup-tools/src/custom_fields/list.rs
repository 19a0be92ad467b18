//! `clickup_custom_field_list`: the custom-field definitions of a list (every field its tasks
//! may hold), or those created on a folder, a space or the workspace itself.

use clickup::models::CustomField;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{InWorkspace, Paging};
use crate::context::ToolContext;
use crate::cursor::Page;
use crate::custom_fields::{OptionOut, options};
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;
use crate::{ids, paging};

/// Fields per page when no `limit` is given.
pub const DEFAULT_LIMIT: u32 = 50;

/// `clickup_custom_field_list`.
#[derive(Debug)]
pub struct CustomFieldList;

/// Arguments of `clickup_custom_field_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A list reference: every field its tasks may hold.
    #[serde(default)]
    pub list: Option<String>,
    // A folder reference: fields created on the folder.
    #[serde(default)]
    pub folder: Option<String>,
    // A space reference: fields created on the space.
    #[serde(default)]
    pub space: Option<String>,
    /// true: fields created for the whole workspace.
    #[serde(default)]
    pub workspace: bool,
    /// Only fields whose name contains this (any case).
    #[serde(default)]
    pub name: Option<String>,
    // Shared argument.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub in_workspace: InWorkspace,
    // Shared arguments; `limit` default 50.
    #[serde(flatten)]
    pub paging: Paging,
}

/// A field definition.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FieldOut {
    /// Field id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Type (`drop_down`, `labels`, `text`, `number`, `date`, `users`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// Required on tasks.
    pub required: bool,
    /// Options of drop-down and labels fields.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionOut>,
    /// `full`: the type settings as ClickUp sends them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_config: Option<serde_json::Value>,
    /// `full`: hidden from guests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hide_from_guests: Option<bool>,
}

impl FieldOut {
    fn new(field: &CustomField, detail: DetailLevel) -> Self {
        let full = detail == DetailLevel::Full;
        Self {
            id: field.id.clone(),
            name: field.name.clone(),
            kind: field.kind.clone(),
            required: field.required.unwrap_or(false),
            options: options(field),
            type_config: field.type_config.clone().filter(|_| full),
            hide_from_guests: field.hide_from_guests.filter(|_| full),
        }
    }
}

impl Tool for CustomFieldList {
    type Args = Args;
    type Output = Page<FieldOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_custom_field_list",
        title: "List custom fields",
        description: "Custom-field definitions (type, required, options with ids): every field \
                      a `list`'s tasks may hold, or those created on a `folder`, a `space` or \
                      the `workspace` (true). Give one.",
        tier: Tier::Free,
        toolset: Toolset::CustomFields,
        everyday: false,
        effect: Effect::Read,
        references: &["list", "folder", "space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<FieldOut>, ToolError> {
        let given = [
            args.list.is_some(),
            args.folder.is_some(),
            args.space.is_some(),
            args.workspace,
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            return Err(ToolError::invalid_argument(
                "Give exactly one of `list`, `folder`, `space` or `workspace: true`.",
            ));
        }
        let filters = json!({
            "list": args.list, "folder": args.folder, "space": args.space,
            "workspace": args.workspace, "name": args.name,
            "workspace_id": args.in_workspace.workspace_id, "detail_level": args.detail_level,
        });
        let cursor = args.paging.cursor.as_deref();
        paging::check(ctx, &filters, cursor, args.paging.limit, DEFAULT_LIMIT)?;
        let ws = resolve::workspace(ctx, args.in_workspace.workspace_id.as_deref()).await?;
        let fields = if let Some(list) = &args.list {
            let at = resolve::location(ctx, &ws, list, Some(Kind::List)).await?;
            let result = ctx
                .clickup
                .get_list_fields(&ctx.token, &ids::list(&at.id)?)
                .await;
            ctx.answer("The list", result).await?
        } else if let Some(folder) = &args.folder {
            let at = resolve::location(ctx, &ws, folder, Some(Kind::Folder)).await?;
            let result = ctx
                .clickup
                .get_folder_fields(&ctx.token, &ids::folder(&at.id)?)
                .await;
            ctx.answer("The folder", result).await?
        } else if let Some(space) = &args.space {
            let at = resolve::location(ctx, &ws, space, Some(Kind::Space)).await?;
            let result = ctx
                .clickup
                .get_space_fields(&ctx.token, &ids::space(&at.id)?)
                .await;
            ctx.answer("The space", result).await?
        } else {
            let result = ctx
                .clickup
                .get_team_fields(&ctx.token, &ids::team(&ws.id)?)
                .await;
            ctx.answer("The workspace", result).await?
        };
        let needle = args.name.as_deref().map(|n| n.trim().to_lowercase());
        let items: Vec<FieldOut> = fields
            .iter()
            .filter(|f| {
                needle
                    .as_deref()
                    .is_none_or(|n| f.name.to_lowercase().contains(n))
            })
            .map(|f| FieldOut::new(f, args.detail_level))
            .collect();
        paging::slice(
            ctx,
            &filters,
            cursor,
            args.paging.limit,
            DEFAULT_LIMIT,
            items,
        )
    }
}
