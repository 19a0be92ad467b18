//! `clickup_list_schema_get`: what a task in a list may hold — its statuses, the custom fields
//! that apply (with option ids and labels), priorities, task types and enabled ClickApps. Call
//! it before writing statuses or custom fields.

use clickup::models::{CustomField, CustomItem, Space};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::{Candidate, ToolError};
use crate::hierarchy::views::{self, DetailLevel, RefOut, StatusOut};
use crate::ids;
use crate::priority::Priority;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;

/// `clickup_list_schema_get`.
#[derive(Debug)]
pub struct ListSchemaGet;

/// Arguments of `clickup_list_schema_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
    // A list reference.
    pub list: String,
    /// Only these custom fields (ids or names).
    #[serde(default)]
    pub fields: Option<Vec<String>>,
}

/// What a task in the list may hold.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ListSchema {
    /// The list.
    pub list: RefOut,
    /// Its space.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub space: Option<RefOut>,
    /// The statuses a task may have, in order.
    pub statuses: Vec<StatusOut>,
    /// The custom fields that apply (the list's, its folder's, space's and workspace's).
    pub custom_fields: Vec<FieldOut>,
    /// Whether the Priorities ClickApp is on.
    pub priorities_enabled: bool,
    /// The priorities, most urgent first (empty when the ClickApp is off).
    pub priorities: Vec<PriorityOut>,
    /// Task types (`custom_item_id`); 0 is ClickUp's plain task.
    pub task_types: Vec<TaskTypeOut>,
    /// The ClickApps switched on in the space.
    pub clickapps: Vec<String>,
}

/// A custom field definition.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct FieldOut {
    /// Field id (a UUID).
    pub id: String,
    /// Name.
    pub name: String,
    /// Type: `drop_down`, `labels`, `text`, `number`, `date`, `users`, `checkbox`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// Whether a task must have a value.
    pub required: bool,
    /// The choices of a `drop_down` or `labels` field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<OptionOut>>,
    /// Other type settings (currency, precision, …), as ClickUp sends them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<Value>,
}

/// A choice of a drop-down or labels field.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct OptionOut {
    /// Option id (a UUID): what writes send.
    pub id: String,
    /// What the UI shows.
    pub label: String,
    /// Colour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Position (drop-downs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orderindex: Option<i64>,
}

/// A priority.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct PriorityOut {
    /// 1 (urgent) to 4 (low).
    pub level: u8,
    /// `urgent`, `high`, `normal`, `low`.
    pub name: String,
    /// Colour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// A task type.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct TaskTypeOut {
    /// The `custom_item_id`.
    pub id: String,
    /// Singular name.
    pub name: String,
    /// Plural name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_plural: Option<String>,
}

