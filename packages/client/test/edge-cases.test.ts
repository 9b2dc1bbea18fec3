// The edges no other test pins, found by mutation testing (pnpm test:mutation): each test here fails for a change
// of the source that the rest of the suite let through.
import { getEventListeners } from "node:events";
import { apiError, IMODEL_ID, it, PUBLIC_HOST, page, paged, sendJson, sendText } from "@export-api/test-utils";
import { describe, expect, vi } from "vitest";
import {
  ConnectionError,
  createExportClient,
  ExportApiError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TOP_MAX,
  TOP_MIN,
  VERSION,
} from "../src/index.js";
import { attempt } from "../src/internal/attempt.js";
import { classifyFailure, redactedCause } from "../src/internal/classify.js";
import { systemClock } from "../src/internal/clock.js";
import { Deadline } from "../src/internal/deadline.js";
import { withRetries } from "../src/internal/fetch-page.js";
import { nextQuery } from "../src/internal/next-link.js";
import { backoffDelay, decideRetry } from "../src/internal/retry.js";
import { parseRetryAfter } from "../src/internal/retry-after.js";
import { runtimeName, userAgent } from "../src/internal/user-agent.js";
import { describeValue } from "../src/internal/validate.js";
import { redactToken, validateBaseUrl } from "../src/internal.js";
import { resolveClientOptions } from "../src/options.js";

const links = (next?: string) => ({
  self: { href: `${PUBLIC_HOST}/export/connections` },
  ...(next ? { next: { href: next } } : {}),
});
const aPage = (next?: string) => ({ connections: page(["a"]).connections, _links: links(next) });

