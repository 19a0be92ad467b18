// Headless Chromium (Debian's `chromium`, driven by playwright-core; Playwright never downloads a
// browser here) against the pages people see:
//   - the consent page of a freshly registered client whose name carries markup
//     (`<img src=x onerror=alert(1)>`): rendered as text, no dialog; the client name, the redirect
//     host, both access choices and both buttons; screenshots at a desktop and a phone viewport
//     (and dark mode); Approve ends on the client's redirect URI with code, state and iss, and the
//     code buys tokens; Deny (another client) ends there with error=access_denied;
//   - the error page of /authorize (an unknown client);
//   - the account page (signed in by the consent page's sign-in): tier, rate limit, exactly the
//     approved clients (the hostile name as text), a Revoke that removes a client and stops its
//     token, "Sign out everywhere", then the signed-out page's "Sign in with ClickUp" back to
//     /account; screenshots at desktop (and dark) and phone sizes;
//   - the home page: how to connect, a sign-in link, the account link; screenshots.
//   - the seed login's success page (/auth/login with the sandbox auto-approving): the token is
//     shown, the copy button puts it on the clipboard, a reload explains instead of failing;
//     screenshots.
// On every page: no CSP violation in the console, nothing loaded from elsewhere, no horizontal
// overflow on the phone.
//
// Usage: PUBLIC_URL=http://localhost:8787 SANDBOX_ORIGIN=http://127.0.0.1:8788 \
//        SCREENSHOTS=dir [CHROMIUM=/usr/bin/chromium] node browser.mjs
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const base = process.env.PUBLIC_URL;
const sandboxOrigin = process.env.SANDBOX_ORIGIN;
const shots = process.env.SCREENSHOTS;
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
assert.ok(base && sandboxOrigin && shots, "PUBLIC_URL, SANDBOX_ORIGIN and SCREENSHOTS are required");
mkdirSync(shots, { recursive: true });

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const HOSTILE_NAME = 'E2E Browser <img src=x onerror=alert(1)> "Client"';

// The client's loopback redirect target: a tiny page, so the browser really lands somewhere.
const landing = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "text/html" });
  res.end("<!doctype html><title>client</title><p>back at the client</p>");
});
await new Promise((resolve) => landing.listen(0, "127.0.0.1", resolve));
const redirectUri = `http://127.0.0.1:${landing.address().port}/callback`;
const allowedOrigins = new Set([new URL(base).origin, sandboxOrigin, new URL(redirectUri).origin]);

const userDataDir = mkdtempSync(path.join(tmpdir(), "clickup-mcp-chromium-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
  viewport: DESKTOP,
  timeout: 60_000,
});
const browserVersion = context.browser()?.version() ?? "(persistent context)";

let failures = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (err) {
    failures++;
    console.error(`FAIL ${name}: ${err?.stack ?? err}`);
  }
}

/** A page that records dialogs, CSP violations, console errors and requests elsewhere. */
async function watchedPage() {
  const page = await context.newPage();
  const seen = { dialogs: [], csp: [], elsewhere: [] };
  page.on("dialog", (dialog) => {
    seen.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) seen.csp.push(text);
  });
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!allowedOrigins.has(url.origin) && url.protocol !== "data:") seen.elsewhere.push(request.url());
  });
  // Runs before the page's own scripts (through the DevTools protocol, not subject to its CSP).
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return { page, seen };
}

async function assertClean(page, seen, what) {
  const violations = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
  assert.deepEqual(seen.csp, [], `${what}: CSP messages in the console`);
  assert.deepEqual(violations, [], `${what}: securitypolicyviolation events`);
  assert.deepEqual(seen.dialogs, [], `${what}: a dialog fired`);
  assert.deepEqual(seen.elsewhere, [], `${what}: requests to other origins`);
}

async function assertFitsPhone(page, what) {
  await page.setViewportSize(PHONE);
  const { scrollWidth, innerWidth, offenders } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    offenders: [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((e) => e.tagName + (e.id ? `#${e.id}` : "")),
  }));
  assert.ok(scrollWidth <= innerWidth, `${what}: page is ${scrollWidth}px wide on a ${innerWidth}px phone`);
  assert.deepEqual(offenders, [], `${what}: elements past the right edge`);
  for (const id of await page.$$eval("button", (bs) => bs.map((b) => b.id))) {
    const box = await page.locator(`#${id}`).boundingBox();
    assert.ok(box && box.height >= 44, `${what}: #${id} is a touch target (${box?.height}px high)`);
  }
}

