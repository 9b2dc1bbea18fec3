// The User-Agent (internal/user-agent.ts): `export-api-client/<version> <runtime>` where the runtime lets a client
// name itself; no header at all where it sets its own (browsers).
import { IMODEL_ID, it } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { VERSION } from "../src/index.js";
import { attempt } from "../src/internal/attempt.js";
import { runtimeName, userAgent } from "../src/internal/user-agent.js";
import { aPage } from "./helpers.js";

describe("the User-Agent", () => {
  it("names the runtime the client runs on, or none in a browser", () => {
    expect(runtimeName({ Bun: { version: "1.4.5" }, process: { versions: { node: "24.0.0" } } })).toBe("bun/1.4.5");
    expect(runtimeName({ Deno: { version: { deno: "2.9.6" } }, process: { versions: { node: "24.0.0" } } })).toBe(
      "deno/2.9.6",
    );
    expect(runtimeName({ Deno: {} })).toBeUndefined();
    expect(runtimeName({ navigator: { userAgent: "Cloudflare-Workers" } })).toBe("workerd");
    expect(runtimeName({ navigator: { userAgent: "Mozilla/5.0" } })).toBeUndefined();
    expect(runtimeName({ process: { versions: { node: "20.20.2" } } })).toBe("node/20.20.2");
    expect(runtimeName({ process: { versions: { node: "20.20.2" } }, window: {} })).toBeUndefined();
    expect(runtimeName({ process: {} })).toBeUndefined();
    expect(runtimeName({})).toBeUndefined();
    expect(userAgent({ process: { versions: { node: "20.20.2" } } })).toBe(`export-api-client/${VERSION} node/20.20.2`);
    expect(userAgent({ window: {} })).toBeUndefined();
  });

  it("no User-Agent header at all where the runtime sets its own", async () => {
    const seen: Request[] = [];
    const context = {
      baseUrl: "http://127.0.0.1:9",
      accessToken: undefined,
      fetch: async (request: Request) => {
        seen.push(request);
        return new Response(JSON.stringify(aPage()), { headers: { "content-type": "application/json" } });
      },
      timeoutMs: 1_000,
      logger: undefined,
      userAgent: undefined,
    };
    await attempt(context, { imodelId: IMODEL_ID }, undefined);
    expect(seen[0]!.headers.has("user-agent")).toBe(false);
  });
});
