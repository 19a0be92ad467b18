//! `clickup-mcp health [--url URL]`: ask a running server's `GET /health` and exit 0 when it is
//! healthy, 1 when not. For container health checks: the runtime image has no curl.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::Args;

use crate::config::Settings;

/// `health` arguments.
#[derive(Debug, Args)]
pub struct HealthArgs {
    /// The health URL; default `http://<LISTEN>/health`, with an unspecified address
    /// (`0.0.0.0`, `[::]`) asked on loopback.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
}

pub(super) async fn run(settings: Settings, args: HealthArgs) -> anyhow::Result<ExitCode> {
    let url = match args.url {
        Some(url) => url,
        None => format!("http://{}/health", reachable(settings.listen()?)),
    };
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .context("failed to build an HTTP client")?;
    match client.get(&url).send().await {
        Ok(answer) if answer.status().is_success() => {
            eprintln!("healthy: {url}");
            Ok(ExitCode::SUCCESS)
        }
        Ok(answer) => {
            eprintln!("unhealthy: {url} answered {}", answer.status());
            Ok(ExitCode::FAILURE)
        }
        Err(err) => {
            eprintln!("unhealthy: {url} did not answer ({err})");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The address to ask: a server bound to every interface is asked on loopback.
fn reachable(listen: SocketAddr) -> SocketAddr {
    let ip = match listen.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, listen.port())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_server_on_every_interface_is_asked_on_loopback() {
        let asked = |listen: &str| super::reachable(listen.parse().unwrap()).to_string();
        assert_eq!(asked("0.0.0.0:8787"), "127.0.0.1:8787");
        assert_eq!(asked("[::]:9000"), "[::1]:9000");
        assert_eq!(asked("10.0.0.5:8787"), "10.0.0.5:8787");
    }
}
