//! The errors the sandbox answers on `/api`, in ClickUp's form `{"err": "...", "ECODE": "..."}`.
//!
//! This is the one table of ECODEs (the README repeats it). Codes marked *real* are the ones real
//! ClickUp is known to send for the condition; the others are the sandbox's plausible choices,
//! kept in ClickUp's `OAUTH_0xx` / `ITEM_0xx` / `APP_0xx` families.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A failure of an `/api` request, answered in ClickUp's error form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ApiError {
    /// No `Authorization` header, or an empty one. 401 `OAUTH_017` (real).
    #[error("Authorization header required")]
    AuthorizationHeaderRequired,
    /// An OAuth access token the sandbox never issued, or one revoked. 401 `OAUTH_019`.
    #[error("Oauth token not found")]
    TokenNotFound,
    /// A `pk_` personal token that belongs to no user. 401 `OAUTH_025`.
    #[error("Token invalid")]
    TokenInvalid,
    /// An access token past its `expires_in` (only issued with refresh tokens on). 401 `OAUTH_021`.
    #[error("Oauth token expired")]
    TokenExpired,
    /// A `{team_id}` in the path that is unknown or not granted to the token. 401 `OAUTH_023` (real).
    #[error("Team not authorized")]
    TeamNotAuthorized,
    /// A space, folder, list or task id that is unknown or lives in a workspace not granted to
    /// the token; ClickUp answers unknown ids this way too. 401 `OAUTH_027` (real).
    #[error("Team not authorized")]
    ObjectNotAuthorized,
    /// A task that existed and was deleted. 404 `ITEM_013`.
    #[error("Task not found, deleted")]
    TaskDeleted,
    /// `custom_task_ids=true` without `team_id`. 400 `ITEM_070`.
    #[error("Team id required when using custom task ids")]
    CustomTaskIdsNeedTeamId,
    /// No such route (or method) under `/api`. 404 `APP_001` (real).
    #[error("Route not found")]
    RouteNotFound,
    /// The token spent its requests for this minute. 429 `APP_002` (real).
    #[error("Rate limit reached")]
    RateLimited,
    /// Token endpoint: `client_id` missing or unknown. 401 `OAUTH_010`.
    #[error("Client not found")]
    ClientNotFound,
    /// Token endpoint: `client_secret` missing or wrong. 401 `OAUTH_011`.
    #[error("Client secret invalid")]
    ClientSecretInvalid,
    /// Token endpoint: no `code` (or no `refresh_token` for that grant). 400 `OAUTH_012`.
    #[error("Code required")]
    CodeRequired,
    /// Token endpoint: a code never issued or already used. 401 `OAUTH_013`.
    #[error("Code not found")]
    CodeNotFound,
    /// Token endpoint: a code older than 10 minutes. 401 `OAUTH_014`.
    #[error("Code expired")]
    CodeExpired,
    /// Token endpoint: a code issued to another client. 401 `OAUTH_015`.
    #[error("Code was issued to another client")]
    CodeOfAnotherClient,
    /// Token endpoint: a `grant_type` other than `authorization_code` (or `refresh_token` when
    /// refresh tokens are on). 400 `OAUTH_016`.
    #[error("Unsupported grant type")]
    UnsupportedGrantType,
    /// Token endpoint: a refresh token unknown, used already, revoked, or of another client.
    /// 401 `OAUTH_020`.
    #[error("Refresh token not found")]
    RefreshTokenNotFound,
    /// Token endpoint: a body that does not parse as its content type says. 400 `OAUTH_001`.
    #[error("Invalid request body")]
    InvalidBody,
    /// An API body that is not a JSON object. 400 `INPUT_001`.
    #[error("Invalid JSON body")]
    InvalidJson,
    /// A task (or space, folder, list) name missing or empty. 400 `INPUT_005`.
    #[error("Name invalid")]
    NameInvalid,
    /// A priority other than 1–4 or null. 400 `INPUT_007`.
    #[error("Priority invalid")]
    PriorityInvalid,
    /// A field of the body of the wrong JSON type (a date that is not a number, …). 400 `INPUT_002`.
    #[error("Invalid field value")]
    FieldTypeInvalid,
    /// A task status the list does not have. 400 `ITEM_114` (docs/tools.md, "Errors").
    #[error("Status does not exist")]
    StatusNotFound,
    /// A subtask parent that is not a live task of the same list (or would make a cycle).
    /// 400 `ITEM_137` (docs/tools.md, "Errors").
    #[error("Parent task must be in the same list")]
    ParentNotInList,
    /// A `custom_item_id` the workspace does not define. 400 `ITEM_246` (docs/tools.md, "Where ClickUp differs from its OpenAPI file").
    #[error("Custom item type not found")]
    CustomItemNotFound,
    /// The `custom_fields` filter is not a JSON array of filters. 400 `ITEM_155` (seen in real
    /// answers).
    #[error("custom fields must be a json parsable string")]
    CustomFieldsFilterInvalid,
    /// A custom field id that does not apply to the task's list. 400 `FIELD_012`.
    #[error("Custom field not found")]
    FieldNotFound,
    /// A custom-field value that does not fit the field's type or options. 400 `FIELD_007`.
    #[error("Value is invalid for this field")]
    FieldValueInvalid,
    /// `check_required_custom_fields` and a required field without a value. 400 `FIELD_023`.
    #[error("Required custom fields missing")]
    RequiredFieldMissing,
    /// A tag name that is empty. 400 `TAG_001`.
    #[error("Tag name invalid")]
    TagNameInvalid,
    /// A comment without `comment_text`. 400 `COMMENT_001`.
    #[error("Comment text required")]
    CommentTextRequired,
    /// `POST .../dependency` with neither or both of `depends_on` and `dependency_of`, or a task
    /// depending on itself. 400 `DEP_001`.
    #[error("Dependency invalid")]
    DependencyInvalid,
    /// Stopping a timer when none runs. 400 `TIMEENTRY_001`.
    #[error("No time entry running")]
    NoRunningTimer,
    /// A time entry id unknown in the workspace or of another user. 404 `TIMEENTRY_004`.
    #[error("Time entry not found")]
    TimeEntryNotFound,
    /// Time-entry tags on a plan without them. 400 `TIMEENTRY_052` (real, with this `err`).
    #[error("Team not found")]
    TimeEntryTagsNeedPlan,
    /// An Enterprise-only endpoint on another plan. 403 `TEAM_110`.
    #[error("Feature only available on the Enterprise plan")]
    EnterpriseOnly,
    /// A user id that is not a member of the workspace. 404 `TEAM_025`.
    #[error("User not found")]
    UserNotFound,
    /// Any other failure, defined where it is answered (a constant next to its handler, made
    /// with [`ApiError::other`]), with ClickUp's status, `err` and ECODE.
    #[error("{err}")]
    Other {
        /// The HTTP status.
        status: u16,
        /// ClickUp's `err` text.
        err: &'static str,
        /// ClickUp's `ECODE`.
        ecode: &'static str,
    },
}

