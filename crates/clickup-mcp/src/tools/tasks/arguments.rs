//! Argument pieces every task tool shares: refusing unknown arguments (the tools flatten shared
//! argument groups, which serde's `deny_unknown_fields` cannot combine with), the effective time
//! zone, *(prem)* arguments, and people references (`me` included).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::store::Tier;
use crate::tools::cache::WorkspaceInfo;
use crate::tools::context::ToolContext;
use crate::tools::error::{ToolError, ToolErrorCode};
use crate::tools::resolve;

/// Whatever arguments the tool does not know. Declared last, flattened, and skipped in the
/// schema; [`Unknown::check`] refuses the call when it holds anything.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct Unknown(BTreeMap<String, Value>);

impl Unknown {
    /// `invalid_argument` naming the first unknown argument (its name, never its value).
    pub fn check(&self) -> Result<(), ToolError> {
        match self.0.keys().next() {
            None => Ok(()),
            Some(name) => {
                let name: String = name
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .take(64)
                    .collect();
                Err(
                    ToolError::invalid_argument(format!("Unknown argument `{name}`."))
                        .with_hint("Check the tool's input schema for the arguments it takes."),
                )
            }
        }
    }
}

/// `premium_required` when a free caller gives a *(prem)* argument (TOOLS.md §1.2); checked
/// before any ClickUp request. Stdio (`tier: None`) has no tiers.
pub fn require_premium_argument(ctx: &ToolContext, argument: &str) -> Result<(), ToolError> {
    if ctx.tier == Some(Tier::Free) {
        return Err(ToolError::new(
            ToolErrorCode::PremiumRequired,
            format!(
                "`{argument}` is a premium argument; your plan is free. Leave it out, or ask the operator to upgrade your account."
            ),
        ));
    }
    Ok(())
}

/// The caller's ClickUp user id: the session's user in hosted mode, else `GET /v2/user`.
pub async fn me(ctx: &ToolContext) -> Result<u64, ToolError> {
    if let Some(user) = ctx.user_id {
        return Ok(user.0);
    }
    match ctx.clickup.get_user(&ctx.token).await {
        Ok(user) => Ok(user.id),
        Err(err) => Err(ctx.clickup_error(err, "Your ClickUp user").await),
    }
}

/// Resolves people references (id, email, username, `me`) to user ids, once each, in order.
/// `me` costs a `GET /v2/user` in stdio, and only when it is used.
pub async fn people(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    references: &[String],
) -> Result<Vec<u64>, ToolError> {
    let me_id = if references
        .iter()
        .any(|r| r.trim().eq_ignore_ascii_case("me"))
    {
        Some(me(ctx).await?)
    } else {
        None
    };
    let mut ids = Vec::with_capacity(references.len());
    for reference in references {
        let id = resolve::member(workspace, reference, me_id)?.id;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize)]
    struct Args {
        #[expect(dead_code, reason = "only parsed")]
        known: Option<u8>,
        #[serde(flatten)]
        unknown: Unknown,
    }

    #[test]
    fn unknown_arguments_are_named_without_their_values() {
        let args: Args = serde_json::from_value(json!({"known": 1})).unwrap();
        assert!(args.unknown.check().is_ok());
        let args: Args =
            serde_json::from_value(json!({"known": 1, "sttaus": "SECRET-VALUE"})).unwrap();
        let err = args.unknown.check().unwrap_err();
        assert_eq!(err.code, ToolErrorCode::InvalidArgument);
        assert!(err.message.contains("`sttaus`"), "{}", err.message);
        assert!(!err.message.contains("SECRET"), "{}", err.message);
    }
}
