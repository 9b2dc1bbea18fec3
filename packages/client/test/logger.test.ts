// The logger: a debug line per attempt and a warn line per retry, each naming the request; a logger that throws or
// rejects loses its line, never the call (options.ts's safeLogger).
import { apiError, IMODEL_ID, it, page, sendJson, sequence, watchUnhandledRejections } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { createExportClient } from "../src/index.js";

describe("log lines", () => {
  it("debug: 'GET <url> -> <status> in <ms> ms'; a call that is not retried logs its giving up", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 404, apiError("ConnectionNotFound", "gone")));
    const lines: string[] = [];
    const client = createExportClient({
      baseUrl: server.url,
      logger: { debug: (line) => lines.push(line), warn: (line) => lines.push(line) },
    });
    await client.getExportConnections({ imodelId: IMODEL_ID }).catch(() => {});
    const url = `${server.url}/export/connections?imodelId=${IMODEL_ID}`;
    expect(lines).toHaveLength(2);
    const ms = Number(/^GET (\S+) -> 404 in (\d+) ms$/.exec(lines[0]!)?.[2]);
    expect(lines[0]).toMatch(new RegExp(`^GET ${url.replace(/[.?]/g, "\\$&")} -> 404 in \\d+ ms$`));
    expect(ms).toBeLessThan(60_000); // a duration, not a sum of two clock readings
    expect(lines[1]).toBe(`GET ${url} failed (404 Not Found: ConnectionNotFound: gone); giving up after attempt 1`);
  });
});

describe("a broken logger", () => {
  it("a debug that throws does not throw away a good answer", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, page(["ok"])));
    const client = createExportClient({
      baseUrl: server.url,
      logger: {
        debug: () => {
          throw new Error("the log file is full");
        },
        warn: () => {},
      },
    });

    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).resolves.toMatchObject({
      connections: [{ id: "ok" }],
    });
  });

  it("a warn that throws, or a logger that rejects, does not stop the retry or leave an unhandled rejection", async ({
    serve,
  }) => {
    const rejections = watchUnhandledRejections();
    const server = await serve(
      sequence(
        (_request, response) => sendJson(response, 503, apiError("Busy", "busy")),
        (_request, response) => sendJson(response, 200, page(["ok"])),
      ),
    );
    const client = createExportClient({
      baseUrl: server.url,
      retryBaseDelayMs: 1,
      logger: {
        debug: async () => {
          throw new Error("async logger failed");
        },
        warn: () => {
          throw new Error("warn failed");
        },
      },
    });

    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).resolves.toMatchObject({
      connections: [{ id: "ok" }],
    });
    await rejections.check();
  });
});
