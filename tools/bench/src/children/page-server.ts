// A minimal node:http server, in its own process: the loopback and paging benchmarks' server, and the static
// server of the throughput one. GET /export/connections?$top=&$skip= answers a page of `--total` connections with
// links like the real API's (absolute, on its public host, carrying `$skip` and `$top` only). Each page's bytes
// are made once and kept, so after its first request a page costs one write: about as fast as a server answers.
// Usage: node page-server.js [--total N]; prints `listening on <url>`, stops on SIGTERM.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { pageBytes } from "../fixtures/page.js";

const { values } = parseArgs({ options: { total: { type: "string", default: "100000" } } });
const total = Number(values.total);
const pages = new Map<string, Uint8Array>();

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://page-server.invalid");
  const top = Number(url.searchParams.get("$top") ?? 100);
  const skip = Number(url.searchParams.get("$skip") ?? 0);
  if (url.pathname !== "/export/connections" || !Number.isInteger(top) || !Number.isInteger(skip)) {
    response.writeHead(404).end();
    return;
  }
  const key = `${skip}:${top}`;
  let body = pages.get(key);
  if (!body) {
    body = pageBytes(skip, top, total);
    pages.set(key, body);
  }
  response.writeHead(200, { "content-type": "application/json", "content-length": body.byteLength });
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`page-server listening on http://127.0.0.1:${port} with ${total} connections\n`);
});
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
});
