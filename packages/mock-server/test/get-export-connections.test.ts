// GET /export/connections against the mock, grouped by the status the spec documents for each case.
import { IMODEL_ID, validateError, validatePage } from "@export-api/test-utils";
import { TOP_MAX, TOP_MIN } from "@export-api/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/index.js";
import { follow, listConnections, TOKEN, VENDOR_JSON } from "./fixtures/http.js";

const CONNECTIONS = 237;
let mock: MockServer;
let imodelId: string;
beforeAll(async () => {
  mock = await startMockServer({ connectionsPerImodel: CONNECTIONS });
  imodelId = mock.imodelIds[0]!;
});
afterAll(() => mock.close());

async function json(response: Response): Promise<any> {
  return response.json();
}

describe("200", () => {
  it("pages through every connection exactly once by following next links", async () => {
    const seen: string[] = [];
    let response = await listConnections(mock, { imodelId, $top: 50 });
    for (let pages = 1; ; pages++) {
      expect(response.status).toBe(200);
      const page = await json(response);
      expect(validatePage(page)).toEqual({ valid: true, errors: "null" });
      seen.push(...page.connections.map((c: { id: string }) => c.id));
      if (!page._links.next) {
        expect(pages).toBe(5);
        break;
      }
      response = await follow(mock, page._links.next.href, imodelId);
    }
    expect(seen).toHaveLength(CONNECTIONS);
    expect(new Set(seen).size).toBe(CONNECTIONS);
  });

  it("gives absolute self, prev and next links carrying only $skip and $top", async () => {
    const page = await json(await listConnections(mock, { imodelId, $top: 50, $skip: 100 }));
    expect(page._links).toEqual({
      self: { href: `${mock.url}/export/connections?$skip=100&$top=50` },
      prev: { href: `${mock.url}/export/connections?$skip=50&$top=50` },
      next: { href: `${mock.url}/export/connections?$skip=150&$top=50` },
    });
  });

  it("has no prev link on the first page and no next link on the last", async () => {
    const first = await json(await listConnections(mock, { imodelId, $top: 100 }));
    expect(first._links.prev).toBeUndefined();
    expect(first._links.next?.href).toBe(`${mock.url}/export/connections?$skip=100&$top=100`);

    const last = await json(await listConnections(mock, { imodelId, $top: 100, $skip: 200 }));
    expect(last.connections).toHaveLength(CONNECTIONS - 200);
    expect(last._links.next).toBeUndefined();
    expect(last._links.prev?.href).toBe(`${mock.url}/export/connections?$skip=100&$top=100`);
  });

  it("pages 100 connections by default, from the start", async () => {
    const page = await json(await listConnections(mock, { imodelId }));
    expect(page.connections).toHaveLength(100);
    expect(page._links.self.href).toBe(`${mock.url}/export/connections?$skip=0&$top=100`);
  });

  it("accepts the bounds of $top (TOP_MIN and TOP_MAX) and any $skip, also past the end", async () => {
    const one = await json(await listConnections(mock, { imodelId, $top: TOP_MIN }));
    expect(one.connections).toHaveLength(1);
    const all = await json(await listConnections(mock, { imodelId, $top: TOP_MAX }));
    expect(all.connections).toHaveLength(CONNECTIONS);
    expect(all._links.next).toBeUndefined();
    const beyond = await listConnections(mock, { imodelId, $skip: 5000 });
    expect(beyond.status).toBe(200);
    expect((await json(beyond)).connections).toEqual([]);
  });

  it("describes each connection like the reference: opaque id, the iModel's ids, both authentication types, links", async () => {
    const { connections } = await json(await listConnections(mock, { imodelId, $top: 200 }));
    for (const connection of connections) {
      expect(connection.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(connection.iModelId).toBe(imodelId);
      expect(connection._links.iModel.href).toBe(`${mock.url}/imodels/${imodelId}`);
      expect(connection._links.iTwin.href).toBe(`${mock.url}/itwins/${connection.iTwinId}`);
      expect(connection._links.lastRun.href).toMatch(
        new RegExp(`^${mock.url}/export/connections/${connection.id}/runs/[0-9a-f-]{36}$`),
      );
    }
    expect(new Set(connections.map((c: { authenticationType: string }) => c.authenticationType))).toEqual(
      new Set(["User", "Service"]),
    );
    expect(new Set(connections.map((c: { iTwinId: string }) => c.iTwinId)).size).toBe(1);
  });

  it("finds an iModel whatever the case of its GUID", async () => {
    const response = await listConnections(mock, { imodelId: imodelId.toUpperCase(), $top: 1 });
    expect(response.status).toBe(200);
  });

  it("answers in the vendor media type when Accept asks for it, else in application/json", async () => {
    const auth = `Bearer ${TOKEN}`;
    const vendor = await listConnections(mock, { imodelId }, { Authorization: auth, Accept: VENDOR_JSON });
    expect(vendor.headers.get("content-type")).toBe(VENDOR_JSON);
    const both = await listConnections(
      mock,
      { imodelId },
      { Authorization: auth, Accept: `${VENDOR_JSON}, application/json;q=0.9` },
    );
    expect(both.headers.get("content-type")).toBe(VENDOR_JSON);
    const plain = await listConnections(mock, { imodelId }, { Authorization: auth, Accept: "application/json" });
    expect(plain.headers.get("content-type")).toBe("application/json");
    const none = await listConnections(mock, { imodelId }, { Authorization: auth });
    expect(none.headers.get("content-type")).toBe("application/json");
    const refused = await listConnections(mock, { imodelId }, { Authorization: auth, Accept: `${VENDOR_JSON};q=0` });
    expect(refused.headers.get("content-type")).toBe("application/json");
  });

  it("uses linkBaseUrl for every link", async () => {
    const other = await startMockServer({ linkBaseUrl: "https://api.bentley.com/", connectionsPerImodel: 3 });
    try {
      const page = await json(await listConnections(other, { imodelId: other.imodelIds[0]!, $top: 2 }));
      expect(validatePage(page).valid).toBe(true);
      expect(page._links.next.href).toBe("https://api.bentley.com/export/connections?$skip=2&$top=2");
      expect(page.connections[0]._links.iModel.href).toBe(`https://api.bentley.com/imodels/${other.imodelIds[0]}`);
    } finally {
      await other.close();
    }
  });
});

describe("401", () => {
  it.each([
    ["no Authorization header", {}],
    ["a Basic Authorization header", { Authorization: "Basic dXNlcjpwYXNz" }],
    ["an empty bearer token", { Authorization: "Bearer " }],
  ])("HeaderNotFound for %s", async (_case, headers) => {
    const response = await listConnections(mock, { imodelId }, headers);
    expect(response.status).toBe(401);
    const body = await json(response);
    expect(validateError(body).valid).toBe(true);
    expect(body).toEqual({
      error: { code: "HeaderNotFound", message: "Header Authorization was not found in the request. Access denied." },
    });
  });

  it("comes before request validation", async () => {
    const response = await listConnections(mock, { $top: 0 }, {});
    expect(response.status).toBe(401);
  });
});

describe("404", () => {
  it("ConnectionNotFound for a well-formed but unknown iModel", async () => {
    const response = await listConnections(mock, { imodelId: "00000000-0000-4000-8000-000000000000" });
    expect(response.status).toBe(404);
    const body = await json(response);
    expect(validateError(body).valid).toBe(true);
    expect(body).toEqual({ error: { code: "ConnectionNotFound", message: "Requested iModelId is not available." } });
  });

  it("for any other path", async () => {
    const response = await fetch(`${mock.url}/export/connections/abc`, { headers: { Authorization: "Bearer t" } });
    expect(response.status).toBe(404);
    expect(validateError(await json(response)).valid).toBe(true);
  });
});

describe("405", () => {
  it.each(["POST", "DELETE", "PUT", "HEAD"])("for %s, with Allow", async (method) => {
    const response = await fetch(`${mock.url}/export/connections?imodelId=${imodelId}`, {
      method,
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, OPTIONS");
  });
});

describe("422 InvalidConnectionsRequest", () => {
  async function details(query: Record<string, string | number>) {
    const response = await listConnections(mock, query);
    expect(response.status).toBe(422);
    const body = await json(response);
    expect(validateError(body).valid).toBe(true);
    expect(body.error).toMatchObject({ code: "InvalidConnectionsRequest", message: "Cannot perform operation." });
    return body.error.details;
  }
  const topOutOfLimits = { code: "InvalidValue", message: "Page size is out of limits.", target: "$top" };
  const invalidImodel = { code: "InvalidValue", message: "Provided imodelId value is not valid.", target: "imodelId" };

  it.each([0, 1001, -1, 2.5, "ten", ""])("$top=%s is out of limits", async ($top) => {
    expect(await details({ imodelId: IMODEL_ID, $top })).toEqual([topOutOfLimits]);
  });

  it.each([-1, 1.5, "x"])("$skip=%s is invalid", async ($skip) => {
    expect(await details({ imodelId, $skip })).toEqual([
      { code: "InvalidValue", message: "Skip value is not valid.", target: "$skip" },
    ]);
  });

  it.each(["not-a-guid", IMODEL_ID.slice(0, -1), ""])("imodelId=%j is not valid", async (id) => {
    expect(await details({ imodelId: id })).toEqual([invalidImodel]);
  });

  it("a missing imodelId", async () => {
    expect(await details({ $top: 10 })).toEqual([
      { code: "InvalidValue", message: "Required parameter imodelId is missing.", target: "imodelId" },
    ]);
  });

  it("one detail per invalid parameter", async () => {
    expect(await details({ imodelId: "nope", $top: 5000, $skip: -3 })).toEqual([
      invalidImodel,
      topOutOfLimits,
      { code: "InvalidValue", message: "Skip value is not valid.", target: "$skip" },
    ]);
  });
});

describe("429 TooManyRequests", () => {
  it("past the limit per window, with Retry-After in whole seconds until the window ends", async () => {
    // A window far longer than the test, so no request can fall into the next one however slow the machine.
    const limited = await startMockServer({ rateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const id = limited.imodelIds[0]!;
      const responses = [];
      for (let i = 0; i < 5; i++) responses.push(await listConnections(limited, { imodelId: id }));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);

      const refused = responses[4]!;
      const retryAfter = refused.headers.get("retry-after");
      expect(retryAfter).toMatch(/^[0-9]+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
      const body = await json(refused);
      expect(validateError(body).valid).toBe(true);
      expect(body).toEqual({
        error: {
          code: "TooManyRequests",
          message: "More requests were received than the subscription rate-limit allows.",
        },
      });
    } finally {
      await limited.close();
    }
  });

  it("serves again once the window has passed (on the clock it is given: no real wait)", async () => {
    let now = 1_000_000;
    const limited = await startMockServer({ rateLimit: { limit: 1, windowMs: 200 }, now: () => now });
    try {
      const id = limited.imodelIds[0]!;
      expect((await listConnections(limited, { imodelId: id })).status).toBe(200);
      expect((await listConnections(limited, { imodelId: id })).status).toBe(429);
      now += 200;
      expect((await listConnections(limited, { imodelId: id })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("says Retry-After: 0 for a window under a second (an integer, as the spec's header schema says)", async () => {
    // A clock that never moves: the window cannot end during the test.
    const limited = await startMockServer({ rateLimit: { limit: 1, windowMs: 250 }, now: () => 0 });
    try {
      const id = limited.imodelIds[0]!;
      expect((await listConnections(limited, { imodelId: id })).status).toBe(200);
      const refused = await listConnections(limited, { imodelId: id });
      expect([refused.status, refused.headers.get("retry-after")]).toEqual([429, "0"]);
    } finally {
      await limited.close();
    }
  });

  it("counts only requests to the endpoint, not preflights", async () => {
    const limited = await startMockServer({ rateLimit: { limit: 1, windowMs: 60_000 } });
    try {
      for (let i = 0; i < 3; i++) {
        expect((await fetch(`${limited.url}/export/connections`, { method: "OPTIONS" })).status).toBe(204);
      }
      expect((await listConnections(limited, { imodelId: limited.imodelIds[0]! })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe("CORS", () => {
  it("answers a preflight from any origin with 204, allowing GET with Authorization and Accept", async () => {
    const response = await fetch(`${mock.url}/export/connections?imodelId=${imodelId}`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://app.example",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization,accept",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toContain("GET");
    const allowed = response.headers.get("access-control-allow-headers")?.toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(["authorization", "accept"]));
  });

  it("lets any origin read every response, and Retry-After", async () => {
    const ok = await listConnections(mock, { imodelId }, { Authorization: "Bearer t", Origin: "http://a.example" });
    const denied = await listConnections(mock, { imodelId }, { Origin: "http://b.example" });
    for (const response of [ok, denied]) {
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-expose-headers")).toContain("Retry-After");
    }
  });
});

describe("what every answer says, exactly", () => {
  const auth = { Authorization: `Bearer ${TOKEN}` };

  it("a last page that ends exactly at the last connection has no next link", async () => {
    const total = await startMockServer({ connectionsPerImodel: 20 });
    try {
      const last = await json(await listConnections(total, { imodelId: IMODEL_ID, $top: 10, $skip: 10 }));
      expect(last.connections).toHaveLength(10);
      expect(last._links.next).toBeUndefined();
    } finally {
      await total.close();
    }
  });

  it("pages and errors are Cache-Control: no-store; a preflight may be cached 600 s", async () => {
    const page = await listConnections(mock, { imodelId });
    const error = await listConnections(mock, { imodelId }, {});
    expect([page.headers.get("cache-control"), error.headers.get("cache-control")]).toEqual(["no-store", "no-store"]);
    const preflight = await fetch(`${mock.url}/export/connections`, {
      method: "OPTIONS",
      headers: { Origin: "http://app.example", "Access-Control-Request-Method": "GET" },
    });
    expect(preflight.headers.get("access-control-max-age")).toBe("600");
  });

  it.each([
    [`${VENDOR_JSON}; charset=utf-8`, VENDOR_JSON],
    [`${VENDOR_JSON};q=0.5`, VENDOR_JSON],
    [`text/html, ${VENDOR_JSON.toUpperCase()}`, VENDOR_JSON],
    [`${VENDOR_JSON}; Q=0`, "application/json"],
  ])("Accept: %s answers in %s", async (accept, contentType) => {
    const response = await listConnections(mock, { imodelId }, { ...auth, Accept: accept });
    expect([response.status, response.headers.get("content-type")]).toEqual([200, contentType]);
  });

  it("404 for another path names it and the one this server has", async () => {
    const response = await fetch(`${mock.url}/export/connection?imodelId=${imodelId}`, { headers: auth });
    expect(await json(response)).toEqual({
      error: {
        code: "ResourceNotFound",
        message: "No resource at /export/connection; this server has only GET /export/connections.",
      },
    });
  });

  it("405 names the method", async () => {
    const response = await fetch(`${mock.url}/export/connections?imodelId=${imodelId}`, {
      method: "PUT",
      headers: auth,
    });
    expect([response.status, response.headers.get("allow")]).toEqual([405, "GET, OPTIONS"]);
    expect(await json(response)).toEqual({
      error: { code: "MethodNotAllowed", message: "PUT is not allowed on /export/connections." },
    });
  });

  it("413 for a body over 64 KiB, before the path or the method is looked at", async () => {
    for (const path of ["/export/connections", "/elsewhere"]) {
      const response = await fetch(`${mock.url}${path}`, { method: "POST", headers: auth, body: "x".repeat(65_537) });
      expect(response.status).toBe(413);
      expect(await json(response)).toEqual({
        error: {
          code: "PayloadTooLarge",
          message: "The body is over 65536 bytes, the limit of a request to this mock.",
        },
      });
    }
  });

  it("Prefer: code=300 is not a 2xx: 400 InvalidPreferHeader; code=299 asks for the normal answer", async () => {
    const redirect = await listConnections(mock, { imodelId }, { ...auth, Prefer: "code=300" });
    expect(redirect.status).toBe(400);
    expect((await json(redirect)).error.code).toBe("InvalidPreferHeader");
    expect((await listConnections(mock, { imodelId }, { ...auth, Prefer: "code=299" })).status).toBe(200);
  });
});

describe("401 headers", () => {
  it.each([
    ["no Authorization header", {}],
    ["a Basic Authorization header", { Authorization: "Basic dXNlcjpwYXNz" }],
  ])("asks for a bearer token with WWW-Authenticate when it gets %s", async (_case, headers) => {
    const response = await listConnections(mock, { imodelId }, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
  });
});
