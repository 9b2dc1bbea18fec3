// Faults through the JS API (mock.fail), over real HTTP on loopback: what the mock sends for each one, how many
// requests it applies to, which iModel, in which order, and the errors a bad fault spec throws.
import {
  AuthenticationError,
  createExportClient,
  ExportApiError,
  PaginationError,
  TimeoutError,
} from "@export-api/client";
import { IMODEL_ID, spec, validateError, validatePage } from "@export-api/test-utils";
import { describe, expect, vi } from "vitest";
import { FAULT_KINDS } from "../src/core/faults.js";
import type { MockServer } from "../src/index.js";
import { PROTOTYPE_NAMES } from "./fixtures/hostile.js";
import { follow, listConnections } from "./fixtures/http.js";
import { it } from "./fixtures/mock.js";
import { rawGet } from "./fixtures/raw.js";

const OTHER = 1; // index of a second iModel
const example = (name: string) => spec.components.examples[name].value;
const DOCUMENTED: Record<number, string> = {
  401: "HeaderNotFound",
  403: "InsufficientPermissions",
  404: "ConnectionNotFound",
  422: "InvalidConnectionsRequest",
  429: "TooManyRequests",
};

const get = (mock: MockServer, imodelId = IMODEL_ID) => listConnections(mock, { imodelId, $top: 10 });
const statuses = async (mock: MockServer, count: number, imodelId = IMODEL_ID) => {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await get(mock, imodelId)).status);
  return seen;
};
const client = (mock: MockServer, options: Parameters<typeof createExportClient>[0] = {}) =>
  createExportClient({ baseUrl: mock.url, accessToken: "a-long-enough-token", retryBaseDelayMs: 0, ...options });

describe("status faults", () => {
  it.for([401, 403, 404, 422, 429])("%i: the spec's example body, once", async (status, { startMock }) => {
    const mock = await startMock();
    mock.fail({ status: status as 401 });
    const response = await get(mock);
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body).toEqual(example(DOCUMENTED[status]!));
    expect(validateError(body).valid).toBe(true);
    expect((await get(mock)).status).toBe(200);
  });

  it("422 carries the spec example's details", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ status: 422 });
    const body = await (await get(mock)).json();
    expect(body.error.details.length).toBeGreaterThan(0);
  });

  it.for([500, 502, 503, 504])(
    "%i: the API's error shape with the mock's own code and message",
    async (status, { startMock }) => {
      const mock = await startMock();
      mock.fail({ status: status as 500 });
      const response = await get(mock);
      expect(response.status).toBe(status);
      const body = await response.json();
      expect(validateError(body)).toEqual({ valid: true, errors: "null" });
      expect(Object.keys(body.error)).toEqual(["code", "message"]);
    },
  );

  it.for([
    [{ status: 429 }, "0"],
    [{ status: 429, retryAfter: 0 }, "0"],
    [{ status: 429, retryAfter: 7 }, "7"],
    [{ status: 503, retryAfter: 0 }, "0"],
    [{ status: 503, retryAfter: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)) }, "Wed, 02 Jan 2030 03:04:05 GMT"],
    [{ status: 503, retryAfter: "2030-01-02T03:04:05Z" }, "Wed, 02 Jan 2030 03:04:05 GMT"],
    [{ status: 503 }, null],
  ] as const)("%j sends Retry-After %j", async ([fault, header], { startMock }) => {
    const mock = await startMock();
    mock.fail(fault);
    expect((await get(mock)).headers.get("retry-after")).toBe(header);
  });

  it("401 asks for a bearer token", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ status: 401 });
    expect((await get(mock)).headers.get("www-authenticate")).toBe("Bearer");
  });
});

