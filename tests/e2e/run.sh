#!/usr/bin/env bash
# Real MCP clients against `clickup-mcp serve --sandbox`, over real HTTP on free local ports:
#   (a) the MCP Inspector CLI lists and calls tools with a bearer header, and its --strict schema
#       check finds nothing to report (no errors, no warnings) in the whole catalogue;
#   (b) a client on the official TypeScript SDK (sdk-client.mjs) connects, lists, calls and
#       checks structuredContent;
#   (c) the MCP conformance suite's server scenarios, with conformance-baseline.yml listing the
#       ones that cannot apply (one reason each), behind auth-proxy.mjs (the suite sends no
#       custom headers);
# and the clients that log in by themselves (MCP authorization, OAuth 2.1), from nothing but /mcp:
#   (d) the TypeScript SDK's OAuth client (oauth-sdk-client.mjs, walking the consent page over
#       HTTP with oauth-walk.mjs): discovery, registration, PKCE, consent, tokens, tools, refresh,
#       revocation; a read-only grant refused a write with 403 insufficient_scope; a client
#       given only a toolset URL (/mcp/x/tags) logs in and is served that toolset;
#   (e) the Python SDK's OAuth client (python/oauth_client.py, PyPI `mcp`, its 1.x and 2.x lines):
#       the same flow, a refresh, and a step-up from read-only to read-write;
#   (f) the MCP Inspector CLI with the access tokens those clients got;
#   (g) a check that the conformance suite still has no authorization scenarios for servers;
#   (h) headless Chromium (browser.mjs, playwright-core driving Debian's chromium): the consent
#       page, its Approve and Deny, the error page and the login success page, with screenshots
#       in tests/e2e/screenshots/.
# Exits non-zero on the first failure and stops every process it started.
#
# Usage: tests/e2e/run.sh [path/to/clickup-mcp]   (default: $CLICKUP_MCP_BIN, else cargo build)
# Needs `npm ci` in tests/e2e first; it brings Node 22 (the `node` package), which the
# Inspector requires, and puts it first on PATH. (e) needs the venvs python/.venv and
# python/.venv-v1 with python/requirements.txt and requirements-v1.txt installed; (h) needs
# Chromium at $CHROMIUM (default /usr/bin/chromium). .ci/run installs all of them.
set -euo pipefail

E2E="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$E2E/../.." && pwd)"
started_at=$SECONDS

step() { echo; echo "== [$((SECONDS - started_at))s] $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

if [[ ! -x "$E2E/node_modules/.bin/conformance" || ! -x "$E2E/node_modules/.bin/node" ]]; then
  fail "run 'npm ci' in $E2E first"
fi
export PATH="$E2E/node_modules/.bin:$PATH"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$node_major" -ge 22 ]] || fail "Node 22 expected from node_modules/.bin, got $(node --version)"
for line in "" -v1; do
  python="$E2E/python/.venv$line/bin/python"
  [[ -x "$python" ]] && "$python" -c 'import mcp' 2>/dev/null \
    || fail "no Python MCP SDK in $E2E/python/.venv$line: python3 -m venv $E2E/python/.venv$line && $python -m pip install -r $E2E/python/requirements$line.txt"
done
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "$CHROMIUM" ]] || fail "no Chromium at $CHROMIUM (Debian: apt-get install chromium)"
# playwright-core drives the system's Chromium; it must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

BIN="${1:-${CLICKUP_MCP_BIN:-}}"
if [[ -z "$BIN" ]]; then
  step "build clickup-mcp"
  (cd "$ROOT" && cargo build --locked -p clickup-mcp --bin clickup-mcp)
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/clickup-mcp"
fi
[[ -x "$BIN" ]] || fail "no clickup-mcp binary at $BIN"

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [[ $status -ne 0 && -f "$WORK/server.log" ]]; then
    echo "--- last lines of the server log" >&2
    tail -n 30 "$WORK/server.log" >&2 || true
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free TCP port on the loopback interface (the kernel picks it; we release it at once).
free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# jcheck FILE EXPR: EXPR (JavaScript, the file's JSON as `r`) must be true.
jcheck() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    if (!eval(process.argv[2])) {
      console.error(`check failed: ${process.argv[2]}\n${JSON.stringify(r).slice(0, 600)}`);
      process.exit(1);
    }' "$1" "$2"
}

# Wait until URL answers 2xx (at most 30 s).
wait_for() {
  for _ in $(seq 1 60); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.5
  done
  fail "nothing answers at $1"
}

PORT="$(free_port)"
SANDBOX_PORT="$(free_port)"
PROXY_PORT="$(free_port)"
URL="http://localhost:$PORT"
PROXY_URL="http://localhost:$PROXY_PORT"

