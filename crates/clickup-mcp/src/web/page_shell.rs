//! The shell every HTML page shares: the document around a page's body, its style sheet, the
//! strict Content-Security-Policy with a per-response nonce (no external assets, not
//! frameable), and HTML escaping. Used by [`crate::http::pages`] and the consent page of
//! [`crate::oauth::consent_page`].

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

pub(crate) const STYLE: &str = r#"
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

/// A page: `body` inside the shell, with `nonce` on its style (and on any script in `body`).
pub(crate) fn page(status: StatusCode, title: &str, body: &str, nonce: &str) -> Response {
    page_with_style(status, title, body, nonce, "", &[])
}

/// A page whose style sheet is the shell's plus `extra_style`, and whose forms may also lead to
/// `form_targets` (CSP source expressions such as `https://app.clickup.com` or `cursor:`):
/// browsers apply `form-action` to every redirect that follows a form submission.
pub(crate) fn page_with_style(
    status: StatusCode,
    title: &str,
    body: &str,
    nonce: &str,
    extra_style: &str,
    form_targets: &[String],
) -> Response {
    let html = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title><style nonce="{nonce}">{STYLE}{extra_style}</style></head>
<body><main><div class="card">{body}</div></main></body></html>"#,
        title = escape(title),
    );
    let mut form_action = String::from("'self'");
    for target in form_targets {
        form_action.push(' ');
        form_action.push_str(target);
    }
    let csp = format!(
        "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src 'self'; \
         base-uri 'none'; form-action {form_action}; frame-ancestors 'none'"
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
