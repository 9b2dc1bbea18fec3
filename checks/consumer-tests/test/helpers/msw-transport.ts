// What fixtures/mock-consumer/msw-transport.mjs prints under each msw major, and why the two differ.
import { expect } from "vitest";

const PAGE = "GET /api/export/connections";

/**
 * msw 2 hands the mock's Response to fetch as it is; msw 3 in Node writes it to a socket of its own, as HTTP, and
 * sends the headers only with the first body bytes. So under msw 3 a body that fails before (or right after) its
 * first part fails fetch itself, as a reset before the headers does: `reset-after-headers` and `truncated-body`
 * reject with a TypeError instead of failing the body read (the client's ConnectionError either way, retried).
 */
export function expectedTransport(major: "2" | "3") {
  const bodyFault = major === "2" ? { status: 200, bodyError: "TypeError" } : { rejected: "TypeError" };
  return {
    msw: major,
    page: 5,
    head: { status: 405, body: 0 },
    app: {
      "/API/export/connections": "/API/export/connections",
      "/api/export/connections/": "/api/export/connections/",
      "/api/Export/connections": "/api/Export/connections",
      "/api/__MOCK/faults": "/api/__MOCK/faults",
      "/api": "/api",
    },
    controlNotLogged: { status: 200, body: expect.any(Number) },
    tooLarge: { status: 413, body: expect.any(Number) },
    foreignPage: { status: 403, body: expect.any(Number) },
    queued: { status: 201, body: expect.any(Number) },
    faulted: { status: 503, body: expect.any(Number) },
    "reset-before-headers": { rejected: "TypeError" },
    "reset-after-headers": bodyFault,
    "truncated-body": bodyFault,
    stall: { rejected: "TimeoutError" },
    slowBody: { status: 200, body: expect.any(Number) },
    // The HEAD, the faulted request and the six after it; never the app's paths or the control path.
    logged: [PAGE, PAGE.replace("GET", "HEAD"), ...Array(6).fill(PAGE)],
  };
}

/** What the msw.mjs fixture prints under either msw major: three pages of 120, a 429 fault, then success. */
export const EXPECTED_MSW_PAGING = {
  connections: 120,
  unique: 120,
  pages: 3,
  refused: { name: "RateLimitError", isRateLimitError: true, status: 429 },
  after: 5,
  retried: 5,
  requests: 3 + 1 + 1 + 2,
};