step "start clickup-mcp serve --sandbox on $URL (sandbox on 127.0.0.1:$SANDBOX_PORT)"
# A clean environment: nothing of the caller's configuration leaks in. Secrets are generated
# for this run (sandbox mode). The proxy's origin is allowed so that the conformance suite's
# DNS-rebinding scenario can show a valid local origin being served. The rate limit is raised
# because the suite and the clients make a few hundred requests as one user within a minute
# (the limits themselves are tested in crates/clickup-mcp/tests/mcp).
env -i PATH="$PATH" HOME="$WORK" \
  LISTEN="127.0.0.1:$PORT" \
  SANDBOX_LISTEN="127.0.0.1:$SANDBOX_PORT" \
  DATABASE_URL="sqlite://$WORK/e2e.db" \
  ALLOWED_ORIGINS="$PROXY_URL" \
  RATE_LIMIT_FREE=2000 \
  LOG_FORMAT=json \
  "$BIN" serve --sandbox >"$WORK/server.log" 2>&1 &
PIDS+=($!)
wait_for "$URL/health"

step "log in through the sandbox's OAuth flow (curl with a cookie jar)"
curl -sfL -b "$WORK/jar" -c "$WORK/jar" "$URL/auth/login" >"$WORK/login.json"
jcheck "$WORK/login.json" 'r.token_type === "Bearer" && r.token.split(".").length === 3'
TOKEN="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).token' "$WORK/login.json")"

step "the seed's curl example (bare form)"
curl -sf -X POST "$URL/mcp" -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  -d '{"method":"tools/list"}' >"$WORK/bare.json"
jcheck "$WORK/bare.json" 'r.tools.some(t => t.name === "clickup_workspace_list")'

# --- (a) MCP Inspector CLI --------------------------------------------------------------------
inspector() {
  HOME="$WORK/home" timeout 120 "$E2E/node_modules/.bin/mcp-inspector" --cli \
    "$URL/mcp" --transport http "$@"
}
step "MCP Inspector $("$E2E/node_modules/.bin/mcp-inspector" --version) CLI: tools/list"
inspector --header "Authorization: Bearer $TOKEN" --method tools/list >"$WORK/inspector-list.json" \
  2>"$WORK/inspector.err" || { cat "$WORK/inspector.err" >&2; fail "inspector tools/list"; }
jcheck "$WORK/inspector-list.json" \
  'r.tools.length > 0 && r.tools.some(t => t.name === "clickup_workspace_list") && r.tools.every(t => t.inputSchema.type === "object")'
echo "$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).tools.length' "$WORK/inspector-list.json") tools"

step "MCP Inspector CLI --strict: tool schemas portable (0 errors, 0 warnings), premium user, every toolset"
# A premium user on /mcp/x/all sees every tool and every premium argument.
USER_ID="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).user.id' "$WORK/login.json")"
env -i PATH="$PATH" DATABASE_URL="sqlite://$WORK/e2e.db" "$BIN" users set-tier "$USER_ID" premium >/dev/null
HOME="$WORK/home" timeout 120 "$E2E/node_modules/.bin/mcp-inspector" --cli "$URL/mcp/x/all" --transport http \
  --header "Authorization: Bearer $TOKEN" --method tools/list --strict --format json \
  >"$WORK/inspector-strict.json" 2>"$WORK/inspector-strict.err" \
  || { cat "$WORK/inspector-strict.err" >&2; fail "inspector --strict tools/list"; }
env -i PATH="$PATH" DATABASE_URL="sqlite://$WORK/e2e.db" "$BIN" users set-tier "$USER_ID" free >/dev/null
jcheck "$WORK/inspector-strict.json" 'r.result.tools.length > 30 && r.schemaFindings === undefined' \
  || { cat "$WORK/inspector-strict.err" >&2; fail "schema portability findings (above)"; }
echo "$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).result.tools.length' "$WORK/inspector-strict.json") tools, no findings"

step "MCP Inspector CLI: tools/call clickup_workspace_list"
inspector --header "Authorization: Bearer $TOKEN" --method tools/call \
  --tool-name clickup_workspace_list >"$WORK/inspector-call.json" 2>"$WORK/inspector.err" \
  || { cat "$WORK/inspector.err" >&2; fail "inspector tools/call"; }
jcheck "$WORK/inspector-call.json" \
  'r.isError === false && r.structuredContent.items.length > 0 && r.structuredContent.items.every(w => typeof w.id === "string")'

step "MCP Inspector CLI: a bad bearer is refused"
if inspector --header "Authorization: Bearer not-a-token" --method tools/list --stored-auth-only \
  >"$WORK/inspector-bad.json" 2>&1; then
  fail "the inspector succeeded with a bad bearer"
fi
grep -q 'token_malformed' "$WORK/inspector-bad.json" || { cat "$WORK/inspector-bad.json" >&2; fail "no token_malformed in the refusal"; }

# --- (b) TypeScript SDK client ----------------------------------------------------------------
step "TypeScript SDK $(node -p 'require(process.argv[1]).version' "$E2E/node_modules/@modelcontextprotocol/sdk/package.json") client"
(cd "$E2E" && MCP_URL="$URL/mcp" MCP_TOKEN="$TOKEN" timeout 120 node sdk-client.mjs)