impl Tool for ListSchemaGet {
    type Args = Args;
    type Output = ListSchema;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_list_schema_get",
        title: "Get what a list's tasks may hold",
        description: "A list's statuses, custom fields (with option ids), priorities, task types \
                      and ClickApps. Call before setting statuses or custom fields.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Read,
        references: &["list"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<ListSchema, ToolError> {
        if args.fields.as_ref().is_some_and(|f| f.len() > 100) {
            return Err(ToolError::invalid_argument(
                "`fields` has more than 100 entries.",
            ));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let location = resolve::location(ctx, &ws, &args.list, Some(Kind::List)).await?;
        let list_id = ids::list(&location.id)?;
        let team = ids::team(&ws.id)?;
        // The space is known from the cached tree unless the list was given by an unknown id:
        // then it is read after the list.
        let known_space = location.space_id.as_deref().map(ids::space).transpose()?;
        let (list, fields, types, early_space) = futures::join!(
            ctx.clickup.get_list(&ctx.token, &list_id),
            ctx.clickup.get_list_fields(&ctx.token, &list_id),
            ctx.clickup.get_custom_items(&ctx.token, &team),
            async {
                match &known_space {
                    Some(space) => Some(ctx.clickup.get_space(&ctx.token, space).await),
                    None => None,
                }
            },
        );
        let list = ctx.answer("The list", list).await?;
        let fields = ctx.answer("The list's custom fields", fields).await?;
        let types = ctx.answer("The workspace's task types", types).await?;
        let space = match early_space {
            Some(space) => space,
            None => {
                let space_id = list.space.as_ref().map(|s| s.id.clone()).ok_or_else(|| {
                    ToolError::upstream("ClickUp did not say which space the list is in.")
                })?;
                let space_id = ids::space(&space_id)?;
                ctx.clickup.get_space(&ctx.token, &space_id).await
            }
        };
        let space = ctx.answer("The list's space", space).await?;
        let fields = select(fields, args.fields.as_deref())?;
        let (priorities_enabled, priorities) = priorities(&space);
        Ok(ListSchema {
            list: RefOut {
                id: list.id.to_string(),
                name: Some(list.name.clone()),
            },
            space: Some(RefOut {
                id: space.id.to_string(),
                name: Some(space.name.clone()),
            }),
            statuses: views::statuses(&list.statuses, DetailLevel::Full),
            custom_fields: fields.iter().map(field_out).collect(),
            priorities_enabled,
            priorities,
            task_types: task_types(&types),
            clickapps: views::enabled_clickapps(space.features.as_ref()),
        })
    }
}

/// The fields named in `wanted` (ids or names, case-insensitive), all when `None`.
fn select(
    fields: Vec<CustomField>,
    wanted: Option<&[String]>,
) -> Result<Vec<CustomField>, ToolError> {
    let Some(wanted) = wanted else {
        return Ok(fields);
    };
    let mut out: Vec<CustomField> = Vec::new();
    for reference in wanted {
        let needle = reference.trim();
        let matches: Vec<&CustomField> = fields
            .iter()
            .filter(|f| f.id == needle || f.name.eq_ignore_ascii_case(needle))
            .collect();
        let candidates = |list: &[&CustomField]| {
            list.iter()
                .map(|f| Candidate {
                    id: f.id.clone(),
                    name: f.name.clone(),
                    path: None,
                })
                .collect::<Vec<_>>()
        };
        match matches.as_slice() {
            [one] => {
                if !out.iter().any(|f| f.id == one.id) {
                    out.push((*one).clone());
                }
            }
            [] => {
                let all: Vec<&CustomField> = fields.iter().collect();
                let mut err = ToolError::not_found(
                    "A field in `fields` does not apply to this list; see the candidates.",
                );
                err.candidates = candidates(&all);
                err.candidates.truncate(10);
                return Err(err);
            }
            many => {
                return Err(ToolError::ambiguous(
                    "Several fields of this list have that name; pass the id.",
                    candidates(many),
                ));
            }
        }
    }
    Ok(out)
}

fn field_out(field: &CustomField) -> FieldOut {
    let config = field.type_config.as_ref().and_then(Value::as_object);
    let options = config
        .and_then(|c| c.get("options"))
        .and_then(Value::as_array)
        .map(|options| options.iter().filter_map(option_out).collect());
    let settings = config
        .map(|c| {
            c.iter()
                .filter(|(k, v)| k.as_str() != "options" && !v.is_null())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<serde_json::Map<_, _>>()
        })
        .filter(|m| !m.is_empty())
        .map(Value::Object);
    FieldOut {
        id: field.id.clone(),
        name: field.name.clone(),
        kind: field.kind.clone(),
        required: field.required.unwrap_or(false),
        options,
        settings,
    }
}

fn option_out(option: &Value) -> Option<OptionOut> {
    let text = |key: &str| option.get(key).and_then(Value::as_str).map(str::to_owned);
    Some(OptionOut {
        id: text("id")?,
        label: text("name").or_else(|| text("label")).unwrap_or_default(),
        color: text("color"),
        orderindex: match option.get("orderindex") {
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        },
    })
}

/// Whether the Priorities ClickApp is on, and the priorities (the space's, else ClickUp's four).
fn priorities(space: &Space) -> (bool, Vec<PriorityOut>) {
    let feature = space.features.as_ref().and_then(|f| f.get("priorities"));
    let enabled = feature
        .and_then(|p| p.get("enabled"))
        .and_then(Value::as_bool)
        .unwrap_or(true);
    if !enabled {
        return (false, Vec::new());
    }
    let listed: Vec<PriorityOut> = feature
        .and_then(|p| p.get("priorities"))
        .and_then(Value::as_array)
        .map(|all| {
            all.iter()
                .filter_map(|p| {
                    let priority = Priority::from_clickup(p)?;
                    Some(PriorityOut {
                        level: priority.level(),
                        name: priority.name().to_owned(),
                        color: p.get("color").and_then(Value::as_str).map(str::to_owned),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    if listed.is_empty() {
        let all = Priority::ALL
            .iter()
            .map(|p| PriorityOut {
                level: p.level(),
                name: p.name().to_owned(),
                color: None,
            })
            .collect();
        return (true, all);
    }
    (true, listed)
}

fn task_types(types: &[CustomItem]) -> Vec<TaskTypeOut> {
    let mut out = vec![TaskTypeOut {
        id: "0".to_owned(),
        name: "Task".to_owned(),
        name_plural: Some("Tasks".to_owned()),
    }];
    out.extend(types.iter().map(|t| TaskTypeOut {
        id: t.id.to_string(),
        name: t.name.clone(),
        name_plural: t.name_plural.clone(),
    }));
    out
}
