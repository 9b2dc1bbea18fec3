// The client's options (options.ts, resolveClientOptions): each checked once, when the client is created, with an
// error naming the option it refuses; then completed with their defaults.
import { it } from "@export-api/test-utils";
import fc from "fast-check";
import { describe, expect } from "vitest";
import { createExportClient, type ExportClientOptions } from "../src/index.js";
import { resolveClientOptions } from "../src/options.js";
import { anyValue, PROPERTY_TIMEOUT_MS, settings } from "./helpers.js";

describe("createExportClient options", () => {
  it.each([
    ["baseUrl relative", { baseUrl: "/export" }, /^baseUrl must be an absolute http\(s\) URL/],
    ["baseUrl without a scheme", { baseUrl: "api.bentley.com" }, /^baseUrl /],
    ["baseUrl ftp", { baseUrl: "ftp://api.bentley.com" }, /^baseUrl must be an absolute http\(s\) URL, got "ftp:/],
    ["baseUrl garbage", { baseUrl: "http://" }, /^baseUrl /],
    ["baseUrl empty", { baseUrl: "" }, /^baseUrl /],
    ["baseUrl not a string", { baseUrl: 42 }, /^baseUrl /],
    ["baseUrl with a query", { baseUrl: "https://api.bentley.com?x=1" }, /^baseUrl must not carry a query/],
    ["timeoutMs 0", { timeoutMs: 0 }, /^timeoutMs must be an integer from 1 to 2147483647, got 0$/],
    ["timeoutMs negative", { timeoutMs: -5 }, /^timeoutMs /],
    ["timeoutMs NaN", { timeoutMs: Number.NaN }, /^timeoutMs /],
    ["timeoutMs Infinity", { timeoutMs: Number.POSITIVE_INFINITY }, /^timeoutMs /],
    ["timeoutMs beyond what a timer holds", { timeoutMs: 2 ** 31 }, /^timeoutMs /],
    ["timeoutMs a string", { timeoutMs: "100" }, /^timeoutMs /],
    ["maxRetries negative", { maxRetries: -1 }, /^maxRetries must be an integer from 0 to 9007199254740991, got -1$/],
    ["maxRetries not an integer", { maxRetries: 1.5 }, /^maxRetries /],
    ["maxRetryAfterMs negative", { maxRetryAfterMs: -1 }, /^maxRetryAfterMs /],
    ["retryBaseDelayMs not a number", { retryBaseDelayMs: "fast" }, /^retryBaseDelayMs /],
    ["fetch not a function", { fetch: "fetch" }, /^fetch must be a function/],
    ["logger without warn", { logger: { debug() {} } }, /^logger must be an object/],
    ["accessToken empty", { accessToken: "" }, /^accessToken must be a non-empty string/],
    [
      "accessToken a number",
      { accessToken: 123 },
      /^accessToken must be a non-empty string, or a function that returns one$/,
    ],
  ])("%s throws naming the option", (_what, options, message) => {
    expect(() => createExportClient(options as ExportClientOptions)).toThrow(message);
  });

  it("takes the defaults without options, and normalises baseUrl", () => {
    expect(createExportClient().baseUrl).toBe("https://api.bentley.com");
    expect(createExportClient({ baseUrl: "HTTP://Example.COM/prefix//" }).baseUrl).toBe("http://example.com/prefix");
  });

  it(
    "any option value is refused when the client is created naming it, or taken",
    () => {
      const names = [
        "baseUrl",
        "accessToken",
        "fetch",
        "maxRetries",
        "timeoutMs",
        "maxRetryAfterMs",
        "retryBaseDelayMs",
        "logger",
      ];
      fc.assert(
        fc.property(fc.constantFrom(...names), anyValue, (name, option) => {
          try {
            createExportClient({ [name]: option } as ExportClientOptions);
          } catch (error) {
            expect(error instanceof TypeError || error instanceof RangeError).toBe(true);
            expect((error as Error).message.startsWith(name)).toBe(true);
          }
        }),
        settings,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe("the retry policy", () => {
  it("retry defaults: 2 retries, 500 ms base, 8 s cap, Retry-After up to 60 s", () => {
    expect(resolveClientOptions({}).retry).toEqual({
      maxRetries: 2,
      baseDelayMs: 500,
      maxDelayMs: 8_000,
      maxRetryAfterMs: 60_000,
    });
  });

  it("a base delay above the 8 s cap becomes the cap", () => {
    expect(resolveClientOptions({ retryBaseDelayMs: 20_000 }).retry.maxDelayMs).toBe(20_000);
    expect(resolveClientOptions({ retryBaseDelayMs: 100 }).retry.maxDelayMs).toBe(8_000);
  });
});
