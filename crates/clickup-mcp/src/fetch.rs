//! Fetching a URL a stranger gave us without letting them aim the fetch at us or our network
//! (server-side request forgery). Two callers: Client ID Metadata Documents
//! ([`crate::oauth::metadata_document`], [`Limits::METADATA`]) and files uploaded to tasks from
//! a `url` or, in stdio, a local path ([`HostFiles`], [`Limits::attachment`]).
//!
//! The host is resolved here, every address it resolves to is checked, and the connection is
//! pinned to a checked address (so a second, different DNS answer cannot slip in between the
//! check and the connection). Refused targets: private, loopback, link-local, multicast,
//! unspecified, broadcast, CGNAT, benchmarking, documentation and reserved IPv4 ranges; IPv6
//! loopback, unspecified, link-local, site-local, unique-local, multicast, documentation, and
//! every form that embeds an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo). Only
//! `serve --sandbox` lifts this for metadata documents (to fetch from a local test server);
//! attachments never lift it. No proxy, no credentials in the URL, no caller-supplied headers,
//! https only (http too where private addresses are allowed); a redirect is followed only as
//! far as the caller's limits allow, and each hop goes through every check again. The body is
//! read in chunks and the fetch stops as soon as it passes the size limit: never more than the
//! limit is held.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use clickup_tools::context::{FileError, FileSource};
use url::{Host, Url};

/// What one kind of fetch may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes read from the body.
    pub max_bytes: usize,
    /// The whole fetch (resolution, connection, redirects, answer) must finish within this.
    pub time_limit: Duration,
    /// How many redirects are followed (0: a redirect is an error).
    pub max_redirects: u8,
    /// The `Accept` header sent.
    pub accept: &'static str,
    /// What the `User-Agent` says the fetch is for.
    pub user_agent: &'static str,
}

impl Limits {
    /// Client ID Metadata Documents: 5 KB in 3 s, no redirects.
    pub const METADATA: Self = Self {
        max_bytes: 5 * 1024,
        time_limit: Duration::from_secs(3),
        max_redirects: 0,
        accept: "application/json",
        user_agent: concat!(
            "clickup-mcp/",
            env!("CARGO_PKG_VERSION"),
            " (client metadata)"
        ),
    };

    /// A file to attach to a task: at most `max_bytes` (the `ATTACHMENT_MAX_BYTES` setting)
    /// in 30 s, following up to 3 redirects.
    pub const fn attachment(max_bytes: usize) -> Self {
        Self {
            max_bytes,
            time_limit: Duration::from_secs(30),
            max_redirects: 3,
            accept: "*/*",
            user_agent: concat!("clickup-mcp/", env!("CARGO_PKG_VERSION"), " (attachment)"),
        }
    }
}

/// Why a fetch was refused or failed. The messages never repeat the URL.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The URL is not https (or http where allowed), or carries a user name or password.
    #[error("the URL must be https, with no user name or password")]
    Scheme,
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
    #[error("the fetch took longer than {0} s")]
    Timeout(u64),
    /// The server answered with a redirect, and no (more) redirects are followed.
    #[error("the server answered with a redirect, which is not followed")]
    Redirect,
    /// The server answered with another non-success status.
    #[error("the server answered with HTTP {0}")]
    Status(u16),
    /// The body is larger than the limit (in bytes).
    #[error("the answer is larger than the limit of {}", shown_size(*.0))]
    TooLarge(usize),
    /// Connection or protocol failure.
    #[error("the server could not be reached")]
    Network,
}

