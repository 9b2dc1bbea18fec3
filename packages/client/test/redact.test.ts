// Redaction (internal/redact.ts, shared through ./internal; classify.ts's redacted copy of a cause): a token a server
// echoes back, in any form, is in no rendering of an error (message, JSON, inspect, its causes) nor any log line.
import { apiError, type Handler, IMODEL_ID, it, type Serve, sendJson, sendText } from "@export-api/test-utils";
import fc from "fast-check";
import { describe, expect } from "vitest";
import { ConnectionError, createExportClient, type ExportClientOptions } from "../src/index.js";
import { redactedCause } from "../src/internal/classify.js";
import { MIN_REDACTED_LENGTH, REDACTED, redactToken } from "../src/internal.js";
import { BASE_URL, json, PROPERTY_TIMEOUT_MS, pageBody, renderings, settings, setupClient, TOKEN } from "./helpers.js";

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

describe("the token never appears in an error or a log line", () => {
  async function failWith(serve: Serve, handler: Handler, options: ExportClientOptions = {}) {
    const server = await serve(handler);
    const lines: string[] = [];
    const client = createExportClient({
      baseUrl: server.url,
      accessToken: async () => TOKEN,
      retryBaseDelayMs: 1,
      maxRetries: 1,
      logger: { debug: (line) => lines.push(line), warn: (line) => lines.push(line) },
      ...options,
    });
    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`); // it was sent...
    return { error, lines };
  }

  it.for([
    ["a 401", (_r, response) => sendJson(response, 401, apiError("InvalidToken", "The token is invalid."))],
    ["a 503, retried", (_r, response) => sendJson(response, 503, apiError("Busy", "busy"))],
    [
      "an HTML 502",
      (_r, response) => {
        response.writeHead(502, { "content-type": "text/html" });
        response.end("<h1>Bad gateway</h1>");
      },
    ],
    [
      "a dropped connection",
      (_r, response) => {
        response.socket?.destroy();
      },
    ],
    [
      "a 200 that is not JSON",
      (_r, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end("{not json");
      },
    ],
  ] satisfies [string, Handler][])("%s", async ([_what, handler], { serve }) => {
    const { error, lines } = await failWith(serve, handler);

    expect(lines.length).toBeGreaterThan(0);
    for (const text of [...renderings(error), ...lines]) expect(text).not.toContain(TOKEN);
  });

  it("a timeout", async ({ serve }) => {
    // Long enough for the request (and its token) to reach the server on a loaded machine.
    const { error, lines } = await failWith(serve, () => {}, { timeoutMs: 300, maxRetries: 0 });

    for (const text of [...renderings(error), ...lines]) expect(text).not.toContain(TOKEN);
  });

  it("a 2xx that is not a page keeps no echoed token in its headers", async ({ serve }) => {
    const { error } = await failWith(serve, (request, response) =>
      sendJson(response, 200, { unexpected: true }, { "x-echo": String(request.headers.authorization) }),
    );

    expect(error).toMatchObject({ status: 200, code: "InvalidResponseBody" });
    expect((error as { headers: Record<string, string> }).headers["x-echo"]).toBe("Bearer [redacted]");
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
  });

  it("a server that echoes the token back in its error body and headers has it redacted", async ({ serve }) => {
    const { error, lines } = await failWith(serve, (request, response) => {
      const echoed = String(request.headers.authorization);
      sendJson(
        response,
        401,
        apiError("InvalidToken", `Token ${echoed} is expired.`, {
          target: echoed,
          details: [{ code: "Expired", message: `${echoed} expired`, target: "Authorization" }],
        }),
        { "www-authenticate": `Bearer error="invalid_token", token="${echoed}"` },
      );
    });

    expect(error).toMatchObject({
      status: 401,
      message: "401 Unauthorized: InvalidToken: Token Bearer [redacted] is expired.",
      target: "Bearer [redacted]",
      details: [{ code: "Expired", message: "Bearer [redacted] expired", target: "Authorization" }],
    });
    for (const text of [...renderings(error), ...lines]) expect(text).not.toContain(TOKEN);
    expect(JSON.stringify((error as { headers: unknown }).headers)).not.toContain(TOKEN);
  });
});

describe("a token echoed where no redaction looked before", () => {
  it("a 200 body that is not JSON quoting the token: not in the cause, nor in util.inspect", async ({ serve }) => {
    // Node's JSON.parse quotes the start of the text it could not parse: a short token would be quoted whole.
    const shortToken = "abcdefgh9";
    const { client } = await setupClient(
      serve,
      (_request, response) => sendText(response, 200, shortToken, "application/json"),
      {
        accessToken: shortToken,
        maxRetries: 0,
      },
    );

    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);

    expect(error.code).toBe("InvalidResponseBody");
    expect(error.cause).toBeInstanceOf(Error);
    for (const text of renderings(error)) expect(text).not.toContain(shortToken);
  });

  it("a custom fetch whose error quotes the Authorization header: the ConnectionError and its cause are redacted", async () => {
    const client = createExportClient({
      baseUrl: "http://127.0.0.1:9",
      accessToken: TOKEN,
      maxRetries: 0,
      fetch: async (request) => {
        throw new TypeError(`refused header ${request.headers.get("authorization")}`, {
          cause: new Error(`inner ${TOKEN}`),
        });
      },
    });

    const error = await client.getExportConnections({ imodelId: IMODEL_ID }).catch((e) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain("refused header Bearer [redacted]");
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
  });
});

describe("redaction: a token of 8+ characters echoed any way is in no rendering of the error nor any log line", () => {
  // A `~` in every token: no text of the client's own holds one, so a match can only be an echo.
  const token = fc.stringMatching(/^[A-Za-z0-9\-._+/]{5,60}$/).map((rest) => `~${rest}~~`);
  type Echo = (token: string) => { response?: Response; thrown?: Error };
  const echoes: Record<string, Echo> = {
    "error message": (t) => ({
      response: json(JSON.stringify({ error: { code: "Bad", message: `token ${t}` } }), 401),
    }),
    "error code and target": (t) => ({
      response: json(JSON.stringify({ error: { code: t, message: "m", target: t } }), 403),
    }),
    "error details": (t) => ({
      response: json(
        JSON.stringify({ error: { code: "C", message: "m", details: [{ code: t, message: t, target: t }] } }),
        422,
      ),
    }),
    "response header": (t) => ({
      response: json(JSON.stringify({ error: { code: "C", message: "m" } }), 500, { "x-echo": `Bearer ${t}` }),
    }),
    "status text": (t) => ({ response: new Response("{}", { status: 502, statusText: `Bad ${t}` }) }),
    "non-JSON 200 body": (t) => ({ response: json(t) }),
    "JSON 200 that is not a page": (t) => ({ response: json(JSON.stringify({ token: t }), 200, { "x-echo": t }) }),
    "HTML error page": (t) => ({
      response: new Response(`<html>${t}</html>`, { status: 503, headers: { "content-type": "text/html" } }),
    }),
    "next link": (t) => ({ response: json(pageBody(["a"], `${BASE_URL}/export/connections?$skip=${t}`)) }),
    "percent-encoded next link": (t) => ({
      response: json(pageBody(["a"], `${BASE_URL}/export/connections?$skip=${encodeURIComponent(t)}`)),
    }),
    "JSON with escaped slashes": (t) => ({
      response: json(`{"error":{"code":"C","message":"${t.replaceAll("/", "\\/")}"}}`, 400),
    }),
    "thrown by fetch": (t) => ({ thrown: new TypeError(`bad header Bearer ${t}`, { cause: new Error(t) }) }),
  };

  it(
    "holds for every generated token and every way of echoing it",
    async () => {
      await fc.assert(
        fc.asyncProperty(token, fc.constantFrom(...Object.keys(echoes)), async (secret, how) => {
          const lines: string[] = [];
          const options: ExportClientOptions = {
            baseUrl: BASE_URL,
            accessToken: secret,
            maxRetries: 1,
            retryBaseDelayMs: 0,
            logger: { debug: (line) => lines.push(line), warn: (line) => lines.push(line) },
            fetch: async () => {
              const { response, thrown } = echoes[how]!(secret);
              if (thrown) throw thrown;
              return response!;
            },
          };
          const error = await (async () => {
            for await (const _page of createExportClient(options)
              .iterateExportConnections({ imodelId: IMODEL_ID })
              .pages()) {
              // a next link that echoes the token is only read after the first page
            }
          })().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeDefined();
          // Neither the token as sent nor the forms it takes on the way back (percent-encoded, slashes escaped).
          const forms = [secret, encodeURIComponent(secret), secret.replaceAll("/", "\\/")];
          for (const text of [...renderings(error), ...lines])
            for (const form of forms) expect(text).not.toContain(form);
        }),
        settings,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
