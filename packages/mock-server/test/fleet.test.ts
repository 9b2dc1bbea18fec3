// A fleet: varied, seeded connection counts (`fleet`), seeded faults by iModel (`fleetFaults`), what a caller learns
// of both (`mock.fleet`, GET /__mock/fleet), and the request log's rate decisions.
import { createHash } from "node:crypto";
import { IMODEL_ID } from "@export-api/test-utils";
import { describe, expect } from "vitest";
import { connectionCounts } from "../src/core/fleet.js";
import type { FleetInfo, MockServer } from "../src/index.js";
import { listConnections } from "./fixtures/http.js";
import { it } from "./fixtures/mock.js";

const counts = (seed: number, imodels: number, mean = 25) => Array.from(connectionCounts(seed, imodels, mean, true));
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

describe("fleet: varied connection counts", () => {
  it("are the same for the same seed, and differ for another", () => {
    expect(counts(7, 2000)).toEqual(counts(7, 2000));
    expect(counts(8, 2000)).not.toEqual(counts(7, 2000));
    // A pinned fingerprint: the same counts on any machine and engine (integer-exact arithmetic only).
    expect(counts(1, 2000).slice(0, 12)).toMatchInlineSnapshot(`
      [
        33,
        9,
        32,
        25,
        22,
        35,
        0,
        24,
        30,
        0,
        28,
        20,
      ]
    `);
    expect(sum(counts(1, 2000))).toMatchInlineSnapshot(`49821`);
  });

  it.each([100, 2000, 10_000])("for %i iModels: some empty, a few with thousands, most near the mean", (imodels) => {
    const fleet = counts(3, imodels);
    expect(fleet.filter((count) => count === 0).length).toBeGreaterThanOrEqual(imodels / 20);
    const thousands = fleet.filter((count) => count >= 1000).length;
    expect(thousands).toBeGreaterThanOrEqual(1);
    expect(thousands).toBeLessThanOrEqual(Math.ceil(imodels / 1000));
    const near = fleet.filter((count) => count >= 12 && count <= 38).length;
    expect(near / imodels).toBeGreaterThan(0.7);
    const mean = sum(fleet) / imodels;
    // The giants lift a small fleet's mean; from 1,000 iModels on it is within 5% of connectionsPerImodel.
    expect(mean).toBeGreaterThan(25 * 0.95);
    expect(mean).toBeLessThan(imodels >= 1000 ? 25 * 1.05 : 25 * 2);
  });

  it("follow connectionsPerImodel: larger giants, a larger body; none for 0", () => {
    const fleet = counts(3, 2000, 250);
    expect(Math.max(...fleet)).toBeGreaterThanOrEqual(10_000);
    expect(sum(fleet) / 2000).toBeGreaterThan(250 * 0.95);
    expect(counts(3, 2000, 0).every((count) => count === 0)).toBe(true);
    expect(counts(3, 50).every((count) => count < 1000)).toBe(true); // under 100 iModels, no giant
  });

  it("start 10,000 iModels fast, and say so in mock.fleet", async ({ startMock }) => {
    const started = performance.now();
    const mock = await startMock({ imodels: 10_000, fleet: true, seed: 2 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(mock.fleet.varied).toBe(true);
    expect(mock.fleet.connections).toEqual(counts(2, 10_000));
    expect(mock.fleet.totalConnections).toBe(sum(mock.fleet.connections));
    expect(Object.isFrozen(mock.fleet.connections)).toBe(true);
  });

  it("without `fleet`, every iModel has connectionsPerImodel, as before", async ({ startMock }) => {
    const mock = await startMock({ imodels: 4, connectionsPerImodel: 9 });
    expect(mock.fleet).toEqual({
      varied: false,
      connections: [9, 9, 9, 9],
      totalConnections: 36,
      gone: [],
      forbidden: [],
      flaky: [],
    });
  });
});

/** Every connection of an iModel, following next links with a page size of `top`; and the pages' links. */
async function listAll(mock: MockServer, imodelId: string, top: number, headers?: Record<string, string>) {
  const ids: string[] = [];
  let skip = 0;
  for (;;) {
    const response = await listConnections(
      mock,
      { imodelId, $top: top, $skip: skip },
      { Authorization: "Bearer t", ...headers },
    );
    expect(response.status).toBe(200);
    const page = await response.json();
    ids.push(...page.connections.map((connection: { id: string }) => connection.id));
    if (!page._links.next) return { ids, last: page };
    skip = Number(new URL(page._links.next.href).searchParams.get("$skip"));
  }
}

describe("fleet: paging follows each iModel's count", () => {
  it("next links, the last page, $skip past the end, evolve mode's totalCount", async ({ startMock }) => {
    const mock = await startMock({ imodels: 200, fleet: true, seed: 4, evolve: true });
    const { connections } = mock.fleet;
    const index = (predicate: (count: number) => boolean) => connections.findIndex(predicate);
    for (const at of [index((count) => count === 0), index((count) => count >= 1000), index((count) => count > 30)]) {
      const imodelId = mock.imodelIds[at]!;
      const { ids, last } = await listAll(mock, imodelId, 1000);
      expect(ids).toHaveLength(connections[at]!);
      expect(new Set(ids).size).toBe(ids.length);
      expect(last.totalCount).toBe(connections[at]);
      const past = await listConnections(mock, { imodelId, $skip: connections[at]! }, { Authorization: "Bearer t" });
      expect((await past.json()).connections).toEqual([]);
    }
  });

  it("Prefer: code=2xx gets the iModel's own count", async ({ startMock }) => {
    const mock = await startMock({ imodels: 200, fleet: true, seed: 4 });
    const at = mock.fleet.connections.findIndex((count) => count > 0 && count < 100);
    const response = await listConnections(
      mock,
      { imodelId: mock.imodelIds[at]! },
      { Authorization: "Bearer t", Prefer: "code=200" },
    );
    expect((await response.json()).connections).toHaveLength(mock.fleet.connections[at]!);
  });
});

describe("fleetFaults: seeded faults by iModel", () => {
  const faulty = (fleet: FleetInfo) => ({ gone: fleet.gone, forbidden: fleet.forbidden, flaky: fleet.flaky });

  it("picks round(rate x seeded iModels), the same for the same seed, never an iModel the caller named", async ({
    startMock,
  }) => {
    const a = await startMock({ imodels: 2001, seed: 5, fleetFaults: { rate: 0.05 } });
    const b = await startMock({ imodels: 2001, seed: 5, fleetFaults: { rate: 0.05 } });
    const c = await startMock({ imodels: 2001, seed: 6, fleetFaults: { rate: 0.05 } });
    expect(faulty(b.fleet)).toEqual(faulty(a.fleet));
    expect(faulty(c.fleet)).not.toEqual(faulty(a.fleet));
    const { gone, forbidden, flaky } = a.fleet;
    expect(gone.length + forbidden.length + flaky.length).toBe(100);
    expect([gone.length, forbidden.length, flaky.length]).toEqual([25, 25, 50]);
    expect(new Set(flaky.map((imodel) => imodel.status))).toEqual(new Set([429, 503]));
    expect(flaky.every((imodel) => imodel.times >= 1 && imodel.times <= 2 && imodel.retryAfter === 0)).toBe(true);
    expect([...gone, ...forbidden, ...flaky.map((imodel) => imodel.imodelId)]).not.toContain(IMODEL_ID);
    // A higher rate keeps the faulty iModels of a lower one, each in the same class.
    const more = await startMock({ imodels: 2001, seed: 5, fleetFaults: { rate: 0.1 } });
    expect(more.fleet.gone).toEqual(expect.arrayContaining([...gone]));
    expect(more.fleet.flaky).toEqual(expect.arrayContaining([...flaky]));
  });

  it("gone: 404 every time; forbidden: 403 every time; flaky: its status `times` times, then pages", async ({
    startMock,
  }) => {
    const mock = await startMock({ imodels: 40, seed: 5, fleetFaults: { rate: 0.2, retryAfter: 3 } });
    const status = async (imodelId: string) => {
      const response = await listConnections(mock, { imodelId }, { Authorization: "Bearer t" });
      return [response.status, response.headers.get("retry-after"), (await response.json()).error?.code ?? "page"];
    };
    const [gone] = mock.fleet.gone;
    const [forbidden] = mock.fleet.forbidden;
    expect([await status(gone!), await status(gone!)]).toEqual([
      [404, null, "ConnectionNotFound"],
      [404, null, "ConnectionNotFound"],
    ]);
    expect([await status(forbidden!), await status(forbidden!)]).toEqual([
      [403, null, "InsufficientPermissions"],
      [403, null, "InsufficientPermissions"],
    ]);
    for (const flaky of mock.fleet.flaky) {
      const code = flaky.status === 429 ? "TooManyRequests" : "ServiceUnavailable";
      const seen = [];
      for (let i = 0; i <= flaky.times; i++) seen.push(await status(flaky.imodelId));
      expect(seen).toEqual([...Array(flaky.times).fill([flaky.status, "3", code]), [200, null, "page"]]);
    }
    // The log says which fault answered.
    expect(mock.requests.map((entry) => entry.fleetFault?.class ?? "page").slice(0, 4)).toEqual([
      "gone",
      "gone",
      "forbidden",
      "forbidden",
    ]);
    expect(mock.requests.find((entry) => entry.fleetFault?.class === "flaky")?.fleetFault).toEqual({
      class: "flaky",
      status: mock.fleet.flaky[0]!.status,
      retryAfter: 3,
    });
  });

  it("come after the rate limit, the token and the parameters, like an unknown iModel's 404", async ({ startMock }) => {
    const mock = await startMock({ imodels: 40, seed: 5, fleetFaults: { rate: 0.2 } });
    const [gone] = mock.fleet.gone;
    expect((await listConnections(mock, { imodelId: gone! }, {})).status).toBe(401);
    expect((await listConnections(mock, { imodelId: gone!, $top: 0 })).status).toBe(422);
  });

  it("are listed by GET /__mock/fleet, as mock.fleet", async ({ startMock }) => {
    const mock = await startMock({ imodels: 300, seed: 5, fleet: true, fleetFaults: { rate: 0.05, retryAfter: 1 } });
    const response = await fetch(`${mock.url}/__mock/fleet`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(mock.fleet)));
    expect((await fetch(`${mock.url}/__mock/fleet`, { method: "POST", body: "{}" })).status).toBe(405);
  });

  it.each([
    [{ fleetFaults: { rate: 1.5 } }, RangeError, "fleetFaults.rate must be a share from 0 to 1 (e.g. 0.05), got 1.5"],
    [{ fleetFaults: { rate: -0.1 } }, RangeError, "fleetFaults.rate must be a share from 0 to 1"],
    [{ fleetFaults: { rate: Number.NaN } }, RangeError, "fleetFaults.rate must be a share from 0 to 1"],
    [
      { fleetFaults: { rate: "0.1" } },
      RangeError,
      'fleetFaults.rate must be a share from 0 to 1 (e.g. 0.05), got "0.1"',
    ],
    [{ fleetFaults: {} }, RangeError, "fleetFaults.rate must be a share from 0 to 1"],
    [{ fleetFaults: 0.05 }, TypeError, "fleetFaults must be { rate, retryAfter? }, e.g. { rate: 0.05 }, got 0.05"],
    [{ fleetFaults: { rate: 0.1, retryAfter: 1.5 } }, RangeError, "fleetFaults.retryAfter must be an integer from 0"],
    [{ fleetFaults: { rate: 0.1, retryAfter: -1 } }, RangeError, "fleetFaults.retryAfter must be an integer from 0"],
    [{ fleetFaults: { rate: 0.1, retry: 1 } }, TypeError, "fleetFaults.retry is not an option of fleetFaults"],
    [{ fleet: "yes" }, TypeError, 'fleet must be a boolean, got "yes"'],
  ])("refuses %j with an error naming the option", async (options, type, message) => {
    const { startMockServer } = await import("../src/index.js");
    const { createHandlers } = await import("../src/msw.js");
    await expect(startMockServer(options as never)).rejects.toThrow(type);
    await expect(startMockServer(options as never)).rejects.toThrow(message);
    expect(() => createHandlers(options as never)).toThrow(message);
  });
});

describe("the request log shows the shared rate budget", () => {
  it("each request's window, its place in it, and a 429's Retry-After and window end", async ({ startMock }) => {
    let now = Date.UTC(2030, 0, 2, 3, 4, 5);
    const mock = await startMock({ imodels: 3, rateLimit: { limit: 2, windowMs: 2500 }, now: () => now });
    const [first, second] = mock.imodelIds;
    await listConnections(mock, { imodelId: first! }, { Authorization: "Bearer t" });
    now += 500;
    await listConnections(mock, { imodelId: second! }, { Authorization: "Bearer t" });
    await listConnections(mock, { imodelId: first! }, { Authorization: "Bearer t" });
    now += 2000;
    await listConnections(mock, { imodelId: second! }, {});
    expect(mock.requests.map((entry) => entry.rateLimit)).toEqual([
      {
        allowed: true,
        window: 1,
        windowStart: "2030-01-02T03:04:05.000Z",
        windowEnd: "2030-01-02T03:04:07.500Z",
        count: 1,
        limit: 2,
      },
      {
        allowed: true,
        window: 1,
        windowStart: "2030-01-02T03:04:05.000Z",
        windowEnd: "2030-01-02T03:04:07.500Z",
        count: 2,
        limit: 2,
      },
      {
        allowed: false,
        window: 1,
        windowStart: "2030-01-02T03:04:05.000Z",
        windowEnd: "2030-01-02T03:04:07.500Z",
        count: 3,
        limit: 2,
        retryAfter: 2, // 2 s left in the window, at 03:04:05.500
      },
      {
        // A new window, for every iModel: the limit is the subscription's, not the iModel's. Counted before the
        // token is checked (this one has none: 401), as the API does.
        allowed: true,
        window: 2,
        windowStart: "2030-01-02T03:04:07.500Z",
        windowEnd: "2030-01-02T03:04:10.000Z",
        count: 1,
        limit: 2,
      },
    ]);
    expect(Object.isFrozen(mock.requests[0]!.rateLimit)).toBe(true);
    expect(JSON.stringify(mock.requests)).not.toContain('Bearer t"');
  });

  it("no rate limit, no field; requests that never reach it (preflights, other paths, faults) have none", async ({
    startMock,
  }) => {
    const plain = await startMock();
    await listConnections(plain, { imodelId: IMODEL_ID });
    expect(plain.requests[0]).not.toHaveProperty("rateLimit");
    const limited = await startMock({ rateLimit: { limit: 5, windowMs: 1000 } });
    limited.fail({ status: 503 });
    await listConnections(limited, { imodelId: IMODEL_ID });
    await fetch(`${limited.url}/elsewhere`);
    expect(limited.requests.map((entry) => "rateLimit" in entry)).toEqual([false, false]);
  });
});

describe("a seed's fleet, pinned", () => {
  it("seed 3, 300 iModels, rate 0.1: these counts and these misbehaving iModels, on any machine", async ({
    startMock,
  }) => {
    const mock = await startMock({
      seed: 3,
      imodels: 300,
      connectionsPerImodel: 25,
      fleet: true,
      fleetFaults: { rate: 0.1, retryAfter: 2 },
    });
    const { fleet } = mock;
    expect([fleet.totalConnections, fleet.gone.length, fleet.forbidden.length, fleet.flaky.length]).toEqual([
      7970, 8, 8, 14,
    ]);
    expect([fleet.gone[0], fleet.flaky[0]]).toEqual([
      "3be46d42-4460-4dbd-bb09-c472c6b1fe7d",
      { imodelId: "c863e218-19a6-4114-8436-13ce31ac3ba6", status: 503, times: 1, retryAfter: 2 },
    ]);
    expect(createHash("sha256").update(JSON.stringify(fleet)).digest("hex")).toBe(
      "227e44127d3e1ad3f932fca94fe55f866d1e66955b3c503580894ceed35d0346",
    );
  });
});
