// Properties that hold for every input, checked by fast-check over at least 1,000 generated cases each, with a
// fixed seed (FC_SEED explores others; see test-utils' propertySettings). No sockets: a custom fetch answers
// from memory, so each case costs microseconds.
import { inspect } from "node:util";
import { IMODEL_ID, propertySettings } from "@export-api/test-utils";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createExportClient,
  type ExportClientOptions,
  PaginationError,
  RateLimitError,
  TOP_MAX,
  TOP_MIN,
} from "../src/index.js";
import { backoffDelay, decideRetry } from "../src/internal/retry.js";
import { parseRetryAfter } from "../src/internal.js";

const settings = propertySettings();
/** A ceiling for a thousand cases on a loaded machine, not a measure: each property takes a second or two. */
const PROPERTY_TIMEOUT_MS = 120_000;
const BASE_URL = "https://api.example.test/gateway";

function pageBody(ids: string[], next?: unknown): string {
  return JSON.stringify({
    connections: ids.map((id) => ({
      id,
      displayName: id,
      iModelId: IMODEL_ID,
      iTwinId: "t",
      authenticationType: "User",
      _links: {},
    })),
    _links: {
      self: { href: `${BASE_URL}/export/connections` },
      ...(next === undefined ? {} : { next: { href: next } }),
    },
  });
}

const json = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": "application/json", ...headers } });

/** A $skip or $top as a server might write it: digits, or anything else. */
const pagingValue = fc.oneof(
  fc.nat({ max: 5_000 }).map(String),
  fc.constantFrom("", "-1", "1e3", "+5", " 5", "0x10", "1.0", "9007199254740993", "NaN", "0"),
  fc.string({ maxLength: 8 }),
);

/** A next link: a well-formed one with odd paging values, on any host, with extra parameters, or any text at all. */
const nextHref = fc.oneof(
  fc
    .record({
      origin: fc.constantFrom("https://api.bentley.com", "http://evil.example", "https://api.example.test", ""),
      skip: fc.option(pagingValue, { nil: undefined }),
      top: fc.option(pagingValue, { nil: undefined }),
      extra: fc.constantFrom("", "&imodelId=00000000-0000-4000-8000-000000000000", "&$skip=0", "#frag", "&x=%ZZ"),
    })
    .map(({ origin, skip, top, extra }) => {
      const params = [skip === undefined ? "" : `$skip=${skip}`, top === undefined ? "" : `$top=${top}`].filter(
        Boolean,
      );
      return `${origin}/export/connections?${params.join("&")}${extra}`;
    }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string(),
);

describe("next links: any href is followed to baseUrl with the caller's imodelId, or refused; never a loop", () => {
  it(
    "holds for every generated next link",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          nextHref,
          fc.option(fc.integer({ min: TOP_MIN, max: TOP_MAX }), { nil: undefined }),
          async (href, pageSize) => {
            const requests: URL[] = [];
            const client = createExportClient({
              baseUrl: BASE_URL,
              accessToken: "token-for-properties",
              maxRetries: 0,
              fetch: async (request) => {
                requests.push(new URL(request.url));
                // The first page links on; every later page is the last.
                return json(requests.length === 1 ? pageBody(["a"], href) : pageBody(["b"]));
              },
            });

            let pages = 0;
            try {
              for await (const _page of client.iterateExportConnections({ imodelId: IMODEL_ID, pageSize }).pages())
                pages++;
            } catch (error) {
              expect(error).toBeInstanceOf(PaginationError);
            }

            expect(requests.length).toBeLessThanOrEqual(2);
            expect(pages).toBe(requests.length);
            for (const url of requests) {
              expect(`${url.origin}${url.pathname}`).toBe(`${BASE_URL}/export/connections`);
              expect(url.searchParams.getAll("imodelId")).toEqual([IMODEL_ID]);
            }
            const followed = requests[1];
            if (followed) {
              // It advanced, and only with paging values the spec allows.
              expect(Number(followed.searchParams.get("$skip"))).toBeGreaterThan(0);
              const top = followed.searchParams.get("$top");
              if (top !== null) expect(Number(top)).toBeGreaterThanOrEqual(TOP_MIN);
              if (top !== null) expect(Number(top)).toBeLessThanOrEqual(TOP_MAX);
            }
          },
        ),
        settings,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe("Retry-After: any value gives a wait from 0 to maxRetryAfterMs, or the backoff; never NaN or negative", () => {
  const policy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };
  const headerValue = fc.oneof(
    fc.string(),
    fc.nat().map(String),
    fc.double({ noNaN: false }).map(String),
    fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `${a}, ${b}`),
  );

  it(
    "holds for every generated header",
    () => {
      fc.assert(
        fc.property(headerValue, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (value, random) => {
          const parsed = parseRetryAfter(value);
          if (parsed !== undefined) {
            expect(Number.isFinite(parsed)).toBe(true);
            expect(parsed).toBeGreaterThanOrEqual(0);
          }
          const error = new RateLimitError("429", { status: 429, headers: { "retry-after": value } });
          const decision = decideRetry(error, 0, policy, () => random);
          if (!decision.retry) {
            // Only a readable wait past the cap is refused.
            expect(error.retryAfterMs).toBeGreaterThan(policy.maxRetryAfterMs);
            return;
          }
          expect(Number.isFinite(decision.delayMs)).toBe(true);
          expect(decision.delayMs).toBeGreaterThanOrEqual(0);
          if (error.retryAfterMs === undefined) expect(decision.delayMs).toBe(backoffDelay(0, policy, () => random));
          else expect(decision.delayMs).toBeLessThanOrEqual(policy.maxRetryAfterMs);
        }),
        settings,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
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

describe("input: any imodelId, top or skip is refused before the network naming it, or sent exactly as given", () => {
  const value = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.integer(),
    fc.double(),
    fc.constantFrom(undefined, null, true, "", " ", Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53, {}, [], () => 1),
    fc.anything(),
  );

  it(
    "holds for every generated call",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.constant(IMODEL_ID), value),
          fc.oneof(fc.integer({ min: TOP_MIN, max: TOP_MAX }), value),
          fc.oneof(fc.nat(), value),
          async (imodelId, top, skip) => {
            const sent: URL[] = [];
            const client = createExportClient({
              baseUrl: BASE_URL,
              maxRetries: 0,
              fetch: async (request) => {
                sent.push(new URL(request.url));
                return json(pageBody([]));
              },
            });
            const params = { imodelId, top, skip } as never;
            const outcome = await client.getExportConnections(params).then(
              () => undefined,
              (e: unknown) => e,
            );
            if (outcome !== undefined) {
              expect(outcome instanceof TypeError || outcome instanceof RangeError).toBe(true);
              expect((outcome as Error).message).toMatch(/^(imodelId|top|skip) /);
              expect(sent).toEqual([]);
              return;
            }
            expect(sent).toHaveLength(1);
            const query = sent[0]!.searchParams;
            expect(query.getAll("imodelId")).toEqual([imodelId]);
            expect(query.get("$top")).toBe(top === undefined ? null : String(top));
            expect(query.get("$skip")).toBe(skip === undefined ? null : String(skip));
          },
        ),
        settings,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

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
        fc.property(fc.constantFrom(...names), value, (name, option) => {
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

/** Every way an error is commonly turned into text, its cause chain included. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  const texts = [e.message, String(e), e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 10 })];
  for (let cause = e.cause as Error | undefined, depth = 0; cause && depth < 5; cause = cause.cause as Error, depth++) {
    texts.push(String(cause), cause.stack ?? "", inspect(cause, { depth: 5 }));
  }
  return texts;
}
