// Server throughput: our mock server against a static node:http server (the page server, answering from bytes it
// made once) and Prism's mock (started as @export-api/contract-tests starts it). Each server runs in its own
// process; the load comes from autocannon in another: 50 keep-alive connections asking for 100-connection pages.
// Rounds interleave the servers (mock, static, Prism, mock, ...); ratios to static are taken round by round.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { startPrism } from "@export-api/contract-tests";
import { HEADERS, IMODEL_ID } from "../fixtures/page.js";
import { lastJsonLine, runNode, startServerProcess } from "../harness/processes.js";
import { ratios, spread } from "../harness/stats.js";
import { childScript } from "../paths.js";
import { bytes, count, perSecond, ratio, spreadOf, table } from "../report/format.js";
import type { Section } from "./section.js";

const require = createRequire(import.meta.url);
const CONNECTIONS = 50;
const PAGE = 100;

/** The path of a package's bin, from its manifest. */
function binOf(packageName: string, bin: string): string {
  const manifest = require.resolve(`${packageName}/package.json`);
  const { bin: bins } = require(manifest) as { bin: Record<string, string> };
  return join(dirname(manifest), bins[bin]!);
}

interface Load {
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
}

/** autocannon, in its own process, against `url` for `seconds`. */
export async function load(url: string, seconds: number): Promise<Load> {
  const headers = Object.entries(HEADERS).flatMap(([name, value]) => ["-H", `${name}=${value}`]);
  const args = ["-c", String(CONNECTIONS), "-d", String(seconds), "-j", ...headers, url];
  const result = lastJsonLine<{ duration: number; "2xx": number; non2xx: number; errors: number; timeouts: number }>(
    await runNode(binOf("autocannon", "autocannon"), args),
  );
  return {
    requestsPerSecond: result["2xx"] / result.duration,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

interface Server {
  name: string;
  url: string;
  close(): Promise<void>;
}

/** Starts the three servers into `servers` (so whatever started is closed, even if a later one fails). */
async function startServers(servers: Server[]): Promise<void> {
  const query = `/export/connections?imodelId=${IMODEL_ID}&$top=${PAGE}`;
  const mock = await startServerProcess(binOf("@export-api/mock-server", "export-api-mock"), [
    "--connections",
    "1000",
    "--imodels",
    "1",
  ]);
  const mockImodel = /^\s+([0-9a-f-]{36})$/m.exec(mock.output())?.[1];
  servers.push({
    name: "@export-api/mock-server",
    url: `${mock.url}/export/connections?imodelId=${mockImodel}&$top=${PAGE}`,
    close: mock.close,
  });
  const pageServer = await startServerProcess(childScript("page-server"));
  servers.push({ name: "static node:http server", url: `${pageServer.url}${query}`, close: pageServer.close });
  const prism = await startPrism({ kind: "mock" });
  servers.push({ name: "Prism mock (@stoplight/prism-cli)", url: `${prism.url}${query}`, close: prism.close });
}

/** What one request gets: the status, and the size and connections of the body. */
async function probe(url: string): Promise<{ size: number; connections: number }> {
  const response = await fetch(url, { headers: HEADERS });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${text.slice(0, 200)}`);
  return {
    size: Buffer.byteLength(text),
    connections: (JSON.parse(text) as { connections: unknown[] }).connections.length,
  };
}

export const throughput: Section = {
  name: "throughput",
  async run({ quick, log }) {
    const rounds = quick ? 1 : 3;
    const seconds = quick ? 1 : 5;
    const servers: Server[] = [];
    try {
      await startServers(servers);
      const bodies = await Promise.all(servers.map((server) => probe(server.url)));
      for (const server of servers) await load(server.url, 1); // warm-up: the servers' code gets compiled
      const rates = new Map<string, number[]>(servers.map((server) => [server.name, []]));
      for (let round = 1; round <= rounds; round++) {
        for (const server of servers) {
          const result = await load(server.url, seconds);
          if (result.non2xx > 0 || result.errors > 0) {
            throw new Error(`${server.name}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
          }
          rates.get(server.name)?.push(result.requestsPerSecond);
        }
        log(`throughput: round ${round} of ${rounds}`);
      }
      const staticRates = rates.get(servers[1]!.name) ?? [];
      const vsStatic = (name: string) => spread(ratios(rates.get(name) ?? [], staticRates));
      const rows = servers.map((server, i) => [
        server.name,
        `${count(bodies[i]!.connections, "connection")}, ${bytes(bodies[i]!.size)}`,
        spreadOf(spread(rates.get(server.name) ?? []), perSecond),
        spreadOf(vsStatic(server.name), ratio),
      ]);
      const markdown = [
        "## Server throughput",
        "",
        `autocannon in its own process, ${CONNECTIONS} keep-alive connections, ${seconds} s per run, asking each ` +
          `server (each in its own process) for a page of ${PAGE}; ${count(rounds, "interleaved round")} after a 1 s ` +
          "warm-up, ratios to the static server taken round by round. Prism answers with the spec's example (one " +
          "connection) whatever `$top` asks, and logs every request.",
        "",
        table(["server", "body", "requests/s", "/ static server"], rows),
      ].join("\n");
      return { markdown, measured: { mockVsStatic: vsStatic(servers[0]!.name) } };
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  },
};