describe("the base-URL rule", () => {
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

describe("options", () => {
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

  it("no params at all: the error names imodelId, for one page and for paging", async () => {
    const client = createExportClient({ baseUrl: "http://127.0.0.1:9" });
    const message = /^imodelId must be a non-empty string .*, got undefined$/;
    await expect(client.getExportConnections(undefined as never)).rejects.toThrow(message);
    expect(() => client.iterateExportConnections(undefined as never)).toThrow(message);
  });

  it("null for a signal or a logger is a TypeError naming it, not a crash", () => {
    expect(() => createExportClient({ logger: null as never })).toThrow(/^logger must be an object with debug/);
    const client = createExportClient({ baseUrl: "http://127.0.0.1:9" });
    expect(() => client.iterateExportConnections({ imodelId: IMODEL_ID }, { signal: null as never })).toThrow(
      /^signal must be an AbortSignal$/,
    );
  });
});

describe("the User-Agent", () => {
  it("names the runtime the client runs on, or none in a browser", () => {
    expect(runtimeName({ Bun: { version: "1.4.5" }, process: { versions: { node: "24.0.0" } } })).toBe("bun/1.4.5");
    expect(runtimeName({ Deno: { version: { deno: "2.9.6" } }, process: { versions: { node: "24.0.0" } } })).toBe(
      "deno/2.9.6",
    );
    expect(runtimeName({ Deno: {} })).toBeUndefined();
    expect(runtimeName({ navigator: { userAgent: "Cloudflare-Workers" } })).toBe("workerd");
    expect(runtimeName({ navigator: { userAgent: "Mozilla/5.0" } })).toBeUndefined();
    expect(runtimeName({ process: { versions: { node: "20.20.2" } } })).toBe("node/20.20.2");
    expect(runtimeName({ process: { versions: { node: "20.20.2" } }, window: {} })).toBeUndefined();
    expect(runtimeName({ process: {} })).toBeUndefined();
    expect(runtimeName({})).toBeUndefined();
    expect(userAgent({ process: { versions: { node: "20.20.2" } } })).toBe(`export-api-client/${VERSION} node/20.20.2`);
    expect(userAgent({ window: {} })).toBeUndefined();
  });

  it("no User-Agent header at all where the runtime sets its own", async () => {
    const seen: Request[] = [];
    const context = {
      baseUrl: "http://127.0.0.1:9",
      accessToken: undefined,
      fetch: async (request: Request) => {
        seen.push(request);
        return new Response(JSON.stringify(aPage()), { headers: { "content-type": "application/json" } });
      },
      timeoutMs: 1_000,
      logger: undefined,
      userAgent: undefined,
    };
    await attempt(context, { imodelId: IMODEL_ID }, undefined);
    expect(seen[0]!.headers.has("user-agent")).toBe(false);
  });
});

describe("errors", () => {
  it("an error without a cause has no cause property at all", () => {
    expect("cause" in new ExportApiError("m")).toBe(false);
    expect(new ExportApiError("m", { cause: 0 }).cause).toBe(0);
  });

  it("an error's name can be set, like any Error's", () => {
    const error = new RateLimitError("m");
    error.name = "Renamed";
    expect(error.name).toBe("Renamed");
    expect(Object.getOwnPropertyDescriptor(RateLimitError.prototype, "name")).toEqual({
      value: "RateLimitError",
      writable: true,
      enumerable: false,
      configurable: true,
    });
  });

  it("an error body with a message and no code: the message after the status", async ({ serve }) => {
    const server = await serve((_request, response) =>
      sendJson(response, 404, { error: { message: "No such iModel." } }),
    );
    const error = await createExportClient({ baseUrl: server.url, maxRetries: 0 })
      .getExportConnections({ imodelId: IMODEL_ID })
      .catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe("404 Not Found: No such iModel.");
  });

  it("an HTML error page is an error without a cause: there was nothing wrong in reading it", async ({ serve }) => {
    const server = await serve((_request, response) => sendText(response, 502, "<html>proxy</html>", "text/html"));
    const error = await createExportClient({ baseUrl: server.url, maxRetries: 0 })
      .getExportConnections({ imodelId: IMODEL_ID })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.cause).toBeUndefined();
  });

  it("details nested deeper than five levels are cut there", () => {
    let details: unknown = [];
    for (let level = 0; level < 9; level++) details = [{ code: `L${level}`, message: "m", details }];
    const error = classifyFailure(
      {
        request: "GET x",
        response: { ok: false, status: 422, statusText: "", headers: new Headers() },
        body: { error: { code: "C", message: "m", details } },
        timedOut: false,
      },
      { redact: (text) => text, timeoutMs: 1 },
    );
    let depth = 0;
    for (let level = error.details as typeof error.details | undefined; level?.length; level = level[0]!.details)
      depth++;
    expect(depth).toBe(5);
  });

  it("a thrown undefined is a ConnectionError that says so", () => {
    const error = classifyFailure(
      { request: "GET x", thrown: undefined, timedOut: false, response: undefined },
      {
        redact: (text) => text,
        timeoutMs: 1,
      },
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe("GET x failed: undefined");
  });
});

describe("a redacted cause", () => {
  const redact = (text: string) => redactToken(text, "s3cr3t-token");

  it("is the cause itself when nothing of it holds the token", () => {
    const cause = new TypeError("fetch failed", { cause: new Error("ECONNREFUSED") });
    expect(redactedCause(cause, redact)).toBe(cause);
    expect(redactedCause(42, redact)).toBe(42);
    expect(redactedCause("a s3cr3t-token", redact)).toBe("a [redacted]");
  });

  it("is a copy of the same type, name, code and stack, redacted, when the token is in it anywhere", () => {
    const inMessage = Object.assign(new TypeError("bad s3cr3t-token"), { code: "ERR_X" });
    const copy = redactedCause(inMessage, redact) as TypeError & { code: string };
    expect(copy).toBeInstanceOf(TypeError);
    expect(copy).not.toBe(inMessage);
    expect(copy.name).toBe("TypeError");
    expect(copy.message).toBe("bad [redacted]");
    expect(copy.code).toBe("ERR_X");
    expect(copy.stack).toContain("bad [redacted]");
    expect(copy.stack).not.toContain("s3cr3t-token");
    expect("cause" in copy).toBe(false);

    const inProperty = Object.assign(new Error("clean"), { body: "echo s3cr3t-token" });
    expect(redactedCause(inProperty, redact)).not.toBe(inProperty);
    const withoutCode = redactedCause(new Error("s3cr3t-token"), redact) as Error & { code?: unknown };
    expect("code" in withoutCode).toBe(false);

    // A name of its own (undici's AbortError is an Error named so) and a stack that is not its message's.
    const named = Object.assign(new Error("s3cr3t-token"), {
      name: "AbortError",
      stack: "AbortError: at s3cr3t-token",
    });
    const namedCopy = redactedCause(named, redact) as Error;
    expect(namedCopy.name).toBe("AbortError");
    expect(namedCopy.stack).toBe("AbortError: at [redacted]");
  });

  it("follows the cause chain to any depth, and a chain that loops once round", () => {
    let deep: Error = new Error("root s3cr3t-token");
    for (let level = 0; level < 8; level++) deep = new Error(`level ${level}`, { cause: deep });
    let copy = redactedCause(deep, redact) as Error;
    let depth = 0;
    while (copy.cause) {
      copy = copy.cause as Error;
      depth++;
    }
    expect(depth).toBe(8);
    expect(copy.message).toBe("root [redacted]");

    const loop = new Error("loop s3cr3t-token");
    loop.cause = loop;
    expect((redactedCause(loop, redact) as Error).message).toBe("loop [redacted]");
  });
});

describe("reading a response", () => {
  const client = (url: string) => createExportClient({ baseUrl: url, maxRetries: 0 });

  it.for([
    ["an empty 200", "", "200: the response body is not a page of export connections"],
    ["a 200 that is not JSON", "{not json", "200: the response body is not valid JSON"],
    ["a 200 of null", "null", "200: the response body is not a page of export connections"],
    [
      "connections that are not objects",
      JSON.stringify({ connections: [1, "x"], _links: links() }),
      "200: the response body is not a page of export connections",
    ],
    [
      "_links that is not an object",
      JSON.stringify({ connections: [], _links: "x" }),
      "200: the response body is not a page of export connections",
    ],
    [
      "_links null",
      JSON.stringify({ connections: [], _links: null }),
      "200: the response body is not a page of export connections",
    ],
  ] as [string, string, string][])("%s: InvalidResponseBody", async ([_what, body, message], { serve }) => {
    const server = await serve((_request, response) => sendText(response, 200, body, "application/json"));
    const error = await client(server.url)
      .getExportConnections({ imodelId: IMODEL_ID })
      .catch((e) => e);
    expect(error).toMatchObject({ code: "InvalidResponseBody", message });
  });

  it("a page without _links is a page, and the last one", async ({ serve }) => {
    const server = await serve((_request, response) =>
      sendJson(response, 200, { connections: page(["a"]).connections }),
    );
    expect(await client(server.url).iterateExportConnections({ imodelId: IMODEL_ID }).toArray()).toHaveLength(1);
  });

  it("toArray(null) is every connection, like no options", async ({ serve }) => {
    const server = await serve(paged(3));
    expect(
      await client(server.url)
        .iterateExportConnections({ imodelId: IMODEL_ID })
        .toArray(null as never),
    ).toHaveLength(3);
  });

  it("finally() on the promise of a page is a plain promise of the page", async ({ serve }) => {
    const server = await serve((_request, response) => sendJson(response, 200, aPage()));
    const page = await client(server.url)
      .getExportConnections({ imodelId: IMODEL_ID })
      .finally(() => {});
    expect(page.connections).toHaveLength(1);
  });
});

describe("log lines and messages", () => {
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

  it("a token function's own error is rethrown without a retry decision or a log line", async () => {
    const lines: string[] = [];
    const own = new Error("sign in again");
    const client = createExportClient({
      baseUrl: "http://127.0.0.1:9",
      accessToken: () => Promise.reject(own),
      logger: { debug: (line) => lines.push(line), warn: (line) => lines.push(line) },
    });
    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).rejects.toBe(own);
    expect(lines).toEqual([]);
  });

  it("an abort during a request is the caller's reason, with no retry logged", async ({ serve }) => {
    const server = await serve(() => {});
    const lines: string[] = [];
    const controller = new AbortController();
    const client = createExportClient({
      baseUrl: server.url,
      logger: { debug: (line) => lines.push(line), warn: (line) => lines.push(line) },
    });
    const call = client.getExportConnections({ imodelId: IMODEL_ID }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("left the page")), 20);
    await expect(call).rejects.toThrow("left the page");
    expect(lines.filter((line) => line.includes("retry"))).toEqual([]);
  });

  it("a token function past the time limit: the message names the request", async () => {
    const client = createExportClient({
      baseUrl: "http://127.0.0.1:9",
      accessToken: () => new Promise<string>(() => {}),
      timeoutMs: 20,
      maxRetries: 0,
    });
    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).rejects.toThrow(
      `GET http://127.0.0.1:9/export/connections?imodelId=${IMODEL_ID}: the access token function did not return within timeoutMs (20 ms)`,
    );
  });

  it("a timed-out or failed request: the message starts with the request", async ({ serve }) => {
    const server = await serve(() => {});
    const url = `${server.url}/export/connections?imodelId=${IMODEL_ID}`;
    const timedOut = await createExportClient({ baseUrl: server.url, timeoutMs: 20, maxRetries: 0 })
      .getExportConnections({ imodelId: IMODEL_ID })
      .catch((e) => e);
    expect(timedOut.message).toBe(`GET ${url} took longer than timeoutMs (20 ms)`);
    const refused = await createExportClient({ baseUrl: "http://127.0.0.1:9", maxRetries: 0 })
      .getExportConnections({ imodelId: IMODEL_ID })
      .catch((e) => e);
    expect(refused.message).toMatch(/^GET http:\/\/127\.0\.0\.1:9\/export\/connections\?imodelId=.* failed: /);
  });
});

