//! `clickup_guest_access_set`: share a task, list or folder with a guest at a permission
//! level (or change the level), then read the guest back.

use clickup::models::admin::{GuestAccess, GuestPermission, GuestTarget};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::admin::guest_out::GuestOut;
use crate::admin::{Needs, answer, guest_id};
use crate::arg_groups::InWorkspace;
use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};
use crate::{ids, task_ref};

/// `clickup_guest_access_set`.
#[derive(Debug)]
pub struct GuestAccessSet;

/// What the guest may do with the item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// View.
    Read,
    /// View and comment.
    Comment,
    /// Edit.
    Edit,
    /// Edit and create.
    Create,
}

impl Level {
    fn clickup(self) -> GuestPermission {
        match self {
            Level::Read => GuestPermission::Read,
            Level::Comment => GuestPermission::Comment,
            Level::Edit => GuestPermission::Edit,
            Level::Create => GuestPermission::Create,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Level::Read => "read",
            Level::Comment => "comment",
            Level::Edit => "edit",
            Level::Create => "create",
        }
    }
}

/// The shared item: one of `task`, `list`, `folder`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
pub struct Item {
    // A task reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    // A list reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    // A folder reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
}

/// Arguments of `clickup_guest_access_set`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// The guest's user id.
    pub guest_id: String,
    // Exactly one of task, list, folder.
    #[serde(flatten)]
    pub item: Item,
    // What the guest may do with it.
    pub permission_level: Level,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The item a share is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ItemOut {
    /// `task`, `list` or `folder`.
    pub kind: String,
    /// Its id.
    pub id: String,
}

/// The result of `clickup_guest_access_set`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The guest, as read back.
    pub guest: GuestOut,
    /// The item shared.
    pub item: ItemOut,
    /// The level asked for.
    pub permission_level: String,
    /// Whether the guest was read back.
    pub verified: bool,
    /// Requested values the share does not have.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for GuestAccessSet {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_guest_access_set",
        title: "Share with a guest",
        description: "Share one task, list or folder with a guest at a permission level, or \
                      change the level (Enterprise; members, not guests).",
        tier: Tier::Premium,
        toolset: Toolset::Admin,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &["task", "list", "folder"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let guest = guest_id(&args.guest_id)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let (target, item) = target(ctx, &ws, &args.item).await?;
        let body = GuestAccess {
            permission_level: args.permission_level.clickup(),
        };
        let shared = ctx
            .clickup
            .add_guest_access(&ctx.token, &target, &guest, &body)
            .await;
        let shared = answer(
            ctx,
            "The guest or item",
            "Sharing with guests",
            Needs::Member,
            shared,
        )
        .await?;
        let team = ids::team(&ws.id)?;
        let read = ctx.clickup.get_guest(&ctx.token, &team, &guest).await;
        let (after, verified) = match ctx.answer("The guest", read).await {
            Ok(after) => (GuestOut::new(&after), true),
            Err(_) => (GuestOut::new(&shared), false),
        };
        let mut check = Verifier::default();
        if verified {
            let actual = after
                .item(&item.kind, &item.id)
                .and_then(|i| i.permission_level.clone());
            check.same(
                "permission_level",
                Some(args.permission_level.name().to_owned()),
                actual,
            );
        }
        Ok(Output {
            guest: after,
            item,
            permission_level: args.permission_level.name().to_owned(),
            verified,
            not_applied: check.finish(),
        })
    }
}

/// The one item of `item`, resolved: tasks by canonical id (ClickUp's guest endpoints take
/// custom ids too, but the share is checked by canonical id).
pub(crate) async fn target(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    item: &Item,
) -> Result<(GuestTarget, ItemOut), ToolError> {
    let given = [&item.task, &item.list, &item.folder]
        .iter()
        .filter(|i| i.is_some())
        .count();
    if given != 1 {
        return Err(ToolError::invalid_argument(
            "Give exactly one of `task`, `list`, `folder`.",
        ));
    }
    if let Some(task) = item.task.as_deref() {
        let id = task_ref::canonical(ctx, ws, task, None).await?;
        let out = ItemOut {
            kind: "task".into(),
            id: id.to_string(),
        };
        return Ok((GuestTarget::Task(id), out));
    }
    let (reference, kind) = match (item.list.as_deref(), item.folder.as_deref()) {
        (Some(list), _) => (list, Kind::List),
        (None, Some(folder)) => (folder, Kind::Folder),
        (None, None) => {
            return Err(ToolError::invalid_argument(
                "Give exactly one of `task`, `list`, `folder`.",
            ));
        }
    };
    let location = resolve::location(ctx, ws, reference, Some(kind)).await?;
    let (target, kind) = match kind {
        Kind::List => (GuestTarget::List(ids::list(&location.id)?), "list"),
        _ => (GuestTarget::Folder(ids::folder(&location.id)?), "folder"),
    };
    Ok((
        target,
        ItemOut {
            kind: kind.into(),
            id: location.id,
        },
    ))
}
