// Issue 19, "Done when": with a rate limit on the mock, eight concurrent workers of one client wait together. A real
// mock over loopback, the client's `inventory(client, ids, { concurrency: 8 })`, and the mock's request log, which says
// what the rate limit decided for each request (the window it fell in, and for a 429 the Retry-After it sent).
//
// The rule, checked on every 429 Q of the log (the rate limit's, and a flaky iModel's 429 or 503 with a Retry-After:
// the client's budget pauses for those too). Q tells its client to wait `Retry-After` whole seconds, so it announces
// the quiet window [Q.timestamp, Q.timestamp + Retry-After) on the mock's clock. A request R breaks the rule when
//   - the client sent R after it had taken Q in (its onResponse hook for Q ran: the moment the client's budget
//     pauses), and
//   - R arrived at the mock before that window ended.
// A request the client had sent before it took Q in was in flight when Q was sent: it may arrive inside the window
// (each of the other seven workers can have one), and it does not break the rule. "Sent after taken in" is an order of
// events in this process (one counter), not a comparison of milliseconds; arrival and window end are both the mock's
// clock, which is this process's Date.now too.
//
// The contrast: the same work by eight separate clients (one worker each, no shared budget) breaks the rule, so the
// check can fail. It must break it on every run: the first iModel listed is a flaky one whose first answer is a 429
// with Retry-After: 1 in a window the limit has not used up, so the seven other clients, never told, go on sending
// during that second. (The rate limit's own 429s alone break it only sometimes: when they come, every worker is
// usually in flight already, and each then waits its own Retry-After.)
import { createExportClient, createHooks, type ExportClient, inventory } from "@export-api/client";
import { expect } from "vitest";
import type { LoggedRequest, MockServer } from "../src/index.js";
import { it } from "./fixtures/mock.js";

/** A header the test's fetch adds, so each log entry can be matched to what the client did. */
const TAG = "x-test-request";
const WORKERS = 8;
/**
 * A 1 s window: Retry-After is whole seconds (a sub-second window says 0, which would announce no wait at all). Fewer
 * requests per window than the eight workers send at once, so every window the listing reaches meets the limit,
 * however slowly a loaded machine sends them.
 */
const RATE_LIMIT = { limit: 6, windowMs: 1000 };

interface Recorder {
  /** When (event number) the client sent each tagged request. */
  sent: Map<string, number>;
  /** When (event number) the client took in each tagged 429. */
  takenIn: Map<string, number>;
  fetch: (request: Request, init?: RequestInit) => Promise<Response>;
  hooks: ReturnType<typeof createHooks>;
}

function recorder(): Recorder {
  let events = 0;
  let tags = 0;
  const sent = new Map<string, number>();
  const takenIn = new Map<string, number>();
  /** The tag of the 429 each URL last got; a URL is asked by one worker at a time (its iModel's listing). */
  const answered = new Map<string, string>();
  return {
    sent,
    takenIn,
    async fetch(request, init) {
      const tag = String(++tags);
      const tagged = new Request(request);
      tagged.headers.set(TAG, tag);
      sent.set(tag, ++events);
      const response = await fetch(tagged, init);
      if (response.headers.has("retry-after")) answered.set(tagged.url, tag);
      return response;
    },
    hooks: createHooks({
      onResponse(event) {
        if (event.status !== 429 && event.status !== 503) return;
        const tag = answered.get(new URL(event.url).href);
        if (tag === undefined) throw new Error(`no tagged 429 for ${event.url}`);
        takenIn.set(tag, ++events);
      },
    }),
  };
}

function client(mock: MockServer, record: Recorder): ExportClient {
  return createExportClient({
    baseUrl: mock.url,
    accessToken: "budget-token",
    fetch: record.fetch,
    hooks: record.hooks,
    // Enough retries that no listing gives up while the limit is hit; the Retry-After waits are what is measured.
    maxRetries: 20,
  });
}

interface Breach {
  announced: string;
  windowEnd: string;
  request: string;
  arrived: string;
}

/** The Retry-After (seconds) a logged request was answered with: the rate limit's 429, or a flaky iModel's. */
function retryAfterOf(entry: LoggedRequest): number | undefined {
  if (entry.rateLimit?.allowed === false) return entry.rateLimit.retryAfter;
  return entry.fleetFault?.class === "flaky" ? entry.fleetFault.retryAfter : undefined;
}