describe("times, iModel and order", () => {
  it("applies to the next `times` requests, then the mock answers normally", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ status: 503, times: 2, retryAfter: 0 });
    expect(await statuses(mock, 3)).toEqual([503, 503, 200]);
  });

  it("times: Infinity applies to every request until clearFaults()", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ status: 500, times: Number.POSITIVE_INFINITY });
    expect(await statuses(mock, 5)).toEqual([500, 500, 500, 500, 500]);
    expect(mock.faults).toEqual([{ kind: "status", status: 500, times: Number.POSITIVE_INFINITY }]);
    mock.clearFaults();
    expect(await statuses(mock, 1)).toEqual([200]);
  });

  it("imodelId scopes a fault to one iModel, whatever the case of its GUID", async ({ startMock }) => {
    const mock = await startMock();
    const other = mock.imodelIds[OTHER]!;
    mock.fail({ status: 404, imodelId: other.toUpperCase(), times: 2 });
    expect(await statuses(mock, 2, IMODEL_ID)).toEqual([200, 200]);
    expect(await statuses(mock, 1, other)).toEqual([404]);
    expect(await statuses(mock, 1, other.toUpperCase())).toEqual([404]);
    expect(await statuses(mock, 1, other)).toEqual([200]);
  });

  it("queues in order: the first queued fault that matches applies to the next request", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ status: 503 });
    mock.fail({ status: 429, times: 2 });
    mock.fail({ status: 403, imodelId: mock.imodelIds[OTHER]! });
    expect(mock.faults.map((fault) => [fault.kind, "status" in fault && fault.status, fault.times])).toEqual([
      ["status", 503, 1],
      ["status", 429, 2],
      ["status", 403, 1],
    ]);
    expect(await statuses(mock, 1, mock.imodelIds[OTHER])).toEqual([503]);
    expect(await statuses(mock, 3)).toEqual([429, 429, 200]);
    expect(await statuses(mock, 1, mock.imodelIds[OTHER])).toEqual([403]);
  });

  it("does not touch preflights, other paths or other methods", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ status: 503 });
    expect((await fetch(`${mock.url}/export/connections`, { method: "OPTIONS" })).status).toBe(204);
    expect((await fetch(`${mock.url}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${mock.url}/export/connections`, { method: "POST" })).status).toBe(405);
    expect(await statuses(mock, 1)).toEqual([503]);
  });
});

describe("delivery faults", () => {
  it("delay waits `ms` before the headers of the normal answer", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "delay", ms: 60 });
    const started = performance.now();
    const response = await get(mock);
    // Timers never fire early by more than a millisecond's rounding; the machine may only make it later.
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(response.status).toBe(200);
    expect(validatePage(await response.json()).valid).toBe(true);
  });

  it("stall never answers: close() ends the connection, and a client's timeoutMs ends its wait", async ({
    startMock,
  }) => {
    const mock = await startMock();
    mock.fail({ kind: "stall", times: 2 });
    await expect(
      client(mock, { timeoutMs: 100, maxRetries: 0 }).getExportConnections({ imodelId: IMODEL_ID }),
    ).rejects.toBeInstanceOf(TimeoutError);

    const pending = get(mock);
    await vi.waitFor(() => expect(mock.requests).toHaveLength(2), { timeout: 10_000 });
    await mock.close();
    await expect(pending).rejects.toThrow(TypeError);
  }, 30_000); // longer than the waitFor above, so a loaded machine slows the test down instead of failing it

  it("slow-body sends the whole page in 10 parts, chunkDelayMs apart", async ({ startMock }) => {
    const mock = await startMock();
    const whole = await (await get(mock)).text();
    mock.fail({ kind: "slow-body", chunkDelayMs: 15 });
    const started = performance.now();
    const response = await get(mock);
    expect(response.headers.get("content-length")).toBe(String(whole.length));
    expect(await response.text()).toBe(whole);
    expect(performance.now() - started).toBeGreaterThanOrEqual(9 * 15);
  });

  it("slow-body outlasts a client's timeoutMs, which covers reading the body", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "slow-body", chunkDelayMs: 1_000 });
    await expect(
      client(mock, { timeoutMs: 200, maxRetries: 0 }).getExportConnections({ imodelId: IMODEL_ID }),
    ).rejects.toBeInstanceOf(TimeoutError);
  });

  it("reset-before-headers resets the connection before a byte is sent", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "reset-before-headers", times: 2 });
    const raw = await rawGet(mock, `/export/connections?imodelId=${IMODEL_ID}`);
    expect(raw).toMatchObject({ status: 0, body: Buffer.alloc(0) });
    // Linux reports a reset that arrives with (or before) unread data as an end of stream, after a wait as ECONNRESET.
    expect(["ECONNRESET", "end"]).toContain(raw.ended);
    await expect(get(mock)).rejects.toThrow(TypeError);
  });

  it("reset-after-headers sends the status and a Content-Length, then resets", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "reset-after-headers", times: 2 });
    const raw = await rawGet(mock, `/export/connections?imodelId=${IMODEL_ID}`);
    expect(raw.status).toBe(200);
    expect(Number(raw.headers["content-length"])).toBeGreaterThan(0);
    expect(raw.body).toHaveLength(0);
    expect(["ECONNRESET", "end"]).toContain(raw.ended);

    const response = await get(mock);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it("truncated-body sends half the body its Content-Length promises, then closes", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "truncated-body", times: 2 });
    const raw = await rawGet(mock, `/export/connections?imodelId=${IMODEL_ID}`);
    const length = Number(raw.headers["content-length"]);
    expect(raw.status).toBe(200);
    expect(raw.body).toHaveLength(Math.floor(length / 2));
    expect(raw.ended).toBe("end");

    const response = await get(mock);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it("acts on whatever the normal answer is: a delayed 401 is still a 401", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "delay", ms: 1 });
    expect((await listConnections(mock, { imodelId: IMODEL_ID }, {})).status).toBe(401);
  });
});

