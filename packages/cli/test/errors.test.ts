// Failures: API errors print the code, the message and the status and exit 1; the token is never printed.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { cli } from "./fixtures/cli.js";

const IMODEL_ID = "a0471655-6b18-419e-ab01-ebf4fbff9dff";
const TOKEN = "secret-token-7f3a9c";

/** A loopback server answering every request with this status and error body; it records Authorization. */
async function answering(status: number, error: Record<string, unknown>) {
  const authorizations: (string | undefined)[] = [];
  const server = createServer((request, response) => {
    authorizations.push(request.headers.authorization);
    response.writeHead(status, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ error }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("API errors", () => {
  it("404 from the embedded mock: code, message and status on stderr, exit 1, nothing on stdout", async () => {
    const result = await cli(["list", "--imodel-id", "00000000-0000-4000-8000-000000000000"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Error: ConnectionNotFound: Requested iModelId is not available. (HTTP 404)\n");
  });

  it("422 lists each invalid parameter", async () => {
    const result = await cli(["list", "--imodel-id", "not-a-guid"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "Error: InvalidConnectionsRequest: Cannot perform operation. (HTTP 422)\n  imodelId: Provided imodelId value is not valid.\n",
    );
  });

  it.each([
    [401, { code: "HeaderNotFound", message: "Header Authorization was not found in the request. Access denied." }],
    [
      403,
      {
        code: "InsufficientPermissions",
        message: "The user has insufficient permissions for the requested operation.",
      },
    ],
  ])("%i: prints the error, exits 1, and never prints the token", async (status, error) => {
    const server = await answering(status, error);
    close = server.close;
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
    expect(server.authorizations).toContain(`Bearer ${TOKEN}`);
  });

  it("never prints the token, even when a server echoes it in its error", async () => {
    const server = await answering(401, { code: "InvalidToken", message: `Token ${TOKEN} has expired.` });
    close = server.close;
    const result = await cli(["list", "--base-url", server.url, "--imodel-id", IMODEL_ID], {
      env: { EXPORT_API_TOKEN: TOKEN },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Error: InvalidToken: Token [redacted] has expired. (HTTP 401)");
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it("takes the token from EXPORT_API_TOKEN, and --token before it", async () => {
    const server = await answering(403, { code: "InsufficientPermissions", message: "No." });
    close = server.close;
    const base = ["list", "--base-url", server.url, "--imodel-id", IMODEL_ID];
    await cli(base, { env: { EXPORT_API_TOKEN: "from-env" } });
    await cli([...base, "--token", "from-flag"], { env: { EXPORT_API_TOKEN: "from-env" } });
    expect(server.authorizations).toEqual(["Bearer from-env", "Bearer from-flag"]);
  });

  it("a server that does not answer: exit 1 with the reason", async () => {
    const server = await answering(200, {});
    await server.close();
    const result = await cli(["list", "--base-url", server.url, "--imodel-id", IMODEL_ID, "--token", TOKEN]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: .*ECONNREFUSED/m);
    expect(result.stderr).not.toContain(TOKEN);
  });
});