describe("next links at their edges", () => {
  const query = { imodelId: IMODEL_ID, top: 5, skip: 10 };
  const next = (href: unknown) =>
    nextQuery({ connections: page(["a"]).connections, _links: { ...links(), next: { href } } } as never, query);

  it("end the paging when absent, null or empty; a page with no _links at all ends it too", () => {
    expect(nextQuery({ connections: [] } as never, query)).toBeUndefined();
    expect(nextQuery({ connections: [], _links: {} } as never, query)).toBeUndefined();
    expect(next(null)).toBeUndefined();
    expect(next("")).toBeUndefined();
  });

  it("a next link without $top keeps the page size; without redact, the link is quoted as it is", () => {
    expect(next(`${PUBLIC_HOST}/export/connections?$skip=15`)).toEqual({ imodelId: IMODEL_ID, top: 5, skip: 15 });
  });

  it.for([TOP_MIN, TOP_MAX])("$top=%i, the spec's bound, is followed", (top) => {
    expect(next(`${PUBLIC_HOST}/export/connections?$skip=15&$top=${top}`)).toEqual({
      imodelId: IMODEL_ID,
      top,
      skip: 15,
    });
  });

  it.for([
    [5, 'is not a URL: "5"'],
    ["http://[", 'is not a URL: "http://["'],
    [`${PUBLIC_HOST}/export/connections?$top=5`, `carries no $skip: "${PUBLIC_HOST}/export/connections?$top=5"`],
    [
      `${PUBLIC_HOST}/export/connections?$skip=-1`,
      `has an invalid $skip: "${PUBLIC_HOST}/export/connections?$skip=-1"`,
    ],
    [`${PUBLIC_HOST}/export/connections?$skip=`, `has an invalid $skip: "${PUBLIC_HOST}/export/connections?$skip="`],
    [
      `${PUBLIC_HOST}/export/connections?$skip=15&$top=${TOP_MIN - 1}`,
      `has a $top outside ${TOP_MIN}..${TOP_MAX}: "${PUBLIC_HOST}/export/connections?$skip=15&$top=${TOP_MIN - 1}"`,
    ],
    [
      `${PUBLIC_HOST}/export/connections?$skip=15&$top=${TOP_MAX + 1}`,
      `has a $top outside ${TOP_MIN}..${TOP_MAX}: "${PUBLIC_HOST}/export/connections?$skip=15&$top=${TOP_MAX + 1}"`,
    ],
  ] as [unknown, string][])("%j: InvalidNextLink, 'the next link %s'", ([href, message]) => {
    expect(() => next(href)).toThrow(`the next link ${message}`);
  });

  it("the messages of a link that does not advance, or goes back, or follows an empty page", () => {
    expect(() => next(`${PUBLIC_HOST}/export/connections?$skip=10`)).toThrow(
      "the next link does not advance ($skip=10 again)",
    );
    expect(() => next(`${PUBLIC_HOST}/export/connections?$skip=5`)).toThrow(
      "the next link repeats an earlier page ($skip=5 after 10)",
    );
    expect(() =>
      nextQuery({ connections: [], _links: links(`${PUBLIC_HOST}/export/connections?$skip=20`) } as never, query),
    ).toThrow("the next link follows a page with no connections");
  });
});

