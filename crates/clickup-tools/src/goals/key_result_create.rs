//! `clickup_key_result_create`: add a key result (a target) to a goal. Every body field is
//! sent (ClickUp's spec marks all required): steps default to 0 → 1, owners to the caller;
//! `tasks` and `lists` are references, sent as `task_ids` and `list_ids`.

use clickup::models::goal::{CreateKeyResult, number};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::goals::{KeyResultOut, owner_set, read_goal, resolve_goal};
use crate::hierarchy::checked_name;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::task_ref;
use crate::tasks::arguments::{me, people};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};

/// The most tasks or lists one key result may link in a call.
const MAX_LINKS: usize = 100;

/// `clickup_key_result_create`.
#[derive(Debug)]
pub struct KeyResultCreate;

/// A key result's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum KeyResultType {
    /// A number.
    Number,
    /// An amount of money.
    Currency,
    /// Done or not (0 → 1).
    Boolean,
    /// A percentage.
    Percentage,
    /// Progress of the linked tasks or lists.
    Automatic,
}

impl KeyResultType {
    fn as_str(self) -> &'static str {
        match self {
            Self::Number => "number",
            Self::Currency => "currency",
            Self::Boolean => "boolean",
            Self::Percentage => "percentage",
            Self::Automatic => "automatic",
        }
    }
}

/// Arguments of `clickup_key_result_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Goal id or name.
    pub goal: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: KeyResultType,
    /// Default 0.
    #[serde(default)]
    pub steps_start: Option<f64>,
    /// Default 1.
    #[serde(default)]
    pub steps_end: Option<f64>,
    #[serde(default)]
    pub unit: Option<String>,
    /// People; default: you.
    #[serde(default)]
    pub owners: Option<Vec<String>>,
    /// Tasks to link (`automatic`).
    #[serde(default)]
    pub tasks: Vec<String>,
    /// Lists to link (`automatic`).
    #[serde(default)]
    pub lists: Vec<String>,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// A key result as written and read back.
#[derive(Debug, Serialize, JsonSchema)]
pub struct KeyResultWrite {
    /// The key result, as read back with its goal.
    pub key_result: KeyResultOut,
    /// Whether it was read back.
    pub verified: bool,
    /// Requested values it does not have.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for KeyResultCreate {
    type Args = Args;
    type Output = KeyResultWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_key_result_create",
        title: "Add a key result",
        description: "Add a key result (target) to a goal. `automatic` tracks the linked \
                      tasks or lists; `boolean` is 0 → 1.",
        tier: Tier::Premium,
        toolset: Toolset::Goals,
        everyday: false,
        effect: Effect::Write,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<KeyResultWrite, ToolError> {
        let name = checked_name(&args.name)?;
        let (start, end) = match args.kind {
            KeyResultType::Boolean => (0.0, 1.0),
            _ => (
                args.steps_start.unwrap_or(0.0),
                args.steps_end.unwrap_or(1.0),
            ),
        };
        if !start.is_finite() || !end.is_finite() || start == end {
            return Err(ToolError::invalid_argument(
                "`steps_start` and `steps_end` must be different numbers.",
            ));
        }
        if args.tasks.len() > MAX_LINKS || args.lists.len() > MAX_LINKS {
            return Err(ToolError::invalid_argument(
                "`tasks` and `lists` take at most 100 items each.",
            ));
        }
        if args.kind == KeyResultType::Automatic && args.tasks.is_empty() && args.lists.is_empty() {
            return Err(ToolError::invalid_argument(
                "An `automatic` key result tracks tasks or lists: give `tasks` or `lists`.",
            ));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let owners = match &args.owners {
            Some(owners) if !owners.is_empty() => people(ctx, &ws, owners).await?,
            _ => vec![me(ctx).await?],
        };
        let mut task_ids = Vec::with_capacity(args.tasks.len());
        for task in &args.tasks {
            let id = task_ref::canonical(ctx, &ws, task, None).await?.to_string();
            if !task_ids.contains(&id) {
                task_ids.push(id);
            }
        }
        let mut list_ids = Vec::with_capacity(args.lists.len());
        for list in &args.lists {
            let id = resolve::location(ctx, &ws, list, Some(Kind::List))
                .await?
                .id;
            if !list_ids.contains(&id) {
                list_ids.push(id);
            }
        }
        let goal = resolve_goal(ctx, &ws, &args.goal, false).await?;
        let body = CreateKeyResult {
            name: name.clone(),
            owners: owners.clone(),
            kind: args.kind.as_str().to_owned(),
            steps_start: start,
            steps_end: end,
            unit: args.unit.clone().unwrap_or_default(),
            task_ids: task_ids.clone(),
            list_ids: list_ids.clone(),
        };
        let created = ctx
            .clickup
            .create_key_result(&ctx.token, &goal, &body)
            .await;
        let created = ctx.answer("The goal", created).await?;
        let Ok(after) = read_goal(ctx, &goal).await else {
            return Ok(KeyResultWrite {
                key_result: KeyResultOut::from(&created),
                verified: false,
                not_applied: Vec::new(),
            });
        };
        let Some(read) = after.key_results.iter().find(|k| k.id == created.id) else {
            return Err(ToolError::upstream(
                "ClickUp accepted the key result but the goal does not show it; check with \
                 clickup_goal_get.",
            ));
        };
        let mut check = Verifier::default();
        check.same("name", Some(name.as_str()), Some(read.name.as_str()));
        check.same("type", Some(args.kind.as_str()), read.kind.as_deref());
        if args.kind != KeyResultType::Automatic {
            check.same("steps_end", Some(end), number(read.steps_end.as_ref()));
        }
        if let Some(unit) = &args.unit {
            check.same("unit", Some(unit.as_str()), read.unit.as_deref());
        }
        check.same(
            "owners",
            owner_set(owners),
            owner_set(read.owners.iter().map(|o| o.id)),
        );
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v
        };
        check.same("tasks", sorted(task_ids), sorted(read.task_ids.clone()));
        check.same(
            "lists",
            sorted(list_ids),
            sorted(read.subcategory_ids.clone()),
        );
        Ok(KeyResultWrite {
            key_result: KeyResultOut::from(read),
            verified: true,
            not_applied: check.finish(),
        })
    }
}
