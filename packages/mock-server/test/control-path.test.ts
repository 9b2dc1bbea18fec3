// The control path under /__mock/: the same faults and request log as the JS API, over plain HTTP, so a test in
// any language can script the mock.
import { IMODEL_ID, validateError } from "@export-api/test-utils";
import { describe, expect, it as plainIt } from "vitest";
import { FAULT_KINDS } from "../src/core/faults.js";
import { createMockCore } from "../src/core/mock-core.js";
import { validateMockOptions } from "../src/core/options.js";
import type { MockServer } from "../src/index.js";
import { PROTOTYPE_NAMES } from "./fixtures/hostile.js";
import { listConnections } from "./fixtures/http.js";
import { it } from "./fixtures/mock.js";
import { rawRequest } from "./fixtures/raw.js";

const post = (mock: MockServer, body: string) =>
  fetch(`${mock.url}/__mock/faults`, { method: "POST", body, headers: { "Content-Type": "application/json" } });
/** A browser page's origin, e.g. a dev server's. */
const PAGE = "http://localhost:5173";
const get = (mock: MockServer) => listConnections(mock, { imodelId: IMODEL_ID, $top: 5 });

describe("/__mock/faults", () => {
  it("POST queues a fault (201, the fault as queued); the next requests play it", async ({ startMock }) => {
    const mock = await startMock();
    const response = await post(mock, JSON.stringify({ status: 503, times: 2, retryAfter: 0 }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ queued: { kind: "status", status: 503, times: 2, retryAfter: "0" } });
    const first = await get(mock);
    expect([first.status, first.headers.get("retry-after")]).toEqual([503, "0"]);
    expect((await get(mock)).status).toBe(503);
    expect((await get(mock)).status).toBe(200);
  });

  it('takes "times": "Infinity" (JSON has no Infinity) and lists it the same way', async ({ startMock }) => {
    const mock = await startMock();
    await post(mock, JSON.stringify({ kind: "html-error", times: "Infinity", imodelId: IMODEL_ID }));
    expect(mock.faults[0]?.times).toBe(Number.POSITIVE_INFINITY);
    const listed = await (await fetch(`${mock.url}/__mock/faults`)).json();
    expect(listed).toEqual({ faults: [{ kind: "html-error", status: 502, times: "Infinity", imodelId: IMODEL_ID }] });
    for (let i = 0; i < 3; i++) expect((await get(mock)).status).toBe(502);
  });

  it("GET lists the queue with the times left; DELETE clears it (204)", async ({ startMock }) => {
    const mock = await startMock();
    await post(mock, JSON.stringify({ kind: "delay", ms: 1, times: 3 }));
    await get(mock);
    expect(await (await fetch(`${mock.url}/__mock/faults`)).json()).toEqual({
      faults: [{ kind: "delay", ms: 1, times: 2 }],
    });
    const cleared = await fetch(`${mock.url}/__mock/faults`, { method: "DELETE" });
    expect(cleared.status).toBe(204);
    expect(mock.faults).toEqual([]);
  });

  it.for([
    ["not JSON", "status=503", /^The body must be a fault as JSON/],
    ["an unknown kind", JSON.stringify({ kind: "meltdown" }), /^fault\.kind must be one of /],
    ["a status it cannot play", JSON.stringify({ status: 418 }), /^fault\.status must be one of /],
    ["a misspelt field", JSON.stringify({ status: 503, time: 2 }), /^fault\.time is not a field of a status fault/],
    ["an empty body", "", /^The body must be a fault as JSON/],
  ] as const)("POST with %s: 400 InvalidFault naming what is wrong", async ([, body, message], { startMock }) => {
    const mock = await startMock();
    const response = await post(mock, body);
    expect(response.status).toBe(400);
    const error = await response.json();
    expect(validateError(error).valid).toBe(true);
    expect(error.error.code).toBe("InvalidFault");
    expect(error.error.message).toMatch(message);
    expect(mock.faults).toEqual([]);
  });

  it.for(PROTOTYPE_NAMES)(
    "POST with kind %j, a name every object inherits: 400 InvalidFault naming fault.kind",
    async (kind, { startMock }) => {
      const mock = await startMock();
      const response = await post(mock, JSON.stringify({ kind }));
      expect(response.status).toBe(400);
      const { error } = await response.json();
      expect(error).toEqual({
        code: "InvalidFault",
        message: `fault.kind must be one of ${FAULT_KINDS.join(", ")}, got ${JSON.stringify(kind)}`,
      });
      expect(mock.faults).toEqual([]);
    },
  );

  it("POST with a body over 64 KiB: 413", async ({ startMock }) => {
    const mock = await startMock();
    expect((await post(mock, " ".repeat(65 * 1024))).status).toBe(413);
  });
});