# --- (c) conformance suite --------------------------------------------------------------------
step "MCP conformance $(conformance --version) server scenarios (active suite) via auth-proxy on $PROXY_URL"
env TARGET="$URL" MCP_TOKEN="$TOKEN" PROXY_PORT="$PROXY_PORT" node "$E2E/auth-proxy.mjs" \
  >"$WORK/proxy.log" 2>&1 &
PIDS+=($!)
wait_for "$PROXY_URL/health"
(cd "$E2E" && timeout 600 conformance server --url "$PROXY_URL/mcp" \
  --expected-failures conformance-baseline.yml -o "$WORK/conformance") >"$WORK/conformance.log" 2>&1 \
  || { cat "$WORK/conformance.log" >&2; fail "conformance suite (see above)"; }
sed -n '/=== SUMMARY ===/,$p' "$WORK/conformance.log"

# --- (d) TypeScript SDK OAuth client ----------------------------------------------------------
step "TypeScript SDK OAuth client: from $URL/mcp alone (consent page walked over HTTP)"
(cd "$E2E" && MCP_URL="$URL/mcp" READ_TOKEN_FILE="$WORK/oauth-read-token" timeout 180 node oauth-sdk-client.mjs) \
  || fail "TypeScript SDK OAuth client"

# --- (e) Python SDK OAuth client, both lines of the SDK ----------------------------------------
for line in -v1 ""; do
  python="$E2E/python/.venv$line/bin/python"
  step "Python SDK OAuth client (.venv$line: mcp $("$python" -c 'from importlib.metadata import version; print(version("mcp"))'))"
  (cd "$E2E/python" && MCP_URL="$URL/mcp" TOKEN_FILE="$WORK/oauth-token" timeout 180 "$python" oauth_client.py) \
    || fail "Python SDK OAuth client (.venv$line)"
done

# --- (f) MCP Inspector CLI with the OAuth access tokens ---------------------------------------
step "MCP Inspector CLI with the Python (2.x) client's access token (read and change): tools/list, tools/call"
OAUTH_TOKEN="$(cat "$WORK/oauth-token")"
inspector --header "Authorization: Bearer $OAUTH_TOKEN" --method tools/list >"$WORK/inspector-oauth-list.json" \
  2>"$WORK/inspector.err" || { cat "$WORK/inspector.err" >&2; fail "inspector tools/list with the OAuth token"; }
jcheck "$WORK/inspector-oauth-list.json" \
  'r.tools.some(t => t.name === "clickup_workspace_list") && r.tools.some(t => t.name === "clickup_space_create")'
inspector --header "Authorization: Bearer $OAUTH_TOKEN" --method tools/call \
  --tool-name clickup_workspace_list >"$WORK/inspector-oauth-call.json" 2>"$WORK/inspector.err" \
  || { cat "$WORK/inspector.err" >&2; fail "inspector tools/call with the OAuth token"; }
jcheck "$WORK/inspector-oauth-call.json" 'r.isError === false && r.structuredContent.items.length > 0'

step "MCP Inspector CLI with the TypeScript client's read-only access token: tools/list has no write tools"
inspector --header "Authorization: Bearer $(cat "$WORK/oauth-read-token")" --method tools/list \
  >"$WORK/inspector-read-list.json" 2>"$WORK/inspector.err" \
  || { cat "$WORK/inspector.err" >&2; fail "inspector tools/list with the read-only token"; }
jcheck "$WORK/inspector-read-list.json" \
  'r.tools.length > 0 && r.tools.every(t => t.annotations.readOnlyHint === true) && !r.tools.some(t => t.name === "clickup_space_create")'

# --- (g) conformance suite: authorization ------------------------------------------------------
step "MCP conformance $(conformance --version): authorization scenarios for servers"
# In 0.1.16 every auth/* scenario tests a client against the suite's own authorization server;
# none tests a server (see conformance-baseline.yml). Fail when a new version brings some, so
# that they are run here.
conformance list --server >"$WORK/conformance-server-list.txt"
if grep -Eqi 'auth|oauth' "$WORK/conformance-server-list.txt"; then
  grep -Ei 'auth|oauth' "$WORK/conformance-server-list.txt" >&2
  fail "the conformance suite now has server authorization scenarios: run them here"
fi
echo "none: its auth/* scenarios are all client scenarios ($(conformance list --client | grep -c 'auth/') of them)"

# --- (h) headless Chromium --------------------------------------------------------------------
step "headless Chromium ($("$CHROMIUM" --version 2>/dev/null | head -n 1)): consent, error and success pages"
(cd "$E2E" && PUBLIC_URL="$URL" SANDBOX_ORIGIN="http://127.0.0.1:$SANDBOX_PORT" \
  SCREENSHOTS="$E2E/screenshots" CHROMIUM="$CHROMIUM" timeout 300 node browser.mjs) \
  || fail "headless Chromium"

step "done in $((SECONDS - started_at))s"