describe("bodies a client must not trust", () => {
  it("not-json: a 200 in a JSON media type whose body does not parse", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "not-json", times: 2 });
    const response = await get(mock);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    await expect(response.json()).rejects.toThrow(SyntaxError);
    const error = await client(mock, { maxRetries: 0 })
      .getExportConnections({ imodelId: IMODEL_ID })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ExportApiError);
    expect(error.code).toBe("InvalidResponseBody");
  });

  it.for([
    [{}, 502],
    [{ status: 503 }, 503],
  ] as const)("html-error %j: an HTML page with status %i", async ([options, status], { startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "html-error", ...options });
    const response = await get(mock);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>\n$/);
  });

  it("wrong-content-type: the page, labelled text/plain", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "wrong-content-type" });
    const response = await get(mock);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(validatePage(JSON.parse(await response.text())).valid).toBe(true);
  });

  it("wrong-shape: a 200 whose JSON is not a page (the connections under `value`)", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "wrong-shape" });
    const body = await (await get(mock)).json();
    expect(validatePage(body).valid).toBe(false);
    expect(body.value).toHaveLength(10);
    expect(body).not.toHaveProperty("connections");
  });

  it("page faults leave an answer that is not a page as it is, and are used up", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "wrong-shape" });
    const unauthorized = await listConnections(mock, { imodelId: IMODEL_ID }, {});
    expect(unauthorized.status).toBe(401);
    expect(validateError(await unauthorized.json()).valid).toBe(true);
    expect(mock.faults).toEqual([]);
  });

  it("echo-authorization repeats the Authorization value in the error body; the client redacts it", async ({
    startMock,
  }) => {
    const mock = await startMock();
    const token = "secret-token-0123456789";
    mock.fail({ kind: "echo-authorization", times: 2 });
    const response = await listConnections(mock, { imodelId: IMODEL_ID }, { Authorization: `Bearer ${token}` });
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(validateError(body).valid).toBe(true);
    expect(JSON.stringify(body)).toContain(`Bearer ${token}`);
    expect(body.error.details[0]).toEqual({
      code: "InvalidValue",
      message: `Received Authorization: Bearer ${token}`,
      target: "Authorization",
    });

    const error = await client(mock, { accessToken: token, maxRetries: 0 })
      .getExportConnections({ imodelId: IMODEL_ID })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify(error.toJSON())).not.toContain(token);
    expect(error.message).toContain("[redacted]");
    // The mock's own log never keeps it either.
    expect(JSON.stringify(mock.requests)).not.toContain(token);
  });

  it("echo-authorization takes another status", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "echo-authorization", status: 403 });
    expect((await get(mock)).status).toBe(403);
  });
});

describe("paging faults", () => {
  it("empty-pages with times: Infinity: empty pages whose next link always advances, past the last connection", async ({
    startMock,
  }) => {
    const mock = await startMock({ connectionsPerImodel: 25 });
    mock.fail({ kind: "empty-pages", times: Number.POSITIVE_INFINITY, imodelId: IMODEL_ID });
    let response = await get(mock);
    const skips: number[] = [];
    for (let page = 0; page < 8; page++) {
      const body = await response.json();
      expect(validatePage(body).valid).toBe(true);
      expect(body.connections).toEqual([]);
      skips.push(Number(new URL(body._links.next.href).searchParams.get("$skip")));
      response = await follow(mock, body._links.next.href, IMODEL_ID);
    }
    expect(skips).toEqual([10, 20, 30, 40, 50, 60, 70, 80]);
  });

  it("next-repeats: the next link is the page's own; the client stops with NextLinkDoesNotAdvance", async ({
    startMock,
  }) => {
    const mock = await startMock();
    mock.fail({ kind: "next-repeats", times: 2 });
    const body = await (await listConnections(mock, { imodelId: IMODEL_ID, $top: 10, $skip: 10 })).json();
    expect(body._links.next).toEqual(body._links.self);
    expect(validatePage(body).valid).toBe(true);
    const iteration = client(mock).iterateExportConnections({ imodelId: IMODEL_ID, pageSize: 5 });
    const error = await (async () => {
      for await (const _ of iteration);
    })().catch((e) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error.code).toBe("NextLinkDoesNotAdvance");
  });

  it("next-goes-back: the next link points at the page before; the client stops with NextLinkRepeats", async ({
    startMock,
  }) => {
    const mock = await startMock();
    const body = await (async () => {
      mock.fail({ kind: "next-goes-back" });
      return (await listConnections(mock, { imodelId: IMODEL_ID, $top: 10, $skip: 20 })).json();
    })();
    expect(body._links.next.href).toBe(`${mock.url}/export/connections?$skip=10&$top=10`);

    const pages = client(mock).iterateExportConnections({ imodelId: IMODEL_ID, pageSize: 5 }).pages();
    expect((await pages.next()).done).toBe(false); // $skip=0, as served
    mock.fail({ kind: "next-goes-back" });
    expect((await pages.next()).done).toBe(false); // $skip=5, whose next link goes back to 0
    const error = await pages.next().catch((e) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error.code).toBe("NextLinkRepeats");
  });
});