describe("Retry-After and the retry decision", () => {
  const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 30_000 };

  it("a date with anything before or after it is not a date", () => {
    expect(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT junk")).toBeUndefined();
    expect(parseRetryAfter("junk Sun, 06 Nov 1994 08:49:37 GMT")).toBeUndefined();
  });

  it("Retry-After on a 500, 502 or 408 is not a wait it asked for: the backoff, never a refusal", () => {
    for (const status of [500, 502, 408]) {
      const error = new ServerError("x", { status, headers: { "retry-after": "3600" } });
      expect(decideRetry(error, 0, policy, () => 0)).toEqual({
        retry: true,
        delayMs: backoffDelay(0, policy, () => 0),
      });
    }
  });

  it("a Retry-After exactly at maxRetryAfterMs is waited; one millisecond more is refused", () => {
    const at = new RateLimitError("x", { status: 429, headers: { "retry-after": "30" } });
    expect(decideRetry(at, 0, policy)).toEqual({ retry: true, delayMs: 30_000 });
    expect(decideRetry(at, 0, { ...policy, maxRetryAfterMs: 29_999 })).toEqual({ retry: false });
  });

  it("an error without a status that is not a ConnectionError is not retried", () => {
    expect(decideRetry(new ExportApiError("x", { code: "NetworkAccessDenied" }), 0, policy)).toEqual({ retry: false });
  });
});

