//! Space tools (TOOLS.md §3): list, read, create and update spaces. Updates are ClickUp's
//! full-body PUT, built from a fresh read merged with the arguments; `features` (ClickApps) merge
//! per feature, so `{"due_dates": {"start_date": false}}` keeps the rest of `due_dates`. Every
//! write is read back (`verified`, `not_applied`) and drops the cached hierarchy.

use std::sync::Arc;

use clickup::models::{CreateSpace, Space, UpdateSpace};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::Tier;
use crate::context::ToolContext;
use crate::cursor::Page;
use crate::error::ToolError;
use crate::hierarchy::checked_name;
use crate::hierarchy::views::{self, DetailLevel, SpaceOut, SpaceView};
use crate::ids;
use crate::paging;
use crate::registry::{ClickUpTool, Effect, ToolFuture, ToolSpec, TypedTool};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};

/// Spaces per page when no `limit` is given.
const DEFAULT_LIMIT: u32 = 50;

/// The tools of this file.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_space_list",
                title: "List spaces",
                description: "Spaces of the workspace: id, name, colour, privacy.",
                tier: Tier::Free,
                toolset: Toolset::Hierarchy,
                effect: Effect::Read,
                references: &[],
                premium_arguments: &[],
            },
            space_list,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_space_get",
                title: "Get a space",
                description: "One space: statuses, enabled ClickApps, privacy, members; `full` adds \
                              ClickApp settings.",
                tier: Tier::Free,
                toolset: Toolset::Hierarchy,
                effect: Effect::Read,
                references: &["space"],
                premium_arguments: &[],
            },
            space_get,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_space_create",
                title: "Create a space",
                description: "Create a space; ClickApps keep ClickUp's defaults unless set in \
                              `features`.",
                tier: Tier::Free,
                toolset: Toolset::Hierarchy,
                effect: Effect::Write,
                references: &[],
                premium_arguments: &[],
            },
            space_create,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_space_update",
                title: "Update a space",
                description: "Change a space's name, colour, privacy, multiple assignees or \
                              ClickApps.",
                tier: Tier::Free,
                toolset: Toolset::Hierarchy,
                effect: Effect::WriteIdempotent,
                references: &["space"],
                premium_arguments: &[],
            },
            space_update,
        )),
    ]
}

/// Arguments of `clickup_space_list`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpaceListArgs {
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
    /// Only archived ones.
    #[serde(default)]
    pub archived: bool,
    /// `full` adds statuses, ClickApps, members.
    #[serde(default)]
    #[schemars(
        schema_with = "crate::hierarchy::views::bare::<DetailLevel>",
        transform = crate::hierarchy::views::without_default
    )]
    pub detail_level: DetailLevel,
    // Shared argument.
    #[serde(default)]
    pub cursor: Option<String>,
    // Shared argument; default 50.
    #[serde(default)]
    pub limit: Option<u32>,
}

fn space_list<'a>(ctx: &'a ToolContext, args: SpaceListArgs) -> ToolFuture<'a, Page<SpaceOut>> {
    Box::pin(async move {
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let filters = json!({
            "workspace": ws.id, "archived": args.archived, "detail_level": args.detail_level,
        });
        let (cursor, limit) = (args.cursor.as_deref(), args.limit);
        paging::check(ctx, &filters, cursor, limit, DEFAULT_LIMIT)?;
        let team = ids::team(&ws.id)?;
        let spaces = ctx
            .clickup
            .get_spaces(&ctx.token, &team, args.archived)
            .await;
        let spaces = ctx.answer("The workspace", spaces).await?;
        let view = match args.detail_level {
            DetailLevel::Summary => SpaceView::Row,
            DetailLevel::Full => SpaceView::Full,
        };
        let items = spaces.iter().map(|s| views::space(s, view)).collect();
        paging::slice(ctx, &filters, cursor, limit, DEFAULT_LIMIT, items)
    })
}

/// Arguments of `clickup_space_get`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpaceGetArgs {
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
    // A space reference.
    pub space: String,
    // Shared argument; `full` adds every ClickApp's settings and status colours.
    #[serde(default)]
    #[schemars(
        schema_with = "crate::hierarchy::views::bare::<DetailLevel>",
        transform = crate::hierarchy::views::without_default
    )]
    pub detail_level: DetailLevel,
}

fn space_get<'a>(ctx: &'a ToolContext, args: SpaceGetArgs) -> ToolFuture<'a, SpaceOut> {
    Box::pin(async move {
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let space = resolve::location(ctx, &ws, &args.space, Some(Kind::Space)).await?;
        let space = read(ctx, &space.id).await?;
        Ok(views::space(&space, one_view(args.detail_level)))
    })
}

fn one_view(level: DetailLevel) -> SpaceView {
    match level {
        DetailLevel::Summary => SpaceView::One,
        DetailLevel::Full => SpaceView::Full,
    }
}

async fn read(ctx: &ToolContext, id: &str) -> Result<Space, ToolError> {
    let space = ids::space(id)?;
    ctx.answer("The space", ctx.clickup.get_space(&ctx.token, &space).await)
        .await
}

/// The result of a space write.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SpaceWrite {
    /// The space as ClickUp has it now.
    pub space: SpaceOut,
    /// Whether the space was read back after the write.
    pub verified: bool,
    /// Requested changes the read-back does not show.
    pub not_applied: Vec<NotApplied>,
}

