//! Our consent page, shown before anything goes to ClickUp, and the error page of `/authorize`.
//!
//! The page names the client (escaped: a client name is never trusted markup), the host its
//! answer goes to, and what it will be allowed to do, with the choice of read-only or
//! read-write access. It is one form posting to `/authorize/consent`, carrying the pending
//! request's id and a CSRF token (both single use, bound to this browser's cookie). No script,
//! no external assets, not frameable (`frame-ancestors 'none'`, `X-Frame-Options: DENY`),
//! labelled controls with visible focus, readable on a phone.
//!
//! Stable element ids, for people and for browser tests: `#consent-form`, `#client-name`,
//! `#redirect-host`, `#signed-in-as` (when the browser is signed in), `#scope-read`,
//! `#scope-write` (radio buttons named `access`, values `read` and `write`; `#scope-write` only
//! when the client asked for write access), `#approve` and `#deny` (submit buttons named
//! `decision`, values `approve` and `deny`); hidden fields `request_id` and `csrf_token`.
//! The error page has `#error-message`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;

use crate::oauth::redirect_uris;
use crate::oauth::scopes::Scope;
use crate::web::page_shell::{escape, page_with_style};

const STYLE: &str = r#"
.client{font-size:1.25rem;font-weight:700;overflow-wrap:anywhere}
.host{font-family:ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
fieldset{border:1px solid var(--border);border-radius:10px;margin:1rem 0;padding:.5rem 1rem 1rem}
legend{font-weight:600;padding:0 .25rem}
.option{display:flex;gap:.75rem;align-items:flex-start;padding:.75rem 0;border-top:1px solid var(--border)}
.option:first-of-type{border-top:0}
.option input{margin-top:.3rem;width:1.2rem;height:1.2rem;flex:none;accent-color:var(--accent)}
.option label{margin:0;font-weight:600}.option .muted{margin:.1rem 0 0}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1rem}
.actions button{flex:1 1 10rem;margin:0}
button.secondary{background:transparent;color:var(--fg);border:2px solid var(--border)}
.note{border-left:4px solid var(--accent);padding:.25rem .75rem;margin:1rem 0}
"#;

/// What the consent page shows.
#[derive(Debug)]
pub struct ConsentView<'a> {
    /// The client's name, if it gave one (shown escaped).
    pub client_name: Option<&'a str>,
    /// The client id (shown when there is no name, and always in small print).
    pub client_id: &'a str,
    /// Whether the client is known by a metadata document at its own URL (else it registered
    /// itself and its name is unverified).
    pub is_document: bool,
    /// Where the answer goes.
    pub redirect_uri: &'a str,
    /// What the client asked for.
    pub requested: Scope,
    /// The signed-in user's name, when the browser is signed in.
    pub signed_in_as: Option<&'a str>,
    /// The pending request's id.
    pub request_id: &'a str,
    /// The form's CSRF token.
    pub csrf_token: &'a str,
    /// Where ClickUp's authorize page is (a form target after approval).
    pub clickup_origin: String,
}

/// The consent page.
pub fn consent(view: &ConsentView<'_>) -> Response {
    let nonce = crate::random::token_hex();
    let name = view.client_name.unwrap_or(view.client_id);
    let host = redirect_uris::display_host(view.redirect_uri);
    let who = match view.signed_in_as {
        Some(user) => format!(
            r#"<p id="signed-in-as" class="muted">Signed in to ClickUp as <strong>{}</strong>.</p>"#,
            escape(user)
        ),
        None => r#"<p class="muted">After you approve, ClickUp asks you to sign in and choose the workspaces to share.</p>"#.into(),
    };
    let provenance = if view.is_document {
        format!(
            "Its details were published at <span class=\"host\">{}</span>.",
            escape(view.client_id)
        )
    } else {
        "This app registered itself with this server: its name is what it calls itself, not a verified identity.".into()
    };
    let write_checked = view.requested == Scope::ReadWrite;
    let write_option = if view.requested == Scope::ReadWrite {
        r#"<div class="option"><input type="radio" id="scope-write" name="access" value="write" checked aria-describedby="scope-write-help">
<div><label for="scope-write">Read and change</label>
<p id="scope-write-help" class="muted">Everything above, and create, update, move and delete tasks, comments, lists, docs, time entries and other items, as you could yourself.</p></div></div>"#
    } else {
        ""
    };
    let body = format!(
        r#"<h1>Allow access to your ClickUp?</h1>
<p><span id="client-name" class="client">{name}</span> wants to use this ClickUp MCP server on your behalf.</p>
<p>If you allow it, you will be sent back to <strong id="redirect-host" class="host">{host}</strong>.</p>
<p class="note muted">{provenance} Only continue if you just started connecting it.</p>
{who}
<form id="consent-form" method="post" action="/authorize/consent">
<input type="hidden" name="request_id" value="{request_id}">
<input type="hidden" name="csrf_token" value="{csrf_token}">
<fieldset><legend>What it may do</legend>
<div class="option"><input type="radio" id="scope-read" name="access" value="read"{read_checked} aria-describedby="scope-read-help">
<div><label for="scope-read">Read only</label>
<p id="scope-read-help" class="muted">See your workspaces, spaces, folders, lists, tasks, comments, docs, goals and time entries. It cannot change anything.</p></div></div>
{write_option}
</fieldset>
<div class="actions">
<button type="submit" id="approve" name="decision" value="approve">Approve</button>
<button type="submit" id="deny" name="decision" value="deny" class="secondary">Deny</button>
</div>
</form>
<p class="muted">Client id: <code>{client_id}</code>. You can revoke access at any time on <a href="/account">your account page</a>.</p>"#,
        name = escape(name),
        host = escape(&host),
        request_id = escape(view.request_id),
        csrf_token = escape(view.csrf_token),
        read_checked = if write_checked { "" } else { " checked" },
        client_id = escape(view.client_id),
    );
    let targets = vec![view.clickup_origin.clone(), form_target(view.redirect_uri)];
    let response = page_with_style(
        StatusCode::OK,
        "Allow access — clickup-mcp",
        &body,
        &nonce,
        STYLE,
        &targets,
    );
    private(response)
}

/// The error page of `/authorize` and the consent form: shown, never redirected, when the
/// client or its redirect URI is in doubt (or the consent form is stale or forged).
pub fn error(status: StatusCode, message: &str) -> Response {
    let nonce = crate::random::token_hex();
    let body = format!(
        r#"<h1 class="error">This connection cannot continue</h1>
<p id="error-message">{}</p>
<p class="muted">Nothing was shared. Go back to the app you were connecting and start again; if it keeps happening, the app may be misconfigured.</p>"#,
        escape(message)
    );
    private(page_with_style(
        status,
        "Cannot connect — clickup-mcp",
        &body,
        &nonce,
        "",
        &[],
    ))
}

/// A CSP `form-action` source for a redirect URI: its origin, or its scheme for a native app.
fn form_target(redirect_uri: &str) -> String {
    match url::Url::parse(redirect_uri) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => url.origin().ascii_serialization(),
        Ok(url) => format!("{}:", url.scheme()),
        Err(_) => "'none'".into(),
    }
}

/// Pages with per-request secrets are not cached, and are not frameable (also set by the
/// router for every answer).
fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_targets_are_origins_or_native_schemes() {
        assert_eq!(
            form_target("http://127.0.0.1:33418/callback?x=1"),
            "http://127.0.0.1:33418"
        );
        assert_eq!(form_target("cursor://anysphere/cb"), "cursor:");
    }
}
