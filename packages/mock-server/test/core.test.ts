// The core runs in browsers (under MSW): no node: module, no Buffer. And its one portable helper that replaced
// Buffer, base64url, encodes exactly like Buffer's.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { base64url } from "../src/core/random.js";

const CORE = new URL("../src/core/", import.meta.url);

describe("src/core", () => {
  const files = readdirSync(CORE).filter((name) => name.endsWith(".ts"));

  it("has the modules a request passes through", () => {
    expect(files).toEqual(expect.arrayContaining(["mock-core.ts", "faults.ts", "request-target.ts", "responder.ts"]));
  });

  it.each(files)("%s imports no node: module and uses no Buffer or process", (name) => {
    const source = readFileSync(new URL(name, CORE), "utf8");
    expect(source).not.toMatch(/from "node:|require\(|\bBuffer\b|\bprocess\./);
  });
});

describe("base64url", () => {
  it("encodes every length like Buffer's base64url, without padding", () => {
    for (let length = 0; length <= 40; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31) & 0xff);
      expect(base64url(data), `length ${length}`).toBe(Buffer.from(data).toString("base64url"));
    }
    expect(base64url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe("-_-_");
  });
});