/** The requests sent after the client took a 429 in and arriving before the window it announced ended. */
function breaches(log: readonly LoggedRequest[], record: Recorder): { breaches: Breach[]; told: number } {
  const tagOf = (entry: LoggedRequest) => entry.headers[TAG]!;
  const told = log.filter((entry) => (retryAfterOf(entry) ?? 0) > 0);
  // Each of them was taken in by the client (its onResponse hook ran), so each really announced a window.
  expect(told.filter((entry) => !record.takenIn.has(tagOf(entry)))).toEqual([]);
  const found: Breach[] = [];
  for (const q of told) {
    const takenIn = record.takenIn.get(tagOf(q))!;
    const windowEnd = Date.parse(q.timestamp) + retryAfterOf(q)! * 1000;
    for (const r of log) {
      if (record.sent.get(tagOf(r))! > takenIn && Date.parse(r.timestamp) < windowEnd) {
        found.push({
          announced: `${tagOf(q)} at ${q.timestamp}`,
          windowEnd: new Date(windowEnd).toISOString(),
          request: tagOf(r),
          arrived: r.timestamp,
        });
      }
    }
  }
  return { breaches: found, told: told.length };
}

/**
 * A fleet of 20 iModels, 25 connections on average (some empty, none giant), listed 25 a page: about 30 requests,
 * five windows. A fifth misbehave: one gone, one forbidden, one flaky with 503s, one flaky with 429s, the flaky ones
 * with Retry-After: 1.
 */
const FLEET = {
  seed: 19,
  imodels: 20,
  connectionsPerImodel: 25,
  fleet: true,
  fleetFaults: { rate: 0.2, retryAfter: 1 },
  rateLimit: RATE_LIMIT,
  requestLogLimit: 10_000,
};
const PAGE_SIZE = 25;

/** The iModels, the one whose first answer is a flaky 429 first; and the connections an inventory should find. */
function plan(mock: MockServer) {
  const { flaky, gone, forbidden, connections } = mock.fleet;
  const first = flaky.find((imodel) => imodel.status === 429)!.imodelId;
  const failing = new Set([...gone, ...forbidden]);
  const expected = mock.imodelIds.reduce((sum, id, index) => sum + (failing.has(id) ? 0 : connections[index]!), 0);
  return { ids: [first, ...mock.imodelIds.filter((id) => id !== first)], failing, expected };
}

it("eight concurrent listings of one client wait out every Retry-After together", async ({ startMock }) => {
  const mock = await startMock(FLEET);
  const { ids, failing, expected } = plan(mock);
  const record = recorder();
  const results = [];
  for await (const result of inventory(client(mock, record), ids, { concurrency: WORKERS, pageSize: PAGE_SIZE })) {
    results.push(result);
  }
  expect(new Set(results.filter((result) => !result.ok).map((result) => result.imodelId))).toEqual(failing);
  const listed = results.reduce((sum, result) => sum + (result.ok ? result.connections.length : 0), 0);
  expect(listed).toBe(expected);

  const log = mock.requests;
  expect(log.every((entry) => record.sent.has(entry.headers[TAG]!))).toBe(true);
  const { breaches: found, told } = breaches(log, record);
  // The limit was hit in more than one window, so the client was told to wait more than once.
  expect(
    new Set(log.filter((e) => e.rateLimit?.allowed === false).map((e) => e.rateLimit!.window)).size,
  ).toBeGreaterThan(1);
  expect(told).toBeGreaterThan(0);
  expect(found).toEqual([]);
  // At most one 429 per worker per window: the ones in flight when the first was sent.
  const refusedPerWindow = new Map<number, number>();
  for (const entry of log) {
    if (entry.rateLimit?.allowed === false) {
      refusedPerWindow.set(entry.rateLimit.window, (refusedPerWindow.get(entry.rateLimit.window) ?? 0) + 1);
    }
  }
  expect(Math.max(...refusedPerWindow.values())).toBeLessThanOrEqual(WORKERS);
}, 15_000);

it("eight separate clients, each with its own budget, send requests inside windows they were told of", async ({
  startMock,
}) => {
  const mock = await startMock(FLEET);
  const { ids, failing } = plan(mock);
  const record = recorder();
  const chunks = Array.from({ length: WORKERS }, (_, worker) => ids.filter((_, index) => index % WORKERS === worker));
  await Promise.all(
    chunks.map(async (chunk) => {
      for await (const result of inventory(client(mock, record), chunk, { concurrency: 1, pageSize: PAGE_SIZE })) {
        expect(result.ok).toBe(!failing.has(result.imodelId));
      }
    }),
  );
  const { breaches: found } = breaches(mock.requests, record);
  // About 70 on this machine: the seven other clients' requests during the flaky iModel's second.
  expect(found.length).toBeGreaterThan(0);
}, 15_000);
