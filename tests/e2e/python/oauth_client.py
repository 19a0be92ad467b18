"""The Python MCP SDK's OAuth client (PyPI `mcp`, pinned in requirements*.txt) against clickup-mcp.

From nothing but the URL of /mcp, the SDK's `OAuthClientProvider` discovers the authorization
server, registers, runs PKCE and — where an application opens a browser — our `redirect_handler`
follows the authorization URL over plain HTTP with a cookie jar (httpx or httpx2, the SDK's own
HTTP library): our consent page, the sandbox's ClickUp page (auto-approve), our callback, and the
redirect to the client's loopback redirect URI; `callback_handler` hands the code, state and iss
back to the SDK. Then: tools/list, tools/call (a read tool and a write tool), a refresh when the
access token expires, and a read-only grant whose write call the SDK steps up (403
insufficient_scope → a new authorization asking for write → the call succeeds).

Runs with either line of the SDK: 2.x (requirements.txt; httpx2, `Client`, probes
`server/discover` and speaks 2026-07-28, step-up) and 1.x (requirements-v1.txt; httpx,
`ClientSession`, the initialize handshake), which most Python MCP applications still use.

Usage: MCP_URL=http://localhost:8787/mcp [TOKEN_FILE=path] python oauth_client.py
TOKEN_FILE receives the read-write access token (left valid, for the Inspector). Exits non-zero
with the reason when a check fails.
"""

from __future__ import annotations

import asyncio
import base64
import html
import json
import os
import re
import sys
import time
import traceback
from contextlib import asynccontextmanager
from importlib.metadata import version
from urllib.parse import parse_qs, urljoin, urlsplit

from mcp.client.auth import OAuthClientProvider
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client
from mcp.shared.auth import OAuthClientInformationFull, OAuthClientMetadata, OAuthToken

MCP_MAJOR = int(version("mcp").split(".")[0])
if MCP_MAJOR >= 2:  # imports that depend on the SDK's line
    import httpx2 as httpx
    from mcp import Client
    from mcp.client.auth import AuthorizationCodeResult
else:  # the 1.x line: httpx, ClientSession, callback_handler returns (code, state)
    import httpx
    from mcp import ClientSession

MCP_URL = os.environ["MCP_URL"]
ISSUER = "{0.scheme}://{0.netloc}".format(urlsplit(MCP_URL))
WRITE_TOOLS = {"clickup_space_create", "clickup_task_create", "clickup_task_delete"}
VERBOSE = os.environ.get("VERBOSE") == "1"


def log(line: str) -> None:
    if VERBOSE:
        print(f"       {line}", flush=True)


class MemoryStorage:
    """The SDK's TokenStorage, in memory."""

    def __init__(self) -> None:
        self.tokens: OAuthToken | None = None
        self.client_info: OAuthClientInformationFull | None = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.client_info

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        self.client_info = client_info


def _field(page: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)
    assert match, f"no {name} on the consent page"
    return html.unescape(match.group(1))


def _text(page: str, element_id: str) -> str | None:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</', page, re.S)
    return html.unescape(match.group(1)) if match else None


class HeadlessBrowser:
    """Follows authorization URLs like a browser (one cookie jar for its life) and answers our
    consent page with `access` (read or write) and Approve."""

    def __init__(self, redirect_uri: str) -> None:
        self.redirect_uri = redirect_uri
        self.http = httpx.AsyncClient(follow_redirects=False, timeout=30)
        self.access = "write"
        self.authorization_urls: list[str] = []
        self.consent_pages: list[dict[str, str | None]] = []
        self.result: dict[str, str | None] | None = None

    async def redirect_handler(self, authorization_url: str) -> None:
        self.authorization_urls.append(authorization_url)
        registered = urlsplit(self.redirect_uri)
        url, method, form = authorization_url, "GET", None
        for _ in range(12):
            response = await self.http.request(method, url, data=form, headers={"accept": "text/html"})
            log(f"{response.status_code} {urlsplit(url).netloc}{urlsplit(url).path}")
            method, form = "GET", None
            if response.is_redirect:
                location = urljoin(url, response.headers["location"])
                target = urlsplit(location)
                if (target.scheme, target.hostname, target.path) == (
                    registered.scheme,
                    registered.hostname,
                    registered.path,
                ):
                    query = {k: v[0] for k, v in parse_qs(target.query).items()}
                    assert "error" not in query, f"authorization error: {query}"
                    assert query.get("iss") == ISSUER, f"iss (RFC 9207): {query.get('iss')}"
                    self.result = {"code": query["code"], "state": query.get("state"), "iss": query.get("iss")}
                    return
                url = location
                continue
            page = response.text
            if response.status_code != 200 or 'id="consent-form"' not in page:
                raise AssertionError(
                    f"authorization stopped at {url} with {response.status_code}: "
                    f"{_text(page, 'error-message') or page[:300]}"
                )
            self.consent_pages.append(
                {
                    "client_name": _text(page, "client-name"),
                    "redirect_host": _text(page, "redirect-host"),
                    "signed_in": "yes" if 'id="signed-in-as"' in page else None,
                    "write_offered": "yes" if 'id="scope-write"' in page else None,
                }
            )
            action = re.search(r'<form id="consent-form"[^>]*action="([^"]*)"', page)
            assert action, "no consent form action"
            url, method = urljoin(url, html.unescape(action.group(1))), "POST"
            form = {
                "request_id": _field(page, "request_id"),
                "csrf_token": _field(page, "csrf_token"),
                "access": self.access,
                "decision": "approve",
            }
        raise AssertionError("the authorization did not come back to the client within 12 hops")

    async def callback_handler(self):  # noqa: ANN201 - the type differs between SDK lines
        assert self.result is not None, "no authorization result"
        result, self.result = self.result, None
        if MCP_MAJOR >= 2:
            return AuthorizationCodeResult(**result)
        return result["code"], result["state"]


