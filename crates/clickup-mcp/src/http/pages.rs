//! The HTML pages people see: the login success page (with the token and a copy button) and
//! the error page. Self-contained: no external assets, a strict CSP with a per-response nonce,
//! not frameable, every interpolated value escaped.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::http::error::ApiError;
use crate::state::AppState;
use crate::store::User;

const STYLE: &str = r#"
:root{color-scheme:light dark;--fg:#1f2330;--muted:#5b6172;--bg:#f6f7fb;--card:#fff;--accent:#7b68ee;--border:#dfe2ec;--bad:#c62828}
@media (prefers-color-scheme:dark){:root{--fg:#e8e9ef;--muted:#a3a8b8;--bg:#14161c;--card:#1d2029;--border:#333847}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:40rem;margin:2rem auto;padding:0 1rem}
.card{background:var(--card);border:1px solid var(--border);border-radius:12px;padding:1.5rem}
h1{font-size:1.4rem;margin:0 0 .5rem}p{margin:.5rem 0}.muted{color:var(--muted);font-size:.9rem}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
textarea{width:100%;min-height:7rem;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;padding:.6rem;border:1px solid var(--border);border-radius:8px;background:var(--bg);color:var(--fg);word-break:break-all;resize:vertical}
button{margin-top:.75rem;font:inherit;font-weight:600;padding:.6rem 1.2rem;border:0;border-radius:8px;background:var(--accent);color:#fff;cursor:pointer;min-height:44px}
button:focus-visible,textarea:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}.error{color:var(--bad)}
"#;

/// The page shown to a browser after a successful login.
pub fn login_success(state: &AppState, token: &str, user: &User) -> Response {
    let nonce = crate::random::token_hex();
    let workspace = user
        .default_workspace
        .as_ref()
        .map(|w| format!(" in <strong>{}</strong>", escape(&w.name)))
        .unwrap_or_default();
    let body = format!(
        r#"<h1>You are signed in</h1>
<p>Signed in as <strong>{username}</strong>{workspace}.</p>
<label for="token">Your session token</label>
<textarea id="token" readonly aria-describedby="token-help">{token}</textarea>
<button type="button" id="copy">Copy token</button> <span id="copied" role="status" aria-live="polite"></span>
<p id="token-help" class="muted">Use it as <code>Authorization: Bearer &lt;token&gt;</code> with <code>{mcp}</code>. It is valid for {hours} hours; treat it like a password.</p>
<script nonce="{nonce}">
document.getElementById("copy").addEventListener("click", async () => {{
  const field = document.getElementById("token");
  try {{ await navigator.clipboard.writeText(field.value); }}
  catch (e) {{ field.select(); document.execCommand("copy"); }}
  document.getElementById("copied").textContent = "Copied.";
}});
</script>"#,
        username = escape(&user.username),
        token = escape(token),
        mcp = escape(&format!("{}/mcp", state.public_url())),
        hours = state.session_lifetime_secs / 3600,
    );
    page(StatusCode::OK, "Signed in — clickup-mcp", &body, &nonce)
}

/// The page shown to a browser when a login fails.
pub fn error_page(err: &ApiError) -> Response {
    let nonce = crate::random::token_hex();
    let status = err.status();
    let body = format!(
        r#"<h1 class="error">Sign-in did not complete</h1>
<p>{message}</p>
<p class="muted">Error code: <code>{code}</code></p>
<p><a href="/auth/login">Start again</a></p>"#,
        message = escape(&message_of(err)),
        code = escape(err.code()),
    );
    page(status, "Sign-in failed — clickup-mcp", &body, &nonce)
}

fn message_of(err: &ApiError) -> String {
    match err {
        ApiError::InvalidState(_) => {
            "This sign-in link is no longer valid: it was already used, it expired, or it was started in another browser.".into()
        }
        ApiError::AccessDenied => "Access was denied at ClickUp, so nothing was connected.".into(),
        ApiError::Upstream { action, .. } => format!("ClickUp failed while {action}. Nothing was saved; try again."),
        ApiError::NetworkTimeout => "ClickUp did not answer in time. Nothing was saved; try again.".into(),
        ApiError::InvalidRequest(what) => (*what).to_owned(),
        _ => "Something went wrong. Nothing was saved; try again.".into(),
    }
}

fn page(status: StatusCode, title: &str, body: &str, nonce: &str) -> Response {
    let html = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title><style nonce="{nonce}">{STYLE}</style></head>
<body><main><div class="card">{body}</div></main></body></html>"#,
        title = escape(title),
    );
    let csp = format!(
        "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src 'self'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    let mut response = (status, Html(html)).into_response();
    if let Ok(value) = HeaderValue::from_str(&csp) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// Escape text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            super::escape(r#"<script>"a"&'b'</script>"#),
            "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;&lt;/script&gt;"
        );
    }
}
