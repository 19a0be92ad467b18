// A real MCP client built on the official TypeScript SDK (@modelcontextprotocol/sdk), speaking
// Streamable HTTP to clickup-mcp's /mcp with a bearer session token, as an application would.
//
// Usage: MCP_URL=http://localhost:8787/mcp MCP_TOKEN=… node sdk-client.mjs
// Exits non-zero (with the reason on stderr) on the first check that fails.
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CallToolResultSchema, LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";

const url = new URL(process.env.MCP_URL ?? "");
const token = process.env.MCP_TOKEN ?? "";
assert.ok(token, "MCP_TOKEN is required");

/** A connected client whose every request carries `Authorization: Bearer <bearer>`. */
async function connect(bearer) {
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: { headers: { Authorization: `Bearer ${bearer}` } },
  });
  const client = new Client({ name: "clickup-mcp-e2e", version: "1.0.0" });
  await client.connect(transport);
  return { client, transport };
}

function check(name, fn) {
  return fn().then(
    () => console.log(`ok   ${name}`),
    (err) => {
      console.error(`FAIL ${name}: ${err?.stack ?? err}`);
      process.exitCode = 1;
    },
  );
}

const { client, transport } = await connect(token);

await check("initialize negotiates the SDK's latest protocol revision", async () => {
  assert.equal(client.getServerVersion()?.name, "clickup-mcp");
  assert.ok(client.getServerCapabilities()?.tools, "tools capability");
  assert.equal(transport.protocolVersion, LATEST_PROTOCOL_VERSION);
  assert.equal(transport.sessionId, undefined, "stateless: no Mcp-Session-Id");
  console.log(`     protocol ${transport.protocolVersion}, server ${client.getServerVersion()?.version}`);
});

let tools = [];
await check("tools/list returns well-formed tools", async () => {
  ({ tools } = await client.listTools());
  assert.ok(tools.length > 0);
  for (const tool of tools) {
    assert.match(tool.name, /^clickup_[a-z_]+$/);
    assert.ok(tool.description, `${tool.name} description`);
    assert.equal(tool.inputSchema.type, "object", `${tool.name} inputSchema`);
    assert.equal(tool.outputSchema?.type, "object", `${tool.name} outputSchema`);
  }
  assert.ok(tools.some((t) => t.name === "clickup_workspace_list"));
  console.log(`     ${tools.length} tools`);
});

await check("tools/call returns structuredContent valid for the outputSchema, and the same JSON as text", async () => {
  // The SDK validates structuredContent against the tool's outputSchema and throws if it does not fit.
  const result = await client.callTool({ name: "clickup_workspace_list", arguments: {} });
  assert.equal(result.isError, false);
  const items = result.structuredContent.items;
  assert.ok(Array.isArray(items) && items.length > 0, "some workspaces");
  for (const item of items) {
    assert.equal(typeof item.id, "string");
    assert.equal(typeof item.name, "string");
  }
  assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent);
});

await check("arguments that fail the schema are a tool error, not a protocol error (raw result)", async () => {
  // Read without the SDK's output-schema check, to see the raw result.
  const result = await client.request(
    {
      method: "tools/call",
      params: { name: "clickup_workspace_list", arguments: { not_an_argument: "SECRET-e2e" } },
    },
    CallToolResultSchema,
  );
  assert.equal(result.isError, true);
  assert.equal(result.structuredContent.error.code, "invalid_argument");
  assert.ok(!JSON.stringify(result).includes("SECRET-e2e"), "the value is not echoed");
});

await check(
  "a tool error reaches an SDK application through Client.callTool (its structuredContent fits the outputSchema)",
  async () => {
    const result = await client.callTool({
      name: "clickup_workspace_list",
      arguments: { not_an_argument: "SECRET-e2e" },
    });
    assert.equal(result.isError, true);
    assert.match(result.content[0].text, /invalid_argument/);
  },
);

await check("an unknown tool is a JSON-RPC error", async () => {
  await assert.rejects(
    client.callTool({ name: "clickup_no_such_tool", arguments: {} }),
    (err) => err.code === -32602,
  );
});

await check("ping answers", async () => {
  assert.deepEqual(await client.ping(), {});
});

await client.close();

await check("a bad bearer is refused at connect with 401", async () => {
  await assert.rejects(connect("not-a-session-token"), (err) => {
    assert.equal(err.code, 401, String(err));
    assert.match(String(err), /token_malformed/);
    return true;
  });
});
