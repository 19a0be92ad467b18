//! MCP progress notifications for tools that report progress (bulk writes, wide reads), sent
//! to the client that asked for them with a `progressToken`.

use async_trait::async_trait;
use clickup_tools::context::ProgressSink;
use rmcp::RoleServer;
use rmcp::model::{ProgressNotificationParam, ProgressToken};
use rmcp::service::Peer;

/// Sends `notifications/progress` for one request.
#[derive(Clone, Debug)]
pub struct Progress {
    peer: Peer<RoleServer>,
    token: ProgressToken,
}

impl Progress {
    /// Progress for a request with this token.
    pub fn new(peer: Peer<RoleServer>, token: ProgressToken) -> Self {
        Self { peer, token }
    }
}

#[async_trait]
impl ProgressSink for Progress {
    async fn report(&self, done: u64, total: u64, message: String) {
        let param = ProgressNotificationParam::new(self.token.clone(), done as f64)
            .with_total(total as f64)
            .with_message(message);
        // A client that went away is not the tool's failure.
        let _ = self.peer.notify_progress(param).await;
    }
}
