//! Which redirect URIs a client may register, and when one presented at `/authorize` matches.
//!
//! Accepted (README, "MCP clients that log in by themselves"):
//! - `https://host/…` with a lowercase host written as the URL parser reads it;
//! - `http://` only on a loopback host — `127.0.0.1`, `[::1]` or `localhost` — where the port
//!   at use may differ from the registered one (RFC 8252 §7.3);
//! - a custom scheme of a known native MCP client: [`NATIVE_SCHEMES`].
//!
//! Refused, in any spelling: every other scheme (`javascript:`, `data:`, `file:`, `vbscript:`,
//! …), fragments, user info, wildcards, backslashes, whitespace, control or non-ASCII
//! characters, a scheme not in lower case, and anything longer than [`MAX_LENGTH`]. Matching is
//! exact, character for character (no trailing-slash, case or port leniency) except for the
//! loopback port.

use url::{Host, Url};

/// Custom URL schemes of known native MCP clients: Cursor, VS Code (and Insiders), Claude
/// Desktop, Windsurf, Zed.
pub const NATIVE_SCHEMES: &[&str] = &[
    "cursor",
    "vscode",
    "vscode-insiders",
    "claude",
    "windsurf",
    "zed",
];

/// The longest redirect URI accepted.
pub const MAX_LENGTH: usize = 512;

/// Why a redirect URI is refused, for `invalid_redirect_uri` (never echoing the value).
pub fn check(raw: &str) -> Result<(), &'static str> {
    if raw.is_empty() || raw.len() > MAX_LENGTH {
        return Err("must be 1 to 512 characters");
    }
    if !raw.bytes().all(|b| b.is_ascii_graphic()) {
        return Err("must be printable ASCII with no spaces or control characters");
    }
    if raw.contains('#') {
        return Err("must not have a fragment");
    }
    if raw.contains('*') {
        return Err("must not contain wildcards");
    }
    if raw.contains('\\') {
        return Err("must not contain backslashes");
    }
    let url = Url::parse(raw).map_err(|_| "is not an absolute URI")?;
    let written_scheme = raw.split(':').next().unwrap_or_default();
    if written_scheme != url.scheme() {
        return Err("the scheme must be written in lower case");
    }
    if !url.username().is_empty() || url.password().is_some() || authority_has_userinfo(raw) {
        return Err("must not contain user information");
    }
    match url.scheme() {
        "https" => {
            written_as_parsed(raw, &url, "https")?;
            Ok(())
        }
        "http" => {
            written_as_parsed(raw, &url, "http")?;
            if is_loopback(&url) {
                Ok(())
            } else {
                Err("http is allowed only on a loopback address (127.0.0.1, [::1], localhost)")
            }
        }
        scheme if NATIVE_SCHEMES.contains(&scheme) => Ok(()),
        _ => Err("the scheme is not allowed (https, loopback http, or a known native client's)"),
    }
}

/// Whether `presented` matches one of `registered`: exactly, or for a loopback `http` URI with
/// any port.
pub fn matches(registered: &[String], presented: &str) -> bool {
    if check(presented).is_err() {
        return false;
    }
    registered.iter().any(|r| {
        r == presented
            || (match (Url::parse(r), Url::parse(presented)) {
                (Ok(r), Ok(p)) => {
                    r.scheme() == "http"
                        && p.scheme() == "http"
                        && is_loopback(&r)
                        && without_port(r) == without_port(p)
                }
                _ => false,
            })
    })
}

/// The host of a redirect URI, to show on the consent page (`localhost`, `app.example.com`, or
/// the scheme of a native client, `cursor:`).
pub fn display_host(raw: &str) -> String {
    match Url::parse(raw) {
        Ok(url) => match url.host_str() {
            Some(host) if matches!(url.scheme(), "http" | "https") => match url.port() {
                Some(port) => format!("{host}:{port}"),
                None => host.to_owned(),
            },
            _ => format!("{} app", url.scheme()),
        },
        Err(_) => "an unknown address".into(),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip == std::net::Ipv4Addr::LOCALHOST,
        Some(Host::Ipv6(ip)) => ip == std::net::Ipv6Addr::LOCALHOST,
        Some(Host::Domain(domain)) => domain == "localhost",
        None => false,
    }
}

