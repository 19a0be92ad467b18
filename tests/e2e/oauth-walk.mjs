// A headless "browser" for the MCP authorization flow: it follows an authorization URL over plain
// HTTP with a cookie jar, as a person's browser would, and answers our consent page.
//
//   GET /authorize?…  → our consent page (#consent-form with request_id and csrf_token)
//   POST /authorize/consent (access, decision)  → 302 to the sandbox's ClickUp authorize page
//   → 302 (auto-approve) to /auth/callback  → 302 to the client's redirect_uri with code, state, iss
//
// A browser that signed in before (the jar keeps our HttpOnly browser cookie) may skip steps: a
// remembered consent redirects at once, a recognised user skips ClickUp.
//
// walkAuthorization(url, { redirectUri, access, decision, jar }) → { location: URL, pages: [...] }
// where `location` is the first redirect to the client's redirect URI (its origin and path), and
// `pages` lists the consent pages seen (their parsed fields), for the caller's checks.

/** Cookies per host (paths ignored: every cookie of the host is sent; ours are scoped anyway). */
export class CookieJar {
  constructor() {
    this.byHost = new Map();
  }
  store(url, response) {
    const host = new URL(url).host;
    const cookies = this.byHost.get(host) ?? new Map();
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (expired || value === "") cookies.delete(name);
      else cookies.set(name, value);
    }
    this.byHost.set(host, cookies);
  }
  header(url) {
    const cookies = this.byHost.get(new URL(url).host);
    if (!cookies || cookies.size === 0) return undefined;
    return [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

function attr(html, id, name) {
  // The value of attribute `name` on the element whose id or name is `id`.
  const tag = html.match(new RegExp(`<[^>]*(?:id|name)="${id}"[^>]*>`));
  if (!tag) return undefined;
  const value = tag[0].match(new RegExp(`\\s${name}="([^"]*)"`));
  return value?.[1];
}

function text(html, id) {
  const m = html.match(new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</`));
  return m?.[1];
}

const decode = (s) =>
  s
    ?.replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");

/** The fields of our consent page, or undefined when `html` is not one. */
export function parseConsentPage(html) {
  if (!html.includes('id="consent-form"')) return undefined;
  return {
    action: attr(html, "consent-form", "action"),
    requestId: attr(html, "request_id", "value"),
    csrfToken: attr(html, "csrf_token", "value"),
    clientName: decode(text(html, "client-name")),
    redirectHost: decode(text(html, "redirect-host")),
    signedInAs: html.includes('id="signed-in-as"'),
    hasRead: html.includes('id="scope-read"'),
    hasWrite: html.includes('id="scope-write"'),
  };
}

async function request(jar, url, init = {}) {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set("cookie", cookie);
  headers.set("accept", "text/html");
  const response = await fetch(url, { ...init, headers, redirect: "manual" });
  jar.store(url, response);
  return response;
}

function isClientRedirect(location, redirectUri) {
  const target = new URL(location);
  const registered = new URL(redirectUri);
  return (
    target.protocol === registered.protocol &&
    target.hostname === registered.hostname &&
    target.pathname === registered.pathname
  );
}

export async function walkAuthorization(
  authorizationUrl,
  { redirectUri, access = "write", decision = "approve", jar = new CookieJar(), log = () => {} },
) {
  let url = String(authorizationUrl);
  let init = {};
  const pages = [];
  for (let hop = 0; hop < 12; hop++) {
    const response = await request(jar, url, init);
    init = {};
    log(`${response.status} ${new URL(url).host}${new URL(url).pathname}`);
    if (response.status >= 300 && response.status < 400) {
      const location = new URL(response.headers.get("location"), url).href;
      await response.body?.cancel();
      if (isClientRedirect(location, redirectUri)) {
        return { location: new URL(location), pages, jar };
      }
      url = location;
      continue;
    }
    const html = await response.text();
    const page = parseConsentPage(html);
    if (response.status !== 200 || !page) {
      const message = decode(text(html, "error-message")) ?? html.slice(0, 300);
      throw new Error(`authorization stopped at ${url} with ${response.status}: ${message}`);
    }
    pages.push(page);
    const form = new URLSearchParams({
      request_id: page.requestId,
      csrf_token: page.csrfToken,
      access,
      decision,
    });
    url = new URL(page.action, url).href;
    init = {
      method: "POST",
      body: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    };
  }
  throw new Error(`authorization did not reach ${redirectUri} within 12 hops`);
}
