// Bad arguments: a clear message on stderr, nothing on stdout, exit code 2, and no request sent.
import { TOP_MAX, TOP_MIN } from "@export-api/client";
import { IMODEL_ID } from "@export-api/test-utils";
import { describe, expect, it } from "vitest";
import { bin, cli } from "./fixtures/cli.js";

const bounds = `must be an integer from ${TOP_MIN} to ${TOP_MAX}`;

describe("arguments", () => {
  it.each([
    [[], /a command is required/],
    [["show"], /unknown command "show"/],
    [["list", "extra"], /unexpected argument "extra"/],
    [["list", "--colour"], /Unknown option '--colour'$/m],
    [["list", "--top"], /Option '--top <value>' argument missing/],
    [["list", "--top", String(TOP_MIN - 1)], new RegExp(`--top ${bounds}, got ${TOP_MIN - 1}$`, "m")],
    [["list", "--top", String(TOP_MAX + 1)], new RegExp(`--top ${bounds}`)],
    [["list", "--top", "ten"], /--top must be an integer, got "ten"/],
    // Digits only, as every command of the workspace reads an integer: not 100, not 16, not 5.
    [["list", "--top", "1e2"], /--top must be an integer, got "1e2"/],
    [["list", "--top", "0x10"], /--top must be an integer, got "0x10"/],
    [["list", "--top", "+5"], /--top must be an integer, got "\+5"/],
    [["list", "--format", "xml"], /--format must be one of table, json, ndjson, got "xml"/],
    [["list", "--base-url", "api.bentley.com", "--token", "t"], /--base-url must be an absolute http\(s\) URL/],
    [["list", "--base-url", "ftp://api.bentley.com", "--token", "t"], /--base-url must be an absolute http\(s\) URL/],
    [["list", "--imodel-id", ""], /--imodel-id must not be empty/],
    [["list", "--all=yes"], /Option '--all' does not take an argument/],
  ])("%j", async (args, message) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).toContain("Run 'export-connections --help' for usage.");
  });

  it("--base-url needs a token from --token or EXPORT_API_TOKEN", async () => {
    const args = ["list", "--base-url", "http://127.0.0.1:9", "--imodel-id", IMODEL_ID];
    const { code, stderr } = await cli(args, { env: { EXPORT_API_TOKEN: "  " } });
    expect(code).toBe(2);
    expect(stderr).toContain("a token is required with --base-url: pass --token or set EXPORT_API_TOKEN");
  });

  it("--base-url needs --imodel-id", async () => {
    const { code, stderr } = await cli(["list", "--base-url", "http://127.0.0.1:9", "--token", "secret-value"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--imodel-id is required with --base-url");
    expect(stderr).not.toContain("secret-value");
  });

  it("never echoes the value of a misspelt or misplaced token option", async () => {
    for (const args of [
      ["list", "--tokn=secret-value"],
      ["list", "--token", "--secret-value"],
    ]) {
      const { code, stderr } = await cli(args);
      expect(code).toBe(2);
      expect(stderr).not.toContain("secret-value");
    }
  });

  it.each([["--help"], ["-h"], ["list", "--help"], ["help"]])(
    "%j prints the usage on stdout, exit 0",
    async (...args) => {
      const { code, stdout, stderr } = await cli(args);
      expect(code).toBe(0);
      expect(stdout).toContain("Usage: export-connections list");
      expect(stdout).toContain("EXPORT_API_TOKEN");
      expect(stderr).toBe("");
    },
  );

  it("the built bin exits 2 for a bad argument", async () => {
    const { code, stderr } = await bin(["list", "--format", "csv"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--format must be one of table, json, ndjson");
  });
});
