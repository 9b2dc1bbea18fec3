// The packed mock server with msw 3, as a team that upgraded installs it: msw 3 needs Node 22.12 or later, so its
// scripts run on the Node 22 of checks/runtimes (the rest of this suite, and msw 2, run on the machine's Node 20).
// The same scripts run under msw 2 in mock-tarballs.test.ts.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { NODE_22 } from "@export-api/runtimes";
import { type ConsumerProject, createConsumerProject, IMODEL_ID } from "@export-api/test-utils";
import { SERVER_URL } from "@export-api/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPECTED_MSW_PAGING, expectedTransport } from "./helpers/msw-transport.js";

/** The msw 3 release tested, from the registry (the workspace's own msw stays 2: its tests run on Node 20). */
const MSW_3 = "3.0.5";

const run = promisify(execFile);
let project: ConsumerProject;

beforeAll(async () => {
  const fixtures = join(import.meta.dirname, "../fixtures");
  project = await createConsumerProject(
    [join(fixtures, "mock-consumer"), join(fixtures, "msw3-types")],
    [`msw@${MSW_3}`, "@types/node@22"],
    ["@export-api/mock-server", "@export-api/client", "@export-api/types"],
  );
}, 180_000);
afterAll(() => project?.remove());

/** Runs a script of the project on Node 22 and parses what it prints. */
async function onNode22(file: string): Promise<unknown> {
  const { stdout } = await run(NODE_22.binary, [file], { cwd: project.dir });
  return JSON.parse(stdout);
}

describe(`@export-api/mock-server/msw with msw ${MSW_3} on Node ${NODE_22.version}`, () => {
  it("installs without a peer conflict: msw 3 is in the peer range", async () => {
    expect(await onNode22("msw-transport.mjs")).toMatchObject({ msw: "3" });
  });

  it("pages through every connection at the client's default base URL; a 429 fault gives RateLimitError, then success", async () => {
    expect(await onNode22("msw.mjs")).toEqual({
      baseUrl: SERVER_URL,
      ...EXPECTED_MSW_PAGING,
    });
  });

  it("is there for require() too (msw 3 is an ES module only: Node 22's require() of ES modules loads it)", async () => {
    expect(await onNode22("msw-require.cjs")).toEqual({ createHandlers: "function", handlers: 2, first: IMODEL_ID });
  });

  it("answers as under msw 2: only its own paths, HEAD, 413, the control path's rules, the faults", async () => {
    expect(await onNode22("msw-transport.mjs")).toEqual(expectedTransport("3"));
  });

  it("type-checks against msw 3's own types, strict, without skipLibCheck", async () => {
    await expect(project.tsc("tsconfig.msw.json")).resolves.toBe("");
  });
});