/// `n` bytes as people read them (`5 KB`, `10 MB`, `1500 bytes`).
pub fn shown_size(n: usize) -> String {
    const MB: usize = 1024 * 1024;
    if n >= MB && n.is_multiple_of(MB) {
        format!("{} MB", n / MB)
    } else if n >= 1024 && n.is_multiple_of(1024) {
        format!("{} KB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

/// Whether fetching from `ip` is refused (unless private addresses are allowed).
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

/// The guard's decision about one hop, before anything is sent: the URL's scheme and
/// credentials, and every address its host resolved to. `Ok` names the address to pin the
/// connection to.
pub fn decide(
    url: &Url,
    addresses: &[SocketAddr],
    allow_private: bool,
) -> Result<SocketAddr, FetchError> {
    check_url(url, allow_private)?;
    let pinned = addresses.first().copied().ok_or(FetchError::Unresolved)?;
    if !allow_private && addresses.iter().any(|a| is_forbidden(a.ip())) {
        return Err(FetchError::ForbiddenAddress);
    }
    Ok(pinned)
}

/// A URL may be fetched at all: https (http too when private addresses are allowed, i.e. a
/// local test server), a host, no user name or password.
pub fn check_url(url: &Url, allow_http: bool) -> Result<(), FetchError> {
    match url.scheme() {
        "https" => {}
        "http" if allow_http => {}
        _ => return Err(FetchError::Scheme),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(FetchError::Scheme);
    }
    if url.host().is_none() {
        return Err(FetchError::NoHost);
    }
    Ok(())
}

/// GET `url` under the guard, within `limits`; the body, at most `limits.max_bytes`.
pub async fn fetch(url: &Url, limits: &Limits, allow_private: bool) -> Result<Vec<u8>, FetchError> {
    tokio::time::timeout(
        limits.time_limit,
        fetch_unbounded(url, limits, allow_private),
    )
    .await
    .map_err(|_| FetchError::Timeout(limits.time_limit.as_secs()))?
}

async fn fetch_unbounded(
    url: &Url,
    limits: &Limits,
    allow_private: bool,
) -> Result<Vec<u8>, FetchError> {
    let mut url = url.clone();
    let mut redirects = 0_u8;
    loop {
        let mut response = get_once(&url, limits, allow_private).await?;
        let status = response.status();
        if status.is_redirection() {
            let next = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .and_then(|l| url.join(l).ok());
            match next {
                Some(next) if redirects < limits.max_redirects => {
                    redirects += 1;
                    url = next;
                    continue;
                }
                _ => return Err(FetchError::Redirect),
            }
        }
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        if response
            .content_length()
            .is_some_and(|len| len > limits.max_bytes as u64)
        {
            return Err(FetchError::TooLarge(limits.max_bytes));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|_| FetchError::Network)? {
            if body.len() + chunk.len() > limits.max_bytes {
                return Err(FetchError::TooLarge(limits.max_bytes));
            }
            body.extend_from_slice(&chunk);
        }
        return Ok(body);
    }
}

/// One GET of `url` (no redirects followed), after resolving and checking its host.
async fn get_once(
    url: &Url,
    limits: &Limits,
    allow_private: bool,
) -> Result<reqwest::Response, FetchError> {
    check_url(url, allow_private)?;
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
    let pinned = decide(url, &addresses, allow_private)?;
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(limits.time_limit)
        .user_agent(limits.user_agent);
    if let Some(domain) = domain {
        builder = builder.resolve(domain, pinned);
    }
    let client = builder.build().map_err(|_| FetchError::Network)?;
    client
        .get(url.clone())
        .header(reqwest::header::ACCEPT, limits.accept)
        .send()
        .await
        .map_err(|err| {
            if err.is_timeout() {
                FetchError::Timeout(limits.time_limit.as_secs())
            } else {
                FetchError::Network
            }
        })
}

/// The tools' [`FileSource`]: URLs through [`fetch`] with [`Limits::attachment`] (never
/// private addresses, whatever the mode), local paths only in stdio.
///
/// A local path must be absolute and name a regular file; no component of the resolved path
/// may start with a dot (`~/.ssh`, `.env`, `.aws`), so a prompt cannot talk the tool into
/// uploading the usual hiding places of secrets.
#[derive(Clone, Copy, Debug)]
pub struct HostFiles {
    /// `ATTACHMENT_MAX_BYTES`.
    pub max_bytes: usize,
    /// Whether local paths may be read (stdio).
    pub local_paths: bool,
}

#[async_trait::async_trait]
impl FileSource for HostFiles {
    fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    async fn fetch_url(&self, url: &Url, max_bytes: usize) -> Result<Vec<u8>, FileError> {
        fetch(url, &Limits::attachment(max_bytes), false)
            .await
            .map_err(|err| match err {
                FetchError::TooLarge(limit) => FileError::TooLarge(limit),
                FetchError::Scheme
                | FetchError::NoHost
                | FetchError::ForbiddenAddress
                | FetchError::Redirect => FileError::Refused(err.to_string()),
                FetchError::Unresolved
                | FetchError::Timeout(_)
                | FetchError::Status(_)
                | FetchError::Network => FileError::Failed(err.to_string()),
            })
    }

    async fn read_path(&self, path: &str, max_bytes: usize) -> Result<Vec<u8>, FileError> {
        if !self.local_paths {
            return Err(FileError::Unsupported(
                "`file_path` works only with a local (stdio) server; send `content_base64` or \
                 an https `url`."
                    .to_owned(),
            ));
        }
        read_local(std::path::Path::new(path), max_bytes).await
    }
}

/// Reads a local file for upload under [`HostFiles`]' rules, stopping past `max_bytes`.
async fn read_local(path: &std::path::Path, max_bytes: usize) -> Result<Vec<u8>, FileError> {
    use tokio::io::AsyncReadExt;
    if !path.is_absolute() {
        return Err(FileError::Refused(
            "`file_path` must be an absolute path.".to_owned(),
        ));
    }
    let unreadable = |_| FileError::Failed("the file could not be read".to_owned());
    let resolved = tokio::fs::canonicalize(path).await.map_err(unreadable)?;
    let hidden = resolved.components().any(|c| {
        matches!(c, std::path::Component::Normal(name) if name.to_string_lossy().starts_with('.'))
    });
    if hidden {
        return Err(FileError::Refused(
            "files in hidden folders, and hidden files, are not uploaded".to_owned(),
        ));
    }
    let file = tokio::fs::File::open(&resolved).await.map_err(unreadable)?;
    let metadata = file.metadata().await.map_err(unreadable)?;
    if !metadata.is_file() {
        return Err(FileError::Refused(
            "the path is not a regular file".to_owned(),
        ));
    }
    if metadata.len() > max_bytes as u64 {
        return Err(FileError::TooLarge(max_bytes));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(max_bytes));
    // One byte past the limit tells a file that grew since `metadata` from one that fits.
    let limit = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    file.take(limit)
        .read_to_end(&mut bytes)
        .await
        .map_err(unreadable)?;
    if bytes.len() > max_bytes {
        return Err(FileError::TooLarge(max_bytes));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn local_files_are_read_in_stdio_only_within_the_limit_and_never_hidden_ones() {
        let dir = std::env::temp_dir().join(format!("clickup-mcp-files-{}", std::process::id()));
        std::fs::create_dir_all(dir.join(".secret")).unwrap();
        std::fs::write(dir.join("notes.txt"), b"hello").unwrap();
        std::fs::write(dir.join(".secret/key"), b"k").unwrap();
        let stdio = HostFiles {
            max_bytes: 5,
            local_paths: true,
        };
        let path = |p: &str| dir.join(p).to_string_lossy().into_owned();
        assert_eq!(
            stdio.read_path(&path("notes.txt"), 5).await.unwrap(),
            b"hello"
        );
        assert_eq!(
            stdio.read_path(&path("notes.txt"), 4).await,
            Err(FileError::TooLarge(4))
        );
        assert!(matches!(
            stdio.read_path(&path(".secret/key"), 5).await,
            Err(FileError::Refused(_))
        ));
        assert!(matches!(
            stdio.read_path(&path(""), 5).await,
            Err(FileError::Refused(_))
        ));
        assert!(matches!(
            stdio.read_path("notes.txt", 5).await,
            Err(FileError::Refused(_))
        ));
        let hosted = HostFiles {
            max_bytes: 5,
            local_paths: false,
        };
        assert!(matches!(
            hosted.read_path(&path("notes.txt"), 5).await,
            Err(FileError::Unsupported(_))
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

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

    /// The decision a successful fetch goes through (a public https server is not available
    /// to tests, so success is shown here, before the connection).
    #[test]
    fn the_decision_pins_a_public_https_target_and_refuses_the_rest() {
        let public: SocketAddr = "93.184.216.34:443".parse().unwrap();
        let private: SocketAddr = "10.0.0.7:443".parse().unwrap();
        let https = Url::parse("https://files.example.com/a.pdf").unwrap();
        assert_eq!(decide(&https, &[public], false), Ok(public));
        // One bad address among good ones refuses the host (DNS can answer either).
        assert_eq!(
            decide(&https, &[public, private], false),
            Err(FetchError::ForbiddenAddress)
        );
        assert_eq!(decide(&https, &[], false), Err(FetchError::Unresolved));
        for bad in [
            "http://files.example.com/a.pdf",
            "ftp://files.example.com/a.pdf",
            "file:///etc/passwd",
            "https://user:pw@files.example.com/a.pdf",
        ] {
            let url = Url::parse(bad).unwrap();
            assert!(decide(&url, &[public], false).is_err(), "{bad}");
        }
        // Only a local test setup allows private addresses (and then http).
        let http = Url::parse("http://127.0.0.1:9/x").unwrap();
        let local: SocketAddr = "127.0.0.1:9".parse().unwrap();
        assert_eq!(decide(&http, &[local], true), Ok(local));
    }

    #[test]
    fn sizes_are_shown_as_people_read_them() {
        assert_eq!(shown_size(5 * 1024), "5 KB");
        assert_eq!(shown_size(10 * 1024 * 1024), "10 MB");
        assert_eq!(shown_size(1500), "1500 bytes");
        assert_eq!(
            FetchError::TooLarge(10 * 1024 * 1024).to_string(),
            "the answer is larger than the limit of 10 MB"
        );
    }

    #[tokio::test]
    async fn a_hostname_resolving_to_loopback_is_refused_before_any_connection() {
        for url in [
            "https://localhost/client.json",
            "https://127.0.0.1/client.json",
            "https://[::1]/client.json",
            "https://169.254.169.254/latest/meta-data",
            "https://2130706433/client.json",
            "https://10.1.2.3/file.bin",
        ] {
            let url = Url::parse(url).unwrap();
            for limits in [Limits::METADATA, Limits::attachment(1024)] {
                assert_eq!(
                    fetch(&url, &limits, false).await,
                    Err(FetchError::ForbiddenAddress),
                    "{url}"
                );
            }
        }
    }

    #[tokio::test]
    async fn a_redirect_is_refused_and_a_body_over_the_limit_stops() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        // A local server (reachable only with `allow_private`, as in a test setup): a redirect,
        // then a body over the limit by its length, then one over it while it streams.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            for answer in [
                "HTTP/1.1 302 Found\r\nLocation: https://10.0.0.1/x\r\nContent-Length: 0\r\n\r\n"
                    .to_owned(),
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: 4096\r\n\r\n{}",
                    "a".repeat(4096)
                ),
                format!(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n{}\r\n800\r\n{}\r\n0\r\n\r\n",
                    "b".repeat(2048),
                    "c".repeat(2048)
                ),
            ] {
                let (mut socket, _) = listener.accept().await.unwrap();
                let mut request = [0_u8; 1024];
                let _ = socket.read(&mut request).await;
                let _ = socket.write_all(answer.as_bytes()).await;
                let _ = socket.shutdown().await;
            }
        });
        let url = Url::parse(&format!("http://127.0.0.1:{port}/file")).unwrap();
        // Under production rules a local http server is refused before any connection.
        assert_eq!(
            fetch(&url, &Limits::attachment(1024), false).await,
            Err(FetchError::Scheme)
        );
        // No redirects for metadata documents (each followed hop of an attachment goes through
        // `decide` again: see the test above).
        let redirected = fetch(&url, &Limits::METADATA, true).await;
        assert_eq!(redirected, Err(FetchError::Redirect));
        assert_eq!(
            fetch(&url, &Limits::attachment(1024), true).await,
            Err(FetchError::TooLarge(1024))
        );
        assert_eq!(
            fetch(&url, &Limits::attachment(3000), true).await,
            Err(FetchError::TooLarge(3000))
        );
    }
}
