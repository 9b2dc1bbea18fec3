// A hostile server and a careless user at the command line: what reaches the terminal is printable, every bad
// argument exits 2 with a line, and a failure to write the output is one line, not a stack.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { startMockServer } from "@export-api/mock-server";
import { IMODEL_ID, it, page, sendJson } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { bin, cli } from "./fixtures/cli.js";

const TOKEN = "secret-token-7f3a9c";
const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
/** Bytes a terminal acts on: escape (ESC [ 2 J clears the screen), carriage return, the 8-bit CSI, bidi override. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const ACTIVE = /[\u001b\r\u009b\u202e\u2028]/;

describe("a server's words reach the terminal printable", () => {
  it("an error message with escape sequences, a carriage return and a forged line is shown escaped", async ({
    serve,
  }) => {
    const server = await serve((_request, response) =>
      sendJson(response, 403, {
        error: {
          code: "Insufficient\u001b]0;pwned\u0007Permissions",
          message: "No.\u001b[2J\rError: forged line\u009b31m \u202eReversed",
          details: [{ code: "InvalidValue", message: "line\nbreak", target: "\u001b[1mimodelId" }],
        },
      }),
    );

    const result = await cli(["list", "--base-url", server.url, "--imodel-id", IMODEL_ID, "--token", TOKEN]);

    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(ACTIVE);
    expect(result.stderr).toContain(
      "Error: Insufficient\\u001b]0;pwned\\u0007Permissions: No.\\u001b[2J\\u000dError: forged",
    );
    expect(result.stderr.split("\n").filter((line) => line.startsWith("Error:"))).toHaveLength(1);
  });

  it("a 422 whose details hold null and strings prints the error and exits 1, without a stack", async ({ serve }) => {
    const server = await serve((_request, response) =>
      sendJson(response, 422, {
        error: { code: "InvalidConnectionsRequest", message: "Cannot perform operation.", details: [null, "x", 3] },
      }),
    );

    const result = await cli(["list", "--base-url", server.url, "--imodel-id", IMODEL_ID, "--token", TOKEN]);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe("Error: InvalidConnectionsRequest: Cannot perform operation. (HTTP 422)\n");
  });

  it("a flood of details is cut at 20 lines", async ({ serve }) => {
    const details = Array.from({ length: 500 }, (_, index) => ({
      code: "InvalidValue",
      message: `m${index}`,
      target: "x",
    }));
    const server = await serve((_request, response) =>
      sendJson(response, 422, { error: { code: "InvalidConnectionsRequest", message: "Too much.", details } }),
    );

    const result = await cli(["list", "--base-url", server.url, "--imodel-id", IMODEL_ID, "--token", TOKEN]);

    expect(result.stderr.trimEnd().split("\n")).toHaveLength(22);
    expect(result.stderr).toContain("  ... and 480 more\n");
  });

  it.for(["table", "json", "ndjson"])(
    "connection fields with escape sequences are escaped in %s output",
    async (format, { serve }) => {
      const hostile = page(["a"]);
      hostile.connections[0]!.displayName = "Bridge\u001b[2J\u009b31m\u2028\u202eexport";
      const server = await serve((_request, response) => sendJson(response, 200, hostile));

      const result = await cli([
        "list",
        "--base-url",
        server.url,
        "--imodel-id",
        IMODEL_ID,
        "--token",
        TOKEN,
        "--format",
        format,
      ]);

      expect(result.code).toBe(0);
      expect(result.stdout).not.toMatch(ACTIVE);
      if (format !== "table") {
        // Still JSON, with the very same value once parsed.
        const text = format === "json" ? result.stdout : result.stdout.trimEnd();
        const parsed = JSON.parse(text);
        expect((Array.isArray(parsed) ? parsed[0] : parsed).displayName).toBe(hostile.connections[0]!.displayName);
      }
    },
  );
});

describe("a careless user: every bad argument exits 2 with one line", () => {
  it.for([
    [
      "--base-url with an empty query",
      ["--base-url", "https://api.bentley.com/?"],
      /--base-url must not carry a query/,
    ],
    [
      "--base-url with an empty fragment",
      ["--base-url", "https://api.bentley.com#"],
      /--base-url must not carry a query/,
    ],
    [
      "--base-url with a password and a bad port",
      ["--base-url", "https://u:hunter2@h:99999"],
      /--base-url must be an absolute/,
    ],
    [
      "--token with a space",
      ["--base-url", "https://api.bentley.com", "--token", "two words-here"],
      /the token \(--token or EXPORT_API_TOKEN\) must be an RFC 6750 bearer token/,
    ],
    [
      "--imodel-id with an escape sequence",
      ["--imodel-id", "\u001b[2Jid"],
      /--imodel-id must be a non-empty string without control characters/,
    ],
    ["--timeout-ms 0", ["--timeout-ms", "0"], /^export-connections: --timeout-ms must be an integer from 1 to /m],
    ["--max-retries in words", ["--max-retries", "two"], /--max-retries must be an integer, got "two"/],
    ["--top out of range", ["--top", "0"], /--top must be an integer from/],
  ] as [string, string[], RegExp][])("%s", async ([_what, args, message]) => {
    const result = await cli(["list", "--imodel-id", IMODEL_ID, "--token", TOKEN, ...args]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(ACTIVE);
    expect(result.stderr).not.toContain("hunter2");
    expect(result.stderr).not.toContain("two words-here");
  });
});

describe("output that cannot be written", () => {
  it("a reader that stops early (list --all | head): ends quietly, exit 0, no error", async () => {
    // Far more output than a pipe buffers, so the CLI is still writing when the reader goes away.
    const mock = await startMockServer({ connectionsPerImodel: 5_000 });
    const args = ["list", "--all", "--format", "ndjson", "--base-url", mock.url, "--imodel-id", mock.imodelIds[0]!];
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", EXPORT_API_TOKEN: TOKEN },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    // Like `head -1`: read the first chunk, then close the pipe.
    child.stdout.once("data", () => child.stdout.destroy());
    const [code] = await once(child, "close");
    await mock.close();

    expect(code).toBe(0);
    expect(stderr).not.toMatch(/Error|EPIPE/);
  });

  // Linux's /dev/full fails every write with ENOSPC, like a full disk.
  it("> /dev/full: one line on stderr, exit 1, no stack", async () => {
    const result = await bin(["list", "--format", "ndjson"], {}, { stdout: "/dev/full" });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("export-connections: cannot write the output: ENOSPC\n");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
