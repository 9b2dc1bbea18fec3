// The fixed window on its own, with a clock the test controls; and the latency a served answer has and the
// rate limit's 429 has not.
import { describe, expect, it } from "vitest";
import { createMockCore } from "../src/core/mock-core.js";
import { validateMockOptions } from "../src/core/options.js";
import { FixedWindow } from "../src/core/rate-limit.js";
import { SPEC_EXAMPLE_IMODEL_ID } from "../src/core/spec.js";

describe("FixedWindow", () => {
  it("allows `limit` requests per window, then asks to retry when the window ends", () => {
    let now = 10_000;
    const window = new FixedWindow({ limit: 2, windowMs: 5_000 }, () => now);
    expect(window.take()).toEqual({ allowed: true });
    now += 1_000;
    expect(window.take()).toEqual({ allowed: true });
    now += 1_500;
    expect(window.take()).toEqual({ allowed: false, retryAfterSeconds: 3 }); // 2.5 s left, rounded up
    now += 2_499;
    expect(window.take()).toEqual({ allowed: false, retryAfterSeconds: 1 }); // 1 ms left is still 1 s
    now += 1;
    expect(window.take()).toEqual({ allowed: true }); // a new window
  });

  it("says Retry-After: 0 for a window shorter than a second, so a client's retry never waits a real second", () => {
    let now = 0;
    const window = new FixedWindow({ limit: 1, windowMs: 999 }, () => now);
    expect(window.take()).toEqual({ allowed: true });
    expect(window.take()).toEqual({ allowed: false, retryAfterSeconds: 0 });
    now += 998;
    expect(window.take()).toEqual({ allowed: false, retryAfterSeconds: 0 });
    now += 1;
    expect(window.take()).toEqual({ allowed: true });
  });

  it("with limit 0 refuses everything", () => {
    const window = new FixedWindow({ limit: 0, windowMs: 1_000 }, () => 0);
    expect(window.take()).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});

describe("latencyMs: the service's time, past the gateway", () => {
  const core = (latencyMs: number) =>
    createMockCore(validateMockOptions({ latencyMs, rateLimit: { limit: 1, windowMs: 60_000 } }), {
      linkBase: "http://127.0.0.1:4010",
      basePath: "",
      host: "127.0.0.1",
    });
  const get = (mock: ReturnType<typeof core>, imodelId = SPEC_EXAMPLE_IMODEL_ID) =>
    mock.handle({
      method: "GET",
      target: `/export/connections?imodelId=${imodelId}`,
      headers: { host: "127.0.0.1:4010", authorization: "Bearer t0ken-for-tests" },
    });

  it("delays every answer the service gives, a page or its error, but not the rate limit's 429", () => {
    const mock = core(40);
    const page = get(mock);
    expect([page.status, page.action]).toEqual([200, { kind: "delay", ms: 40 }]);
    const refused = get(mock);
    expect([refused.status, refused.action]).toEqual([429, undefined]);

    const other = core(40);
    const unknown = get(other, "00000000-0000-4000-8000-000000000000");
    expect([unknown.status, unknown.action]).toEqual([404, { kind: "delay", ms: 40 }]);
  });

  it("is 0 by default: no delay", () => {
    expect(get(core(0)).action).toBeUndefined();
  });

  it("refuses what is not a whole number of ms from 0 to 60000, naming latencyMs", () => {
    for (const latencyMs of [-1, 1.5, 60_001, "40"]) {
      expect(() => validateMockOptions({ latencyMs: latencyMs as number })).toThrow(/latencyMs/);
    }
  });
});