async function register(name) {
  const response = await fetch(`${base}/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_name: name,
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()).client_id;
}

function authorizeUrl(clientId, extra = {}) {
  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(12).toString("hex");
  const url = new URL(`${base}/authorize`);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    state,
    resource: `${base}/mcp`,
    ...extra,
  }).toString();
  return { url: url.href, verifier, state };
}

console.log(`     Chromium ${browserVersion} (${executablePath}), playwright-core ${(await import("playwright-core/package.json", { with: { type: "json" } })).default.version}`);

// --- the consent page ------------------------------------------------------------------------
await check("consent page: renders the client (markup shown as text, no dialog), host, choices, buttons; screenshots", async () => {
  const clientId = await register(HOSTILE_NAME);
  const { url, verifier, state } = authorizeUrl(clientId);
  const { page, seen } = await watchedPage();
  const response = await page.goto(url);
  assert.equal(response.status(), 200);
  const csp = response.headers()["content-security-policy"] ?? "";
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(await page.locator("#client-name").textContent(), HOSTILE_NAME);
  assert.equal(await page.locator("img").count(), 0, "the name's <img> became an element");
  assert.equal(await page.locator("#redirect-host").textContent(), new URL(redirectUri).host);
  for (const id of ["#consent-form", "#scope-read", "#scope-write", "#approve", "#deny"]) {
    assert.ok(await page.locator(id).isVisible(), `${id} visible`);
  }
  assert.equal(await page.locator("#scope-write").isChecked(), true, "write is preselected when asked for");
  assert.equal(await page.getByLabel("Read only").getAttribute("value"), "read", "labelled radio");
  assert.equal(await page.getByLabel("Read and change").getAttribute("value"), "write", "labelled radio");
  assert.equal(await page.locator("#signed-in-as").count(), 0, "a new browser is not signed in");
  await page.screenshot({ path: path.join(shots, "consent-desktop.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: path.join(shots, "consent-desktop-dark.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  await assertFitsPhone(page, "consent page");
  await page.screenshot({ path: path.join(shots, "consent-phone.png"), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await new Promise((r) => setTimeout(r, 500)); // a late alert() would show up here
  await assertClean(page, seen, "consent page");

  // Approve (read and change): through the sandbox's ClickUp page and our callback to the client.
  await Promise.all([
    page.waitForURL((u) => u.origin === new URL(redirectUri).origin, { timeout: 30_000 }),
    page.locator("#approve").click(),
  ]);
  const back = new URL(page.url());
  assert.equal(back.pathname, "/callback");
  assert.ok(back.searchParams.get("code"), "code");
  assert.equal(back.searchParams.get("state"), state);
  assert.equal(back.searchParams.get("iss"), new URL(base).origin);
  await assertClean(page, seen, "consent flow");
  // The code the browser brought back buys tokens.
  const token = await fetch(`${base}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: back.searchParams.get("code"),
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
      resource: `${base}/mcp`,
    }),
  });
  assert.equal(token.status, 200, await token.clone().text());
  assert.equal((await token.json()).scope, "clickup:read clickup:write");
  await page.close();
});

await check("consent page in a signed-in browser: names the user; Deny returns access_denied with state and iss", async () => {
  const clientId = await register("E2E Browser (deny)");
  const { url, state } = authorizeUrl(clientId, { scope: "clickup:read" });
  const { page, seen } = await watchedPage();
  await page.goto(url);
  assert.ok(await page.locator("#signed-in-as").isVisible(), "signed in after the first approval");
  assert.equal(await page.locator("#scope-write").count(), 0, "no write choice when only read was asked");
  assert.equal(await page.locator("#scope-read").isChecked(), true);
  await page.screenshot({ path: path.join(shots, "consent-signed-in-read-only-desktop.png"), fullPage: true });
  await Promise.all([
    page.waitForURL((u) => u.origin === new URL(redirectUri).origin, { timeout: 30_000 }),
    page.locator("#deny").click(),
  ]);
  const back = new URL(page.url());
  assert.equal(back.searchParams.get("error"), "access_denied");
  assert.equal(back.searchParams.get("state"), state);
  assert.equal(back.searchParams.get("iss"), new URL(base).origin);
  assert.equal(back.searchParams.get("code"), null);
  await assertClean(page, seen, "deny flow");
  await page.close();
});

