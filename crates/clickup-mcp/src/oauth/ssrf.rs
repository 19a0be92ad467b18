//! Fetching a URL a stranger gave us (a Client ID Metadata Document) without letting them aim
//! the fetch at us or our network: server-side request forgery.
//!
//! The host is resolved here, every address it resolves to is checked, and the connection is
//! pinned to a checked address (so a second, different DNS answer cannot slip in between the
//! check and the connection). Refused targets: private, loopback, link-local, multicast,
//! unspecified, broadcast, CGNAT, benchmarking, documentation and reserved IPv4 ranges; IPv6
//! loopback, unspecified, link-local, site-local, unique-local, multicast, documentation, and
//! every form that embeds an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo). Only
//! `serve --sandbox` lifts this (to fetch from a local test server). No proxy, no redirects, at
//! most [`MAX_BYTES`] and [`TIME_LIMIT`] in all.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use url::{Host, Url};

/// The most bytes read from a document.
pub const MAX_BYTES: usize = 5 * 1024;
/// The whole fetch (resolution, connection, answer) must finish within this.
pub const TIME_LIMIT: Duration = Duration::from_secs(3);

/// Why a fetch was refused or failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The URL has no host or port.
    #[error("the URL has no host")]
    NoHost,
    /// The host did not resolve.
    #[error("the host does not resolve")]
    Unresolved,
    /// The host is, or resolves to, an address we do not fetch from.
    #[error("the host resolves to a private, loopback, link-local or otherwise internal address")]
    ForbiddenAddress,
    /// The fetch took too long.
    #[error("the fetch took longer than 3 s")]
    Timeout,
    /// The server answered with a redirect (not followed).
    #[error("the server answered with a redirect, which is not followed")]
    Redirect,
    /// The server answered with another non-success status.
    #[error("the server answered with HTTP {0}")]
    Status(u16),
    /// The document is larger than the limit.
    #[error("the document is larger than 5 KB")]
    TooLarge,
    /// Connection or protocol failure.
    #[error("the server could not be reached")]
    Network,
}

/// Whether fetching from `ip` is refused (outside sandbox mode).
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => is_forbidden_v4(ip),
        IpAddr::V6(ip) => is_forbidden_v6(ip),
    }
}

fn is_forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (b & 0xc0) == 64)
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b & 0xfe) == 18)
        || a >= 240
}

fn is_forbidden_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || ip.to_ipv4_mapped().is_some()
        || s[..6] == [0; 6]
        || (s[0] & 0xffc0) == 0xfe80
        || (s[0] & 0xffc0) == 0xfec0
        || (s[0] & 0xfe00) == 0xfc00
        || (s[0] == 0x64 && s[1] == 0xff9b)
        || s[0] == 0x2002
        || (s[0] == 0x2001 && s[1] == 0)
        || (s[0] == 0x2001 && s[1] == 0x0db8)
}

/// GET `url` under the guard; the body, at most [`MAX_BYTES`].
pub async fn fetch(url: &Url, allow_private: bool) -> Result<Vec<u8>, FetchError> {
    tokio::time::timeout(TIME_LIMIT, fetch_unbounded(url, allow_private))
        .await
        .map_err(|_| FetchError::Timeout)?
}

async fn fetch_unbounded(url: &Url, allow_private: bool) -> Result<Vec<u8>, FetchError> {
    let port = url.port_or_known_default().ok_or(FetchError::NoHost)?;
    let (domain, addresses): (Option<&str>, Vec<SocketAddr>) = match url.host() {
        Some(Host::Ipv4(ip)) => (None, vec![SocketAddr::new(IpAddr::V4(ip), port)]),
        Some(Host::Ipv6(ip)) => (None, vec![SocketAddr::new(IpAddr::V6(ip), port)]),
        Some(Host::Domain(domain)) => (
            Some(domain),
            tokio::net::lookup_host((domain, port))
                .await
                .map_err(|_| FetchError::Unresolved)?
                .collect(),
        ),
        None => return Err(FetchError::NoHost),
    };
    let Some(pinned) = addresses.first().copied() else {
        return Err(FetchError::Unresolved);
    };
    if !allow_private && addresses.iter().any(|a| is_forbidden(a.ip())) {
        return Err(FetchError::ForbiddenAddress);
    }
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(TIME_LIMIT)
        .user_agent(concat!(
            "clickup-mcp/",
            env!("CARGO_PKG_VERSION"),
            " (client metadata)"
        ));
    if let Some(domain) = domain {
        builder = builder.resolve(domain, pinned);
    }
    let client = builder.build().map_err(|_| FetchError::Network)?;
    let mut response = client
        .get(url.clone())
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|err| {
            if err.is_timeout() {
                FetchError::Timeout
            } else {
                FetchError::Network
            }
        })?;
    let status = response.status();
    if status.is_redirection() {
        return Err(FetchError::Redirect);
    }
    if !status.is_success() {
        return Err(FetchError::Status(status.as_u16()));
    }
    if response
        .content_length()
        .is_some_and(|len| len > MAX_BYTES as u64)
    {
        return Err(FetchError::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|_| FetchError::Network)? {
        if body.len() + chunk.len() > MAX_BYTES {
            return Err(FetchError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_refused_and_public_ones_allowed() {
        for bad in [
            "127.0.0.1",
            "127.1.2.3",
            "10.0.0.1",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "198.18.0.1",
            "240.0.0.1",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd12:3456::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:8.8.8.8",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "2001:db8::1",
        ] {
            let ip: IpAddr = bad.parse().unwrap();
            assert!(is_forbidden(ip), "{bad} must be refused");
        }
        for good in [
            "8.8.8.8",
            "1.1.1.1",
            "2606:4700:4700::1111",
            "93.184.216.34",
        ] {
            let ip: IpAddr = good.parse().unwrap();
            assert!(!is_forbidden(ip), "{good} is public");
        }
    }

    #[tokio::test]
    async fn a_hostname_resolving_to_loopback_is_refused_before_any_connection() {
        for url in [
            "https://localhost/client.json",
            "https://127.0.0.1/client.json",
            "https://[::1]/client.json",
            "https://169.254.169.254/latest/meta-data",
            "https://2130706433/client.json",
        ] {
            let url = Url::parse(url).unwrap();
            assert_eq!(
                fetch(&url, false).await,
                Err(FetchError::ForbiddenAddress),
                "{url}"
            );
        }
    }
}
