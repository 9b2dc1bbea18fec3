// The packed mock server as a consumer team installs it (with the packed client, and msw from the registry):
// faults through its JS API, its HTTP control path and Prefer: code=, and its MSW handlers with no port.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { IMODEL_ID, openConsumerProject } from "@export-api/test-utils";
import { SERVER_URL } from "@export-api/types";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { EXPECTED_MSW_PAGING, expectedTransport } from "./helpers/msw-transport.js";

// Installed once for this file and tarballs.test.ts, by global-setup.ts (fixtures/mock-consumer's files are here,
// with msw from the registry).
const project = openConsumerProject(inject("consumer").dir, inject("consumer").packages);

describe("the installed mock server and client", () => {
  let results: Record<
    string,
    { connections?: number; error?: string; status?: number; attempts: number; tokenLogged: boolean }
  >;
  beforeAll(async () => {
    results = JSON.parse(await project.node("faults.mjs"));
  }, 60_000);

  it.each(["js", "http", "prefer"])(
    "429 then 200, and 503 then 200, via %s: the client retries and succeeds",
    (channel) => {
      for (const name of ["429 then 200", "503 then 200"]) {
        expect(results[`${name} via ${channel}`], name).toEqual({ connections: 8, attempts: 2, tokenLogged: false });
      }
    },
  );

  it.each(["js", "http", "prefer"])("401 via %s: AuthenticationError, no retry", (channel) => {
    expect(results[`401 via ${channel}`]).toEqual({
      error: "AuthenticationError",
      status: 401,
      attempts: 1,
      tokenLogged: false,
    });
  });

  it.each(["js", "http"])("a stalled response via %s: TimeoutError after the client's timeoutMs", (channel) => {
    expect(results[`stall via ${channel}`]).toEqual({ error: "TimeoutError", attempts: 1, tokenLogged: false });
  });
});

describe("the installed @export-api/mock-server/msw with msw's setupServer, no listening port", () => {
  it("pages through every connection at the client's default base URL; a 429 fault gives RateLimitError, then success", async () => {
    expect(JSON.parse(await project.node("msw.mjs"))).toEqual({
      baseUrl: SERVER_URL,
      ...EXPECTED_MSW_PAGING,
    });
  });

  it("answers as under msw 3 (msw3.test.ts): only its own paths, HEAD, 413, the control path's rules, the faults", async () => {
    expect(JSON.parse(await project.node("msw-transport.mjs"))).toEqual(expectedTransport("2"));
  });

  it("is also there for require()", async () => {
    const seen = JSON.parse(await project.node("msw-require.cjs"));
    expect(seen).toEqual({ createHandlers: "function", handlers: 2, first: IMODEL_ID });
  });

  it("lists msw 2 and 3 as an optional peer dependency, and nothing at runtime", () => {
    const manifest = JSON.parse(
      readFileSync(join(project.dir, "node_modules/@export-api/mock-server/package.json"), "utf8"),
    );
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.peerDependencies).toEqual({ msw: "^2.0.0 || ^3.0.0" });
    expect(manifest.peerDependenciesMeta).toEqual({ msw: { optional: true } });
  });
});
