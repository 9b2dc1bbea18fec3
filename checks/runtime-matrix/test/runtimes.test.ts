// The packed client, installed with npm in a project outside the workspace, on every runtime of the matrix: it lists
// connections from the mock server (one page, and every page), maps a 401 to AuthenticationError, and names the
// runtime it runs on in User-Agent, as the mock's request log shows. The runtimes run in parallel, each against its
// own mock server.
import { VERSION } from "@export-api/client";
import { startMockServer } from "@export-api/mock-server";
import { BUN, DENO, MACHINE_NODE, NODE_22, NODE_24, versionOutput, WORKERD } from "@export-api/runtimes";
import { describe, test } from "vitest";
import { runJson } from "./helpers/consumer.js";
import { bundleWorker, startWorker } from "./helpers/workerd.js";

/** 25 connections: one page of 5, three pages of 10, and one call without a token. */
const CONNECTIONS = 25;
const EXPECTED_CHECKS = {
  firstPage: 5,
  all: CONNECTIONS,
  unique: CONNECTIONS,
  unauthorized: { name: "AuthenticationError", isAuthenticationError: true, status: 401 },
};
const AUTHORIZATION_SENT = [...Array(4).fill("Bearer [redacted]"), undefined];

/** Each runtime, and how it runs a script of the consumer project. */
const SCRIPT_RUNNERS = [
  { runtime: MACHINE_NODE, runArgs: [] },
  { runtime: NODE_22, runArgs: [] },
  { runtime: NODE_24, runArgs: [] },
  { runtime: BUN, runArgs: [] },
  { runtime: DENO, runArgs: ["run", "--allow-net"] },
].map((runner) => ({ ...runner, label: `${runner.runtime.name} ${runner.runtime.version} (${runner.runtime.from})` }));

describe.concurrent("the packed client", () => {
  for (const { runtime, runArgs, label } of SCRIPT_RUNNERS) {
    test(`on ${label}`, async ({ expect }) => {
      const mock = await startMockServer({ connectionsPerImodel: CONNECTIONS });
      try {
        const seen = await runJson(runtime.binary, [...runArgs, "check.mjs", mock.url, mock.imodelIds[0]!]);
        expect(seen).toEqual(EXPECTED_CHECKS);
        expect(mock.requests.map((request) => request.headers.authorization)).toEqual(AUTHORIZATION_SENT);
        const userAgent = `export-api-client/${VERSION} ${runtime.name}/${runtime.version}`;
        expect(mock.requests.map((request) => request.headers["user-agent"])).toEqual(Array(5).fill(userAgent));
      } finally {
        await mock.close();
      }
    });
  }

  test(`in a workerd worker (${WORKERD.from}), bundled with esbuild, on loopback`, async ({ expect }) => {
    const [mock] = await Promise.all([startMockServer({ connectionsPerImodel: CONNECTIONS }), bundleWorker()]);
    const worker = await startWorker();
    try {
      const query = new URLSearchParams({ baseUrl: mock.url, imodelId: mock.imodelIds[0]! });
      const response = await fetch(`${worker.url}/?${query}`);
      expect(await response.json()).toEqual(EXPECTED_CHECKS);
      expect(mock.requests.map((request) => request.headers.authorization)).toEqual(AUTHORIZATION_SENT);
      // A worker may set User-Agent; the client names workerd without a version (the runtime does not expose one).
      const userAgent = `export-api-client/${VERSION} workerd`;
      expect(mock.requests.map((request) => request.headers["user-agent"])).toEqual(Array(5).fill(userAgent));
    } finally {
      await Promise.all([worker.close(), mock.close()]);
    }
  });

  test("on Deno without --allow-net: NetworkAccessDenied at the first attempt, not retried, naming the flag", async ({
    expect,
  }) => {
    const mock = await startMockServer();
    try {
      // --no-prompt: never ask on a terminal, as in CI; without a terminal Deno does not ask anyway.
      const seen = await runJson(DENO.binary, ["run", "--no-prompt", "denied.mjs", mock.url, mock.imodelIds[0]!]);
      expect(seen).toEqual({
        name: "ExportApiError",
        isExportApiError: true,
        code: "NetworkAccessDenied",
        message: expect.stringContaining("--allow-net"),
        attempts: 1,
      });
      expect(mock.requests).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});

describe("the runtimes", () => {
  test("are the versions their npm packages say", ({ expect }) => {
    expect(versionOutput(NODE_22)).toBe(`v${NODE_22.version}`);
    expect(versionOutput(NODE_24)).toBe(`v${NODE_24.version}`);
    expect(versionOutput(BUN)).toBe(BUN.version);
    expect(versionOutput(DENO)).toMatch(new RegExp(`^deno ${DENO.version.replaceAll(".", "\\.")} `));
    // workerd 1.20261117.1 reports its date: workerd 2026-11-17.
    const date = /^1\.(\d{4})(\d{2})(\d{2})\./.exec(WORKERD.version)!.slice(1).join("-");
    expect(versionOutput(WORKERD)).toBe(`workerd ${date}`);
    expect(NODE_22.version).toMatch(/^22\./);
    expect(NODE_24.version).toMatch(/^24\./);
  });
});
