//! The HTML of the authorize page and of its error page: self-contained (no external assets),
//! every interpolated value escaped.

use std::fmt::Write as _;

/// One workspace the user may grant.
#[derive(Debug)]
pub(crate) struct WorkspaceChoice<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
    /// Whether its box is ticked.
    pub(crate) checked: bool,
}

/// What the authorize page shows.
#[derive(Debug)]
pub(crate) struct AuthorizePage<'a> {
    pub(crate) client_id: &'a str,
    pub(crate) redirect_uri: &'a str,
    pub(crate) state: Option<&'a str>,
    pub(crate) username: &'a str,
    pub(crate) email: &'a str,
    pub(crate) workspaces: Vec<WorkspaceChoice<'a>>,
    /// A message above the form, e.g. when no workspace was ticked.
    pub(crate) error: Option<&'a str>,
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;background:#f4f5f7;\
color:#292d34;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}\
main{background:#fff;border-radius:12px;box-shadow:0 4px 24px rgba(0,0,0,.08);padding:32px;max-width:440px;width:100%}\
h1{font-size:20px;margin:0 0 8px}p{color:#656f7d;line-height:1.5}code{background:#f0f1f3;padding:1px 4px;border-radius:4px}\
.badge{display:inline-block;background:#7b68ee;color:#fff;border-radius:6px;padding:2px 8px;font-size:12px;margin-bottom:16px}\
fieldset{border:1px solid #e8eaed;border-radius:8px;padding:12px 16px;margin:16px 0}\
label{display:block;padding:6px 0}.error{background:#fdecea;color:#b3261e;border-radius:8px;padding:10px 12px}\
.actions{display:flex;gap:12px;justify-content:flex-end}button{font-size:14px;border-radius:8px;padding:10px 18px;\
border:1px solid #d0d4d9;background:#fff;cursor:pointer}button.primary{background:#7b68ee;border-color:#7b68ee;color:#fff}";

/// `value` safe inside HTML text and double- or single-quoted attributes.
pub(crate) fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
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

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{STYLE}</style></head>\
<body><main><span class=\"badge\">ClickUp sandbox</span>{body}</main></body></html>",
        escape(title)
    )
}

/// The authorize page: who is signed in, the workspaces to grant, Authorize and Deny.
pub(crate) fn render_authorize(page: &AuthorizePage<'_>) -> String {
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>Authorize <code>{}</code></h1><p>Signed in as <strong>{}</strong> ({}). \
The app will be able to act as you in the workspaces you choose.</p>",
        escape(page.client_id),
        escape(page.username),
        escape(page.email),
    );
    if let Some(error) = page.error {
        let _ = write!(
            body,
            "<p class=\"error\" role=\"alert\">{}</p>",
            escape(error)
        );
    }
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/api/oauth/authorize\">\
<input type=\"hidden\" name=\"client_id\" value=\"{}\">\
<input type=\"hidden\" name=\"redirect_uri\" value=\"{}\">",
        escape(page.client_id),
        escape(page.redirect_uri),
    );
    if let Some(state) = page.state {
        let _ = write!(
            body,
            "<input type=\"hidden\" name=\"state\" value=\"{}\">",
            escape(state)
        );
    }
    body.push_str("<fieldset><legend>Workspaces</legend>");
    for workspace in &page.workspaces {
        let _ = write!(
            body,
            "<label><input type=\"checkbox\" name=\"team\" value=\"{}\"{}> {}</label>",
            escape(workspace.id),
            if workspace.checked { " checked" } else { "" },
            escape(workspace.name),
        );
    }
    body.push_str(
        "</fieldset><div class=\"actions\">\
<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\
<button type=\"submit\" name=\"decision\" value=\"authorize\" class=\"primary\">Authorize</button>\
</div></form>",
    );
    let _ = write!(
        body,
        "<p>You will be sent back to <code>{}</code>.</p>",
        escape(page.redirect_uri)
    );
    document("Authorize app · ClickUp sandbox", &body)
}

/// An error page shown instead of redirecting (the redirect target is not trusted).
pub(crate) fn render_error(title: &str, message: &str) -> String {
    document(
        title,
        &format!(
            "<h1>{}</h1><p class=\"error\">{}</p>",
            escape(title),
            escape(message)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_every_html_special_character() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn the_page_escapes_state_and_redirect_and_lists_workspaces_checked() {
        let html = render_authorize(&AuthorizePage {
            client_id: "app",
            redirect_uri: "http://x/cb?a=1&b=\"2\"",
            state: Some("<script>alert(1)</script>"),
            username: "Alice",
            email: "alice@example.com",
            workspaces: vec![WorkspaceChoice {
                id: "9000001",
                name: "Acme <Corp>",
                checked: true,
            }],
            error: None,
        });
        assert!(!html.contains("<script>alert(1)"), "state is escaped");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(
            html.contains("a=1&amp;b=&quot;2&quot;"),
            "redirect is escaped"
        );
        assert!(html.contains("value=\"9000001\" checked> Acme &lt;Corp&gt;"));
    }
}
