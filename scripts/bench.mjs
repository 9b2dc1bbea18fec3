// Benchmarks: what the SDK costs on top of hand-rolled fetch, and how fast the mock server starts.
// Runs on the built packages (`pnpm bench` builds them first), over loopback only; prints a markdown table.
// Results are written down in BENCHMARKS.md by hand, with the machine they came from. Nothing here is a test:
// no number fails anything.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";

const { ACCEPT, createExportClient } = await import(new URL("../packages/client/dist/index.js", import.meta.url));
const { startMockServer } = await import(new URL("../packages/mock-server/dist/index.js", import.meta.url));

const CONNECTIONS = 20_000;
const RUNS = 7;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(fn) {
  const started = performance.now();
  const count = await fn();
  return { ms: performance.now() - started, count };
}

/** Hand-rolled paging: what a caller writes without the SDK (no retries, no typed errors, no checks). */
async function handRolled(baseUrl, imodelId, pageSize) {
  let count = 0;
  let skip = 0;
  for (;;) {
    const response = await fetch(`${baseUrl}/export/connections?imodelId=${imodelId}&$top=${pageSize}&$skip=${skip}`, {
      headers: { Authorization: "Bearer bench", Accept: ACCEPT },
    });
    const page = await response.json();
    count += page.connections.length;
    const next = page._links.next?.href;
    if (!next) return count;
    skip = Number(new URL(next).searchParams.get("$skip"));
  }
}

async function withClient(client, imodelId, pageSize) {
  let count = 0;
  for await (const _connection of client.iterateExportConnections({ imodelId, pageSize })) count++;
  return count;
}

const mock = await startMockServer({ imodels: 1, connectionsPerImodel: CONNECTIONS });
const [imodelId] = mock.imodelIds;
const client = createExportClient({ baseUrl: mock.url, accessToken: "bench" });
const rows = [];
try {
  for (const pageSize of [100, 1000]) {
    for (const [name, run] of [
      ["hand-rolled fetch", () => handRolled(mock.url, imodelId, pageSize)],
      ["@export-api/client iterate", () => withClient(client, imodelId, pageSize)],
    ]) {
      await run(); // warm-up
      const samples = [];
      for (let i = 0; i < RUNS; i++) {
        const { ms, count } = await timed(run);
        if (count !== CONNECTIONS) throw new Error(`${name} read ${count} of ${CONNECTIONS} connections`);
        samples.push(ms);
      }
      const ms = median(samples);
      rows.push([`${name}, pageSize ${pageSize}`, `${ms.toFixed(1)} ms`, `${Math.round(CONNECTIONS / (ms / 1000))}/s`]);
    }
  }
} finally {
  await mock.close();
}

const starts = [];
for (let i = 0; i < RUNS * 3; i++) {
  const { ms } = await timed(async () => {
    const server = await startMockServer({ connectionsPerImodel: 1_000_000 });
    await server.close();
  });
  starts.push(ms);
}
rows.push([
  "startMockServer() + close() in a warm process, 1,000,000 connections per iModel",
  `${median(starts).toFixed(2)} ms`,
  "",
]);

/** Cold start of the bin: from spawning node until it prints its URL. */
function binStart() {
  const bin = new URL("../packages/mock-server/dist/bin.js", import.meta.url).pathname;
  return timed(
    () =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [bin, "--port", "0", "--connections", "2500"]);
        child.on("error", reject);
        child.stdout.on("data", (chunk) => {
          if (String(chunk).includes("http://")) {
            child.kill("SIGTERM");
            resolve(0);
          }
        });
      }),
  );
}
const binStarts = [];
for (let i = 0; i < RUNS; i++) binStarts.push((await binStart()).ms);
rows.push(["export-api-mock bin, spawn to URL printed (cold Node process)", `${median(binStarts).toFixed(1)} ms`, ""]);

console.log(`Node ${process.version}, ${CONNECTIONS} connections, median of ${RUNS} runs\n`);
console.log("| what | median | connections/s |\n|---|---|---|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
