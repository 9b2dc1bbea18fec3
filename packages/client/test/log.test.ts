// EXPORT_API_LOG (internal/log.ts): the logger option's lines on stderr, by level, for code that cannot pass a
// logger; never a header or a token.
import { apiError, IMODEL_ID, it, page, type Serve, sendJson, sequence } from "@export-api/test-utils";
import { afterEach, describe, expect, vi } from "vitest";
import { createExportClient } from "../src/index.js";
import { envLogger } from "../src/internal/log.js";
import { TOKEN } from "./helpers.js";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** A 503 then a page, from a client made while EXPORT_API_LOG is `level`; what it wrote to stderr. */
async function linesAt(level: string | undefined, serve: Serve) {
  if (level !== undefined) vi.stubEnv("EXPORT_API_LOG", level);
  const written: string[] = [];
  vi.spyOn(console, "error").mockImplementation((line: string) => void written.push(line));
  const server = await serve(
    sequence(
      (request, response) =>
        sendJson(response, 503, apiError("ServiceUnavailable", `busy ${request.headers.authorization}`)),
      (_request, response) => sendJson(response, 200, page(["a"])),
    ),
  );
  const client = createExportClient({ baseUrl: server.url, accessToken: TOKEN, retryBaseDelayMs: 1 });
  await client.getExportConnections({ imodelId: IMODEL_ID });
  return { written, url: `${server.url}/export/connections?imodelId=${IMODEL_ID}` };
}

describe("EXPORT_API_LOG", () => {
  it("debug: a line per attempt and the retry's warning, prefixed, the token redacted", async ({ serve }) => {
    const { written, url } = await linesAt("debug", serve);
    expect(written).toEqual([
      expect.stringMatching(
        new RegExp(`^\\[export-api\\] GET ${url.replaceAll("?", "\\?").replaceAll("$", "\\$")} -> 503 in \\d+ ms$`),
      ),
      expect.stringMatching(
        /^\[export-api\] GET .* failed \(503 .*busy Bearer \[redacted\]\); retry 1 of 2 in \d+ ms$/,
      ),
      expect.stringMatching(/^\[export-api\] GET .* -> 200 in \d+ ms$/),
    ]);
    expect(written.join("\n")).not.toContain(TOKEN);
  });

  it.for(["warn", "info", " WARN "])("%j: the warnings only", async (level, { serve }) => {
    const { written } = await linesAt(level, serve);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/retry 1 of 2/);
  });

  it.for([undefined, "off", "", "verbose", "1"])("%j: nothing", async (level, { serve }) => {
    expect((await linesAt(level, serve)).written).toEqual([]);
  });

  it("a logger option wins over the variable: its lines go there, none to stderr", async ({ serve }) => {
    vi.stubEnv("EXPORT_API_LOG", "debug");
    const written: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void written.push(line));
    const server = await serve((_request, response) => sendJson(response, 200, page(["a"])));
    const lines: string[] = [];
    const client = createExportClient({
      baseUrl: server.url,
      logger: { debug: (line) => lines.push(line), warn: (line) => lines.push(line) },
    });
    await client.getExportConnections({ imodelId: IMODEL_ID });
    expect(lines).toHaveLength(1);
    expect(written).toEqual([]);
  });

  it("an environment that refuses to be read (Deno without --allow-env) counts as unset", () => {
    const env = Object.defineProperty({}, "EXPORT_API_LOG", {
      get() {
        throw new Error("Requires env access");
      },
    });
    vi.stubGlobal("process", { ...process, env });
    try {
      expect(envLogger()).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(envLogger("debug")).toBeDefined();
    expect(envLogger("warn")).toBeDefined();
    expect(envLogger("nope")).toBeUndefined();
  });
});