describe("/__mock/requests", () => {
  it("GET is the request log, without control requests; DELETE clears it", async ({ startMock }) => {
    const mock = await startMock();
    await get(mock);
    await post(mock, JSON.stringify({ status: 500 }));
    await get(mock);
    const { requests } = await (await fetch(`${mock.url}/__mock/requests`)).json();
    expect(requests.map((r: { path: string }) => r.path)).toEqual(["/export/connections", "/export/connections"]);
    expect(requests[0].headers.authorization).toBe("Bearer [redacted]");
    expect((await fetch(`${mock.url}/__mock/requests`, { method: "DELETE" })).status).toBe(204);
    expect(mock.requests).toEqual([]);
  });
});

describe("the rest of /__mock/", () => {
  it("404 for an unknown control resource, 405 (with Allow) for a method it does not take", async ({ startMock }) => {
    const mock = await startMock();
    const unknown = await fetch(`${mock.url}/__mock/reset`, { method: "POST" });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toContain("/__mock/faults");
    const wrong = await fetch(`${mock.url}/__mock/requests`, { method: "POST", body: "{}" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, DELETE");
  });

  it("answers a CORS preflight from an origin in controlOrigins, so that browser page can script faults", async ({
    startMock,
  }) => {
    const mock = await startMock({ controlOrigins: [PAGE] });
    const response = await fetch(`${mock.url}/__mock/faults`, {
      method: "OPTIONS",
      headers: { Origin: PAGE, "Access-Control-Request-Method": "POST" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(response.headers.get("vary")).toBe("Origin");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toContain("Content-Type");
  });

  it("is not subject to faults or the rate limit", async ({ startMock }) => {
    const mock = await startMock({ rateLimit: { limit: 0, windowMs: 60_000 } });
    mock.fail({ status: 503, times: Number.POSITIVE_INFINITY });
    expect((await fetch(`${mock.url}/__mock/faults`)).status).toBe(200);
    expect((await fetch(`${mock.url}/__mock/requests`)).status).toBe(200);
  });
});

// The class of Vite's CVE-2025-24010 and webpack-dev-server's CVE-2025-30359/30360: a page the developer visits
// while a local mock runs must not queue faults, clear them or read the request log, neither from its own origin
// (CORS) nor under its own name after rebinding DNS to 127.0.0.1 (Host).
describe("who may use it", () => {
  const CONTROL_REQUESTS = [
    ["GET", "/__mock/requests", undefined],
    ["GET", "/__mock/faults", undefined],
    ["POST", "/__mock/faults", JSON.stringify({ status: 503 })],
    ["DELETE", "/__mock/faults", undefined],
    ["DELETE", "/__mock/requests", undefined],
    ["OPTIONS", "/__mock/faults", undefined],
  ] as const;

  /** A raw request with these headers (Host among them): fetch always sends the URL's host. */
  const raw = (mock: MockServer, method: string, path: string, headers: string, body = "") =>
    rawRequest(
      mock,
      `${method} ${path} HTTP/1.1\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );

  it.for(CONTROL_REQUESTS)(
    "%s %s with Host: evil.example (a DNS-rebinding page) gets 403 and changes nothing",
    async ([method, path, body], { startMock }) => {
      const mock = await startMock();
      mock.fail({ status: 500 });
      await get(mock).then((r) => r.body?.cancel()); // one logged request; the fault is used up
      mock.fail({ status: 502 });
      const response = await raw(mock, method, path, "Host: evil.example:4010\r\n", body);
      expect(response.status).toBe(403);
      expect(response.headers["access-control-allow-origin"]).toBeUndefined();
      const { error } = JSON.parse(response.body.toString("utf8"));
      expect(error.code).toBe("ControlHostNotAllowed");
      expect(error.message).toContain('"evil.example:4010"');
      expect(error.message).not.toContain("connections");
      expect(mock.faults).toEqual([expect.objectContaining({ status: 502 })]);
      expect(mock.requests).toHaveLength(1);
    },
  );

  it.for([
    ["localhost:4010"],
    ["LOCALHOST"],
    ["app.localhost:4010"],
    ["127.0.0.1:4010"],
    ["10.0.0.7"],
    ["[::1]:4010"],
    ["[fe80::1]"],
  ])("answers Host: %s (a loopback name or an IP literal)", async ([host], { startMock }) => {
    const mock = await startMock();
    const response = await raw(mock, "GET", "/__mock/faults", `Host: ${host}\r\n`);
    expect(response.status).toBe(200);
  });

  it.for([
    ["evil.example"],
    ["localhost.evil.example"],
    ["127.0.0.1.evil.example"],
    ["evil.example@127.0.0.1"],
    ["127.0.0.1/x"],
    ["999.0.0.1"],
    ["[::1"],
    [""],
  ])("refuses Host: %j", async ([host], { startMock }) => {
    const mock = await startMock();
    const response = await raw(mock, "GET", "/__mock/faults", `Host: ${host}\r\n`);
    expect(response.status).toBe(403);
  });

  it("refuses an absolute-form target for another host, whatever its Host header says", async ({ startMock }) => {
    const mock = await startMock();
    const response = await raw(mock, "GET", "http://evil.example/__mock/requests", "Host: 127.0.0.1\r\n");
    expect(response.status).toBe(403);
  });

  plainIt("answers the host it was configured with by name (node:http's host option, MSW's baseUrl)", () => {
    const core = createMockCore(validateMockOptions({}), {
      linkBase: "http://devbox.lan:4010",
      basePath: "",
      host: "devbox.lan",
    });
    const status = (host: string) => core.handle({ method: "GET", target: "/__mock/faults", headers: { host } }).status;
    expect([status("devbox.lan:4010"), status("DevBox.LAN"), status("other.lan:4010")]).toEqual([200, 200, 403]);
  });

  it("answers callers without an Origin (curl, Node, any test runner), with no CORS header", async ({ startMock }) => {
    const mock = await startMock();
    const response = await post(mock, JSON.stringify({ status: 503 }));
    expect(response.status).toBe(201);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("vary")).toBe("Origin");
  });

  it.for(CONTROL_REQUESTS)(
    "%s %s from a page of another origin gets 403, no CORS header, and changes nothing",
    async ([method, path, body], { startMock }) => {
      const mock = await startMock({ controlOrigins: [PAGE] });
      mock.fail({ status: 502 });
      await get(mock).then((r) => r.body?.cancel());
      mock.fail({ status: 502 });
      const headers: Record<string, string> = { Origin: "http://evil.example" };
      if (method === "OPTIONS") headers["Access-Control-Request-Method"] = "DELETE";
      const response = await fetch(`${mock.url}${path}`, { method, body, headers });
      expect(response.status).toBe(403);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      expect(response.headers.get("access-control-allow-methods")).toBeNull();
      const { error } = await response.json();
      expect(error.code).toBe("ControlOriginNotAllowed");
      expect(error.message).toContain("controlOrigins");
      expect(mock.faults).toHaveLength(1);
      expect(mock.requests).toHaveLength(1);
    },
  );

  it("refuses a cross-origin simple POST (text/plain, no preflight) by default: no page is allowed", async ({
    startMock,
  }) => {
    const mock = await startMock();
    const response = await fetch(`${mock.url}/__mock/faults`, {
      method: "POST",
      body: JSON.stringify({ status: 503, times: "Infinity" }),
      headers: { Origin: PAGE, "Content-Type": "text/plain;charset=UTF-8" },
    });
    expect(response.status).toBe(403);
    expect(mock.faults).toEqual([]);
    expect((await get(mock)).status).toBe(200);
  });

  it("answers a page from an origin in controlOrigins, with that origin (never *) in Access-Control-Allow-Origin", async ({
    startMock,
  }) => {
    const mock = await startMock({ controlOrigins: ["http://other.example:8080", `${PAGE}/`] });
    const queued = await fetch(`${mock.url}/__mock/faults`, {
      method: "POST",
      body: JSON.stringify({ status: 503 }),
      headers: { Origin: PAGE, "Content-Type": "application/json" },
    });
    expect(queued.status).toBe(201);
    expect(queued.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(queued.headers.get("vary")).toBe("Origin");
    const log = await fetch(`${mock.url}/__mock/requests`, { headers: { Origin: "http://other.example:8080" } });
    expect(log.status).toBe(200);
    expect(log.headers.get("access-control-allow-origin")).toBe("http://other.example:8080");
  });

  it("answers a page of its own origin", async ({ startMock }) => {
    const mock = await startMock();
    const response = await fetch(`${mock.url}/__mock/faults`, { headers: { Origin: mock.url } });
    expect(response.status).toBe(200);
  });

  it("leaves the API path's CORS as it was: any origin, any Host", async ({ startMock }) => {
    const mock = await startMock();
    const page = await listConnections(
      mock,
      { imodelId: IMODEL_ID },
      { Authorization: "Bearer t", Origin: "http://evil.example" },
    );
    expect(page.status).toBe(200);
    expect(page.headers.get("access-control-allow-origin")).toBe("*");
    const rebound = await raw(mock, "GET", `/export/connections?imodelId=${IMODEL_ID}`, "Host: evil.example\r\n");
    expect(rebound.status).toBe(401);
  });

  it.for([
    ["http://localhost:5173", TypeError, /^controlOrigins must be an array of origins/],
    [["*"], TypeError, /^controlOrigins\[0\] must be an origin such as http:\/\/localhost:5173 .* got "\*"$/],
    [
      [PAGE, "http://localhost:5173/app"],
      TypeError,
      /^controlOrigins\[1\] must be an origin .* got "http:\/\/localhost:5173\/app"$/,
    ],
    [["null"], TypeError, /^controlOrigins\[0\] must be an origin/],
    [["ftp://files.example"], TypeError, /^controlOrigins\[0\] must be an origin/],
    [
      ["http://user:pw@localhost:5173"],
      TypeError,
      /^controlOrigins\[0\] must be .* got "http:\/\/\[credentials\]@localhost:5173"$/,
    ],
    [[5173], TypeError, /^controlOrigins\[0\] must be an origin .* got 5173$/],
  ] as const)("controlOrigins %j throws %o", async ([controlOrigins, type, message], { startMock }) => {
    await expect(startMock({ controlOrigins: controlOrigins as never })).rejects.toThrow(type);
    await expect(startMock({ controlOrigins: controlOrigins as never })).rejects.toThrow(message);
  });
});

describe("the control path's answers, exactly", () => {
  /** A core as node:http makes it for `host: "127.0.0.1"`, port 4010. */
  const core = (options = {}) =>
    createMockCore(validateMockOptions(options), {
      linkBase: "http://127.0.0.1:4010",
      basePath: "",
      host: "127.0.0.1",
    });
  const HOST = { host: "127.0.0.1:4010" };
  const json = (body: Uint8Array) => JSON.parse(new TextDecoder().decode(body));
  const utf8 = (text: string) => new TextEncoder().encode(text);

  plainIt("refuses a request without a Host, quoting the empty host it saw", () => {
    const plan = core().handle({ method: "GET", target: "/__mock/faults", headers: {} });
    expect([plan.status, json(plan.body)]).toEqual([
      403,
      {
        error: {
          code: "ControlHostNotAllowed",
          message: 'The control path answers requests to localhost, an IP address or 127.0.0.1, not to "".',
        },
      },
    ]);
  });

  plainIt("quotes the first 100 characters of a refused Host or Origin", () => {
    const name = `${"a".repeat(150)}.example`;
    const host = core().handle({ method: "GET", target: "/__mock/faults", headers: { host: name } });
    expect(json(host.body).error.message).toBe(
      `The control path answers requests to localhost, an IP address or 127.0.0.1, not to "${"a".repeat(100)}".`,
    );
    const origin = `http://${name}`;
    const page = core().handle({ method: "GET", target: "/__mock/faults", headers: { ...HOST, origin } });
    expect([page.status, json(page.body).error]).toEqual([
      403,
      {
        code: "ControlOriginNotAllowed",
        message:
          `The control path does not answer pages from ${JSON.stringify(origin.slice(0, 100))}: list a test page's ` +
          "origin in controlOrigins (CLI: --control-origin) to let it script the mock.",
      },
    ]);
  });

  plainIt.for([["10.20.30.40:4010"], ["192.168.100.200"], ["127.0.0.10"]])(
    "answers Host: %s (an IPv4 address with parts of several digits)",
    ([host]) => {
      expect(core().handle({ method: "GET", target: "/__mock/faults", headers: { host } }).status).toBe(200);
    },
  );

  plainIt("reads an origin-form target's host from Host, even when its query holds a URL", () => {
    const target = "/__mock/requests?from=http://elsewhere.example/";
    expect(core().handle({ method: "GET", target, headers: HOST }).status).toBe(200);
    const own = core().handle({ method: "GET", target, headers: { ...HOST, origin: "http://127.0.0.1:4010" } });
    expect([own.status, own.headers["Access-Control-Allow-Origin"]]).toEqual([200, "http://127.0.0.1:4010"]);
  });

  plainIt("404 names the control resources there are; 405 names the method, with Allow", () => {
    const missing = core().handle({ method: "GET", target: "/__mock/reset", headers: HOST });
    expect([missing.status, json(missing.body)]).toEqual([
      404,
      {
        error: {
          code: "ResourceNotFound",
          message:
            "No control resource at /__mock/reset; there are /__mock/faults and /__mock/requests and /__mock/fleet.",
        },
      },
    ]);
    const wrong = core().handle({ method: "PUT", target: "/__mock/faults", headers: HOST, body: utf8("{}") });
    expect([wrong.status, wrong.headers.Allow, json(wrong.body)]).toEqual([
      405,
      "GET, POST, DELETE",
      { error: { code: "MethodNotAllowed", message: "PUT is not allowed on /__mock/faults." } },
    ]);
  });

  plainIt("a body that is not JSON is quoted up to 100 characters; JSON null is not a fault", () => {
    const mock = core();
    const text = `status=503&${"x".repeat(200)}`;
    const notJson = mock.handle({ method: "POST", target: "/__mock/faults", headers: HOST, body: utf8(text) });
    expect(json(notJson.body).error).toEqual({
      code: "InvalidFault",
      message: `The body must be a fault as JSON, e.g. {"status":503,"times":2}; got ${JSON.stringify(text.slice(0, 100))}`,
    });
    const nothing = mock.handle({ method: "POST", target: "/__mock/faults", headers: HOST, body: utf8("null") });
    expect([nothing.status, json(nothing.body).error]).toEqual([
      400,
      { code: "InvalidFault", message: "fault must be an object, got null" },
    ]);
    expect(mock.controls.faults).toEqual([]);
  });

  plainIt("takes a body of exactly 64 KiB", () => {
    const fault = JSON.stringify({ status: 503 });
    const body = utf8(fault + " ".repeat(64 * 1024 - fault.length));
    const mock = core();
    expect(mock.handle({ method: "POST", target: "/__mock/faults", headers: HOST, body }).status).toBe(201);
    expect(mock.controls.faults).toEqual([{ kind: "status", status: 503, times: 1 }]);
  });
});
