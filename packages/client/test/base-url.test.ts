// The base-URL rule (internal/base-url.ts), shared through ./internal with the CLI, the mock server and the
// verifier, and the client's baseUrl option it checks: normalised, or refused without echoing credentials.
import { it } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { createExportClient } from "../src/index.js";
import { validateBaseUrl } from "../src/internal.js";

describe("validateBaseUrl", () => {
  it("returns the URL normalised, without trailing slashes, keeping a path prefix", () => {
    expect(validateBaseUrl("HTTPS://API.Bentley.com/")).toBe("https://api.bentley.com");
    expect(validateBaseUrl("http://127.0.0.1:8080/gateway//")).toBe("http://127.0.0.1:8080/gateway");
  });

  it("names the option it checks in its message", () => {
    expect(() => validateBaseUrl("ftp://x", "--base-url")).toThrow(/^--base-url must be an absolute http\(s\) URL/);
    expect(() => validateBaseUrl(undefined, "target")).toThrow(
      /^target must be an absolute http\(s\) URL, got undefined$/,
    );
    expect(() => validateBaseUrl("https://x/?a=1", "linkBaseUrl")).toThrow(
      /^linkBaseUrl must not carry a query or a fragment$/,
    );
  });

  it("refuses credentials without echoing them", () => {
    expect(() => validateBaseUrl("https://user:hunter2@x")).toThrow(TypeError);
    expect(() => validateBaseUrl("https://user:hunter2@x")).not.toThrow(/hunter2/);
  });

  it("refuses an object whose toString gives a URL: only strings are addresses", () => {
    const sneaky = { toString: () => "https://api.bentley.com" };
    expect(() => validateBaseUrl(sneaky)).toThrow(/^baseUrl must be an absolute http\(s\) URL, got an object$/);
  });

  it("refuses a username alone, not only a username and a password", () => {
    expect(() => validateBaseUrl("https://user@api.bentley.com")).toThrow(/^baseUrl must not carry credentials/);
  });

  it.for([
    ["https://user:hunter2@api.example.com:99999", '"https://[credentials]@api.example.com:99999"'],
    ["user:hunter2@host", '"[credentials]@host"'],
    ["//user:hunter2@host:0x", '"//[credentials]@host:0x"'],
  ])("quotes %s without its credentials", ([text, shown]) => {
    expect(() => validateBaseUrl(text)).toThrow(`baseUrl must be an absolute http(s) URL, got ${shown}`);
  });
});

describe("the baseUrl option", () => {
  it.for([
    [
      "a password and an invalid port",
      "https://user:hunter2@api.example.com:99999",
      /^baseUrl must be an absolute http\(s\) URL/,
    ],
    ["an empty query", "https://api.example.com/?", /^baseUrl must not carry a query or a fragment$/],
    ["an empty fragment", "https://api.example.com/#", /^baseUrl must not carry a query or a fragment$/],
  ] as const)("baseUrl with %s is refused, echoing no password", ([_what, baseUrl, message]) => {
    expect(() => createExportClient({ baseUrl })).toThrow(message);
    try {
      createExportClient({ baseUrl });
    } catch (error) {
      expect(String(error)).not.toContain("hunter2");
    }
  });

  it("never echoes a baseUrl's credentials", () => {
    expect(() => createExportClient({ baseUrl: "https://user:hunter2@api.bentley.com" })).toThrow(
      /^baseUrl must not carry credentials/,
    );
    try {
      createExportClient({ baseUrl: "https://user:hunter2@api.bentley.com" });
    } catch (error) {
      expect(String(error)).not.toContain("hunter2");
    }
  });
});