class Session:
    """The few client calls used here, the same on both SDK lines."""

    def __init__(self, inner, protocol_version: str, server_name: str) -> None:  # noqa: ANN001
        self.inner = inner
        self.protocol_version = protocol_version
        self.server_name = server_name

    async def tool_names(self) -> set[str]:
        return {t.name for t in (await self.inner.list_tools()).tools}

    async def call(self, name: str, arguments: dict) -> tuple[bool, dict]:
        result = await self.inner.call_tool(name, arguments)
        if MCP_MAJOR >= 2:
            return result.is_error, result.structured_content
        return result.isError, result.structuredContent


@asynccontextmanager
async def connect(http, legacy: bool = False):  # noqa: ANN001, ANN201
    """A connected client over `http` (whose auth is the OAuth provider). On 2.x `legacy` forces
    the initialize handshake instead of probing server/discover."""
    if MCP_MAJOR >= 2:
        mode = "legacy" if legacy else "auto"
        async with Client(streamable_http_client(MCP_URL, http_client=http), read_timeout_seconds=60, mode=mode) as c:
            info = getattr(c.session, "server_info", None)
            yield Session(c, c.session.protocol_version, info.name if info else "?")
    else:
        async with streamable_http_client(MCP_URL, http_client=http) as (read, write, _):
            async with ClientSession(read, write) as session:
                init = await session.initialize()
                yield Session(session, init.protocolVersion, init.serverInfo.name)


def make_provider(name: str, port: int) -> tuple[OAuthClientProvider, MemoryStorage, HeadlessBrowser]:
    redirect_uri = f"http://127.0.0.1:{port}/callback"
    storage = MemoryStorage()
    browser = HeadlessBrowser(redirect_uri)
    provider = OAuthClientProvider(
        server_url=MCP_URL,
        client_metadata=OAuthClientMetadata(
            client_name=name,
            redirect_uris=[redirect_uri],
            grant_types=["authorization_code", "refresh_token"],
            response_types=["code"],
            token_endpoint_auth_method="none",
        ),
        storage=storage,
        redirect_handler=browser.redirect_handler,
        callback_handler=browser.callback_handler,
    )
    return provider, storage, browser


def claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


failures = 0


async def check(name: str, coro) -> None:
    global failures
    try:
        await coro
        print(f"ok   {name}", flush=True)
    except Exception:  # noqa: BLE001 - report every failure and go on
        failures += 1
        print(f"FAIL {name}:\n{traceback.format_exc()}", file=sys.stderr, flush=True)