describe("the clock's sleep", () => {
  it("waits the time it is given, and clears its timer when aborted", async () => {
    vi.useFakeTimers();
    try {
      let woke = false;
      const sleeping = systemClock.sleep(1_000, undefined).then(() => {
        woke = true;
      });
      await vi.advanceTimersByTimeAsync(999);
      expect(woke).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await sleeping;
      expect(woke).toBe(true);

      const controller = new AbortController();
      const aborted = systemClock.sleep(1_000, controller.signal).catch((reason) => reason);
      controller.abort("stop");
      expect(await aborted).toBe("stop");
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("the retry loop sleeps through it between attempts", async () => {
    const sleeps: number[] = [];
    const clock = { random: () => 0, sleep: async (ms: number) => void sleeps.push(ms) };
    let calls = 0;
    const attemptOnce = async () => {
      if (calls++ === 0) throw new ServerError("x", { status: 503 });
      return { data: aPage(), response: new Response(null), redact: (text: string) => text };
    };
    await withRetries(
      { baseUrl: "x", retry: { ...resolveClientOptions({}).retry, baseDelayMs: 100 }, clock, logger: undefined },
      attemptOnce as never,
      { imodelId: IMODEL_ID },
      undefined,
    );
    expect(sleeps).toEqual([100]);
  });
});

describe("the attempt's deadline", () => {
  it("a caller already aborted aborts it at once, with the caller's reason", () => {
    const deadline = new Deadline(1_000, AbortSignal.abort("gone"));
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toBe("gone");
    deadline.clear();
  });

  it("its own limit aborts it with a TimeoutError DOMException, and says it timed out", async () => {
    const deadline = new Deadline(5, undefined);
    await new Promise((resolve) => deadline.signal.addEventListener("abort", resolve));
    expect(deadline.timedOut).toBe(true);
    expect(deadline.signal.reason).toBeInstanceOf(DOMException);
    expect(deadline.signal.reason.name).toBe("TimeoutError");
    expect(deadline.signal.reason.message).toBe("timed out");
  });

  it("clear() stops listening to the caller, and race() leaves no listener behind, however it ends", async () => {
    const caller = new AbortController();
    const deadline = new Deadline(1_000, caller.signal);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);
    await deadline.race(Promise.resolve(1));
    await deadline.race(Promise.reject(new Error("x"))).catch(() => {});
    expect(getEventListeners(deadline.signal, "abort")).toHaveLength(0);
    const pending = deadline.race(new Promise(() => {})).catch((reason) => reason);
    deadline.clear();
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
    caller.abort("late");
    expect(deadline.signal.aborted).toBe(false);

    const other = new Deadline(1_000, undefined);
    const racing = other.race(new Promise(() => {})).catch((reason) => reason);
    const controller = new AbortController();
    const third = new Deadline(1_000, controller.signal);
    const thirdRace = third.race(new Promise(() => {})).catch((reason) => reason);
    controller.abort("now");
    expect(await thirdRace).toBe("now");
    expect(getEventListeners(third.signal, "abort")).toHaveLength(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    other.clear();
    third.clear();
    void pending;
    void racing;
  });

  it("a custom fetch gets the attempt's signal beside the Request, aborted when the limit passes", async () => {
    let seen: AbortSignal | undefined;
    let requestSignal: AbortSignal | undefined;
    const client = createExportClient({
      baseUrl: "http://127.0.0.1:9",
      timeoutMs: 20,
      maxRetries: 0,
      fetch: (request, init) => {
        seen = init.signal;
        requestSignal = request.signal;
        return new Promise(() => {});
      },
    });
    await client.getExportConnections({ imodelId: IMODEL_ID }).catch(() => {});
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason.name).toBe("TimeoutError");
    // The Request follows no signal of ours: that would cost undici a listener, a WeakRef and a finalizer.
    expect(requestSignal?.aborted).toBe(false);
  });

  it("a custom fetch that passes the signal on has its real request cancelled at the time limit", async ({ serve }) => {
    const server = await serve(() => {});
    let closed = false;
    const client = createExportClient({
      baseUrl: server.url,
      timeoutMs: 50,
      maxRetries: 0,
      fetch: (request, init) => {
        const sent = fetch(request, init);
        sent.catch(() => {
          closed = true;
        });
        return sent;
      },
    });
    await expect(client.getExportConnections({ imodelId: IMODEL_ID })).rejects.toThrow(/took longer than timeoutMs/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
  });
});

describe("redaction of the forms a token takes on the way back", () => {
  it("percent-encoded and with escaped slashes", () => {
    const token = "abc/def+ghi=";
    expect(redactToken(`a ${encodeURIComponent(token)} b`, token)).toBe("a [redacted] b");
    expect(redactToken("a abc\\/def+ghi= b", token)).toBe("a [redacted] b");
    expect(redactToken("abcdefgh", "abcdefgh")).toBe("[redacted]");
  });

  it("a short token is left alone, whatever form it takes", () => {
    expect(redactToken("a%2Fb a/b", "a/b")).toBe("a%2Fb a/b");
  });
});

describe("describing a value in a message", () => {
  it.for([
    ["a".repeat(100), JSON.stringify("a".repeat(100))],
    ["a".repeat(101), JSON.stringify(`${"a".repeat(100)}...`)],
    [() => 1, "a function"],
    [Symbol("s"), "a symbol"],
    [[1], "an array"],
    [{}, "an object"],
    [null, "null"],
    [undefined, "undefined"],
    [5, "5"],
    [true, "true"],
  ] as [unknown, string][])("%s", ([value, shown]) => {
    expect(describeValue(value)).toBe(shown);
  });

  it("a token that has Bearer in its middle is still refused, not trimmed to something valid", () => {
    expect(() => createExportClient({ accessToken: "x-Bearer abcdefgh" })).toThrow(/^accessToken must be an RFC 6750/);
  });
});
