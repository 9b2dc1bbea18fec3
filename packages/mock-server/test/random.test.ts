// The core's one portable helper that replaced Buffer, base64url, encodes exactly like Buffer's. Here, not in
// core.test.ts: that file reads the source text, so it is left out of mutation runs, and this test must run there.
import { describe, expect, it } from "vitest";
import { base64url } from "../src/core/random.js";

describe("base64url", () => {
  it("encodes every length like Buffer's base64url, without padding", () => {
    for (let length = 0; length <= 40; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31) & 0xff);
      expect(base64url(data), `length ${length}`).toBe(Buffer.from(data).toString("base64url"));
    }
    expect(base64url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe("-_-_");
  });
});