describe("mock.fail() checks the fault and names the field", () => {
  it.for([
    [null, TypeError, /^fault must be an object, got null$/],
    [{ kind: "explode" }, TypeError, /^fault\.kind must be one of status, delay, stall, /],
    [
      { status: 418 },
      RangeError,
      /^fault\.status must be one of 401, 403, 404, 422, 429, 500, 502, 503, 504, got 418$/,
    ],
    [{ status: 503, times: 0 }, RangeError, /^fault\.times must be a positive integer or Infinity, got 0$/],
    [{ status: 503, times: 1.5 }, RangeError, /^fault\.times /],
    [{ status: 503, imodelId: "nope" }, TypeError, /^fault\.imodelId must be a GUID, got "nope"$/],
    [{ status: 503, retryAfter: -1 }, RangeError, /^fault\.retryAfter must be whole seconds/],
    [{ status: 503, retryAfter: "soon" }, TypeError, /^fault\.retryAfter must be whole seconds .* got "soon"$/],
    [{ status: 500, retryAfter: 1 }, RangeError, /^fault\.retryAfter is for status 429 or 503, not 500$/],
    [{ kind: "delay" }, RangeError, /^fault\.ms must be an integer number of ms/],
    [{ kind: "delay", ms: -5 }, RangeError, /^fault\.ms /],
    [{ kind: "slow-body", chunkDelayMs: "fast" }, RangeError, /^fault\.chunkDelayMs /],
    [
      { kind: "html-error", status: 200 },
      RangeError,
      /^fault\.status must be an error status from 400 to 599, got 200$/,
    ],
    [{ kind: "stall", ms: 5 }, TypeError, /^fault\.ms is not a field of a stall fault/],
    [{ status: 503, time: 2 }, TypeError, /^fault\.time is not a field of a status fault/],
  ] as const)("%j throws %o", async ([fault, type, message], { startMock }) => {
    const mock = await startMock();
    expect(() => mock.fail(fault as never)).toThrow(type);
    expect(() => mock.fail(fault as never)).toThrow(message);
    expect(mock.faults).toEqual([]);
  });

  it.for(PROTOTYPE_NAMES)(
    "kind %j, a name every object inherits, is an unknown kind naming fault.kind",
    async (kind, { startMock }) => {
      const mock = await startMock();
      const thrown = (() => {
        try {
          mock.fail({ kind } as never);
        } catch (error) {
          return error;
        }
      })();
      expect(thrown).toBeInstanceOf(TypeError);
      expect((thrown as Error).message).toBe(
        `fault.kind must be one of ${FAULT_KINDS.join(", ")}, got ${JSON.stringify(kind)}`,
      );
      expect(mock.faults).toEqual([]);
    },
  );
});

