// The Prism helper itself: it starts on a free port, answers, and is gone after close().
import { isAlive } from "@export-api/test-utils";
import { describe, expect, it } from "vitest";
import { startPrism } from "../src/prism.js";

describe("startPrism", () => {
  it("serves the spec on loopback and stops by process id", async () => {
    const prism = await startPrism({ kind: "mock" });
    try {
      expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(isAlive(prism.pid)).toBe(true);
      const response = await fetch(`${prism.url}/export/connections`);
      expect(response.status).toBe(401);
      // stop() is kept, deprecated, as the same function as close().
      expect(prism.stop).toBe(prism.close);
    } finally {
      await prism.close();
    }
    expect(isAlive(prism.pid)).toBe(false);
  });
});
