// The control path under /__mock/: the same faults and request log as the JS API, over plain HTTP, so a test in
// any language can script the mock.
import { IMODEL_ID, validateError } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { FAULT_KINDS } from "../src/core/faults.js";
import type { MockServer } from "../src/index.js";
import { PROTOTYPE_NAMES } from "./fixtures/hostile.js";
import { listConnections } from "./fixtures/http.js";
import { it } from "./fixtures/mock.js";

const post = (mock: MockServer, body: string) =>
  fetch(`${mock.url}/__mock/faults`, { method: "POST", body, headers: { "Content-Type": "application/json" } });
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

  it("answers a CORS preflight, so a browser page can script faults", async ({ startMock }) => {
    const mock = await startMock();
    const response = await fetch(`${mock.url}/__mock/faults`, {
      method: "OPTIONS",
      headers: { Origin: "http://page.example", "Access-Control-Request-Method": "POST" },
    });
    expect(response.status).toBe(204);
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