await check("error page: an unknown client is shown on our page, not redirected", async () => {
  const { page, seen } = await watchedPage();
  const { url } = authorizeUrl("mcp_no_such_client");
  const response = await page.goto(url);
  assert.equal(response.status(), 400);
  assert.equal(new URL(page.url()).origin, new URL(base).origin);
  assert.match(await page.locator("#error-message").textContent(), /not registered/);
  await page.screenshot({ path: path.join(shots, "error-desktop.png"), fullPage: true });
  await assertFitsPhone(page, "error page");
  await page.screenshot({ path: path.join(shots, "error-phone.png"), fullPage: true });
  await assertClean(page, seen, "error page");
  await page.close();
});

// --- the account page ---------------------------------------------------------------------------
await check("account page: tier, rate limit and exactly the approved clients (markup as text); screenshots", async () => {
  const { page, seen } = await watchedPage();
  const response = await page.goto(`${base}/account`);
  assert.equal(response.status(), 200);
  const csp = response.headers()["content-security-policy"] ?? "";
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /form-action 'self';/);
  assert.ok(await page.locator("#username").isVisible(), "signed in by the consent page's sign-in");
  assert.match(await page.locator("#tier").textContent(), /^(Free|Premium)$/);
  assert.match(await page.locator("#rate-limit").textContent(), /^\d+$/);
  assert.match(await page.locator("#rate-remaining").textContent(), /^\d+$/);
  // Approved here: the hostile-named client; denied: "E2E Browser (deny)", which must not be
  // listed. (run.sh's earlier clients signed in as the same user may be listed too.)
  const names = await page.locator("li.client .client-name").allTextContents();
  assert.equal(names.filter((n) => n === HOSTILE_NAME).length, 1, `the approved client once: ${names}`);
  assert.ok(!names.includes("E2E Browser (deny)"), `not the denied client: ${names}`);
  assert.equal(await page.locator("img").count(), 0, "the name's <img> became an element");
  const hostile = page.locator("li.client").filter({ has: page.getByText(HOSTILE_NAME, { exact: true }) });
  assert.equal(await hostile.count(), 1);
  assert.equal(await hostile.locator(".client-scope").textContent(), "Read and change");
  assert.match(await hostile.locator(".client-last-used").textContent(), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  assert.ok(await page.getByRole("button", { name: `Revoke ${HOSTILE_NAME}` }).isVisible(), "a labelled Revoke");
  assert.ok(await page.locator("#sign-out").isVisible());
  await page.screenshot({ path: path.join(shots, "account-desktop.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: path.join(shots, "account-desktop-dark.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  await assertFitsPhone(page, "account page");
  await page.screenshot({ path: path.join(shots, "account-phone.png"), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await new Promise((r) => setTimeout(r, 500)); // a late alert() would show up here
  await assertClean(page, seen, "account page");
  await page.close();
});

await check("account page: Revoke removes the client and its token stops working", async () => {
  // A second approved client, with a token to watch.
  const clientId = await register("E2E Browser (revoke)");
  const { url, verifier } = authorizeUrl(clientId, { scope: "clickup:read" });
  const { page, seen } = await watchedPage();
  await page.goto(url);
  await Promise.all([
    page.waitForURL((u) => u.origin === new URL(redirectUri).origin, { timeout: 30_000 }),
    page.locator("#approve").click(),
  ]);
  const token = await fetch(`${base}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: new URL(page.url()).searchParams.get("code"),
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    }),
  });
  assert.equal(token.status, 200, await token.clone().text());
  const access = (await token.json()).access_token;
  const tools = () =>
    fetch(`${base}/mcp`, {
      method: "POST",
      headers: { authorization: `Bearer ${access}`, "content-type": "application/json" },
      body: JSON.stringify({ method: "tools/list" }),
    }).then((r) => r.status);
  assert.equal(await tools(), 200);

  await page.goto(`${base}/account`);
  const before = await page.locator("li.client .client-name").allTextContents();
  assert.ok(before.includes("E2E Browser (revoke)") && before.includes(HOSTILE_NAME), `${before}`);
  await Promise.all([
    page.waitForURL(`${base}/account`),
    page.getByRole("button", { name: "Revoke E2E Browser (revoke)" }).click(),
  ]);
  const after = await page.locator("li.client .client-name").allTextContents();
  assert.deepEqual(after, before.filter((n) => n !== "E2E Browser (revoke)"), "only that client went");
  assert.equal(await tools(), 401, "the revoked client's token");
  await assertClean(page, seen, "revoke");
  await page.close();
});

await check("account page: sign out everywhere, then the signed-out page signs in with ClickUp again; screenshots", async () => {
  const { page, seen } = await watchedPage();
  await page.goto(`${base}/account`);
  await Promise.all([page.waitForURL(`${base}/account/sign-out-everywhere`), page.locator("#sign-out").click()]);
  assert.match(await page.locator("#signed-out").textContent(), /signed out everywhere/);
  await page.screenshot({ path: path.join(shots, "account-signed-out-everywhere-desktop.png"), fullPage: true });
  await assertFitsPhone(page, "signed-out-everywhere page");
  await page.screenshot({ path: path.join(shots, "account-signed-out-everywhere-phone.png"), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.goto(`${base}/account`);
  assert.ok(await page.locator("#sign-in").isVisible(), "a sign-in link");
  assert.equal(await page.locator("li.client").count(), 0);
  await page.screenshot({ path: path.join(shots, "account-signed-out-desktop.png"), fullPage: true });
  await assertFitsPhone(page, "signed-out account page");
  await page.screenshot({ path: path.join(shots, "account-signed-out-phone.png"), fullPage: true });
  await page.setViewportSize(DESKTOP);
  // Sign in: the sandbox's ClickUp page approves, the callback brings the browser back here.
  await Promise.all([page.waitForURL(`${base}/account`, { timeout: 30_000 }), page.locator("#sign-in").click()]);
  assert.ok(await page.locator("#username").isVisible(), "signed in again");
  assert.ok(await page.locator("#no-clients").isVisible(), "every grant was revoked");
  await assertClean(page, seen, "sign out and in");
  await page.close();
});

// --- the home page ------------------------------------------------------------------------------
await check("home page: says how to connect and links to sign in; fits a phone; screenshots", async () => {
  const { page, seen } = await watchedPage();
  const response = await page.goto(`${base}/`);
  assert.equal(response.status(), 200);
  assert.match(await page.locator("h1").textContent(), /clickup-mcp/);
  assert.match(await page.locator("body").textContent(), new RegExp(`${base}/mcp`));
  assert.ok(await page.locator('a[href="/auth/login"]').isVisible(), "a sign-in link");
  assert.ok(await page.locator('a[href="/account"]').isVisible(), "a link to the account page");
  await page.screenshot({ path: path.join(shots, "home-desktop.png"), fullPage: true });
  await assertFitsPhone(page, "home page");
  await page.screenshot({ path: path.join(shots, "home-phone.png"), fullPage: true });
  await assertClean(page, seen, "home page");
  await page.close();
});

// --- the seed login's success page -----------------------------------------------------------
await check("login success page: the token is shown and the copy button copies it; screenshots", async () => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(base).origin });
  const { page, seen } = await watchedPage();
  const response = await page.goto(`${base}/auth/login`);
  assert.equal(response.status(), 200);
  assert.equal(new URL(response.url()).pathname, "/auth/callback", "the callback answered the page");
  assert.match(response.headers()["content-type"], /^text\/html/);
  const token = await page.locator("#token").inputValue();
  assert.equal(token.split(".").length, 3, "a JWT in the textarea");
  assert.ok(await page.locator("#copy").isVisible());
  assert.ok(await page.locator('a[href="/account"]').isVisible(), "a link to the account page");
  await page.screenshot({ path: path.join(shots, "success-desktop.png"), fullPage: true });
  await page.locator("#copy").click();
  await page.locator("#copied").filter({ hasText: "Copied." }).waitFor({ timeout: 5_000 });
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clipboard, token, "the clipboard holds the token");
  // The token works.
  const me = await fetch(`${base}/auth/me`, { headers: { authorization: `Bearer ${clipboard}` } });
  assert.equal(me.status, 200);
  await assertFitsPhone(page, "success page");
  await page.screenshot({ path: path.join(shots, "success-phone.png"), fullPage: true });
  // The one-time code is gone from the address: a reload explains instead of failing.
  assert.equal(new URL(page.url()).pathname, "/auth/signed-in");
  assert.equal(new URL(page.url()).search, "", "no code or state left in the address");
  const reloaded = await page.reload();
  assert.equal(reloaded.status(), 200);
  assert.match(await page.locator("h1").textContent(), /You are signed in/);
  assert.match(await page.locator("body").textContent(), /shown once/);
  assert.equal(await page.locator("#token").count(), 0, "the token is not shown again");
  await page.screenshot({ path: path.join(shots, "success-reloaded-phone.png"), fullPage: true });
  await assertClean(page, seen, "success page");
  await page.close();
});

await context.close();
landing.close();
rmSync(userDataDir, { recursive: true, force: true });
console.log(`     screenshots in ${shots}`);
if (failures > 0) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
