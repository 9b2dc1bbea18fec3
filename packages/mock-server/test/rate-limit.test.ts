// The fixed window on its own, with a clock the test controls.
import { describe, expect, it } from "vitest";
import { FixedWindow } from "../src/core/rate-limit.js";

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