async def read_write() -> None:
    provider, storage, browser = make_provider("E2E Python SDK (read-write)", 33420)
    async with create_mcp_http_client(auth=provider) as http:
        async with connect(http) as client:

            async def connected() -> None:
                assert len(browser.authorization_urls) == 1, "one authorization"
                asked = parse_qs(urlsplit(browser.authorization_urls[0]).query)
                assert asked["code_challenge_method"] == ["S256"], asked
                assert asked.get("resource") == [MCP_URL], asked.get("resource")
                page = browser.consent_pages[0]
                assert page["client_name"] == "E2E Python SDK (read-write)", page
                assert page["redirect_host"] == "127.0.0.1:33420", page
                assert page["write_offered"], page
                assert storage.client_info is not None and storage.client_info.client_id
                assert storage.tokens is not None and storage.tokens.refresh_token
                assert storage.tokens.scope == "clickup:read clickup:write", storage.tokens.scope
                c = claims(storage.tokens.access_token)
                assert c["aud"] == MCP_URL and c["client_id"] == storage.client_info.client_id, c
                print(
                    f"     client {storage.client_info.client_id[:12]}…, scope {storage.tokens.scope!r}, "
                    f"protocol {client.protocol_version}, server {client.server_name}",
                    flush=True,
                )

            await check("from the /mcp URL alone: discovery, registration, PKCE, consent, ClickUp, token", connected())

            async def list_tools() -> None:
                tools = await client.tool_names()
                assert "clickup_workspace_list" in tools and WRITE_TOOLS <= tools, tools
                print(f"     {len(tools)} tools", flush=True)

            await check("tools/list: read and write tools", list_tools())

            async def call_read() -> None:
                is_error, content = await client.call("clickup_workspace_list", {})
                assert not is_error and content["items"], content

            await check("tools/call clickup_workspace_list", call_read())

            async def call_write() -> None:
                is_error, content = await client.call("clickup_space_create", {"name": "E2E OAuth Python space"})
                assert not is_error and content["space"]["name"] == "E2E OAuth Python space", content

            await check("a write tool: clickup_space_create", call_write())

            async def refresh() -> None:
                before = storage.tokens
                assert before is not None
                # The access token has run out (as after its hour): the provider refreshes first.
                provider.context.token_expiry_time = time.time() - 1
                is_error, content = await client.call("clickup_workspace_list", {})
                assert not is_error, content
                after = storage.tokens
                assert after is not None and after.access_token != before.access_token, "new access token"
                assert after.refresh_token and after.refresh_token != before.refresh_token, "rotated"
                assert after.scope == "clickup:read clickup:write", after.scope
                assert len(browser.authorization_urls) == 1, "a refresh, not a new authorization"

            await check("an expired access token is refreshed (refresh token rotated)", refresh())

            if os.environ.get("TOKEN_FILE") and storage.tokens:
                with open(os.environ["TOKEN_FILE"], "w", encoding="utf-8") as out:
                    out.write(storage.tokens.access_token)
    await browser.http.aclose()


async def read_only_then_step_up() -> None:
    provider, storage, browser = make_provider("E2E Python SDK (read-only)", 33421)
    browser.access = "read"
    async with create_mcp_http_client(auth=provider) as http:
        # On 2.x the handshake era (initialize) this time; the read-write client above probes
        # server/discover (mode "auto") and speaks the newest revision.
        async with connect(http, legacy=True) as client:

            async def read_only() -> None:
                assert storage.tokens is not None and storage.tokens.scope == "clickup:read", storage.tokens
                print(f"     protocol {client.protocol_version}", flush=True)
                tools = await client.tool_names()
                assert tools and not (WRITE_TOOLS & tools), tools
                print(f"     {len(tools)} tools", flush=True)
                raw = await http.post(
                    MCP_URL,
                    json={
                        "jsonrpc": "2.0",
                        "id": 9,
                        "method": "tools/call",
                        "params": {"name": "clickup_space_create", "arguments": {"name": "must not exist"}},
                    },
                    headers={
                        "authorization": f"Bearer {storage.tokens.access_token}",
                        "accept": "application/json, text/event-stream",
                        "mcp-protocol-version": "2025-11-25",
                    },
                    auth=None,
                )
                assert raw.status_code == 403, raw.status_code
                challenge = raw.headers.get("www-authenticate", "")
                assert 'error="insufficient_scope"' in challenge, challenge

            await check("a read-only grant: no write tools; a write call is 403 insufficient_scope", read_only())

            async def step_up() -> None:
                # The SDK answers the 403 by authorizing again with the wider scope; this time the
                # user chooses "Read and change" (the same browser: ClickUp is not asked again).
                browser.access = "write"
                is_error, content = await client.call("clickup_space_create", {"name": "E2E OAuth Python step-up"})
                assert not is_error, content
                assert len(browser.authorization_urls) == 2, browser.authorization_urls
                asked = parse_qs(urlsplit(browser.authorization_urls[1]).query)
                assert "clickup:write" in asked["scope"][0].split(), asked.get("scope")
                assert browser.consent_pages[-1]["signed_in"], "the browser is remembered"
                assert storage.tokens is not None and storage.tokens.scope == "clickup:read clickup:write"

            await check("step-up: the SDK re-authorizes for write after the 403 and the call succeeds", step_up())
    await browser.http.aclose()


async def main() -> None:
    http_lib = "httpx2" if MCP_MAJOR >= 2 else "httpx"
    print(f"     mcp {version('mcp')}, {http_lib} {version(http_lib)}, Python {sys.version.split()[0]}", flush=True)
    await read_write()
    await read_only_then_step_up()


if __name__ == "__main__":
    asyncio.run(main())
    if failures:
        print(f"{failures} check(s) failed", file=sys.stderr)
        sys.exit(1)
