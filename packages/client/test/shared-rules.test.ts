// The rules the CLI and the verifier import from the client instead of writing them again.
import { describe, expect, it } from "vitest";
import { MIN_REDACTED_LENGTH, REDACTED, redactToken, validateBaseUrl } from "../src/index.js";

describe("redactToken", () => {
  it("replaces every occurrence of a token of MIN_REDACTED_LENGTH or more characters", () => {
    const token = "t".repeat(MIN_REDACTED_LENGTH);
    expect(redactToken(`a ${token} b ${token}`, token)).toBe(`a ${REDACTED} b ${REDACTED}`);
    expect(REDACTED).toBe("[redacted]");
  });

  it("leaves text alone without a token, or with one too short to search for", () => {
    expect(redactToken("the tree", undefined)).toBe("the tree");
    expect(redactToken("the tree", "t".repeat(MIN_REDACTED_LENGTH - 1))).toBe("the tree");
    expect(MIN_REDACTED_LENGTH).toBe(8);
  });
});

describe("validateBaseUrl", () => {
  it("returns the URL normalised, without trailing slashes, keeping a path prefix", () => {
    expect(validateBaseUrl("HTTPS://API.Bentley.com/")).toBe("https://api.bentley.com");
    expect(validateBaseUrl("http://127.0.0.1:8080/gateway//")).toBe("http://127.0.0.1:8080/gateway");
  });

  it("names the option it checks in its message", () => {
    expect(() => validateBaseUrl("ftp://x", "--base-url")).toThrow(/^--base-url must be an absolute http\(s\) URL/);
    expect(() => validateBaseUrl(undefined, "target")).toThrow(/^target must be an absolute http\(s\) URL string/);
    expect(() => validateBaseUrl("https://x/?a=1", "linkBaseUrl")).toThrow(
      /^linkBaseUrl must not carry a query or a fragment$/,
    );
  });

  it("refuses credentials without echoing them", () => {
    expect(() => validateBaseUrl("https://user:hunter2@x")).toThrow(TypeError);
    expect(() => validateBaseUrl("https://user:hunter2@x")).not.toThrow(/hunter2/);
  });
});