describe("mock.fail() takes what its bounds allow, refuses what they do not, and says what it got", () => {
  it.for([
    [5, TypeError, "fault must be an object, got 5"],
    [[], TypeError, "fault must be an object, got an array"],
    [{ kind: ["delay"] }, TypeError, `fault.kind must be one of ${FAULT_KINDS.join(", ")}, got an array`],
    [
      { status: 503, time: 2 },
      TypeError,
      "fault.time is not a field of a status fault (it takes kind, times, imodelId, status, retryAfter)",
    ],
    [{ kind: "delay", ms: 1.5 }, RangeError, "fault.ms must be an integer number of ms from 0 to 2147483647, got 1.5"],
    [{ kind: "delay", ms: 2 ** 31 }, RangeError, "fault.ms must be an integer number of ms from 0 to 2147483647"],
    [
      { kind: "delay", ms: {} },
      RangeError,
      "fault.ms must be an integer number of ms from 0 to 2147483647, got object",
    ],
    [
      { kind: "delay", ms: true },
      RangeError,
      "fault.ms must be an integer number of ms from 0 to 2147483647, got true",
    ],
    [
      { kind: "html-error", status: 450.5 },
      RangeError,
      "fault.status must be an error status from 400 to 599, got 450.5",
    ],
    [{ kind: "html-error", status: 600 }, RangeError, "fault.status must be an error status from 400 to 599, got 600"],
    [{ kind: "echo-authorization", status: 399 }, RangeError, "fault.status must be an error status from 400 to 599"],
    [
      { status: 503, retryAfter: true },
      TypeError,
      "fault.retryAfter must be whole seconds (0 or more) or an HTTP date, got true",
    ],
    [
      { status: 503, retryAfter: "in 30" },
      TypeError,
      'fault.retryAfter must be whole seconds (0 or more) or an HTTP date, got "in 30"',
    ],
  ] as const)("%j throws %o: %s", async ([fault, type, message], { startMock }) => {
    const mock = await startMock();
    expect(() => mock.fail(fault as never)).toThrow(type);
    expect(() => mock.fail(fault as never)).toThrow(message);
    expect(mock.faults).toEqual([]);
  });

  it("takes the bounds themselves: ms 0 and 2^31-1, statuses 400 and 599", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "delay", ms: 2 ** 31 - 1 });
    mock.fail({ kind: "slow-body", chunkDelayMs: 0 });
    mock.fail({ kind: "html-error", status: 400 });
    mock.fail({ kind: "echo-authorization", status: 599 });
    expect(mock.faults).toEqual([
      { kind: "delay", ms: 2 ** 31 - 1, times: 1 },
      { kind: "slow-body", chunkDelayMs: 0, times: 1 },
      { kind: "html-error", status: 400, times: 1 },
      { kind: "echo-authorization", status: 599, times: 1 },
    ]);
  });

  it("a delay of 0 ms answers normally", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "delay", ms: 0 });
    expect((await get(mock)).status).toBe(200);
    expect(mock.faults).toEqual([]);
  });

  it.for(["30", "7", "120"])(
    "retryAfter %j, digits as text (the control path's JSON, the CLI), is sent as those seconds",
    async (retryAfter, { startMock }) => {
      const mock = await startMock();
      mock.fail({ status: 503, retryAfter });
      expect((await get(mock)).headers.get("retry-after")).toBe(retryAfter);
    },
  );
});

describe("what each fault's answer carries", () => {
  it.for([403, 404, 422, 429, 500, 503])(
    "a %i status fault does not ask for a bearer token",
    async (status, { startMock }) => {
      const mock = await startMock();
      mock.fail({ status: status as 403 });
      const response = await get(mock);
      expect(response.status).toBe(status);
      expect(response.headers.get("www-authenticate")).toBeNull();
    },
  );

  it("not-json sends a body that is there, and is not JSON", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "not-json" });
    const text = await (await get(mock)).text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it("wrong-shape keeps the next link under @odata.nextLink, and null on the last page", async ({ startMock }) => {
    const mock = await startMock({ connectionsPerImodel: 15 });
    mock.fail({ kind: "wrong-shape", times: 2 });
    const first = await (await get(mock)).json();
    expect(first["@odata.nextLink"]).toBe(`${mock.url}/export/connections?$skip=10&$top=10`);
    const last = await (await listConnections(mock, { imodelId: IMODEL_ID, $top: 10, $skip: 10 })).json();
    expect(last.value).toHaveLength(5);
    expect(last["@odata.nextLink"]).toBeNull();
  });

  it("echo-authorization: the whole error body, and WWW-Authenticate only on its 401", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "echo-authorization" });
    const response = await listConnections(mock, { imodelId: IMODEL_ID }, { Authorization: "Bearer t0ken" });
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(await response.json()).toEqual({
      error: {
        code: "InvalidAuthorization",
        message: 'The Authorization header "Bearer t0ken" is not valid.',
        target: "Authorization",
        details: [{ code: "InvalidValue", message: "Received Authorization: Bearer t0ken", target: "Authorization" }],
      },
    });

    mock.fail({ kind: "echo-authorization", status: 403 });
    const forbidden = await get(mock);
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("www-authenticate")).toBeNull();
  });

  it("echo-authorization without an Authorization header echoes an empty value", async ({ startMock }) => {
    const mock = await startMock();
    mock.fail({ kind: "echo-authorization" });
    const body = await (await listConnections(mock, { imodelId: IMODEL_ID }, {})).json();
    expect(body.error.message).toBe('The Authorization header "" is not valid.');
    expect(body.error.details[0].message).toBe("Received Authorization: ");
  });
});
