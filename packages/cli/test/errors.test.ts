// Failures: API errors print the code, the message and the status and exit 1; the token is never printed.
import { IMODEL_ID, it, type Serve, sendJson, type TestServer, UNKNOWN_IMODEL_ID } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { bin, cli } from "./fixtures/cli.js";
import { recordCliUsage } from "./fixtures/usage.js";

const TOKEN = "secret-token-7f3a9c";
// The errors the CLI meets from the embedded mock are part of its usage contract; those of the loopback servers below
// (made-up answers) are not.
const usage = recordCliUsage();

/** A loopback server answering every request with this status and error body. */
const answering = (serve: Serve, status: number, error: Record<string, unknown>) =>
  serve((_request, response) => sendJson(response, status, { error }));
const authorizations = (server: TestServer) => server.requests.map((request) => request.headers.authorization);

describe("API errors", () => {
  it("404 from the embedded mock: code, message and status on stderr, exit 1, nothing on stdout", async () => {
    const result = await cli(["list", "--imodel-id", UNKNOWN_IMODEL_ID], { usage });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Error: ConnectionNotFound: Requested iModelId is not available. (HTTP 404)\n");
  });

  it("422 lists each invalid parameter", async () => {
    const result = await cli(["list", "--imodel-id", "not-a-guid"], { usage });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "Error: InvalidConnectionsRequest: Cannot perform operation. (HTTP 422)\n  imodelId: Provided imodelId value is not valid.\n",
    );
  });

  it.for([
    [401, { code: "HeaderNotFound", message: "Header Authorization was not found in the request. Access denied." }],
    [
      403,
      {
        code: "InsufficientPermissions",
        message: "The user has insufficient permissions for the requested operation.",
      },
    ],
  ] as [number, { code: string; message: string }][])(
    "%i: prints the error, exits 1, and never prints the token",
    async ([status, error], { serve }) => {
      const server = await answering(serve, status, error);
      for (const args of [
        ["list", "--base-url", server.url, "--imodel-id", IMODEL_ID, "--token", TOKEN],
        ["list", "--base-url", server.url, "--imodel-id", IMODEL_ID, "--token", TOKEN, "--all", "--format", "json"],
      ]) {
        const result = await cli(args, { stderrIsTTY: true });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`Error: ${error.code}: ${error.message} (HTTP ${status})`);
        expect(result.stdout).toBe("");
        expect(result.stdout + result.stderr).not.toContain(TOKEN);
      }
      expect(authorizations(server)).toContain(`Bearer ${TOKEN}`);
    },
  );

  it("never prints the token, even when a server echoes it in its error", async ({ serve }) => {
    const server = await answering(serve, 401, { code: "InvalidToken", message: `Token ${TOKEN} has expired.` });
    const result = await cli(["list", "--base-url", server.url, "--imodel-id", IMODEL_ID], {
      env: { EXPORT_API_TOKEN: TOKEN },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Error: InvalidToken: Token [redacted] has expired. (HTTP 401)");
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it("takes the token from EXPORT_API_TOKEN, and --token before it", async ({ serve }) => {
    const server = await answering(serve, 403, { code: "InsufficientPermissions", message: "No." });
    const base = ["list", "--base-url", server.url, "--imodel-id", IMODEL_ID];
    await cli(base, { env: { EXPORT_API_TOKEN: "from-env" } });
    await cli([...base, "--token", "from-flag"], { env: { EXPORT_API_TOKEN: "from-env" } });
    expect(authorizations(server)).toEqual(["Bearer from-env", "Bearer from-flag"]);
  });

  it("a server that does not answer: exit 1 with the reason", async ({ serve }) => {
    const server = await answering(serve, 200, {});
    await server.close(); // nothing listens there any more
    const result = await cli(["list", "--base-url", server.url, "--imodel-id", IMODEL_ID, "--token", TOKEN]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: .*ECONNREFUSED/m);
    expect(result.stderr).not.toContain(TOKEN);
  });
});

describe("--verbose never prints the token", () => {
  it("a server that echoes it into its error and its ids: the retry line shows [redacted]", async ({ serve }) => {
    let calls = 0;
    const server = await serve((request, response) => {
      const echo = `echo ${request.headers.authorization}`;
      if (calls++ === 0) {
        sendJson(response, 503, { error: { code: "Busy", message: echo } }, { "x-correlation-id": echo });
      } else {
        sendJson(response, 200, { connections: [], _links: { self: { href: `${server.url}/export/connections` } } });
      }
    });
    const result = await bin(
      ["list", "--base-url", server.url, "--imodel-id", IMODEL_ID, "--verbose", "--max-retries", "1"],
      { EXPORT_API_TOKEN: TOKEN },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^\[export-api\] GET .* failed \(503 .*echo Bearer \[redacted\]\); retry 1 of 1 in \d+ ms$/m,
    );
    expect(result.stderr).not.toContain(TOKEN);
    expect(result.stdout).not.toContain(TOKEN);
  });
});
