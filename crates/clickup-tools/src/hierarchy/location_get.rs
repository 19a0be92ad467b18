//! `clickup_location_get`: one space, folder or list reference resolved to its kind, ids and
//! full path — from the cached tree, or for an item outside it (archived, given by id and kind)
//! from ClickUp, which also confirms it exists.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::{ToolError, ToolErrorCode};
use crate::hierarchy::views;
use crate::ids;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;

/// `clickup_location_get`.
#[derive(Debug)]
pub struct LocationGet;

/// Arguments of `clickup_location_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
    // A reference: id, name, URL or path (`Space/Folder/List`, `Space/List`, `Space/Folder`).
    pub location: String,
    // Only match this kind (described in the tool description).
    #[serde(default)]
    #[schemars(schema_with = "views::bare::<Kind>")]
    pub kind: Option<Kind>,
}

/// A resolved location.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct LocationOut {
    /// `space`, `folder` or `list`.
    pub kind: Kind,
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `Space/Folder/List` (a `/` inside a name is written `\/`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The space it is (in).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub space_id: Option<String>,
    /// The folder it is (in); absent for spaces and folderless lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder_id: Option<String>,
    /// The workspace.
    pub workspace_id: String,
    /// Whether it is archived.
    pub archived: bool,
}

impl Tool for LocationGet {
    type Args = Args;
    type Output = LocationOut;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_location_get",
        title: "Resolve a location",
        description: "A space, folder or list reference resolved to its kind, ids, path and \
                      archived flag; an archived one is found by id with `kind`.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<LocationOut, ToolError> {
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let found = match resolve::location(ctx, &ws, &args.location, args.kind).await {
            Ok(found) => found,
            Err(err)
                if err.code == ToolErrorCode::NotFound
                    && args.kind.is_none()
                    && args.location.trim().bytes().all(|b| b.is_ascii_digit()) =>
            {
                // A bare id of an unknown kind: ask ClickUp, a list first (the most common).
                let id = args.location.trim();
                for kind in [Kind::List, Kind::Folder, Kind::Space] {
                    match describe(ctx, &ws, kind, id).await {
                        Err(e) if e.code == ToolErrorCode::NotFound => {}
                        other => return other,
                    }
                }
                return Err(err.with_hint(
                    "No space, folder or list has that id, or this connection cannot see it.",
                ));
            }
            Err(err) => return Err(err),
        };
        if !found.name.is_empty() {
            return Ok(LocationOut {
                kind: found.kind,
                id: found.id,
                name: found.name,
                path: found.path,
                space_id: found.space_id,
                folder_id: found.folder_id,
                workspace_id: found.workspace_id,
                archived: false,
            });
        }
        // Not in the (unarchived) tree: ask ClickUp, which also confirms it exists.
        describe(ctx, &ws, found.kind, &found.id).await
    }
}

/// A location known only by kind and id, read from ClickUp.
async fn describe(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    kind: Kind,
    id: &str,
) -> Result<LocationOut, ToolError> {
    let escape = |name: &str| name.replace('/', "\\/");
    let path = |names: &[Option<&str>]| {
        names
            .iter()
            .map(|n| n.map(escape))
            .collect::<Option<Vec<_>>>()
            .map(|segments| segments.join("/"))
    };
    let out = |name: String, path: Option<String>, space_id, folder_id, archived| LocationOut {
        kind,
        id: id.to_owned(),
        name,
        path,
        space_id,
        folder_id,
        workspace_id: ws.id.clone(),
        archived,
    };
    match kind {
        Kind::Space => {
            let space = ids::space(id)?;
            let space = ctx
                .answer("The space", ctx.clickup.get_space(&ctx.token, &space).await)
                .await?;
            let path = path(&[Some(&space.name)]);
            Ok(out(
                space.name,
                path,
                Some(id.to_owned()),
                None,
                space.archived,
            ))
        }
        Kind::Folder => {
            let folder = ids::folder(id)?;
            let folder = ctx
                .answer(
                    "The folder",
                    ctx.clickup.get_folder(&ctx.token, &folder).await,
                )
                .await?;
            let space = folder.space.as_ref();
            let path = path(&[space.and_then(|s| s.name.as_deref()), Some(&folder.name)]);
            Ok(out(
                folder.name.clone(),
                path,
                space.map(|s| s.id.clone()),
                Some(id.to_owned()),
                folder.archived,
            ))
        }
        Kind::List => {
            let list = ids::list(id)?;
            let list = ctx
                .answer("The list", ctx.clickup.get_list(&ctx.token, &list).await)
                .await?;
            let space = list.space.as_ref();
            let folder = list.folder.as_ref().filter(|f| f.hidden != Some(true));
            let mut names = vec![space.and_then(|s| s.name.as_deref())];
            if let Some(folder) = folder {
                names.push(folder.name.as_deref());
            }
            names.push(Some(&list.name));
            let path = path(&names);
            Ok(out(
                list.name.clone(),
                path,
                space.map(|s| s.id.clone()),
                folder.map(|f| f.id.clone()),
                list.archived,
            ))
        }
    }
}
