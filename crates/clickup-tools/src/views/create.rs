//! `clickup_view_create`: a view on a space, folder or list, or at the workspace's Everything
//! level. ClickUp's create endpoints take every settings object; those not given are ClickUp's
//! documented defaults, and the keys given of one are put over its default.

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
    Settings, ViewOut, ViewWrite, check_settings_size, merged, place, read_view, verify_settings,
    view_id,
};

/// `clickup_view_create`.
#[derive(Debug)]
pub struct ViewCreate;

/// A view type.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ViewType {
    List,
    Board,
    Calendar,
    Table,
    Timeline,
    Workload,
    Activity,
    Map,
    /// Chat.
    Conversation,
    Gantt,
}

impl ViewType {
    /// ClickUp's name.
    pub fn as_str(self) -> &'static str {
        match self {
            ViewType::List => "list",
            ViewType::Board => "board",
            ViewType::Calendar => "calendar",
            ViewType::Table => "table",
            ViewType::Timeline => "timeline",
            ViewType::Workload => "workload",
            ViewType::Activity => "activity",
            ViewType::Map => "map",
            ViewType::Conversation => "conversation",
            ViewType::Gantt => "gantt",
        }
    }
}

/// Arguments of `clickup_view_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Name.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ViewType,
    /// Space reference.
    #[serde(default)]
    pub space: Option<String>,
    /// Folder reference.
    #[serde(default)]
    pub folder: Option<String>,
    /// List reference.
    #[serde(default)]
    pub list: Option<String>,
    /// `{field, dir, collapsed, ignore}`.
    #[serde(default)]
    pub grouping: Option<Map<String, Value>>,
    /// `{fields: [{field, dir, idx}]}`.
    #[serde(default)]
    pub sorting: Option<Map<String, Value>>,
    /// `{op, fields: [{field, op, values}], search, show_closed}`.
    #[serde(default)]
    pub filters: Option<Map<String, Value>>,
    /// `{fields: [{field, idx, width, hidden}]}`.
    #[serde(default)]
    pub columns: Option<Map<String, Value>>,
    /// `{show_subtasks, show_assignees, …}`.
    #[serde(default)]
    pub settings: Option<Map<String, Value>>,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Args {
    fn settings(&self) -> Settings {
        [
            ("grouping", self.grouping.clone()),
            ("sorting", self.sorting.clone()),
            ("filters", self.filters.clone()),
            ("columns", self.columns.clone()),
            ("settings", self.settings.clone()),
        ]
    }
}

impl Tool for ViewCreate {
    type Args = Args;
    type Output = ViewWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_view_create",
        title: "Create a view",
        description: "Create a view on a `space`, `folder` or `list` (none: the Everything \
                      level). Settings objects are ClickUp's JSON; keys given go over \
                      ClickUp's defaults (grouped by status, closed tasks hidden).",
        tier: Tier::Premium,
        toolset: Toolset::Views,
        everyday: false,
        effect: Effect::Write,
        references: &["space", "folder", "list"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<ViewWrite, ToolError> {
        let name = checked_name(&args.name)?;
        let settings = args.settings();
        check_settings_size(&settings)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let at = place(
            ctx,
            &ws,
            args.space.as_deref(),
            args.folder.as_deref(),
            args.list.as_deref(),
        )
        .await?;
        let mut body = ViewBody::new(name.clone(), args.kind.as_str());
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
        let created = ctx.clickup.create_view(&ctx.token, at.level(), &body).await;
        let created = ctx.answer(at.what(), created).await?;
        let Ok(after) = read_view(ctx, &view_id(&created.id)?).await else {
            return Ok(ViewWrite {
                view: ViewOut::new(&created, true),
                verified: false,
                not_applied: Vec::new(),
            });
        };
        let mut check = Verifier::default();
        check.same("name", name.as_str(), after.name.as_str());
        check.same("type", args.kind.as_str(), after.kind.as_str());
        verify_settings(&mut check, &settings, &after);
        Ok(ViewWrite {
            view: ViewOut::new(&after, true),
            verified: true,
            not_applied: check.finish(),
        })
    }
}
