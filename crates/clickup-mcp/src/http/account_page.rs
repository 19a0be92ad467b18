//! The account page's HTML (`crate::http::account` serves it): who is signed in, their tier and
//! rate limit, the MCP clients they approved with a Revoke form each, and "Sign out everywhere";
//! or, for a browser that is not signed in, a "Sign in with ClickUp" link. No script, every
//! interpolated value escaped (a client's name is what it calls itself, never trusted markup),
//! each form carrying the page's CSRF token.
//!
//! Stable element ids, for people and for browser tests: `#account`, `#username`, `#tier`,
//! `#rate-limit`, `#rate-remaining`, `#clients` (one `li.client` per client, with
//! `.client-name`, `.client-scope`, `.client-approved`, `.client-last-used` and a
//! `form.revoke-form` whose button is `#revoke-1`, `#revoke-2`, …), `#no-clients`,
//! `#sign-out-everywhere` (the form; its button `#sign-out`); `#sign-in` when signed out;
//! `#signed-out` after signing out everywhere; `#account-error` on the error page.

use axum::http::StatusCode;
use axum::response::Response;

use crate::domain::{EpochSeconds, Tier, User};
use crate::limits::Decision;
use crate::oauth::scopes::Scope;
use crate::store::ClientGrant;
use crate::web::page_shell::{escape, page_with_style};
use crate::web::responses::no_store;

const STYLE: &str = r#"
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}
dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
ul.clients{list-style:none;margin:0;padding:0}
li.client{border-top:1px solid var(--border);padding:.75rem 0;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
li.client:first-child{border-top:0}
.client-main{min-width:0;flex:1 1 14rem}
.client-name{font-weight:700;overflow-wrap:anywhere}
.client-id{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem;overflow-wrap:anywhere}
li.client form{margin:0}li.client button{margin:0}
button.secondary{background:transparent;color:var(--fg);border:2px solid var(--border)}
button.danger{background:var(--bad)}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.cta{display:inline-block;margin-top:.75rem;font-weight:600;padding:.6rem 1.2rem;border-radius:8px;background:var(--accent);color:#fff;text-decoration:none;min-height:44px}
"#;

/// What the signed-in account page shows.
#[derive(Debug)]
pub(crate) struct AccountView<'a> {
    /// Who is signed in.
    pub user: &'a User,
    /// Their limit now (peeked: nothing counted).
    pub window: Decision,
    /// The clients with a live grant.
    pub grants: &'a [ClientGrant],
    /// The CSRF token every form carries.
    pub csrf_token: &'a str,
}

/// `GET /account` for a signed-in browser.
pub(crate) fn account(view: &AccountView<'_>) -> Response {
    let nonce = crate::random::token_hex();
    let tier = match view.user.tier {
        Tier::Free => "Free",
        Tier::Premium => "Premium",
    };
    let csrf = escape(view.csrf_token);
    let clients = if view.grants.is_empty() {
        r#"<p id="no-clients" class="muted">No apps are connected. When you approve an MCP client, it is listed here.</p>"#.to_owned()
    } else {
        let items: String = view
            .grants
            .iter()
            .enumerate()
            .map(|(index, grant)| client_item(index + 1, grant, &csrf))
            .collect();
        format!(r#"<ul id="clients" class="clients">{items}</ul>"#)
    };
    let body = format!(
        r#"<h1 id="account">Your account</h1>
<dl>
<dt>Signed in as</dt><dd id="username">{username}</dd>
<dt>Email</dt><dd>{email}</dd>
<dt>Tier</dt><dd id="tier">{tier}</dd>
<dt>Rate limit</dt><dd><span id="rate-limit">{limit}</span> requests per minute; <span id="rate-remaining">{remaining}</span> left now</dd>
</dl>
<h2>Connected apps</h2>
{clients}
<h2>Sign out everywhere</h2>
<p class="muted">Ends every session and disconnects every app above, forgets your ClickUp connection on this server, and signs this browser out.</p>
<form id="sign-out-everywhere" method="post" action="/account/sign-out-everywhere">
<input type="hidden" name="csrf_token" value="{csrf}">
<button type="submit" id="sign-out" class="danger">Sign out everywhere</button>
</form>"#,
        username = escape(&view.user.username),
        email = escape(&view.user.email),
        limit = view.window.limit,
        remaining = view.window.remaining,
    );
    no_store(page_with_style(
        StatusCode::OK,
        "Your account — clickup-mcp",
        &body,
        &nonce,
        STYLE,
        &[],
    ))
}

fn client_item(number: usize, grant: &ClientGrant, csrf: &str) -> String {
    let name = grant.client_name.as_deref().unwrap_or(&grant.client_id);
    let scope = match Scope::of_token(&grant.scope) {
        Scope::Read => "Read only",
        Scope::ReadWrite => "Read and change",
    };
    let last_used = grant.last_used_at.map_or_else(|| "never".to_owned(), when);
    format!(
        r#"<li class="client"><div class="client-main">
<div class="client-name">{name}</div>
<div class="client-id muted">{client_id}</div>
<div class="muted"><span class="client-scope">{scope}</span> · approved <span class="client-approved">{approved}</span> · last used <span class="client-last-used">{last_used}</span></div>
</div>
<form class="revoke-form" method="post" action="/account/revoke">
<input type="hidden" name="csrf_token" value="{csrf}">
<input type="hidden" name="client_id" value="{client_id}">
<button type="submit" id="revoke-{number}" class="secondary" aria-label="Revoke {name}">Revoke</button>
</form></li>"#,
        name = escape(name),
        client_id = escape(&grant.client_id),
        approved = when(grant.granted_at),
        last_used = escape(&last_used),
    )
}

/// `GET /account` for a browser that is not signed in.
pub(crate) fn signed_out() -> Response {
    let nonce = crate::random::token_hex();
    let body = r#"<h1 id="account">Your account</h1>
<p>Sign in to see your tier and rate limit, and the apps you connected to this server.</p>
<a id="sign-in" class="cta" href="/account/sign-in">Sign in with ClickUp</a>"#;
    no_store(page_with_style(
        StatusCode::OK,
        "Your account — clickup-mcp",
        body,
        &nonce,
        STYLE,
        &[],
    ))
}

/// After "Sign out everywhere".
pub(crate) fn signed_out_everywhere(sessions: u64) -> Response {
    let nonce = crate::random::token_hex();
    let body = format!(
        r#"<h1 id="signed-out">You are signed out everywhere</h1>
<p>{sessions} session(s) ended, every connected app was disconnected, and this server no longer holds your ClickUp connection.</p>
<p><a href="/account">Sign in again</a></p>"#
    );
    no_store(page_with_style(
        StatusCode::OK,
        "Signed out — clickup-mcp",
        &body,
        &nonce,
        STYLE,
        &[],
    ))
}

/// A refused account form (stale or forged, or the browser is no longer signed in).
pub(crate) fn error(status: StatusCode, message: &str) -> Response {
    let nonce = crate::random::token_hex();
    let body = format!(
        r#"<h1 class="error">That did not work</h1>
<p id="account-error">{}</p>
<p><a href="/account">Back to your account</a></p>"#,
        escape(message)
    );
    no_store(page_with_style(
        status,
        "Account — clickup-mcp",
        &body,
        &nonce,
        STYLE,
        &[],
    ))
}

/// A time as people read it: `2026-12-04 21:47 UTC`.
fn when(at: EpochSeconds) -> String {
    jiff::Timestamp::from_second(at).map_or_else(
        |_| "unknown".to_owned(),
        |t| t.strftime("%Y-%m-%d %H:%M UTC").to_string(),
    )
}
