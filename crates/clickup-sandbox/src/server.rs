//! Serving a [`Sandbox`] on a socket until a cancellation token fires.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::request_log::LoggedRequest;
use crate::sandbox::Sandbox;

/// A sandbox being served.
#[derive(Debug)]
pub struct RunningSandbox {
    local_addr: SocketAddr,
    /// The served sandbox (a clone sharing its state), for in-process reads such as the log.
    sandbox: Sandbox,
    handle: JoinHandle<io::Result<()>>,
}

/// Bind and serve until `shutdown` is cancelled. Returns once bound.
pub async fn spawn(
    sandbox: Sandbox,
    addr: SocketAddr,
    shutdown: CancellationToken,
) -> io::Result<RunningSandbox> {
    let listener = TcpListener::bind(addr).await?;
    let local_addr = listener.local_addr()?;
    let router = sandbox.router();
    let served = sandbox.clone();
    let handle = tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(shutdown.cancelled_owned())
            .await
    });
    tracing::info!(sandbox.addr = %local_addr, "ClickUp sandbox listening");
    Ok(RunningSandbox {
        local_addr,
        sandbox: served,
        handle,
    })
}

impl RunningSandbox {
    /// The bound address (the real port when bound to port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// e.g. `http://127.0.0.1:8788`: the API base is `{base_url}/api`, and so is the authorize
    /// page. An unspecified bind address (`0.0.0.0`, `::`) is given as loopback.
    pub fn base_url(&self) -> String {
        let ip = match self.local_addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}", SocketAddr::new(ip, self.local_addr.port()))
    }

    /// The sandbox being served (sharing its state).
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// The request log, in-process: see [`Sandbox::requests`].
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.sandbox.requests()
    }

    /// Waits for the serve task to end (after the shutdown token is cancelled).
    pub async fn wait(self) {
        match self.handle.await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                tracing::error!(error = %error, "ClickUp sandbox stopped with an error")
            }
            Err(error) => tracing::error!(error = %error, "ClickUp sandbox task failed"),
        }
    }
}
