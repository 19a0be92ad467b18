// A bearer-injecting reverse proxy for clients that cannot send headers.
//
// The MCP conformance suite (`conformance server --url …`) has no option for request headers,
// and every request to clickup-mcp's /mcp needs `Authorization: Bearer <session token>`. This
// proxy listens on 127.0.0.1:<PROXY_PORT> and forwards every request to TARGET (scheme, host and
// port; the path is kept), adding `Authorization: Bearer $MCP_TOKEN` when the request has none.
// Everything else passes unchanged in both directions, the `Host` and `Origin` headers included,
// so the server's own Host/Origin checks still see what the client sent.
//
// With PROXY_LOG=1 it prints each request's method, MCP headers and body (never the token).
//
// Usage: TARGET=http://localhost:8787 MCP_TOKEN=… PROXY_PORT=9000 node auth-proxy.mjs
import http from "node:http";

const target = new URL(process.env.TARGET ?? "");
const token = process.env.MCP_TOKEN ?? "";
const port = Number(process.env.PROXY_PORT ?? "0");
const log = process.env.PROXY_LOG === "1";
if (!token || !target.host) {
  console.error("auth-proxy: TARGET and MCP_TOKEN are required");
  process.exit(2);
}

const server = http.createServer((req, res) => {
  const headers = { ...req.headers };
  if (!headers.authorization) {
    headers.authorization = `Bearer ${token}`;
  }
  const upstream = http.request(
    {
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    },
  );
  upstream.on("error", (err) => {
    console.error(`auth-proxy: ${req.method} ${req.url}: ${err.message}`);
    if (!res.headersSent) {
      res.writeHead(502, { "content-type": "text/plain" });
    }
    res.end("auth-proxy: upstream failed");
  });
  if (log) {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const shown = Object.entries(req.headers)
        .filter(([name]) => name.startsWith("mcp-") || name === "accept" || name === "content-type")
        .map(([name, value]) => `${name}: ${value}`)
        .join("; ");
      console.log(`${req.method} ${req.url} [${shown}] ${Buffer.concat(chunks).toString("utf8").slice(0, 400)}`);
    });
  }
  req.pipe(upstream);
});

server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`auth-proxy listening on ${address.port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
