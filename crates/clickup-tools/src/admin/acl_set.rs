//! `clickup_acl_set`: make an object private or public, and grant, change or revoke a user's or
//! group's access to it (`PATCH /v3/…/acls`). ClickUp has no read of access lists, so the
//! answer is what was sent, with `verified: false`.

use clickup::ids::AclObjectId;
use clickup::models::admin::{AclEntry, AclKind, AclObjectType, AclUpdate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::admin::{Needs, answer, member};
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::people::groups;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
use crate::{ids, resolve};

/// `clickup_acl_set`.
#[derive(Debug)]
pub struct AclSet;

/// What kind of object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ObjectType {
    /// A space.
    #[serde(rename = "space")]
    Space,
    /// A folder.
    #[serde(rename = "folder")]
    Folder,
    /// A list.
    #[serde(rename = "list")]
    List,
    /// A task.
    #[serde(rename = "task")]
    Task,
    /// A view.
    #[serde(rename = "view")]
    View,
    /// A goal.
    #[serde(rename = "goal")]
    Goal,
    /// A goal folder.
    #[serde(rename = "goalFolder")]
    GoalFolder,
    /// A custom field.
    #[serde(rename = "customField")]
    CustomField,
    /// A dashboard.
    #[serde(rename = "dashboard")]
    Dashboard,
}

impl ObjectType {
    fn clickup(self) -> AclObjectType {
        match self {
            ObjectType::Space => AclObjectType::Space,
            ObjectType::Folder => AclObjectType::Folder,
            ObjectType::List => AclObjectType::List,
            ObjectType::Task => AclObjectType::Task,
            ObjectType::View => AclObjectType::View,
            ObjectType::Goal => AclObjectType::Goal,
            ObjectType::GoalFolder => AclObjectType::GoalFolder,
            ObjectType::CustomField => AclObjectType::CustomField,
            ObjectType::Dashboard => AclObjectType::Dashboard,
        }
    }
}

/// An access level; `none` revokes.
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
    /// No access.
    None,
}

impl Level {
    /// ClickUp's number: read 1, comment 3, edit 4, create 5; `none` is `null`.
    fn number(self) -> Option<u8> {
        match self {
            Level::Read => Some(1),
            Level::Comment => Some(3),
            Level::Edit => Some(4),
            Level::Create => Some(5),
            Level::None => None,
        }
    }
}

/// One grant: `user` or `group`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
pub struct EntryArg {
    /// A person.
    #[serde(default)]
    pub user: Option<String>,
    /// A user group: id, name or handle.
    #[serde(default)]
    pub group: Option<String>,
    /// The level; `none` revokes.
    pub permission_level: Level,
}

/// Arguments of `clickup_acl_set`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // What kind of object.
    pub object_type: ObjectType,
    // Its id (ids only; a task by canonical id).
    pub object_id: String,
    /// `true` private, `false` public; left out: unchanged.
    #[serde(default)]
    pub private: Option<bool>,
    /// Access to grant, change or revoke.
    #[serde(default)]
    pub entries: Vec<EntryArg>,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// One grant as sent.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EntryOut {
    /// `user` or `group`.
    pub kind: String,
    /// The user or group id.
    pub id: String,
    /// Its name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `read`, `comment`, `edit`, `create` or `none`.
    pub permission_level: Level,
}

/// The result of `clickup_acl_set`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The object type.
    pub object_type: ObjectType,
    /// The object id.
    pub object_id: String,
    /// The privacy sent, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private: Option<bool>,
    /// The grants sent.
    pub entries: Vec<EntryOut>,
    /// Always false: ClickUp has no read of access lists.
    pub verified: bool,
    /// Always empty (nothing to compare with).
    pub not_applied: Vec<NotApplied>,
}

impl Tool for AclSet {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_acl_set",
        title: "Set access",
        description: "Make an object private or public, and grant, change or revoke users' \
                      and groups' access (Enterprise; workspace owners and admins). Sharing may \
                      add paid seats.",
        tier: Tier::Premium,
        toolset: Toolset::Admin,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        if args.private.is_none() && args.entries.is_empty() {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give `private` or `entries`.",
            ));
        }
        if args.entries.len() > 100 {
            return Err(ToolError::invalid_argument(
                "`entries` takes at most 100 grants.",
            ));
        }
        for (i, entry) in args.entries.iter().enumerate() {
            if entry.user.is_some() == entry.group.is_some() {
                return Err(ToolError::invalid_argument(format!(
                    "`entries[{i}]`: give exactly one of `user` and `group`."
                )));
            }
        }
        let object = AclObjectId::new(args.object_id.trim())
            .map_err(|e| ToolError::invalid_argument(format!("`object_id`: {e}.")))?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let all_groups = if args.entries.iter().any(|e| e.group.is_some()) {
            groups::read_all(ctx, &ws).await?
        } else {
            Vec::new()
        };
        let mut sent = Vec::new();
        let mut out = Vec::new();
        for entry in &args.entries {
            let (kind, id, name) = match (&entry.user, &entry.group) {
                (Some(user), _) => {
                    let person = member(ctx, &ws, user).await?;
                    (AclKind::User, person.id.to_string(), person.username)
                }
                (None, Some(group)) => {
                    let group = groups::pick(&all_groups, group)?;
                    (AclKind::Group, group.id.clone(), Some(group.name.clone()))
                }
                (None, None) => continue,
            };
            sent.push(AclEntry {
                id: id.clone(),
                kind,
                permission_level: entry.permission_level.number(),
            });
            out.push(EntryOut {
                kind: if kind == AclKind::User {
                    "user"
                } else {
                    "group"
                }
                .into(),
                id,
                name,
                permission_level: entry.permission_level,
            });
        }
        let team = ids::team(&ws.id)?;
        let body = AclUpdate {
            private: args.private,
            entries: sent,
        };
        let result = ctx
            .clickup
            .update_acl(
                &ctx.token,
                &team,
                args.object_type.clickup(),
                &object,
                &body,
            )
            .await;
        answer(
            ctx,
            "The object",
            "Changing access lists",
            Needs::Admin,
            result,
        )
        .await?;
        Ok(Output {
            object_type: args.object_type,
            object_id: object.to_string(),
            private: args.private,
            entries: out,
            verified: false,
            not_applied: Vec::new(),
        })
    }
}
