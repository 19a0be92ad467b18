//! The authenticated caller of a hosted `/mcp` request, put in the request's extensions by the
//! HTTP layer and read by the MCP core.

use crate::domain::User;
use crate::oauth::scopes::Scope;

/// Who is calling `/mcp`.
#[derive(Clone, Debug)]
pub struct Caller {
    /// The user, as stored at the time of the request (current tier).
    pub user: User,
    /// What the bearer token allows (`crate::oauth::scopes`): the scope an MCP client was
    /// granted, or `ReadWrite` for a seed session token (full access within the tier). A
    /// `Read` caller sees and may call only read-only tools.
    pub scope: Scope,
    /// Where the request came from, for audit rows.
    pub origin: crate::audit::RequestOrigin,
    /// The tools the request's URL serves (`/mcp/x/tasks/readonly`), within the operator's
    /// `ENABLED_TOOLSETS`.
    pub surface: clickup_tools::toolsets::Surface,
}
