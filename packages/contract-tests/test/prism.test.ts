// The Prism helper itself: it starts on a free port, answers, and is gone after stop().
import { describe, expect, it } from "vitest";
import { startPrism } from "../src/prism.js";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("startPrism", () => {
  it("serves the spec on loopback and stops by process id", async () => {
    const prism = await startPrism({ kind: "mock" });
    try {
      expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(isAlive(prism.pid)).toBe(true);
      const response = await fetch(`${prism.url}/export/connections`);
      expect(response.status).toBe(401);
    } finally {
      await prism.stop();
    }
    expect(isAlive(prism.pid)).toBe(false);
  });
});
