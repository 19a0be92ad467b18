//! Tool errors (docs/tools.md, "Errors"): a tool result with `isError: true`, a machine code, and a
//! message a model can act on. They never echo argument values or anything of another tenant.

use rmcp::model::{CallToolResult, ContentBlock};
use serde::Serialize;
use serde_json::json;

/// The machine codes of docs/tools.md, "Errors".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolErrorCode {
    /// No match, or ClickUp said the object does not exist.
    NotFound,
    /// Several matches; candidates are attached.
    Ambiguous,
    /// Bad or conflicting arguments.
    InvalidArgument,
    /// A free caller asked for a premium tool or argument.
    PremiumRequired,
    /// The ClickUp budget for this token is spent.
    RateLimited,
    /// The stored ClickUp connection is revoked, invalid or missing.
    ReauthRequired,
    /// ClickUp failed, timed out, answered something malformed, or refused for a plan limit.
    UpstreamError,
}

/// What a hosted server's user does about a refused ClickUp token.
pub const RECONNECT_BY_LOGIN: &str = "Reconnect ClickUp (log in again), then retry.";

/// Most candidates an error lists.
const MAX_CANDIDATES: usize = 10;

/// One candidate of an ambiguous reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Candidate {
    /// The object's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its full path (`Space/Folder/List`), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// What ClickUp answered, when the error came from ClickUp.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Upstream {
    /// HTTP status, when there was an answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// ClickUp's ECODE, when it sent one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ecode: Option<String>,
}

/// A failed tool call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{code:?}: {message}")]
pub struct ToolError {
    /// The machine code.
    pub code: ToolErrorCode,
    /// What happened and what to do next.
    pub message: String,
    /// A further suggestion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// For `ambiguous`: up to 10 candidates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    /// How many matched in all, when more than the candidates listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates_total: Option<usize>,
    /// For `rate_limited`: seconds to wait.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_s: Option<u64>,
    /// ClickUp's answer, when the error came from ClickUp.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upstream: Option<Upstream>,
}

impl ToolError {
    /// An error with a code and message.
    pub fn new(code: ToolErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            hint: None,
            candidates: Vec::new(),
            candidates_total: None,
            retry_after_s: None,
            upstream: None,
        }
    }

    /// `invalid_argument`.
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Self::new(ToolErrorCode::InvalidArgument, message)
    }

    /// `not_found`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ToolErrorCode::NotFound, message)
    }

    /// `ambiguous` with candidates (at most 10 are kept).
    pub fn ambiguous(message: impl Into<String>, mut candidates: Vec<Candidate>) -> Self {
        let total = candidates.len();
        candidates.truncate(MAX_CANDIDATES);
        Self {
            candidates_total: (total > MAX_CANDIDATES).then_some(total),
            candidates,
            ..Self::new(ToolErrorCode::Ambiguous, message)
        }
    }

    /// `upstream_error`.
    pub fn upstream(message: impl Into<String>) -> Self {
        Self::new(ToolErrorCode::UpstreamError, message)
    }

    /// `reauth_required`, telling the person to sign in again (the hosted server's remedy;
    /// a tool with a context says its host's: [`crate::context::ToolContext::reauth_required`]).
    pub fn reauth_required() -> Self {
        Self::reauth_required_with(RECONNECT_BY_LOGIN)
    }

    /// `reauth_required`, with what to do about it.
    pub fn reauth_required_with(what_to_do: &str) -> Self {
        Self::new(
            ToolErrorCode::ReauthRequired,
            format!("The ClickUp connection is no longer valid. {what_to_do}"),
        )
    }

    /// `premium_required` for a tool.
    pub fn premium_required(tool: &str) -> Self {
        Self::new(
            ToolErrorCode::PremiumRequired,
            format!(
                "{tool} is a premium tool; your plan is free. Ask the operator to upgrade your account."
            ),
        )
    }

    /// Add a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The tool result that carries this error.
    pub fn into_result(self) -> CallToolResult {
        let mut text = match &self.hint {
            Some(hint) => format!("{} ({}) Hint: {hint}", self.message, code_name(self.code)),
            None => format!("{} ({})", self.message, code_name(self.code)),
        };
        // A model behind a client that shows only text must see the candidates too.
        if !self.candidates.is_empty() {
            text.push_str("\nCandidates:");
            for candidate in &self.candidates {
                text.push_str(&format!("\n- {} (id {})", candidate.name, candidate.id));
                if let Some(path) = &candidate.path {
                    text.push_str(&format!(", {path}"));
                }
            }
            if let Some(total) = self.candidates_total {
                text.push_str(&format!(
                    "\n… {} more of {total} in all; give a path or an id to narrow it.",
                    total - self.candidates.len()
                ));
            }
        }
        let mut result = CallToolResult::error(vec![ContentBlock::text(text)]);
        result.structured_content = Some(json!({ "error": self }));
        result
    }
}

fn code_name(code: ToolErrorCode) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_becomes_a_tool_result_with_structured_content() {
        let result = ToolError::ambiguous(
            "Several lists match.",
            (0..12)
                .map(|i| Candidate {
                    id: i.to_string(),
                    name: format!("L{i}"),
                    path: None,
                })
                .collect(),
        )
        .into_result();
        assert_eq!(result.is_error, Some(true));
        let error = &result.structured_content.unwrap()["error"];
        assert_eq!(error["code"], "ambiguous");
        assert_eq!(error["candidates"].as_array().unwrap().len(), 10);
        assert_eq!(error["candidates_total"], 12);
        let text = result.content[0].as_text().unwrap().text.clone();
        assert!(text.contains("Candidates:\n- L0 (id 0)"), "{text}");
        assert!(
            text.contains("- L9 (id 9)") && !text.contains("L10"),
            "{text}"
        );
        assert!(text.contains("2 more of 12"), "{text}");
    }
}
