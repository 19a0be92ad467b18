//! The HTML pages people see: the home page, the login success page (with the token and a copy
//! button) and the error page. Self-contained: no external assets, a strict CSP with a per-response nonce,
//! not frameable, every interpolated value escaped.

use axum::http::StatusCode;
use axum::response::Response;

use crate::domain::User;
use crate::state::AppState;
use crate::web::error::ApiError;
pub use crate::web::page_shell::escape;
use crate::web::page_shell::page;

/// `GET /`: what this server is, how to connect an MCP client, and a link to sign in.
pub async fn home(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    let nonce = crate::random::token_hex();
    let base = state.public_url().to_owned();
    let body = format!(
        r#"<h1>clickup-mcp</h1>
<p>This server lets AI assistants work in ClickUp through the Model Context Protocol (MCP).</p>
<h2>Connect an MCP client</h2>
<p>Give your client this URL; it signs you in with ClickUp by itself:</p>
<pre><code>{mcp}</code></pre>
<p class="muted">For example: <code>claude mcp add --transport http clickup {mcp}</code>.
More tools, by area: <code>{base_html}/mcp/x/all</code> (see the project's README).</p>
<h2>Or sign in here</h2>
<p><a href="/auth/login">Sign in with ClickUp</a> to get a session token for tools such as curl.</p>
<h2>Your account</h2>
<p><a id="account-link" href="/account">Your account</a>: your tier and rate limit, the apps you connected (revoke any of them), and signing out everywhere.</p>"#,
        mcp = escape(&format!("{base}/mcp")),
        base_html = escape(&base),
    );
    page(StatusCode::OK, "clickup-mcp", &body, &nonce)
}

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
<p><a id="account-link" href="/account">Your account</a>: your tier, rate limit and connected apps.</p>
<script nonce="{nonce}">
// The address still holds the one-time code and state: reloading it would fail. Show a
// harmless one instead (reloading that says the token was shown once).
history.replaceState(null, "", "/auth/signed-in");
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

/// `GET /auth/signed-in`: where the success page's address points once shown, so that a reload
/// (or going back to it) explains instead of replaying a used code.
pub async fn signed_in() -> Response {
    let nonce = crate::random::token_hex();
    let body = r#"<h1>You are signed in</h1>
<p>Your session token was shown once, on this page, and is not shown again.</p>
<p>If you did not keep it, <a href="/auth/login">sign in again</a> for a new one.</p>"#;
    page(StatusCode::OK, "Signed in — clickup-mcp", body, &nonce)
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