impl ApiError {
    /// A failure not in the table above: `status` (an HTTP status; an invalid one answers 500),
    /// ClickUp's `err` text and `ECODE`.
    pub(crate) const fn other(status: u16, err: &'static str, ecode: &'static str) -> Self {
        Self::Other { status, err, ecode }
    }

    /// HTTP status and ECODE; an exhaustive match, so a new variant must decide both.
    pub(crate) fn status_and_code(self) -> (StatusCode, &'static str) {
        use StatusCode as S;
        match self {
            Self::AuthorizationHeaderRequired => (S::UNAUTHORIZED, "OAUTH_017"),
            Self::TokenNotFound => (S::UNAUTHORIZED, "OAUTH_019"),
            Self::TokenInvalid => (S::UNAUTHORIZED, "OAUTH_025"),
            Self::TokenExpired => (S::UNAUTHORIZED, "OAUTH_021"),
            Self::TeamNotAuthorized => (S::UNAUTHORIZED, "OAUTH_023"),
            Self::ObjectNotAuthorized => (S::UNAUTHORIZED, "OAUTH_027"),
            Self::TaskDeleted => (S::NOT_FOUND, "ITEM_013"),
            Self::CustomTaskIdsNeedTeamId => (S::BAD_REQUEST, "ITEM_070"),
            Self::RouteNotFound => (S::NOT_FOUND, "APP_001"),
            Self::RateLimited => (S::TOO_MANY_REQUESTS, "APP_002"),
            Self::ClientNotFound => (S::UNAUTHORIZED, "OAUTH_010"),
            Self::ClientSecretInvalid => (S::UNAUTHORIZED, "OAUTH_011"),
            Self::CodeRequired => (S::BAD_REQUEST, "OAUTH_012"),
            Self::CodeNotFound => (S::UNAUTHORIZED, "OAUTH_013"),
            Self::CodeExpired => (S::UNAUTHORIZED, "OAUTH_014"),
            Self::CodeOfAnotherClient => (S::UNAUTHORIZED, "OAUTH_015"),
            Self::UnsupportedGrantType => (S::BAD_REQUEST, "OAUTH_016"),
            Self::RefreshTokenNotFound => (S::UNAUTHORIZED, "OAUTH_020"),
            Self::InvalidBody => (S::BAD_REQUEST, "OAUTH_001"),
            Self::InvalidJson => (S::BAD_REQUEST, "INPUT_001"),
            Self::NameInvalid => (S::BAD_REQUEST, "INPUT_005"),
            Self::PriorityInvalid => (S::BAD_REQUEST, "INPUT_007"),
            Self::FieldTypeInvalid => (S::BAD_REQUEST, "INPUT_002"),
            Self::StatusNotFound => (S::BAD_REQUEST, "ITEM_114"),
            Self::ParentNotInList => (S::BAD_REQUEST, "ITEM_137"),
            Self::CustomItemNotFound => (S::BAD_REQUEST, "ITEM_246"),
            Self::CustomFieldsFilterInvalid => (S::BAD_REQUEST, "ITEM_155"),
            Self::FieldNotFound => (S::BAD_REQUEST, "FIELD_012"),
            Self::FieldValueInvalid => (S::BAD_REQUEST, "FIELD_007"),
            Self::RequiredFieldMissing => (S::BAD_REQUEST, "FIELD_023"),
            Self::TagNameInvalid => (S::BAD_REQUEST, "TAG_001"),
            Self::CommentTextRequired => (S::BAD_REQUEST, "COMMENT_001"),
            Self::DependencyInvalid => (S::BAD_REQUEST, "DEP_001"),
            Self::NoRunningTimer => (S::BAD_REQUEST, "TIMEENTRY_001"),
            Self::TimeEntryNotFound => (S::NOT_FOUND, "TIMEENTRY_004"),
            Self::TimeEntryTagsNeedPlan => (S::BAD_REQUEST, "TIMEENTRY_052"),
            Self::EnterpriseOnly => (S::FORBIDDEN, "TEAM_110"),
            Self::UserNotFound => (S::NOT_FOUND, "TEAM_025"),
            Self::Other { status, ecode, .. } => (
                S::from_u16(status).unwrap_or(S::INTERNAL_SERVER_ERROR),
                ecode,
            ),
        }
    }
}

