// The rules the CLI, the mock server and the verifier import from `@export-api/client/internal` instead of writing
// them again.
import { describe, expect, it } from "vitest";
import {
  MIN_REDACTED_LENGTH,
  parseRetryAfter,
  printable,
  REDACTED,
  redactToken,
  validateBaseUrl,
} from "../src/internal.js";

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
});

describe("printable", () => {
  it("escapes what a terminal acts on and leaves the rest alone", () => {
    expect(printable("plain text, é, 日本")).toBe("plain text, é, 日本");
    expect(printable("a\u001b[2Jb\rc\nd\u009be\u2028f\u202eg")).toBe(
      "a\\u001b[2Jb\\u000dc\\u000ad\\u009be\\u2028f\\u202eg",
    );
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("Sun, 06 Nov 1994 08:49:37 GMT");

  it("reads delay-seconds and the three HTTP-date forms, relative to now", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
    for (const date of [
      "Sun, 06 Nov 1994 08:50:37 GMT",
      "Sunday, 06-Nov-94 08:50:37 GMT",
      "Sun Nov  6 08:50:37 1994",
    ]) {
      expect(parseRetryAfter(date, now)).toBe(60_000);
    }
    expect(parseRetryAfter("Sun, 06 Nov 1994 08:48:37 GMT", now)).toBe(0);
  });

  it("reads an asctime date as GMT whatever the machine's time zone", () => {
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      expect(parseRetryAfter("Sun Nov  6 08:50:37 1994", now)).toBe(60_000);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("finds nothing readable in fractions, signs, lists, words and other date formats", () => {
    for (const value of ["1.5", "-1", "+5", "5, 10", "soon", "0x10", "1e3", "", "2026-11-28T10:00:00Z", "Tomorrow"]) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("9".repeat(400), now)).toBe(Number.MAX_SAFE_INTEGER);
  });
});