fn without_port(mut url: Url) -> String {
    // Only called on http URLs with a host, where a port can always be cleared.
    let _ = url.set_port(None);
    url.to_string()
}

/// `https://host…` must be written as the parser reads it: the `//` present and the host in
/// its canonical form (so `https:evil.example`, `https://EVIL.example`, `http://2130706433`
/// or `http://0x7f.1` are refused rather than reinterpreted).
fn written_as_parsed(raw: &str, url: &Url, scheme: &str) -> Result<(), &'static str> {
    let Some(host) = url.host_str().filter(|h| !h.is_empty()) else {
        return Err("must name a host");
    };
    let prefix = format!("{scheme}://{host}");
    match raw.strip_prefix(&prefix) {
        Some(rest) if rest.is_empty() || rest.starts_with([':', '/', '?']) => Ok(()),
        _ => Err("the host must be written in its canonical, lower-case form"),
    }
}

/// Whether the authority part (between `//` and the next `/`, `?`) holds an `@`.
fn authority_has_userinfo(raw: &str) -> bool {
    raw.split_once("//")
        .map(|(_, rest)| {
            rest.split(['/', '?'])
                .next()
                .unwrap_or_default()
                .contains('@')
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_loopback_http_and_known_native_schemes_are_accepted() {
        for ok in [
            "https://app.example.com/callback",
            "https://app.example.com:8443/cb?x=1",
            "http://127.0.0.1/callback",
            "http://127.0.0.1:33418/",
            "http://[::1]:8080/cb",
            "http://localhost:6274/oauth/callback",
            "cursor://anysphere.cursor-retrieval/oauth/callback",
            "vscode://vscode.github-authentication/did-authenticate",
            "claude://oauth/callback",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn dangerous_and_ambiguous_redirect_uris_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "javascript%3Aalert(1)",
            "%6Aavascript:alert(1)",
            "javascript://example.com/%0Aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "blob:https://example.com/x",
            "https://app.example.com/cb#frag",
            "https://app.example.com/cb#",
            "https://user:pw@app.example.com/cb",
            "https://app.example.com@evil.example/cb",
            "https://*.example.com/cb",
            "https:evil.example/cb",
            "https:/evil.example/cb",
            "https://EVIL.example/cb",
            "https:\\\\evil.example/cb",
            "http://app.example.com/cb",
            "http://192.168.1.10/cb",
            "http://127.0.0.2/cb",
            "http://2130706433/cb",
            "http://0x7f.0.0.1/cb",
            "http://localhost.evil.example/cb",
            "HTTPS://app.example.com/cb",
            "https://app.exämple.com/cb",
            "/relative/cb",
            "",
        ] {
            assert!(check(bad).is_err(), "{bad:?} must be refused");
        }
        assert!(check(&format!("https://a.example/{}", "x".repeat(600))).is_err());
    }

    #[test]
    fn matching_is_exact_except_for_the_loopback_port() {
        let registered = vec![
            "https://app.example.com/cb".to_owned(),
            "http://127.0.0.1:1234/callback".to_owned(),
        ];
        assert!(matches(&registered, "https://app.example.com/cb"));
        assert!(matches(&registered, "http://127.0.0.1:5555/callback"));
        assert!(matches(&registered, "http://127.0.0.1/callback"));
        for no in [
            "https://app.example.com/cb/",
            "https://app.example.com/CB",
            "https://app.example.com:443/cb",
            "https://app.example.com:8443/cb",
            "https://app.example.com/cb?x=1",
            "http://localhost:5555/callback",
            "http://127.0.0.1:5555/callback/",
            "http://[::1]:1234/callback",
            "https://app.example.com/cb#x",
        ] {
            assert!(!matches(&registered, no), "{no} must not match");
        }
    }

    #[test]
    fn the_consent_page_shows_hosts_and_native_apps() {
        assert_eq!(
            display_host("https://app.example.com/cb"),
            "app.example.com"
        );
        assert_eq!(display_host("http://127.0.0.1:33418/"), "127.0.0.1:33418");
        assert_eq!(display_host("cursor://anysphere/cb"), "cursor app");
    }
}