/// ClickUp's error body.
pub(crate) fn error_body(err: &str, ecode: &str) -> serde_json::Value {
    json!({ "err": err, "ECODE": ecode })
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        (status, Json(error_body(&self.to_string(), code))).into_response()
    }
}

/// Answers every unknown route under `/api` (and a wrong method on a known one) as ClickUp does.
pub(crate) async fn route_not_found() -> ApiError {
    ApiError::RouteNotFound
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_and_token_errors_carry_clickups_codes() {
        let cases = [
            (
                ApiError::AuthorizationHeaderRequired,
                401,
                "OAUTH_017",
                "missing header",
            ),
            (
                ApiError::TokenNotFound,
                401,
                "OAUTH_019",
                "unknown oauth token",
            ),
            (
                ApiError::TeamNotAuthorized,
                401,
                "OAUTH_023",
                "team not granted",
            ),
            (ApiError::RateLimited, 429, "APP_002", "rate limited"),
            (ApiError::TaskDeleted, 404, "ITEM_013", "deleted task"),
            (ApiError::StatusNotFound, 400, "ITEM_114", "unknown status"),
            (
                ApiError::ParentNotInList,
                400,
                "ITEM_137",
                "parent elsewhere",
            ),
            (
                ApiError::CustomItemNotFound,
                400,
                "ITEM_246",
                "unknown task type",
            ),
            (
                ApiError::TimeEntryTagsNeedPlan,
                400,
                "TIMEENTRY_052",
                "plan limit",
            ),
        ];
        let other = ApiError::other(404, "Checklist not found", "CHECKLIST_004");
        assert_eq!(other.to_string(), "Checklist not found");
        assert_eq!(
            other.status_and_code(),
            (StatusCode::NOT_FOUND, "CHECKLIST_004")
        );
        for (error, status, code, case) in cases {
            let (s, c) = error.status_and_code();
            assert_eq!((s.as_u16(), c), (status, code), "{case}");
        }
    }
}