/// Arguments of `clickup_space_create`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpaceCreateArgs {
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
    // The new space's name.
    pub name: String,
    /// Default true.
    #[serde(default)]
    pub multiple_assignees: Option<bool>,
    /// ClickApp → `true`/`false` or settings: `{"time_tracking": false, "due_dates":
    /// {"enabled": true, "start_date": false}}`.
    #[serde(default)]
    pub features: Option<Map<String, Value>>,
}

fn space_create<'a>(ctx: &'a ToolContext, args: SpaceCreateArgs) -> ToolFuture<'a, SpaceWrite> {
    Box::pin(async move {
        let name = checked_name(&args.name)?;
        let features = args.features.as_ref().map(requested_features).transpose()?;
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let multiple_assignees = args.multiple_assignees.unwrap_or(true);
        let body = CreateSpace {
            name: name.clone(),
            multiple_assignees: Some(multiple_assignees),
            features: features.clone().map(Value::Object),
        };
        let created = ctx.clickup.create_space(&ctx.token, &team, &body).await;
        let created = ctx.answer("The workspace", created).await?;
        ctx.cache.invalidate(&ctx.cache_key, &ws.id);
        let (space, verified) = reread(ctx, created).await;
        let mut verifier = Verifier::default();
        verifier.same("name", Some(name.as_str()), Some(space.name.as_str()));
        verifier.same(
            "multiple_assignees",
            multiple_assignees,
            space.multiple_assignees,
        );
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
    })
}

/// Arguments of `clickup_space_update`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpaceUpdateArgs {
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
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

fn space_update<'a>(ctx: &'a ToolContext, args: SpaceUpdateArgs) -> ToolFuture<'a, SpaceWrite> {
    Box::pin(async move {
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
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
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
        ctx.cache.invalidate(&ctx.cache_key, &ws.id);
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
    })
}

/// Read the space back after a write; when the read fails, the write's own answer, unverified.
async fn reread(ctx: &ToolContext, written: Space) -> (Space, bool) {
    match ids::space(written.id.as_str()) {
        Ok(id) => match ctx.clickup.get_space(&ctx.token, &id).await {
            Ok(space) => (space, true),
            Err(_) => (written, false),
        },
        Err(_) => (written, false),
    }
}

/// `features` as ClickUp takes them: `true`/`false` become `{"enabled": …}`; objects stay.
fn requested_features(features: &Map<String, Value>) -> Result<Map<String, Value>, ToolError> {
    if features.len() > 50 {
        return Err(ToolError::invalid_argument(
            "`features` has too many entries.",
        ));
    }
    features
        .iter()
        .map(|(name, value)| {
            let valid_name = !name.is_empty()
                && name.len() <= 64
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            if !valid_name {
                return Err(ToolError::invalid_argument(
                    "`features` keys are ClickApp names such as due_dates, time_tracking, tags.",
                ));
            }
            match value {
                Value::Bool(on) => Ok((name.clone(), json!({ "enabled": on }))),
                Value::Object(_) => Ok((name.clone(), value.clone())),
                _ => Err(ToolError::invalid_argument(format!(
                    "`features.{name}` must be true, false or an object of settings."
                ))),
            }
        })
        .collect()
}

/// Merge each requested feature's settings into the current ones.
fn merge_features(current: &mut Map<String, Value>, requested: &Map<String, Value>) {
    for (name, settings) in requested {
        let slot = current
            .entry(name.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        match (slot.as_object_mut(), settings.as_object()) {
            (Some(slot), Some(settings)) => {
                for (key, value) in settings {
                    slot.insert(key.clone(), value.clone());
                }
            }
            _ => *slot = settings.clone(),
        }
    }
}

/// Each requested feature setting must read back as requested.
fn check_features(verifier: &mut Verifier, requested: &Map<String, Value>, actual: Option<&Value>) {
    for (name, settings) in requested {
        let Some(settings) = settings.as_object() else {
            continue;
        };
        for (key, wanted) in settings {
            let have = actual
                .and_then(|f| f.get(name))
                .and_then(|f| f.get(key))
                .cloned()
                .unwrap_or(Value::Null);
            verifier.same(&format!("features.{name}.{key}"), wanted.clone(), have);
        }
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
    fn requested_features_merge_per_setting_and_booleans_mean_enabled() {
        let mut current = json!({
            "due_dates": {"enabled": true, "start_date": true, "remap_due_dates": false},
            "points": {"enabled": true},
        })
        .as_object()
        .cloned()
        .unwrap();
        let requested = requested_features(
            json!({"due_dates": {"start_date": false}, "points": false, "sprints": true})
                .as_object()
                .unwrap(),
        )
        .unwrap();
        merge_features(&mut current, &requested);
        assert_eq!(
            Value::Object(current),
            json!({
                "due_dates": {"enabled": true, "start_date": false, "remap_due_dates": false},
                "points": {"enabled": false},
                "sprints": {"enabled": true},
            })
        );
    }

    #[test]
    fn a_feature_that_is_not_a_switch_or_settings_is_refused_without_echoing_it() {
        let err = requested_features(json!({"tags": "SECRET"}).as_object().unwrap()).unwrap_err();
        assert!(!err.message.contains("SECRET"), "{}", err.message);
        assert!(requested_features(json!({"a b": true}).as_object().unwrap()).is_err());
    }

    #[test]
    fn colours_are_hex() {
        assert!(checked_color("#7b68ee").is_ok());
        assert!(checked_color("#fff").is_ok());
        for bad in ["red", "#12345", "7b68ee", "#gggggg"] {
            assert!(checked_color(bad).is_err(), "{bad}");
        }
    }
}
